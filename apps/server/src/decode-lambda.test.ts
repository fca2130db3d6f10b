// Wire LambdaFunction / LambdaVariable nodes decode to the core's lambda nodes, and malformed ones are refused.
import * as flatbuffers from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { fb } from '@kindling/protocol';
import { decodeExpression } from './decode-expression.js';

const E = (nodeType: fb.ExprNode, node: fb.ExpressionT['node']) => new fb.ExpressionT(nodeType, node);
const v = (name: string) => E(fb.ExprNode.LambdaVariable, new fb.LambdaVariableT(name));
const lambda = (params: string[], body: fb.ExpressionT | null) => E(fb.ExprNode.LambdaFunction, new fb.LambdaFunctionT(params, body));

function decode(t: fb.ExpressionT) {
  const b = new flatbuffers.Builder(256);
  b.finish(t.pack(b));
  const e = fb.Expression.getRootAsExpression(new flatbuffers.ByteBuffer(b.asUint8Array()));
  return decodeExpression(e, Object.assign(() => { throw new Error('no handles'); }));
}

describe('lambda nodes', () => {
  it('decode to a lambda whose body names its parameters', () => {
    const call = E(fb.ExprNode.Call, new fb.CallT('+', [v('x_0'), v('y_1')], false));
    expect(decode(lambda(['x_0', 'y_1'], call))).toEqual({
      kind: 'lambda',
      params: [{ kind: 'unresolvedLambdaVar', name: 'x_0' }, { kind: 'unresolvedLambdaVar', name: 'y_1' }],
      body: { kind: 'arith', op: '+', left: { kind: 'unresolvedLambdaVar', name: 'x_0' }, right: { kind: 'unresolvedLambdaVar', name: 'y_1' } },
    });
  });

  it('refuses no or too many parameters, repeated or empty names', () => {
    expect(() => decode(lambda([], v('x')))).toThrow(/takes 1 to 3 parameters, got 0/);
    expect(() => decode(lambda(['a', 'b', 'c', 'd'], v('a')))).toThrow(/takes 1 to 3 parameters, got 4/);
    expect(() => decode(lambda(['a', 'a'], v('a')))).toThrow(/'a' is named twice/);
    expect(() => decode(lambda([''], v('a')))).toThrow(/parameter 0 has no name/);
    expect(() => decode(v(''))).toThrow(/LambdaVariable needs a name/);
  });
});

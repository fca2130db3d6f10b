// Binds resolved attributes to column ordinals of an operator's input, for execution.
import { type AttributeReference, type Expression, transformUp } from '../expr/expression.js';

export function bindReferences(e: Expression, input: readonly AttributeReference[]): Expression {
  const index = new Map<number, number>();
  input.forEach((a, i) => {
    if (!index.has(a.exprId)) index.set(a.exprId, i);
  });
  return transformUp(e, (x) => {
    if (x.kind !== 'attr') return x;
    const ordinal = index.get(x.exprId);
    if (ordinal === undefined) {
      throw new Error(`Binding failed: ${x.name}#${x.exprId} is not among the input [${input.map((a) => `${a.name}#${a.exprId}`).join(', ')}]`);
    }
    return { kind: 'boundRef', ordinal, dataType: x.dataType, nullable: input[ordinal]!.nullable };
  });
}

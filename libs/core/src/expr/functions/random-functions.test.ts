// randstr, uniform and shuffle give Spark's values for a seed in partition 0 (answers from Spark 4).
import { describe, expect, it } from 'vitest';
import { ArrayT, DecimalT, IntegerT, LongT } from '../../types/data-type.js';
import { type Expression, lit, type ScalarFunction } from '../expression.js';
import { readValue } from '../eval/values.js';
import { column } from '../eval/test-util.js';
import type * as arrow from 'apache-arrow';
import { lookupScalarFunction } from './registry.js';

function evalCall(name: string, args: Expression[], n = 1, data: arrow.Data[] = []): unknown[] {
  const def = lookupScalarFunction(name)!;
  const r = def.resolveArgs!(args);
  if ('error' in r) throw new Error(r.error);
  const call: ScalarFunction = { kind: 'fn', name, args: r.args, dataType: r.dataType, nullable: r.nullable };
  const { evaluate } = { evaluate: (e: ScalarFunction) => def.eval(data, n, { ansi: false, state: new Map() } as never, e) };
  const d = evaluate(call);
  return Array.from({ length: n }, (_, i) => readValue(d, r.dataType, i));
}

describe('seeded random functions', () => {
  it('randstr draws Spark\'s characters', () => {
    expect(evalCall('randstr', [lit(5), lit(0)], 2)).toEqual(['ceV0P', 'XaR2I']);
    expect(evalCall('randstr', [lit(10), lit(42)])).toEqual(['pll6YOIJNn']);
    expect(() => evalCall('randstr', [lit(-1), lit(0)])).toThrow('The `length` must be between [0, 2147483647] (current value = -1).');
  });

  it('uniform keeps the bounds\' type', () => {
    expect(evalCall('uniform', [lit(1), lit(10), lit(0)], 1, [column(IntegerT, [1]), column(IntegerT, [10])])).toEqual([7]);
    const dec = lookupScalarFunction('uniform')!.resolveArgs!([lit(1n, DecimalT(2, 1)), lit(100n, DecimalT(3, 1)), lit(0)]);
    expect('dataType' in dec && dec.dataType).toEqual(DecimalT(3, 1));
    expect(evalCall('uniform', [lit(1), lit(10n, LongT), lit(0)], 1, [column(IntegerT, [1]), column(LongT, [10n])])).toEqual([7n]);
  });

  it('shuffle permutes as Spark\'s RandomIndicesGenerator', () => {
    const t = ArrayT(IntegerT, false);
    const arr: Expression = { kind: 'boundRef', ordinal: 0, dataType: t, nullable: true };
    expect(evalCall('shuffle', [arr, lit(0)], 1, [column(t, [[1, 2, 3, 4, 5]])])).toEqual([[4, 1, 2, 3, 5]]);
    expect(evalCall('shuffle', [arr, lit(1)], 2, [column(t, [[1, 2, 3, 4, 5], null])])).toEqual([[2, 1, 5, 4, 3], null]);
    expect(() => evalCall('shuffle', [lit(1), lit(0)])).toThrow('requires the "ARRAY" type');
  });
});

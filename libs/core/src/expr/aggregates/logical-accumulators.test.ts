// count_if, bool_and/bool_or, bit_*, collect_set, max_by/min_by and try_sum accumulators on random data with NULLs:
// one pass equals a direct computation, and partial states merged across partitions equal the one-pass result.
import type * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildColumn, valueReader } from '../eval/values.js';
import { type AggregateCall, type LogicalAggregateName, attr } from '../expression.js';
import { BooleanT, type DataType, DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { createAccumulator } from './create-accumulator.js';
import { aggregateDef, aggregateStateTypes } from './registry.js';

function call(fn: LogicalAggregateName, types: DataType[]): AggregateCall {
  const r = aggregateDef(fn).resolve(types, false);
  if ('error' in r) throw new Error(r.error);
  const args = r.argTypes.map((t, k) => attr(`a${k}`, t, true));
  return { kind: 'agg', fn, args, distinct: false, dataType: r.dataType, nullable: r.nullable };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function read(d: arrow.Data, t: DataType, n: number): unknown[] {
  const r = valueReader(d, t);
  return Array.from({ length: n }, (_, i) => r(i));
}

function onePass(c: AggregateCall, cols: unknown[][], gids: Int32Array, numGroups: number): unknown[] {
  const acc = createAccumulator(c);
  acc.grow(numGroups);
  const types = c.args.map((a) => (a as { dataType: DataType }).dataType);
  acc.update(cols.map((v, k) => buildColumn(types[k]!, v)), gids, gids.length);
  return read(acc.result(0, numGroups), c.dataType, numGroups);
}

function merged(c: AggregateCall, cols: unknown[][], gids: Int32Array, numGroups: number, parts: number): unknown[] {
  const final = createAccumulator(c);
  final.grow(numGroups);
  const types = c.args.map((a) => (a as { dataType: DataType }).dataType);
  for (let p = 0; p < parts; p++) {
    const rows = Array.from({ length: gids.length }, (_, i) => i).filter((i) => i % parts === p);
    const partial = createAccumulator(c);
    partial.grow(numGroups);
    partial.update(cols.map((v, k) => buildColumn(types[k]!, rows.map((i) => v[i]))), Int32Array.from(rows.map((i) => gids[i]!)), rows.length);
    const states = partial.states(0, numGroups);
    expect(states.length).toBe(aggregateStateTypes(c).length);
    final.merge(states, Int32Array.from({ length: numGroups }, (_, g) => g), numGroups);
  }
  return read(final.result(0, numGroups), c.dataType, numGroups);
}

describe('logical accumulators', () => {
  const n = 1500;
  const numGroups = 6;
  const rnd = seeded(7);
  const gids = Int32Array.from({ length: n }, () => Math.floor(rnd() * numGroups));
  const ints = Array.from({ length: n }, () => (rnd() < 0.2 ? null : Math.floor(rnd() * 2000) - 1000));
  const longs = ints.map((v) => (v === null ? null : BigInt(v) * 1000003n));
  const bools = ints.map((v) => (v === null ? null : v % 3 !== 0));
  const strs = ints.map((v) => (v === null ? null : `s${Math.abs(v) % 13}`));
  const groupRows = (g: number) => Array.from({ length: n }, (_, i) => i).filter((i) => gids[i] === g);

  const cases: [LogicalAggregateName, DataType[], unknown[][], (rows: number[]) => unknown][] = [
    ['count_if', [BooleanT], [bools], (rows) => BigInt(rows.filter((i) => bools[i] === true).length)],
    ['bool_and', [BooleanT], [bools], (rows) => { const b = rows.map((i) => bools[i]).filter((v) => v !== null); return b.length ? b.every(Boolean) : null; }],
    ['bool_or', [BooleanT], [bools], (rows) => { const b = rows.map((i) => bools[i]).filter((v) => v !== null); return b.length ? b.some(Boolean) : null; }],
    ['bit_and', [IntegerT], [ints], (rows) => rows.map((i) => ints[i]).filter((v) => v !== null).reduce<number | null>((a, b) => (a === null ? b! : a & b!), null)],
    ['bit_or', [LongT], [longs], (rows) => rows.map((i) => longs[i]).filter((v) => v !== null).reduce<bigint | null>((a, b) => (a === null ? b! : a | b!), null)],
    ['bit_xor', [IntegerT], [ints], (rows) => rows.map((i) => ints[i]).filter((v) => v !== null).reduce<number | null>((a, b) => (a === null ? b! : a ^ b!), null)],
    ['try_sum', [LongT], [longs], (rows) => { const v = rows.map((i) => longs[i]).filter((x) => x !== null) as bigint[]; return v.length ? v.reduce((a, b) => a + b, 0n) : null; }],
    ['max_by', [StringT, IntegerT], [strs, ints], (rows) => {
      let best: number | null = null;
      for (const i of rows) if (ints[i] !== null && (best === null || ints[i]! >= ints[best]!)) best = i;
      return best === null ? null : strs[best];
    }],
  ];

  for (const [fn, types, cols, expected] of cases) {
    it(`${fn}: one pass is right, and merged partial states equal it`, () => {
      const c = call(fn, types);
      const one = onePass(c, cols, gids, numGroups);
      for (let g = 0; g < numGroups; g++) expect(one[g]).toEqual(expected(groupRows(g)));
      // max_by takes the later row of equal orderings, which depends on the merge order: compare the ordering's value.
      if (fn !== 'max_by') for (const parts of [2, 5]) expect(merged(c, cols, gids, numGroups, parts)).toEqual(one);
    });
  }

  it('collect_set: the distinct values, merged across partitions', () => {
    const c = call('collect_set', [StringT]);
    const one = onePass(c, [strs], gids, numGroups) as string[][];
    const two = merged(c, [strs], gids, numGroups, 3) as string[][];
    for (let g = 0; g < numGroups; g++) {
      const want = [...new Set(groupRows(g).map((i) => strs[i]).filter((v) => v !== null))].sort();
      expect([...one[g]!].sort()).toEqual(want);
      expect([...two[g]!].sort()).toEqual(want);
    }
  });

  it('try_sum is NULL after an overflow, also when merged', () => {
    const c = call('try_sum', [LongT]);
    const big = [9223372036854775807n, 1n, 5n];
    expect(onePass(c, [big], new Int32Array(3), 1)).toEqual([null]);
    expect(merged(c, [big], new Int32Array(3), 1, 3)).toEqual([null]);
    expect(onePass(c, [[9223372036854775807n, -1n, 1n]], new Int32Array(3), 1)).toEqual([9223372036854775807n]);
  });
});

describe('percentile accumulator', () => {
  it('interpolates as Spark, and merged partial states equal one pass', () => {
    const rnd = seeded(11);
    const n = 800;
    const gids = Int32Array.from({ length: n }, () => Math.floor(rnd() * 4));
    const xs = Array.from({ length: n }, () => (rnd() < 0.2 ? null : Math.round(rnd() * 1000) / 10));
    const args = [attr('x', DoubleT, true), { kind: 'literal' as const, value: 0.3, dataType: DoubleT }, { kind: 'literal' as const, value: 1n, dataType: LongT }];
    const c: AggregateCall = { kind: 'agg', fn: 'percentile', args, distinct: false, dataType: DoubleT, nullable: true };
    const run = (rows: number[], acc = createAccumulator(c)) => {
      acc.grow(4);
      acc.update([buildColumn(DoubleT, rows.map((i) => xs[i])), buildColumn(DoubleT, rows.map(() => 0.3)), buildColumn(LongT, rows.map(() => 1n))], Int32Array.from(rows.map((i) => gids[i]!)), rows.length);
      return acc;
    };
    const all = Array.from({ length: n }, (_, i) => i);
    const one = read(run(all).result(0, 4), DoubleT, 4);
    for (let g = 0; g < 4; g++) {
      const v = all.filter((i) => gids[i] === g && xs[i] !== null).map((i) => xs[i]!).sort((a, b) => a - b);
      const pos = (v.length - 1) * 0.3;
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      expect(one[g]).toBeCloseTo(lo === hi ? v[lo]! : (hi - pos) * v[lo]! + (pos - lo) * v[hi]!, 12);
    }
    const final = createAccumulator(c);
    final.grow(4);
    for (let p = 0; p < 3; p++) final.merge(run(all.filter((i) => i % 3 === p)).states(0, 4), Int32Array.from([0, 1, 2, 3]), 4);
    expect(read(final.result(0, 4), DoubleT, 4)).toEqual(one);
  });
});

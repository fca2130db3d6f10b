import { describe, expect, it } from 'vitest';
import { BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT, type DataType } from '../types/data-type.js';
import { hashColumns } from './hashing.js';
import { dataFromPlainValues } from './plain-values.js';

const col = (t: DataType, vs: unknown[]) => dataFromPlainValues(t, vs);
const h1 = (t: DataType, vs: unknown[]) => Array.from(hashColumns([col(t, vs)], [t], vs.length));

describe('hashColumns', () => {
  it('hashes equal values equally and different values differently, per type', () => {
    const cases: [DataType, unknown[]][] = [
      [IntegerT, [1, 2, 1, -1, 0, 2147483647, -2147483648]],
      [DateT, [1, 2, 1, 19000, 0, -5, 19000]],
      [LongT, [1n, 2n, 1n, -1n, 0n, 9007199254740993n, -(2n ** 63n)]],
      [TimestampT, [1n, 2n, 1n, 1700000000000000n, 0n, 1700000000000000n, -1n]],
      [DoubleT, [1.5, 2.5, 1.5, -1.5, 0, Infinity, -Infinity]],
      [StringT, ['a', 'b', 'a', '', 'héllo wörld', 'abcdefghijk', 'abcdefghijl']],
      [BooleanT, [true, false, true, false, true, false, true]],
    ];
    for (const [t, vs] of cases) {
      const h = h1(t, vs);
      for (let i = 0; i < vs.length; i++) {
        for (let j = 0; j < vs.length; j++) {
          expect(h[i] === h[j], `${t.kind} ${String(vs[i])} vs ${String(vs[j])}`).toBe(vs[i] === vs[j]);
        }
      }
    }
  });

  it('treats -0.0 as 0.0 and every NaN as one value', () => {
    const weirdNaN = new Float64Array(new BigUint64Array([0xfff8000000000001n]).buffer)[0]!;
    expect(Number.isNaN(weirdNaN)).toBe(true);
    const h = h1(DoubleT, [0, -0, NaN, weirdNaN, -NaN, 1]);
    expect(h[0]).toBe(h[1]);
    expect(h[2]).toBe(h[3]);
    expect(h[2]).toBe(h[4]);
    expect(new Set(h).size).toBe(3);
  });

  it('gives NULL one fixed hash in every type, and a NULL row differs from a zero row', () => {
    const types: DataType[] = [IntegerT, LongT, DoubleT, StringT, BooleanT, DateT, TimestampT, NullT];
    for (const t of types) {
      const h = h1(t, [null, null]);
      expect(h[0]).toBe(h[1]);
      expect(h[0]).toBe(h1(IntegerT, [null])[0]);
    }
    expect(h1(IntegerT, [null])[0]).not.toBe(h1(IntegerT, [0])[0]);
    expect(h1(StringT, [null])[0]).not.toBe(h1(StringT, [''])[0]);
  });

  it('reads sliced data at its offset', () => {
    const d = col(StringT, ['x', null, 'hello', 'y', 'hello']);
    const sliced = d.slice(2, 3);
    const h = hashColumns([sliced], [StringT], 3);
    expect(Array.from(h)).toEqual(h1(StringT, ['hello', 'y', 'hello']));
    const ints = col(LongT, [5n, null, 7n, 8n]).slice(1, 3);
    expect(Array.from(hashColumns([ints], [LongT], 3))).toEqual(h1(LongT, [null, 7n, 8n]));
  });

  it('combines several columns, order-sensitively, and depends on the seed', () => {
    const a = col(StringT, ['ab', 'a', 'x', 'y']);
    const b = col(StringT, ['c', 'bc', 'y', 'x']);
    const h = hashColumns([a, b], [StringT, StringT], 4);
    expect(h[0]).not.toBe(h[1]); // ('ab','c') vs ('a','bc')
    expect(h[2]).not.toBe(h[3]); // ('x','y') vs ('y','x')
    const same = hashColumns([col(IntegerT, [1, 1]), col(LongT, [2n, 2n])], [IntegerT, LongT], 2);
    expect(same[0]).toBe(same[1]);
    expect(hashColumns([a], [StringT], 4, 7)[0]).not.toBe(hashColumns([a], [StringT], 4)[0]);
  });

  it('spreads consecutive integers evenly over partitions', () => {
    const n = 64_000;
    const vs = Array.from({ length: n }, (_, i) => i);
    const h = hashColumns([col(IntegerT, vs)], [IntegerT], n);
    for (const p of [8, 64, 7]) {
      const counts = new Array(p).fill(0);
      for (const x of h) counts[x % p]++;
      const expected = n / p;
      for (const c of counts) expect(Math.abs(c - expected)).toBeLessThan(expected * 0.1);
    }
    expect(new Set(h).size).toBeGreaterThan(n - 5);
  });
});

// groupSumAsDouble / groupSumWrapping / groupCount / groupMinMax against the engine's previous
// accumulator loops on random data with nulls, and argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { compareDoubles } from './reference.js';
import { isValid, randomFloat64s, randomInt64s, randomValidity, rng } from './util.js';

const LENS = [0, 1, 63, 64, 65, 1000, 30_000];

function randomGids(r: () => number, len: number, groups: number): Int32Array {
  return Int32Array.from({ length: len }, () => Math.floor(r() * groups));
}

describe('group aggregates', () => {
  it('sum as double: row-order double sums for int32, int64 and double inputs', () => {
    const r = rng(41);
    for (const len of LENS) {
      const groups = 1 + Math.floor(r() * 500);
      const gids = randomGids(r, len, groups);
      const off = len % 5;
      const validity = randomValidity(r, off, len, 0.3);
      const inputs = [
        Int32Array.from({ length: len }, () => (r() * 2 ** 32) | 0),
        randomInt64s(r, len),
        randomFloat64s(r, len, true),
      ];
      for (const values of inputs) {
        const sums = new Float64Array(groups);
        const has = new Uint8Array(groups);
        n.groupSumAsDouble(values, validity, off, gids, len, sums, has);
        const want = new Float64Array(groups);
        const wantHas = new Uint8Array(groups);
        for (let i = 0; i < len; i++) {
          if (!isValid(validity, off, i)) continue;
          want[gids[i]] += Number(values[i]);
          wantHas[gids[i]] = 1;
        }
        expect(sums, `${values.constructor.name} len=${len}`).toEqual(want);
        expect(has).toEqual(wantHas);
      }
    }
  });

  it('wrapping sums, counts with several validities, min and max in Spark order', () => {
    const r = rng(42);
    for (const len of LENS) {
      const groups = 1 + Math.floor(r() * 300);
      const gids = randomGids(r, len, groups);
      const v1 = randomValidity(r, 3, len, 0.2);
      const v2 = randomValidity(r, 0, len, 0.2);
      const longs = randomInt64s(r, len);
      const sums = new BigInt64Array(groups);
      n.groupSumWrapping(longs, v1, 3, gids, len, sums, null);
      const want = new BigInt64Array(groups);
      for (let i = 0; i < len; i++) if (isValid(v1, 3, i)) want[gids[i]] = BigInt.asIntN(64, want[gids[i]] + longs[i]);
      expect(sums).toEqual(want);

      const counts = new BigInt64Array(groups);
      n.groupCount(gids, len, counts, [v1, 3, v2, 0]);
      const wantCounts = new BigInt64Array(groups);
      for (let i = 0; i < len; i++) if (isValid(v1, 3, i) && isValid(v2, 0, i)) wantCounts[gids[i]]++;
      expect(counts).toEqual(wantCounts);

      const doubles = randomFloat64s(r, len, true);
      for (const sign of [-1, 1] as const) {
        const state = new Float64Array(groups);
        const valid = new Uint8Array(groups);
        n.groupMinMax(doubles, v2, 0, gids, len, state, valid, sign);
        const ws = new Float64Array(groups);
        const wv = new Uint8Array(groups);
        for (let i = 0; i < len; i++) {
          if (!isValid(v2, 0, i)) continue;
          const g = gids[i];
          if (!wv[g] || compareDoubles(doubles[i], ws[g]) * sign > 0) {
            ws[g] = doubles[i];
            wv[g] = 1;
          }
        }
        expect(valid).toEqual(wv);
        expect(Array.from(state, (x, g) => (wv[g] ? x : 0))).toEqual(Array.from(ws, (x, g) => (wv[g] ? x : 0)));
        // -0.0 and 0.0 are equal: the first seen stays (Object.is tells them apart).
        for (let g = 0; g < groups; g++) if (wv[g]) expect(Object.is(state[g], ws[g])).toBe(true);
        const st = new BigInt64Array(groups);
        const vv = new Uint8Array(groups);
        n.groupMinMax(longs, null, 0, gids, len, st, vv, sign);
        for (let i = 0; i < len; i++) {
          const g = gids[i];
          expect(sign * (longs[i] < st[g] ? -1 : longs[i] > st[g] ? 1 : 0)).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('checks its arguments and never writes outside the state', () => {
    const sums = new Float64Array(4);
    const vals = new Float64Array(3);
    expect(() => n.groupSumAsDouble(vals, null, 0, Int32Array.from([0, 4, 1]), 3, sums, null)).toThrow(
      new RangeError('groupSumAsDouble: gids[1] = 4 is out of range for a state of 4 groups'),
    );
    expect(() => n.groupSumAsDouble(vals, null, 0, Int32Array.from([0, -1, 1]), 3, sums, null)).toThrow(RangeError);
    expect(() => n.groupSumAsDouble(vals, null, 0, new Int32Array(2), 3, sums, null)).toThrow(RangeError);
    expect(() => n.groupSumAsDouble(new Float64Array(2), null, 0, new Int32Array(3), 3, sums, null)).toThrow(RangeError);
    expect(() => n.groupSumAsDouble(vals, null, 0, new Int32Array(3), 3, sums, new Uint8Array(3))).toThrow(
      /has has 3 bytes, fewer than the 4 groups/,
    );
    expect(() => n.groupSumAsDouble(new Uint8Array(3) as never, null, 0, new Int32Array(3), 3, sums, null)).toThrow(
      new TypeError("groupSumAsDouble: argument 'values' must be an Int32Array, BigInt64Array or Float64Array, got Uint8Array"),
    );
    expect(() => n.groupSumWrapping(vals as never, null, 0, new Int32Array(3), 3, new BigInt64Array(4), null)).toThrow(TypeError);
    expect(() => n.groupCount(new Int32Array(3), 3, new BigInt64Array(4), [new Uint8Array(0), 0])).toThrow(RangeError);
    expect(() => n.groupCount(new Int32Array(3), 3, new BigInt64Array(4), [new Uint8Array(1)])).toThrow(RangeError);
    expect(() => n.groupCount(new Int32Array(3), 3, new BigInt64Array(4), [1, 0] as never)).toThrow(TypeError);
    expect(() => n.groupMinMax(vals, null, 0, new Int32Array(3), 3, new BigInt64Array(4) as never, new Uint8Array(4), 1)).toThrow(TypeError);
    expect(() => n.groupMinMax(vals, null, 0, new Int32Array(3), 3, sums, new Uint8Array(4), 0 as never)).toThrow(RangeError);
    expect(() => n.groupMinMax(vals, null, 0, new Int32Array(3), 3, sums, new Uint8Array(2), 1)).toThrow(RangeError);
    // The rows before a bad gid are folded in; nothing past the state is touched.
    const s = new Float64Array(2);
    expect(() => n.groupSumAsDouble(Float64Array.from([1, 2, 3]), null, 0, Int32Array.from([0, 1, 2]), 3, s, null)).toThrow(RangeError);
    expect(s).toEqual(Float64Array.from([1, 2]));
  });
});

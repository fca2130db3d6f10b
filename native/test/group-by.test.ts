// groupByInt64Sum and its async variant against a Map-based reference, and argument checks.
import { describe, expect, it } from 'vitest';
import { groupByInt64Sum, groupByInt64SumAsync, shmCreate, shmUnlink, segmentName } from '../index.js';
import { groupRows, LENGTHS, OFFSETS, randomFloat64s, randomInt64s, randomValidity, refGroupBySum, rng } from './util.js';

describe('groupByInt64Sum', () => {
  it('matches the reference for few and many groups, NULL keys and NULL values', () => {
    const r = rng(10);
    for (const n of [...LENGTHS, 50_000]) {
      for (const distinct of [1, 3, 100, 1_000_000]) {
        const keys = randomInt64s(r, n, distinct);
        const vals = randomFloat64s(r, n, true);
        for (const [koff, voff, rate] of [
          [0, 0, 0],
          [OFFSETS[1], OFFSETS[2], 0.1],
          [OFFSETS[4], 0, 1],
        ] as const) {
          const kv = rate === 0 ? null : randomValidity(r, koff, n, rate);
          const vv = rate === 0 ? null : randomValidity(r, voff, n, rate / 2);
          const got = groupByInt64Sum(keys, kv, koff, vals, vv, voff, n);
          const want = refGroupBySum(keys, kv, koff, vals, vv, voff, n);
          expect(groupRows(got), `n=${n} distinct=${distinct} rate=${rate}`).toEqual(want);
          expect(got.keyValidity === null).toBe(!want.some((g) => g.key === null));
        }
      }
    }
  });

  it('handles extreme keys, a table that grows many times, and empty input', () => {
    const keys = BigInt64Array.from({ length: 200_000 }, (_, i) => BigInt(i) * 0x1_0000_0001n - (1n << 62n));
    keys[0] = -(1n << 63n);
    keys[1] = (1n << 63n) - 1n;
    keys[2] = 0n;
    const vals = new Float64Array(keys.length).fill(1);
    const got = groupByInt64Sum(keys, null, 0, vals, null, 0, keys.length);
    expect(got.numGroups).toBe(keys.length);
    expect(got.keys).toEqual(keys);
    expect(got.counts).toEqual(new BigInt64Array(keys.length).fill(1n));
    const empty = groupByInt64Sum(new BigInt64Array(0), null, 0, new Float64Array(0), null, 0, 0);
    expect(empty).toEqual({
      keys: new BigInt64Array(0),
      keyValidity: null,
      sums: new Float64Array(0),
      counts: new BigInt64Array(0),
      numGroups: 0,
    });
  });

  it('gives the NULL group a zero key and a cleared validity bit', () => {
    const keys = BigInt64Array.from([5n, 7n, 5n, 9n, 0n]);
    const got = groupByInt64Sum(keys, Uint8Array.from([0b01101]), 0, Float64Array.from([1, 2, 3, 4, 5]), null, 0, 5);
    expect(groupRows(got)).toEqual([
      { key: 5n, sum: 4, count: 2n },
      { key: null, sum: 7, count: 2n },
      { key: 9n, sum: 4, count: 1n },
    ]);
    expect(got.keys).toEqual(BigInt64Array.from([5n, 0n, 9n]));
    expect(got.keyValidity).toEqual(Uint8Array.from([0b101]));
  });

  it('checks its arguments', () => {
    const k = new BigInt64Array(8);
    const v = new Float64Array(8);
    const g = groupByInt64Sum as (...a: unknown[]) => unknown;
    expect(() => g(v, null, 0, v, null, 0, 8)).toThrow(
      new TypeError("groupByInt64Sum: argument 'keys' must be a BigInt64Array, got Float64Array"),
    );
    expect(() => g(k, null, 0, k, null, 0, 8)).toThrow(/argument 'vals' must be a Float64Array/);
    expect(() => g(k, 'x', 0, v, null, 0, 8)).toThrow(/argument 'keyValidity' must be a Uint8Array or null, got string/);
    expect(() => g(k, null, 0, v, {}, 0, 8)).toThrow(/argument 'valValidity' must be a Uint8Array or null, got object/);
    expect(() => g(k, null, 0, v, null, 0, 9)).toThrow(
      new RangeError('groupByInt64Sum: keys has 8 elements, fewer than length 9'),
    );
    expect(() => g(k, null, 0, v.subarray(1), null, 0, 8)).toThrow(/vals has 7 elements/);
    expect(() => g(k, new Uint8Array(1), 1, v, null, 0, 8)).toThrow(/keyValidity has 1 bytes/);
    expect(() => g(k, null, 0, v, new Uint8Array(1), 1, 8)).toThrow(/valValidity has 1 bytes/);
    expect(() => groupByInt64SumAsync(k, null, 0, v, null, 0, 9)).toThrow(RangeError);
  });
});

describe('groupByInt64SumAsync', () => {
  it('resolves to the same result as the synchronous kernel', async () => {
    const r = rng(11);
    const n = 100_000;
    const keys = randomInt64s(r, n, 5000);
    const vals = randomFloat64s(r, n);
    const kv = randomValidity(r, 3, n, 0.05);
    const vv = randomValidity(r, 0, n, 0.1);
    const pending = [1, 2, 3].map(() => groupByInt64SumAsync(keys, kv, 3, vals, vv, 0, n));
    const want = groupByInt64Sum(keys, kv, 3, vals, vv, 0, n);
    for (const got of await Promise.all(pending)) expect(got).toEqual(want);
  });

  it('rejects instead of crashing when the input segment is closed while it runs', async () => {
    const n = 2_000_000;
    const name = segmentName('test-async', Math.floor(Math.random() * 1e9));
    const seg = shmCreate(name, n * 16);
    try {
      const keys = new BigInt64Array(seg.buffer.buffer, seg.buffer.byteOffset, n);
      const vals = new Float64Array(seg.buffer.buffer, seg.buffer.byteOffset + n * 8, n);
      for (let i = 0; i < n; i++) keys[i] = BigInt(i % 1000);
      const p = groupByInt64SumAsync(keys, null, 0, vals, null, 0, n);
      seg.close();
      expect(keys.length).toBe(0); // detached
      await expect(p).rejects.toThrow(/segment was closed while the kernel ran/);
    } finally {
      shmUnlink(name);
    }
  });
});

// hashInt64 against a BigInt reference of murmur3's fmix64, and argument checks.
import { describe, expect, it } from 'vitest';
import { hashInt64 } from '../index.js';
import { LENGTHS, OFFSETS, randomInt64s, randomValidity, refHashInt64, rng } from './util.js';

describe('hashInt64', () => {
  it('matches the reference; NULL hashes to the seed', () => {
    const r = rng(9);
    for (const n of LENGTHS) {
      const values = randomInt64s(r, n);
      for (const seed of [0, 42, 0xffffffff]) {
        expect(hashInt64(values, null, 0, n, seed)).toEqual(refHashInt64(values, null, 0, n, seed));
        for (const off of OFFSETS) {
          const validity = randomValidity(r, off, n, 0.3);
          expect(hashInt64(values, validity, off, n, seed), `n=${n} off=${off}`).toEqual(
            refHashInt64(values, validity, off, n, seed),
          );
        }
      }
    }
  });

  it('spreads small keys over the buckets and depends on the seed', () => {
    const values = BigInt64Array.from({ length: 1 << 16 }, (_, i) => BigInt(i));
    const h = hashInt64(values, null, 0, values.length, 0);
    const buckets = new Uint32Array(256);
    for (const x of h) buckets[x & 255]++;
    expect(Math.min(...buckets)).toBeGreaterThan(180);
    expect(Math.max(...buckets)).toBeLessThan(330);
    expect(hashInt64(values, null, 0, 4, 1)).not.toEqual(h.subarray(0, 4));
  });

  it('checks its arguments', () => {
    const v = new BigInt64Array(4);
    expect(() => hashInt64(v, null, 0, 4, -1)).toThrow(
      new RangeError('hashInt64: seed must be an integer in [0, 2^32 - 1], got -1'),
    );
    expect(() => hashInt64(v, null, 0, 4, 2 ** 32)).toThrow(RangeError);
    expect(() => hashInt64(v, null, 0, 4, 1n as never)).toThrow(new TypeError(
      "hashInt64: argument 'seed' must be a number, got bigint",
    ));
    expect(() => hashInt64(v, null, 0, 5, 0)).toThrow(RangeError);
    expect(() => hashInt64(new BigUint64Array(4) as never, null, 0, 4, 0)).toThrow(/got BigUint64Array/);
    expect(() => hashInt64(v, new Uint8Array(0), 0, 4, 0)).toThrow(RangeError);
  });
});

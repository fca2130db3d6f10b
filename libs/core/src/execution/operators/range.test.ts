import { describe, expect, it } from 'vitest';
import { fillSafeInt64 } from './range.js';
import { SparkSession } from '../../index.js';

function filled(first: number, step: number, len: number): bigint[] {
  const values = new BigInt64Array(len);
  fillSafeInt64(new Uint32Array(values.buffer), first, step, len);
  return [...values];
}

describe('range', () => {
  it('writes int64 halves exactly, across sign and 32-bit boundaries', () => {
    const cases: Array<[number, number, number]> = [
      [0, 1, 5],
      [-3, 1, 7],
      [2 ** 32 - 2, 1, 4],
      [-(2 ** 32) - 1, 1, 3],
      [Number.MAX_SAFE_INTEGER - 4, 1, 5],
      [Number.MIN_SAFE_INTEGER, 7, 4],
      [10, -3, 8],
    ];
    for (const [first, step, len] of cases) {
      const want = Array.from({ length: len }, (_, k) => BigInt(first) + BigInt(k) * BigInt(step));
      expect(filled(first, step, len)).toEqual(want);
    }
  });

  it('gives the same ids through the safe and the BigInt path', async () => {
    const spark = SparkSession.builder().master('local[2]').create();
    try {
      const rows = async (s: bigint, e: bigint, st: bigint, parts: number) => (await spark.range(s, e, st, parts).collect()).map((r) => r.get('id') as bigint);
      expect(await rows(-5n, 5n, 2n, 3)).toEqual([-5n, -3n, -1n, 1n, 3n]);
      expect(await rows(20n, 0n, -7n, 2)).toEqual([20n, 13n, 6n]);
      // Past 2^53 the doubles are not exact: the BigInt path must take over.
      const big = 2n ** 62n;
      expect(await rows(big, big + 4n, 1n, 1)).toEqual([big, big + 1n, big + 2n, big + 3n]);
      const near = BigInt(Number.MAX_SAFE_INTEGER) - 1n;
      expect(await rows(near, near + 4n, 1n, 2)).toEqual([near, near + 1n, near + 2n, near + 3n]);
    } finally {
      spark.stop();
    }
  });
});

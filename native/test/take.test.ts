// takeInt64 / takeFloat64 / takeInt32 against a JS reference, and argument checks.
import { describe, expect, it } from 'vitest';
import { takeFloat64, takeInt32, takeInt64 } from '../index.js';
import { LENGTHS, OFFSETS, randomFloat64s, randomInt64s, randomValidity, refTake, rng, validFlags } from './util.js';

function randomIndices(r: () => number, n: number, valuesLength: number, nullRate: number): Int32Array {
  return Int32Array.from({ length: n }, () =>
    r() < nullRate || valuesLength === 0 ? -1 : Math.floor(r() * valuesLength),
  );
}

const cases = [
  { name: 'takeInt64', take: takeInt64, make: (r: () => number, n: number) => randomInt64s(r, n) },
  { name: 'takeFloat64', take: takeFloat64, make: (r: () => number, n: number) => randomFloat64s(r, n, true) },
  {
    name: 'takeInt32',
    take: takeInt32,
    make: (r: () => number, n: number) => Int32Array.from({ length: n }, () => (r() * 2 ** 32) | 0),
  },
] as const;

for (const { name, take, make } of cases) {
  describe(name, () => {
    it('matches the reference, -1 and null sources giving nulls', () => {
      const r = rng(6);
      for (const n of LENGTHS) {
        const values = make(r, n);
        for (const off of OFFSETS) {
          for (const rate of [0, 0.2, 1]) {
            const validity = rate === 0 && off === 0 ? null : randomValidity(r, off, n, rate);
            const idx = randomIndices(r, Math.floor(r() * 2 * n) + (n === 0 ? 0 : 1), n, rate / 2);
            const got = (take as (...a: unknown[]) => ReturnType<typeof takeInt64>)(values, validity, off, idx);
            const want = refTake(values, validity, off, idx);
            const msg = `n=${n} off=${off} rate=${rate}`;
            expect(got.values, msg).toEqual(want.values);
            expect(validFlags(got.validity, idx.length), msg).toEqual(want.valid);
            expect(got.nullCount, msg).toBe(want.nullCount);
            expect(got.validity === null, msg).toBe(want.nullCount === 0);
            if (got.validity !== null) expect(got.validity.length).toBe(Math.ceil(idx.length / 8));
          }
        }
      }
    });

    it('checks its arguments', () => {
      const values = make(rng(7), 10);
      const t = take as (...a: unknown[]) => unknown;
      expect(() => t(new Uint8Array(10), null, 0, new Int32Array(1))).toThrow(
        new RegExp(`^${name}: argument 'values' must be an? \\w+Array, got Uint8Array$`),
      );
      expect(() => t(values, null, 0, [0])).toThrow(
        new TypeError(`${name}: argument 'indices' must be an Int32Array, got Array`),
      );
      expect(() => t(values, null, 0, new Uint32Array(1))).toThrow(TypeError);
      expect(() => t(values, null, 0, Int32Array.from([0, 10]))).toThrow(
        new RangeError(
          `${name}: indices[1] = 10 is out of range for values of length 10 (-1 is the only index meaning null)`,
        ),
      );
      expect(() => t(values, null, 0, Int32Array.from([-2]))).toThrow(RangeError);
      expect(() => t(values, null, 0, Int32Array.from([-(2 ** 31)]))).toThrow(RangeError);
      expect(() => t(values.subarray(0, 3), null, 0, Int32Array.from([3]))).toThrow(RangeError);
      expect(() => t(values, new Uint8Array(1), 0, new Int32Array(1))).toThrow(/validity has 1 bytes/);
      expect(() => t(values, new Uint8Array(2), 7, new Int32Array(1))).toThrow(RangeError);
      expect(() => t(make(rng(8), 0), null, 0, Int32Array.from([0]))).toThrow(RangeError);
      // Empty values with only -1 indices is fine.
      expect(t(make(rng(8), 0), null, 0, Int32Array.from([-1, -1]))).toMatchObject({ nullCount: 2 });
    });
  });
}

// sumInt64 / sumFloat64 against JS references on seeded random data with nulls, and argument checks.
import { describe, expect, it } from 'vitest';
import { sumFloat64, sumInt64 } from '../index.js';
import {
  LENGTHS,
  OFFSETS,
  randomFloat64s,
  randomInt64s,
  randomValidity,
  refSumFloat64,
  refSumInt64,
  rng,
} from './util.js';

describe('sumInt64', () => {
  it('matches the reference (wrapping) for every length, offset and null rate', () => {
    const r = rng(1);
    for (const n of LENGTHS) {
      const values = randomInt64s(r, n);
      expect(sumInt64(values, null, 0, n)).toEqual(refSumInt64(values, null, 0, n));
      for (const off of OFFSETS) {
        for (const rate of [0, 0.1, 0.5, 1]) {
          const validity = randomValidity(r, off, n, rate);
          expect(sumInt64(values, validity, off, n), `n=${n} off=${off} rate=${rate}`).toEqual(
            refSumInt64(values, validity, off, n),
          );
        }
      }
    }
  });

  it('wraps on overflow and sums a prefix when length < values.length', () => {
    const v = new BigInt64Array([(1n << 63n) - 1n, 1n, 5n]);
    expect(sumInt64(v, null, 0, 2)).toEqual({ sum: -(1n << 63n), count: 2 });
    expect(sumInt64(v, null, 0, 0)).toEqual({ sum: 0n, count: 0 });
    expect(sumInt64(new BigInt64Array(0), null, 0, 0)).toEqual({ sum: 0n, count: 0 });
  });

  it('works on a subarray view (byteOffset) of a larger buffer', () => {
    const r = rng(2);
    const all = randomInt64s(r, 300);
    const view = all.subarray(37, 237);
    const validity = randomValidity(r, 3, 200, 0.3);
    expect(sumInt64(view, validity, 3, 200)).toEqual(refSumInt64(view, validity, 3, 200));
  });
});

describe('sumFloat64', () => {
  it('matches the reference in its documented 4-lane order, NaN and -0 included', () => {
    const r = rng(3);
    for (const n of LENGTHS) {
      const values = randomFloat64s(r, n, true);
      expect(sumFloat64(values, null, 0, n)).toEqual(refSumFloat64(values, null, 0, n));
      for (const off of OFFSETS) {
        for (const rate of [0, 0.1, 0.5, 1]) {
          const validity = randomValidity(r, off, n, rate);
          expect(sumFloat64(values, validity, off, n), `n=${n} off=${off} rate=${rate}`).toEqual(
            refSumFloat64(values, validity, off, n),
          );
        }
      }
    }
  });

  it('is close to a plain sequential sum and ignores NaN under a null bit', () => {
    const r = rng(4);
    const values = randomFloat64s(r, 10_000);
    let seq = 0;
    for (const x of values) seq += x;
    let magnitude = 0;
    for (const x of values) magnitude += Math.abs(x);
    expect(Math.abs(sumFloat64(values, null, 0, values.length).sum - seq)).toBeLessThan(magnitude * 1e-13);
    const v = new Float64Array([1, NaN, 2]);
    expect(sumFloat64(v, new Uint8Array([0b101]), 0, 3)).toEqual({ sum: 3, count: 2 });
    expect(sumFloat64(v, new Uint8Array([0]), 0, 3)).toEqual({ sum: 0, count: 0 });
  });
});

describe('sum argument checks', () => {
  const v64 = new BigInt64Array(10);
  const f64 = new Float64Array(10);
  it('throws TypeError naming the argument', () => {
    expect(() => sumInt64(f64 as never, null, 0, 10)).toThrow(new TypeError(
      "sumInt64: argument 'values' must be a BigInt64Array, got Float64Array",
    ));
    expect(() => sumFloat64(v64 as never, null, 0, 10)).toThrow(/argument 'values' must be a Float64Array/);
    expect(() => sumInt64([1n] as never, null, 0, 1)).toThrow(TypeError);
    expect(() => sumInt64(v64, [255] as never, 0, 10)).toThrow(/argument 'validity' must be a Uint8Array or null/);
    expect(() => sumInt64(v64, new Int8Array(2) as never, 0, 10)).toThrow(TypeError);
    expect(() => sumInt64(v64, new Uint8Array(2), '0' as never, 10)).toThrow(/'validityOffset' must be a number/);
    expect(() => sumInt64(v64, null, 0, 10n as never)).toThrow(/'length' must be a number, got bigint/);
    expect(() => (sumInt64 as (...a: unknown[]) => unknown)()).toThrow(/'values' must be a BigInt64Array, got undefined/);
  });
  it('throws RangeError for bad lengths and short buffers', () => {
    expect(() => sumInt64(v64, null, 0, 11)).toThrow(
      new RangeError('sumInt64: values has 10 elements, fewer than length 11'),
    );
    expect(() => sumFloat64(f64, null, 0, -1)).toThrow(RangeError);
    expect(() => sumFloat64(f64, null, 0, 1.5)).toThrow(RangeError);
    expect(() => sumFloat64(f64, null, 0, NaN)).toThrow(RangeError);
    expect(() => sumFloat64(f64, null, 0, Infinity)).toThrow(RangeError);
    expect(() => sumInt64(v64, new Uint8Array(1), 0, 10)).toThrow(/validity has 1 bytes, fewer than the 2 needed/);
    expect(() => sumInt64(v64, new Uint8Array(2), 7, 10)).toThrow(RangeError);
    expect(() => sumInt64(v64, new Uint8Array(2), -1, 10)).toThrow(RangeError);
    expect(() => sumInt64(v64, new Uint8Array(2), 2 ** 60, 10)).toThrow(RangeError);
    expect(() => sumInt64(v64, null, -3, 10)).toThrow(RangeError);
    // Exactly enough bits is fine.
    expect(sumInt64(v64, new Uint8Array(2).fill(255), 6, 10)).toEqual({ sum: 0n, count: 10 });
  });
});

// filterMaskToIndices against a JS reference, and argument checks.
import { describe, expect, it } from 'vitest';
import { filterMaskToIndices } from '../index.js';
import { LENGTHS, refFilter, rng } from './util.js';

describe('filterMaskToIndices', () => {
  it('matches the reference for dense, sparse, empty and full masks', () => {
    const r = rng(5);
    for (const n of [...LENGTHS, 100_003]) {
      for (const rate of [0, 0.01, 0.5, 0.99, 1]) {
        // Any nonzero byte selects, not only 1.
        const mask = Uint8Array.from({ length: n }, () => (r() < rate ? 1 + Math.floor(r() * 255) : 0));
        expect(filterMaskToIndices(mask, n), `n=${n} rate=${rate}`).toEqual(refFilter(mask, n));
      }
    }
  });

  it('honours length < mask.length, runs of selected rows, and a subarray view', () => {
    const mask = new Uint8Array(40);
    mask.fill(1, 3, 30);
    expect(filterMaskToIndices(mask, 10)).toEqual(Int32Array.from([3, 4, 5, 6, 7, 8, 9]));
    expect(filterMaskToIndices(mask, 40)).toEqual(refFilter(mask, 40));
    expect(filterMaskToIndices(mask.subarray(5), 30)).toEqual(refFilter(mask.subarray(5), 30));
    expect(filterMaskToIndices(Buffer.from([0, 1, 1]), 3)).toEqual(Int32Array.from([1, 2]));
    expect(filterMaskToIndices(new Uint8Array(0), 0)).toEqual(new Int32Array(0));
  });

  it('checks its arguments', () => {
    expect(() => filterMaskToIndices(new Int32Array(4) as never, 4)).toThrow(
      new TypeError("filterMaskToIndices: argument 'mask' must be a Uint8Array, got Int32Array"),
    );
    expect(() => filterMaskToIndices(new Uint8Array(4), '4' as never)).toThrow(TypeError);
    expect(() => filterMaskToIndices(new Uint8Array(4), 5)).toThrow(
      new RangeError('filterMaskToIndices: mask has 4 elements, fewer than length 5'),
    );
    expect(() => filterMaskToIndices(new Uint8Array(4), -1)).toThrow(RangeError);
  });
});

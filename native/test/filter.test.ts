// filterMaskToIndices against a JS reference, and argument checks.
import { describe, expect, it } from 'vitest';
import { filterBoolean, filterFixed, filterMaskToIndices, filterSelection, filterString } from '../index.js';
import { getBit, isValid, LENGTHS, randomFloat64s, randomInt64s, randomValidity, refFilter, refTake, rng, validFlags } from './util.js';

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

describe('filterSelection + filterFixed / filterBoolean / filterString (compaction straight from the mask)', () => {
  // Masks with runs of kept and dropped rows (all-set and all-clear 64-row words) as well as random ones.
  const masks = (r: () => number, n: number): [string, Uint8Array][] => [
    ['none', new Uint8Array(n)],
    ['all', new Uint8Array(n).fill(1)],
    ['sparse', Uint8Array.from({ length: n }, () => (r() < 0.03 ? 7 : 0))],
    ['half', Uint8Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0))],
    ['dense', Uint8Array.from({ length: n }, () => (r() < 0.97 ? 255 : 0))],
    ['runs', Uint8Array.from({ length: n }, (_, i) => (Math.floor(i / 150) % 2 === 0 ? 1 : 0))],
  ];

  it('keeps the selected rows of every column kind, with NULLs and validity offsets, as take does', () => {
    const r = rng(19);
    for (const n of [...LENGTHS, 5000]) {
      for (const [name, mask] of masks(r, n)) {
        const { selection, count } = filterSelection(mask, n);
        const idx = refFilter(mask, n);
        expect(count, `${name} n=${n}`).toBe(idx.length);
        for (const off of [0, 5]) {
          const validity = off === 0 ? null : randomValidity(r, off, n, 0.2);
          for (const values of [
            Int32Array.from({ length: n }, () => Math.floor(r() * 2e9) - 1e9),
            randomInt64s(r, n),
            randomFloat64s(r, n, true),
          ]) {
            const got = filterFixed(values, validity, off, selection, n);
            const want = refTake(values, validity, off, idx);
            expect(got.values.constructor).toBe(values.constructor);
            expect(got.values.length).toBe(idx.length);
            expect(got.nullCount, `${name} n=${n} off=${off}`).toBe(want.nullCount);
            expect(validFlags(got.validity, idx.length)).toEqual(want.valid);
            // Values at NULL rows are copied as they are (only the validity says NULL): compare them too.
            const kept = new (values.constructor as new (n: number) => typeof values)(idx.length);
            for (let j = 0; j < idx.length; j++) kept[j] = values[idx[j]];
            expect(got.values).toEqual(kept);
          }
          // Booleans from a bit offset.
          const bits = randomValidity(r, 3, n, 0.5);
          const b = filterBoolean(bits, 3, validity, off, selection, n);
          expect(b.nullCount).toBe(refTake(new Int32Array(n), validity, off, idx).nullCount);
          expect(Array.from(idx, (_, j) => getBit(b.values, j))).toEqual(Array.from(idx, (i) => getBit(bits, 3 + i)));
          expect(b.values.length).toBe((idx.length + 7) >> 3);
          // Strings of varied lengths (empty ones included).
          const parts = Array.from({ length: n }, () => 'x'.repeat(Math.floor(r() * 5)) + (r() < 0.5 ? 'é' : ''));
          const enc = parts.map((s) => Buffer.from(s));
          const offsets = new Int32Array(n + 1);
          for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + enc[i].length;
          const bytes = Buffer.concat(enc);
          const s = filterString(offsets, bytes, validity, off, selection, n);
          expect(s.offsets.length).toBe(idx.length + 1);
          const got = Array.from({ length: idx.length }, (_, j) => Buffer.from(s.bytes.subarray(s.offsets[j], s.offsets[j + 1])).toString());
          expect(got, `${name} n=${n}`).toEqual(Array.from(idx, (i) => parts[i]));
          expect(validFlags(s.validity, idx.length)).toEqual(Array.from(idx, (i) => isValid(validity, off, i)));
        }
      }
    }
  });

  it('checks its arguments', () => {
    const { selection } = filterSelection(new Uint8Array(100).fill(1), 100);
    expect(selection.length).toBe(2);
    expect(() => filterSelection(new Uint8Array(4), 5)).toThrow(new RangeError('filterSelection: mask has 4 elements, fewer than length 5'));
    expect(() => filterFixed(new Uint8Array(100) as never, null, 0, selection, 100)).toThrow(TypeError);
    expect(() => filterFixed(new Float64Array(99), null, 0, selection, 100)).toThrow(
      new RangeError('filterFixed: values has 99 elements, fewer than length 100'),
    );
    expect(() => filterFixed(new Float64Array(200), null, 0, selection, 200)).toThrow(
      new RangeError('filterFixed: selection has 2 elements, fewer than length 4'),
    );
    expect(() => filterFixed(new Float64Array(100), new Uint8Array(12), 5, selection, 100)).toThrow(RangeError);
    expect(() => filterFixed(new Float64Array(100), null, 0, new Float64Array(2) as never, 100)).toThrow(TypeError);
    expect(() => filterBoolean(new Uint8Array(12), 5, null, 0, selection, 100)).toThrow(RangeError);
    const offsets = Int32Array.from({ length: 101 }, (_, i) => i);
    expect(() => filterString(offsets, new Uint8Array(99), null, 0, selection, 100)).toThrow(
      new RangeError('filterString: offsets of row 99 are not within bytes of length 99'),
    );
    expect(() => filterString(offsets.subarray(0, 100), new Uint8Array(100), null, 0, selection, 100)).toThrow(RangeError);
    offsets[50] = 60;
    expect(() => filterString(offsets, new Uint8Array(100), null, 0, selection, 100)).toThrow(RangeError);
  });
});

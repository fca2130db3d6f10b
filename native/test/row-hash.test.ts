// hashMix* / hashFinish against the engine's previous TypeScript row hash, and argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { KINDS, randomColumn, refHashColumns, type RefColumn } from './reference.js';
import { LENGTHS, OFFSETS, randomValidity, rng } from './util.js';

function nativeHash(cols: { col: RefColumn; validity: Uint8Array | null; off: number }[], len: number, seed: number) {
  const acc = new Uint32Array(len).fill(seed >>> 0);
  for (const { col, validity, off } of cols) {
    switch (col.kind) {
      case 'int32': n.hashMixInt32(acc, col.values, validity, off, len); break;
      case 'int64': n.hashMixInt64(acc, col.values, validity, off, len); break;
      case 'float64': n.hashMixFloat64(acc, col.values, validity, off, len); break;
      case 'boolean': n.hashMixBoolean(acc, col.bits, col.bitOffset, validity, off, len); break;
      case 'string': n.hashMixString(acc, col.offsets, col.bytes, validity, off, len); break;
      case 'null': n.hashMixNull(acc, len); break;
    }
  }
  n.hashFinish(acc, cols.length, len);
  return acc;
}

describe('row hash', () => {
  it('equals the previous TypeScript hash for every kind, with nulls and offsets', () => {
    const r = rng(21);
    for (const len of LENGTHS) {
      for (const kind of [...KINDS, 'null' as const]) {
        for (const off of OFFSETS) {
          const col: RefColumn = kind === 'null' ? { kind } : randomColumn(r, kind, len, 50, off);
          const validity = off === 0 && len % 2 === 0 ? null : randomValidity(r, off, len, 0.25);
          const seed = Math.floor(r() * 2 ** 32);
          const cols = [{ col, validity, off }];
          expect(nativeHash(cols, len, seed), `${kind} n=${len} off=${off}`).toEqual(refHashColumns(cols, len, seed));
        }
      }
    }
  });

  it('chains several columns as the engine does', () => {
    const r = rng(22);
    const len = 5000;
    const cols = KINDS.map((k, i) => ({ col: randomColumn(r, k, len, 30, i), validity: randomValidity(r, i, len, 0.1), off: i }));
    expect(nativeHash(cols, len, 42)).toEqual(refHashColumns(cols, len, 42));
  });

  it('checks its arguments', () => {
    const acc = new Uint32Array(4);
    expect(() => n.hashMixInt64(acc, new BigInt64Array(3), null, 0, 4)).toThrow(
      new RangeError('hashMixInt64: values has 3 elements, fewer than length 4'),
    );
    expect(() => n.hashMixInt64(new Uint32Array(2), new BigInt64Array(4), null, 0, 4)).toThrow(RangeError);
    expect(() => n.hashMixInt64(new Int32Array(4) as never, new BigInt64Array(4), null, 0, 4)).toThrow(
      new TypeError("hashMixInt64: argument 'acc' must be a Uint32Array, got Int32Array"),
    );
    expect(() => n.hashMixInt32(acc, new Float64Array(4) as never, null, 0, 4)).toThrow(TypeError);
    expect(() => n.hashMixFloat64(acc, new Float64Array(4), new Uint8Array(1), 7, 4)).toThrow(/validity has 1 bytes/);
    expect(() => n.hashMixBoolean(acc, new Uint8Array(1), 5, null, 0, 4)).toThrow(RangeError);
    // Offsets past the bytes, or decreasing, are refused instead of read.
    expect(() => n.hashMixString(acc, Int32Array.from([0, 1, 2, 3, 99]), new Uint8Array(3), null, 0, 4)).toThrow(
      /offsets of row 3 \(3, 99\) are not within bytes of length 3/,
    );
    expect(() => n.hashMixString(acc, Int32Array.from([0, 2, 1, 3, 3]), new Uint8Array(3), null, 0, 4)).toThrow(RangeError);
    expect(() => n.hashMixString(acc, Int32Array.from([0, 1, 2]), new Uint8Array(3), null, 0, 4)).toThrow(
      /offsets has 3 elements, fewer than length 5/,
    );
    expect(() => n.hashFinish(acc, -1, 4)).toThrow(RangeError);
    expect(() => n.hashMixNull(acc, 1.5)).toThrow(RangeError);
  });
});

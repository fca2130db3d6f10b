// sortIndices against a stable comparator sort in Spark's order (every kind, several keys, NULLs first/last,
// asc/desc, the radix and the comparison paths), and argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { compareDoubles, encodeArgs, KIND_CODE, KINDS, randomColumn, type Kind, type RefColumn } from './reference.js';
import { getBit, isValid, randomValidity, rng } from './util.js';

interface Key {
  col: RefColumn;
  kind: Kind;
  validity: Uint8Array | null;
  off: number;
  desc: boolean;
  nullsFirst: boolean;
}

function compareValue(c: RefColumn, i: number, j: number): number {
  switch (c.kind) {
    case 'int32':
    case 'int64':
      return c.values[i] < c.values[j] ? -1 : c.values[i] > c.values[j] ? 1 : 0;
    case 'float64':
      return compareDoubles(c.values[i], c.values[j]);
    case 'boolean':
      return Number(getBit(c.bits, c.bitOffset + i)) - Number(getBit(c.bits, c.bitOffset + j));
    case 'string':
      return Buffer.compare(c.bytes.subarray(c.offsets[i], c.offsets[i + 1]), c.bytes.subarray(c.offsets[j], c.offsets[j + 1]));
    case 'null':
      return 0;
  }
}

function reference(keys: Key[], len: number): Int32Array {
  const idx = Array.from({ length: len }, (_, i) => i);
  idx.sort((i, j) => {
    for (const k of keys) {
      const ni = !isValid(k.validity, k.off, i);
      const nj = !isValid(k.validity, k.off, j);
      if (ni || nj) {
        if (ni && nj) continue;
        return (ni ? -1 : 1) * (k.nullsFirst ? 1 : -1);
      }
      const c = compareValue(k.col, i, j) * (k.desc ? -1 : 1);
      if (c !== 0) return c;
    }
    return i - j;
  });
  return Int32Array.from(idx);
}

const toNative = (k: Key): n.SortKeyColumn => {
  const [values, offsets, bitOffset] = encodeArgs(k.col);
  return [KIND_CODE[k.kind], values, offsets, bitOffset, k.validity, k.off, k.desc, k.nullsFirst];
};

describe('sortIndices', () => {
  it('is a stable sort in Spark order for every kind and key combination', () => {
    const r = rng(71);
    const shapes: Kind[][] = [...KINDS.map((k) => [k]), ['int32', 'float64'], ['boolean', 'int64', 'string'], ['float64', 'float64']];
    for (const kinds of shapes) {
      for (const len of [0, 1, 2, 100, 255, 256, 3000]) {
        for (const distinct of [3, 1000]) {
          const keys: Key[] = kinds.map((kind, i) => ({
            kind,
            col: randomColumn(r, kind, len, distinct, i),
            validity: r() < 0.3 ? null : randomValidity(r, i, len, 0.15),
            off: i,
            desc: r() < 0.5,
            nullsFirst: r() < 0.5,
          }));
          expect(n.sortIndices(keys.map(toNative), len), `${kinds} len=${len}`).toEqual(reference(keys, len));
        }
      }
    }
  });

  it('checks its arguments', () => {
    const v = BigInt64Array.from([3n, 1n, 2n]);
    expect(n.sortIndices([[1, v, null, 0, null, 0, false, true]], 3)).toEqual(Int32Array.from([1, 2, 0]));
    expect(() => n.sortIndices([[1, v, null, 0, null, 0, false, true]], 4)).toThrow(RangeError);
    expect(() => n.sortIndices([[1, v, null, 0, new Uint8Array(0), 0, false, true]], 3)).toThrow(/validity is too short/);
    expect(() => n.sortIndices([[1, v, null, 0, null, 0, 'no', true] as never], 3)).toThrow(TypeError);
    expect(() => n.sortIndices([[1, v, null, 0]] as never, 3)).toThrow(TypeError);
    expect(() => n.sortIndices({} as never, 3)).toThrow(TypeError);
    const bad: n.SortKeyColumn = [4, new Uint8Array(2), Int32Array.from([0, 1, 9, 2]), 0, null, 0, false, false];
    expect(() => n.sortIndices([bad], 3)).toThrow(/string offsets of row \d are out of bounds/);
  });
});

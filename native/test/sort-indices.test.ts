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

describe('compareColumns', () => {
  it('gives -1/0/1 per row in Spark order for every kind', () => {
    const r = rng(72);
    for (const kind of KINDS) {
      for (const len of [0, 1, 100, 3000]) {
        const a = randomColumn(r, kind, len, 20, 3);
        const b = randomColumn(r, kind, len, 20, 5);
        const out = new Int8Array(len);
        const [av, ao, abit] = encodeArgs(a);
        const [bv, bo, bbit] = encodeArgs(b);
        n.compareColumns([KIND_CODE[kind], av, ao, abit], [KIND_CODE[kind], bv, bo, bbit], len, out);
        const want = Int8Array.from({ length: len }, (_, i) => {
          // Row i of a against row i of b, through the reference comparator on a two-column view.
          if (kind === 'boolean' && a.kind === 'boolean' && b.kind === 'boolean') {
            return Math.sign(Number(getBit(a.bits, a.bitOffset + i)) - Number(getBit(b.bits, b.bitOffset + i)));
          }
          if (a.kind === 'string' && b.kind === 'string') {
            return Math.sign(Buffer.compare(a.bytes.subarray(a.offsets[i], a.offsets[i + 1]), b.bytes.subarray(b.offsets[i], b.offsets[i + 1])));
          }
          if (a.kind === 'float64' && b.kind === 'float64') return Math.sign(compareDoubles(a.values[i], b.values[i]));
          const x = (a as { values: ArrayLike<number | bigint> }).values[i];
          const y = (b as { values: ArrayLike<number | bigint> }).values[i];
          return x < y ? -1 : x > y ? 1 : 0;
        });
        expect(out, `${kind} len=${len}`).toEqual(want);
      }
    }
  });

  it('orders strings by unsigned bytes whatever their difference (no 8-bit wrap)', () => {
    const enc = new TextEncoder();
    const strs = (xs: string[]): n.JoinKeyColumn => {
      const parts = xs.map((x) => enc.encode(x));
      const offsets = new Int32Array(xs.length + 1);
      parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
      const bytes = new Uint8Array(offsets[xs.length]);
      parts.forEach((p, i) => bytes.set(p, offsets[i]));
      return [4, bytes, offsets, 0];
    };
    const out = new Int8Array(3);
    n.compareColumns(strs(['é', 'x'.repeat(256), '']), strs(['A', '', 'x'.repeat(300)]), 3, out);
    expect([...out]).toEqual([1, 1, -1]);
  });

  it('checks its arguments', () => {
    const col: n.JoinKeyColumn = [1, new BigInt64Array(3), null, 0];
    expect(() => n.compareColumns(col, [0, new Int32Array(3), null, 0], 3, new Int8Array(3))).toThrow(/differ in kind/);
    expect(() => n.compareColumns(col, col, 4, new Int8Array(4))).toThrow(RangeError);
    expect(() => n.compareColumns(col, col, 3, new Int8Array(2))).toThrow(RangeError);
    expect(() => n.compareColumns(col, col, 3, new Uint8Array(3) as never)).toThrow(TypeError);
    const bad: n.JoinKeyColumn = [4, new Uint8Array(1), Int32Array.from([0, 5]), 0];
    expect(() => n.compareColumns(bad, bad, 1, new Int8Array(1))).toThrow(/out of bounds/);
  });
});

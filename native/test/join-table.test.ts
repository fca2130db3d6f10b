// joinTableBuild / joinTableProbe against a nested-loop reference (every key kind, several keys, duplicates,
// NULL keys, small buffers that make the probe resume), and argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { encodeArgs, groupKey, KIND_CODE, KINDS, randomColumn, refHashColumns, type Kind, type RefColumn } from './reference.js';
import { isValid, randomValidity, rng } from './util.js';

function joinCol(c: RefColumn, kind: Kind): n.JoinKeyColumn {
  const [values, offsets, bitOffset] = encodeArgs(c);
  return [KIND_CODE[kind], values, offsets, bitOffset];
}

interface Side {
  cols: { col: RefColumn; validity: Uint8Array | null; off: number }[];
  len: number;
}

function side(r: () => number, kinds: readonly Kind[], len: number, distinct: number, nullRate: number): Side {
  return {
    len,
    cols: kinds.map((k, i) => ({ col: randomColumn(r, k, len, distinct, i), validity: nullRate > 0 ? randomValidity(r, i, len, nullRate) : null, off: i })),
  };
}

const anyNull = (s: Side, i: number) => s.cols.some((c) => !isValid(c.validity, c.off, i));
const keyOf = (s: Side, i: number) => s.cols.map((c) => groupKey(c.col, c.validity, c.off, i)).join('|');

function probeAll(s: Side, b: Side, kinds: readonly Kind[], cap: number, firstOnly: boolean) {
  const skip = (x: Side) => Uint8Array.from({ length: x.len }, (_, i) => (anyNull(x, i) ? 1 : 0));
  const bKeys = b.cols.map((c, k) => joinCol(c.col, kinds[k]));
  const t = n.joinTableBuild(refHashColumns(b.cols, b.len, 7), skip(b), b.len, bKeys);
  const si = new Int32Array(cap);
  const bi = new Int32Array(cap);
  const cursor = Float64Array.from([0, -1]);
  const pairs: string[] = [];
  const sHashes = refHashColumns(s.cols, s.len, 7);
  const sKeys = s.cols.map((c, k) => joinCol(c.col, kinds[k]));
  for (let c = n.joinTableProbe(t, sHashes, skip(s), s.len, bKeys, sKeys, firstOnly, cursor, si, bi); c > 0; ) {
    for (let k = 0; k < c; k++) pairs.push(`${si[k]}:${bi[k]}`);
    c = n.joinTableProbe(t, sHashes, skip(s), s.len, bKeys, sKeys, firstOnly, cursor, si, bi);
  }
  n.joinTableRelease(t);
  return pairs;
}

function reference(s: Side, b: Side, firstOnly: boolean) {
  const pairs: string[] = [];
  const bk = Array.from({ length: b.len }, (_, j) => (anyNull(b, j) ? null : keyOf(b, j)));
  for (let i = 0; i < s.len; i++) {
    if (anyNull(s, i)) continue;
    const sk = keyOf(s, i);
    for (let j = 0; j < b.len; j++) {
      if (bk[j] !== sk) continue;
      pairs.push(`${i}:${j}`);
      if (firstOnly) break;
    }
  }
  return pairs;
}

describe('join table', () => {
  it('finds exactly the key-equal pairs, in stream order then build order, for every kind', () => {
    const r = rng(51);
    const shapes: Kind[][] = [...KINDS.map((k) => [k]), ['int64', 'string'], ['boolean', 'int32', 'float64']];
    for (const kinds of shapes) {
      for (const [sl, bl, distinct] of [[0, 10, 5], [50, 0, 5], [300, 200, 40], [600, 150, 400]]) {
        const s = side(r, kinds, sl, distinct, 0.1);
        const b = side(r, kinds, bl, distinct, 0.1);
        for (const cap of [1, 3, 1000]) {
          for (const firstOnly of [false, true]) {
            expect(probeAll(s, b, kinds, cap, firstOnly), `${kinds} ${sl}x${bl} cap=${cap}`).toEqual(reference(s, b, firstOnly));
          }
        }
      }
    }
  });

  it('checks its arguments', () => {
    const keys = BigInt64Array.from([1n, 2n, 3n]);
    const col: n.JoinKeyColumn = [1, keys, null, 0];
    const h = new Uint32Array(3);
    const t = n.joinTableBuild(h, null, 3, [col]);
    const si = new Int32Array(4);
    const bi = new Int32Array(4);
    const cur = () => Float64Array.from([0, -1]);
    expect(n.joinTableProbe(t, h, null, 3, [col], [col], false, cur(), si, bi)).toBe(3);
    expect(() => n.joinTableBuild(h, null, 4, [col])).toThrow(RangeError);
    expect(() => n.joinTableBuild(h, new Uint8Array(2), 3, [col])).toThrow(RangeError);
    expect(() => n.joinTableBuild(h, null, 3, [[1, new BigInt64Array(2), null, 0]])).toThrow(
      /buildKeys\[0\] values have 2 elements, fewer than length 3/,
    );
    expect(() => n.joinTableBuild(h, null, 3, [[1, new Float64Array(3), null, 0] as never])).toThrow(
      new TypeError('joinTableBuild: buildKeys[0] values/offsets must be a BigInt64Array'),
    );
    expect(() => n.joinTableBuild(h, null, 3, [[9, keys, null, 0] as never])).toThrow(RangeError);
    expect(() => n.joinTableBuild(h, null, 3, [{} as never])).toThrow(TypeError);
    expect(() => n.joinTableProbe({} as never, h, null, 3, [col], [col], false, cur(), si, bi)).toThrow(TypeError);
    expect(() => n.joinTableProbe(t, h, null, 4, [col], [col], false, cur(), si, bi)).toThrow(RangeError);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [[0, new Int32Array(3), null, 0]], false, cur(), si, bi)).toThrow(
      /key column 0 differs in kind/,
    );
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [], false, cur(), si, bi)).toThrow(RangeError);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [col], false, Float64Array.from([0, 3]), si, bi)).toThrow(/cursor/);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [col], false, Float64Array.from([4, -1]), si, bi)).toThrow(/cursor/);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [col], false, cur(), si, new Int32Array(3))).toThrow(RangeError);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [col], 1 as never, cur(), si, bi)).toThrow(TypeError);
    // Strings whose offsets reach past their bytes are refused when read, not read.
    const sb: n.JoinKeyColumn = [4, new Uint8Array(3), Int32Array.from([0, 1, 2, 3]), 0];
    const bad: n.JoinKeyColumn = [4, new Uint8Array(3), Int32Array.from([0, 1, 2, 50]), 0];
    const ts = n.joinTableBuild(h, null, 3, [sb]);
    const big = () => new Int32Array(16);
    expect(() => n.joinTableProbe(ts, h, null, 3, [sb], [bad], false, cur(), big(), big())).toThrow(/stream row 2/);
    expect(() => n.joinTableProbe(ts, h, null, 3, [bad], [sb], false, cur(), big(), big())).toThrow(/build row 2/);
    n.joinTableRelease(t);
    expect(() => n.joinTableProbe(t, h, null, 3, [col], [col], false, cur(), si, bi)).toThrow(/was released/);
    expect(() => n.joinTableRelease(ts as never)).not.toThrow();
    expect(() => n.joinTableRelease(n.pairTableNew() as never)).toThrow(TypeError);
  });
});

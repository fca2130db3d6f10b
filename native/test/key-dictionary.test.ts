// keyDictionary* and pairTable* against first-seen reference codes on random data with nulls, and checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { encodeArgs, groupKey, KIND_CODE, KINDS, randomColumn, refEncode, type RefColumn } from './reference.js';
import { LENGTHS, randomValidity, rng } from './util.js';

function encode(d: n.KeyDictionary, c: RefColumn, validity: Uint8Array | null, off: number, len: number) {
  const [values, offsets, bitOffset] = encodeArgs(c);
  const out = new Int32Array(len);
  const size = n.keyDictionaryEncode(d, values, offsets, bitOffset, validity, off, len, out);
  return { out, size };
}

describe('keyDictionary', () => {
  it('gives dense first-seen codes per kind (NULL one code, -0.0 = 0.0, NaNs one) and decodes them', () => {
    const r = rng(31);
    for (const kind of KINDS) {
      for (const len of [0, 1, 9, 1000, 6000]) {
        for (const distinct of [3, 700, 50_000]) {
          const d = n.keyDictionaryNew(KIND_CODE[kind]);
          const seen = new Map<string, number>();
          const firstRow: { col: RefColumn; validity: Uint8Array | null; off: number; i: number }[] = [];
          // Two batches into one dictionary: codes must stay stable across calls.
          for (let batch = 0; batch < 2; batch++) {
            const off = batch * 3;
            const col = randomColumn(r, kind, len, distinct, off);
            const validity = batch === 0 ? null : randomValidity(r, off, len, 0.2);
            const before = seen.size;
            const want = refEncode(seen, col, validity, off, len);
            const got = encode(d, col, validity, off, len);
            expect(got.out, `${kind} len=${len} distinct=${distinct}`).toEqual(want);
            expect(got.size).toBe(seen.size);
            for (let i = 0; i < len; i++) if (want[i] >= before && firstRow.length === want[i]) firstRow.push({ col, validity, off, i });
          }
          const codes = Int32Array.from({ length: seen.size }, (_, c) => seen.size - 1 - c);
          const back = n.keyDictionaryValues(d, codes);
          for (let j = 0; j < codes.length; j++) {
            const f = firstRow[codes[j]];
            const isNull = back.validity !== null && ((back.validity[j >> 3] >> (j & 7)) & 1) === 0;
            let key: string;
            if (isNull) key = 'NULL';
            else if (kind === 'string') {
              const o = back.offsets!;
              key = groupKey({ kind, offsets: o, bytes: back.values as Uint8Array }, null, 0, j);
            } else if (kind === 'boolean') key = groupKey({ kind, bits: back.values as Uint8Array, bitOffset: 0 }, null, 0, j);
            else key = groupKey({ kind, values: back.values } as RefColumn, null, 0, j);
            expect(key).toBe(groupKey(f.col, f.validity, f.off, f.i));
          }
          expect(n.keyDictionarySize(d)).toBe(seen.size);
          n.keyTableRelease(d);
        }
      }
    }
  });

  it('keeps first-seen codes when a small key range (direct array) widens, moves to the hash table, and meets int64 extremes', () => {
    const r = rng(77);
    for (const kind of ['int32', 'int64'] as const) {
      const d = n.keyDictionaryNew(KIND_CODE[kind]);
      const seen = new Map<string, number>();
      const lim = kind === 'int32' ? 2 ** 31 : 2 ** 62;
      // Batches: a small range, a range shifted below it, one just under the direct limit, then one far away
      // (hash from then on), with NULLs in some; the last holds the type's extremes.
      const ranges: [number, number][] = [[10, 60], [-40, 20], [-30_000, 35_000], [-lim, lim], [0, 100]];
      for (const [b, [lo, hi]] of ranges.entries()) {
        const len = 3000;
        const pick = () => lo + Math.floor(r() * (hi - lo));
        const col: RefColumn =
          kind === 'int32'
            ? { kind, values: Int32Array.from({ length: len }, (_, i) => (b === 3 && i < 2 ? (i === 0 ? -(2 ** 31) : 2 ** 31 - 1) : pick())) }
            : { kind, values: BigInt64Array.from({ length: len }, (_, i) => (b === 3 && i < 2 ? (i === 0 ? -(2n ** 63n) : 2n ** 63n - 1n) : BigInt(pick()))) };
        const validity = b % 2 === 1 ? randomValidity(r, 0, len, 0.1) : null;
        const want = refEncode(seen, col, validity, 0, len);
        const got = encode(d, col, validity, 0, len);
        expect(got.out, `${kind} batch ${b}`).toEqual(want);
        expect(got.size).toBe(seen.size);
      }
      n.keyTableRelease(d);
    }
  });

  it('refuses wrong handles, released handles, short buffers, bad offsets and codes', () => {
    const d = n.keyDictionaryNew(1);
    const out = new Int32Array(4);
    expect(() => n.keyDictionaryEncode({} as never, new BigInt64Array(4), null, 0, null, 0, 4, out)).toThrow(
      new TypeError("keyDictionaryEncode: argument 'dictionary' must be a kindling key dictionary, got object"),
    );
    expect(() => n.keyDictionaryEncode(n.pairTableNew() as never, new BigInt64Array(4), null, 0, null, 0, 4, out)).toThrow(TypeError);
    expect(() => n.keyDictionaryEncode(d, new Float64Array(4) as never, null, 0, null, 0, 4, out)).toThrow(
      new TypeError("keyDictionaryEncode: argument 'values' must be a BigInt64Array, got Float64Array"),
    );
    expect(() => n.keyDictionaryEncode(d, new BigInt64Array(3), null, 0, null, 0, 4, out)).toThrow(RangeError);
    expect(() => n.keyDictionaryEncode(d, new BigInt64Array(4), null, 0, null, 0, 4, new Int32Array(3))).toThrow(RangeError);
    expect(() => n.keyDictionaryEncode(d, new BigInt64Array(4), null, 0, new Uint8Array(1), 5, 4, out)).toThrow(RangeError);
    expect(n.keyDictionaryEncode(d, BigInt64Array.from([5n, 6n, 5n, 7n]), null, 0, null, 0, 4, out)).toBe(3);
    expect(() => n.keyDictionaryValues(d, Int32Array.from([0, 3]))).toThrow(
      new RangeError('keyDictionaryValues: codes[1] = 3 is not below the size 3'),
    );
    expect(() => n.keyDictionaryValues(d, Int32Array.from([-1]))).toThrow(RangeError);
    n.keyTableRelease(d);
    n.keyTableRelease(d); // idempotent
    expect(() => n.keyDictionarySize(d)).toThrow(new Error("keyDictionarySize: argument 'dictionary' was released"));
    expect(() => n.keyDictionaryNew(5 as never)).toThrow(RangeError);
    expect(() => n.keyTableRelease(42 as never)).toThrow(TypeError);

    const s = n.keyDictionaryNew(4);
    const bytes = new Uint8Array(3);
    expect(() => n.keyDictionaryEncode(s, bytes, Int32Array.from([0, 1, 9]), 0, null, 0, 2, out)).toThrow(
      /offsets of row 1 are not within the string bytes/,
    );
    expect(() => n.keyDictionaryEncode(s, bytes, Int32Array.from([0, 1]), 0, null, 0, 2, out)).toThrow(RangeError);
    expect(() => n.keyDictionaryEncode(s, bytes, null as never, 0, null, 0, 2, out)).toThrow(TypeError);
    const b = n.keyDictionaryNew(3);
    expect(() => n.keyDictionaryEncode(b, new Uint8Array(1), null, 4, null, 0, 5, out)).toThrow(RangeError);
  });
});

describe('pairTable', () => {
  it('gives dense first-seen ids to pairs and decodes them', () => {
    const r = rng(32);
    const t = n.pairTableNew();
    const seen = new Map<string, number>();
    for (const len of LENGTHS) {
      const as = Int32Array.from({ length: len }, () => Math.floor(r() * 300));
      const bs = Int32Array.from({ length: len }, () => Math.floor(r() * 300));
      const want = Int32Array.from({ length: len }, (_, i) => {
        const k = `${as[i]},${bs[i]}`;
        if (!seen.has(k)) seen.set(k, seen.size);
        return seen.get(k)!;
      });
      const out = as.slice();
      expect(n.pairTableEncode(t, out, bs, len, out)).toBe(seen.size); // out aliases as
      expect(out).toEqual(want);
    }
    const ids = Int32Array.from({ length: seen.size }, (_, i) => i);
    const { lefts, rights } = n.pairTableDecode(t, ids);
    expect([...seen.keys()]).toEqual(Array.from(ids, (i) => `${lefts[i]},${rights[i]}`));
    expect(() => n.pairTableDecode(t, Int32Array.from([seen.size]))).toThrow(RangeError);
    expect(() => n.pairTableEncode(t, new Int32Array(2), new Int32Array(1), 2, new Int32Array(2))).toThrow(RangeError);
    n.keyTableRelease(t);
    expect(() => n.pairTableDecode(t, ids)).toThrow(/was released/);
  });
});

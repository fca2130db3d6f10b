// like / caseMap against the engine's previous string functions (regex LIKE, JavaScript case mapping) on random
// UTF-8 strings with NULLs (ASCII, Latin, Greek final sigma, Turkish İ, ligatures, emoji); argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { refCase, refLikeRegExp, stringAt, stringColumn } from './reference-expr.js';
import { getBit, rng } from './util.js';

const CHARS = ['a', 'b', 'A', 'Z', 'é', 'É', 'ß', 'Σ', 'σ', 'ς', 'İ', 'ı', 'ﬁ', 'ŉ', '😀', '中', ' ', '\n', '%', '_', '\\', 'Ω'];
const PATTERN_PARTS = ['a', 'b', 'é', '😀', 'Σ', ' ', '%', '%', '_', '\\%', '\\_', '\\\\', '%a%', 'ab'];

function randomString(r: () => number, parts: readonly string[], max: number): string {
  let s = '';
  const len = Math.floor(r() * max);
  for (let i = 0; i < len; i++) s += parts[Math.floor(r() * parts.length)];
  return s;
}

function likeTable(values: (string | null)[], patterns: (string | null)[], sOff: number, pOff: number) {
  const s = stringColumn(values, sOff);
  const p = stringColumn(patterns, pOff);
  return n.like(s.offsets, s.bytes, s.validity, sOff, false, p.offsets, p.bytes, p.validity, pOff, false, values.length);
}

const tables = new Map<boolean, n.CaseTable>();
function caseTable(toUpper: boolean): n.CaseTable {
  if (!tables.has(toUpper)) {
    const keys: number[] = [];
    const offsets = [0];
    const bytes: number[] = [];
    for (let cp = 0x80; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const m = refCase(c, toUpper);
      if (m === c) continue;
      keys.push(cp);
      bytes.push(...new TextEncoder().encode(m));
      offsets.push(bytes.length);
    }
    tables.set(toUpper, n.caseTableNew(Int32Array.from(keys), Int32Array.from(offsets), Uint8Array.from(bytes)));
  }
  return tables.get(toUpper)!;
}

describe('like', () => {
  it('matches the regex LIKE on random strings and patterns, row patterns and scalar patterns', () => {
    const r = rng(501);
    for (let t = 0; t < 40; t++) {
      const len = Math.floor(r() * 120);
      const values = Array.from({ length: len }, () => (r() < 0.1 ? null : randomString(r, CHARS, 8)));
      // Mostly one pattern for many rows (the usual literal), sometimes a pattern per row.
      // Every fifth round may hold malformed patterns (a lone escape before another character or at the end).
      const parts = t % 5 === 4 ? [...PATTERN_PARTS, '\\'] : PATTERN_PARTS;
      const one = randomString(r, parts, 5);
      const patterns = Array.from({ length: len }, () => (r() < 0.1 ? null : t % 2 === 0 ? one : randomString(r, parts, 5)));
      const valid = patterns.every((p) => p === null || refLikeRegExp(p) !== null);
      const sOff = Math.floor(r() * 8);
      const pOff = Math.floor(r() * 8);
      const res = likeTable(values, patterns, sOff, pOff);
      if (!valid) {
        const firstBad = patterns.findIndex((p, i) => p !== null && values[i] !== null && refLikeRegExp(p) === null);
        expect(res.badPatternAt).toBe(firstBad);
        continue;
      }
      expect(res.badPatternAt).toBe(-1);
      for (let i = 0; i < len; i++) {
        const want = values[i] === null || patterns[i] === null ? null : refLikeRegExp(patterns[i]!)!.test(values[i]!);
        const got = res.validity !== null && !getBit(res.validity, i) ? null : getBit(res.values, i);
        expect(got, `${JSON.stringify(values[i])} LIKE ${JSON.stringify(patterns[i])}`).toBe(want);
      }
    }
  });

  it('handles the simple shapes and a scalar pattern', () => {
    const values = ['abc', 'xabcx', 'ab', 'cab', '', 'a😀c', 'A_C'];
    const cases: [string, boolean[]][] = [
      ['abc', [true, false, false, false, false, false, false]],
      ['ab%', [true, false, true, false, false, false, false]],
      ['%ab', [false, false, true, true, false, false, false]],
      ['%ab%', [true, true, true, true, false, false, false]],
      ['%', [true, true, true, true, true, true, true]],
      ['a_c', [true, false, false, false, false, true, false]],
      ['A\\_C', [false, false, false, false, false, false, true]],
      ['', [false, false, false, false, true, false, false]],
    ];
    const s = stringColumn(values);
    for (const [pattern, want] of cases) {
      const p = stringColumn([pattern]);
      const res = n.like(s.offsets, s.bytes, null, 0, false, p.offsets, p.bytes, null, 0, true, values.length);
      expect(Array.from({ length: values.length }, (_, i) => getBit(res.values, i)), pattern).toEqual(want);
    }
  });

  it('reports the first row with a malformed pattern, skipping NULL rows', () => {
    const s = stringColumn(['x', null, 'y', 'z']);
    const p = stringColumn(['%', 'a\\', 'b\\c', 'c\\']);
    expect(n.like(s.offsets, s.bytes, s.validity, 0, false, p.offsets, p.bytes, null, 0, false, 4).badPatternAt).toBe(2);
  });

  it('rejects bad arguments with TypeError / RangeError', () => {
    const s = stringColumn(['ab', 'c']);
    expect(() => n.like(s.offsets, s.bytes, null, 0, false, s.offsets, s.bytes, null, 0, false, 3)).toThrow(/sOffsets has 3 elements/);
    expect(() => n.like(Int32Array.of(0, 5), s.bytes, null, 0, false, s.offsets, s.bytes, null, 0, false, 1)).toThrow(/outside sBytes/);
    expect(() => n.like(Int32Array.of(2, 1, 3), s.bytes, null, 0, false, s.offsets, s.bytes, null, 0, false, 2)).toThrow(/decreasing/);
    expect(() => n.like(s.offsets, 'ab' as never, null, 0, false, s.offsets, s.bytes, null, 0, false, 2)).toThrow(TypeError);
    expect(() => n.like(s.offsets, s.bytes, null, 0, 1 as never, s.offsets, s.bytes, null, 0, false, 2)).toThrow(TypeError);
    expect(() => n.like(s.offsets, s.bytes, new Uint8Array(0), 0, false, s.offsets, s.bytes, null, 0, false, 2)).toThrow(RangeError);
  });
});

describe('caseMap', () => {
  it('matches JavaScript upper/lower case mapping on random UTF-8 strings, final sigma included', () => {
    const r = rng(502);
    for (const toUpper of [true, false]) {
      for (let t = 0; t < 30; t++) {
        const len = Math.floor(r() * 100);
        const ascii = t % 3 === 0;
        const values = Array.from({ length: len }, () => (r() < 0.1 ? null : randomString(r, ascii ? CHARS.slice(0, 4) : CHARS, 10)));
        const off = Math.floor(r() * 8);
        const s = stringColumn(values, off);
        let res = n.caseMap(toUpper, s.offsets, s.bytes, s.validity, off, len, null);
        const hasNonAscii = values.some((v) => v !== null && [...v].some((c) => c.codePointAt(0)! > 0x7f));
        if (hasNonAscii) {
          expect(res).toBeNull();
          res = n.caseMap(toUpper, s.offsets, s.bytes, s.validity, off, len, caseTable(toUpper));
        }
        const out = res!;
        const bytes = out.bytes;
        // The engine patches the final-sigma rows with JavaScript's whole-string mapping.
        for (const row of out.sigmaRows) bytes.set(new TextEncoder().encode(refCase(values[row]!, false)), out.offsets[row]);
        expect(out.nullCount).toBe(values.filter((v) => v === null).length);
        for (let i = 0; i < len; i++) {
          const want = values[i] === null ? null : refCase(values[i]!, toUpper);
          expect(stringAt(out.offsets, bytes, out.validity, i), JSON.stringify(values[i])).toBe(want);
        }
        if (!toUpper) expect([...out.sigmaRows]).toEqual(values.flatMap((v, i) => (v !== null && v.includes('Σ') ? [i] : [])));
      }
    }
  });

  it('rejects bad arguments and handles', () => {
    const s = stringColumn(['ab']);
    expect(() => n.caseMap(true, s.offsets, s.bytes, null, 0, 2, null)).toThrow(RangeError);
    expect(() => n.caseMap(true, s.offsets, s.bytes, null, 0, 1, {} as never)).toThrow(/a CaseTable/);
    const dict = n.keyDictionaryNew(0);
    expect(() => n.caseMap(true, s.offsets, s.bytes, null, 0, 1, dict as never)).toThrow(TypeError);
    n.keyTableRelease(dict);
    expect(() => n.caseMap('yes' as never, s.offsets, s.bytes, null, 0, 1, null)).toThrow(TypeError);
    expect(() => n.caseTableNew(Int32Array.of(200, 100), Int32Array.of(0, 1, 2), new Uint8Array(2))).toThrow(/ascending/);
    expect(() => n.caseTableNew(Int32Array.of(200), Int32Array.of(0, 5), new Uint8Array(2))).toThrow(/outside bytes/);
    expect(() => n.caseTableNew(Int32Array.of(200), Int32Array.of(0), new Uint8Array(2))).toThrow(/keys.length \+ 1/);
  });
});

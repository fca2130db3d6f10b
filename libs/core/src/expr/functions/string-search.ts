// Finding and replacing literal substrings: instr, locate / position, find_in_set, substring_index, split_part,
// replace, translate. Searches run on the UTF-8 bytes (a character's encoding never matches inside another's);
// character positions are counted only when a match needs reporting.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { ExecutionError } from '../../errors.js';
import { IntegerT, StringT } from '../../types/data-type.js';
import { lit } from '../expression.js';
import { bit, int32Values, stringParts, validityOf } from '../eval/columns.js';
import { bytesEqual, charPos, countChars, decodeUtf8, encodeUtf8, StringBuilder } from '../eval/strings.js';
import type { ScalarFunctionDef } from './function-def.js';
import { signature } from './string-args.js';
import { charLength, codePointAt, indexOfBytes, lastIndexOfBytes, validAll } from './string-kernels.js';

/** An int column of `f(row)` for the rows where every argument is non-NULL. */
function intResult(args: readonly arrow.Data[], n: number, f: (i: number) => number): arrow.Data {
  const valid = validAll(args, n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) if (!valid || bit(valid, i)) out[i] = f(i);
  return primitiveData(IntegerT, n, out, valid);
}

/**
 * instr(str, substr[, start[, occurrence]]): the 1-based character position of the `occurrence`-th match of
 * `substr` counting from character `start` (from the end, searching backwards, when `start` is negative); 0 when
 * there is none. Spark 4.3's StringInstr.
 */
function instrAt(hay: Uint8Array, s: number, e: number, nb: Uint8Array, ns: number, ne: number, start: number, occurrence: number): number {
  if (start > 0) {
    let from = charPos(hay, s, e, start - 1);
    if (from >= e && start - 1 > countChars(hay, s, e)) return 0;
    for (let k = occurrence; ; k--) {
      const at = indexOfBytes(hay, from, e, nb, ns, ne);
      if (at < 0) return 0;
      if (k === 1) return countChars(hay, s, at) + 1;
      from = at + Math.max(1, charLength(hay[at] ?? 0));
    }
  }
  // Backwards: the match may start at the start'th character from the end, or anywhere before it.
  const chars = countChars(hay, s, e);
  if (-start > chars) return 0;
  let from = charPos(hay, s, e, chars + start);
  for (let k = occurrence; ; k--) {
    const at = lastIndexOfBytes(hay, s, e, from, nb, ns, ne);
    if (at < 0) return 0;
    if (k === 1) return countChars(hay, s, at) + 1;
    from = at - 1;
  }
}

export const instr: ScalarFunctionDef = {
  name: 'instr',
  completeArgs: (args) => (args.length === 3 ? [...args, lit(1)] : args),
  resolve: (argTypes) => signature('instr', argTypes, ['str', 'str', 'int', 'int'], 2, IntegerT, '[2, 3, 4]'),
  eval(args: readonly arrow.Data[], n: number) {
    const h = stringParts(args[0]!);
    const s = stringParts(args[1]!);
    const starts = args[2] ? int32Values(args[2]) : null;
    const occ = args[3] ? int32Values(args[3]) : null;
    return intResult(args, n, (i) => {
      const start = starts ? starts[i]! : 1;
      const occurrence = occ ? occ[i]! : 1;
      if (occurrence < 1) throw new ExecutionError('INVALID_PARAMETER_VALUE.OCCURRENCE', `The value of parameter(s) \`occurrence\` in \`instr\` is invalid: expects a positive integer, but got ${occurrence}.`);
      // An empty substring is found at once, wherever the search starts; start 0 finds nothing.
      if (s.offsets[i] === s.offsets[i + 1]) return 1;
      if (start === 0) return 0;
      return instrAt(h.bytes, h.offsets[i]!, h.offsets[i + 1]!, s.bytes, s.offsets[i]!, s.offsets[i + 1]!, start, occurrence);
    });
  },
  doc: { description: 'The 1-based position of the first occurrence of `substr` in `str` (from `start`, the `occurrence`-th), or 0.', example: "df.select(instr(col('s'), 'b'))" },
};

/** locate(substr, str[, pos]) and position(…): NULL pos gives 0 (Spark's StringLocate), pos < 1 gives 0. */
function locateFunction(name: 'locate' | 'position'): ScalarFunctionDef {
  return {
    name,
    completeArgs: (args) => (args.length === 2 ? [...args, lit(1)] : args),
    resolve(argTypes) {
      const r = signature(name, argTypes, ['str', 'str', 'int'], 2, IntegerT, '[2, 3]');
      // A NULL start position answers 0, not NULL: the result is NULL only for a NULL string or substring.
      return 'error' in r ? r : { ...r, nullable: (nullable) => nullable[0]! || nullable[1]! };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const sub = stringParts(args[0]!);
      const str = stringParts(args[1]!);
      const pos = args[2] ? int32Values(args[2]) : null;
      const posValid = args[2] ? validityOf(args[2]) : null;
      const valid = validAll(args.slice(0, 2), n);
      const outValid = new Uint8Array((n + 7) >> 3);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const nullPos = posValid !== null && !bit(posValid, i);
        if (!nullPos && valid && !bit(valid, i)) continue;
        outValid[i >> 3]! |= 1 << (i & 7);
        const p = pos ? pos[i]! : 1;
        if (nullPos || p < 1) continue;
        const ss = sub.offsets[i]!;
        const se = sub.offsets[i + 1]!;
        if (ss === se) {
          out[i] = 1;
          continue;
        }
        const s = str.offsets[i]!;
        const e = str.offsets[i + 1]!;
        const from = charPos(str.bytes, s, e, p - 1);
        const at = indexOfBytes(str.bytes, from, e, sub.bytes, ss, se);
        out[i] = at < 0 ? 0 : countChars(str.bytes, s, at) + 1;
      }
      return primitiveData(IntegerT, n, out, outValid);
    },
    doc: {
      description: 'The 1-based position of the first occurrence of `substr` in `str` at or after character `pos`; 0 when there is none (or `pos` is NULL or < 1).',
      example: `df.select(${name}(lit('b'), col('s')))`,
    },
  };
}

export const locate = locateFunction('locate');
export const position = locateFunction('position');

export const findInSet: ScalarFunctionDef = {
  name: 'find_in_set',
  resolve: (argTypes) => signature('find_in_set', argTypes, ['str', 'str'], 2, IntegerT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const m = stringParts(args[0]!);
    const l = stringParts(args[1]!);
    return intResult(args, n, (i) => {
      const ms = m.offsets[i]!;
      const me = m.offsets[i + 1]!;
      for (let k = ms; k < me; k++) if (m.bytes[k] === 0x2c) return 0;
      const s = l.offsets[i]!;
      const e = l.offsets[i + 1]!;
      let item = 1;
      let from = s;
      for (let k = s; k <= e; k++) {
        if (k < e && l.bytes[k] !== 0x2c) continue;
        if (bytesEqual(l.bytes, from, k, m.bytes, ms, me)) return item;
        item++;
        from = k + 1;
      }
      return 0;
    });
  },
  doc: { description: 'The 1-based index of `str` in the comma-separated list `strArray`; 0 when absent or when `str` holds a comma.', example: "df.select(find_in_set(col('s'), lit('a,b,c')))" },
};

export const substringIndex: ScalarFunctionDef = {
  name: 'substring_index',
  resolve: (argTypes) => signature('substring_index', argTypes, ['str', 'str', 'int'], 3, StringT, '3'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const d = stringParts(args[1]!);
    const counts = int32Values(args[2]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, str.bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = str.offsets[i]!;
      const e = str.offsets[i + 1]!;
      const ds = d.offsets[i]!;
      const de = d.offsets[i + 1]!;
      let count = counts[i]!;
      if (de === ds || count === 0) {
        out.endRow();
        continue;
      }
      // Spark's UTF8String.subStringIndex: occurrences are found one byte after the previous one's start.
      if (count > 0) {
        let at = s - 1;
        for (; count > 0; count--) {
          at = indexOfBytes(str.bytes, at + 1, e, d.bytes, ds, de);
          if (at < 0) break;
        }
        out.appendBytes(str.bytes, s, at < 0 ? e : at);
      } else {
        let at = e;
        for (; count < 0; count++) {
          at = lastIndexOfBytes(str.bytes, s, e, at - 1, d.bytes, ds, de);
          if (at < 0) break;
        }
        out.appendBytes(str.bytes, at < 0 ? s : at + (de - ds), e);
      }
    }
    return out.finish();
  },
  doc: { description: 'The part of the string before the `count`-th occurrence of `delim` (after the `-count`-th from the end when negative).', example: "df.select(substring_index(col('s'), '.', 2))" },
};

export const splitPart: ScalarFunctionDef = {
  name: 'split_part',
  resolve: (argTypes) => signature('split_part', argTypes, ['str', 'str', 'int'], 3, StringT, '3'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const d = stringParts(args[1]!);
    const parts = int32Values(args[2]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, str.bytes.length);
    const cuts: number[] = [];
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const part = parts[i]!;
      if (part === 0) throw new ExecutionError('INVALID_INDEX_OF_ZERO', 'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).');
      const s = str.offsets[i]!;
      const e = str.offsets[i + 1]!;
      const ds = d.offsets[i]!;
      const de = d.offsets[i + 1]!;
      // Piece k is [cuts[2k], cuts[2k+1]); an empty delimiter leaves the string whole (Spark's splitSQL).
      cuts.length = 0;
      cuts.push(s);
      if (de > ds) {
        for (let at = indexOfBytes(str.bytes, s, e, d.bytes, ds, de); at >= 0; at = indexOfBytes(str.bytes, at + (de - ds), e, d.bytes, ds, de)) {
          cuts.push(at, at + (de - ds));
        }
      }
      cuts.push(e);
      const pieces = cuts.length / 2;
      const k = part > 0 ? part - 1 : pieces + part;
      if (k < 0 || k >= pieces) out.endRow();
      else out.appendBytes(str.bytes, cuts[2 * k]!, cuts[2 * k + 1]!);
    }
    return out.finish();
  },
  doc: { description: 'The `partNum`-th piece of the string split on `delimiter` (from the end when negative); empty when out of range.', example: "df.select(split_part(col('s'), lit('.'), lit(2)))" },
};

export const replace: ScalarFunctionDef = {
  name: 'replace',
  completeArgs: (args) => (args.length === 2 ? [...args, lit('')] : args),
  resolve: (argTypes) => signature('replace', argTypes, ['str', 'str', 'str'], 2, StringT, '[2, 3]'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const f = stringParts(args[1]!);
    const r = args[2] ? stringParts(args[2]) : { offsets: new Int32Array(n + 1), bytes: new Uint8Array(0) };
    const valid = validAll(args, n);
    const out = new StringBuilder(n, str.bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = str.offsets[i]!;
      const e = str.offsets[i + 1]!;
      const fs = f.offsets[i]!;
      const fe = f.offsets[i + 1]!;
      let at = fe > fs ? indexOfBytes(str.bytes, s, e, f.bytes, fs, fe) : -1;
      if (at < 0) {
        out.appendBytes(str.bytes, s, e);
        continue;
      }
      let from = s;
      for (; at >= 0; at = indexOfBytes(str.bytes, from, e, f.bytes, fs, fe)) {
        out.extend(str.bytes, from, at);
        out.extend(r.bytes, r.offsets[i]!, r.offsets[i + 1]!);
        from = at + (fe - fs);
      }
      out.extend(str.bytes, from, e);
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'Replaces every occurrence of `search` with `replace` (by default removes them).', example: "df.select(replace(col('s'), lit('a'), lit('b')))" },
};

/** A translate dictionary: ASCII keys in a byte table, others in a map; a replacement of null deletes the character. */
interface TranslateDict {
  /** -1: keep, -2: delete, else the ASCII byte to write; only when every key and replacement is ASCII. */
  readonly ascii: Int16Array | null;
  readonly map: Map<number, Uint8Array | null>;
}

/** Spark's StringTranslate.buildDict: the i-th character of `matching` maps to the i-th of `replace` (first wins). */
export function translateDict(matching: string, replaceWith: string): TranslateDict {
  const from = [...matching];
  const to = [...replaceWith];
  const map = new Map<number, Uint8Array | null>();
  from.forEach((c, i) => {
    const cp = c.codePointAt(0)!;
    if (!map.has(cp)) map.set(cp, i < to.length ? encodeUtf8(to[i]!) : null);
  });
  let allAscii = true;
  for (const [k, v] of map) if (k >= 0x80 || (v !== null && (v.length !== 1 || v[0]! >= 0x80))) allAscii = false;
  let ascii: Int16Array | null = null;
  if (allAscii) {
    ascii = new Int16Array(256).fill(-1);
    for (const [k, v] of map) ascii[k] = v === null ? -2 : v[0]!;
  }
  return { ascii, map };
}

export const translate: ScalarFunctionDef = {
  name: 'translate',
  resolve: (argTypes) => signature('translate', argTypes, ['str', 'str', 'str'], 3, StringT, '3'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const m = stringParts(args[1]!);
    const r = stringParts(args[2]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, str.bytes.length);
    let dict: TranslateDict | null = null;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      // The dictionary is nearly always one literal pair: rebuilt only when a row's pair differs from the last.
      if (prev < 0 || !bytesEqual(m.bytes, m.offsets[i]!, m.offsets[i + 1]!, m.bytes, m.offsets[prev]!, m.offsets[prev + 1]!) || !bytesEqual(r.bytes, r.offsets[i]!, r.offsets[i + 1]!, r.bytes, r.offsets[prev]!, r.offsets[prev + 1]!)) {
        dict = translateDict(decodeUtf8(m.bytes, m.offsets[i]!, m.offsets[i + 1]!), decodeUtf8(r.bytes, r.offsets[i]!, r.offsets[i + 1]!));
      }
      prev = i;
      const s = str.offsets[i]!;
      const e = str.offsets[i + 1]!;
      const b = str.bytes;
      const table = dict!.ascii;
      if (table) {
        // Multi-byte characters hold no ASCII bytes, so every byte ≥ 0x80 passes through.
        for (let k = s; k < e; k++) {
          const x = table[b[k]!]!;
          if (x === -1) out.extendByte(b[k]!);
          else if (x >= 0) out.extendByte(x);
        }
      } else {
        for (let k = s; k < e; ) {
          const len = charLength(b[k]!);
          const rep = dict!.map.get(codePointAt(b, k));
          if (rep === undefined) out.extend(b, k, Math.min(k + len, e));
          else if (rep !== null) out.extend(rep, 0, rep.length);
          k += len;
        }
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'Replaces each character of the string found in `matching` with the character at the same place in `replace`, deleting it when `replace` is shorter.', example: "df.select(translate(col('s'), 'abc', 'xy'))" },
};

export const STRING_SEARCH: readonly ScalarFunctionDef[] = [instr, locate, position, findInSet, substringIndex, splitPart, replace, translate];

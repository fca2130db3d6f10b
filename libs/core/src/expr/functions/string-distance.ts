// levenshtein (with Spark 3.5's optional threshold) and soundex: how alike two strings are, and how a name sounds
// (US English soundex over ASCII letters, Spark's UTF8String.soundex).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { IntegerT, StringT } from '../../types/data-type.js';
import { bit, int32Values, stringParts, validityOf } from '../eval/columns.js';
import { StringBuilder } from '../eval/strings.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { signature } from './string-args.js';
import { codePointAt, charLength, validAll } from './string-kernels.js';

/** The code points of bytes[s, e) into `into` (grown as needed); returns their count. */
function codePoints(bytes: Uint8Array, s: number, e: number, into: { buf: Int32Array }): number {
  if (into.buf.length < e - s) into.buf = new Int32Array(Math.max(e - s, into.buf.length * 2));
  let k = 0;
  for (let i = s; i < e; i += charLength(bytes[i]!)) into.buf[k++] = codePointAt(bytes, i);
  return k;
}

/** The edit distance of a[0, la) and b[0, lb), or -1 once it must exceed `threshold` (when ≥ 0; Infinity = none). */
export function editDistance(a: Int32Array, la: number, b: Int32Array, lb: number, threshold: number, rows: { buf: Int32Array }): number {
  if (Math.abs(la - lb) > threshold) return -1;
  if (la === 0 || lb === 0) return la + lb > threshold ? -1 : la + lb;
  if (rows.buf.length < 2 * (lb + 1)) rows.buf = new Int32Array(2 * (lb + 1));
  let prev = rows.buf.subarray(0, lb + 1);
  let cur = rows.buf.subarray(lb + 1, 2 * (lb + 1));
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a[i - 1]!;
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const d = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Distances never decrease down the table: once a whole row exceeds the threshold, so does the answer.
    if (rowMin > threshold) return -1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb]!;
  return d > threshold ? -1 : d;
}

export const levenshtein: ScalarFunctionDef = {
  name: 'levenshtein',
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('levenshtein', '[2, 3]', argTypes.length);
    return signature('levenshtein', argTypes, ['str', 'str', 'int'], 2, IntegerT, '[2, 3]');
  },
  eval(args: readonly arrow.Data[], n: number) {
    const a = stringParts(args[0]!);
    const b = stringParts(args[1]!);
    const thresholds = args[2] ? int32Values(args[2]) : null;
    const valid = validAll(args, n);
    const out = new Int32Array(n);
    const ca = { buf: new Int32Array(64) };
    const cb = { buf: new Int32Array(64) };
    const rows = { buf: new Int32Array(130) };
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) continue;
      const la = codePoints(a.bytes, a.offsets[i]!, a.offsets[i + 1]!, ca);
      const lb = codePoints(b.bytes, b.offsets[i]!, b.offsets[i + 1]!, cb);
      const t = thresholds ? thresholds[i]! : Infinity;
      out[i] = t < 0 ? -1 : editDistance(ca.buf, la, cb.buf, lb, t, rows);
    }
    return primitiveData(IntegerT, n, out, valid);
  },
  doc: { description: 'The Levenshtein distance of two strings (in characters); with a threshold, -1 when the distance exceeds it.', example: "df.select(levenshtein(col('a'), col('b')))" },
};

// Soundex digits of A…Z; '7' (H, W) is skipped without separating equal codes, '0' (vowels, Y) separates them.
const SOUNDEX = Uint8Array.from('01230127022455012623017202', (c) => c.charCodeAt(0));

export const soundex: ScalarFunctionDef = {
  name: 'soundex',
  resolve(argTypes) {
    // Spark's SoundEx takes strings only: other types are not cast to it.
    if (argTypes.length !== 1) return wrongArgCount('soundex', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'string' && t.kind !== 'null') return unexpectedType('soundex', 0, '"STRING"', t);
    return signature('soundex', argTypes, ['str'], 1, StringT, '1');
  },
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, n * 4);
    const code = new Uint8Array(4);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      let first = s < e ? bytes[s]! : 0;
      if (first >= 0x61 && first <= 0x7a) first -= 0x20;
      // An empty string, or one not starting with an ASCII letter, is returned as it is.
      if (first < 0x41 || first > 0x5a) {
        out.appendBytes(bytes, s, e);
        continue;
      }
      code.fill(0x30);
      code[0] = first;
      let at = 1;
      let last = SOUNDEX[first - 0x41]!;
      for (let k = s + 1; k < e && at < 4; k++) {
        let c = bytes[k]!;
        if (c >= 0x61 && c <= 0x7a) c -= 0x20;
        if (c < 0x41 || c > 0x5a) {
          last = 0x30;
          continue;
        }
        const d = SOUNDEX[c - 0x41]!;
        if (d === 0x37) continue;
        if (d !== 0x30 && d !== last) code[at++] = d;
        last = d;
      }
      out.appendBytes(code, 0, 4);
    }
    return out.finish();
  },
  doc: { description: 'The four-character Soundex code of the string (as it is when it does not start with a letter).', example: "df.select(soundex(col('name')))" },
};

export const STRING_DISTANCE: readonly ScalarFunctionDef[] = [levenshtein, soundex];

// Row loops and UTF-8 byte helpers shared by the string functions: map a string column, test pairs of strings,
// find byte needles, step over characters; NULL in → NULL out.
import type * as arrow from 'apache-arrow';
import type { ScalarFunction } from '../expression.js';
import { andValidity, bit, booleanData, stringParts, validityOf } from '../eval/columns.js';
import { StringBuilder } from '../eval/strings.js';

/** Maps each non-null string; `f` appends exactly one value (or null) to `out`. */
export function mapString(d: arrow.Data, n: number, f: (bytes: Uint8Array, start: number, end: number, out: StringBuilder) => void): arrow.Data {
  const { offsets, bytes } = stringParts(d);
  const v = validityOf(d);
  const out = new StringBuilder(n, bytes.length);
  for (let i = 0; i < n; i++) {
    if (v && !bit(v, i)) out.appendNull();
    else f(bytes, offsets[i]!, offsets[i + 1]!, out);
  }
  return out.finish();
}

/** A boolean per row from two strings; NULL when either is NULL. */
export function stringPredicate2(
  a: arrow.Data,
  b: arrow.Data,
  n: number,
  f: (ab: Uint8Array, as: number, ae: number, bb: Uint8Array, bs: number, be: number) => boolean,
): arrow.Data {
  const pa = stringParts(a);
  const pb = stringParts(b);
  const validity = andValidity(validityOf(a), validityOf(b), n);
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    if (validity && !bit(validity, i)) continue;
    if (f(pa.bytes, pa.offsets[i]!, pa.offsets[i + 1]!, pb.bytes, pb.offsets[i]!, pb.offsets[i + 1]!)) bits[i >> 3]! |= 1 << (i & 7);
  }
  return booleanData(n, bits, validity);
}

/** True when bytes[start, end) are all ASCII. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** The rows where every argument is non-NULL, as a fresh bitmap; null when no argument has a NULL. */
export function validAll(args: readonly arrow.Data[], n: number): Uint8Array | null {
  let v: Uint8Array | null = null;
  for (const a of args) {
    const av = validityOf(a);
    if (av) v = andValidity(v ?? av, av, n);
  }
  return v;
}

/** The value of a call's `i`-th argument when it is a literal (so constant for the whole column), else undefined. */
export function literalArg(call: ScalarFunction | undefined, i: number): unknown {
  const a = call?.args[i];
  return a?.kind === 'literal' ? a.value : undefined;
}

/** Byte position of the character before byte position `end` (the start of the last character in [start, end)). */
export function prevCharPos(bytes: Uint8Array, start: number, end: number): number {
  let i = end - 1;
  while (i > start && (bytes[i]! & 0xc0) === 0x80) i--;
  return i;
}

/** The code point starting at byte `i` (valid UTF-8 assumed; a stray continuation byte reads as itself). */
export function codePointAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  return ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
}

/** The byte length of the UTF-8 character whose lead byte is `b`. */
export function charLength(b: number): number {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

/** The first byte position ≥ from where `needle`[ns, ne) starts within hay[from, end), or -1; an empty needle is at `from`. */
export function indexOfBytes(hay: Uint8Array, from: number, end: number, needle: Uint8Array, ns: number, ne: number): number {
  const len = ne - ns;
  if (len === 0) return from <= end ? from : -1;
  const first = needle[ns]!;
  const last = end - len;
  outer: for (let k = from; k <= last; k++) {
    if (hay[k] !== first) continue;
    for (let j = 1; j < len; j++) if (hay[k + j] !== needle[ns + j]) continue outer;
    return k;
  }
  return -1;
}

/** The last byte position ≤ from where `needle`[ns, ne) starts and fits within hay[start, end), or -1. */
export function lastIndexOfBytes(hay: Uint8Array, start: number, end: number, from: number, needle: Uint8Array, ns: number, ne: number): number {
  const len = ne - ns;
  outer: for (let k = Math.min(from, end - len); k >= start; k--) {
    for (let j = 0; j < len; j++) if (hay[k + j] !== needle[ns + j]) continue outer;
    return k;
  }
  return -1;
}

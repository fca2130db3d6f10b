// Row loops shared by the string functions: map a string column, or test pairs of strings; NULL in → NULL out.
import type * as arrow from 'apache-arrow';
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

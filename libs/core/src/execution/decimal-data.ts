// Decimal128 columns: row i is 16 bytes of two's complement, little-endian (Arrow's layout), read and written
// here as two int64 words (lo = w[2i] unsigned, hi = w[2i+1] signed) so every kernel deals in bigint values.
import * as arrow from 'apache-arrow';
import type { DecimalType } from '../types/data-type.js';

const MASK64 = (1n << 64n) - 1n;

/** The 16-byte rows [0, length) of a decimal column as int64 words (2 a row); all-NULL data reads as zeros. */
export function decimalWords(d: arrow.Data): BigInt64Array {
  const v = d.values as Uint32Array | undefined;
  if (!v || v.length < 4 * d.length) return new BigInt64Array(2 * d.length);
  // Arrow-js pre-slices the values of a sliced Data; IPC and shared-memory buffers are 8-byte aligned,
  // but a copy keeps a stray unaligned one readable.
  if (v.byteOffset % 8 !== 0) return new BigInt64Array(v.slice(0, 4 * d.length).buffer);
  return new BigInt64Array(v.buffer, v.byteOffset, 2 * d.length);
}

/** The unscaled value of row i. */
export function readDecimal(w: BigInt64Array, i: number): bigint {
  const lo = w[2 * i]!;
  const hi = w[2 * i + 1]!;
  // Most decimals fit one word: the high word is then just the sign extension of the low one.
  if ((hi === 0n && lo >= 0n) || (hi === -1n && lo < 0n)) return lo;
  return (hi << 64n) | (lo & MASK64);
}

/** Stores unscaled `v` (which must fit 128 bits) as row i. */
export function writeDecimal(w: BigInt64Array, i: number, v: bigint): void {
  w[2 * i] = BigInt.asIntN(64, v);
  w[2 * i + 1] = BigInt.asIntN(64, v >> 64n);
}

/** A decimal column over `words` (2 int64 a row); `validity` null = no NULLs. */
export function decimalData(type: DecimalType, length: number, words: BigInt64Array, validity: Uint8Array | null, knownNullCount?: number): arrow.Data {
  let nullCount = knownNullCount ?? 0;
  if (knownNullCount === undefined && validity) for (let i = 0; i < length; i++) if (!(validity[i >> 3]! & (1 << (i & 7)))) nullCount++;
  return arrow.makeData({
    type: new arrow.Decimal(type.scale, type.precision, 128),
    length,
    data: new Uint32Array(words.buffer, words.byteOffset, 4 * length),
    nullBitmap: nullCount === 0 ? undefined : validity!,
    nullCount,
  });
}

/** A decimal column from unscaled values (null = NULL). */
export function decimalFromValues(type: DecimalType, values: readonly (bigint | null | undefined)[]): arrow.Data {
  const n = values.length;
  const words = new BigInt64Array(2 * n);
  const validity = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    validity[i >> 3]! |= 1 << (i & 7);
    writeDecimal(words, i, v);
  }
  return decimalData(type, n, words, validity);
}

/** Every row's unscaled value (null for NULL rows). */
export function decimalValues(d: arrow.Data): (bigint | null)[] {
  const w = decimalWords(d);
  const out: (bigint | null)[] = new Array(d.length);
  const bm = d.nullCount > 0 && d.nullBitmap && d.nullBitmap.length > 0 ? d.nullBitmap : null;
  for (let i = 0; i < d.length; i++) {
    const j = d.offset + i;
    out[i] = bm && !(bm[j >> 3]! & (1 << (j & 7))) ? null : readDecimal(w, i);
  }
  return out;
}

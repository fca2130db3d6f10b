// 64-bit integer helpers over pairs of 32-bit words, so that int64 loops avoid allocating a BigInt per row.
// A row is (lo, hi) at words[2i], words[2i+1] of an Int32Array view over a BigInt64Array (little-endian).

const TWO32 = 4294967296;
const TWO63 = 2 ** 63;

/** The value of (lo, hi) as a number; exact when `isSafeHi(hi)`. */
export function wordsToNumber(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** True when (lo, hi) is within ±2^53, i.e. exactly representable as a double. */
export function isSafeHi(hi: number): boolean {
  return hi >= -2097152 && hi < 2097152;
}

/** Writes the integer `v` (|v| < 2^63, integral) as two words at row i. */
export function writeNumber(words: Int32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  words[2 * i] = (v - hi * TWO32) | 0;
  words[2 * i + 1] = hi | 0;
}

/** Writes (lo, hi) words for the integer part of a double with Java `(long)` semantics: NaN → 0, saturating. */
export function writeDoubleAsLong(words: Int32Array, i: number, v: number): void {
  if (Number.isNaN(v)) {
    words[2 * i] = 0;
    words[2 * i + 1] = 0;
  } else if (v >= TWO63) {
    words[2 * i] = -1;
    words[2 * i + 1] = 0x7fffffff;
  } else if (v <= -TWO63) {
    words[2 * i] = 0;
    words[2 * i + 1] = -0x80000000;
  } else writeNumber(words, i, Math.trunc(v));
}

/** Signed comparison of two (lo, hi) pairs: -1, 0 or 1. */
export function compareWords(alo: number, ahi: number, blo: number, bhi: number): number {
  if (ahi !== bhi) return ahi < bhi ? -1 : 1;
  if (alo === blo) return 0;
  return alo >>> 0 < blo >>> 0 ? -1 : 1;
}

/**
 * Wrapping 64-bit product of (alo, ahi) × (blo, bhi), written to out[2i], out[2i+1]: schoolbook multiplication
 * on 16-bit limbs (as Long.js does), exact in doubles and free of BigInt.
 */
export function mulWords(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, i: number): void {
  const a48 = ahi >>> 16;
  const a32 = ahi & 0xffff;
  const a16 = alo >>> 16;
  const a00 = alo & 0xffff;
  const b48 = bhi >>> 16;
  const b32 = bhi & 0xffff;
  const b16 = blo >>> 16;
  const b00 = blo & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  // Only the low 16 bits of the top limb survive; Math.imul keeps each partial product within 32 bits.
  c48 = (c48 + Math.imul(a48, b00) + Math.imul(a32, b16) + Math.imul(a16, b32) + Math.imul(a00, b48)) & 0xffff;
  out[2 * i] = (c16 << 16) | c00;
  out[2 * i + 1] = (c48 << 16) | c32;
}

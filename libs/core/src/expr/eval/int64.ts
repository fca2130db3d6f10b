// 64-bit integer helpers over pairs of 32-bit words, so that int64 loops avoid allocating a BigInt per row.
// A row is (lo, hi) at words[2i], words[2i+1] of an Int32Array view over a BigInt64Array (little-endian).

const TWO32 = 4294967296;

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
  } else if (v >= 9223372036854775807) {
    words[2 * i] = -1;
    words[2 * i + 1] = 0x7fffffff;
  } else if (v <= -9223372036854775808) {
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

/** Mixes a (lo, hi) pair into a 32-bit hash (murmur3 finaliser). */
export function hashWords(lo: number, hi: number): number {
  let h = Math.imul(lo, 0xcc9e2d51) ^ Math.imul(hi ^ 0x5bd1e995, 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export function hashInt(x: number): number {
  let h = Math.imul(x, 0xcc9e2d51);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export const LONG_MIN = -9223372036854775808n;
export const LONG_MAX = 9223372036854775807n;

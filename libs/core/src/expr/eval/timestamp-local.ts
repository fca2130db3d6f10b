// Timestamps (µs since the epoch, UTC) seen as local date-times of a zone and back: the per-row step of casts,
// field extraction and formatting. Rows within ±285 years of 1970 take a double fast path; the rest use BigInt.
import type * as arrow from 'apache-arrow';
import { int64Words } from './columns.js';
import { isSafeHi, wordsToNumber, writeNumber } from './int64.js';
import type { TimeZone } from './time-zone.js';

export const MICROS_PER_SECOND = 1000000;
export const MICROS_PER_DAY = 86400000000;
const BIG_SECOND = 1000000n;
const BIG_DAY = 86400000000n;

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

/** Local day (since 1970-01-01) and µs of that day of a UTC instant, as a pair written into `out`. */
export function localDayAndMicros(zone: TimeZone, micros: bigint | number, out: [number, number]): void {
  if (typeof micros === 'number' && Math.abs(micros) <= Number.MAX_SAFE_INTEGER) {
    const local = micros + zone.offsetAt(Math.floor(micros / MICROS_PER_SECOND)) * MICROS_PER_SECOND;
    const day = Math.floor(local / MICROS_PER_DAY);
    out[0] = day;
    out[1] = local - day * MICROS_PER_DAY;
    return;
  }
  const m = BigInt(micros);
  const local = m + BigInt(zone.offsetAt(Number(floorDivBig(m, BIG_SECOND)))) * BIG_SECOND;
  const day = floorDivBig(local, BIG_DAY);
  out[0] = Number(day);
  out[1] = Number(local - day * BIG_DAY);
}

/**
 * Calls `f(i, day, microsOfDay)` with the local date and time of row i of a timestamp column (null rows included,
 * with whatever value they hold).
 */
export function eachLocal(d: arrow.Data, n: number, zone: TimeZone, f: (i: number, day: number, microsOfDay: number) => void): void {
  const w = int64Words(d);
  const pair: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + 1]!;
    const lo = w[2 * i]!;
    if (isSafeHi(hi)) localDayAndMicros(zone, wordsToNumber(lo, hi), pair);
    else localDayAndMicros(zone, (BigInt(hi) << 32n) | BigInt(lo >>> 0), pair);
    f(i, pair[0], pair[1]);
  }
}

/** The UTC µs of a local date-time of `zone` (day since the epoch, µs of the day, which may exceed one day). */
export function utcMicrosOfLocal(zone: TimeZone, day: number, microsOfDay: number): bigint {
  const sec = Math.floor(microsOfDay / MICROS_PER_SECOND);
  const frac = microsOfDay - sec * MICROS_PER_SECOND;
  const utc = zone.utcOf(day * 86400 + sec);
  return BigInt(utc) * BIG_SECOND + BigInt(frac);
}

/** Writes the UTC µs of a local date-time as row i of an int64 word array. */
export function writeUtcOfLocal(words: Int32Array, i: number, zone: TimeZone, day: number, microsOfDay: number): void {
  const sec = Math.floor(microsOfDay / MICROS_PER_SECOND);
  const frac = microsOfDay - sec * MICROS_PER_SECOND;
  const v = zone.utcOf(day * 86400 + sec) * MICROS_PER_SECOND + frac;
  if (Math.abs(v) <= Number.MAX_SAFE_INTEGER) writeNumber(words, i, v);
  else {
    const b = BigInt.asIntN(64, utcMicrosOfLocal(zone, day, microsOfDay));
    words[2 * i] = Number(BigInt.asIntN(32, b));
    words[2 * i + 1] = Number(b >> 32n);
  }
}

// The proleptic Gregorian calendar over day counts, and parsing date and timestamp strings the way Spark's
// `stringToDate` / `stringToTimestamp` accept them (a timestamp without a zone is local time of the session zone).
import { type TimeZone, UTC, findTimeZone } from './time-zone.js';

const MICROS_PER_DAY = 86400000000n;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12), day (1–31) of a day count since 1970-01-01 (Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Trims leading/trailing whitespace and ISO control characters, as Spark's `UTF8String.trimAll`. */
export function trimAll(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const DATE_RE = /^([+-]?)(\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T].*)?)?)?$/s;

function ymd(sign: string, ys: string, ms: string | undefined, ds: string | undefined): number | null {
  const y = Number(ys) * (sign === '-' ? -1 : 1);
  const m = ms === undefined ? 1 : Number(ms);
  const d = ds === undefined ? 1 : Number(ds);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by ` …` or `T…`; null when malformed. */
export function parseDate(input: string): number | null {
  const m = DATE_RE.exec(trimAll(input));
  if (!m) return null;
  return ymd(m[1]!, m[2]!, m[3], m[4]);
}

const TS_RE =
  /^([+-]?)(\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](?:(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?\s*(Z|UTC|GMT|UT|(?:UTC|GMT|UT)?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z][A-Za-z0-9_+-]*\/[A-Za-z0-9_+\-/]+)?)?)?)?$/i;

/** The zone a timestamp string names: an offset (`Z`, `+02:00`, `UTC-5`) or a region id; null when malformed. */
function zoneOfText(zone: string): TimeZone | null {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT' || z === 'UT') return UTC;
  const m = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return findTimeZone(zone);
  const h = Number(m[2]);
  const mi = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 18 || mi > 59) return null;
  return findTimeZone(`${m[1]}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`);
}

/**
 * Microseconds since the epoch of `yyyy-[m]m-[d]d[( |T)[h]h:[m]m[:[s]s[.f…]]][zone]`, a local time of `zone` unless
 * the text names its own; null when malformed.
 */
export function parseTimestamp(input: string, zone: TimeZone = UTC): bigint | null {
  const m = TS_RE.exec(trimAll(input));
  if (!m) return null;
  const days = ymd(m[1]!, m[2]!, m[3], m[4]);
  if (days === null) return null;
  const h = m[5] === undefined ? 0 : Number(m[5]);
  const mi = m[6] === undefined ? 0 : Number(m[6]);
  const s = m[7] === undefined ? 0 : Number(m[7]);
  if (h > 23 || mi > 59 || s > 59) return null;
  const frac = m[8] ? Number(m[8].slice(0, 6).padEnd(6, '0')) : 0;
  const z = m[9] ? zoneOfText(m[9]) : zone;
  if (z === null) return null;
  const utc = z.utcOf(days * 86400 + h * 3600 + mi * 60 + s);
  return BigInt(utc) * 1000000n + BigInt(frac);
}

/** Floor division of microseconds into days. */
export function microsToDays(micros: bigint): number {
  const q = micros / MICROS_PER_DAY;
  return Number(micros < 0n && q * MICROS_PER_DAY !== micros ? q - 1n : q);
}

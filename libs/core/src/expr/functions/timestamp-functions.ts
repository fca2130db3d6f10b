// Timestamp fields, truncation, construction and epoch conversions, in the session time zone: hour, minute,
// second, date_trunc, trunc, make_date, make_timestamp, timestamp_seconds/millis/micros, unix_seconds/millis/micros,
// unix_date, date_from_unix_date, months_between, next_day, dayname, monthname, weekday, from_utc_timestamp,
// to_utc_timestamp, current_date, current_timestamp, current_timezone.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { BooleanT, type DataType, DateT, DoubleT, IntegerT, LongT, StringT, TimestampT, isNumeric } from '../../types/data-type.js';
import { lit } from '../expression.js';
import { andValidity, bit, boolBitsOf, clearBit, float64Values, int32Values, int64Words, stringParts, validityOf, wordsOf, writableValidity } from '../eval/columns.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../eval/datetime.js';
import type { EvalContext } from '../eval/evaluate.js';
import { isSafeHi, wordsToNumber, writeDoubleAsLong, writeNumber } from '../eval/int64.js';
import { StringBuilder, decodeUtf8 } from '../eval/strings.js';
import { type TimeZone, findTimeZone, invalidTimeZone, timeZoneOf } from '../eval/time-zone.js';
import { MICROS_PER_DAY, eachLocal, localDayAndMicros, writeUtcOfLocal } from '../eval/timestamp-local.js';
import { type ScalarFunctionDef, castableToString, unexpectedType, wrongArgCount } from './function-def.js';

const TIMESTAMP_TYPES = '"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"';
export const tsLike = (t: DataType) => t.kind === 'timestamp' || t.kind === 'date' || t.kind === 'string' || t.kind === 'null';
const dateLike = tsLike;
const intLike = (t: DataType) => isNumeric(t) || t.kind === 'string' || t.kind === 'null';
export const zoneOf = (ctx: EvalContext) => timeZoneOf(ctx.timeZone);
/** Units, day names and zones that do not apply give NULL whatever the arguments' nullability. */
const maybeNull = () => true;
export const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Row i of a string column, or null (for per-row units, zones and day names, usually constants). */
function textAt(d: arrow.Data): (i: number) => string | null {
  if (d.typeId === 1) return () => null;
  const { offsets, bytes } = stringParts(d);
  const valid = validityOf(d);
  return (i) => (valid && !bit(valid, i) ? null : decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!));
}

/** Reads row i of an int64 column as a bigint when it is beyond 2^53. */
function int64At(w: Int32Array, i: number): number | bigint {
  const hi = w[2 * i + 1]!;
  return isSafeHi(hi) ? wordsToNumber(w[2 * i]!, hi) : (BigInt(hi) << 32n) | BigInt(w[2 * i]! >>> 0);
}

/** hour / minute / second of a timestamp in the session zone. */
function timeField(name: string, f: (microsOfDay: number) => number, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      if (!tsLike(argTypes[0]!)) return unexpectedType(name, 0, TIMESTAMP_TYPES, argTypes[0]!);
      return { argTypes: [TimestampT], dataType: IntegerT };
    },
    eval(args, n, ctx) {
      const out = new Int32Array(n);
      eachLocal(args[0]!, n, zoneOf(ctx), (i, _day, t) => {
        out[i] = f(t);
      });
      return primitiveData(IntegerT, n, out, validityOf(args[0]!));
    },
    doc: { description, example: `df.select(${name}(col('ts')))` },
  };
}

export const hour = timeField('hour', (t) => Math.floor(t / 3600000000), 'The hour (0–23) of a timestamp, in the session time zone.');
export const minute = timeField('minute', (t) => Math.floor(t / 60000000) % 60, 'The minute (0–59) of a timestamp, in the session time zone.');
export const second = timeField('second', (t) => Math.floor(t / 1000000) % 60, 'The second (0–59) of a timestamp, in the session time zone.');

/** The first day of the unit (year, quarter, month, week) holding `day`; null for other units. */
function truncDay(day: number, unit: string): number | null {
  switch (unit) {
    case 'YEAR': case 'YYYY': case 'YY': return daysFromCivil(civilFromDays(day)[0], 1, 1);
    case 'QUARTER': {
      const [y, m] = civilFromDays(day);
      return daysFromCivil(y, m - ((m - 1) % 3), 1);
    }
    case 'MONTH': case 'MM': case 'MON': {
      const [y, m] = civilFromDays(day);
      return daysFromCivil(y, m, 1);
    }
    // Weeks start on Monday (1970-01-01 was a Thursday).
    case 'WEEK': return day - mod(day + 3, 7);
    default: return null;
  }
}

const TIME_UNITS: Readonly<Record<string, number>> = { DAY: MICROS_PER_DAY, DD: MICROS_PER_DAY, HOUR: 3600000000, MINUTE: 60000000, SECOND: 1000000, MILLISECOND: 1000, MICROSECOND: 1 };

export const dateTrunc: ScalarFunctionDef = {
  name: 'date_trunc',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('date_trunc', '2', argTypes.length);
    if (!castableToString(argTypes[0]!)) return unexpectedType('date_trunc', 0, '"STRING"', argTypes[0]!);
    if (!tsLike(argTypes[1]!)) return unexpectedType('date_trunc', 1, '"TIMESTAMP"', argTypes[1]!);
    return { argTypes: [StringT, TimestampT], dataType: TimestampT, nullable: maybeNull };
  },
  eval(args, n, ctx) {
    const unit = textAt(args[0]!);
    const zone = zoneOf(ctx);
    const out = new BigInt64Array(n);
    const o = wordsOf(out);
    const validity = writableValidity(validityOf(args[1]!), n);
    eachLocal(args[1]!, n, zone, (i, day, t) => {
      const u = unit(i)?.toUpperCase() ?? null;
      const step = u === null ? undefined : TIME_UNITS[u];
      const d = u === null || step !== undefined ? day : truncDay(day, u);
      if (d === null || u === null) {
        clearBit(validity, i);
        return;
      }
      // Truncation happens on the local time, which then goes back to an instant (DST gaps move forward).
      writeUtcOfLocal(o, i, zone, d, step === undefined || step === MICROS_PER_DAY ? 0 : t - (t % step));
    });
    return primitiveData(TimestampT, n, out, validity);
  },
  doc: { description: 'The timestamp truncated to the unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND), in the session time zone; NULL for other units.', example: "df.select(date_trunc('HOUR', col('ts')))" },
};

export const trunc: ScalarFunctionDef = {
  name: 'trunc',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('trunc', '2', argTypes.length);
    if (!dateLike(argTypes[0]!)) return unexpectedType('trunc', 0, '"DATE"', argTypes[0]!);
    if (!castableToString(argTypes[1]!)) return unexpectedType('trunc', 1, '"STRING"', argTypes[1]!);
    return { argTypes: [DateT, StringT], dataType: DateT, nullable: maybeNull };
  },
  eval(args, n) {
    const d = int32Values(args[0]!);
    const unit = textAt(args[1]!);
    const out = new Int32Array(n);
    const validity = writableValidity(validityOf(args[0]!), n);
    for (let i = 0; i < n; i++) {
      const u = unit(i);
      const r = u === null ? null : truncDay(d[i]!, u.toUpperCase());
      if (r === null) clearBit(validity, i);
      else out[i] = r;
    }
    return primitiveData(DateT, n, out, validity);
  },
  doc: { description: 'The date truncated to the unit (YEAR, QUARTER, MONTH, WEEK); NULL for other units.', example: "df.select(trunc(col('d'), 'MM'))" },
};

export const makeDate: ScalarFunctionDef = {
  name: 'make_date',
  resolve(argTypes) {
    if (argTypes.length !== 3) return wrongArgCount('make_date', '3', argTypes.length);
    for (let i = 0; i < 3; i++) if (!intLike(argTypes[i]!)) return unexpectedType('make_date', i, '"INT"', argTypes[i]!);
    return { argTypes: [IntegerT, IntegerT, IntegerT], dataType: DateT, nullable: maybeNull };
  },
  eval(args, n) {
    const [y, m, d] = args.map(int32Values) as [Int32Array, Int32Array, Int32Array];
    const out = new Int32Array(n);
    const validity = writableValidity(andValidity(andValidity(validityOf(args[0]!), validityOf(args[1]!), n), validityOf(args[2]!), n), n);
    for (let i = 0; i < n; i++) {
      const yy = y[i]!;
      const mm = m[i]!;
      const dd = d[i]!;
      if (yy < -290307 || yy > 294247 || mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(yy, mm)) clearBit(validity, i);
      else out[i] = daysFromCivil(yy, mm, dd);
    }
    return primitiveData(DateT, n, out, validity);
  },
  doc: { description: 'The date of a year, month and day; NULL when they name no date.', example: "df.select(make_date(col('y'), col('m'), col('d')))" },
};

export const makeTimestamp: ScalarFunctionDef = {
  name: 'make_timestamp',
  resolve(argTypes) {
    if (argTypes.length !== 6 && argTypes.length !== 7) return wrongArgCount('make_timestamp', '[6, 7]', argTypes.length);
    for (let i = 0; i < 5; i++) if (!intLike(argTypes[i]!)) return unexpectedType('make_timestamp', i, '"INT"', argTypes[i]!);
    if (!intLike(argTypes[5]!)) return unexpectedType('make_timestamp', 5, '"DECIMAL(16,6)"', argTypes[5]!);
    if (argTypes.length === 7 && !castableToString(argTypes[6]!)) return unexpectedType('make_timestamp', 6, '"STRING"', argTypes[6]!);
    return { argTypes: [IntegerT, IntegerT, IntegerT, IntegerT, IntegerT, DoubleT, ...(argTypes.length === 7 ? [StringT] : [])], dataType: TimestampT, nullable: maybeNull };
  },
  eval(args, n, ctx) {
    const f = args.slice(0, 5).map(int32Values);
    const sec = float64Values(args[5]!);
    const tz = args.length === 7 ? textAt(args[6]!) : null;
    const session = zoneOf(ctx);
    let valid: Uint8Array | null = null;
    for (const a of args) valid = andValidity(valid, validityOf(a), n);
    const validity = writableValidity(valid, n);
    const out = new BigInt64Array(n);
    const o = wordsOf(out);
    for (let i = 0; i < n; i++) {
      if (!bit(validity, i)) continue;
      const [y, mo, d, h, mi] = f.map((v) => v[i]!) as [number, number, number, number, number];
      // Seconds are decimal(16,6) in Spark: 60 is allowed only without a fraction, meaning the next minute.
      const micros = Math.round(sec[i]! * 1000000);
      const zone: TimeZone | null = tz ? (tz(i) === null ? null : findTimeZone(tz(i)!)) : session;
      const ok = zone && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59
        && micros >= 0 && (micros < 60000000 || micros === 60000000);
      if (!ok) {
        clearBit(validity, i);
        continue;
      }
      writeUtcOfLocal(o, i, zone, daysFromCivil(y, mo, d), (h * 3600 + mi * 60) * 1000000 + micros);
    }
    return primitiveData(TimestampT, n, out, validity);
  },
  doc: { description: 'The timestamp of year, month, day, hour, minute and (fractional) second fields, in the given time zone or the session one; NULL when they name no time.', example: "df.select(make_timestamp(col('y'), col('mo'), col('d'), col('h'), col('mi'), col('s')))" },
};

/** timestamp_seconds / millis / micros: a number of units since the epoch as a timestamp. */
function fromEpoch(name: string, unit: number, allowDouble: boolean): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      const t = argTypes[0]!;
      if (!isNumeric(t) && t.kind !== 'null' && t.kind !== 'string') return unexpectedType(name, 0, allowDouble ? '"NUMERIC"' : '"INTEGRAL"', t);
      if (!allowDouble && (t.kind === 'float64' || t.kind === 'decimal')) return unexpectedType(name, 0, '"INTEGRAL"', t);
      return { argTypes: [allowDouble && (t.kind === 'float64' || t.kind === 'decimal' || t.kind === 'string') ? DoubleT : LongT], dataType: TimestampT, nullable: maybeNull };
    },
    eval(args, n) {
      const a = args[0]!;
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      if (a.typeId === 3) {
        const v = float64Values(a);
        const validity = writableValidity(validityOf(a), n);
        for (let i = 0; i < n; i++) {
          if (!Number.isFinite(v[i]!)) clearBit(validity, i);
          else writeDoubleAsLong(o, i, v[i]! * unit);
        }
        return primitiveData(TimestampT, n, out, validity);
      }
      const w = int64Words(a);
      const big = BigInt(unit);
      for (let i = 0; i < n; i++) {
        const x = int64At(w, i);
        const r = typeof x === 'number' ? x * unit : 0;
        if (typeof x === 'number' && Math.abs(r) <= Number.MAX_SAFE_INTEGER) writeNumber(o, i, r);
        else out[i] = BigInt.asIntN(64, BigInt(x) * big);
      }
      return primitiveData(TimestampT, n, out, validityOf(a));
    },
    doc: { description: `The timestamp ${name.slice(10)} units after 1970-01-01 00:00:00 UTC.`, example: `df.select(${name}(col('n')))` },
  };
}

export const timestampSeconds = fromEpoch('timestamp_seconds', 1000000, true);
export const timestampMillis = fromEpoch('timestamp_millis', 1000, false);
export const timestampMicros = fromEpoch('timestamp_micros', 1, false);

/** unix_seconds / millis / micros: a timestamp as whole units since the epoch (floor). */
function toEpoch(name: string, unit: number): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      if (!tsLike(argTypes[0]!)) return unexpectedType(name, 0, '"TIMESTAMP"', argTypes[0]!);
      return { argTypes: [TimestampT], dataType: LongT };
    },
    eval(args, n) {
      const w = int64Words(args[0]!);
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      const big = BigInt(unit);
      for (let i = 0; i < n; i++) {
        const x = int64At(w, i);
        if (typeof x === 'number') writeNumber(o, i, Math.floor(x / unit));
        else out[i] = x / big - (x < 0n && x % big !== 0n ? 1n : 0n);
      }
      return primitiveData(LongT, n, out, validityOf(args[0]!));
    },
    doc: { description: `The number of ${name.slice(5)} since 1970-01-01 00:00:00 UTC (rounded down).`, example: `df.select(${name}(col('ts')))` },
  };
}

export const unixSeconds = toEpoch('unix_seconds', 1000000);
export const unixMillis = toEpoch('unix_millis', 1000);
export const unixMicros = toEpoch('unix_micros', 1);

export const unixDate: ScalarFunctionDef = {
  name: 'unix_date',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('unix_date', '1', argTypes.length);
    if (!dateLike(argTypes[0]!)) return unexpectedType('unix_date', 0, '"DATE"', argTypes[0]!);
    return { argTypes: [DateT], dataType: IntegerT };
  },
  eval(args, n) {
    return primitiveData(IntegerT, n, int32Values(args[0]!).slice(0, n), validityOf(args[0]!));
  },
  doc: { description: 'The number of days since 1970-01-01.', example: "df.select(unix_date(col('d')))" },
};

export const dateFromUnixDate: ScalarFunctionDef = {
  name: 'date_from_unix_date',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('date_from_unix_date', '1', argTypes.length);
    if (!intLike(argTypes[0]!)) return unexpectedType('date_from_unix_date', 0, '"INT"', argTypes[0]!);
    return { argTypes: [IntegerT], dataType: DateT };
  },
  eval(args, n) {
    return primitiveData(DateT, n, int32Values(args[0]!).slice(0, n), validityOf(args[0]!));
  },
  doc: { description: 'The date that many days after 1970-01-01.', example: "df.select(date_from_unix_date(col('n')))" },
};

/** Spark's DateTimeUtils.monthsBetween over local date-times. */
function monthsBetweenLocal(d1: number, t1: number, d2: number, t2: number, roundOff: boolean): number {
  const [y1, m1, dd1] = civilFromDays(d1);
  const [y2, m2, dd2] = civilFromDays(d2);
  const months = y1 * 12 + m1 - (y2 * 12 + m2);
  if (dd1 === dd2 || (dd1 === daysInMonth(y1, m1) && dd2 === daysInMonth(y2, m2))) return months;
  const diff = months + ((dd1 - dd2) * MICROS_PER_DAY + t1 - t2) / (31 * MICROS_PER_DAY);
  if (!roundOff) return diff;
  // HALF_UP at 8 digits, as BigDecimal.setScale does.
  return (Math.sign(diff) * Math.round(Math.abs(diff) * 1e8)) / 1e8;
}

export const monthsBetween: ScalarFunctionDef = {
  name: 'months_between',
  completeArgs: (args) => (args.length === 2 ? [...args, lit(true)] : args),
  resolve(argTypes) {
    if (argTypes.length !== 3) return wrongArgCount('months_between', '[2, 3]', argTypes.length);
    for (let i = 0; i < 2; i++) if (!tsLike(argTypes[i]!)) return unexpectedType('months_between', i, '"TIMESTAMP"', argTypes[i]!);
    const r = argTypes[2]!;
    if (r.kind !== 'boolean' && r.kind !== 'null') return unexpectedType('months_between', 2, '"BOOLEAN"', r);
    return { argTypes: [TimestampT, TimestampT, BooleanT], dataType: DoubleT };
  },
  eval(args, n, ctx) {
    const zone = zoneOf(ctx);
    const a = new Float64Array(n * 2);
    eachLocal(args[0]!, n, zone, (i, d, t) => {
      a[2 * i] = d;
      a[2 * i + 1] = t;
    });
    const out = new Float64Array(n);
    const round = boolBitsOf(args[2]!);
    eachLocal(args[1]!, n, zone, (i, d, t) => {
      out[i] = monthsBetweenLocal(a[2 * i]!, a[2 * i + 1]!, d, t, bit(round, i));
    });
    let valid: Uint8Array | null = null;
    for (const x of args) valid = andValidity(valid, validityOf(x), n);
    return primitiveData(DoubleT, n, out, valid);
  },
  doc: { description: 'Months from the second timestamp to the first (whole when the days match or both are month ends; else by 31-day months), rounded to 8 digits unless roundOff is false.', example: "df.select(months_between(col('end'), col('start')))" },
};

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Monday = 0 … Sunday = 6 of `MO`, `MON`, `MONDAY` (any case); -1 otherwise. */
function weekdayOf(s: string): number {
  const u = s.trim().toUpperCase();
  return DAY_NAMES.findIndex((d) => u.length >= 2 && (u === d || u === d.slice(0, 3) || u === d.slice(0, 2)));
}

export const nextDay: ScalarFunctionDef = {
  name: 'next_day',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('next_day', '2', argTypes.length);
    if (!dateLike(argTypes[0]!)) return unexpectedType('next_day', 0, '"DATE"', argTypes[0]!);
    if (!castableToString(argTypes[1]!)) return unexpectedType('next_day', 1, '"STRING"', argTypes[1]!);
    return { argTypes: [DateT, StringT], dataType: DateT, nullable: maybeNull };
  },
  eval(args, n) {
    const d = int32Values(args[0]!);
    const name = textAt(args[1]!);
    const out = new Int32Array(n);
    const validity = writableValidity(validityOf(args[0]!), n);
    for (let i = 0; i < n; i++) {
      const s = name(i);
      const w = s === null ? -1 : weekdayOf(s);
      if (w < 0) clearBit(validity, i);
      else out[i] = d[i]! + mod(w - mod(d[i]! + 3, 7) - 1, 7) + 1;
    }
    return primitiveData(DateT, n, out, validity);
  },
  doc: { description: 'The first date after the given one that falls on the named day of the week (MO, MON, MONDAY…); NULL for other names.', example: "df.select(next_day(col('d'), 'Mon'))" },
};

const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateName(name: string, f: (day: number) => string, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      if (!dateLike(argTypes[0]!)) return unexpectedType(name, 0, '"DATE"', argTypes[0]!);
      return { argTypes: [DateT], dataType: StringT };
    },
    eval(args, n) {
      const d = int32Values(args[0]!);
      const valid = validityOf(args[0]!);
      const out = new StringBuilder(n, n * 3);
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) out.appendNull();
        else out.appendString(f(d[i]!));
      }
      return out.finish();
    },
    doc: { description, example: `df.select(${name}(col('d')))` },
  };
}

export const dayname = dateName('dayname', (d) => SHORT_DAYS[mod(d + 3, 7)]!, 'The three-letter name of the day of the week (Mon … Sun).');
export const monthname = dateName('monthname', (d) => SHORT_MONTHS[civilFromDays(d)[1] - 1]!, 'The three-letter name of the month (Jan … Dec).');

export const weekday: ScalarFunctionDef = {
  name: 'weekday',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('weekday', '1', argTypes.length);
    if (!dateLike(argTypes[0]!)) return unexpectedType('weekday', 0, '"DATE"', argTypes[0]!);
    return { argTypes: [DateT], dataType: IntegerT };
  },
  eval(args, n) {
    const d = int32Values(args[0]!);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = mod(d[i]! + 3, 7);
    return primitiveData(IntegerT, n, out, validityOf(args[0]!));
  },
  doc: { description: 'The day of the week, 0 = Monday … 6 = Sunday.', example: "df.select(weekday(col('d')))" },
};

/** from_utc_timestamp / to_utc_timestamp: shifts a timestamp's wall clock between UTC and a zone. */
function utcShift(name: string, toUtc: boolean, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      if (!tsLike(argTypes[0]!)) return unexpectedType(name, 0, '"TIMESTAMP"', argTypes[0]!);
      if (!castableToString(argTypes[1]!)) return unexpectedType(name, 1, '"STRING"', argTypes[1]!);
      return { argTypes: [TimestampT, StringT], dataType: TimestampT, nullable: maybeNull };
    },
    eval(args, n) {
      const zoneText = textAt(args[1]!);
      const validity = writableValidity(validityOf(args[0]!), n);
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      let lastText: string | null = null;
      let last: TimeZone | null = null;
      const utc = timeZoneOf('UTC');
      const w = int64Words(args[0]!);
      const pair: [number, number] = [0, 0];
      for (let i = 0; i < n; i++) {
        const t = zoneText(i);
        if (t !== lastText) {
          last = t === null ? null : findTimeZone(t);
          lastText = t;
        }
        if (!bit(validity, i)) continue;
        if (!last) {
          if (t === null) clearBit(validity, i);
          else throw invalidTimeZone(t);
          continue;
        }
        // from: the wall clock of the instant in `zone`, read as UTC; to: the UTC wall clock read in `zone`.
        localDayAndMicros(toUtc ? utc : last, int64At(w, i), pair);
        writeUtcOfLocal(o, i, toUtc ? last : utc, pair[0], pair[1]);
      }
      return primitiveData(TimestampT, n, out, validity);
    },
    doc: { description, example: `df.select(${name}(col('ts'), 'America/New_York'))` },
  };
}

export const fromUtcTimestamp = utcShift('from_utc_timestamp', false, "The timestamp whose session-zone wall clock is the given instant's wall clock in the zone (reads a UTC time as the zone's).");
export const toUtcTimestamp = utcShift('to_utc_timestamp', true, "The timestamp whose wall clock, read in the zone, is the given one's in UTC (reads a zone's time as UTC).");

/** The query's start time when the caller fixed one (constant folding does, once per optimization), else now. */
export function currentMicros(ctx: EvalContext): bigint {
  return ctx.currentMicros ?? BigInt(Date.now()) * 1000n;
}

/** current_timestamp / now, current_date / curdate: folded into one literal per query by constant folding. */
export const currentTimestamp: ScalarFunctionDef = {
  name: 'current_timestamp',
  aliases: ['now'],
  resolve(argTypes) {
    if (argTypes.length !== 0) return wrongArgCount('current_timestamp', '0', argTypes.length);
    return { argTypes: [], dataType: TimestampT, nullable: () => false };
  },
  eval(_args, n, ctx) {
    const out = new BigInt64Array(n).fill(currentMicros(ctx));
    return primitiveData(TimestampT, n, out, null);
  },
  doc: { description: 'The time the query started (one value for the whole query).', example: 'df.select(current_timestamp())' },
};

export const currentDate: ScalarFunctionDef = {
  name: 'current_date',
  aliases: ['curdate'],
  resolve(argTypes) {
    if (argTypes.length !== 0) return wrongArgCount('current_date', '0', argTypes.length);
    return { argTypes: [], dataType: DateT, nullable: () => false };
  },
  eval(_args, n, ctx) {
    const now = primitiveData(TimestampT, 1, new BigInt64Array([currentMicros(ctx)]), null);
    let day = 0;
    eachLocal(now, 1, zoneOf(ctx), (_i, d) => {
      day = d;
    });
    return primitiveData(DateT, n, new Int32Array(n).fill(day), null);
  },
  doc: { description: 'The date the query started, in the session time zone (one value for the whole query).', example: 'df.select(current_date())' },
};

export const currentTimezone: ScalarFunctionDef = {
  name: 'current_timezone',
  resolve(argTypes) {
    if (argTypes.length !== 0) return wrongArgCount('current_timezone', '0', argTypes.length);
    return { argTypes: [], dataType: StringT, nullable: () => false };
  },
  eval(_args, n, ctx) {
    const out = new StringBuilder(n, n * 8);
    const id = zoneOf(ctx).id;
    for (let i = 0; i < n; i++) out.appendString(id);
    return out.finish();
  },
  doc: { description: 'The session time zone (spark.sql.session.timeZone).', example: 'df.select(current_timezone())' },
};


export const TIMESTAMP_FUNCTIONS: readonly ScalarFunctionDef[] = [
  hour, minute, second, dateTrunc, trunc, makeDate, makeTimestamp, timestampSeconds, timestampMillis, timestampMicros,
  unixSeconds, unixMillis, unixMicros, unixDate, dateFromUnixDate, monthsBetween, nextDay, dayname, monthname, weekday,
  fromUtcTimestamp, toUtcTimestamp, currentTimestamp, currentDate, currentTimezone,
];

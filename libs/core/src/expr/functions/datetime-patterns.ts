// Functions over Spark datetime patterns, in the session time zone: date_format, to_date, to_timestamp,
// try_to_timestamp, unix_timestamp, to_unix_timestamp, from_unixtime. Unparsable text gives NULL (non-ANSI).
import { type Data, Type } from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DateT, LongT, StringT, TimestampT, isNumeric } from '../../types/data-type.js';
import { lit } from '../expression.js';
import { castColumn } from '../eval/cast.js';
import { bit, int64Words, nullColumn, stringParts, validityOf, wordsOf, writableValidity, clearBit } from '../eval/columns.js';
import { type CompiledPattern, compilePattern, formatLocal, parseLocal } from '../eval/datetime-format.js';
import type { EvalContext } from '../eval/evaluate.js';
import { isSafeHi, wordsToNumber, writeNumber } from '../eval/int64.js';
import { StringBuilder, decodeUtf8 } from '../eval/strings.js';
import { type TimeZone, timeZoneOf } from '../eval/time-zone.js';
import { localDayAndMicros, writeUtcOfLocal } from '../eval/timestamp-local.js';
import { type ScalarFunctionDef, castableToString, unexpectedType, wrongArgCount } from './function-def.js';

/** Text that does not parse, or a pattern that does not apply, gives NULL whatever the arguments' nullability. */
const maybeNull = () => true;

const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const TIMESTAMP_LIKE = '("TIMESTAMP" or "TIME" or "(TIMESTAMP_LTZ(P) OR TIMESTAMP_NTZ(P) WITH P IN [7, 9])")';

const timestampLike = (t: DataType) => t.kind === 'timestamp' || t.kind === 'date' || t.kind === 'string' || t.kind === 'null';

/** Row i of a string column as text, or null. */
function stringReader(d: Data): (i: number) => string | null {
  if (d.typeId === Type.Null) return () => null;
  const { offsets, bytes } = stringParts(d);
  const valid = validityOf(d);
  return (i) => (valid && !bit(valid, i) ? null : decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!));
}

/** The pattern of row i, compiled once per distinct text (a constant pattern compiles once per batch). */
function patternReader(d: Data, forParsing: boolean): (i: number) => CompiledPattern | null {
  const read = stringReader(d);
  let lastText: string | null = null;
  let last: CompiledPattern | null = null;
  return (i) => {
    const t = read(i);
    if (t === null) return null;
    if (t !== lastText) {
      last = compilePattern(t, forParsing);
      lastText = t;
    }
    return last;
  };
}

/** Formats timestamp column `ts` with the patterns of `fmt` in `zone`, as a string column. */
function formatColumn(ts: Data, fmt: Data, n: number, zone: TimeZone): Data {
  const valid = validityOf(ts);
  const pattern = patternReader(fmt, false);
  const out = new StringBuilder(n, n * 20);
  const w = int64Words(ts);
  const pair: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    const p = valid && !bit(valid, i) ? null : pattern(i);
    if (!p) {
      out.appendNull();
      continue;
    }
    const lo = w[2 * i]!;
    const hi = w[2 * i + 1]!;
    const micros = isSafeHi(hi) ? wordsToNumber(lo, hi) : (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    localDayAndMicros(zone, micros, pair);
    const utcSeconds = Math.floor(Number(micros) / 1000000);
    out.appendString(formatLocal(p, pair[0], pair[1], zone, zone.offsetAt(utcSeconds), utcSeconds));
  }
  return out.finish();
}

/** Parses string column `s` with the patterns of `fmt`: µs since the epoch, NULL where the text does not match. */
function parseColumn(s: Data, fmt: Data, n: number, zone: TimeZone): Data {
  const read = stringReader(s);
  const pattern = patternReader(fmt, true);
  const out = new BigInt64Array(n);
  const o = wordsOf(out);
  const validity = writableValidity(null, n);
  for (let i = 0; i < n; i++) {
    const text = read(i);
    const p = text === null ? null : pattern(i);
    const r = p ? parseLocal(p, text!) : null;
    if (!r) {
      clearBit(validity, i);
      continue;
    }
    if (r.offset !== null) {
      const sec = Math.floor(r.micros / 1000000);
      writeNumber(o, i, (r.day * 86400 + sec - r.offset) * 1000000 + (r.micros - sec * 1000000));
    } else writeUtcOfLocal(o, i, r.zone ?? zone, r.day, r.micros);
  }
  return primitiveData(TimestampT, n, out, validity);
}

/** A string (or all-NULL) column: text still to parse. */
const isText = (d: Data) => d.typeId === Type.Utf8 || d.typeId === Type.Null;

function zoneOf(ctx: EvalContext): TimeZone {
  return timeZoneOf(ctx.timeZone);
}

export const dateFormat: ScalarFunctionDef = {
  name: 'date_format',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('date_format', '2', argTypes.length);
    if (!timestampLike(argTypes[0]!)) return unexpectedType('date_format', 0, TIMESTAMP_LIKE, argTypes[0]!);
    if (!castableToString(argTypes[1]!)) return unexpectedType('date_format', 1, '"STRING"', argTypes[1]!);
    return { argTypes: [TimestampT, StringT], dataType: StringT, nullable: maybeNull };
  },
  eval(args, n, ctx) {
    return formatColumn(args[0]!, args[1]!, n, zoneOf(ctx));
  },
  doc: { description: 'The timestamp as text in the given Spark datetime pattern (session time zone).', example: "df.select(date_format(col('ts'), 'yyyy-MM-dd HH:mm'))" },
};

/** to_timestamp / try_to_timestamp: a cast without a pattern, a parse with one. */
function toTimestampDef(name: string, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length < 1 || argTypes.length > 2) return wrongArgCount(name, '[1, 2]', argTypes.length);
      const t = argTypes[0]!;
      if (argTypes.length === 1) {
        if (!timestampLike(t) && !isNumeric(t)) return unexpectedType(name, 0, '"STRING"', t);
        return { argTypes: [TimestampT], dataType: TimestampT, nullable: maybeNull };
      }
      if (!castableToString(argTypes[1]!)) return unexpectedType(name, 1, '"STRING"', argTypes[1]!);
      if (t.kind === 'timestamp' || t.kind === 'date') return { argTypes: [TimestampT, StringT], dataType: TimestampT, nullable: maybeNull };
      if (!castableToString(t)) return unexpectedType(name, 0, '"STRING"', t);
      return { argTypes: [StringT, StringT], dataType: TimestampT, nullable: maybeNull };
    },
    eval(args, n, ctx) {
      // Without a pattern (or over a timestamp) the analyzer's cast already made the value.
      if (args.length === 1 || !isText(args[0]!)) return args[0]!;
      return parseColumn(args[0]!, args[1]!, n, zoneOf(ctx));
    },
    doc: { description, example: `df.select(${name}(col('s'), 'yyyy-MM-dd HH:mm:ss'))` },
  };
}

export const toTimestamp = toTimestampDef('to_timestamp', 'The string parsed as a timestamp (with a Spark datetime pattern, or as a cast); NULL when it does not parse.');
export const tryToTimestamp = toTimestampDef('try_to_timestamp', 'As to_timestamp, NULL when the string does not parse (also in ANSI mode).');

export const toDate: ScalarFunctionDef = {
  name: 'to_date',
  resolve(argTypes) {
    if (argTypes.length < 1 || argTypes.length > 2) return wrongArgCount('to_date', '[1, 2]', argTypes.length);
    const t = argTypes[0]!;
    if (argTypes.length === 1) {
      if (isNumeric(t)) return { argTypes: [t], dataType: DateT, nullable: maybeNull };
      if (!timestampLike(t)) return unexpectedType('to_date', 0, '"STRING"', t);
      return { argTypes: [DateT], dataType: DateT, nullable: maybeNull };
    }
    if (!castableToString(argTypes[1]!)) return unexpectedType('to_date', 1, '"STRING"', argTypes[1]!);
    if (t.kind === 'timestamp' || t.kind === 'date') return { argTypes: [TimestampT, StringT], dataType: DateT, nullable: maybeNull };
    if (!castableToString(t)) return unexpectedType('to_date', 0, '"STRING"', t);
    return { argTypes: [StringT, StringT], dataType: DateT, nullable: maybeNull };
  },
  eval(args, n, ctx) {
    const a = args[0]!;
    // A number is no date: Spark's cast gives NULL.
    if (args.length === 1) return a.type.typeId === Type.Date ? a : nullColumn(DateT, n);
    const zone = zoneOf(ctx);
    const ts = isText(a) ? parseColumn(a, args[1]!, n, zone) : a;
    return castColumn(ts, TimestampT, DateT, n, ctx);
  },
  doc: { description: 'The string (parsed with an optional Spark datetime pattern), timestamp or date as a date; NULL when it does not parse.', example: "df.select(to_date(col('s'), 'dd/MM/yyyy'))" },
};

/** Seconds of a timestamp column (floor), as a bigint column. */
function secondsOf(ts: Data, n: number): Data {
  const w = int64Words(ts);
  const out = new BigInt64Array(n);
  const o = wordsOf(out);
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + 1]!;
    if (isSafeHi(hi)) writeNumber(o, i, Math.floor(wordsToNumber(w[2 * i]!, hi) / 1000000));
    else {
      const v = (BigInt(hi) << 32n) | BigInt(w[2 * i]! >>> 0);
      out[i] = v / 1000000n - (v < 0n && v % 1000000n !== 0n ? 1n : 0n);
    }
  }
  return primitiveData(LongT, n, out, validityOf(ts));
}

/** unix_timestamp / to_unix_timestamp: seconds since the epoch of a timestamp, date, or string in a pattern. */
function unixTimestampDef(name: string, minArgs: number): ScalarFunctionDef {
  return {
    name,
    completeArgs: (args) => (args.length === 1 ? [...args, lit(DEFAULT_FORMAT)] : args),
    resolve(argTypes) {
      if (argTypes.length < minArgs || argTypes.length > 2) return wrongArgCount(name, minArgs === 0 ? '[0, 1, 2]' : '[1, 2]', argTypes.length);
      if (argTypes.length === 0) return { argTypes: [], dataType: LongT, nullable: maybeNull };
      const t = argTypes[0]!;
      if (!castableToString(argTypes[1]!)) return unexpectedType(name, 1, '"STRING"', argTypes[1]!);
      if (t.kind === 'timestamp' || t.kind === 'date') return { argTypes: [TimestampT, StringT], dataType: LongT, nullable: maybeNull };
      if (t.kind !== 'string' && t.kind !== 'null') return unexpectedType(name, 0, '("STRING" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")', t);
      return { argTypes: [StringT, StringT], dataType: LongT, nullable: maybeNull };
    },
    eval(args, n, ctx) {
      if (args.length === 0) {
        // Constant folding fixes one current time per query.
        const now = ctx.currentMicros ?? BigInt(Date.now()) * 1000n;
        const out = new BigInt64Array(n).fill(now / 1000000n);
        return primitiveData(LongT, n, out, null);
      }
      const a = args[0]!;
      const ts = isText(a) ? parseColumn(a, args[1]!, n, zoneOf(ctx)) : a;
      return secondsOf(ts, n);
    },
    doc: { description: 'Seconds since 1970-01-01 00:00:00 UTC of a timestamp, date, or string in a Spark datetime pattern (default yyyy-MM-dd HH:mm:ss); without arguments, of now.', example: `df.select(${name}(col('s'), 'yyyy-MM-dd'))` },
  };
}

export const unixTimestamp = unixTimestampDef('unix_timestamp', 0);
export const toUnixTimestamp = unixTimestampDef('to_unix_timestamp', 1);

export const fromUnixtime: ScalarFunctionDef = {
  name: 'from_unixtime',
  completeArgs: (args) => (args.length === 1 ? [...args, lit(DEFAULT_FORMAT)] : args),
  resolve(argTypes) {
    if (argTypes.length < 1 || argTypes.length > 2) return wrongArgCount('from_unixtime', '[1, 2]', argTypes.length);
    const t = argTypes[0]!;
    if (!isNumeric(t) && t.kind !== 'string' && t.kind !== 'null') return unexpectedType('from_unixtime', 0, '"BIGINT"', t);
    if (!castableToString(argTypes[1]!)) return unexpectedType('from_unixtime', 1, '"STRING"', argTypes[1]!);
    return { argTypes: [LongT, StringT], dataType: StringT, nullable: maybeNull };
  },
  eval(args, n, ctx) {
    // Seconds → µs, saturating as Spark's cast does; then formatted like date_format.
    const ts = castColumn(args[0]!, LongT, TimestampT, n, ctx);
    return formatColumn(ts, args[1]!, n, zoneOf(ctx));
  },
  doc: { description: 'Seconds since the epoch as text in a Spark datetime pattern (default yyyy-MM-dd HH:mm:ss), in the session time zone.', example: "df.select(from_unixtime(col('secs')))" },
};

export const DATETIME_PATTERN_FUNCTIONS: readonly ScalarFunctionDef[] = [dateFormat, toTimestamp, tryToTimestamp, toDate, unixTimestamp, toUnixTimestamp, fromUnixtime];


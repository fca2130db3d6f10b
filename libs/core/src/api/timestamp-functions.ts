// Spark's timestamp functions in the TypeScript SDK (re-exported by `functions`): datetime patterns, fields,
// truncation, construction and epoch conversions, all in the session time zone (`spark.sql.session.timeZone`).
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}
const c = (x: ColumnLike, argName = 'col'): Expression => toColumnExpr(x, argName);
/** A string argument PySpark passes as a literal (a pattern, a unit, a zone id), or a column. */
const s = (x: string | Column): Expression => (typeof x === 'string' ? litExpr(x) : x.expr);
const opt = (x: string | Column | undefined): Expression[] => (x === undefined ? [] : [s(x)]);

/** The timestamp as text in a Spark datetime pattern (`yyyy-MM-dd HH:mm`), in the session time zone. */
export function date_format(date: ColumnLike, format: string): Column { return call('date_format', [c(date), litExpr(format)]); }
/** The string parsed as a date (with an optional pattern), or a timestamp's date; NULL when it does not parse. */
export function to_date(x: ColumnLike, format?: string): Column { return call('to_date', [c(x), ...opt(format)]); }
/** The string parsed as a timestamp (with an optional pattern, in the session time zone); NULL when it does not parse. */
export function to_timestamp(x: ColumnLike, format?: string): Column { return call('to_timestamp', [c(x), ...opt(format)]); }
/** As `to_timestamp`, NULL when the string does not parse; the pattern is a column, as in PySpark. */
export function try_to_timestamp(x: ColumnLike, format?: ColumnLike): Column { return call('try_to_timestamp', [c(x), ...(format === undefined ? [] : [c(format)])]); }
/** Seconds since the epoch of a timestamp, date or string in a pattern; without arguments, of the query's start. */
export function unix_timestamp(x?: ColumnLike, format = 'yyyy-MM-dd HH:mm:ss'): Column { return call('unix_timestamp', x === undefined ? [] : [c(x), litExpr(format)]); }
/** Seconds since the epoch of a timestamp, date or string in a pattern (a column; default `yyyy-MM-dd HH:mm:ss`). */
export function to_unix_timestamp(x: ColumnLike, format?: ColumnLike): Column { return call('to_unix_timestamp', [c(x), ...(format === undefined ? [] : [c(format)])]); }
/** Seconds since the epoch as text in a pattern (default `yyyy-MM-dd HH:mm:ss`), in the session time zone. */
export function from_unixtime(x: ColumnLike, format = 'yyyy-MM-dd HH:mm:ss'): Column { return call('from_unixtime', [c(x), litExpr(format)]); }
/** The hour (0–23) of a timestamp in the session time zone. */
export function hour(x: ColumnLike): Column { return call('hour', [c(x)]); }
/** The minute (0–59) of a timestamp in the session time zone. */
export function minute(x: ColumnLike): Column { return call('minute', [c(x)]); }
/** The second (0–59) of a timestamp. */
export function second(x: ColumnLike): Column { return call('second', [c(x)]); }
/** The timestamp truncated to a unit (YEAR … MICROSECOND) in the session time zone; NULL for other units. */
export function date_trunc(format: string, timestamp: ColumnLike): Column { return call('date_trunc', [litExpr(format), c(timestamp)]); }
/** The date truncated to a unit (YEAR, QUARTER, MONTH, WEEK); NULL for other units. */
export function trunc(date: ColumnLike, format: string): Column { return call('trunc', [c(date), litExpr(format)]); }
/** The date of year, month and day columns; NULL when they name no date. */
export function make_date(year: ColumnLike, month: ColumnLike, day: ColumnLike): Column { return call('make_date', [c(year), c(month), c(day)]); }
/** The timestamp of its fields, in `timezone` or the session time zone; NULL when they name no time. */
export function make_timestamp(years: ColumnLike, months: ColumnLike, days: ColumnLike, hours: ColumnLike, mins: ColumnLike, secs: ColumnLike, timezone?: ColumnLike): Column {
  return call('make_timestamp', [years, months, days, hours, mins, secs, ...(timezone === undefined ? [] : [timezone])].map((x) => c(x)));
}
/** The timestamp that many (fractional) seconds after the epoch. */
export function timestamp_seconds(x: ColumnLike): Column { return call('timestamp_seconds', [c(x)]); }
/** The timestamp that many milliseconds after the epoch. */
export function timestamp_millis(x: ColumnLike): Column { return call('timestamp_millis', [c(x)]); }
/** The timestamp that many microseconds after the epoch. */
export function timestamp_micros(x: ColumnLike): Column { return call('timestamp_micros', [c(x)]); }
/** Whole seconds since the epoch (rounded down). */
export function unix_seconds(x: ColumnLike): Column { return call('unix_seconds', [c(x)]); }
/** Whole milliseconds since the epoch (rounded down). */
export function unix_millis(x: ColumnLike): Column { return call('unix_millis', [c(x)]); }
/** Microseconds since the epoch. */
export function unix_micros(x: ColumnLike): Column { return call('unix_micros', [c(x)]); }
/** Days since 1970-01-01. */
export function unix_date(x: ColumnLike): Column { return call('unix_date', [c(x)]); }
/** The date that many days after 1970-01-01. */
export function date_from_unix_date(x: ColumnLike): Column { return call('date_from_unix_date', [c(x)]); }
/** Months from `date2` to `date1` (31-day months for the remainder), rounded to 8 digits unless `roundOff` is false. */
export function months_between(date1: ColumnLike, date2: ColumnLike, roundOff = true): Column { return call('months_between', [c(date1), c(date2), litExpr(roundOff)]); }
/** The first date after `date` on the named day of the week (`Mo`, `Mon`, `Monday`). */
export function next_day(date: ColumnLike, dayOfWeek: string): Column { return call('next_day', [c(date), litExpr(dayOfWeek)]); }
/** `Mon` … `Sun`. */
export function dayname(x: ColumnLike): Column { return call('dayname', [c(x)]); }
/** `Jan` … `Dec`. */
export function monthname(x: ColumnLike): Column { return call('monthname', [c(x)]); }
/** 0 = Monday … 6 = Sunday. */
export function weekday(x: ColumnLike): Column { return call('weekday', [c(x)]); }
/** Reads a UTC wall-clock time as `tz`'s (a string `tz` is a literal zone id). */
export function from_utc_timestamp(timestamp: ColumnLike, tz: string | Column): Column { return call('from_utc_timestamp', [c(timestamp), s(tz)]); }
/** Reads a wall-clock time of `tz` as UTC (a string `tz` is a literal zone id). */
export function to_utc_timestamp(timestamp: ColumnLike, tz: string | Column): Column { return call('to_utc_timestamp', [c(timestamp), s(tz)]); }
/** The time the query started: one value per query. */
export function current_timestamp(): Column { return call('current_timestamp', []); }
export function now(): Column { return call('now', []); }
/** The date the query started, in the session time zone. */
export function current_date(): Column { return call('current_date', []); }
export function curdate(): Column { return call('curdate', []); }
/** The session time zone. */
export function current_timezone(): Column { return call('current_timezone', []); }
/** One field (`YEAR`, `MONTH`, `HOUR`, `SECOND`…, a literal) of a date or timestamp. */
export function date_part(field: Column, source: ColumnLike): Column { return call('date_part', [field.expr, c(source)]); }
export function datepart(field: Column, source: ColumnLike): Column { return call('datepart', [field.expr, c(source)]); }
/** Alias of `date_add`. */
export function dateadd(start: ColumnLike, days: ColumnLike | number): Column { return call('dateadd', [c(start), typeof days === 'number' ? litExpr(days) : c(days)]); }
/** Alias of `datediff`. */
export function date_diff(end: ColumnLike, start: ColumnLike): Column { return call('date_diff', [c(end), c(start)]); }

// The functions added for issue 4/6 in the TypeScript SDK, re-exported by `functions`: formatting, URL and UTF-8
// functions, seeded random values, json_tuple/stack generators, timestamp arithmetic, nth_value, call_function.
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}

const c = (x: ColumnLike): Expression => toColumnExpr(x, 'col');
const seed = (s: number | bigint | undefined): Expression[] => (s === undefined ? [] : [litExpr(s)]);

/** printf-style formatting with Java's Formatter semantics (`%s %d %.2f %x %,d %1$s` …). */
export function format_string(format: string, ...cols: ColumnLike[]): Column { return call('format_string', [litExpr(format), ...cols.map(c)]); }
/** As `format_string`, the format a column. */
export function printf(format: ColumnLike, ...cols: ColumnLike[]): Column { return call('printf', [c(format), ...cols.map(c)]); }
/** Masks upper-case letters, lower-case letters, digits and (optionally) other characters. */
export function mask(x: ColumnLike, upperChar: string | null = 'X', lowerChar: string | null = 'x', digitChar: string | null = 'n', otherChar: string | null = null): Column {
  return call('mask', [c(x), litExpr(upperChar), litExpr(lowerChar), litExpr(digitChar), litExpr(otherChar)]);
}
/** The string in single quotes, its quotes escaped. */
export function quote(x: ColumnLike): Column { return call('quote', [c(x)]); }
/** True when the digits pass the Luhn checksum. */
export function luhn_check(x: ColumnLike): Column { return call('luhn_check', [c(x)]); }
export function is_valid_utf8(x: ColumnLike): Column { return call('is_valid_utf8', [c(x)]); }
export function validate_utf8(x: ColumnLike): Column { return call('validate_utf8', [c(x)]); }
export function try_validate_utf8(x: ColumnLike): Column { return call('try_validate_utf8', [c(x)]); }
export function make_valid_utf8(x: ColumnLike): Column { return call('make_valid_utf8', [c(x)]); }
/** A part (HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO) of a URL, or one query key's value. */
export function parse_url(url: ColumnLike, part: ColumnLike, key?: ColumnLike): Column { return call('parse_url', [c(url), c(part), ...(key === undefined ? [] : [c(key)])]); }
export function try_parse_url(url: ColumnLike, part: ColumnLike, key?: ColumnLike): Column { return call('try_parse_url', [c(url), c(part), ...(key === undefined ? [] : [c(key)])]); }
export function try_url_decode(x: ColumnLike): Column { return call('try_url_decode', [c(x)]); }
/** The Spark version Kindling implements. */
export function version(): Column { return call('version', []); }
/** A random alphanumeric string of `length` characters (Spark's generator, seed plus partition index). */
export function randstr(length: number, s?: number | bigint): Column { return call('randstr', [litExpr(length), ...seed(s)]); }
/** Random values in [min, max) of the bounds' type. */
export function uniform(min: number, max: number, s?: number | bigint): Column { return call('uniform', [litExpr(min), litExpr(max), ...seed(s)]); }
/** The array in a random order (Spark's generator). */
export function shuffle(x: ColumnLike, s?: number | bigint): Column { return call('shuffle', [c(x), ...seed(s)]); }
/** Generator: one row of the JSON object's top-level fields, as columns c0, c1, …. */
export function json_tuple(json: ColumnLike, ...fields: string[]): Column { return call('json_tuple', [c(json), ...fields.map((f) => litExpr(f))]); }
/** Generator: `n` rows of the values, as columns col0, col1, …. */
export function stack(n: number, ...values: ColumnLike[]): Column { return call('stack', [litExpr(n), ...values.map(c)]); }
/** The timestamp plus `quantity` units (YEAR … MICROSECOND). */
export function timestamp_add(unit: string, quantity: ColumnLike, ts: ColumnLike): Column { return call('timestampadd', [litExpr(unit), c(quantity), c(ts)]); }
/** Whole units from `start` to `end`. */
export function timestamp_diff(unit: string, start: ColumnLike, end: ColumnLike): Column { return call('timestampdiff', [litExpr(unit), c(start), c(end)]); }
/** A field (YEAR, MONTH, DAY, HOUR, SECOND, …) of a date or timestamp. */
export function extract(field: string, source: ColumnLike): Column { return call('extract', [litExpr(field), c(source)]); }
/** Window function: the `offset`-th row (non-NULL row with ignoreNulls) of the frame. */
export function nth_value(x: ColumnLike, offset: number, ignoreNulls = false): Column { return call('nth_value', [c(x), litExpr(offset), litExpr(ignoreNulls)]); }
/** A call of any engine function by its SQL name. */
export function call_function(name: string, ...cols: ColumnLike[]): Column { return call(name, cols.map(c)); }
/** The string read as a decimal with a number format (`$99.99`, `99,999.9S`, …). */
export function to_number(x: ColumnLike, format: string): Column { return call('to_number', [c(x), litExpr(format)]); }
/** As `to_number`, NULL for a string that does not match. */
export function try_to_number(x: ColumnLike, format: string): Column { return call('try_to_number', [c(x), litExpr(format)]); }
/** The number as a string in a number format. */
export function to_char(x: ColumnLike, format: string): Column { return call('to_char', [c(x), litExpr(format)]); }
/** Same as `to_char`. */
export function to_varchar(x: ColumnLike, format: string): Column { return call('to_varchar', [c(x), litExpr(format)]); }
/** The URI of the file the row is read from ('' elsewhere); its split's start and length (-1 elsewhere). */
export function input_file_name(): Column { return call('input_file_name', []); }
export function input_file_block_start(): Column { return call('input_file_block_start', []); }
export function input_file_block_length(): Column { return call('input_file_block_length', []); }

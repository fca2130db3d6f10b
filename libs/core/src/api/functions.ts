// Spark's `functions`: column constructors, scalar functions and aggregates, by their Spark names.
// Each wrapper only builds an expression; names, types and implementations live in the engine's registries.
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { IllegalArgumentError } from '../errors.js';
import { sqlFrontEnd } from '../catalog/sql-front-end.js';
import { Column, type ColumnOrValue, toColumnExpr, toExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[], isDistinct = false): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct });
}

function c(x: ColumnLike, argName = 'col'): Expression {
  return toColumnExpr(x, argName);
}

/** A column by name (`'a'`, `'t.a'`, `` '`a.b`' ``). */
export function col(name: string): Column {
  if (typeof name !== 'string') throw new IllegalArgumentError('NOT_STR', `Argument \`col\` should be a string, got ${typeof name}.`);
  return new Column(toColumnExpr(name));
}
/** Same as `col`. */
export const column = col;

/** A literal value; a Column passes through. */
export function lit(value: ColumnOrValue): Column {
  return Column.isColumn(value) ? value : new Column(toExpr(value));
}

/** Starts a CASE WHEN chain: `when(cond, value).when(…).otherwise(…)`. */
export function when(condition: Column, value: ColumnOrValue): Column {
  if (!Column.isColumn(condition)) throw new IllegalArgumentError('NOT_COLUMN', 'Argument `condition` of when() should be a Column.');
  return new Column({ kind: 'caseWhen', branches: [{ condition: condition.expr, value: toExpr(value) }], otherwise: null });
}

export function coalesce(...cols: ColumnLike[]): Column { return call('coalesce', cols.map((x) => c(x))); }
export function isnull(x: ColumnLike): Column { return new Column({ kind: 'isNull', child: c(x) }); }
export function isnotnull(x: ColumnLike): Column { return new Column({ kind: 'isNotNull', child: c(x) }); }
export function isnan(x: ColumnLike): Column { return call('isnan', [c(x)]); }
export function nvl(x: ColumnLike, y: ColumnLike): Column { return call('nvl', [c(x), c(y)]); }
export function ifnull(x: ColumnLike, y: ColumnLike): Column { return call('ifnull', [c(x), c(y)]); }
export function greatest(...cols: ColumnLike[]): Column { return call('greatest', cols.map((x) => c(x))); }
export function least(...cols: ColumnLike[]): Column { return call('least', cols.map((x) => c(x))); }

/**
 * A SQL expression as a Column: `expr('a + 1')`, `expr("s LIKE 'x%'")` (needs `@kindling/sql` imported). It has
 * no session, so it calls built-in functions only; `df.selectExpr` and `df.filter(text)` also see the functions
 * registered on the DataFrame's session.
 */
export function expr(text: string): Column {
  if (typeof text !== 'string') throw new IllegalArgumentError('NOT_STR', `expr() needs a SQL expression string, got ${typeof text}.`);
  return new Column(sqlFrontEnd().expression(text));
}

// Structs
/** A struct of the columns, each field named after its column or alias (`struct('a', col('b').alias('x'))`). */
export function struct(...cols: ColumnLike[]): Column { return call('struct', cols.map((x) => c(x))); }
/** `named_struct(name1, value1, …)`: a struct with the given field names. */
export function named_struct(...namesAndValues: ColumnOrValue[]): Column { return call('named_struct', namesAndValues.map((x) => toExpr(x))); }

// Strings
export function upper(x: ColumnLike): Column { return call('upper', [c(x)]); }
export function lower(x: ColumnLike): Column { return call('lower', [c(x)]); }
export function length(x: ColumnLike): Column { return call('length', [c(x)]); }
export function trim(x: ColumnLike): Column { return call('trim', [c(x)]); }
export function ltrim(x: ColumnLike): Column { return call('ltrim', [c(x)]); }
export function rtrim(x: ColumnLike): Column { return call('rtrim', [c(x)]); }
/** 1-based `pos`, `len` characters. */
export function substring(x: ColumnLike, pos: number, len: number): Column {
  return call('substring', [c(x), litExpr(pos), litExpr(len)]);
}
export function concat(...cols: ColumnLike[]): Column { return call('concat', cols.map((x) => c(x))); }
export function like(x: ColumnLike, pattern: ColumnLike): Column { return call('like', [c(x), typeof pattern === 'string' ? litExpr(pattern) : c(pattern)]); }
export function startswith(x: ColumnLike, prefix: ColumnLike): Column { return call('startswith', [c(x), c(prefix)]); }
export function endswith(x: ColumnLike, suffix: ColumnLike): Column { return call('endswith', [c(x), c(suffix)]); }
export function contains(x: ColumnLike, other: ColumnLike): Column { return call('contains', [c(x), c(other)]); }
/** The string cut around matches of the regular expression `pattern` (Java's split rules; `limit` > 0 caps the parts). */
export function split(x: ColumnLike, pattern: string, limit = -1): Column { return call('split', [c(x), litExpr(pattern), litExpr(limit)]); }
/** An array holding `x` `count` times: NULL when `count` is NULL, empty when it is negative. */
export function array_repeat(x: ColumnLike, count: ColumnLike | number): Column {
  return call('array_repeat', [c(x), typeof count === 'number' ? litExpr(count) : c(count, 'count')]);
}

// Generators: allowed only as a whole item of a select list (one per select), as in Spark.
/** One row per element of the array (column `col`); rows whose array is NULL or empty produce none. */
export function explode(x: ColumnLike): Column { return call('explode', [c(x)]); }
/** As `explode`, but a NULL or empty array gives one row with a NULL element. */
export function explode_outer(x: ColumnLike): Column { return call('explode_outer', [c(x)]); }
/** One row per element with its 0-based position (columns `pos`, `col`). */
export function posexplode(x: ColumnLike): Column { return call('posexplode', [c(x)]); }
/** As `posexplode`, keeping NULL or empty arrays as one row of NULLs. */
export function posexplode_outer(x: ColumnLike): Column { return call('posexplode_outer', [c(x)]); }
/** One row per struct of an array of structs, one column per field. */
export function inline(x: ColumnLike): Column { return call('inline', [c(x)]); }
/** As `inline`, keeping NULL or empty arrays as one row of NULL fields. */
export function inline_outer(x: ColumnLike): Column { return call('inline_outer', [c(x)]); }

// Math
export function abs(x: ColumnLike): Column { return call('abs', [c(x)]); }
export function round(x: ColumnLike, scale = 0): Column { return call('round', [c(x), litExpr(scale)]); }
export function floor(x: ColumnLike): Column { return call('floor', [c(x)]); }
export function ceil(x: ColumnLike): Column { return call('ceil', [c(x)]); }
export function sqrt(x: ColumnLike): Column { return call('sqrt', [c(x)]); }
export function exp(x: ColumnLike): Column { return call('exp', [c(x)]); }
export function expm1(x: ColumnLike): Column { return call('expm1', [c(x)]); }
/** The natural logarithm of `x`, or with two arguments the logarithm of the second to the base of the first; NULL for non-positive arguments. */
export function log(baseOrX: ColumnLike | number, x?: ColumnLike): Column {
  return x === undefined ? call('log', [c(baseOrX as ColumnLike)]) : call('log', [typeof baseOrX === 'number' ? litExpr(baseOrX) : c(baseOrX), c(x)]);
}
export function ln(x: ColumnLike): Column { return call('ln', [c(x)]); }
export function log10(x: ColumnLike): Column { return call('log10', [c(x)]); }
export function log2(x: ColumnLike): Column { return call('log2', [c(x)]); }
export function log1p(x: ColumnLike): Column { return call('log1p', [c(x)]); }
export function pow(x: ColumnLike | number, y: ColumnLike | number): Column { return call('power', [typeof x === 'number' ? litExpr(x) : c(x), typeof y === 'number' ? litExpr(y) : c(y)]); }
export const power = pow;
export function sin(x: ColumnLike): Column { return call('sin', [c(x)]); }
export function cos(x: ColumnLike): Column { return call('cos', [c(x)]); }
export function tan(x: ColumnLike): Column { return call('tan', [c(x)]); }
export function cot(x: ColumnLike): Column { return call('cot', [c(x)]); }
export function sec(x: ColumnLike): Column { return call('sec', [c(x)]); }
export function csc(x: ColumnLike): Column { return call('csc', [c(x)]); }
export function asin(x: ColumnLike): Column { return call('asin', [c(x)]); }
export function acos(x: ColumnLike): Column { return call('acos', [c(x)]); }
export function atan(x: ColumnLike): Column { return call('atan', [c(x)]); }
export function atan2(y: ColumnLike | number, x: ColumnLike | number): Column { return call('atan2', [typeof y === 'number' ? litExpr(y) : c(y), typeof x === 'number' ? litExpr(x) : c(x)]); }
export function sinh(x: ColumnLike): Column { return call('sinh', [c(x)]); }
export function cosh(x: ColumnLike): Column { return call('cosh', [c(x)]); }
export function tanh(x: ColumnLike): Column { return call('tanh', [c(x)]); }
export function asinh(x: ColumnLike): Column { return call('asinh', [c(x)]); }
export function acosh(x: ColumnLike): Column { return call('acosh', [c(x)]); }
export function atanh(x: ColumnLike): Column { return call('atanh', [c(x)]); }
export function cbrt(x: ColumnLike): Column { return call('cbrt', [c(x)]); }
export function degrees(x: ColumnLike): Column { return call('degrees', [c(x)]); }
export function radians(x: ColumnLike): Column { return call('radians', [c(x)]); }
export function signum(x: ColumnLike): Column { return call('signum', [c(x)]); }
export function rint(x: ColumnLike): Column { return call('rint', [c(x)]); }
export function hypot(a: ColumnLike | number, b: ColumnLike | number): Column { return call('hypot', [typeof a === 'number' ? litExpr(a) : c(a), typeof b === 'number' ? litExpr(b) : c(b)]); }
export function pi(): Column { return call('pi', []); }

// JSON
/** The value a JSONPath (`$.a.b[0]`, `$['k']`, `[*]`) selects in a JSON string; NULL when nothing matches or the JSON is malformed. */
export function get_json_object(json: ColumnLike, path: string): Column { return call('get_json_object', [c(json), litExpr(path)]); }
/** The number of elements of the outermost JSON array; NULL for anything else. */
export function json_array_length(json: ColumnLike): Column { return call('json_array_length', [c(json)]); }
/** The keys of the outermost JSON object; NULL for anything else. */
export function json_object_keys(json: ColumnLike): Column { return call('json_object_keys', [c(json)]); }
/** A struct or array column as a JSON string (NULL struct fields left out). */
export function to_json(x: ColumnLike): Column { return call('to_json', [c(x)]); }
/** A JSON string read as `schema` (a DDL field list such as `'a INT, b STRING'`, or a type such as `'ARRAY<INT>'`). */
export function from_json(json: ColumnLike, schema: string | Column): Column { return call('from_json', [c(json), schema instanceof Column ? schema.expr : litExpr(schema)]); }
/** The schema Spark infers for a constant JSON document, as a DDL type string. */
export function schema_of_json(json: string | Column): Column { return call('schema_of_json', [json instanceof Column ? json.expr : litExpr(json)]); }

// Collections
/** An array of the columns, brought to their common type. */
export function array(...cols: ColumnLike[]): Column { return call('array', cols.map((x) => c(x))); }
/** The number of elements (-1 for NULL unless ANSI mode is on). */
export function size(x: ColumnLike): Column { return call('size', [c(x)]); }
export function cardinality(x: ColumnLike): Column { return call('cardinality', [c(x)]); }
/** True if the array holds `value`; NULL if it does not but holds a NULL. */
export function array_contains(x: ColumnLike, value: unknown): Column { return call('array_contains', [c(x), value instanceof Column ? value.expr : litExpr(value as never)]); }

// Dates
const intArg = (x: ColumnLike | number) => (typeof x === 'number' ? litExpr(x) : c(x));
export function date_add(start: ColumnLike, days: ColumnLike | number): Column { return call('date_add', [c(start), intArg(days)]); }
export function date_sub(start: ColumnLike, days: ColumnLike | number): Column { return call('date_sub', [c(start), intArg(days)]); }
export function add_months(start: ColumnLike, months: ColumnLike | number): Column { return call('add_months', [c(start), intArg(months)]); }
export function datediff(end: ColumnLike, start: ColumnLike): Column { return call('datediff', [c(end), c(start)]); }
export function last_day(d: ColumnLike): Column { return call('last_day', [c(d)]); }
export function dayofweek(d: ColumnLike): Column { return call('dayofweek', [c(d)]); }
export function dayofyear(d: ColumnLike): Column { return call('dayofyear', [c(d)]); }
export function quarter(d: ColumnLike): Column { return call('quarter', [c(d)]); }
export function weekofyear(d: ColumnLike): Column { return call('weekofyear', [c(d)]); }
export * from './timestamp-functions.js';
export function e(): Column { return call('e', []); }

// Aggregates
/** `count('*')` counts rows; `count(col)` counts non-null values. */
export function count(x: ColumnLike): Column {
  if (x === '*') return call('count', []);
  return call('count', [c(x)]);
}
export function sum(x: ColumnLike): Column { return call('sum', [c(x)]); }
export function sum_distinct(x: ColumnLike): Column { return call('sum', [c(x)], true); }
export function avg(x: ColumnLike): Column { return call('avg', [c(x)]); }
export function mean(x: ColumnLike): Column { return call('avg', [c(x)]); }
export function min(x: ColumnLike): Column { return call('min', [c(x)]); }
export function max(x: ColumnLike): Column { return call('max', [c(x)]); }
/** The first value of the group or window frame (which one depends on row order); `ignoreNulls` skips NULLs. */
export function first(x: ColumnLike, ignoreNulls: boolean | Column = false): Column { return firstLast('first', x, ignoreNulls); }
/** The last value of the group or window frame (which one depends on row order); `ignoreNulls` skips NULLs. */
export function last(x: ColumnLike, ignoreNulls: boolean | Column = false): Column { return firstLast('last', x, ignoreNulls); }
/** `first` by its SQL standard name (columns are named `first_value(x)`). */
export function first_value(x: ColumnLike, ignoreNulls: boolean | Column = false): Column { return firstLast('first_value', x, ignoreNulls); }
/** `last` by its SQL standard name (columns are named `last_value(x)`). */
export function last_value(x: ColumnLike, ignoreNulls: boolean | Column = false): Column { return firstLast('last_value', x, ignoreNulls); }
/** Some value of the group (the first one met); `ignoreNulls` returns a non-NULL one when there is one. */
export function any_value(x: ColumnLike, ignoreNulls: boolean | Column = false): Column { return firstLast('any_value', x, ignoreNulls); }
// The flag is left out when false, so the column is named `first(x)` either way, as in Spark.
function firstLast(name: string, x: ColumnLike, ignoreNulls: boolean | Column): Column {
  if (ignoreNulls === false) return call(name, [c(x)]);
  return call(name, [c(x), ignoreNulls === true ? litExpr(true) : ignoreNulls.expr]);
}
export function collect_list(x: ColumnLike): Column { return call('collect_list', [c(x)]); }
export function countDistinct(x: ColumnLike, ...more: ColumnLike[]): Column { return call('count', [c(x), ...more.map((m) => c(m))], true); }
export const count_distinct = countDistinct;

// Grouping analytics (in the aggregates of rollup / cube, or SQL's GROUPING SETS)
/** 1 where `x` is aggregated away in the row's grouping set (a NULL there is not a NULL key), else 0. */
export function grouping(x: ColumnLike): Column { return call('grouping', [c(x)]); }
/**
 * The row's grouping set as a bigint: bit i (the first grouping column being the most significant) is set where that
 * column is aggregated away. Given columns, they must be the grouping columns, in order.
 */
export function grouping_id(...cols: ColumnLike[]): Column { return call('grouping_id', cols.map((x) => c(x))); }

// Sort helpers
export function asc(x: ColumnLike): Column { return new Column(c(x)).asc(); }
export function desc(x: ColumnLike): Column { return new Column(c(x)).desc(); }

// Window functions (use with `.over(windowSpec)`)
export function row_number(): Column { return call('row_number', []); }
export function rank(): Column { return call('rank', []); }
export function dense_rank(): Column { return call('dense_rank', []); }
export function percent_rank(): Column { return call('percent_rank', []); }
export function cume_dist(): Column { return call('cume_dist', []); }
export function ntile(n: number): Column { return call('ntile', [litExpr(n)]); }
/** The value `offset` rows before the current row in the window partition, or `defaultValue`. */
export function lag(x: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return call('lag', [c(x), litExpr(offset), toExpr(defaultValue)]);
}
/** The value `offset` rows after the current row in the window partition, or `defaultValue`. */
export function lead(x: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return call('lead', [c(x), litExpr(offset), toExpr(defaultValue)]);
}

export * from './misc-functions.js';
export * from './array-functions.js';
// Map type functions (h-maps).
export * from './map-functions.js';
export * from './string-functions.js';
// Statistical and logical aggregates
export * from './aggregate-functions.js';
export * from './approx-aggregate-functions.js';
export * from './more-functions.js';

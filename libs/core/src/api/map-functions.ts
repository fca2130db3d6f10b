// Spark's map functions for the TypeScript SDK, re-exported by `functions` (element lookup is `element_at` and
// Column.getItem). Higher-order ones take a TypeScript function of Columns, as the array functions do.
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { lambda } from './array-functions.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}

function c(x: ColumnLike): Expression {
  return toColumnExpr(x, 'col');
}

/** A map of key/value column pairs: create_map(k1, v1, k2, v2, …); a NULL or repeated key is an error. */
export function create_map(...cols: ColumnLike[]): Column { return call('map', cols.map((x) => c(x))); }
/** A map from an array of keys and an array of values, position by position. */
export function map_from_arrays(keys: ColumnLike, values: ColumnLike): Column { return call('map_from_arrays', [c(keys), c(values)]); }
/** A map from an array of (key, value) structs; NULL if one entry is NULL. */
export function map_from_entries(x: ColumnLike): Column { return call('map_from_entries', [c(x)]); }
/** The keys of a map as an array, in entry order. */
export function map_keys(x: ColumnLike): Column { return call('map_keys', [c(x)]); }
/** The values of a map as an array, in entry order. */
export function map_values(x: ColumnLike): Column { return call('map_values', [c(x)]); }
/** The entries of a map as an array of (key, value) structs. */
export function map_entries(x: ColumnLike): Column { return call('map_entries', [c(x)]); }
/** The union of maps; NULL if one is NULL; a key in two of them is DUPLICATED_MAP_KEY. */
export function map_concat(...cols: ColumnLike[]): Column { return call('map_concat', cols.map((x) => c(x))); }
/** True if the map has the key. */
export function map_contains_key(x: ColumnLike, key: unknown): Column {
  return call('map_contains_key', [c(x), Column.isColumn(key) ? (key as Column).expr : litExpr(key as never)]);
}
/** A map<string,string> from text split by `pairDelim` and `keyValueDelim` (regular expressions). */
export function str_to_map(text: ColumnLike, pairDelim = ',', keyValueDelim = ':'): Column {
  return call('str_to_map', [c(text), litExpr(pairDelim), litExpr(keyValueDelim)]);
}
/** The map with each key replaced by `f(key, value)`. */
export function transform_keys(x: ColumnLike, f: (k: Column, v: Column) => Column): Column { return call('transform_keys', [c(x), lambda(f)]); }
/** The map with each value replaced by `f(key, value)`. */
export function transform_values(x: ColumnLike, f: (k: Column, v: Column) => Column): Column { return call('transform_values', [c(x), lambda(f)]); }
/** The entries for which `f(key, value)` is true. */
export function map_filter(x: ColumnLike, f: (k: Column, v: Column) => Column): Column { return call('map_filter', [c(x), lambda(f)]); }
/** Two maps merged key by key with `f(key, value1, value2)`; a key missing from one gives NULL for its value. */
export function map_zip_with(a: ColumnLike, b: ColumnLike, f: (k: Column, x: Column, y: Column) => Column): Column {
  return call('map_zip_with', [c(a), c(b), lambda(f)]);
}

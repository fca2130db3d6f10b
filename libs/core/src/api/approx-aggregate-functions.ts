// Spark's approximate and ordered-set aggregate functions for the TypeScript SDK, re-exported by `functions`:
// approx_count_distinct, percentile_approx / approx_percentile, product, mode, listagg / string_agg (+ _distinct).
// Each only builds an expression; names, types and implementations live in the aggregate registry.
import { type Expression, lit } from '../expr/expression.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[], isDistinct = false): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct });
}

function percentages(p: number | readonly number[] | Column): Expression {
  if (p instanceof Column) return p.expr;
  if (typeof p === 'number') return lit(p, { kind: 'float64' });
  return { kind: 'unresolvedFunction', name: 'array', args: p.map((v) => lit(v, { kind: 'float64' })), isDistinct: false };
}

/** The estimated number of distinct non-NULL values (Spark's HyperLogLog++; `rsd` the maximum relative standard deviation, 0.05 by default). */
export function approx_count_distinct(x: ColumnLike, rsd?: number): Column {
  return call('approx_count_distinct', rsd === undefined ? [toColumnExpr(x, 'col')] : [toColumnExpr(x, 'col'), lit(rsd, { kind: 'float64' })]);
}

/** Approximate percentile(s) of the non-NULL values (Spark's G-K summaries, relative error 1 / accuracy), in the input's type. */
export function percentile_approx(x: ColumnLike, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  const acc = accuracy instanceof Column ? accuracy.expr : lit(accuracy);
  return call('percentile_approx', [toColumnExpr(x, 'col'), percentages(percentage), acc]);
}

/** `percentile_approx` by Spark's other name (the column is named `approx_percentile(…)`). */
export function approx_percentile(x: ColumnLike, percentage: number | readonly number[] | Column, accuracy: number | Column = 10000): Column {
  const acc = accuracy instanceof Column ? accuracy.expr : lit(accuracy);
  return call('approx_percentile', [toColumnExpr(x, 'col'), percentages(percentage), acc]);
}

/** The product of the non-NULL values, as a double. */
export function product(x: ColumnLike): Column {
  // The DataFrame-only name (Spark's SQL has no product).
  return call('product$', [toColumnExpr(x, 'col')]);
}

/** The most frequent non-NULL value; `deterministic` breaks ties to the smallest value. */
export function mode(x: ColumnLike, deterministic = false): Column {
  return call('mode', [toColumnExpr(x, 'col'), lit(deterministic)]);
}

function delimiterOf(d: string | Column | null): Expression {
  return d instanceof Column ? d.expr : lit(d);
}

/** The non-NULL values joined by `delimiter` (none by default), in the order the rows arrive. */
export function listagg(x: ColumnLike, delimiter: string | Column | null = null): Column {
  return call('listagg', [toColumnExpr(x, 'col'), delimiterOf(delimiter)]);
}

/** `listagg` of the distinct non-NULL values. */
export function listagg_distinct(x: ColumnLike, delimiter: string | Column | null = null): Column {
  return call('listagg', [toColumnExpr(x, 'col'), delimiterOf(delimiter)], true);
}

/** `listagg` by its other name (the column is named `string_agg(…)`). */
export function string_agg(x: ColumnLike, delimiter: string | Column | null = null): Column {
  return call('string_agg', [toColumnExpr(x, 'col'), delimiterOf(delimiter)]);
}

/** `string_agg` of the distinct non-NULL values. */
export function string_agg_distinct(x: ColumnLike, delimiter: string | Column | null = null): Column {
  return call('string_agg', [toColumnExpr(x, 'col'), delimiterOf(delimiter)], true);
}

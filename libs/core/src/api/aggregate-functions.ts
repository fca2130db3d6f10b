// Spark's statistical and logical aggregate functions for the TypeScript SDK, re-exported by `functions`.
// Each only builds an expression; names, types and implementations live in the aggregate registry.
import type { Expression } from '../expr/expression.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function agg(name: string, ...cols: ColumnLike[]): Column {
  const args: Expression[] = cols.map((x) => toColumnExpr(x, 'col'));
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}

/** The sample standard deviation (alias of `stddev_samp`); NULL for fewer than two non-NULL values. */
export function stddev(x: ColumnLike): Column { return agg('stddev', x); }
/** The sample standard deviation (alias of `stddev_samp`, named `std(x)`). */
export function std(x: ColumnLike): Column { return agg('std', x); }
/** The sample standard deviation of the non-NULL values; NULL for fewer than two. */
export function stddev_samp(x: ColumnLike): Column { return agg('stddev_samp', x); }
/** The population standard deviation of the non-NULL values. */
export function stddev_pop(x: ColumnLike): Column { return agg('stddev_pop', x); }
/** The sample variance (alias of `var_samp`); NULL for fewer than two non-NULL values. */
export function variance(x: ColumnLike): Column { return agg('variance', x); }
/** The sample variance of the non-NULL values; NULL for fewer than two. */
export function var_samp(x: ColumnLike): Column { return agg('var_samp', x); }
/** The population variance of the non-NULL values. */
export function var_pop(x: ColumnLike): Column { return agg('var_pop', x); }
/** The skewness of the non-NULL values; NULL when they do not vary. */
export function skewness(x: ColumnLike): Column { return agg('skewness', x); }
/** The excess kurtosis of the non-NULL values; NULL when they do not vary. */
export function kurtosis(x: ColumnLike): Column { return agg('kurtosis', x); }
/** Pearson's correlation of the pairs where both are non-NULL; NULL for fewer than two pairs or no spread. */
export function corr(x: ColumnLike, y: ColumnLike): Column { return agg('corr', x, y); }
/** The population covariance of the pairs where both are non-NULL. */
export function covar_pop(x: ColumnLike, y: ColumnLike): Column { return agg('covar_pop', x, y); }
/** The sample covariance of the pairs where both are non-NULL; NULL for fewer than two. */
export function covar_samp(x: ColumnLike, y: ColumnLike): Column { return agg('covar_samp', x, y); }
/** The number of rows where both `y` and `x` are non-NULL. */
export function regr_count(y: ColumnLike, x: ColumnLike): Column { return agg('regr_count', y, x); }
/** The mean of `x` over the rows where both are non-NULL. */
export function regr_avgx(y: ColumnLike, x: ColumnLike): Column { return agg('regr_avgx', y, x); }
/** The mean of `y` over the rows where both are non-NULL. */
export function regr_avgy(y: ColumnLike, x: ColumnLike): Column { return agg('regr_avgy', y, x); }
/** `regr_count(y, x) * var_pop(x)` over the rows where both are non-NULL. */
export function regr_sxx(y: ColumnLike, x: ColumnLike): Column { return agg('regr_sxx', y, x); }
/** `regr_count(y, x) * var_pop(y)` over the rows where both are non-NULL. */
export function regr_syy(y: ColumnLike, x: ColumnLike): Column { return agg('regr_syy', y, x); }
/** `regr_count(y, x) * covar_pop(y, x)` over the rows where both are non-NULL. */
export function regr_sxy(y: ColumnLike, x: ColumnLike): Column { return agg('regr_sxy', y, x); }
/** The slope of the least-squares line of `y` on `x`; NULL when `x` does not vary. */
export function regr_slope(y: ColumnLike, x: ColumnLike): Column { return agg('regr_slope', y, x); }
/** The y-intercept of the least-squares line of `y` on `x`; NULL when `x` does not vary. */
export function regr_intercept(y: ColumnLike, x: ColumnLike): Column { return agg('regr_intercept', y, x); }
/** The coefficient of determination of the least-squares line of `y` on `x`. */
export function regr_r2(y: ColumnLike, x: ColumnLike): Column { return agg('regr_r2', y, x); }

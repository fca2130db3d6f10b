// Spark's statistical and logical aggregate functions for the TypeScript SDK, re-exported by `functions`.
// Each only builds an expression; names, types and implementations live in the aggregate registry.
import { type Expression, lit } from '../expr/expression.js';
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

/** The number of rows where the condition is true. */
export function count_if(condition: ColumnLike): Column { return agg('count_if', condition); }
/** True when the condition holds for every non-NULL row; NULL without rows. */
export function bool_and(condition: ColumnLike): Column { return agg('bool_and', condition); }
/** `bool_and` by its SQL standard name (named `every(x)`). */
export function every(condition: ColumnLike): Column { return agg('every', condition); }
/** True when the condition holds for some non-NULL row; NULL without rows. */
export function bool_or(condition: ColumnLike): Column { return agg('bool_or', condition); }
/** `bool_or` by its SQL standard name (named `some(x)`). */
export function some(condition: ColumnLike): Column { return agg('some', condition); }
/** The bitwise AND of the non-NULL int or bigint values. */
export function bit_and(x: ColumnLike): Column { return agg('bit_and', x); }
/** The bitwise OR of the non-NULL int or bigint values. */
export function bit_or(x: ColumnLike): Column { return agg('bit_or', x); }
/** The bitwise XOR of the non-NULL int or bigint values. */
export function bit_xor(x: ColumnLike): Column { return agg('bit_xor', x); }
/** The distinct non-NULL values of the group as an array (in the order first met). */
export function collect_set(x: ColumnLike): Column { return agg('collect_set', x); }
/** `collect_list` (and named so, as in Spark). */
export function array_agg(x: ColumnLike): Column { return agg('array_agg', x); }
/** The value of `x` at the row with the largest `ord` (NULL orderings skipped; ties take the later row). */
export function max_by(x: ColumnLike, ord: ColumnLike): Column { return agg('max_by', x, ord); }
/** The value of `x` at the row with the smallest `ord` (NULL orderings skipped; ties take the later row). */
export function min_by(x: ColumnLike, ord: ColumnLike): Column { return agg('min_by', x, ord); }
/** `sum`, NULL instead of wrapping when a bigint sum overflows. */
export function try_sum(x: ColumnLike): Column { return agg('try_sum', x); }
/** `avg`, NULL when its sum overflows in any mode. */
export function try_avg(x: ColumnLike): Column { return agg('try_avg', x); }
/** The exact median of the non-NULL values. */
export function median(x: ColumnLike): Column { return agg('median', x); }
/** The exact percentile(s) of the non-NULL values (an array for several), each row counted `frequency` times. */
export function percentile(x: ColumnLike, percentage: number | readonly number[], frequency = 1): Column {
  const p: Expression = typeof percentage === 'number'
    ? lit(percentage)
    : { kind: 'unresolvedFunction', name: 'array', args: percentage.map((v) => lit(v)), isDistinct: false };
  return new Column({ kind: 'unresolvedFunction', name: 'percentile', args: [toColumnExpr(x, 'col'), p, lit(frequency)], isDistinct: false });
}

// Definitions of the statistical aggregates (stddev…kurtosis, corr, covar_*, regr_*): names and aliases, argument
// types (Spark casts them to double, strings too when ANSI is off), result types, the errors Spark raises, their docs.
import { type DataType, BooleanT, DecimalT, DoubleT, LongT, isNumeric } from '../../types/data-type.js';
import { avgResultType, sumResultType } from '../../types/decimal.js';
import type { StatisticalAggregateName } from '../expression.js';
// Types only: registry.ts imports this module's values.
import type { AggregateFunctionDef, Resolution } from './registry.js';
import { unexpectedInput, wrongCount } from './resolution-errors.js';

/** Types Spark implicitly casts to double (ANSI off): numbers, strings and NULL. */
function toDouble(t: DataType): boolean {
  return isNumeric(t) || t.kind === 'string' || t.kind === 'null';
}

/** `name(x)` or `name(y, x)` over doubles, a double result. */
function overDoubles(name: StatisticalAggregateName, arity: 1 | 2, description: string, example: string): AggregateFunctionDef {
  return {
    name,
    resolve(argTypes, _distinct, argSql, calledAs): Resolution {
      if (argTypes.length !== arity) return wrongCount(calledAs ?? name, arity, argTypes.length);
      for (let i = 0; i < arity; i++) if (!toDouble(argTypes[i]!)) return unexpectedInput(i, '"DOUBLE"', argSql, argTypes[i]!);
      return { argTypes: argTypes.map(() => DoubleT), dataType: DoubleT, nullable: true };
    },
    doc: { description, example },
  };
}

/** regr_count / regr_avgx / regr_avgy (y, x): numeric arguments (strings become doubles), kept in their types. */
function overNumbers(name: 'regr_count' | 'regr_avgx' | 'regr_avgy', description: string, example: string): AggregateFunctionDef {
  return {
    name,
    resolve(argTypes, _distinct, argSql, calledAs): Resolution {
      if (argTypes.length !== 2) return wrongCount(calledAs ?? name, 2, argTypes.length);
      for (let i = 0; i < 2; i++) if (!toDouble(argTypes[i]!)) return unexpectedInput(i, '"NUMERIC"', argSql, argTypes[i]!);
      const cast = argTypes.map((t) => (t.kind === 'string' || t.kind === 'null' ? DoubleT : t));
      if (name === 'regr_count') return { argTypes: cast, dataType: LongT, nullable: false };
      // Spark's Average over the chosen argument where both are non-NULL: decimals stay decimals.
      const t = cast[name === 'regr_avgx' ? 1 : 0]!;
      if (t.kind !== 'decimal') return { argTypes: cast, dataType: DoubleT, nullable: true };
      const r = avgResultType(t);
      return { argTypes: cast, dataType: DecimalT(r.precision, r.scale), nullable: true };
    },
    doc: { description, example },
  };
}

export const STATISTICAL_DEFS: Record<StatisticalAggregateName, AggregateFunctionDef> = {
  stddev_samp: overDoubles('stddev_samp', 1, 'The sample standard deviation of the non-NULL values; NULL for fewer than two.', "df.groupBy('dept').agg(stddev('salary'))"),
  stddev_pop: overDoubles('stddev_pop', 1, 'The population standard deviation of the non-NULL values; NULL when there are none.', "df.groupBy('dept').agg(stddev_pop('salary'))"),
  var_samp: overDoubles('var_samp', 1, 'The sample variance of the non-NULL values; NULL for fewer than two.', "df.groupBy('dept').agg(variance('salary'))"),
  var_pop: overDoubles('var_pop', 1, 'The population variance of the non-NULL values; NULL when there are none.', "df.groupBy('dept').agg(var_pop('salary'))"),
  skewness: overDoubles('skewness', 1, 'The skewness of the non-NULL values; NULL when they do not vary.', "df.groupBy('dept').agg(skewness('salary'))"),
  kurtosis: overDoubles('kurtosis', 1, 'The excess kurtosis of the non-NULL values; NULL when they do not vary.', "df.groupBy('dept').agg(kurtosis('salary'))"),
  corr: overDoubles('corr', 2, "Pearson's correlation coefficient of the pairs where both are non-NULL; NULL for fewer than two or no spread.", "df.agg(corr('x', 'y'))"),
  covar_pop: overDoubles('covar_pop', 2, 'The population covariance of the pairs where both are non-NULL.', "df.agg(covar_pop('x', 'y'))"),
  covar_samp: overDoubles('covar_samp', 2, 'The sample covariance of the pairs where both are non-NULL; NULL for fewer than two.', "df.agg(covar_samp('x', 'y'))"),
  regr_count: overNumbers('regr_count', 'The number of rows where both y and x are non-NULL.', "df.agg(regr_count('y', 'x'))"),
  regr_avgx: overNumbers('regr_avgx', 'The mean of x over the rows where both y and x are non-NULL.', "df.agg(regr_avgx('y', 'x'))"),
  regr_avgy: overNumbers('regr_avgy', 'The mean of y over the rows where both y and x are non-NULL.', "df.agg(regr_avgy('y', 'x'))"),
  regr_sxx: overDoubles('regr_sxx', 2, 'The sum of squared deviations of x (y and x non-NULL): regr_count * var_pop(x).', "df.agg(regr_sxx('y', 'x'))"),
  regr_syy: overDoubles('regr_syy', 2, 'The sum of squared deviations of y (y and x non-NULL): regr_count * var_pop(y).', "df.agg(regr_syy('y', 'x'))"),
  regr_sxy: overDoubles('regr_sxy', 2, 'The sum of products of the deviations of y and x (both non-NULL): regr_count * covar_pop(y, x).', "df.agg(regr_sxy('y', 'x'))"),
  regr_slope: overDoubles('regr_slope', 2, 'The slope of the least-squares line of y on x; NULL when x does not vary.', "df.agg(regr_slope('y', 'x'))"),
  regr_intercept: overDoubles('regr_intercept', 2, 'The y-intercept of the least-squares line of y on x; NULL when x does not vary.', "df.agg(regr_intercept('y', 'x'))"),
  regr_r2: overDoubles('regr_r2', 2, 'The coefficient of determination of the least-squares line of y on x; NULL when x does not vary, 1 when y does not.', "df.agg(regr_r2('y', 'x'))"),
};

/** Names (lower case) and aliases; a call by an alias is named as called (`std(x)`, `variance(x)`), as in Spark. */
export const STATISTICAL_NAMES: Record<string, StatisticalAggregateName> = {
  stddev: 'stddev_samp',
  std: 'stddev_samp',
  stddev_samp: 'stddev_samp',
  stddev_pop: 'stddev_pop',
  variance: 'var_samp',
  var_samp: 'var_samp',
  var_pop: 'var_pop',
  skewness: 'skewness',
  kurtosis: 'kurtosis',
  corr: 'corr',
  covar_pop: 'covar_pop',
  covar_samp: 'covar_samp',
  regr_count: 'regr_count',
  regr_avgx: 'regr_avgx',
  regr_avgy: 'regr_avgy',
  regr_sxx: 'regr_sxx',
  regr_syy: 'regr_syy',
  regr_sxy: 'regr_sxy',
  regr_slope: 'regr_slope',
  regr_intercept: 'regr_intercept',
  regr_r2: 'regr_r2',
};

/** The partial-state types of a statistical aggregate over `argTypes` (after the analyzer's casts). */
export function statisticalStateTypes(fn: StatisticalAggregateName, argTypes: readonly DataType[]): DataType[] {
  switch (fn) {
    case 'regr_count':
      return [LongT];
    case 'regr_avgx':
    case 'regr_avgy': {
      const t = argTypes[fn === 'regr_avgx' ? 1 : 0]!;
      if (t.kind !== 'decimal') return [DoubleT, LongT];
      const s = sumResultType(t);
      return [DecimalT(s.precision, s.scale), BooleanT, LongT];
    }
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
    case 'regr_sxx':
    case 'regr_syy':
      return [DoubleT, DoubleT, DoubleT];
    case 'skewness':
      return Array<DataType>(4).fill(DoubleT);
    case 'kurtosis':
      return Array<DataType>(5).fill(DoubleT);
    case 'covar_pop':
    case 'covar_samp':
    case 'regr_sxy':
      return Array<DataType>(4).fill(DoubleT);
    case 'corr':
    case 'regr_r2':
    case 'regr_slope':
    case 'regr_intercept':
      return Array<DataType>(6).fill(DoubleT);
  }
}

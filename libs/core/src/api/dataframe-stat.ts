// DataFrame statistics for the TypeScript SDK: `describe`, `corr`, `cov` and `df.stat`, as Spark's Dataset methods.
// They build engine aggregates; `corr`/`cov` read NULLs as 0.0 and divide by zero into NaN, as Spark's StatFunctions.
import { IllegalArgumentError } from '../errors.js';
import type { DataType } from '../types/data-type.js';
import { simpleString } from '../types/data-type.js';
import type { Column } from './column.js';
import type { DataFrame } from './dataframe.js';
import * as F from './functions.js';

const DESCRIBE = ['count', 'mean', 'stddev', 'min', 'max'] as const;
const STAT: Record<(typeof DESCRIBE)[number], (c: Column) => Column> = {
  count: (c) => F.count(c),
  mean: (c) => F.avg(c),
  stddev: (c) => F.stddev(c),
  min: (c) => F.min(c),
  max: (c) => F.max(c),
};

const isNumericType = (t: DataType): boolean => t.kind === 'int32' || t.kind === 'int64' || t.kind === 'float64' || t.kind === 'decimal';

/** count, mean, stddev, min and max per column as strings, under a `summary` column (every numeric and string column by default). */
export function describe(df: DataFrame, cols: readonly string[]): DataFrame {
  const names = cols.length > 0 ? [...cols] : df.schema.fields.filter((f) => isNumericType(f.dataType) || f.dataType.kind === 'string').map((f) => f.name);
  const aggs = DESCRIBE.flatMap((s, k) => names.map((c, j) => STAT[s](F.col(c)).cast('string').alias(`_${k}_${j}`)));
  const rows = DESCRIBE.map((s, k) => F.struct(F.lit(s).alias('summary'), ...names.map((_, j) => F.col(`_${k}_${j}`).alias(`_${j}`))));
  const one = aggs.length > 0 ? df.agg(...aggs) : df.agg(F.count(F.lit(1) as Column).alias('_n'));
  return one
    .select(F.explode(F.array(...rows)).alias('_s'))
    .select(F.col('_s').getField('summary').alias('summary'), ...names.map((c, j) => F.col('_s').getField(`_${j}`).alias(c)));
}

function requireNumeric(df: DataFrame, cols: readonly string[], fn: string): void {
  for (const c of cols) {
    const f = df.schema.fields.find((x) => x.name.toLowerCase() === c.toLowerCase());
    if (f && !isNumericType(f.dataType)) {
      throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: Currently ${fn} calculation for columns with dataType ${simpleString(f.dataType)} not supported.`);
    }
  }
}

/** Spark's StatFunctions read each row with getDouble, so a NULL counts as 0.0. */
const asDouble = (c: string): Column => F.coalesce(F.col(c).cast('double'), F.lit(0.0) as Column);

/** Pearson's correlation coefficient of two numeric columns; NaN for fewer than two rows or no spread. */
export async function corr(df: DataFrame, col1: string, col2: string, method = 'pearson'): Promise<number> {
  if (method !== 'pearson') throw new IllegalArgumentError('VALUE_NOT_ALLOWED', `Value for \`method\` has to be amongst the following values: ['pearson'].`);
  requireNumeric(df, [col1, col2], 'correlation');
  const v = (await df.agg(F.corr(asDouble(col1), asDouble(col2))).first())?.get(0) as number | null;
  return v ?? Number.NaN;
}

/** The sample covariance of two numeric columns; NaN for one row (-0 for none), as Spark's CovarianceCounter. */
export async function cov(df: DataFrame, col1: string, col2: string): Promise<number> {
  requireNumeric(df, [col1, col2], 'covariance');
  const r = (await df.agg(F.covar_samp(asDouble(col1), asDouble(col2)), F.count(F.lit(1) as Column)).first())!;
  const v = r.get(0) as number | null;
  return v ?? (r.get(1) === 0n ? -0 : Number.NaN);
}

/** `df.stat`: the statistics of a DataFrame, as Spark's DataFrameStatFunctions. */
export class DataFrameStatFunctions {
  constructor(private readonly df: DataFrame) {}

  /** Pearson's correlation coefficient of two numeric columns. */
  corr(col1: string, col2: string, method = 'pearson'): Promise<number> {
    return corr(this.df, col1, col2, method);
  }

  /** The sample covariance of two numeric columns. */
  cov(col1: string, col2: string): Promise<number> {
    return cov(this.df, col1, col2);
  }

  /** Approximate quantiles of numeric columns (see `DataFrame.approxQuantile`). */
  approxQuantile(col: string | readonly string[], probabilities: readonly number[], relativeError: number): Promise<number[] | number[][]> {
    return this.df.approxQuantile(col, probabilities, relativeError);
  }

  /** The pair frequencies of two columns (see `DataFrame.crosstab`). */
  crosstab(col1: string, col2: string): Promise<DataFrame> {
    return this.df.crosstab(col1, col2);
  }

  /** Frequent items of columns (see `DataFrame.freqItems`). */
  freqItems(cols: readonly string[], support?: number): Promise<DataFrame> {
    return this.df.freqItems(cols, support);
  }

  /** A stratified sample (see `DataFrame.sampleBy`). */
  sampleBy(col: string | Column, fractions: ReadonlyMap<unknown, number> | Record<string, number>, seed?: number): DataFrame {
    return this.df.sampleBy(col, fractions, seed);
  }
}

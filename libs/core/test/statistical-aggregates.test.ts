// The statistical aggregates from the TypeScript SDK: names as Spark generates them, results over a shuffle (partial
// states merged across partitions) equal to one partition's, windows, and Spark's errors.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(async () => {
  await spark.stop();
});

const data = Array.from({ length: 200 }, (_, i) => [['a', 'b', 'c'][i % 3]!, i % 7 === 0 ? null : (i * 37) % 101 / 4, (i * 13) % 17]);
const df = spark.createDataFrame(data, 'k string, x double, y int');

describe('statistical aggregates', () => {
  it('name their columns as Spark does, aliases as called', () => {
    const g = df.groupBy('k').agg(F.stddev('x'), F.std('x'), F.variance('x'), F.var_pop('x'), F.kurtosis('x'), F.corr('x', 'y'), F.regr_slope('y', 'x'));
    expect(g.columns).toEqual(['k', 'stddev(x)', 'std(x)', 'variance(x)', 'var_pop(x)', 'kurtosis(x)', 'corr(x, y)', 'regr_slope(y, x)']);
  });

  it('give the same results across partitions as in one', async () => {
    const aggs = () => [F.stddev_samp('x'), F.stddev_pop('x'), F.var_samp('x'), F.skewness('x'), F.kurtosis('x'), F.corr('x', 'y'), F.covar_pop('x', 'y'), F.covar_samp('x', 'y'),
      F.regr_count('y', 'x'), F.regr_avgx('y', 'x'), F.regr_sxx('y', 'x'), F.regr_sxy('y', 'x'), F.regr_intercept('y', 'x'), F.regr_r2('y', 'x')];
    const spread = (await df.repartition(4).groupBy('k').agg(...aggs()).orderBy('k').collect()).map((r) => r.toArray());
    const one = (await df.coalesce(1).groupBy('k').agg(...aggs()).orderBy('k').collect()).map((r) => r.toArray());
    expect(spread.length).toBe(3);
    spread.forEach((row, i) => row.forEach((v, j) => {
      const w = one[i]![j];
      if (typeof v === 'number') expect(Math.abs(v - (w as number))).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
      else expect(v).toEqual(w);
    }));
  });

  it('work over windows', async () => {
    const { Window } = await import('../src/index.js');
    const w = Window.partitionBy('k').orderBy('y').rowsBetween(-1, 1);
    const rows = await spark.createDataFrame([['a', 1, 1.0], ['a', 2, 3.0], ['a', 3, 8.0]], 'k string, y int, x double')
      .select(F.var_pop('x').over(w).alias('v'), F.regr_count('x', 'y').over(Window.partitionBy('k')).alias('n')).collect();
    expect(rows.map((r) => r.toArray())).toEqual([[1, 3n], [8.666666666666666, 3n], [6.25, 3n]]);
  });

  it("raise Spark's errors", () => {
    const err = (f: () => unknown): AnalysisError => {
      try {
        f();
      } catch (e) {
        return e as AnalysisError;
      }
      throw new Error('expected an error');
    };
    const e = err(() => df.select(F.stddev(F.col('x').gt(1))));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(e.message).toContain('Cannot resolve "stddev((x > 1))" due to data type mismatch: The first parameter requires the "DOUBLE" type, however "(x > 1)" has the type "BOOLEAN".');
    expect(err(() => df.select(F.regr_avgx('x', F.lit(true)))).message).toContain('The second parameter requires the "NUMERIC" type, however "true" has the type "BOOLEAN".');
  });
});

describe('DataFrame statistics', () => {
  const t = spark.createDataFrame([[1, 2.5, 'a'], [2, null, 'b'], [10, 4.0, null], [null, 1e10, '10']], 'i int, d double, s string').coalesce(1);

  it('describe: a summary column and one string column each, as Spark', async () => {
    const r = t.describe();
    expect(r.columns).toEqual(['summary', 'i', 'd', 's']);
    expect((await r.collect()).map((x) => x.toArray())).toEqual([
      ['count', '3', '3', '3'],
      ['mean', '4.333333333333333', '3.3333333355E9', '10.0'],
      ['stddev', '4.932882862316247', '5.77350269001987E9', null],
      ['min', '1', '2.5', '10'],
      ['max', '10', '1.0E10', 'b'],
    ]);
    expect((await t.describe('s').collect()).map((x) => x.toArray())[0]).toEqual(['count', '3']);
  });

  it('corr and cov read NULLs as 0 and divide by zero into NaN, as Spark', async () => {
    expect(await t.corr('i', 'd')).toBeCloseTo(-0.4737463358924181, 12);
    expect(await t.stat.cov('i', 'd')).toBeCloseTo(-10833333326.208334, 3);
    expect(await spark.createDataFrame([[1, 1.0]], 'i int, d double').corr('i', 'd')).toBeNaN();
    await expect(t.corr('i', 's')).rejects.toThrow('requirement failed: Currently correlation calculation for columns with dataType string not supported.');
    await expect(t.corr('i', 'd', 'spearman')).rejects.toThrow("Value for `method` has to be amongst the following values: ['pearson'].");
  });
});

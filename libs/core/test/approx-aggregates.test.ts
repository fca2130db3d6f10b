// The approximate and ordered-set aggregates and the DataFrame statistics from the TypeScript SDK: Spark's names,
// PySpark 4.3's answers, the same estimates over a shuffle as in one partition, and Spark's errors.
import { afterAll, describe, expect, it } from 'vitest';
import { SparkSession, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(async () => {
  await spark.stop();
});

describe('approximate aggregates', () => {
  it('name their columns and answer as Spark', async () => {
    const df = spark.range(5).select(F.col('id').alias('x'), F.col('id').cast('string').alias('s')).coalesce(1);
    const r = df.agg(F.product('x'), F.product(F.col('x').plus(1)), F.approx_count_distinct('x', 0.1), F.percentile_approx('x', 0.5), F.percentile_approx('x', [0.5], 5),
      F.mode('x', true), F.listagg('s', '-'), F.string_agg('s', ','), F.listagg_distinct('s'), F.string_agg_distinct('s'), F.approx_percentile('x', 0.9));
    expect(r.columns).toEqual(['product(x)', 'product((x + 1))', 'approx_count_distinct(x)', 'percentile_approx(x, 0.5, 10000)', 'percentile_approx(x, array(0.5), 5)',
      'mode() WITHIN GROUP (ORDER BY x DESC)', 'listagg(s, -)', 'string_agg(s, ,)', 'listagg(DISTINCT s, NULL)', 'string_agg(DISTINCT s, NULL)', 'approx_percentile(x, 0.9, 10000)']);
    const row = (await r.first())!.toArray();
    expect(row.slice(0, 8)).toEqual([0, 120, 5n, 2n, [1n], 0n, '0-1-2-3-4', '0,1,2,3,4']);
    expect([...(row[8] as string)].sort().join('')).toBe('01234');
    expect(row[10]).toBe(4n);
  });

  it('estimate the same over a shuffle as in one partition, by group', async () => {
    const df = spark.range(0, 20000).select(F.col('id').mod(4).alias('k'), F.col('id').multiply(7919).mod(10007).alias('x'));
    const aggs = () => [F.approx_count_distinct('x'), F.approx_count_distinct('x', 0.01)];
    const spread = (await df.repartition(5).groupBy('k').agg(...aggs()).orderBy('k').collect()).map((r) => r.toArray());
    const one = (await df.coalesce(1).groupBy('k').agg(...aggs()).orderBy('k').collect()).map((r) => r.toArray());
    expect(spread).toEqual(one);
    expect((await spark.range(100000).agg(F.approx_count_distinct('id')).first())!.get(0)).toBe(95546n);
  });
});

describe('DataFrame statistics', () => {
  const df = spark.createDataFrame([[1, 'a', 2.0], [10, 'b', null], [null, '10', 4.5], [4, 'a', 1.0], [7, null, 3.0]], 'i int, s string, d double').coalesce(1);

  it('summary has Spark layout and values', async () => {
    const s = df.summary();
    expect(s.columns).toEqual(['summary', 'i', 's', 'd']);
    expect((await s.collect()).map((r) => r.toArray())).toEqual([
      ['count', '4', '4', '4'], ['mean', '5.5', '10.0', '2.625'], ['stddev', '3.872983346207417', null, '1.4930394055974097'], ['min', '1', '10', '1.0'],
      ['25%', '1', '10.0', '1.0'], ['50%', '4', '10.0', '2.0'], ['75%', '7', '10.0', '3.0'], ['max', '10', 'b', '4.5']]);
    const t = await df.summary('count_distinct', 'approx_count_distinct', '10%').collect();
    expect(t.map((r) => r.toArray())).toEqual([['count_distinct', '4', '3', '4'], ['approx_count_distinct', '4', '3', '4'], ['10%', '1', '10.0', '1.0']]);
    expect(() => df.summary('foo')).toThrow(/UNRECOGNIZED_STATISTIC|The statistic 'foo' is not recognized/);
  });

  it('approxQuantile, crosstab, freqItems and sampleBy answer as Spark', async () => {
    expect(await df.approxQuantile('i', [0, 0.25, 0.5, 1], 0)).toEqual([1, 1, 4, 10]);
    expect(await df.stat.approxQuantile(['i', 'd'], [0.5], 0.1)).toEqual([[4], [2]]);
    expect(await spark.range(0, 1000, 1, 1).approxQuantile('id', [0.1, 0.3, 0.77], 0.05)).toEqual([79, 307, 729]);
    await expect(df.approxQuantile('s', [0.5], 0)).rejects.toThrow(/Quantile calculation for column s with data type StringType is not supported/);
    const ct = await spark.createDataFrame([[1, 1], [1, 2], [2, 1], [2, 1]], 'a int, b int').crosstab('a', 'b');
    expect(ct.columns).toEqual(['a_b', '1', '2']);
    expect((await ct.collect()).map((r) => r.toArray())).toEqual([['1', 1n, 1n], ['2', 2n, 0n]]);
    const many = spark.createDataFrame(Array.from({ length: 100 }, (_, i) => [i % 3, i % 5]), 'a int, b int').coalesce(1);
    const fi = await many.stat.freqItems(['a', 'b'], 0.4);
    expect(fi.columns).toEqual(['a_freqItems', 'b_freqItems']);
    expect((await fi.first())!.toArray()).toEqual([[0], [4]]);
    expect((await (await df.freqItems(['i', 's'])).first())!.toArray()).toEqual([[null, 1, 4, 7, 10], [null, 'a', '10', 'b']]);
    const halves = spark.createDataFrame([0, 0.5, 1, 1.5, 2].map((d) => [d]), 'd double').coalesce(1);
    expect((await (await halves.freqItems(['d'])).first())!.toArray()).toEqual([[0, 0.5, 1.5, 1, 2]]);
    await expect(df.freqItems(['i'], 2)).rejects.toThrow(/Support must be in \[1e-4, 1\]/);
    const strata = spark.range(0, 100).select(F.col('id').mod(3).alias('k'));
    expect((await strata.sampleBy('k', new Map([[0n, 1.0], [1n, 0.0]]), 7).groupBy('k').count().collect()).map((r) => r.toArray())).toEqual([[0n, 34n]]);
    expect(() => strata.sampleBy('k', { a: 1.5 })).toThrow(/Fractions must be in \[0, 1\], but got Map\(a -> 1.5\)/);
  });
});

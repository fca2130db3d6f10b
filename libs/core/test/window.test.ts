// Window functions through the DataFrame API: ranking, offsets, frames, plan shape, and analysis errors.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, Window, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(async () => {
  await spark.stop();
});

const data = [['a', 1, 10], ['a', 2, 20], ['a', 2, 25], ['a', 4, null], ['b', 1, 5], ['b', 3, 7], [null, 9, 1]];
const df = spark.createDataFrame(data, 'k string, o int, v int').repartition(3);
const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
const rows = async (d: ReturnType<typeof df.select>) => (await d.orderBy('k', 'o', 'v').collect()).map((r) => r.toArray().map(plain));

describe('window functions', () => {
  const w = Window.partitionBy('k').orderBy('o');

  it('ranks, numbers and buckets rows per partition', async () => {
    const out = df.select('k', 'o', F.row_number().over(Window.partitionBy('k').orderBy('o', 'v')).alias('rn'), F.rank().over(w).alias('rk'), F.dense_rank().over(w).alias('dr'), F.ntile(2).over(Window.partitionBy('k').orderBy('o', 'v')).alias('nt'));
    expect(out.dtypes.slice(2)).toEqual([['rn', 'int'], ['rk', 'int'], ['dr', 'int'], ['nt', 'int']]);
    expect(await rows(out)).toEqual([
      [null, 9, 1, 1, 1, 1], ['a', 1, 1, 1, 1, 1], ['a', 2, 2, 2, 2, 1], ['a', 2, 3, 2, 2, 2], ['a', 4, 4, 4, 3, 2], ['b', 1, 1, 1, 1, 1], ['b', 3, 2, 2, 2, 2],
    ]);
  });

  it('reads neighbours with lag and lead, and aggregates over frames', async () => {
    const ov = Window.partitionBy('k').orderBy('o', 'v');
    const out = df.select('k', 'o', 'v', F.lag('v').over(ov).alias('prev'), F.lead('v', 1, -1).over(ov).alias('next'), F.sum('v').over(w).alias('run'),
      F.sum('v').over(Window.partitionBy('k')).alias('total'), F.avg('v').over(ov.rowsBetween(-1, 1)).alias('mov'),
      F.count('*').over(w.rangeBetween(-1, Window.currentRow)).alias('near'), F.last('v').over(ov.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias('lst'));
    expect(await rows(out)).toEqual([
      [null, 9, 1, null, -1, 1, 1, 1, 1, 1],
      ['a', 1, 10, null, 20, 10, 55, 15, 1, null],
      ['a', 2, 20, 10, 25, 55, 55, 55 / 3, 3, null],
      ['a', 2, 25, 20, null, 55, 55, 22.5, 3, null],
      ['a', 4, null, 25, -1, 55, 55, 25, 1, null],
      ['b', 1, 5, null, 7, 5, 12, 6, 1, 7],
      ['b', 3, 7, 5, -1, 12, 12, 6, 1, 7],
    ]);
  });

  it('plans an exchange by partition keys and a sort within partitions, shared by windows with the same keys', () => {
    const plan = df.select('k', F.rank().over(w).alias('r'), F.sum('v').over(Window.partitionBy('k')).alias('s')).explainString();
    expect(plan).toContain('Exchange hashpartitioning(k#');
    expect(plan.match(/Exchange hashpartitioning\(k#/g)?.length).toBe(1);
    expect(plan).toMatch(/Sort \[k#\d+ ASC NULLS FIRST, o#\d+ ASC NULLS FIRST\]/);
  });

  it('works with many small batches and a single partition', async () => {
    spark.conf.set('spark.sql.execution.arrow.maxRecordsPerBatch', '2');
    try {
      const out = await spark.range(0, 100, 1, 4).select('id', F.sum('id').over(Window.orderBy('id')).alias('s')).orderBy('id').collect();
      expect(out.map((r) => r.get(1))).toEqual(Array.from({ length: 100 }, (_, i) => BigInt((i * (i + 1)) / 2)));
    } finally {
      spark.conf.set('spark.sql.execution.arrow.maxRecordsPerBatch', '10000');
    }
  });

  it('runs windows over the groups of an aggregate (Spark\'s ExtractWindowExpressions)', async () => {
    // Hand-computed: sums per k are NULL→1, a→55, b→12; the total is 68.
    const g = df.groupBy('k').agg(F.sum('v').alias('s'), F.rank().over(Window.orderBy(F.sum('v'))).alias('r'), F.sum(F.sum('v')).over(Window.partitionBy()).alias('t'));
    expect(g.columns).toEqual(['k', 's', 'r', 't']);
    const got = (await g.orderBy('k').collect()).map((r) => r.toArray().map(plain));
    expect(got).toEqual([[null, 1, 1, 68], ['a', 55, 3, 68], ['b', 12, 2, 68]]);
    // The Aggregate computes the windows' inputs; the Window runs above it, under the final Project.
    const analyzed = g.explainString('extended').split('== Analyzed Logical Plan ==')[1]!.split('== Optimized')[0]!;
    // (The windows read the aggregate's own `s` for `sum(v)`: one aggregate, not two.)
    expect(analyzed).toMatch(/Project \[k#\d+, s#\d+L, r#\d+, t#\d+L\]\n\+- Window \[sum\(s#\d+L\) OVER .*\n   \+- Window \[rank\(\) OVER \(ORDER BY s#\d+L .*\n      \+- Aggregate \[k#\d+\], \[k#\d+, sum\(v#\d+\) AS s#\d+L\]\n/);
    // A window over a global aggregate sees its one row; the DataFrame form over an aggregate's output works as before.
    expect((await df.select(F.rank().over(Window.orderBy(F.sum('v'))).alias('r')).collect()).map((r) => r.get('r'))).toEqual([1]);
    const above = df.groupBy('k').agg(F.sum('v').alias('s')).withColumn('r', F.rank().over(Window.orderBy('s')));
    expect((await above.orderBy('k').collect()).map((r) => r.toArray().map(plain))).toEqual([[null, 1, 1], ['a', 55, 3], ['b', 12, 2]]);
    // A window reading a column that is neither grouped nor aggregated is refused, as in Spark.
    expect(() => df.groupBy('k').agg(F.rank().over(Window.orderBy('v')))).toThrow(/MISSING_AGGREGATION/);
  });

  it('raises analysis errors at the call', () => {
    expect(() => df.select(F.row_number().over(Window.partitionBy('k')))).toThrow(/WINDOW_FUNCTION_WITHOUT_ORDER/);
    expect(() => df.select(F.rank())).toThrow(/WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE/);
    expect(() => df.filter(F.rank().over(w).equalTo(1))).toThrow(AnalysisError);
    expect(() => df.filter(F.rank().over(w).equalTo(1))).toThrow(/WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE/);
    expect(() => df.select(F.sum('v').over(Window.orderBy('k').rangeBetween(-1, 0)))).toThrow(/RANGE_FRAME_INVALID_TYPE/);
    expect(() => Window.rowsBetween(0.5, 1)).toThrow(/NOT_INT/);
    expect(() => df.select(F.upper('k').over(w))).toThrow(/UNSUPPORTED_EXPR_FOR_WINDOW/);
  });
});

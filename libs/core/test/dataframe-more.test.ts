// repartitionByRange, the plan questions behind sameSemantics/isLocal/inputFiles, and
// df.offset(n) and LIMIT-with-OFFSET plans: rows skipped in partition order (or the sort's), across partitions,
// with limits stacked on either side. Expected rows follow Spark's Offset / GlobalLimitAndOffset.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, IllegalArgumentError, SparkSession, col, functions as F } from '../src/index.js';
import { inputFiles, isLocal, semanticString } from '../src/internal.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

const ids = async (df: ReturnType<typeof spark.range>) => (await df.collect()).map((r) => Number(r.get('id')));

describe('offset', () => {
  it('skips rows across partitions in order', async () => {
    const df = spark.range(0, 20, 1, 4);
    expect(await ids(df.offset(17))).toEqual([17, 18, 19]);
    expect(await ids(df.offset(0))).toHaveLength(20);
    expect(await ids(df.offset(25))).toEqual([]);
    expect(await df.offset(3).count()).toBe(17);
  });

  it('composes with limits on either side', async () => {
    const df = spark.range(0, 20, 1, 4);
    expect(await ids(df.offset(3).limit(2))).toEqual([3, 4]);
    expect(await ids(df.limit(5).offset(3))).toEqual([3, 4]);
    expect(await ids(df.limit(2).offset(3))).toEqual([]);
    expect(await ids(df.offset(2).offset(3).limit(1))).toEqual([5]);
  });

  it('follows a global sort', async () => {
    const df = spark.range(0, 20, 1, 4).orderBy(col('id').desc());
    expect(await ids(df.offset(18))).toEqual([1, 0]);
    expect(await ids(df.limit(3).offset(1))).toEqual([18, 17]);
  });

  it('rejects a negative offset', () => {
    expect(() => spark.range(3).offset(-1).schema).toThrow(AnalysisError);
  });
});

describe('repartitionByRange', () => {
  it('puts contiguous key ranges in partition order (Spark bounds for these rows)', async () => {
    const df = spark.range(0, 100, 1, 5).withColumn('k', col('id').multiply(37).mod(100));
    const out = df.repartitionByRange(4, 'k');
    expect(out.numPartitions).toBe(4);
    const parts = await out.withColumn('p', F.spark_partition_id()).groupBy('p').agg(F.min('k'), F.max('k')).orderBy('p').collect();
    expect(parts.map((r) => r.toArray().map(Number))).toEqual([[0, 0, 24], [1, 25, 49], [2, 50, 74], [3, 75, 99]]);
    expect(() => df.repartitionByRange(3)).toThrow(IllegalArgumentError);
  });
});

describe('plan questions', () => {
  it('canonicalises expression ids but not the data', () => {
    const a = spark.createDataFrame([[1]], 'x int');
    const b = spark.createDataFrame([[1]], 'x int');
    expect(semanticString(a.filter(col('x').gt(0)))).toBe(semanticString(a.filter(col('x').gt(0))));
    expect(semanticString(a)).not.toBe(semanticString(b));
    expect(semanticString(spark.range(3))).toBe(semanticString(spark.range(3)));
    expect(semanticString(spark.range(3))).not.toBe(semanticString(spark.range(4)));
  });

  it('knows local plans and their (absent) files', () => {
    expect(isLocal(spark.createDataFrame([[1]], 'x int'))).toBe(true);
    expect(isLocal(spark.range(2))).toBe(false);
    expect(inputFiles(spark.range(2))).toEqual([]);
  });
});

describe('cache manager', () => {
  it('clears every cached plan, and refreshes only those reading a path', async () => {
    const a = spark.range(3).cache();
    const b = spark.range(4).cache();
    expect(await a.count()).toBe(3);
    expect(spark.engine.cacheManager.refreshByPath('/no/such/dir')).toBe(0);
    expect(a.isCached && b.isCached).toBe(true);
    spark.engine.cacheManager.clear();
    expect(a.isCached || b.isCached).toBe(false);
    expect(await a.count()).toBe(3);
  });
});

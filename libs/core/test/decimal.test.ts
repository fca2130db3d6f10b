// DecimalType end to end through the engine: casts, arithmetic, keys (group-by, join, distinct, sort, filter) with
// NULLs, and aggregates across a shuffle. Expected values are PySpark 4.0.1's (spark.sql.ansi.enabled=false).
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutionError, SparkSession, Window, col, functions as F, lit } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

const rowsOf = async (df: ReturnType<typeof spark.range>) => (await df.collect()).map((r) => r.toArray());

// Two widths: decimal(10,2) takes the native int64 key paths, decimal(30,2) the generic bigint ones.
for (const [label, type] of [['narrow', 'decimal(10,2)'], ['wide', 'decimal(30,2)']] as const) {
  describe(`${label} decimals (${type})`, () => {
    const df = spark.createDataFrame(
      [['1.10', 'a'], ['1.1', 'b'], [null, 'c'], ['-1', 'd'], [null, 'e'], ['99999999.99', 'f'], ['-0.005', 'g']],
      `d ${type}, k string`,
    );

    it('keeps the scale in rows and show()', async () => {
      expect((await df.select('d').collect()).map((r) => r.get(0))).toEqual(['1.10', '1.10', null, '-1.00', null, '99999999.99', '-0.01']);
      expect(await df.select('d').showString(2)).toBe('+----+\n|   d|\n+----+\n|1.10|\n|1.10|\n+----+\nonly showing top 2 rows\n');
    });

    it('groups with NULL as one key', async () => {
      const g = await rowsOf(df.groupBy('d').count().orderBy('d'));
      expect(g).toEqual([[null, 2n], ['-1.00', 1n], ['-0.01', 1n], ['1.10', 2n], ['99999999.99', 1n]]);
      expect(await df.select('d').distinct().count()).toBe(5);
    });

    it('sorts with NULLs first ascending, last descending', async () => {
      expect((await df.orderBy(col('d').desc()).select('k').collect()).map((r) => r.get(0))).toEqual(['f', 'a', 'b', 'g', 'd', 'c', 'e']);
      expect((await df.orderBy('d', 'k').select('k').collect()).map((r) => r.get(0))).toEqual(['c', 'e', 'd', 'g', 'a', 'b', 'f']);
    });

    it('filters and joins on decimal keys (NULL keys never match)', async () => {
      expect(await df.filter(col('d').gt(lit(0))).count()).toBe(3);
      expect(await df.filter(col('d').equalTo(col('d'))).count()).toBe(5);
      const other = spark.createDataFrame([['1.1', 1], [null, 2], ['-1.00', 3]], `d ${type}, v int`);
      const j = await rowsOf(df.join(other, 'd').select('k', 'v').orderBy('k'));
      expect(j).toEqual([['a', 1], ['b', 1], ['d', 3]]);
    });

    it('sums, averages and takes extremes across a shuffle', async () => {
      const a = await rowsOf(df.repartition(3).agg(F.sum('d'), F.avg('d'), F.min('d'), F.max('d'), F.count('d')));
      expect(a).toEqual([['100000001.18', '20000000.236000', '-1.00', '99999999.99', 5n]]);
      const s = df.agg(F.sum('d'), F.avg('d'));
      expect(s.schema.fields.map((f) => f.dataType)).toEqual([
        { kind: 'decimal', precision: type === 'decimal(10,2)' ? 20 : 38, scale: 2 },
        { kind: 'decimal', precision: type === 'decimal(10,2)' ? 14 : 34, scale: 6 },
      ]);
      const w = Window.partitionBy(col('k').lt(lit('c'))).orderBy('k');
      const run = await rowsOf(df.select('k', F.sum('d').over(w).alias('s'), F.avg('d').over(w).alias('a')).orderBy('k'));
      expect(run.map((r) => r.slice(0, 2))).toEqual([['a', '1.10'], ['b', '2.20'], ['c', null], ['d', '-1.00'], ['e', '-1.00'], ['f', '99999998.99'], ['g', '99999998.98']]);
      expect(run[1]![2]).toBe('1.100000');
      const byKey = await rowsOf(df.groupBy(col('k').lt(lit('c')).alias('ab')).agg(F.sum('d')).orderBy('ab'));
      expect(byKey).toEqual([[false, '99999998.98'], [true, '2.20']]);
    });
  });
}

describe('decimal arithmetic and casts', () => {
  const one = spark.range(1);

  it('follows DecimalPrecision result types and rounds HALF_UP', async () => {
    const d = (s: string, t: string) => lit(s).cast(t);
    const df = one.select(
      d('1', 'decimal(10,2)').divide(d('3', 'decimal(10,2)')).alias('a'),
      d('1.5', 'decimal(10,2)').multiply(lit(2)).alias('b'),
      d('1.5', 'decimal(10,2)').plus(col('id')).alias('c'),
      d('7', 'decimal(10,2)').mod(d('3', 'decimal(5,1)')).alias('e'),
      d('1.5', 'decimal(10,2)').plus(lit(1.5)).alias('f'),
    );
    expect(df.dtypes).toEqual([['a', 'decimal(23,13)'], ['b', 'decimal(12,2)'], ['c', 'decimal(23,2)'], ['e', 'decimal(6,2)'], ['f', 'double']]);
    expect(await rowsOf(df)).toEqual([['0.3333333333333', '3.00', '1.50', '1.00', 3]]);
  });

  it('gives NULL on overflow and division by zero (non-ANSI), errors under ANSI', async () => {
    const max = lit('99999999999999999999999999999999999999').cast('decimal(38,0)');
    const df = one.select(max.plus(lit(1)).alias('o'), lit('1').cast('decimal(10,2)').divide(lit(0)).alias('z'), max.negate().alias('n'));
    expect(await rowsOf(df)).toEqual([[null, null, '-99999999999999999999999999999999999999']]);
    spark.conf.set('spark.sql.ansi.enabled', 'true');
    try {
      await expect(one.select(max.plus(col('id').plus(1))).collect()).rejects.toThrow(ExecutionError);
      await expect(one.select(max.plus(col('id').plus(1))).collect()).rejects.toThrow('NUMERIC_VALUE_OUT_OF_RANGE');
    } finally {
      spark.conf.set('spark.sql.ansi.enabled', 'false');
    }
  });

  it('casts to and from decimals as Spark does', async () => {
    const df = one.select(
      lit('12345.6').cast('decimal(4,1)').alias('overflow'),
      lit('-2.5').cast('decimal(2,0)').alias('halfUp'),
      lit(' 1.5 ').cast('decimal(10,2)').alias('trimmed'),
      lit('abc').cast('decimal(10,2)').alias('bad'),
      lit('1e2').cast('decimal(10,2)').alias('exp'),
      lit(0.1).cast('decimal(20,18)').alias('fromDouble'),
      lit('123456789012.5').cast('decimal(20,1)').cast('int').alias('wraps'),
      lit('-7.9').cast('decimal(3,1)').cast('int').alias('truncates'),
      lit('1.25').cast('decimal(3,2)').cast('double').alias('toDouble'),
      lit('1.50').cast('decimal(3,2)').cast('string').alias('toString'),
      lit(3000000000n).cast('decimal(20,0)').cast('int').alias('narrows'),
    );
    expect(await rowsOf(df)).toEqual([[null, '-3', '1.50', null, '100.00', '0.100000000000000000', -1097262572, -7, 1.25, '1.50', -1294967296]]);
  });

  it('rounds, takes absolute values and coalesces with decimal types', async () => {
    const x = lit('2.345').cast('decimal(10,3)');
    const df = one.select(
      F.round(x, 2).alias('r2'),
      F.round(x, 5).alias('r5'),
      F.round(lit('125').cast('decimal(10,0)'), -1).alias('rm1'),
      F.abs(lit('-1.5').cast('decimal(3,1)')).alias('abs'),
      F.coalesce(lit(null).cast('decimal(10,2)'), lit('1').cast('decimal(5,3)')).alias('c'),
      F.ceil(lit('9.9').cast('decimal(2,1)')).alias('ceil'),
      F.floor(lit('-2.5').cast('decimal(10,1)')).alias('floor'),
      F.floor(lit('7').cast('decimal(5,0)')).alias('floor0'),
    );
    expect(df.dtypes).toEqual([
      ['r2', 'decimal(10,2)'], ['r5', 'decimal(11,3)'], ['rm1', 'decimal(11,0)'], ['abs', 'decimal(3,1)'], ['c', 'decimal(11,3)'],
      ['ceil', 'decimal(2,0)'], ['floor', 'decimal(10,0)'], ['floor0', 'decimal(5,0)'],
    ]);
    expect(await rowsOf(df)).toEqual([['2.35', '2.345', '130', '1.5', '1.000', '10', '-3', '7']]);
  });
});

import { it } from 'vitest';
import { SparkSession, col, functions as F, lit } from '../../src/index.js';
it('probe', async () => {
  const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
  const df = spark.createDataFrame([[-0, 1], [0, 2], [-7, 3], [NaN, 4], [null, 5]], 'x double, y int');
  const show = async (d: any) => console.log(JSON.stringify((await d.collect()).map((r: any) => r.toArray()), (k, v) => typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v));
  await show(df.groupBy('x').agg(F.count('*').alias('n')).orderBy('x'));
  await show(df.groupBy(col('x').mod(7).alias('m')).agg(F.count('*').alias('n')).orderBy('m'));
  await show(df.select('x').distinct().orderBy('x'));
  await show(df.agg(F.min('x'), F.max('x')));
  await show(df.select(col('x').cast('string'), col('x').mod(7).cast('string')));
  await show(df.join(df.select(col('x').alias('x2')), col('x').equalTo(col('x2'))).select('x', 'x2'));
}, 60000);

import { SparkSession, col } from '@kindling/core';
const spark = SparkSession.builder().master('local[2]').create();
const df = spark.range(0, 10_000_000).select(col('id'), col('id').multiply(0.5).alias('x'), col('id').mod(1000).cast('string').alias('s'), col('id').mod(3).equalTo(0).alias('b')).cache();
await df.count();
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const b = await df.executeBatches('collect');
  const t1 = performance.now();
  const t = df.tableOf(b);
  const t2 = performance.now();
  console.log(`job ${(t1 - t0).toFixed(0)} tableOf ${(t2 - t1).toFixed(0)} ms, ${b.length} batches`);
}
await spark.stop();

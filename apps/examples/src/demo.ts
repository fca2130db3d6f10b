// The example job: sales by region, joined with a region table, in PySpark's shape but from TypeScript.
import { SparkSession, col, functions as F } from '@kindling/core';

const spark = SparkSession.builder().appName('kindling-demo').master('local[2]').getOrCreate();

const sales = spark.createDataFrame(
  [
    ['north', 'apples', 3, 1.5],
    ['north', 'pears', 1, 2.25],
    ['south', 'apples', 7, 1.25],
    ['south', 'plums', null, 3.0],
    ['east', 'apples', 2, 1.75],
    ['west', 'figs', 4, null],
  ],
  'region string, product string, qty int, price double',
);
const regions = spark.createDataFrame(
  [
    { region: 'north', manager: 'Ada' },
    { region: 'south', manager: 'Grace' },
    { region: 'east', manager: 'Edsger' },
  ],
);

const revenue = sales
  .withColumn('revenue', col('qty').multiply(col('price')))
  .groupBy('region')
  .agg(F.sum('revenue').alias('revenue'), F.count('*').alias('orders'), F.countDistinct('product').alias('products'))
  .join(regions, 'region', 'left')
  .orderBy(col('revenue').desc_nulls_last());

console.log('Revenue by region:');
await revenue.show();

const big = spark.range(0, 1_000_000).withColumn('bucket', col('id').mod(10));
const t0 = performance.now();
const counts = await big.groupBy('bucket').count().orderBy('bucket').collect();
console.log(`Grouped 1,000,000 rows into ${counts.length} buckets in ${(performance.now() - t0).toFixed(0)} ms`);

revenue.explain(true);
await spark.stop();

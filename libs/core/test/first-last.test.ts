// first / last / any_value (and first_value / last_value) as aggregates: NULLs kept or skipped, partial states merged
// across partitions in order, column names, and the boolean-literal rule for the flag.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(async () => {
  await spark.stop();
});

// One partition, so "first" and "last" are the rows as written.
const df = spark.createDataFrame([['a', null], ['a', 2], ['a', 3], ['a', null], ['b', 5], ['c', null]], 'k string, v int').coalesce(1);
const rows = async (d: ReturnType<typeof df.select>) => (await d.orderBy('k').collect()).map((r) => r.toArray());

describe('first / last aggregates', () => {
  it('keep NULLs by default and skip them with ignoreNulls', async () => {
    const g = df.groupBy('k').agg(F.first('v'), F.last('v'), F.first('v', true).alias('f'), F.last('v', true).alias('l'), F.any_value('v', true).alias('a'));
    expect(g.columns).toEqual(['k', 'first(v)', 'last(v)', 'f', 'l', 'a']);
    expect(await rows(g)).toEqual([['a', null, null, 2, 3, 2], ['b', 5, 5, 5, 5, 5], ['c', null, null, null, null, null]]);
  });

  it('name first_value / last_value calls after the alias', () => {
    expect(df.groupBy('k').agg(F.first_value('v'), F.last_value('v', true), F.any_value('v')).columns).toEqual(['k', 'first_value(v)', 'last_value(v)', 'any_value(v)']);
  });

  it('merge partial states in partition order, a NULL state counting only without ignoreNulls', async () => {
    // range(8) in four partitions: [0, 1] [2, 3] [4, 5] [6, 7], with 1, 4 and 7 made NULL; the partial states travel
    // through the shuffle and merge in partition order.
    const v = F.when(F.col('id').mod(3).equalTo(1), F.lit(null)).otherwise(F.col('id')).alias('v');
    const parts = spark.range(0, 8, 1, 4).select(F.lit('a').alias('k'), v);
    const g = await parts.groupBy('k').agg(F.first('v').alias('f'), F.last('v').alias('l'), F.first('v', true).alias('fi'), F.last('v', true).alias('li')).collect();
    expect(g.map((r) => r.toArray())).toEqual([['a', 0n, null, 0n, 6n]]);
  });

  it('refuses a flag that is not a boolean literal', () => {
    const err = (f: () => unknown): AnalysisError => {
      try {
        f();
      } catch (e) {
        return e as AnalysisError;
      }
      throw new Error('expected an error');
    };
    const e = err(() => df.select(F.first('v', F.col('v').gt(1))));
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1210');
    expect(e.message).toContain('The second argument in first should be a boolean literal.');
    expect(err(() => df.select(F.last('v', F.lit('yes')))).message).toContain('in last should be a boolean literal');
  });
});

// UNPIVOT in FROM and OFFSET: rows, column order and types, NULL handling and the errors, as Spark 4 gives them.
import { AnalysisError, SparkSession } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();

afterAll(async () => {
  await spark.stop();
});

const rows = async (sql: string) => (await spark.sql(sql).collect()).map((r) => r.toArray().map((v) => (typeof v === 'bigint' ? Number(v) : v)));

spark.createDataFrame([[1, 11, 2, 'a'], [2, 12, null, 'b']], 'id int, x int, y bigint, s string').createOrReplaceTempView('uw');

describe('UNPIVOT', () => {
  it('gives the ids, the name and the widened value, without NULL values by default', async () => {
    const df = spark.sql('SELECT * FROM uw UNPIVOT (val FOR var IN (x, y))');
    expect(df.columns).toEqual(['id', 's', 'var', 'val']);
    expect(df.dtypes).toEqual([['id', 'int'], ['s', 'string'], ['var', 'string'], ['val', 'bigint']]);
    expect(await rows('SELECT * FROM uw UNPIVOT (val FOR var IN (x, y))')).toEqual([[1, 'a', 'x', 11], [1, 'a', 'y', 2], [2, 'b', 'x', 12]]);
    expect(await rows('SELECT var, val FROM uw UNPIVOT INCLUDE NULLS (val FOR var IN (x AS ex, y)) t WHERE id = 2')).toEqual([['ex', 12], ['y', null]]);
  });

  it('refuses value columns without a common type, and unknown ones', () => {
    expect(() => spark.sql('SELECT * FROM uw UNPIVOT (val FOR var IN (x, s))')).toThrow(AnalysisError);
    expect(() => spark.sql('SELECT * FROM uw UNPIVOT (val FOR var IN (x, nope))')).toThrow(/UNRESOLVED_COLUMN|nope/);
  });
});

describe('OFFSET', () => {
  it('skips rows after ORDER BY and LIMIT, or alone', async () => {
    expect(await rows('SELECT id FROM range(10) ORDER BY id DESC LIMIT 3 OFFSET 2')).toEqual([[7], [6], [5]]);
    expect(await rows('SELECT * FROM range(0, 5, 1, 2) OFFSET 3')).toEqual([[3], [4]]);
    expect(await rows('SELECT id offset FROM range(2)')).toEqual([[0], [1]]);
    expect(() => spark.sql('SELECT * FROM range(5) LIMIT 2 OFFSET -1')).toThrow(/offset expression must be equal to or greater than 0/);
  });
});

// INTERSECT ALL / EXCEPT ALL / MINUS ALL (multiset semantics) in SQL and the DataFrame methods that share their
// planning, with duplicates and NULLs; expected results computed by hand.
import { AnalysisError, SparkSession } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();

afterAll(async () => {
  await spark.stop();
});

const sorted = (rs: unknown[][]) => rs.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
const rows = async (sql: string) => sorted((await spark.sql(sql).collect()).map((r) => r.toArray()));

// l: (1,a)×3, (2,b)×2, (NULL,c)×2, (3,NULL)×1, (NULL,NULL)×2
// r: (1,a)×2, (2,b)×3, (NULL,c)×1, (NULL,NULL)×1, (4,d)×1
const l = spark.createDataFrame(
  [[1, 'a'], [1, 'a'], [2, 'b'], [1, 'a'], [null, 'c'], [2, 'b'], [3, null], [null, 'c'], [null, null], [null, null]],
  'k int, s string',
);
const r = spark.createDataFrame([[2, 'b'], [1, 'a'], [null, 'c'], [2, 'b'], [1, 'a'], [null, null], [4, 'd'], [2, 'b']], 'x int, y string');
l.createOrReplaceTempView('l');
r.createOrReplaceTempView('r');

const intersectAll = sorted([[1, 'a'], [1, 'a'], [2, 'b'], [2, 'b'], [null, 'c'], [null, null]]);
const lExceptAllR = sorted([[1, 'a'], [null, 'c'], [3, null], [null, null]]);
const rExceptAllL = sorted([[2, 'b'], [4, 'd']]);

describe('INTERSECT ALL and EXCEPT ALL in SQL', () => {
  it('keeps min(m, n) copies of each row for INTERSECT ALL, NULLs equal', async () => {
    expect(await rows('SELECT * FROM l INTERSECT ALL SELECT * FROM r')).toEqual(intersectAll);
    expect(await rows('SELECT * FROM r INTERSECT ALL SELECT * FROM l')).toEqual(intersectAll);
    // DISTINCT still removes duplicates.
    expect(await rows('SELECT * FROM l INTERSECT SELECT * FROM r')).toEqual(sorted([[1, 'a'], [2, 'b'], [null, 'c'], [null, null]]));
  });

  it('keeps max(m - n, 0) copies for EXCEPT ALL and MINUS ALL', async () => {
    expect(await rows('SELECT * FROM l EXCEPT ALL SELECT * FROM r')).toEqual(lExceptAllR);
    expect(await rows('SELECT * FROM l MINUS ALL SELECT * FROM r')).toEqual(lExceptAllR);
    expect(await rows('SELECT * FROM r EXCEPT ALL SELECT * FROM l')).toEqual(rExceptAllL);
    expect(await rows('SELECT * FROM l EXCEPT SELECT * FROM r')).toEqual(sorted([[3, null]]));
  });

  it('names columns from the left side and widens types as UNION does', async () => {
    const df = spark.sql('SELECT k, s FROM l INTERSECT ALL SELECT CAST(x AS BIGINT) AS a, y AS b FROM r');
    expect(df.columns).toEqual(['k', 's']);
    expect(df.dtypes).toEqual([['k', 'bigint'], ['s', 'string']]);
    expect(sorted((await df.collect()).map((x) => x.toArray()))).toEqual(sorted([[1n, 'a'], [1n, 'a'], [2n, 'b'], [2n, 'b'], [null, 'c'], [null, null]]));
  });

  it('works on a self-operation, with INTERSECT binding tighter than EXCEPT', async () => {
    expect(await rows('SELECT k FROM l INTERSECT ALL SELECT k FROM l')).toEqual(sorted([[1], [1], [1], [2], [2], [3], [null], [null], [null], [null]]));
    expect(await rows('SELECT k FROM l EXCEPT ALL SELECT k FROM l')).toEqual([]);
    // l EXCEPT ALL (r INTERSECT ALL l): l minus the intersection.
    expect(await rows('SELECT * FROM l EXCEPT ALL SELECT * FROM r INTERSECT ALL SELECT * FROM l')).toEqual(lExceptAllR);
    expect(await rows('SELECT k FROM l EXCEPT ALL SELECT x FROM r ORDER BY 1 LIMIT 2')).toEqual(sorted([[null], [null]]));
  });

  it('raises NUM_COLUMNS_MISMATCH and INCOMPATIBLE_COLUMN_TYPE naming the operator', () => {
    const err = (sql: string) => {
      try {
        spark.sql(sql);
      } catch (e) {
        return e as AnalysisError;
      }
      throw new Error(`no error for ${sql}`);
    };
    const e1 = err('SELECT k, s FROM l INTERSECT ALL SELECT x FROM r');
    expect(e1.errorClass).toBe('NUM_COLUMNS_MISMATCH');
    expect(e1.message).toContain('INTERSECTALL can only be performed on inputs with the same number of columns, but the first input has 2 columns and the second input has 1 columns.');
    expect(err('SELECT k FROM l EXCEPT ALL SELECT x, y FROM r').message).toContain('EXCEPTALL can only be performed');
    const e2 = err('SELECT k FROM l EXCEPT ALL SELECT split(y, ",") FROM r');
    expect(e2.errorClass).toBe('INCOMPATIBLE_COLUMN_TYPE');
    expect(e2.message).toContain('The first column of the second table is "ARRAY<STRING>" type which is not compatible with "INT" at the same column of the first table.');
  });
});

describe('DataFrame intersectAll / exceptAll / intersect / subtract', () => {
  const collect = async (df: ReturnType<typeof l.intersectAll>) => sorted((await df.collect()).map((x) => x.toArray()));

  it('match the SQL operators', async () => {
    expect(await collect(l.intersectAll(r))).toEqual(intersectAll);
    expect(await collect(l.exceptAll(r))).toEqual(lExceptAllR);
    expect(await collect(r.exceptAll(l))).toEqual(rExceptAllL);
    expect(await collect(l.intersect(r))).toEqual(sorted([[1, 'a'], [2, 'b'], [null, 'c'], [null, null]]));
    expect(await collect(l.subtract(r))).toEqual(sorted([[3, null]]));
    expect(l.exceptAll(r).columns).toEqual(['k', 's']);
    expect(await l.intersectAll(l).count()).toBe(10);
    expect(await l.exceptAll(l.limit(0)).count()).toBe(10);
  });

  it('chain, and report mismatched inputs', async () => {
    expect(await collect(l.exceptAll(r).filter('k IS NULL').intersectAll(l))).toEqual(sorted([[null, 'c'], [null, null]]));
    expect(() => l.intersectAll(r.select('x'))).toThrow(/NUM_COLUMNS_MISMATCH/);
    expect(() => l.subtract(r.select('x'))).toThrow(/EXCEPT can only be performed/);
  });
});

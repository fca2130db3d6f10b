// GROUP BY ROLLUP / CUBE / GROUPING SETS in SQL: every spelling Spark accepts (WITH ROLLUP, mixed lists, composite
// columns, the older GROUPING SETS after a list), grouping()/grouping_id() in the select list, HAVING and ORDER BY,
// NULL keys against aggregated-away ones, and the errors.
import { AnalysisError, SparkSession } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(async () => {
  await spark.stop();
});

spark.sql(
  "CREATE TEMP VIEW sales AS VALUES ('east', 'pen', 10), ('east', 'ink', 5), ('west', 'pen', 7), ('west', NULL, 3), (NULL, 'pen', 1), ('east', 'pen', NULL) AS sales(region, item, qty)",
);
const rows = async (sql: string) => (await spark.sql(sql).collect()).map((r) => r.toArray());
const errorClass = (sql: string): string => {
  try {
    spark.sql(sql);
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisError);
    return (e as AnalysisError).errorClass;
  }
  throw new Error(`expected an AnalysisError from ${sql}`);
};

// Hand-computed: (region, item, sum(qty), count(*), grouping(region), grouping(item), grouping_id()).
const DETAIL = [
  [null, 'pen', 1n, 1n, 0, 0, 0n],
  ['east', 'ink', 5n, 1n, 0, 0, 0n],
  ['east', 'pen', 10n, 2n, 0, 0, 0n],
  ['west', null, 3n, 1n, 0, 0, 0n],
  ['west', 'pen', 7n, 1n, 0, 0, 0n],
];
const BY_REGION = [[null, null, 1n, 1n, 0, 1, 1n], ['east', null, 15n, 3n, 0, 1, 1n], ['west', null, 10n, 2n, 0, 1, 1n]];
const BY_ITEM = [[null, null, 3n, 1n, 1, 0, 2n], [null, 'ink', 5n, 1n, 1, 0, 2n], [null, 'pen', 18n, 4n, 1, 0, 2n]];
const TOTAL = [[null, null, 26n, 6n, 1, 1, 3n]];
const LIST = 'region, item, sum(qty), count(*), grouping(region), grouping(item), grouping_id()';
const ORDER = 'ORDER BY grouping_id(), region, item';

describe('GROUP BY grouping analytics', () => {
  it('ROLLUP, and WITH ROLLUP, aggregate per prefix', async () => {
    const df = spark.sql(`SELECT ${LIST} FROM sales GROUP BY ROLLUP(region, item) ${ORDER}`);
    expect(df.columns).toEqual(['region', 'item', 'sum(qty)', 'count(1)', 'grouping(region)', 'grouping(item)', 'grouping_id()']);
    expect((await df.collect()).map((r) => r.toArray())).toEqual([...DETAIL, ...BY_REGION, ...TOTAL]);
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY region, item WITH ROLLUP ${ORDER}`)).toEqual([...DETAIL, ...BY_REGION, ...TOTAL]);
  });

  it('CUBE, and WITH CUBE, aggregate per subset', async () => {
    const all = [...DETAIL, ...BY_REGION, ...BY_ITEM, ...TOTAL];
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY CUBE(region, item) ${ORDER}`)).toEqual(all);
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY region, item WITH CUBE ${ORDER}`)).toEqual(all);
  });

  it('GROUPING SETS, nested ROLLUP inside them, and the older form after a list', async () => {
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY GROUPING SETS ((region, item), (region), ()) ${ORDER}`)).toEqual([...DETAIL, ...BY_REGION, ...TOTAL]);
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY GROUPING SETS (ROLLUP(region), (item)) ORDER BY grouping_id() DESC, region, item`)).toEqual([
      ...TOTAL, ...BY_ITEM, ...BY_REGION,
    ]);
    // The list fixes the bit order even where a set names only item.
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY region, item GROUPING SETS ((item), ()) ${ORDER}`)).toEqual([...BY_ITEM, ...TOTAL]);
  });

  it('repeats the rows of a grouping set given twice, as Spark does', async () => {
    expect(await rows('SELECT region, count(*), grouping_id() FROM sales GROUP BY GROUPING SETS ((region), (region), ()) ORDER BY grouping_id(), region')).toEqual([
      [null, 1n, 0n], [null, 1n, 0n], ['east', 3n, 0n], ['east', 3n, 0n], ['west', 2n, 0n], ['west', 2n, 0n], [null, 6n, 1n],
    ]);
    expect(await rows('SELECT count(*) FROM sales GROUP BY GROUPING SETS ((), ())')).toEqual([[6n], [6n]]);
    const [[plan]] = (await rows('EXPLAIN SELECT count(*) FROM sales GROUP BY GROUPING SETS ((), ())')) as string[][];
    expect(plan).toMatch(/HashAggregate\(keys=\[spark_grouping_id#\d+L, _gen_grouping_pos#\d+\]/);
  });

  it('mixes plain columns with ROLLUP / CUBE, and composite columns', async () => {
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY region, ROLLUP(item) ${ORDER}`)).toEqual([...DETAIL, ...BY_REGION]);
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY CUBE(region), CUBE(item) ${ORDER}`)).toEqual([...DETAIL, ...BY_REGION, ...BY_ITEM, ...TOTAL]);
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY ROLLUP((region, item)) ${ORDER}`)).toEqual([...DETAIL, ...TOTAL]);
  });

  it('makes a grouping column nullable only where some set leaves it out, as Spark does', () => {
    const nullable = (sql: string) => spark.sql(sql).schema.fields.map((f) => [f.name, f.nullable]);
    expect(nullable('SELECT id, id % 2 AS odd, count(*) AS n FROM range(4) GROUP BY id, ROLLUP(id % 2)')).toEqual([['id', false], ['odd', true], ['n', false]]);
    expect(nullable('SELECT id, count(*) AS n FROM range(4) GROUP BY GROUPING SETS ((id), (id))')).toEqual([['id', false], ['n', false]]);
    expect(nullable('SELECT id, count(*) AS n FROM range(4) GROUP BY CUBE(id)')).toEqual([['id', true], ['n', false]]);
  });

  it('takes ordinals, select aliases and expressions as grouping columns', async () => {
    expect(await rows(`SELECT ${LIST} FROM sales GROUP BY ROLLUP(1, 2) ${ORDER}`)).toEqual([...DETAIL, ...BY_REGION, ...TOTAL]);
    const df = spark.sql('SELECT upper(region) AS r, sum(qty) AS s, grouping(upper(region)) AS g FROM sales GROUP BY CUBE(r) ORDER BY g, r');
    expect(df.columns).toEqual(['r', 's', 'g']);
    expect((await df.collect()).map((x) => x.toArray())).toEqual([[null, 1n, 0], ['EAST', 15n, 0], ['WEST', 10n, 0], [null, 26n, 1]]);
    expect(await rows('SELECT (qty % 2) AS odd, count(*) FROM sales GROUP BY ROLLUP(qty % 2) ORDER BY grouping_id(), odd')).toEqual([
      [null, 1n], [0, 1n], [1, 4n], [null, 6n],
    ]);
  });

  it('filters with HAVING and sorts by grouping functions and aggregates not in the select list', async () => {
    expect(await rows('SELECT region, sum(qty) FROM sales GROUP BY ROLLUP(region) HAVING sum(qty) > 5 ORDER BY grouping(region), region')).toEqual([
      ['east', 15n], ['west', 10n], [null, 26n],
    ]);
    expect(await rows('SELECT region, item, sum(qty) AS s FROM sales GROUP BY CUBE(region, item) HAVING grouping(region) = 1 AND grouping(item) = 0 ORDER BY s')).toEqual([
      [null, null, 3n], [null, 'ink', 5n], [null, 'pen', 18n],
    ]);
    // HAVING on a NULL key keeps the group whose key is NULL and the aggregated-away rows alike.
    expect(await rows('SELECT region, count(*) FROM sales GROUP BY ROLLUP(region) HAVING region IS NULL ORDER BY grouping_id(region)')).toEqual([
      [null, 1n], [null, 6n],
    ]);
    expect(await rows('SELECT item, max(qty) FROM sales GROUP BY CUBE(item) ORDER BY grouping_id() DESC, count(*) DESC, item')).toEqual([
      [null, 10], ['pen', 10], [null, 3], ['ink', 5],
    ]);
  });

  it('raises Spark\'s error classes', () => {
    expect(errorClass('SELECT region, grouping(region) FROM sales GROUP BY region')).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(errorClass('SELECT grouping_id() FROM sales')).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(errorClass('SELECT region FROM sales GROUP BY region HAVING grouping(region) = 0')).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(errorClass('SELECT grouping(item) FROM sales GROUP BY ROLLUP(region)')).toBe('GROUPING_COLUMN_MISMATCH');
    expect(errorClass('SELECT grouping_id(item, region) FROM sales GROUP BY CUBE(region, item)')).toBe('GROUPING_ID_COLUMN_MISMATCH');
    expect(errorClass('SELECT item, count(*) FROM sales GROUP BY ROLLUP(region)')).toBe('MISSING_AGGREGATION');
    expect(errorClass('SELECT count(*) FROM sales GROUP BY ROLLUP(3)')).toBe('GROUP_BY_POS_OUT_OF_RANGE');
    expect(() => spark.sql('SELECT count(*) FROM sales GROUP BY ROLLUP(region')).toThrow(ParseError);
  });

  it('shows the Expand in EXPLAIN', async () => {
    const [[plan]] = (await rows('EXPLAIN EXTENDED SELECT region, sum(qty) FROM sales GROUP BY ROLLUP(region)')) as string[][];
    expect(plan).toMatch(/Aggregate \[region#\d+, spark_grouping_id#\d+L\]/);
    expect(plan).toMatch(/Expand \[\[qty#\d+, region#\d+, 0\], \[qty#\d+, NULL, 1\]\]/);
  });
});

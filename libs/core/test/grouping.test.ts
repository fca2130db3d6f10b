// Grouping analytics through the DataFrame API on the real engine: rollup and cube with NULL keys and NULL values
// (told apart only by grouping()), grouping_id bit order, names and types, the Expand in the plans, and errors.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F } from '../src/index.js';
import { cubeSets, groupingSetsOf, rollupSets } from '../src/analyzer/resolve-grouping.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

// A NULL city, a NULL year and a NULL amount: rollup rows must keep (B, NULL) as a group of its own.
const sales = spark.createDataFrame(
  [['A', 2020, 10], ['A', 2021, 20], ['B', 2020, 5], [null, 2020, 7], ['B', null, 3], ['A', 2020, null]],
  'city string, year int, amount int',
).repartition(2);
const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) => (await df.collect()).map((r) => r.toArray());
const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisError);
    return (e as AnalysisError).errorClass;
  }
  throw new Error('expected an AnalysisError');
};
// Sorted by grouping id, then keys NULLs first: a stable order to compare with.
const byLevel = (rs: unknown[][], gidAt: number) =>
  [...rs].sort((x, y) => {
    const key = (r: unknown[]) => [Number(r[gidAt]), ...r.slice(0, gidAt).map((v) => (v === null ? '' : `~${String(v)}`))].join('|');
    return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
  });

describe('grouping sets', () => {
  it('lists ROLLUP, CUBE and mixed sets in Spark\'s order', () => {
    expect(rollupSets([[0], [1], [2]])).toEqual([[0, 1, 2], [0, 1], [0], []]);
    expect(cubeSets([[0], [1]])).toEqual([[0, 1], [0], [1], []]);
    expect(rollupSets([[0, 1], [2]])).toEqual([[0, 1, 2], [0, 1], []]);
    const a = col('a').expr;
    const b = col('b').expr;
    const c = col('c').expr;
    // a, ROLLUP(b, c) = ((a, b, c), (a, b), (a)).
    expect(groupingSetsOf([{ kind: 'expr', expr: a }, { kind: 'rollup', groups: [[b], [c]] }])).toEqual({ groupingExprs: [a, b, c], groupingSets: [[0, 1, 2], [0, 1], [0]] });
    // CUBE(a), ROLLUP(b): the cross product.
    expect(groupingSetsOf([{ kind: 'cube', groups: [[a]] }, { kind: 'rollup', groups: [[b]] }]).groupingSets).toEqual([[0, 1], [0], [1], []]);
    expect(groupingSetsOf([{ kind: 'groupingSets', sets: [[a, b], [a], []] }]).groupingSets).toEqual([[0, 1], [2], []]);
  });
});

describe('rollup', () => {
  it('aggregates per prefix, NULL keys apart from aggregated-away ones', async () => {
    const df = sales.rollup('city', 'year').agg(F.sum('amount'), F.grouping('city'), F.grouping('year'), F.grouping_id());
    expect(df.columns).toEqual(['city', 'year', 'sum(amount)', 'grouping(city)', 'grouping(year)', 'grouping_id()']);
    expect(df.schema.fields.map((f) => [f.dataType.kind, f.nullable])).toEqual([
      ['string', true], ['int32', true], ['int64', true], ['int32', false], ['int32', false], ['int64', false],
    ]);
    expect(byLevel(await rows(df), 5)).toEqual([
      [null, 2020, 7n, 0, 0, 0n],
      ['A', 2020, 10n, 0, 0, 0n],
      ['A', 2021, 20n, 0, 0, 0n],
      ['B', null, 3n, 0, 0, 0n],
      ['B', 2020, 5n, 0, 0, 0n],
      [null, null, 7n, 0, 1, 1n],
      ['A', null, 30n, 0, 1, 1n],
      ['B', null, 8n, 0, 1, 1n],
      [null, null, 45n, 1, 1, 3n],
    ]);
  });

  it('counts, and aggregates the real values of a grouping column', async () => {
    expect(byLevel(await rows(sales.rollup('city').agg(F.count('city').alias('n'), F.grouping_id().alias('g'))), 2)).toEqual([
      [null, 0n, 0n], ['A', 3n, 0n], ['B', 2n, 0n], [null, 5n, 1n],
    ]);
    const counted = await rows(sales.rollup('year').count());
    expect(sales.rollup('year').count().columns).toEqual(['year', 'count']);
    expect(counted.map((r) => `${r[0]}:${r[1]}`).sort()).toEqual(['2020:4', '2021:1', 'null:1', 'null:6']);
  });

  it('groups by expressions, named as Spark names them', async () => {
    const df = sales.rollup(col('year').plus(1)).agg(F.max('amount'), F.grouping(col('year').plus(1)));
    expect(df.columns).toEqual(['(year + 1)', 'max(amount)', 'grouping((year + 1))']);
    expect(byLevel(await rows(df), 2)).toEqual([[null, 3, 0], [2021, 10, 0], [2022, 20, 0], [null, 20, 1]]);
  });

  it('keeps a qualified name resolvable above the aggregate', async () => {
    const df = sales.alias('s').rollup('s.city').count().filter(col('s.city').equalTo('A'));
    expect(await rows(df)).toEqual([['A', 3n]]);
  });

  it('is empty over no rows, as a grouped aggregate is', async () => {
    expect(await rows(sales.filter(col('amount').gt(100)).rollup('city').count())).toEqual([]);
  });
});

describe('cube', () => {
  it('aggregates per subset with grouping_id bits, the first column most significant', async () => {
    const df = sales.cube('city', 'year').agg(F.count('*').alias('n'), F.grouping_id('city', 'year').alias('gid'));
    expect(byLevel(await rows(df), 3)).toEqual([
      [null, 2020, 1n, 0n], ['A', 2020, 2n, 0n], ['A', 2021, 1n, 0n], ['B', null, 1n, 0n], ['B', 2020, 1n, 0n],
      [null, null, 1n, 1n], ['A', null, 3n, 1n], ['B', null, 2n, 1n],
      [null, null, 1n, 2n], [null, 2020, 4n, 2n], [null, 2021, 1n, 2n],
      [null, null, 6n, 3n],
    ]);
  });

  it('filters on grouping() above the aggregate and orders by it', async () => {
    const df = sales.cube('city', 'year').agg(F.sum('amount').alias('s'), F.grouping('city').alias('gc'), F.grouping('year').alias('gy'))
      .filter(col('gc').equalTo(1).and(col('gy').equalTo(0)))
      .orderBy('year');
    expect(await rows(df)).toEqual([[null, null, 3n, 1, 0], [null, 2020, 22n, 1, 0], [null, 2021, 20n, 1, 0]]);
  });

  it('answers grouping() and grouping_id() in a filter or sort right above the aggregate', async () => {
    const df = sales.cube('city', 'year').count().filter(F.grouping('city').equalTo(1)).orderBy(F.grouping_id().desc(), 'year');
    expect(df.columns).toEqual(['city', 'year', 'count']);
    expect(await rows(df)).toEqual([[null, null, 6n], [null, null, 1n], [null, 2020, 4n], [null, 2021, 1n]]);
    const byExpr = sales.rollup(col('year').plus(1).alias('next')).agg(F.sum('amount').alias('s')).orderBy(F.grouping(col('next')), 'next');
    expect(await rows(byExpr)).toEqual([[null, 3n], [2021, 22n], [2022, 20n], [null, 45n]]);
    expect(err(() => sales.groupBy('city').count().orderBy(F.grouping_id()))).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(err(() => sales.rollup('city').count().filter(F.grouping('count').equalTo(0)))).toBe('GROUPING_COLUMN_MISMATCH');
  });

  it('uses grouping() inside expressions', async () => {
    const df = sales.cube('city').agg(F.when(F.grouping('city').equalTo(1), 'all').otherwise(col('city')).alias('label'), F.sum('amount'));
    expect((await rows(df)).map((r) => `${r[1]}=${r[2]}`).sort()).toEqual(['A=30', 'B=8', 'all=45', 'null=7']);
    expect(sales.cube('city').agg(F.grouping('city').plus(1)).columns).toEqual(['city', '(grouping(city) + 1)']);
  });
});

describe('plans', () => {
  it('aggregates over an Expand keyed by spark_grouping_id', () => {
    const plan = sales.rollup('city', 'year').agg(F.sum('amount')).explainString(true);
    expect(plan).toMatch(/== Analyzed Logical Plan ==[\s\S]*Aggregate \[city#\d+, year#\d+, spark_grouping_id#\d+L\], \[city#\d+, year#\d+, sum\(amount#\d+\) AS sum\(amount\)#\d+L\]\n\+- Expand \[\[/);
    expect(plan).toMatch(/Expand \[\[amount#\d+, city#\d+, year#\d+, 0\], \[amount#\d+, city#\d+, NULL, 1\], \[amount#\d+, NULL, NULL, 3\]\], \[amount#\d+, city#\d+, year#\d+, spark_grouping_id#\d+L\]/);
    expect(plan).toMatch(/== Physical Plan ==[\s\S]*HashAggregate\(keys=\[city#\d+, year#\d+, spark_grouping_id#\d+L\][\s\S]*Expand \[/);
  });
});

describe('errors', () => {
  it('raises Spark\'s error classes', () => {
    expect(err(() => sales.select(F.grouping('city')))).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(err(() => sales.groupBy('city').agg(F.grouping_id()))).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(err(() => sales.filter(F.grouping('city').equalTo(0)))).toBe('UNSUPPORTED_GROUPING_EXPRESSION');
    expect(err(() => sales.rollup('city').agg(F.grouping('year')))).toBe('GROUPING_COLUMN_MISMATCH');
    expect(err(() => sales.cube('city', 'year').agg(F.grouping_id('year', 'city')))).toBe('GROUPING_ID_COLUMN_MISMATCH');
    expect(err(() => sales.cube('city').agg(F.grouping_id('city', 'year')))).toBe('GROUPING_ID_COLUMN_MISMATCH');
    expect(err(() => sales.rollup('city').agg(col('year')))).toBe('MISSING_AGGREGATION');
    expect(err(() => sales.rollup('nope').count())).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    // The grouping id has 64 bits: 65 distinct grouping columns are refused (a cube before making 2^65 sets).
    const wide = spark.range(1).select(...Array.from({ length: 65 }, (_, i) => col('id').plus(i).alias(`c${i}`)));
    const names = wide.columns;
    expect(err(() => wide.rollup(...names).count())).toBe('GROUPING_SIZE_LIMIT_EXCEEDED');
    expect(err(() => wide.cube(...names).count())).toBe('GROUPING_SIZE_LIMIT_EXCEEDED');
  });

  it('reads the top bit of a 64-column grouping id', async () => {
    const wide = spark.range(1).select(...Array.from({ length: 64 }, (_, i) => col('id').plus(i).alias(`c${i}`)));
    const df = wide.rollup(...wide.columns).agg(F.grouping('c0').alias('g0'), F.grouping('c63').alias('g63'), F.grouping_id().alias('gid'));
    const got = (await rows(df.select('g0', 'g63', 'gid'))).map((r) => r.join(':'));
    // 65 sets: the full one (id 0), then one more column away each time; only () has c0 away (id -1 as a bigint).
    expect(got.length).toBe(65);
    expect(got).toContain('0:0:0');
    expect(got).toContain('0:1:1');
    expect(got).toContain('1:1:-1');
    expect(got.filter((r) => r.startsWith('1:'))).toEqual(['1:1:-1']);
  });

  it('names the column at fault', () => {
    expect(() => sales.rollup('city').agg(F.grouping('year'))).toThrow("Column of grouping (year) can't be found in grouping columns city.");
  });
});

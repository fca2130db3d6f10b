// spark.sql through the session: temp views and global_temp, the catalog, EXPLAIN, DataFrame interplay, and the
// hook for session-registered functions.
import { AnalysisError, SparkSession, functions as F } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();
spark.conf.set('spark.sql.session.timeZone', 'UTC');

afterAll(async () => {
  await spark.stop();
});

const rows = async (sql: string) => (await spark.sql(sql).collect()).map((r) => r.toArray());

describe('spark.sql', () => {
  it('queries a DataFrame registered as a temp view and returns a DataFrame that chains', async () => {
    spark.createDataFrame([[1, 'a'], [2, 'b'], [3, 'c']], 'id int, s string').createOrReplaceTempView('people');
    const df = spark.sql('SELECT id, upper(s) AS u FROM people WHERE id > 1');
    expect(df.columns).toEqual(['id', 'u']);
    expect((await df.filter(F.col('id').lt(3)).collect()).map((r) => r.toArray())).toEqual([[2, 'B']]);
    expect(await rows('SELECT count(*) FROM people')).toEqual([[3n]]);
  });

  it('sees DataFrame API and SQL plans through the same optimizer', () => {
    const sqlPlan = spark.sql('SELECT s FROM people WHERE id = 2').explainString();
    const dfPlan = spark.table('people').filter(F.col('id').equalTo(2)).select('s').explainString();
    const norm = (s: string) => s.replace(/#\d+/g, '#');
    expect(norm(sqlPlan)).toBe(norm(dfPlan));
  });

  it('answers EXPLAIN and EXPLAIN EXTENDED with the plan text', async () => {
    const [[simple]] = (await spark.sql('EXPLAIN SELECT id FROM people WHERE id > 1').collect()).map((r) => r.toArray()) as string[][];
    expect(simple).toMatch(/^== Physical Plan ==\n/);
    expect(simple).toContain('Filter');
    const [[ext]] = (await spark.sql('EXPLAIN EXTENDED SELECT id FROM people').collect()).map((r) => r.toArray()) as string[][];
    for (const part of ['== Parsed Logical Plan ==', '== Analyzed Logical Plan ==', '== Optimized Logical Plan ==', '== Physical Plan ==']) expect(ext).toContain(part);
  });

  it('keeps a DataFrame view as analysed; createTempView refuses an existing name', async () => {
    expect(() => spark.range(1).createTempView('people')).toThrow(/TEMP_TABLE_OR_VIEW_ALREADY_EXISTS/);
    spark.range(2).createTempView('two');
    expect(await rows('SELECT * FROM two')).toEqual([[0n], [1n]]);
  });

  it('lists and drops views through spark.catalog', () => {
    expect(spark.catalog.listTables().map((t) => [t.name, t.tableType, t.isTemporary])).toEqual([['people', 'TEMPORARY', true], ['two', 'TEMPORARY', true]]);
    expect(spark.catalog.dropTempView('two')).toBe(true);
    expect(spark.catalog.dropTempView('two')).toBe(false);
    expect(spark.catalog.tableExists('people')).toBe(true);
    expect(() => spark.sql('SELECT * FROM two')).toThrow(AnalysisError);
  });

  it('shares global temp views across sessions under global_temp', async () => {
    spark.range(3).createOrReplaceGlobalTempView('shared_ids');
    const other = SparkSession.builder().master('local[1]').create();
    try {
      expect((await other.sql('SELECT sum(id) FROM global_temp.shared_ids').collect())[0]!.get(0)).toBe(3n);
      expect(other.catalog.listTables('global_temp').map((t) => `${t.namespace?.join('.')}.${t.name}`)).toContain('global_temp.shared_ids');
      expect(() => other.sql('SELECT * FROM shared_ids')).toThrow(/TABLE_OR_VIEW_NOT_FOUND/);
    } finally {
      await other.stop();
    }
    expect(spark.catalog.dropGlobalTempView('shared_ids')).toBe(true);
  });

  it('resolves functions registered on the session before the built-ins', async () => {
    // The hook spark.udf.register will use: a builder from arguments to an expression.
    spark.engine.functions.register('twice', (args) => ({ kind: 'arith', op: '*', left: args[0]!, right: { kind: 'literal', value: 2, dataType: { kind: 'int32' } } }));
    try {
      expect(await rows('SELECT twice(id) FROM people ORDER BY 1')).toEqual([[2], [4], [6]]);
    } finally {
      spark.engine.functions.drop('twice');
    }
    expect(() => spark.sql('SELECT twice(id) FROM people')).toThrow(/UNRESOLVED_ROUTINE/);
  });

  it('keeps the session usable after errors and refuses non-strings', async () => {
    expect(() => spark.sql('SELEC 1')).toThrow(/PARSE_SYNTAX_ERROR/);
    expect(() => spark.sql(42 as unknown as string)).toThrow(/NOT_STR/);
    expect(await rows('SELECT 1 + 1')).toEqual([[2]]);
  });
});

describe('SQL expression strings in the DataFrame API', () => {
  const df = spark.createDataFrame([[1, 'ann', 30], [2, 'bob', null], [3, 'cid', 12]], 'id int, name string, age int');

  it('filters, selects and builds Columns from SQL text', async () => {
    expect((await df.filter('age > 20 OR age IS NULL').orderBy('id').collect()).map((r) => r.toArray()[0])).toEqual([1, 2]);
    expect((await df.where("name LIKE 'c%'").collect()).map((r) => r.toArray()[0])).toEqual([3]);
    const sel = df.selectExpr('id * 10 AS x', 'upper(name)', 'posexplode(split(name, "")) AS (p, c)');
    expect(sel.columns).toEqual(['x', 'upper(name)', 'p', 'c']);
    expect((await sel.filter('p = 2').orderBy('x').collect()).map((r) => r.toArray())).toEqual([[10, 'ANN', 2, 'n'], [20, 'BOB', 2, 'b'], [30, 'CID', 2, 'd']]);
    expect(df.select(F.expr('age + 1')).columns).toEqual(['(age + 1)']);
  });

  it('calls functions registered on the session, which shadow built-ins in SQL text only', async () => {
    spark.engine.functions.register('twice', (args) => ({ kind: 'arith', op: '*', left: args[0]!, right: { kind: 'literal', value: 2, dataType: { kind: 'int32' } } }));
    spark.engine.functions.register('upper', (args) => ({ kind: 'unresolvedFunction', name: 'lower', args, isDistinct: false }));
    try {
      expect((await df.selectExpr('twice(id) AS t', 'upper(name)').orderBy('t').collect()).map((r) => r.toArray())).toEqual([[2, 'ann'], [4, 'bob'], [6, 'cid']]);
      expect((await df.filter('twice(age) > 30').collect()).map((r) => r.toArray()[0])).toEqual([1]);
      // The Column API's upper is the built-in whatever the session registered.
      expect((await df.select(F.upper('name')).orderBy('name').collect()).map((r) => r.toArray()[0])).toEqual(['ANN', 'BOB', 'CID']);
    } finally {
      spark.engine.functions.drop('twice');
      spark.engine.functions.drop('upper');
    }
    expect(() => df.selectExpr('twice(id)')).toThrow(/UNRESOLVED_ROUTINE/);
  });

  it('points parse errors at the text and refuses subqueries', () => {
    expect(() => df.filter('age >')).toThrow(/PARSE_SYNTAX_ERROR/);
    expect(() => df.selectExpr('(SELECT 1)')).toThrow(/subquery is not supported in a SQL expression string/);
    expect(() => df.selectExpr('nope + 1')).toThrow(AnalysisError);
  });
});

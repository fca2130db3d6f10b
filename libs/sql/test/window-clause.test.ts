// The named WINDOW clause: substitution into OVER w / OVER (w), column names as Spark generates them from the
// substituted spec, references between definitions, and the errors for undefined or ill-formed names.
import { AnalysisError, SparkSession } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError, parseStatement } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();

afterAll(async () => {
  await spark.stop();
});

spark.createDataFrame([['a', 1, 10], ['a', 2, 20], ['a', 2, null], ['b', 1, 5], [null, 3, 1]], 'k string, o int, v int').createOrReplaceTempView('w_t');

const rows = async (sql: string) => (await spark.sql(sql).collect()).map((r) => r.toArray());

function errorOf(f: () => unknown): { errorClass: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as AnalysisError;
  }
  throw new Error('no error');
}

describe('WINDOW clause', () => {
  it('substitutes the named spec, so results and column names equal the inline OVER (…)', async () => {
    const named = spark.sql('SELECT k, sum(v) OVER w, rank() OVER (w) FROM w_t WINDOW w AS (PARTITION BY k ORDER BY o)');
    const inline = spark.sql('SELECT k, sum(v) OVER (PARTITION BY k ORDER BY o), rank() OVER (PARTITION BY k ORDER BY o) FROM w_t');
    expect(named.columns).toEqual(inline.columns);
    expect(named.columns[1]).toBe('sum(v) OVER (PARTITION BY k ORDER BY o ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
    const ordered = 'ORDER BY k, o, v';
    // a: o=1 → 10 / rank 1; o=2 (peers 20 and NULL) → 30 / rank 2; b → 5; NULL → 1.
    expect(await rows(`SELECT k, o, v, sum(v) OVER w, rank() OVER w FROM w_t WINDOW w AS (PARTITION BY k ORDER BY o) ${ordered}`)).toEqual([
      [null, 3, 1, 1n, 1], ['a', 1, 10, 10n, 1], ['a', 2, null, 30n, 2], ['a', 2, 20, 30n, 2], ['b', 1, 5, 5n, 1],
    ]);
  });

  it('follows a definition to the window it names, in either order', async () => {
    const q = (clause: string) => rows(`SELECT k, count(v) OVER w2 AS c FROM w_t WINDOW ${clause} ORDER BY k, o, v`);
    const expected = [[null, 1n], ['a', 2n], ['a', 2n], ['a', 2n], ['b', 1n]];
    expect(await q('w1 AS (PARTITION BY k), w2 AS w1')).toEqual(expected);
    expect(await q('w2 AS (w1), w1 AS (PARTITION BY k)')).toEqual(expected);
  });

  it('accepts the clause after ORDER BY and applies it to FROM subqueries', async () => {
    expect(await rows('SELECT k, o, row_number() OVER w FROM w_t ORDER BY k, o, v WINDOW w AS (PARTITION BY k ORDER BY o, v) LIMIT 4')).toEqual([
      [null, 3, 1], ['a', 1, 1], ['a', 2, 2], ['a', 2, 3],
    ]);
    expect(await rows('SELECT k FROM (SELECT k, row_number() OVER w AS n FROM w_t) t WHERE n = 3 WINDOW w AS (PARTITION BY k ORDER BY o)')).toEqual([['a']]);
  });

  it('raises MISSING_WINDOW_SPECIFICATION for a name no clause defines, in SQL and in expression strings', () => {
    const e = errorOf(() => spark.sql('SELECT sum(v) OVER w FROM w_t'));
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.errorClass).toBe('MISSING_WINDOW_SPECIFICATION');
    expect(e.message).toContain("Window specification w is not defined in the WINDOW clause. For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.");
    expect(errorOf(() => spark.sql('SELECT sum(v) OVER W FROM w_t WINDOW w AS (PARTITION BY k)')).message).toContain('Window specification W is not');
    expect(errorOf(() => spark.table('w_t').selectExpr('sum(v) OVER w')).errorClass).toBe('MISSING_WINDOW_SPECIFICATION');
    // A clause belongs to the SELECT it ends: the first branch's w is undefined.
    expect(errorOf(() => spark.sql('SELECT sum(v) OVER w FROM w_t UNION ALL SELECT 1 FROM w_t WINDOW w AS (PARTITION BY k)')).errorClass).toBe('MISSING_WINDOW_SPECIFICATION');
  });

  it('raises the parse errors of ill-formed definitions', () => {
    const parse = (tail: string) => errorOf(() => parseStatement(`SELECT min(v) OVER w FROM w_t WINDOW ${tail}`));
    expect(parse('w AS w')).toBeInstanceOf(ParseError);
    expect(parse('w AS w').errorClass).toBe('INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE');
    expect(parse('w AS w').message).toContain('Invalid SQL syntax: Window reference `w` is not a window specification.');
    expect(parse('w AS x').errorClass).toBe('INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE');
    expect(parse('w AS x').message).toContain('Cannot resolve window reference `x`.');
    expect(parse('w AS (PARTITION BY k), v AS (ORDER BY o), w AS v').errorClass).toBe('INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION');
    expect(parse('w AS (PARTITION BY k), w AS (ORDER BY o)').message).toContain('The definition of window `w` is repetitive.');
    const syntax = errorOf(() => parseStatement('SELECT rank() OVER (w ORDER BY o) FROM w_t WINDOW w AS (PARTITION BY k)'));
    expect(syntax.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(syntax.message).toContain("Syntax error at or near 'ORDER'");
  });
});

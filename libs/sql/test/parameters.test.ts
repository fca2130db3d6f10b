// spark.sql(text, args): named and positional parameter markers bound while parsing, as Spark's BindParameters does,
// and its errors (unbound, mixed, invalid arguments).
import { AnalysisError, SparkSession, functions as F } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import '../src/index.js';
import { parseStatement } from '../src/index.js';

const spark = SparkSession.builder().master('local[1]').create();
afterAll(async () => {
  await spark.stop();
});
spark.sql('CREATE TEMP VIEW r AS SELECT id FROM range(10)');

const ids = async (text: string, args?: Parameters<SparkSession['sql']>[1]) => (await spark.sql(text, args).collect()).map((r) => r.get(0));
const errorOf = (f: () => unknown): AnalysisError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisError);
    return e as AnalysisError;
  }
  throw new Error('expected an AnalysisError');
};

describe('query parameters', () => {
  it('binds :name and ? markers as literals', async () => {
    expect(await ids('SELECT id FROM r WHERE id > :lo ORDER BY id', { lo: 6 })).toEqual([7n, 8n, 9n]);
    expect(await ids('SELECT id FROM r WHERE id > ? AND id < ? ORDER BY id', [2, 5])).toEqual([3n, 4n]);
    expect(await ids('SELECT id FROM r ORDER BY id LIMIT ?', [2])).toEqual([0n, 1n]);
    expect(await ids('SELECT :s', { s: F.lit('x') })).toEqual(['x']);
    const df = spark.sql('SELECT :a, :b, :c', { a: 1, b: 2n ** 40n, c: 'x' });
    expect(df.dtypes).toEqual([['1', 'int'], ['1099511627776', 'bigint'], ['x', 'string']]);
  });

  it('leaves markers in strings and quoted names alone', () => {
    const st = parseStatement("SELECT ':a', '?' FROM t WHERE `:b` = 1");
    expect(st.kind).toBe('query');
  });

  it("raises Spark's errors", () => {
    expect(errorOf(() => spark.sql('SELECT ?, ?', [1]))).toMatchObject({ errorClass: 'UNBOUND_SQL_PARAMETER', messageParameters: { name: '_10' } });
    expect(errorOf(() => spark.sql('SELECT :a, :b', { a: 1 }))).toMatchObject({ errorClass: 'UNBOUND_SQL_PARAMETER', messageParameters: { name: 'b' } });
    expect(errorOf(() => spark.sql('SELECT :a'))).toMatchObject({ errorClass: 'UNBOUND_SQL_PARAMETER' });
    // Mixed kinds are reported before unbound ones.
    expect(errorOf(() => spark.sql('SELECT ?, :a', { a: 1 })).errorClass).toBe('INVALID_QUERY_MIXED_QUERY_PARAMETERS');
    expect(errorOf(() => spark.sql('SELECT :c', { c: F.col('id') }))).toMatchObject({ errorClass: 'INVALID_SQL_ARG', messageParameters: { name: 'c' } });
  });
});

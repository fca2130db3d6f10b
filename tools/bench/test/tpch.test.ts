// The 22 TPC-H queries at a small scale factor: Kindling's answer to each must equal DuckDB's on the same data
// (the benchmark, src/tpch/bench.ts, times them at SF 1; this keeps them correct on every commit).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SparkSession } from '@kindling/core';
import '@kindling/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTpch } from '../src/tpch/gen.js';
import { loadDuckDB, loadKindling } from '../src/tpch/load.js';
import { QUERY_NUMBERS, diffAnswers, isOrdered, normalise, tpchQuery } from '../src/tpch/queries.js';

let spark: SparkSession;
let duck: DuckDBInstance;
let con: DuckDBConnection;

beforeAll(async () => {
  const tables = generateTpch(0.05);
  spark = SparkSession.builder().master('local[2]').appName('tpch-test').getOrCreate();
  duck = await DuckDBInstance.create(':memory:', { threads: '1' });
  con = await duck.connect();
  loadKindling(spark, tables);
  await loadDuckDB(con, tables);
});

afterAll(async () => {
  con?.closeSync();
  duck?.closeSync();
  await spark?.stop();
});

describe('TPC-H at SF 0.05 agrees with DuckDB', () => {
  it.each(QUERY_NUMBERS)('Q%i', async (n) => {
    const sql = tpchQuery(n);
    const expected = (await con.runAndReadAll(sql)).getRowsJS().map((r) => r.map(normalise));
    const actual = (await spark.sql(sql).collect()).map((r) => r.toArray().map(normalise));
    expect(expected.length, 'DuckDB answers with rows').toBeGreaterThan(0);
    expect(diffAnswers(expected, actual, isOrdered(sql))).toBeNull();
  });
});

describe('the answer comparison', () => {
  it('notices a wrong value, a missing row and a wrong order', () => {
    expect(diffAnswers([[1, 'a']], [[1, 'a']], true)).toBeNull();
    expect(diffAnswers([[1, 'a']], [[1, 'b']], true)).toMatch(/row 0/);
    expect(diffAnswers([[1], [2]], [[1]], false)).toMatch(/1 rows, expected 2/);
    expect(diffAnswers([[1], [2]], [[2], [1]], true)).toMatch(/row 0/);
    expect(diffAnswers([[1], [2]], [[2], [1]], false)).toBeNull();
  });
});

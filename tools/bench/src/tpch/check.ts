// Runs the 22 queries on both engines at a scale factor and prints agreement and times (a dev aid; the test is
// test/tpch.test.ts, the benchmark bench.ts).
import { DuckDBInstance } from '@duckdb/node-api';
import { SparkSession } from '@kindling/core';
import '@kindling/sql';
import { generateTpch } from './gen.js';
import { loadDuckDB, loadKindling } from './load.js';
import { QUERY_NUMBERS, diffAnswers, isOrdered, normalise, tpchQuery } from './queries.js';

const sf = Number(process.argv[2] ?? 0.01);
const only = process.argv.slice(3).map(Number);
let t = performance.now();
const tables = generateTpch(sf);
console.log(`generated SF ${sf} in ${(performance.now() - t).toFixed(0)} ms`);
const spark = SparkSession.builder().master('local[2]').getOrCreate();
const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await inst.connect();
t = performance.now();
loadKindling(spark, tables);
await loadDuckDB(con, tables);
console.log(`loaded in ${(performance.now() - t).toFixed(0)} ms`);
for (const n of only.length ? only : QUERY_NUMBERS) {
  const sql = tpchQuery(n);
  const expected = (await con.runAndReadAll(sql)).getRowsJS().map((r) => r.map(normalise));
  const t0 = performance.now();
  try {
    const actual = (await spark.sql(sql).collect()).map((r) => r.toArray().map(normalise));
    const d = diffAnswers(expected, actual, isOrdered(sql));
    console.log(`Q${n}: ${d ?? 'ok'} (${expected.length} rows, ${(performance.now() - t0).toFixed(0)} ms)`);
  } catch (e) {
    console.log(`Q${n}: ERROR ${(e as Error).message.split('\n')[0]}`);
  }
}
await spark.stop();

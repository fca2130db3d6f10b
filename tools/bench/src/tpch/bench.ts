// TPC-H benchmark: the 22 queries on Kindling (spark.sql, local[2]) and DuckDB (1 and 2 threads) over the same
// generated data, per query and in total, with every Kindling answer checked against DuckDB's.
// Usage: npm run bench:tpch -- [--sf 1] [--runs 3] [--queries 1,6,14]  (a quick agreement check: --sf 0.1 --runs 1)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { SparkSession } from '@kindling/core';
import '@kindling/sql';
import { measure } from '../measure.js';
import { generateTpch } from './gen.js';
import { loadDuckDB, loadKindling } from './load.js';
import { QUERY_NUMBERS, diffAnswers, isOrdered, normalise, tpchQuery } from './queries.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sf = Number(arg('sf') ?? 1);
const runs = Number(arg('runs') ?? 3);
const queries = arg('queries')?.split(',').map(Number) ?? QUERY_NUMBERS;
const log = (msg: string): void => console.error(`[bench:tpch] ${msg}`);

const startedAt = new Date();
let t0 = performance.now();
const tables = generateTpch(sf);
log(`generated SF ${sf} (${tables.reduce((n, t) => n + t.rows, 0)} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const spark = SparkSession.builder().master('local[2]').appName('bench-tpch').getOrCreate();
const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await inst.connect();
try {
  t0 = performance.now();
  loadKindling(spark, tables);
  await loadDuckDB(con, tables);
  log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const results: { n: number; kindling: number | null; duck1: number; duck2: number; note: string }[] = [];
  for (const n of queries) {
    const sql = tpchQuery(n);
    await con.run('SET threads = 1');
    const duck = async () => (await con.runAndReadAll(sql)).getRowsJS().map((r) => r.map(normalise));
    const d1 = await measure(runs, duck);
    await con.run('SET threads = 2');
    const d2 = await measure(runs, duck);
    let kindling: number | null = null;
    let note: string;
    try {
      const k = await measure(runs, async () => (await spark.sql(sql).collect()).map((r) => r.toArray().map(normalise)));
      kindling = k.medianMs;
      note = diffAnswers(d1.answer, k.answer, isOrdered(sql)) ?? 'same answer';
    } catch (e) {
      note = `error: ${(e as Error).message.split('\n')[0]}`;
    }
    results.push({ n, kindling, duck1: d1.medianMs, duck2: d2.medianMs, note });
    log(`Q${n}: Kindling ${kindling?.toFixed(0) ?? '—'} ms, DuckDB ${d1.medianMs.toFixed(0)} / ${d2.medianMs.toFixed(0)} ms; ${note}`);
  }

  const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  console.log(`\n### TPC-H SF ${sf}: median of ${runs} runs after a warm-up, ms\n`);
  console.log('| query | Kindling local[2] | DuckDB 1 thread | DuckDB 2 threads | Kindling / DuckDB 2 | answer |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of results) {
    const ratio = r.kindling === null ? '—' : `${(r.kindling / r.duck2).toFixed(1)}×`;
    console.log(`| Q${r.n} | ${r.kindling === null ? '—' : fmt(r.kindling)} | ${fmt(r.duck1)} | ${fmt(r.duck2)} | ${ratio} | ${r.note} |`);
  }
  const ok = results.filter((r) => r.kindling !== null);
  const sum = (f: (r: (typeof results)[number]) => number): number => ok.reduce((s, r) => s + f(r), 0);
  const k = sum((r) => r.kindling!);
  const d2 = sum((r) => r.duck2);
  const dir = fileURLToPath(new URL('../../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}tpch-${startedAt.toISOString().slice(0, 10)}-sf${sf}.json`;
  const doc = { benchmark: 'tpch', startedAt: startedAt.toISOString(), sf, runs, environment: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length }, results };
  // Write-then-rename so an interrupted run never leaves half a JSON file (results/*.tmp is git-ignored).
  writeFileSync(`${file}.tmp`, JSON.stringify(doc, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  log(`wrote ${file}`);
  console.log(`| total (${ok.length} queries) | ${fmt(k)} | ${fmt(sum((r) => r.duck1))} | ${fmt(d2)} | ${(k / d2).toFixed(1)}× | ${ok.filter((r) => r.note === 'same answer').length} of ${results.length} same |`);
} finally {
  con.closeSync();
  inst.closeSync();
  await spark.stop();
}

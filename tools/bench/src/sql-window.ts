// SQL front end and window benchmark: the same SQL text on Kindling (spark.sql, local[2]) and DuckDB, on seeded
// data (windows over 1000 partitions), plus the cost of planning a statement (parse + analyse, no execution).
// Usage: npm run bench:sql -w @kindling/bench -- [--rows N] [--runs N]
import { SparkSession } from '@kindling/core';
import '@kindling/sql';
import { groupByTable, toArrow } from './data.js';
import { DuckDBEngine } from './duckdb-engine.js';
import { measure } from './measure.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('rows', 1_000_000);
const runs = arg('runs', 5);
const log = (msg: string): void => console.error(`[bench:sql] ${msg}`);

const WINDOW_SQL = `SELECT count(*) AS n, sum(r) AS sr, sum(c) AS sc FROM (
  SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v) AS r,
         sum(v) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS c,
         lag(v) OVER (PARTITION BY k ORDER BY v) AS p
  FROM t) q`;
const PLAN_SQL = `WITH s AS (SELECT k, sum(v) AS total, count(*) AS n FROM t WHERE v > 10 GROUP BY k HAVING count(*) > 1)
  SELECT a.k, a.total, b.n FROM s a JOIN s b ON a.k = b.k WHERE a.total > 100 ORDER BY 2 DESC LIMIT 10`;

const spark = SparkSession.builder().master('local[2]').appName('bench-sql').getOrCreate();
const duck = await DuckDBEngine.open();
try {
  log(`generating ${rows} rows over 1000 keys`);
  const t = groupByTable(rows, 1000, 7);
  spark.createDataFrame(toArrow(t, 65_536)).createOrReplaceTempView('t');
  await duck.load(t);

  const kindling = await measure(runs, async () => {
    const r = (await spark.sql(WINDOW_SQL).collect())[0]!;
    return { n: Number(r.get('n')), sr: Number(r.get('sr')), sc: Number(r.get('sc')) };
  });
  const results: [string, number, Record<string, number>][] = [['Kindling local[2]', kindling.medianMs, kindling.answer]];
  for (const threads of [1, 2]) {
    await duck.setThreads(threads);
    const d = await measure(runs, () => duck.queryOne(WINDOW_SQL));
    results.push([`DuckDB ${threads} thread${threads > 1 ? 's' : ''}`, d.medianMs, d.answer]);
  }
  const base = results[0]![2];
  const agree = results.every(([, , a]) => a.n === base.n && a.sr === base.sr && Math.abs(a.sc - base.sc) <= 1e-6 * Math.abs(base.sc));
  console.log(`\n### Window functions over ${rows} rows, 1000 partitions (row_number, running sum, lag)\n`);
  console.log('| engine | median ms | rows/s | vs DuckDB 1 thread |');
  console.log('|---|---:|---:|---:|');
  const duck1 = results[1]![1];
  for (const [label, ms] of results) console.log(`| ${label} | ${ms.toFixed(0)} | ${(rows / (ms / 1000) / 1e6).toFixed(2)}M | ${(ms / duck1).toFixed(2)}× |`);
  console.log(`\nanswers agree: ${agree} (n=${base.n}, sum(row_number)=${base.sr})`);

  const plans = 200;
  const planOnce = () => spark.sql(PLAN_SQL);
  for (let i = 0; i < 20; i++) planOnce();
  const t0 = performance.now();
  for (let i = 0; i < plans; i++) planOnce();
  const perPlan = (performance.now() - t0) / plans;
  console.log(`\nplanning (parse + analyse, no execution) of a CTE/join/aggregate query: ${perPlan.toFixed(3)} ms per statement (${plans} runs)`);
} finally {
  await spark.stop();
}

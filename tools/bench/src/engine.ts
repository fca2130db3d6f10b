// Engine benchmark: on the same seeded data, filter, sum, groupBy-sum at two cardinalities and an inner join, run
// by the Kindling engine, by its native kernels alone and by the TypeScript loops they replaced (one thread
// each), and by DuckDB; beside the memory-bandwidth bound of each case.
// Usage: npm run bench -w @kindling/bench -- [--quick] [--rows N] [--engines kindling,native,ts,duckdb] (see cli.ts).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type BenchOptions, type CaseName } from './cli.js';
import { boundMs, memcpyBandwidth } from './bandwidth.js';
import { filterAnswer, groupByAnswer, groupByTable, joinAnswer, joinTables, sumAnswer, toArrow, type KeyedTable } from './data.js';
import * as K from './kernel-cases.js';
import { DuckDBEngine, SQL } from './duckdb-engine.js';
import { KindlingEngine, type DataFrame } from './kindling-engine.js';
import { measure, type Measured } from './measure.js';
import { markdownTable, mismatches, type CaseResult, type EngineResult } from './report.js';

interface Engines {
  kindling?: KindlingEngine;
  duckdb?: DuckDBEngine;
  native: boolean;
  ts: boolean;
}

const log = (msg: string): void => console.error(`[bench] ${msg}`);

const count = (n: number): string => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : `${n}`);

/** Runs one query on every engine; `load`/`unload` bracket the DuckDB side, which is timed without them. */
type Answer = Record<string, number>;

async function runOnEngines(
  opts: BenchOptions,
  engines: Engines,
  inputRows: number,
  tables: KeyedTable[],
  sql: string,
  kindlingAction: (frames: DataFrame[]) => Promise<Answer>,
  kernels: { native: () => Answer; ts: () => Answer },
): Promise<EngineResult[]> {
  const results: EngineResult[] = [];
  const record = (engine: EngineResult['engine'], label: string, threads: number, m: Measured<Answer>): void => {
    results.push({ engine, label, threads, ...m, rowsPerSec: inputRows / (m.medianMs / 1000) });
    log(`  ${label}: median ${m.medianMs.toFixed(1)} ms (runs ${m.timingsMs.map((t) => t.toFixed(0)).join(', ')} ms)`);
  };
  if (engines.kindling) {
    const kindling = engines.kindling;
    const frames = tables.map((t) => kindling.dataFrame(toArrow(t, opts.batchRows)));
    const threads = Number(/\[(\d+)\]/.exec(opts.master)?.[1] ?? 1);
    record('kindling', `Kindling ${opts.master}`, threads, await measure(opts.runs, () => kindlingAction(frames)));
  }
  if (engines.native) record('native', 'native kernels, 1 thread', 1, await measure(opts.runs, async () => kernels.native()));
  if (engines.ts) record('ts', 'previous TS loops, 1 thread', 1, await measure(opts.runs, async () => kernels.ts()));
  if (engines.duckdb) {
    const duck = engines.duckdb;
    const t0 = performance.now();
    for (const t of tables) await duck.load(t);
    log(`  DuckDB load: ${(performance.now() - t0).toFixed(0)} ms (not timed)`);
    for (const threads of opts.duckdbThreads) {
      await duck.setThreads(threads);
      const label = `DuckDB ${threads} thread${threads === 1 ? '' : 's'}`;
      record('duckdb', label, threads, await measure(opts.runs, () => duck.queryOne(sql)));
    }
    for (const t of tables) await duck.drop(t.name);
  }
  return results;
}

async function runCase(name: CaseName, opts: BenchOptions, engines: Engines, bandwidth: number): Promise<CaseResult> {
  const rows = opts.rows;
  // The brief's shapes at 10M rows: 1M distinct group keys / a 1M-row dimension table; scaled with --rows.
  const big = Math.max(1, Math.floor(rows / 10));
  const done = (title: string, inputRows: number, query: string, expected: Answer, results: EngineResult[], bytesTouched: number): CaseResult => ({
    case: name, title, inputRows, query, expected, results, mismatches: mismatches(expected, results), bytesTouched, boundMs: boundMs(bytesTouched, bandwidth),
  });
  switch (name) {
    case 'join': {
      const title = `inner join ${count(rows)} × ${count(big)}, count + sum(v*w)`;
      log(`${title}: generating data`);
      const { t1, t2 } = joinTables(rows, big, opts.seed);
      const expected = joinAnswer(t1, t2);
      const results = await runOnEngines(opts, engines, rows + big, [t1, t2], SQL.join, ([d1, d2]) => engines.kindling!.join(d1, d2), {
        native: () => K.nativeJoin(t1, t2),
        ts: () => K.tsJoin(t1, t2),
      });
      return done(title, rows + big, SQL.join, expected, results, 16 * (rows + big));
    }
    case 'filter':
    case 'sum': {
      const t = groupByTable(rows, big, opts.seed + 2);
      if (name === 'sum') {
        const title = `sum(v), ${count(rows)} rows`;
        log(`${title}: generating data`);
        const results = await runOnEngines(opts, engines, rows, [t], SQL.sum, ([df]) => engines.kindling!.sum(df), {
          native: () => K.nativeSum(t),
          ts: () => K.tsSumCase(t),
        });
        return done(title, rows, SQL.sum, sumAnswer(t), results, 8 * rows);
      }
      const title = `filter v < 500 (~50%) of (k, v), ${count(rows)} rows, count + sum(v)`;
      log(`${title}: generating data`);
      const mask = K.filterMask(t);
      const expected = filterAnswer(t);
      const results = await runOnEngines(opts, engines, rows, [t], SQL.filter, ([df]) => engines.kindling!.filter(df), {
        native: () => K.nativeFilter(t, mask),
        ts: () => K.tsFilterCase(t, mask),
      });
      // The mask and both columns are read; the selected rows of both columns are written.
      return done(title, rows, SQL.filter, expected, results, rows + 16 * rows + 16 * expected.n);
    }
    case 'groupby-high':
    case 'groupby-low': {
      const distinct = name === 'groupby-high' ? big : Math.min(100, rows);
      const title = `groupBy-sum, ${count(distinct)} keys`;
      log(`${title}: generating ${count(rows)} rows`);
      const t = groupByTable(rows, distinct, opts.seed + (name === 'groupby-high' ? 0 : 1));
      const expected = groupByAnswer(t, distinct);
      const results = await runOnEngines(opts, engines, rows, [t], SQL.groupBy, ([df]) => engines.kindling!.groupBy(df), {
        native: () => K.nativeGroupBy(t),
        ts: () => K.tsGroupBy(t),
      });
      return done(title, rows, SQL.groupBy, expected, results, 16 * rows);
    }
  }
}

function writeJson(opts: BenchOptions, cases: CaseResult[], startedAt: Date): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
  mkdirSync(dir, { recursive: true });
  const day = startedAt.toISOString().slice(0, 10);
  const file = join(dir, `engine-${day}${opts.quick ? '-quick' : ''}.json`);
  const doc = {
    benchmark: 'engine',
    startedAt: startedAt.toISOString(),
    environment: { node: process.version, memcpyBytesPerSec: cases[0]?.boundMs ? cases[0].bytesTouched / (cases[0].boundMs / 1000) : undefined, platform: `${process.platform}-${process.arch}`, cpu: cpus()[0]?.model, cores: cpus().length },
    options: opts,
    cases,
  };
  // Write-then-rename so an interrupted run never leaves half a JSON file (results/*.tmp is git-ignored).
  writeFileSync(`${file}.tmp`, JSON.stringify(doc, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const engines: Engines = { native: opts.engines.includes('native'), ts: opts.engines.includes('ts') };
  try {
    // Open Kindling first: if the SDK is missing we fail before spending time on data generation.
    if (opts.engines.includes('kindling')) engines.kindling = await KindlingEngine.open(opts.master);
    if (opts.engines.includes('duckdb')) engines.duckdb = await DuckDBEngine.open();
    const bandwidth = memcpyBandwidth();
    log(`memcpy bandwidth: ${(bandwidth / 1e9).toFixed(1)} GB/s touched (read + written)`);
    const cases: CaseResult[] = [];
    for (const name of opts.cases) cases.push(await runCase(name, opts, engines, bandwidth));

    console.log(`\n## Engine benchmark — ${startedAt.toISOString().slice(0, 10)}\n`);
    console.log(`${count(opts.rows)} rows, median of ${opts.runs} runs after a warm-up; node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}. Cells: median time (best run); load not timed. ` +
      `memcpy moves ${(bandwidth / 1e9).toFixed(1)} GB/s (read + written); a case's bound is the bytes it must touch at that speed. ` +
      'Ratios are speeds (the other side\'s time ÷ this side\'s): above 1× is faster.\n');
    console.log(markdownTable(cases));
    for (const c of cases) for (const m of c.mismatches) console.log(`\nWARNING: results disagree in "${c.title}": ${m}`);
    if (opts.write) console.log(`\nwrote ${relative(process.cwd(), writeJson(opts, cases, startedAt))}`);
  } finally {
    await engines.kindling?.stop();
    engines.duckdb?.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

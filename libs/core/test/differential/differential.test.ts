// Seeded differential test: random tables and queries (filter, project, aggregate, join, sort + limit, rollup/cube) run on Kindling
// and on DuckDB, which serves as the oracle where its semantics coincide with Spark's.
// Reproduce one query: DIFF_SHAPE=join DIFF_SEED=17 npx vitest run test/differential  (prints its SQL and pipeline).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkSession } from '../../src/index.js';
import { type Shape, generateCase } from './gen-query.js';
import { kPipeline } from './render-kindling.js';
import { renderSql } from './render-sql.js';
import { type Failure, type NamedSession, formatFailure, runCase } from './runner.js';
import { colDefs } from './tables.js';

/** Queries per shape (seeds 0 … count-1). */
const PLAN: readonly { shape: Shape; count: number }[] = [
  { shape: 'filter', count: 150 },
  { shape: 'project', count: 150 },
  { shape: 'aggregate', count: 200 },
  { shape: 'join', count: 200 },
  { shape: 'sort', count: 120 },
  { shape: 'grouping', count: 120 },
];
/** Join seeds re-run with broadcast joins disabled (shuffled hash joins). */
const SHUFFLED_JOINS = 100;
/** Aggregate, join and rollup/cube seeds re-run with 64-row batches, so operators see many batches per partition. */
const SMALL_BATCHES = 40;

const onlyShape = process.env['DIFF_SHAPE'] as Shape | undefined;
const onlySeed = process.env['DIFF_SEED'] !== undefined ? Number(process.env['DIFF_SEED']) : undefined;

let instance: DuckDBInstance;
let con: DuckDBConnection;
let main: NamedSession;
let noBroadcast: NamedSession;
let smallBatches: NamedSession;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  con = await instance.connect();
  main = {
    name: 'local[2], shuffle.partitions=3',
    spark: SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create(),
  };
  noBroadcast = {
    name: 'local[2], shuffle.partitions=3, autoBroadcastJoinThreshold=-1',
    spark: SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).config('spark.sql.autoBroadcastJoinThreshold', -1).create(),
  };
  smallBatches = {
    name: 'local[2], shuffle.partitions=3, autoBroadcastJoinThreshold=-1, maxRecordsPerBatch=64',
    spark: SparkSession.builder()
      .master('local[2]')
      .config('spark.sql.shuffle.partitions', 3)
      .config('spark.sql.autoBroadcastJoinThreshold', -1)
      .config('spark.sql.execution.arrow.maxRecordsPerBatch', 64)
      .create(),
  };
});

afterAll(async () => {
  await main?.spark.stop();
  await noBroadcast?.spark.stop();
  await smallBatches?.spark.stop();
  con?.closeSync();
  instance?.closeSync();
});

async function runSeeds(shape: Shape, seeds: readonly number[], sessions: readonly NamedSession[]): Promise<void> {
  const failures: Failure[] = [];
  for (const seed of seeds) {
    const c = generateCase(shape, seed);
    if (onlySeed !== undefined) {
      const defs = Object.fromEntries(c.tables.map((t) => [t.name, colDefs(t)]));
      const sql = renderSql(c.pipeline, defs, Object.fromEntries(c.tables.map((t) => [t.name, t.name])));
      const sizes = c.tables.map((t) => `${t.name}: ${t.rows.length} rows`).join(', ');
      console.log(`--- ${shape} seed ${seed} (${sizes})\n${sql}\n${kPipeline(c.pipeline, {}).t}`);
    }
    failures.push(...(await runCase(c, con, sessions)));
  }
  if (failures.length > 0) console.log(`${failures.length} disagreement(s) in ${shape}:\n\n${failures.map(formatFailure).join('\n\n')}`);
  expect(failures.map((f) => `${f.shape} seed ${f.seed} [${f.session}] ${f.kind}: ${f.message.split('\n')[0]}`)).toEqual([]);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('differential test against DuckDB', () => {
  for (const { shape, count } of PLAN) {
    if (onlyShape && onlyShape !== shape) continue;
    const seeds = onlySeed !== undefined ? [onlySeed] : range(count);
    it(`${shape}: ${seeds.length} random queries`, () => runSeeds(shape, seeds, [main]), 120_000);
  }

  if (!onlyShape || onlyShape === 'join') {
    const seeds = onlySeed !== undefined ? [onlySeed] : range(SHUFFLED_JOINS);
    it(`join with autoBroadcastJoinThreshold=-1: ${seeds.length} random queries`, () => runSeeds('join', seeds, [noBroadcast]), 120_000);
  }
  for (const shape of ['aggregate', 'join', 'grouping'] as const) {
    if (onlyShape && onlyShape !== shape) continue;
    const seeds = onlySeed !== undefined ? [onlySeed] : range(SMALL_BATCHES);
    it(`${shape} with 64-row batches: ${seeds.length} random queries`, () => runSeeds(shape, seeds, [smallBatches]), 120_000);
  }
});

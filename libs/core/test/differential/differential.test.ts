// Seeded differential test: random tables and queries (filter, project, aggregate, join, sort + limit) run on Kindling
// and on DuckDB, which serves as the oracle where its semantics coincide with Spark's.
// Reproduce one query: DIFF_SHAPE=join DIFF_SEED=17 npx vitest run test/differential  (prints its SQL and pipeline).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkSession } from '../../src/index.js';
import { type Shape, generateCase } from './gen-query.js';
import { type Failure, type NamedSession, formatFailure, runCase } from './runner.js';

/** Queries per shape, and the first seed of each shape. */
const PLAN: readonly { shape: Shape; count: number }[] = [
  { shape: 'filter', count: 70 },
  { shape: 'project', count: 70 },
  { shape: 'aggregate', count: 80 },
  { shape: 'join', count: 80 },
  { shape: 'sort', count: 50 },
];
/** Join and aggregate seeds re-run with broadcast joins disabled (shuffled hash joins). */
const SHUFFLED_JOINS = 40;

const onlyShape = process.env['DIFF_SHAPE'] as Shape | undefined;
const onlySeed = process.env['DIFF_SEED'] !== undefined ? Number(process.env['DIFF_SEED']) : undefined;

let instance: DuckDBInstance;
let con: DuckDBConnection;
let main: NamedSession;
let noBroadcast: NamedSession;

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
});

afterAll(async () => {
  await main?.spark.stop();
  await noBroadcast?.spark.stop();
  con?.closeSync();
  instance?.closeSync();
});

async function runSeeds(shape: Shape, seeds: readonly number[], sessions: readonly NamedSession[]): Promise<void> {
  const failures: Failure[] = [];
  for (const seed of seeds) {
    const c = generateCase(shape, seed);
    if (onlySeed !== undefined) {
      const { renderSql } = await import('./render-sql.js');
      const { kPipeline } = await import('./render-kindling.js');
      const { colDefs } = await import('./tables.js');
      const defs = Object.fromEntries(c.tables.map((t) => [t.name, colDefs(t)]));
      console.log(`--- ${shape} seed ${seed}\n${renderSql(c.pipeline, defs, Object.fromEntries(c.tables.map((t) => [t.name, t.name])))}\n${kPipeline(c.pipeline, {}).t}`);
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
});

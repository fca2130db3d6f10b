// Differential test of the SQL front end: the core's seeded random tables and queries (libs/core/test/differential),
// rendered once as DuckDB SQL (the oracle) and once as Spark SQL for spark.sql over temp views; results, column
// names and types must agree (order-insensitive unless the query ends in ORDER BY).
// Reproduce one query: DIFF_SHAPE=join DIFF_SEED=17 npx vitest run test/differential (prints both SQL texts).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SparkSession } from '@kindling/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/index.js';
// The generator lives with the core's DataFrame differential test; these modules import only types from the core.
import { schemaOfPipeline, trailingSort } from '../../core/test/differential/ast.js';
import { diffResults } from '../../core/test/differential/compare.js';
import { type QueryCase, type Shape, generateCase, summarised } from '../../core/test/differential/gen-query.js';
import { hasDuplicateNames, renderSql } from '../../core/test/differential/render-sql.js';
import { colDefs, loadDuck } from '../../core/test/differential/tables.js';

const PLAN: readonly { shape: Shape; count: number }[] = [
  { shape: 'filter', count: 40 },
  { shape: 'project', count: 40 },
  { shape: 'aggregate', count: 60 },
  { shape: 'join', count: 60 },
  { shape: 'sort', count: 40 },
];
const MAX_RAW_ROWS = 20_000;
const onlyShape = process.env['DIFF_SHAPE'] as Shape | undefined;
const onlySeed = process.env['DIFF_SEED'] !== undefined ? Number(process.env['DIFF_SEED']) : undefined;

let instance: DuckDBInstance;
let con: DuckDBConnection;
let spark: SparkSession;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  con = await instance.connect();
  spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
});

afterAll(async () => {
  await spark?.stop();
  con?.closeSync();
  instance?.closeSync();
});

let counter = 0;

/** Runs one case; returns a description of the disagreement, or null. */
async function runCase(c0: QueryCase): Promise<string | null> {
  const id = counter++;
  const names: Record<string, string> = {};
  const defs = Object.fromEntries(c0.tables.map((t) => [t.name, colDefs(t)]));
  for (const t of c0.tables) {
    names[t.name] = `t${id}_${t.name.toLowerCase()}`;
    await loadDuck(con, names[t.name]!, t);
    spark.createDataFrame(t.rows as unknown[][], t.cols.map((col) => `${col.name} ${col.ty}`).join(', ')).createOrReplaceTempView(names[t.name]!);
  }
  try {
    let c = c0;
    let duckSql = renderSql(c.pipeline, defs, names);
    let expected = (await con.runAndReadAll(duckSql)).getRows() as unknown[][];
    if (expected.length > MAX_RAW_ROWS && trailingSort(c.pipeline).sort === null && !hasDuplicateNames(schemaOfPipeline(c.pipeline, defs))) {
      c = summarised(c, schemaOfPipeline(c.pipeline, defs));
      duckSql = renderSql(c.pipeline, defs, names);
      expected = (await con.runAndReadAll(duckSql)).getRows() as unknown[][];
    }
    const sparkSql = renderSql(c.pipeline, defs, names, 'spark');
    if (onlySeed !== undefined) console.log(`--- ${c.shape} seed ${c.seed}\nDuckDB: ${duckSql}\nSpark:  ${sparkSql}`);
    const where = `${c.shape} seed ${c.seed}\n  spark.sql: ${sparkSql}`;
    let actual: unknown[][];
    let df;
    try {
      df = spark.sql(sparkSql);
      actual = (await df.collect()).map((r) => r.toArray());
    } catch (e) {
      return `${where}\n  error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
    const schema = schemaOfPipeline(c.pipeline, defs);
    const problems: string[] = [];
    if (JSON.stringify(df.columns) !== JSON.stringify(schema.map((s) => s.name))) problems.push(`columns ${JSON.stringify(df.columns)}`);
    const types = df.dtypes.map(([, t]) => t);
    if (JSON.stringify(types) !== JSON.stringify(schema.map((s) => s.ty))) problems.push(`types ${JSON.stringify(types)} vs ${JSON.stringify(schema.map((s) => s.ty))}`);
    const diff = diffResults(expected, actual, schema.map((s) => s.ty), trailingSort(c.pipeline).sort !== null);
    if (diff) problems.push(diff);
    return problems.length > 0 ? `${where}\n  ${problems.join('\n  ')}` : null;
  } finally {
    for (const t of c0.tables) {
      await con.run(`DROP TABLE IF EXISTS ${names[t.name]!}`);
      spark.catalog.dropTempView(names[t.name]!);
    }
  }
}

describe('spark.sql against DuckDB on random queries', () => {
  for (const { shape, count } of PLAN) {
    if (onlyShape && onlyShape !== shape) continue;
    const seeds = onlySeed !== undefined ? [onlySeed] : Array.from({ length: count }, (_, i) => i);
    it(`${shape}: ${seeds.length} random queries`, async () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const f = await runCase(generateCase(shape, seed));
        if (f) failures.push(f);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }
});

// Runs one generated query on DuckDB (the oracle) and on Kindling sessions and reports any disagreement with
// everything needed to reproduce it: seed, SQL, the Kindling pipeline and the first differing rows.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataFrame, SparkSession } from '../../src/index.js';
import { type ColDef, schemaOfPipeline, trailingSort } from './ast.js';
import { arrowRows, diffResults } from './compare.js';
import { type QueryCase, summarised } from './gen-query.js';
import { kPipeline } from './render-kindling.js';
import { hasDuplicateNames, renderSql } from './render-sql.js';
import { colDefs, loadDuck, toKindling } from './tables.js';

/** Raw (unaggregated) results larger than this are compared through a grouped count/sum instead. */
const MAX_RAW_ROWS = 20_000;

export interface Failure {
  readonly shape: string;
  readonly seed: number;
  readonly session: string;
  readonly kind: 'mismatch' | 'kindling-error' | 'oracle-error';
  readonly message: string;
  readonly sql: string;
  readonly pipeline: string;
}

export function formatFailure(f: Failure): string {
  return [
    `=== ${f.shape} seed ${f.seed} [${f.session}] ${f.kind}`,
    f.message,
    '--- DuckDB SQL:',
    f.sql,
    '--- Kindling:',
    f.pipeline,
  ].join('\n');
}

export interface NamedSession {
  readonly name: string;
  readonly spark: SparkSession;
}

export interface CaseStats {
  rows: number;
  summarised: boolean;
}

let tableCounter = 0;

/** Runs `c` on every session; returns the failures (empty when all agree). */
export async function runCase(c0: QueryCase, con: DuckDBConnection, sessions: readonly NamedSession[], stats?: CaseStats): Promise<Failure[]> {
  const id = tableCounter++;
  const tableSql: Record<string, string> = {};
  const defs: Record<string, ColDef[]> = {};
  for (const t of c0.tables) {
    tableSql[t.name] = `t${id}_${t.name.toLowerCase()}`;
    defs[t.name] = colDefs(t);
    await loadDuck(con, tableSql[t.name]!, t);
  }
  try {
    let c = c0;
    let sql = renderSql(c.pipeline, defs, tableSql);
    let expected: unknown[][];
    try {
      expected = (await con.runAndReadAll(sql)).getRows() as unknown[][];
      const { sort } = trailingSort(c.pipeline);
      if (expected.length > MAX_RAW_ROWS && sort === null && !hasDuplicateNames(schemaOfPipeline(c.pipeline, defs))) {
        c = summarised(c, schemaOfPipeline(c.pipeline, defs));
        sql = renderSql(c.pipeline, defs, tableSql);
        expected = (await con.runAndReadAll(sql)).getRows() as unknown[][];
        if (stats) stats.summarised = true;
      }
    } catch (e) {
      const text = kPipeline(c.pipeline, {}).t;
      return [{ shape: c.shape, seed: c.seed, session: 'duckdb', kind: 'oracle-error', message: String(e), sql, pipeline: text }];
    }
    if (stats) stats.rows = expected.length;
    const schema = schemaOfPipeline(c.pipeline, defs);
    const ordered = trailingSort(c.pipeline).sort !== null;
    const failures: Failure[] = [];
    for (const s of sessions) {
      const dfs: Record<string, DataFrame> = {};
      for (const t of c.tables) dfs[t.name] = toKindling(s.spark, t);
      const built = kPipeline(c.pipeline, dfs);
      const fail = (kind: Failure['kind'], message: string): Failure => ({ shape: c.shape, seed: c.seed, session: s.name, kind, message, sql, pipeline: built.t });
      let actual: unknown[][];
      let df: DataFrame;
      try {
        df = built.v();
        // Every fourth query goes through toArrow() instead of collect().
        actual = c.seed % 4 === 3 ? arrowRows(await df.toArrow()) : (await df.collect()).map((r) => r.toArray());
      } catch (e) {
        failures.push(fail('kindling-error', e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e)));
        continue;
      }
      const problems: string[] = [];
      const names = schema.map((col) => col.name);
      if (JSON.stringify(df.columns) !== JSON.stringify(names)) problems.push(`columns: expected ${JSON.stringify(names)}, got ${JSON.stringify(df.columns)}`);
      const types = df.dtypes.map(([, t]) => t);
      if (JSON.stringify(types) !== JSON.stringify(schema.map((col) => col.ty))) {
        problems.push(`types: expected ${JSON.stringify(schema.map((col) => col.ty))}, got ${JSON.stringify(types)}`);
      }
      const diff = diffResults(expected, actual, schema.map((col) => col.ty), ordered);
      if (diff) problems.push(diff);
      if (!ordered && problems.length === 0 && c.seed % 5 === 0) {
        // The count() and limit(n).count() actions on the same DataFrame.
        const n = await df.count();
        if (n !== expected.length) problems.push(`count(): expected ${expected.length}, got ${n}`);
        const lim = (c.seed * 37) % 200;
        const m = await df.limit(lim).count();
        if (m !== Math.min(lim, expected.length)) problems.push(`limit(${lim}).count(): expected ${Math.min(lim, expected.length)}, got ${m}`);
      }
      if (problems.length > 0) failures.push(fail('mismatch', problems.join('\n')));
    }
    return failures;
  } finally {
    for (const name of Object.values(tableSql)) await con.run(`DROP TABLE IF EXISTS ${name}`);
  }
}

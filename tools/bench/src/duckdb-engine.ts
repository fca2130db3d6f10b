// DuckDB side of the engine benchmark: loads the generated typed arrays through an appender and runs SQL.
import {
  BIGINT,
  DOUBLE,
  DuckDBBigIntVector,
  DuckDBDataChunk,
  DuckDBDoubleVector,
  DuckDBInstance,
  type DuckDBConnection,
} from '@duckdb/node-api';
import type { KeyedTable } from './data.js';

export class DuckDBEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(): Promise<DuckDBEngine> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new DuckDBEngine(instance, await instance.connect());
  }

  async setThreads(n: number): Promise<void> {
    await this.conn.run(`SET threads = ${n}`);
  }

  /** CREATE TABLE name(k BIGINT, <value> DOUBLE) filled chunk by chunk from the typed arrays (not timed). */
  async load(t: KeyedTable): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TABLE ${t.name} (k BIGINT NOT NULL, ${t.values.name} DOUBLE NOT NULL)`);
    const appender = await this.conn.createAppender(t.name);
    const chunkRows = 2048; // DuckDB's standard vector size: the most one data chunk holds
    const v = t.values.data;
    for (let start = 0; start < t.k.length; start += chunkRows) {
      const n = Math.min(chunkRows, t.k.length - start);
      const chunk = DuckDBDataChunk.create([BIGINT, DOUBLE], n);
      const kv = chunk.getColumnVector(0) as DuckDBBigIntVector;
      const vv = chunk.getColumnVector(1) as DuckDBDoubleVector;
      for (let i = 0; i < n; i++) {
        kv.setItem(i, t.k[start + i]);
        vv.setItem(i, v[start + i]);
      }
      kv.flush();
      vv.flush();
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  }

  async drop(name: string): Promise<void> {
    await this.conn.run(`DROP TABLE IF EXISTS ${name}`);
  }

  /** Runs a query and returns its single result row, numbers as JS numbers. */
  async queryOne(sql: string): Promise<Record<string, number>> {
    const reader = await this.conn.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS();
    if (rows.length !== 1) throw new Error(`expected one row from ${sql}, got ${rows.length}`);
    return Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, Number(value)]));
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** The SQL of each case; every aggregate is consumed so neither engine may prune the work away. */
export const SQL = {
  filter: 'SELECT count(*) AS n, sum(v) AS s FROM t WHERE v < 500',
  sum: 'SELECT sum(v) AS s FROM t',
  groupBy: 'SELECT count(*) AS groups, sum(s) AS total FROM (SELECT k, sum(v) AS s FROM t GROUP BY k)',
  join: 'SELECT count(*) AS n, sum(v * w) AS s FROM t1 JOIN t2 USING (k)',
} as const;

// Loads generated TPC-H tables into both engines: Kindling temp views over Arrow tables (createDataFrame), and
// DuckDB tables filled through an appender (dates staged as day numbers, then converted in SQL).
import { type DuckDBConnection, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { SparkSession } from '@kindling/core';
import * as arrow from 'apache-arrow';
import type { Column, Table } from './gen.js';

const BATCH = 65_536;

function arrowData(c: Column, start: number, end: number): arrow.Data {
  const length = end - start;
  switch (c.type) {
    case 'int':
      return arrow.makeData({ type: new arrow.Int32(), length, nullCount: 0, data: (c.data as Int32Array).subarray(start, end) });
    case 'double':
      return arrow.makeData({ type: new arrow.Float64(), length, nullCount: 0, data: (c.data as Float64Array).subarray(start, end) });
    case 'date':
      return arrow.makeData({ type: new arrow.DateDay(), length, nullCount: 0, data: (c.data as Int32Array).subarray(start, end) });
    case 'string':
      return arrow.vectorFromArray((c.data as string[]).slice(start, end), new arrow.Utf8()).data[0]!;
  }
}

/** The table as an Arrow Table of BATCH-row record batches (so createDataFrame can spread it over partitions). */
export function toArrowTable(t: Table): arrow.Table {
  const fields = t.columns.map((c) => new arrow.Field(c.name, c.type === 'int' ? new arrow.Int32() : c.type === 'double' ? new arrow.Float64() : c.type === 'date' ? new arrow.DateDay() : new arrow.Utf8(), false));
  const schema = new arrow.Schema(fields);
  const batches: arrow.RecordBatch[] = [];
  for (let start = 0; start < t.rows; start += BATCH) {
    const end = Math.min(start + BATCH, t.rows);
    const children = t.columns.map((c) => arrowData(c, start, end));
    batches.push(new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: end - start, nullCount: 0, children })));
  }
  return new arrow.Table(schema, batches);
}

export function loadKindling(spark: SparkSession, tables: readonly Table[]): void {
  for (const t of tables) spark.createDataFrame(toArrowTable(t)).createOrReplaceTempView(t.name);
}

export async function loadDuckDB(con: DuckDBConnection, tables: readonly Table[]): Promise<void> {
  for (const t of tables) {
    const sqlType = (c: Column) => (c.type === 'double' ? 'DOUBLE' : c.type === 'string' ? 'VARCHAR' : 'INTEGER');
    const stage = `__stage_${t.name}`;
    await con.run(`CREATE OR REPLACE TABLE ${stage} (${t.columns.map((c) => `${c.name} ${sqlType(c)} NOT NULL`).join(', ')})`);
    const appender = await con.createAppender(stage);
    const types = t.columns.map((c) => (c.type === 'double' ? DOUBLE : c.type === 'string' ? VARCHAR : INTEGER));
    const chunkRows = 2048; // DuckDB's vector size: the most one data chunk holds
    for (let start = 0; start < t.rows; start += chunkRows) {
      const end = Math.min(start + chunkRows, t.rows);
      const chunk = DuckDBDataChunk.create(types, end - start);
      t.columns.forEach((c, i) => {
        const d = c.data;
        chunk.setColumnValues(i, Array.isArray(d) ? d.slice(start, end) : Array.from(d.subarray(start, end)));
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const cols = t.columns.map((c) => (c.type === 'date' ? `CAST(DATE '1970-01-01' + ${c.name} AS DATE) AS ${c.name}` : c.name));
    await con.run(`CREATE OR REPLACE TABLE ${t.name} AS SELECT ${cols.join(', ')} FROM ${stage}`);
    await con.run(`DROP TABLE ${stage}`);
  }
}

// SparkSession: the entry point of the TypeScript SDK, in PySpark's shape.
import * as arrow from 'apache-arrow';
import { IllegalArgumentError } from '../errors.js';
import { attr } from '../expr/expression.js';
import { LongT } from '../types/data-type.js';
import type { StructType } from '../types/schema.js';
import { type RuntimeConfig, RuntimeConfig as Conf } from '../session/conf.js';
import { Engine } from '../session/engine.js';
import { type InputRow, batchesFromArrow, batchesFromRows } from '../session/local-data.js';
import type { SchedulerListener } from '../scheduler/events.js';
import { DataFrame } from './dataframe.js';
import { shareBatch } from '../execution/wire-batch.js';
import { Catalog } from './catalog.js';
import { lookupRelation } from '../catalog/relation-lookup.js';
import { type SqlParameters, sqlFrontEnd } from '../catalog/sql-front-end.js';
import { type ColumnOrValue, toExpr } from './column.js';
import { parseColumnName } from '../expr/expression.js';
import type { PythonSupport } from '../execution/python-runner.js';
import { DataFrameReader } from './reader.js';

export const KINDLING_VERSION = '0.1.0';

let active: SparkSession | null = null;

/** Builds or returns the active session: `SparkSession.builder().master('local[2]').getOrCreate()`. */
export class Builder {
  private readonly options: Record<string, string> = {};
  private python: PythonSupport | null = null;

  /**
   * Lets the session run Python UDFs through `support` (the engine server plugs in its Python worker pool here;
   * in-process TypeScript sessions have none, as they have no Python functions to run).
   */
  pythonSupport(support: PythonSupport): this {
    this.python = support;
    return this;
  }

  master(master: string): this {
    return this.config('spark.master', master);
  }

  appName(name: string): this {
    return this.config('spark.app.name', name);
  }

  config(key: string, value: string | number | boolean): this {
    if (typeof key !== 'string') throw new IllegalArgumentError('INVALID_CONF_KEY', 'config(): key must be a string.');
    this.options[key] = String(value);
    return this;
  }

  /** Returns the active session (applying these options to its runtime config) or starts a new one. */
  getOrCreate(): SparkSession {
    if (active && !active.stopped) {
      for (const [k, v] of Object.entries(this.options)) if (k !== 'spark.master') active.conf.set(k, v);
      return active;
    }
    active = new SparkSession(new Conf(this.options), this.python);
    return active;
  }

  /** Always starts a new, independent session. */
  create(): SparkSession {
    return new SparkSession(new Conf(this.options), this.python);
  }
}

export class SparkSession {
  /** @internal */
  readonly engine: Engine;
  /** @internal */
  stopped = false;

  /** Temp views and their listing (`spark.catalog.listTables()`). */
  readonly catalog: Catalog;

  /** @internal */
  constructor(conf: RuntimeConfig, python: PythonSupport | null = null) {
    this.engine = new Engine(conf, python);
    this.catalog = new Catalog(this.engine);
  }

  static builder(): Builder {
    return new Builder();
  }

  static getActiveSession(): SparkSession | null {
    return active && !active.stopped ? active : null;
  }

  get conf(): RuntimeConfig {
    return this.engine.conf;
  }

  get version(): string {
    return KINDLING_VERSION;
  }

  /** Task slots: the default number of partitions of `range` and `createDataFrame`. */
  get defaultParallelism(): number {
    return this.engine.defaultParallelism;
  }

  /** Subscribes to job/stage/task events; returns an unsubscribe function. */
  onEvent(listener: SchedulerListener): () => void {
    return this.engine.events.on(listener);
  }

  /**
   * `range(end)` or `range(start, end, step = 1, numPartitions = defaultParallelism)`: a DataFrame with one
   * bigint column `id`, created in the engine with no data from the caller.
   */
  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1, numPartitions?: number): DataFrame {
    this.checkActive();
    const toBig = (v: number | bigint, name: string) => {
      if (typeof v === 'bigint') return v;
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new IllegalArgumentError('NOT_INT', `range(): argument \`${name}\` should be an integer, got ${String(v)}.`);
      return BigInt(v);
    };
    let s = toBig(start, 'start');
    let e: bigint;
    if (end === undefined) {
      e = s;
      s = 0n;
    } else e = toBig(end, 'end');
    const st = toBig(step, 'step');
    if (st === 0n) throw new IllegalArgumentError('INVALID_STEP', 'range(): argument `step` must not be 0.');
    const parts = numPartitions ?? this.defaultParallelism;
    if (!Number.isInteger(parts) || parts < 1) throw new IllegalArgumentError('INVALID_PARTITION_NUMBER', `range(): numPartitions must be a positive integer, got ${String(numPartitions)}.`);
    const plan = { kind: 'range' as const, start: s, end: e, step: st, numPartitions: parts, output: [attr('id', LongT, false)] };
    return DataFrame.create(this.engine, plan, plan);
  }

  /**
   * A DataFrame from local data: an array of rows (arrays, objects or Rows) with an optional schema
   * (StructType, DDL string such as `'id bigint, name string'`, or column names), or an Arrow Table.
   */
  createDataFrame(data: readonly InputRow[] | arrow.Table, schema?: StructType | string | readonly string[]): DataFrame {
    this.checkActive();
    const { schema: struct, partitions } = data instanceof arrow.Table
      ? batchesFromArrow(data, this.defaultParallelism)
      : batchesFromRows(data, schema, this.defaultParallelism);
    let output = struct.fields.map((f) => attr(f.name, f.dataType, f.nullable));
    if (data instanceof arrow.Table && schema !== undefined) {
      const names = typeof schema === 'string' || !Array.isArray(schema) ? null : (schema as string[]);
      if (names) output = output.map((a, i) => ({ ...a, name: names[i] ?? a.name }));
    }
    // Local data moves into shared memory once, so executor threads read it without copies.
    const types = output.map((a) => a.dataType);
    const shared = partitions.map((part) => part.map((b) => shareBatch(b, types)));
    const plan = { kind: 'localRelation' as const, output, partitions: shared };
    return DataFrame.create(this.engine, plan, plan);
  }

  /**
   * Runs Spark SQL text over this session's temp views (and `global_temp.*`), returning its DataFrame; the
   * query goes through the same analyzer and optimizer as the DataFrame API. Needs `import '@kindling/sql'`.
   * `args` bind parameter markers as literals: an object by name (`:lo` ← `{ lo: 5 }`), an array by position (`?`).
   */
  sql(sqlQuery: string, args?: Readonly<Record<string, ColumnOrValue>> | readonly ColumnOrValue[]): DataFrame {
    this.checkActive();
    if (typeof sqlQuery !== 'string') throw new IllegalArgumentError('NOT_STR', `sql(): argument \`sqlQuery\` should be a str, got ${typeof sqlQuery}.`);
    if (args === undefined || args === null) return sqlFrontEnd().sql(this, sqlQuery);
    if (typeof args !== 'object') throw new IllegalArgumentError('INVALID_TYPE', `sql(): argument \`args\` should be an object or an array, got ${typeof args}.`);
    const params: SqlParameters = Array.isArray(args)
      ? { positional: args.map((v) => toExpr(v)) }
      : { named: new Map(Object.entries(args).map(([k, v]) => [k, toExpr(v)])) };
    return sqlFrontEnd().sql(this, sqlQuery, params);
  }

  /**
   * Reads files: `await spark.read.parquet(path)`, `await spark.read.format('csv').option('header', true).load(path)`.
   * Unlike PySpark, the read is a promise: it lists the files and infers the schema before the DataFrame exists.
   */
  get read(): DataFrameReader {
    this.checkActive();
    return new DataFrameReader(this);
  }

  /** The DataFrame of a temp view: `spark.table('v')`, `spark.table('global_temp.v')`. */
  table(tableName: string): DataFrame {
    this.checkActive();
    const plan = lookupRelation(parseColumnName(tableName), this.engine.tempViews);
    return DataFrame.create(this.engine, plan, plan);
  }

  /** Stops the session: frees cached blocks; the session cannot run jobs afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (active === this) active = null;
    await this.engine.stop();
  }

  private checkActive(): void {
    if (this.stopped) throw new IllegalArgumentError('SESSION_STOPPED', 'This SparkSession has been stopped; create a new one with SparkSession.builder().getOrCreate().');
  }
}

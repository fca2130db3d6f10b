// DataFrameReader: `spark.read.format('csv').option('header', true).schema('a int, b string').load(path)`, and the
// per-format shortcuts. Reading lists the files and settles the schema now, so a missing path fails at the call.
import { IllegalArgumentError } from '../errors.js';
import { StructType } from '../types/schema.js';
import { SourceOptions, type OptionValue } from '../datasource/options.js';
import { fileRelation } from '../datasource/relation.js';
import type { SparkSession } from './session.js';
import { DataFrame } from './dataframe.js';

export class DataFrameReader {
  private source = 'parquet';
  private userSchema: StructType | undefined;
  private readonly opts = new Map<string, string>();

  /** @internal */
  constructor(private readonly session: SparkSession) {}

  /** The data source: `parquet` (the default, as spark.sql.sources.default), `csv`, `json`, `text`. */
  format(source: string): this {
    if (typeof source !== 'string') throw new IllegalArgumentError('NOT_STR', `format(): argument \`source\` should be a str, got ${typeof source}.`);
    this.source = source;
    return this;
  }

  /** The schema to read with, as a StructType or a DDL string (`'id bigint, name string'`); skips inference. */
  schema(schema: StructType | string): this {
    this.userSchema = typeof schema === 'string' ? StructType.fromDDL(schema) : schema;
    return this;
  }

  /** One option (names compare without case); `null` and `undefined` are ignored, as in PySpark. */
  option(key: string, value: OptionValue): this {
    if (value !== null && value !== undefined) this.opts.set(key.toLowerCase(), String(value));
    return this;
  }

  /** Several options at once. */
  options(opts: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }

  /** Reads `path` (a file, a directory, a glob, or several) with the chosen format. */
  async load(path?: string | readonly string[]): Promise<DataFrame> {
    const paths = path === undefined ? [] : typeof path === 'string' ? [path] : [...path];
    const engine = this.session.engine;
    const plan = await fileRelation(this.source, paths, this.userSchema, new SourceOptions(this.opts), engine.conf, engine.defaultParallelism);
    return DataFrame.create(engine, plan, plan);
  }

  /** `spark.read.parquet(path, …)`: Parquet files; the schema comes from a file's footer. */
  parquet(...paths: string[]): Promise<DataFrame> {
    return this.format('parquet').load(paths);
  }

  /** `spark.read.csv(path, { header: true, inferSchema: true })`: every column a string unless inferred or given. */
  csv(path: string | readonly string[], options: Readonly<Record<string, OptionValue>> = {}): Promise<DataFrame> {
    return this.format('csv').options(options).load(path);
  }

  /** JSON lines (`multiLine: true` for one document per file); the schema is inferred from every record. */
  json(path: string | readonly string[], options: Readonly<Record<string, OptionValue>> = {}): Promise<DataFrame> {
    return this.format('json').options(options).load(path);
  }

  /** Text files: one string column `value`, a row per line (`wholetext: true`: a row per file). */
  text(path: string | readonly string[], options: Readonly<Record<string, OptionValue>> = {}): Promise<DataFrame> {
    return this.format('text').options(options).load(path);
  }
}

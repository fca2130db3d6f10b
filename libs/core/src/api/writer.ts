// DataFrameWriter: `df.write.mode('overwrite').partitionBy('k').parquet(path)`. A write is an action: it runs one
// task per partition and resolves when the files are committed (`_SUCCESS` written).
import { IllegalArgumentError } from '../errors.js';
import { SourceOptions, type OptionValue } from '../datasource/options.js';
import { type SaveMode, saveMode, writeFiles } from '../datasource/commit.js';
import type { DataFrame } from './dataframe.js';

export class DataFrameWriter {
  private source = 'parquet';
  private saveModeValue: SaveMode = 'errorifexists';
  private readonly opts = new Map<string, string>();
  private partitionColumns: string[] = [];

  /** @internal */
  constructor(private readonly df: DataFrame) {}

  /** `error`/`errorifexists` (the default), `overwrite`, `append` or `ignore`. */
  mode(mode: string): this {
    this.saveModeValue = saveMode(mode);
    return this;
  }

  /** The data source: `parquet` (the default), `csv`, `json`, `text`. */
  format(source: string): this {
    if (typeof source !== 'string') throw new IllegalArgumentError('NOT_STR', `format(): argument \`source\` should be a str, got ${typeof source}.`);
    this.source = source;
    return this;
  }

  /** One option (`header`, `sep`, `compression`, …); names compare without case, `null`/`undefined` are ignored. */
  option(key: string, value: OptionValue): this {
    if (value !== null && value !== undefined) this.opts.set(key.toLowerCase(), String(value));
    return this;
  }

  /** Several options at once. */
  options(opts: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }

  /** Hive-style partition directories (`k=v/`), the columns left out of the files. */
  partitionBy(...cols: (string | readonly string[])[]): this {
    this.partitionColumns = cols.flat();
    return this;
  }

  /** Writes to `path` (or the `path` option) in the chosen format. */
  async save(path?: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const target = path ?? this.opts.get('path');
    if (target === undefined) throw new IllegalArgumentError('PATH_NOT_SPECIFIED', "'path' is not specified.");
    await writeFiles(this.df.engine, this.df.queryExecution(), {
      format: this.source,
      path: target,
      mode: this.saveModeValue,
      options: new SourceOptions(this.opts),
      partitionBy: this.partitionColumns,
    }, options.signal);
  }

  /** Parquet part files, Snappy-compressed unless `compression` says otherwise. */
  parquet(path: string, options: Readonly<Record<string, OptionValue>> = {}): Promise<void> {
    return this.format('parquet').options(options).save(path);
  }

  /** CSV part files (`header`, `sep`, `quote`, `escape`, `nullValue`, `quoteAll`, …). */
  csv(path: string, options: Readonly<Record<string, OptionValue>> = {}): Promise<void> {
    return this.format('csv').options(options).save(path);
  }

  /** JSON lines part files; NULL fields are left out unless `ignoreNullFields` is false. */
  json(path: string, options: Readonly<Record<string, OptionValue>> = {}): Promise<void> {
    return this.format('json').options(options).save(path);
  }

  /** Text part files from one string column, a line per row. */
  text(path: string, options: Readonly<Record<string, OptionValue>> = {}): Promise<void> {
    return this.format('text').options(options).save(path);
  }
}

// DataFrame: an immutable, analysed logical plan plus the session that runs it. Transformations are eager to
// analyse (errors surface at the call) and lazy to execute; actions return promises.
import * as arrow from 'apache-arrow';
import { AnalysisError, IllegalArgumentError } from '../errors.js';
import {
  type Expression,
  type PythonUdf,
  type SortOrder,
  alias,
  attr,
  unresolvedColumn,
} from '../expr/expression.js';
import { analyzeNode } from '../analyzer/analyzer.js';
import { type SetOperationKind, setOperation } from '../analyzer/set-operations.js';
import { type JoinType, type LogicalPlan, NO_LIMIT, outputOf } from '../plan/logical-plan.js';
import { StructType } from '../types/schema.js';
import { simpleString } from '../types/data-type.js';
import { QueryExecution } from '../session/query-execution.js';
import { outputPartitions } from '../physical/planner.js';
import type { Engine } from '../session/engine.js';
import { Column, toColumnExpr } from './column.js';
import { GroupedData } from './grouped-data.js';
import { cubeSets, rollupSets } from '../analyzer/resolve-grouping.js';
import { type Row, rowsOf } from './row.js';
import { showString } from './show.js';
import { DataFrameStatFunctions, corr as corrStat, cov as covStat, describe as describeStats } from './dataframe-stat.js';
import { approxQuantile as approxQuantileStats, crosstab as crosstabStats, freqItems as freqItemsStats, sampleBy as sampleByStats, summary as summaryStats } from './dataframe-summary.js';
import { schemaOf } from '../execution/schema-of.js';
import { emptyBatch, recordBatch, unaliasBatch } from '../execution/vectors.js';
import { GLOBAL_TEMP_DATABASE, globalTempViews } from '../catalog/temp-views.js';
import { sqlFrontEnd } from '../catalog/sql-front-end.js';
import type { TaskMetrics } from '../execution/task-context.js';
import { DataFrameWriter } from './writer.js';

type ColumnLike = string | Column;

let nextPlanId = 1;

/** Options of actions. */
export interface ActionOptions {
  /** Aborting it cancels the running job. */
  readonly signal?: AbortSignal;
  /** Receives the metrics of every task attempt the action runs (see `summarizeTaskMetrics`). */
  readonly metrics?: TaskMetrics[];
}

const JOIN_TYPES: Record<string, JoinType> = {
  inner: 'inner', cross: 'cross',
  outer: 'full', full: 'full', fullouter: 'full', full_outer: 'full',
  left: 'left', leftouter: 'left', left_outer: 'left',
  right: 'right', rightouter: 'right', right_outer: 'right',
  semi: 'leftsemi', leftsemi: 'leftsemi', left_semi: 'leftsemi',
  anti: 'leftanti', leftanti: 'leftanti', left_anti: 'leftanti',
};

function flatten<T>(args: (T | readonly T[])[]): T[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as T[])] : (args as T[]);
}

export class DataFrame {
  /** @internal */
  readonly plan: LogicalPlan;
  /** @internal */
  readonly parsed: LogicalPlan;
  /** @internal */
  readonly engine: Engine;

  /** @internal */
  constructor(engine: Engine, parsed: LogicalPlan, analyzed: LogicalPlan) {
    this.engine = engine;
    this.parsed = parsed;
    this.plan = analyzed;
  }

  /** @internal Builds a DataFrame from a new node over this one's plan(s), analysing it now. */
  static create(engine: Engine, parsed: LogicalPlan, unresolved: LogicalPlan): DataFrame {
    const planId = nextPlanId++;
    const analyzed = analyzeNode(unresolved, { caseSensitive: engine.conf.bool('spark.sql.caseSensitive') });
    return new DataFrame(engine, { ...parsed, planId }, { ...analyzed, planId });
  }

  private derive(build: (child: LogicalPlan) => LogicalPlan): DataFrame {
    return DataFrame.create(this.engine, build(this.parsed), build(this.plan));
  }

  // ------------------------------------------------------------------ schema

  /** The schema, as analysed. */
  get schema(): StructType {
    return new StructType(outputOf(this.plan).map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })));
  }

  get columns(): string[] {
    return outputOf(this.plan).map((a) => a.name);
  }

  /** `[name, simpleString type]` pairs, e.g. `['id', 'bigint']`. */
  get dtypes(): [string, string][] {
    return outputOf(this.plan).map((a) => [a.name, simpleString(a.dataType)]);
  }

  printSchema(): void {
    process.stdout.write(this.schema.treeString());
  }

  /** A column of this DataFrame, resolved against it even after joins (`df1.col('id')`). */
  col(name: string): Column {
    if (name === '*') return new Column({ kind: 'star' });
    const expr = unresolvedColumn(name, this.plan.planId);
    // Fail now, as PySpark's df['x'] does, when the name is unknown.
    const out = outputOf(this.plan);
    const last = expr.nameParts[expr.nameParts.length - 1]!.toLowerCase();
    if (!out.some((a) => a.name.toLowerCase() === last || a.name.toLowerCase() === name.toLowerCase())) {
      analyzeNode({ kind: 'project', projectList: [expr], child: this.plan });
    }
    return new Column(expr);
  }

  toString(): string {
    return `DataFrame[${this.dtypes.map(([n, t]) => `${n}: ${t}`).join(', ')}]`;
  }

  // ------------------------------------------------------------------ transformations

  /**
   * @internal `mapInPandas` / `mapInArrow` of the Python client: `func` (a cloudpickled Python function, eval
   * type `mapPandasIter` or `mapArrowIter`) maps each partition's batches to rows of `schema`.
   */
  mapInPython(func: PythonUdf, schema: StructType): DataFrame {
    const output = schema.fields.map((f) => attr(f.name, f.dataType, f.nullable));
    return this.derive((child) => ({ kind: 'mapInPython', func, output, child }));
  }

  select(...cols: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    const exprs = flatten(cols).map((c) => toColumnExpr(c));
    return this.derive((child) => ({ kind: 'project', projectList: exprs, child }));
  }

  /** Rows where `condition` (a Column, or a SQL expression string such as `"a > 1 AND b IS NOT NULL"`) is true. */
  filter(condition: Column | string): DataFrame {
    if (typeof condition === 'string') return this.filter(new Column(sqlFrontEnd().expression(condition, this.engine.functions, this.engine.timeZone)));
    if (!Column.isColumn(condition)) {
      throw new IllegalArgumentError('NOT_COLUMN_OR_STR', `filter() needs a Column or a SQL expression string, got ${typeof condition}.`);
    }
    return this.derive((child) => ({ kind: 'filter', condition: condition.expr, child }));
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  /** `select` of SQL expression strings: `selectExpr('a * 2 AS b', 'upper(s)')`. */
  selectExpr(...exprs: (string | readonly string[])[]): DataFrame {
    const list = exprs.flat();
    for (const e of list) {
      if (typeof e !== 'string') throw new IllegalArgumentError('NOT_STR', `selectExpr() needs SQL expression strings, got ${typeof e}.`);
    }
    return this.select(list.map((e) => new Column(sqlFrontEnd().expression(e, this.engine.functions, this.engine.timeZone))));
  }

  /** Adds or replaces a column. */
  withColumn(name: string, c: Column): DataFrame {
    return this.withColumns({ [name]: c });
  }

  withColumns(cols: Record<string, Column>): DataFrame {
    const names = Object.keys(cols);
    for (const n of names) if (!Column.isColumn(cols[n])) throw new IllegalArgumentError('NOT_COLUMN', `withColumn: the value for ${JSON.stringify(n)} should be a Column.`);
    const out = outputOf(this.plan);
    const lower = (s: string) => s.toLowerCase();
    const list: Expression[] = out.map((a) => {
      const hit = names.find((n) => lower(n) === lower(a.name));
      return hit ? alias(cols[hit]!.expr, hit) : a;
    });
    for (const n of names) if (!out.some((a) => lower(a.name) === lower(n))) list.push(alias(cols[n]!.expr, n));
    return this.derive((child) => ({ kind: 'project', projectList: list, child }));
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: newName });
  }

  withColumnsRenamed(mapping: Record<string, string>): DataFrame {
    const out = outputOf(this.plan);
    const list: Expression[] = out.map((a) => {
      const key = Object.keys(mapping).find((k) => k.toLowerCase() === a.name.toLowerCase());
      return key ? alias(a, mapping[key]!) : a;
    });
    return DataFrame.create(this.engine, { kind: 'project', projectList: list, child: this.parsed }, { kind: 'project', projectList: list, child: this.plan });
  }

  /** Removes columns by name (unknown names are ignored, as in Spark) or by Column. */
  drop(...cols: ColumnLike[]): DataFrame {
    const out = outputOf(this.plan);
    const dropIds = new Set<number>();
    for (const c of cols) {
      if (typeof c === 'string') {
        for (const a of out) if (a.name.toLowerCase() === c.toLowerCase()) dropIds.add(a.exprId);
      } else {
        const probe = DataFrame.create(this.engine, this.parsed, { kind: 'project', projectList: [c.expr], child: this.plan });
        const attr = probe.plan.kind === 'project' ? probe.plan.projectList[0] : undefined;
        if (attr?.kind === 'attr') dropIds.add(attr.exprId);
      }
    }
    const list = out.filter((a) => !dropIds.has(a.exprId));
    return DataFrame.create(this.engine, { kind: 'project', projectList: list, child: this.parsed }, { kind: 'project', projectList: list, child: this.plan });
  }

  groupBy(...cols: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    return new GroupedData(this, flatten(cols).map((c) => toColumnExpr(c)));
  }

  groupby(...cols: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  /**
   * Groups by every prefix of `cols`, then by nothing: `rollup('a', 'b')` aggregates per (a, b), per a, and once over
   * all rows (Spark's ROLLUP). Columns aggregated away are NULL in those rows; `grouping(col)` and `grouping_id()`
   * tell them from NULL keys.
   */
  rollup(...cols: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    const keys = flatten(cols).map((c) => toColumnExpr(c));
    return new GroupedData(this, keys, rollupSets(keys.map((_, i) => [i])));
  }

  /**
   * Groups by every subset of `cols`: `cube('a', 'b')` aggregates per (a, b), per a, per b and over all rows
   * (Spark's CUBE). As with `rollup`, `grouping(col)` is 1 where a column is aggregated away.
   */
  cube(...cols: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    const keys = flatten(cols).map((c) => toColumnExpr(c));
    return new GroupedData(this, keys, cubeSets(keys.map((_, i) => [i])));
  }

  /** Groups by each of `sets` (positions in `cols`) in turn: Spark's GROUPING SETS. */
  groupingSets(sets: readonly (readonly number[])[], ...cols: (ColumnLike | readonly ColumnLike[])[]): GroupedData {
    const keys = flatten(cols).map((c) => toColumnExpr(c));
    for (const set of sets) {
      if (set.some((i) => !Number.isInteger(i) || i < 0 || i >= keys.length)) {
        throw new IllegalArgumentError('INVALID_GROUPING_SET', `A grouping set refers to column ${set.join(', ')} of ${keys.length} grouping columns.`);
      }
    }
    return new GroupedData(this, keys, sets);
  }

  /** Aggregates over the whole DataFrame: `df.agg(F.max('a'))`. */
  agg(...exprs: (Column | readonly Column[])[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /**
   * Joins with another DataFrame. `on` is a column name or list of names (a USING join: the key columns appear
   * once), or a Column condition. `how`: inner, cross, outer/full, left, right, semi, anti (Spark's spellings).
   */
  // Statistics (dataframe-stat.ts)

  /** count, mean, stddev, min and max of columns (every numeric and string column by default), as strings under `summary`. */
  describe(...cols: (string | readonly string[])[]): DataFrame {
    return describeStats(this, cols.flat());
  }

  /** Pearson's correlation coefficient of two numeric columns (NULLs read as 0, NaN on division by zero, as Spark). */
  corr(col1: string, col2: string, method = 'pearson'): Promise<number> {
    return corrStat(this, col1, col2, method);
  }

  /** The sample covariance of two numeric columns (NULLs read as 0, as Spark). */
  cov(col1: string, col2: string): Promise<number> {
    return covStat(this, col1, col2);
  }

  /** count, mean, stddev, min, approximate percentiles ("25%"), max, count_distinct, approx_count_distinct of the numeric and string columns, as strings under `summary`. */
  summary(...statistics: string[]): DataFrame {
    return summaryStats(this, statistics);
  }

  /** Approximate quantiles of numeric columns by Spark's G-K summaries (0 is exact); one list per column when given a list. */
  async approxQuantile(col: string | readonly string[], probabilities: readonly number[], relativeError: number): Promise<number[] | number[][]> {
    const r = await approxQuantileStats(this, typeof col === 'string' ? [col] : col, probabilities, relativeError);
    return typeof col === 'string' ? r[0]! : r;
  }

  /** The pair frequencies of two columns: `<col1>_<col2>`, then one bigint column per value of col2 (sorted as strings). */
  crosstab(col1: string, col2: string): Promise<DataFrame> {
    return crosstabStats(this, col1, col2);
  }

  /** Frequent items (possibly false positives) of columns by Spark's one-pass algorithm, as `<col>_freqItems` arrays. */
  freqItems(cols: readonly string[], support?: number): Promise<DataFrame> {
    return freqItemsStats(this, cols, support);
  }

  /** A stratified sample: each row kept with its stratum's fraction (0 for strata not listed). */
  sampleBy(col: string | Column, fractions: ReadonlyMap<unknown, number> | Record<string, number>, seed?: number): DataFrame {
    return sampleByStats(this, col, fractions, seed);
  }

  /** The statistics of this DataFrame (`corr`, `cov`, `approxQuantile`, `crosstab`, `freqItems`, `sampleBy`). */
  get stat(): DataFrameStatFunctions {
    return new DataFrameStatFunctions(this);
  }

  join(other: DataFrame, on?: string | readonly string[] | Column, how: string = 'inner'): DataFrame {
    if (!(other instanceof DataFrame)) throw new IllegalArgumentError('NOT_DATAFRAME', `join(): argument \`other\` should be a DataFrame, got ${typeof other}.`);
    const joinType = JOIN_TYPES[how.toLowerCase().replace(/\s+/g, '')];
    if (!joinType) {
      throw new IllegalArgumentError('UNSUPPORTED_JOIN_TYPE', `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`, { joinType: how });
    }
    const build = (l: LogicalPlan, r: LogicalPlan): LogicalPlan => {
      if (on === undefined) return { kind: 'join', left: l, right: r, joinType: joinType === 'inner' ? 'inner' : joinType, condition: null };
      if (typeof on === 'string' || Array.isArray(on)) {
        const usingColumns = typeof on === 'string' ? [on] : [...(on as string[])];
        return { kind: 'join', left: l, right: r, joinType, condition: null, usingColumns };
      }
      if (!Column.isColumn(on)) throw new IllegalArgumentError('NOT_COLUMN_OR_STR', 'join(): argument `on` should be a Column, a column name or a list of names.');
      return { kind: 'join', left: l, right: r, joinType, condition: on.expr };
    };
    return DataFrame.create(this.engine, build(this.parsed, other.parsed), build(this.plan, other.plan));
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.join(other, undefined, 'cross');
  }

  orderBy(...cols: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.sortImpl(flatten(cols), true);
  }

  sort(...cols: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.sortImpl(flatten(cols), true);
  }

  sortWithinPartitions(...cols: (ColumnLike | readonly ColumnLike[])[]): DataFrame {
    return this.sortImpl(flatten(cols), false);
  }

  private sortImpl(cols: ColumnLike[], global: boolean): DataFrame {
    if (cols.length === 0) throw new IllegalArgumentError('CANNOT_BE_EMPTY', 'At least one column must be specified to sort by.');
    const order: SortOrder[] = cols.map((c) => {
      const e = toColumnExpr(c);
      return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, direction: 'asc', nullOrdering: 'nullsFirst' };
    });
    return this.derive((child) => ({ kind: 'sort', order, global, child }));
  }

  limit(n: number): DataFrame {
    if (!Number.isInteger(n)) throw new IllegalArgumentError('NOT_INT', `limit(): argument \`num\` should be an integer, got ${String(n)}.`);
    return this.derive((child) => ({ kind: 'limit', limit: n, child }));
  }

  /** Skips the first `n` rows (Spark's `Dataset.offset`). */
  offset(n: number): DataFrame {
    if (!Number.isInteger(n)) throw new IllegalArgumentError('NOT_INT', `offset(): argument \`num\` should be an integer, got ${String(n)}.`);
    return this.derive((child) => ({ kind: 'limit', limit: NO_LIMIT, offset: n, child }));
  }

  distinct(): DataFrame {
    return this.derive((child) => ({ kind: 'distinct', child }));
  }

  /** Distinct rows, or rows distinct on `subset` (the first row of each group is kept). */
  dropDuplicates(subset?: readonly string[]): DataFrame {
    if (!subset) return this.distinct();
    const out = outputOf(this.plan);
    for (const s of subset) {
      if (!out.some((a) => a.name.toLowerCase() === s.toLowerCase())) {
        throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `Cannot resolve column name "${s}" among (${out.map((a) => a.name).join(', ')}).`, { objectName: s });
      }
    }
    const keys = out.filter((a) => subset.some((s) => s.toLowerCase() === a.name.toLowerCase()));
    const aggs: Expression[] = out.map((a) => (keys.includes(a) ? a : alias({ kind: 'unresolvedFunction', name: 'first', args: [a], isDistinct: false }, a.name)));
    return DataFrame.create(this.engine, { kind: 'aggregate', groupingExprs: keys, aggregateExprs: aggs, child: this.parsed }, { kind: 'aggregate', groupingExprs: keys, aggregateExprs: aggs, child: this.plan });
  }

  drop_duplicates(subset?: readonly string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  /** UNION ALL by position (Spark's `union`). */
  union(other: DataFrame): DataFrame {
    return DataFrame.create(
      this.engine,
      { kind: 'union', children: [this.parsed, other.parsed], byName: false, allowMissingColumns: false },
      { kind: 'union', children: [this.plan, other.plan], byName: false, allowMissingColumns: false },
    );
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** UNION ALL matching columns by name; missing columns are NULL when `allowMissingColumns`. */
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return DataFrame.create(
      this.engine,
      { kind: 'union', children: [this.parsed, other.parsed], byName: true, allowMissingColumns },
      { kind: 'union', children: [this.plan, other.plan], byName: true, allowMissingColumns },
    );
  }

  /**
   * Distinct rows that are in both DataFrames (SQL `INTERSECT`): rows compared by position, NULL equal to NULL,
   * columns named from this DataFrame. NUM_COLUMNS_MISMATCH when the column counts differ.
   */
  intersect(other: DataFrame): DataFrame {
    return this.setOperation('intersect', false, other);
  }

  /**
   * Rows that are in both DataFrames, keeping duplicates (SQL `INTERSECT ALL`): a row present m times here and n
   * times in `other` appears min(m, n) times. Rows compare by position with NULL equal to NULL; columns are
   * named from this DataFrame. NUM_COLUMNS_MISMATCH / INCOMPATIBLE_COLUMN_TYPE when the inputs do not line up.
   */
  intersectAll(other: DataFrame): DataFrame {
    return this.setOperation('intersect', true, other);
  }

  /** Distinct rows of this DataFrame that are not in `other` (SQL `EXCEPT DISTINCT`); NULL equals NULL. */
  subtract(other: DataFrame): DataFrame {
    return this.setOperation('except', false, other);
  }

  /**
   * Rows of this DataFrame that are not in `other`, keeping duplicates (SQL `EXCEPT ALL`): a row present m times
   * here and n times in `other` appears max(m - n, 0) times. Rows compare by position with NULL equal to NULL.
   */
  exceptAll(other: DataFrame): DataFrame {
    return this.setOperation('except', true, other);
  }

  private setOperation(kind: SetOperationKind, all: boolean, other: DataFrame): DataFrame {
    const opts = { caseSensitive: this.engine.conf.bool('spark.sql.caseSensitive') };
    const r = setOperation(kind, all, this, other, opts);
    const planId = nextPlanId++;
    return new DataFrame(this.engine, { ...r.parsed, planId }, { ...r.plan, planId });
  }

  /** Redistributes rows into `numPartitions` partitions (round-robin, or by hash of `cols`). */
  repartition(numPartitions: number, ...cols: ColumnLike[]): DataFrame {
    const exprs = cols.map((c) => toColumnExpr(c));
    return this.derive((child) => ({ kind: 'repartition', numPartitions, shuffle: true, partitionExprs: exprs, child }));
  }

  /** Range partitioning by `cols` (plain columns ascending, nulls first), bounds sampled as a global sort's (Spark's `repartitionByRange`). */
  repartitionByRange(numPartitions: number, ...cols: ColumnLike[]): DataFrame {
    if (cols.length === 0) throw new IllegalArgumentError('CANNOT_BE_EMPTY', 'At least one partition-by expression must be specified.');
    const order = cols.map((c): SortOrder => {
      const e = toColumnExpr(c);
      return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, direction: 'asc', nullOrdering: 'nullsFirst' };
    });
    return this.derive((child) => ({ kind: 'repartition', numPartitions, shuffle: true, partitionExprs: order, byRange: true, child }));
  }

  /**
   * Shuffles each row to partition pmod(`partitionId`, numPartitions): the id is already computed (by a Python
   * RDD's partition function, PySpark's `partitionBy`), so the engine only moves the rows.
   */
  repartitionByPartitionId(numPartitions: number, partitionId: ColumnLike): DataFrame {
    const expr = toColumnExpr(partitionId);
    return this.derive((child) => ({ kind: 'repartition', numPartitions, shuffle: true, partitionExprs: [expr], byPartitionId: true, child }));
  }

  /** Partitions of this DataFrame's result as planned now (`df.rdd.getNumPartitions()`). */
  get numPartitions(): number {
    return outputPartitions(this.queryExecution().physical);
  }

  /** Merges partitions without a shuffle. */
  coalesce(numPartitions: number): DataFrame {
    return this.derive((child) => ({ kind: 'repartition', numPartitions, shuffle: false, partitionExprs: [], child }));
  }

  /** Names this DataFrame so its columns can be referred to as `alias.col`. */
  alias(name: string): DataFrame {
    return this.derive((child) => ({ kind: 'subqueryAlias', alias: name, child }));
  }

  // ------------------------------------------------------------------ views

  /** Registers this DataFrame as a session temp view, replacing one of the same name. */
  createOrReplaceTempView(name: string): void {
    this.engine.tempViews.put(name, this.plan, true);
  }

  /** Registers a session temp view; TEMP_TABLE_OR_VIEW_ALREADY_EXISTS when the name is taken. */
  createTempView(name: string): void {
    this.engine.tempViews.put(name, this.plan, false);
  }

  /** Registers a view in `global_temp`, visible to every session of the engine, replacing one of the same name. */
  createOrReplaceGlobalTempView(name: string): void {
    globalTempViews.put(name, this.plan, true, GLOBAL_TEMP_DATABASE);
  }

  /** Registers a view in `global_temp`; TEMP_TABLE_OR_VIEW_ALREADY_EXISTS when the name is taken. */
  createGlobalTempView(name: string): void {
    globalTempViews.put(name, this.plan, false, GLOBAL_TEMP_DATABASE);
  }

  // ------------------------------------------------------------------ persistence

  /** Keeps this DataFrame's partitions in the block manager once computed (lazy, like Spark). */
  cache(): this {
    this.engine.cacheManager.cache(this.plan);
    return this;
  }

  persist(): this {
    return this.cache();
  }

  unpersist(): this {
    this.engine.cacheManager.uncache(this.plan);
    return this;
  }

  get isCached(): boolean {
    const cache = this.engine.cacheManager;
    // `spark.table(v)` wraps the view's plan in an alias: a cached view (cacheTable) makes it cached too.
    return cache.lookup(this.plan) !== undefined || (this.plan.kind === 'subqueryAlias' && cache.lookup(this.plan.child) !== undefined);
  }

  // ------------------------------------------------------------------ actions

  /** Writes files: `await df.write.mode('overwrite').parquet(path)`; the write runs one task per partition. */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  /** @internal */
  queryExecution(): QueryExecution {
    return new QueryExecution(this.engine, this.parsed, this.plan);
  }

  /** @internal Runs the query and returns its batches. */
  async executeBatches(description: string, signal?: AbortSignal, metrics?: TaskMetrics[]): Promise<arrow.RecordBatch[]> {
    return this.queryExecution().execute(description, signal, metrics);
  }

  /** All rows. `options.signal` cancels the job (the promise rejects with JOB_CANCELLED). */
  async collect(options: ActionOptions = {}): Promise<Row[]> {
    const batches = await this.executeBatches('collect', options.signal, options.metrics);
    return rowsOf(this.columns, outputOf(this.plan).map((a) => a.dataType), batches);
  }

  /** The result as an Arrow table (no per-row conversion). */
  async toArrow(options: ActionOptions = {}): Promise<arrow.Table> {
    return this.tableOf(await this.executeBatches('toArrow', options.signal, options.metrics));
  }

  /** @internal This DataFrame's result batches as a table with its schema, safe to write as Arrow IPC. */
  tableOf(batches: readonly arrow.RecordBatch[]): arrow.Table {
    const schema = schemaOf(outputOf(this.plan));
    const types = outputOf(this.plan).map((a) => a.dataType);
    // Tables leave the engine (IPC writers, users): no two columns may share buffers.
    const fixed = batches.filter((b) => b.numRows > 0).map((b) => unaliasBatch(recordBatch(schema, b.data), types));
    return new arrow.Table(schema, fixed.length > 0 ? fixed : [emptyBatch(schema)]);
  }

  async count(options: ActionOptions = {}): Promise<number> {
    const counted = DataFrame.create(this.engine, this.parsed, {
      kind: 'aggregate',
      groupingExprs: [],
      aggregateExprs: [alias({ kind: 'unresolvedFunction', name: 'count', args: [], isDistinct: false }, 'count')],
      child: this.plan,
    });
    const rows = await counted.collect(options);
    return Number(rows[0]!.get(0));
  }

  async take(n: number, options: ActionOptions = {}): Promise<Row[]> {
    return this.limit(n).collect(options);
  }

  async head(n?: number): Promise<Row[]> {
    return this.take(n ?? 1);
  }

  /** The first row, or null for an empty DataFrame. */
  async first(): Promise<Row | null> {
    const rows = await this.take(1);
    return rows[0] ?? null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.take(1)).length === 0;
  }

  /** The text `show()` prints. `truncate`: true = 20 characters, false = none, or a width. */
  async showString(n = 20, truncate: boolean | number = true, vertical = false, options: ActionOptions = {}): Promise<string> {
    if (!Number.isInteger(n)) throw new IllegalArgumentError('NOT_INT', `show(): argument \`n\` should be an integer, got ${String(n)}.`);
    const width = truncate === true ? 20 : truncate === false ? 0 : truncate;
    const batches = await this.limit(Math.max(0, n) + 1).executeBatches('show', options.signal, options.metrics);
    return showString(this.columns, outputOf(this.plan).map((a) => a.dataType), batches, Math.max(0, n), width, vertical, this.engine.timeZone);
  }

  /** Prints the first `n` rows in Spark's table layout. */
  async show(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(await this.showString(n, truncate, vertical));
  }

  /** The plans as text: `true`/'extended' prints parsed, analysed, optimized and physical plans. */
  explainString(extended: boolean | 'simple' | 'extended' = false): string {
    const mode = extended === true || extended === 'extended' ? 'extended' : 'simple';
    return this.queryExecution().explainString(mode);
  }

  explain(extended: boolean | 'simple' | 'extended' = false): void {
    process.stdout.write(this.explainString(extended) + '\n');
  }
}

// Kindling side of the engine benchmark, through the public TypeScript SDK of @kindling/core.
import type * as arrow from 'apache-arrow';

// The slice of the SDK the bench uses, declared structurally and loaded with a dynamic import so that the
// bench builds (and its DuckDB side runs) even while @kindling/core does not export the SDK yet.
interface Column {
  alias(name: string): Column;
  multiply(other: Column): Column;
}
interface GroupedData {
  agg(...cols: Column[]): DataFrame;
}
export interface DataFrame {
  groupBy(...cols: string[]): GroupedData;
  join(other: DataFrame, on: string): DataFrame;
  agg(...cols: Column[]): DataFrame;
  count(): Promise<number | bigint>;
  collect(): Promise<unknown[]>;
}
interface SparkSession {
  createDataFrame(table: arrow.Table): DataFrame;
  stop(): Promise<void>;
}
interface Builder {
  master(url: string): Builder;
  appName(name: string): Builder;
  getOrCreate(): SparkSession | Promise<SparkSession>;
}
interface KindlingSdk {
  SparkSession: { builder(): Builder };
  functions: { sum(c: string | Column): Column; count(c: string | Column): Column };
  col(name: string): Column;
}

export async function loadSdk(): Promise<KindlingSdk> {
  const mod = (await import('@kindling/core')) as unknown as Partial<KindlingSdk>;
  if (typeof mod.SparkSession?.builder !== 'function' || typeof mod.functions?.sum !== 'function' || typeof mod.col !== 'function') {
    throw new Error(
      '@kindling/core does not export the SDK yet (SparkSession, functions, col); run with --engines duckdb, ' +
        'or rebuild core (npm run build -w @kindling/core)',
    );
  }
  return mod as KindlingSdk;
}

/** A field of a collected Row, whatever shape Row takes (asDict(), get(name|i), properties or an array). */
function field(row: unknown, name: string, index: number): number {
  const r = row as Record<string | number, unknown> & {
    asDict?: () => Record<string, unknown>;
    get?: (key: string | number) => unknown;
  };
  let value: unknown;
  if (typeof r.asDict === 'function') value = r.asDict()[name];
  if (value === undefined && typeof r.get === 'function') {
    try {
      value = r.get(name);
    } catch {
      value = r.get(index);
    }
  }
  if (value === undefined) value = r[name] ?? r[index];
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw new Error(`cannot read field ${name} (#${index}) of collected row ${String(row)}`);
  }
  return Number(value);
}

export class KindlingEngine {
  private constructor(
    private readonly sdk: KindlingSdk,
    private readonly spark: SparkSession,
  ) {}

  static async open(master: string): Promise<KindlingEngine> {
    const sdk = await loadSdk();
    const spark = await sdk.SparkSession.builder().master(master).appName('bench').getOrCreate();
    return new KindlingEngine(sdk, spark);
  }

  /** Not timed: wraps the Arrow table in a DataFrame. */
  dataFrame(table: arrow.Table): DataFrame {
    return this.spark.createDataFrame(table);
  }

  /** groupBy('k').agg(sum('v')), then count the groups and total their sums (mirrors SQL.groupBy). */
  async groupBy(df: DataFrame): Promise<{ groups: number; total: number }> {
    const F = this.sdk.functions;
    const rows = await df
      .groupBy('k')
      .agg(F.sum('v').alias('s'))
      .agg(F.count('*').alias('groups'), F.sum('s').alias('total'))
      .collect();
    if (rows.length !== 1) throw new Error(`global aggregate returned ${rows.length} rows`);
    return { groups: field(rows[0], 'groups', 0), total: field(rows[0], 'total', 1) };
  }

  /** t1.join(t2, 'k') then count(*) and sum(v*w) over the join (mirrors SQL.join). */
  async join(t1: DataFrame, t2: DataFrame): Promise<{ n: number; s: number }> {
    const { functions: F, col } = this.sdk;
    const rows = await t1
      .join(t2, 'k')
      .agg(F.count('*').alias('n'), F.sum(col('v').multiply(col('w'))).alias('s'))
      .collect();
    if (rows.length !== 1) throw new Error(`global aggregate returned ${rows.length} rows`);
    return { n: field(rows[0], 'n', 0), s: field(rows[0], 's', 1) };
  }

  async stop(): Promise<void> {
    await this.spark.stop();
  }
}

// Kindling side of the engine benchmark, through the public TypeScript SDK of @kindling/core.
import type * as arrow from 'apache-arrow';
import type * as Core from '@kindling/core';

// Types come from the real SDK; the module itself is loaded lazily so that `--engines duckdb` runs without it.
type KindlingSdk = typeof Core;
export type DataFrame = Core.DataFrame;

export async function loadSdk(): Promise<KindlingSdk> {
  const mod: Partial<KindlingSdk> = await import('@kindling/core');
  if (typeof mod.SparkSession?.builder !== 'function' || typeof mod.functions?.sum !== 'function' || typeof mod.col !== 'function') {
    throw new Error(
      '@kindling/core does not export the SDK (SparkSession, functions, col); run with --engines duckdb, ' +
        'or rebuild core (npm run build -w @kindling/core)',
    );
  }
  return mod as KindlingSdk;
}

/** A numeric field of a collected Row (count gives a bigint, sum a number). */
function field(row: Core.Row, name: string): number {
  const value = row.get(name);
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw new Error(`field ${name} of the collected row ${String(row)} is not numeric`);
  }
  return Number(value);
}

export class KindlingEngine {
  private constructor(
    private readonly sdk: KindlingSdk,
    private readonly spark: Core.SparkSession,
  ) {}

  static async open(master: string): Promise<KindlingEngine> {
    const sdk = await loadSdk();
    const spark = sdk.SparkSession.builder().master(master).appName('bench').getOrCreate();
    return new KindlingEngine(sdk, spark);
  }

  /** Not timed: wraps the Arrow table in a DataFrame. */
  dataFrame(table: arrow.Table): DataFrame {
    return this.spark.createDataFrame(table);
  }

  /** filter(v < 500) then count and sum(v) (mirrors SQL.filter). */
  async filter(df: DataFrame): Promise<{ n: number; s: number }> {
    const { functions: F, col } = this.sdk;
    const rows = await df.filter(col('v').lt(500)).agg(F.count('*').alias('n'), F.sum('v').alias('s')).collect();
    if (rows.length !== 1) throw new Error(`global aggregate returned ${rows.length} rows`);
    return { n: field(rows[0], 'n'), s: field(rows[0], 's') };
  }

  /** agg(sum('v')) (mirrors SQL.sum). */
  async sum(df: DataFrame): Promise<{ s: number }> {
    const rows = await df.agg(this.sdk.functions.sum('v').alias('s')).collect();
    if (rows.length !== 1) throw new Error(`global aggregate returned ${rows.length} rows`);
    return { s: field(rows[0], 's') };
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
    return { groups: field(rows[0], 'groups'), total: field(rows[0], 'total') };
  }

  /** t1.join(t2, 'k') then count(*) and sum(v*w) over the join (mirrors SQL.join). */
  async join(t1: DataFrame, t2: DataFrame): Promise<{ n: number; s: number }> {
    const { functions: F, col } = this.sdk;
    const rows = await t1
      .join(t2, 'k')
      .agg(F.count('*').alias('n'), F.sum(col('v').multiply(col('w'))).alias('s'))
      .collect();
    if (rows.length !== 1) throw new Error(`global aggregate returned ${rows.length} rows`);
    return { n: field(rows[0], 'n'), s: field(rows[0], 's') };
  }

  async stop(): Promise<void> {
    await this.spark.stop();
  }
}

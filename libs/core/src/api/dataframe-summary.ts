// DataFrame statistics for the TypeScript SDK, as Spark's Dataset methods: `summary`, `approxQuantile`, `crosstab`,
// `freqItems` and `sampleBy`. summary and approxQuantile are engine aggregates (approxQuantile runs Spark's G-K
// summaries with the relative error as given); crosstab counts pairs in the engine and lays the table out here, as
// Spark's StatFunctions does on the driver; freqItems runs Spark's one-pass counter (Karp et al.) over the rows here,
// listing the items in the order of Spark's Scala HashMap.
import { IllegalArgumentError } from '../errors.js';
import { attr, lit } from '../expr/expression.js';
import { shareBatch } from '../execution/wire-batch.js';
import { batchesFromRows } from '../session/local-data.js';
import { ArrayT, type DataType, LongT, StringT, simpleString } from '../types/data-type.js';
import { StructType } from '../types/schema.js';
import { encodeUtf8 } from '../expr/eval/strings.js';
import { murmur3Bytes } from '../expr/functions/hash-functions.js';
import { Column } from './column.js';
import { DataFrame } from './dataframe.js';
import * as F from './functions.js';

const SUMMARY_DEFAULT = ['count', 'mean', 'stddev', 'min', '25%', '50%', '75%', 'max'];
const isNumericType = (t: DataType): boolean => t.kind === 'int32' || t.kind === 'int64' || t.kind === 'float64' || t.kind === 'decimal';

function unrecognized(stat: string): IllegalArgumentError {
  return new IllegalArgumentError('UNRECOGNIZED_STATISTIC', `The statistic '${stat}' is not recognized. Valid statistics include \`count\`, \`count_distinct\`, \`approx_count_distinct\`, \`mean\`, \`stddev\`, \`min\`, \`max\`, and percentile values. Percentile must be a numeric value followed by '%', within the range 0% to 100%.`, { stats: stat });
}

/** A one-partition DataFrame of local rows in `df`'s session. */
function localFrame(df: DataFrame, rows: unknown[][], schema: StructType): DataFrame {
  const { schema: struct, partitions } = batchesFromRows(rows as never, schema, 1);
  const output = struct.fields.map((f) => attr(f.name, f.dataType, f.nullable));
  const types = output.map((a) => a.dataType);
  const plan = { kind: 'localRelation' as const, output, partitions: partitions.map((part) => part.map((b) => shareBatch(b, types))) };
  return DataFrame.create(df.engine, plan, plan);
}

/** Spark's `summary`: one row per statistic, a `summary` column then one string column per numeric or string column. */
export function summary(df: DataFrame, statistics: readonly string[]): DataFrame {
  const stats = statistics.length > 0 ? [...statistics] : SUMMARY_DEFAULT;
  const percentiles = stats.filter((s) => s.endsWith('%')).map((s) => {
    const p = Number(s.slice(0, -1));
    if (s.length < 2 || !Number.isFinite(p)) throw unrecognized(s);
    if (!(p >= 0 && p <= 100)) throw new IllegalArgumentError('ILLEGAL_ARGUMENT', 'requirement failed: Percentiles must be in the range [0, 1]');
    return p / 100;
  });
  const known = ['count', 'count_distinct', 'approx_count_distinct', 'mean', 'stddev', 'min', 'max'];
  for (const s of stats) if (!s.endsWith('%') && !known.includes(s.toLowerCase())) throw unrecognized(s);
  const fields = df.schema.fields.filter((f) => isNumericType(f.dataType) || f.dataType.kind === 'string');
  if (fields.length === 0) return localFrame(df, stats.map((s) => [s]), new StructType([{ name: 'summary', dataType: StringT, nullable: true }]));
  const aggs: Column[] = [];
  fields.forEach((f, j) => {
    const column = F.col(f.name);
    const casted = f.dataType.kind === 'string' ? column.cast('double') : column;
    const pcts = percentiles.length > 0 ? F.percentile_approx(casted, percentiles, 10000) : null;
    let k = 0;
    stats.forEach((s, i) => {
      const low = s.toLowerCase();
      const value = low.endsWith('%') ? F.get(pcts!, k++)
        : low === 'count' ? F.count(column)
          : low === 'count_distinct' ? F.countDistinct(column)
            : low === 'approx_count_distinct' ? F.approx_count_distinct(column)
              : low === 'mean' ? F.avg(casted)
                : low === 'stddev' ? F.stddev(casted)
                  : low === 'min' ? F.min(column) : F.max(column);
      aggs.push(value.cast('string').alias(`_${i}_${j}`));
    });
  });
  const rows = stats.map((s, i) => F.struct(F.lit(s).alias('summary'), ...fields.map((_, j) => F.col(`_${i}_${j}`).alias(`_${j}`))));
  return df.agg(...aggs)
    .select(F.explode(F.array(...rows)).alias('_s'))
    .select(F.col('_s').getField('summary').alias('summary'), ...fields.map((f, j) => F.col('_s').getField(`_${j}`).alias(f.name)));
}

/** Spark's `approxQuantile`: per column, G-K summaries with `relativeError` (0 is exact) over the non-NULL, non-NaN values. */
export async function approxQuantile(df: DataFrame, cols: readonly string[], probabilities: readonly number[], relativeError: number): Promise<number[][]> {
  if (!(relativeError >= 0)) throw new IllegalArgumentError('NEGATIVE_VALUE', `Value for \`relativeError\` must be greater than or equal to 0, got '${relativeError}'.`);
  for (const p of probabilities) if (!(p >= 0 && p <= 1)) throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: percentile should be in the range [0.0, 1.0]`);
  for (const c of cols) {
    const f = df.schema.fields.find((x) => x.name.toLowerCase() === c.toLowerCase());
    if (f && !isNumericType(f.dataType)) {
      const name = { string: 'StringType', boolean: 'BooleanType', date: 'DateType', timestamp: 'TimestampType', binary: 'BinaryType', null: 'NullType' }[f.dataType.kind as string] ?? simpleString(f.dataType);
      throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: Quantile calculation for column ${c} with data type ${name} is not supported.`);
    }
  }
  if (probabilities.length === 0) return cols.map(() => []);
  const probs = F.array(...probabilities.map((p) => new Column(lit(p, { kind: 'float64' }))));
  const aggs = cols.map((c, j) => new Column({ kind: 'unresolvedFunction', name: 'approx_quantile$', args: [F.col(c).cast('double').expr, probs.expr, lit(relativeError, { kind: 'float64' })], isDistinct: false }).alias(`_${j}`));
  const row = (await df.agg(...aggs).first())!;
  return cols.map((_, j) => (row.get(j) as number[] | null) ?? []);
}

/** How Spark's crosstab prints a value (Scala's toString; NULL as "null"). */
function javaString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** Spark's `crosstab`: a `<col1>_<col2>` column of col1's values, one bigint column per col2 value (sorted as strings). */
export async function crosstab(df: DataFrame, col1: string, col2: string): Promise<DataFrame> {
  const types = [col1, col2].map((c) => df.schema.fields.find((f) => f.name.toLowerCase() === c.toLowerCase())?.dataType);
  const text = (v: unknown, t: DataType | undefined): string => (t?.kind === 'float64' && typeof v === 'number' && Number.isInteger(v) ? `${v}.0` : javaString(v));
  const counts = await df.groupBy(col1, col2).agg(F.count(F.lit(1) as Column).alias('_n')).collect();
  const names = [...new Set(counts.map((r) => text(r.get(1), types[1])))].sort();
  if (names.length >= 1e4) throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: The number of distinct values for ${col2}, can't exceed 1e4. Currently ${names.length}`);
  const index = new Map(names.map((n, k) => [n, k]));
  const table = new Map<string, bigint[]>();
  for (const r of counts) {
    const key = text(r.get(0), types[0]);
    if (!table.has(key)) table.set(key, names.map(() => 0n));
    table.get(key)![index.get(text(r.get(1), types[1]))!] = r.get(2) as bigint;
  }
  const schema = new StructType([{ name: `${col1}_${col2}`.replaceAll('`', ''), dataType: StringT, nullable: true }, ...names.map((n) => ({ name: n.replaceAll('`', ''), dataType: LongT, nullable: true }))]);
  return localFrame(df, [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, ...v]), schema);
}

/** Spark's `freqItems`: per column, at most 1 / support items counted by Karp et al.'s algorithm (NULL is an item). */
export async function freqItems(df: DataFrame, cols: readonly string[], support = 0.01): Promise<DataFrame> {
  if (!(support >= 1e-4 && support <= 1)) throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: Support must be in [1e-4, 1], but got ${support}.`);
  const size = Math.trunc(1 / support);
  const counters = cols.map(() => new Map<unknown, { value: unknown; n: number }>());
  const keyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) : v);
  for (const row of await df.select(...cols).collect()) {
    counters.forEach((counts, i) => {
      const v = row.get(i);
      const key = keyOf(v);
      const c = counts.get(key);
      if (c) c.n++;
      else if (counts.size < size) counts.set(key, { value: v, n: 1 });
      else {
        // Every kept count drops by one; those reaching zero leave (Spark's FreqItemCounter.add).
        for (const [k, e] of counts) if (e.n <= 1) counts.delete(k);
        for (const e of counts.values()) e.n--;
      }
    });
  }
  const types = cols.map((c) => df.schema.fields.find((x) => x.name.toLowerCase() === c.toLowerCase())!.dataType);
  const fields = cols.map((c, i) => ({ name: `${c}_freqItems`, dataType: ArrayT(types[i]!, true), nullable: true }));
  return localFrame(df, [counters.map((m, i) => scalaMapOrder([...m.values()].map((e) => e.value), types[i]!))], new StructType(fields));
}

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new BigInt64Array(f64.buffer);

/** Scala's `##` of a value as Spark's buffer boxes it (numbers hash as the int, long or float they equal), or null. */
function scalaHash(v: unknown, t: DataType): number | null {
  if (v === null || v === undefined) return 0;
  // A long the size of an int hashes as that int (Scala's cooperative equality), others as Long.hashCode.
  const ofLong = (x: bigint): number => (x >= -(2n ** 31n) && x < 2n ** 31n ? Number(x) : Number(BigInt.asIntN(32, x ^ (BigInt.asUintN(64, x) >> 32n))));
  switch (t.kind) {
    case 'boolean':
      return v ? 1231 : 1237;
    case 'int32':
      return v as number;
    case 'int64':
      return ofLong(v as bigint);
    case 'float64': {
      const d = v as number;
      if (Number.isInteger(d) && Math.abs(d) < 2 ** 63) return ofLong(BigInt(d));
      if (Number.isNaN(d) || Math.fround(d) === d) {
        f32[0] = d;
        return f32Bits[0]!;
      }
      f64[0] = d;
      const bits = f64Bits[0]!;
      return Number(BigInt.asIntN(32, bits ^ (BigInt.asUintN(64, bits) >> 32n)));
    }
    case 'string':
      return murmur3Bytes(encodeUtf8(v as string), 42);
    default:
      return null;
  }
}

/** Items in the order Spark lists them: a Scala mutable.HashMap's (16 slots doubling before 3/4 full, bucket h ^ (h >>> 16), by hash within). */
function scalaMapOrder(items: unknown[], t: DataType): unknown[] {
  const hashes = items.map((v) => scalaHash(v, t));
  if (hashes.some((h) => h === null)) return items;
  let size = 16;
  while (items.length >= Math.trunc(size * 0.75)) size *= 2;
  const improved = hashes.map((h) => (h! ^ (h! >>> 16)) | 0);
  const order = items.map((_, k) => k).sort((a, b) => (improved[a]! & (size - 1)) - (improved[b]! & (size - 1)) || improved[a]! - improved[b]!);
  return order.map((k) => items[k]);
}

/** Spark's `sampleBy`: each row kept with its stratum's fraction (0 for strata not listed), decided by `rand(seed)`. */
export function sampleBy(df: DataFrame, col: string | Column, fractions: ReadonlyMap<unknown, number> | Record<string, number>, seed?: number): DataFrame {
  const entries = fractions instanceof Map ? [...fractions] : Object.entries(fractions);
  const bad = entries.filter(([, v]) => !(v >= 0 && v <= 1));
  if (bad.length > 0) throw new IllegalArgumentError('ILLEGAL_ARGUMENT', `requirement failed: Fractions must be in [0, 1], but got Map(${entries.map(([k, v]) => `${String(k)} -> ${v}`).join(', ')}).`);
  const stratum = typeof col === 'string' ? F.col(col) : col;
  let fraction: Column = F.lit(0.0) as Column;
  if (entries.length > 0) {
    let cases = F.when(stratum.equalTo(F.lit(entries[0]![0] as never)), F.lit(entries[0]![1]));
    for (const [k, v] of entries.slice(1)) cases = cases.when(stratum.equalTo(F.lit(k as never)), F.lit(v));
    fraction = cases.otherwise(F.lit(0.0));
  }
  return df.filter(F.rand(seed ?? Math.floor(Math.random() * 2 ** 31)).lt(fraction));
}

// Seeded data sets of the engine benchmark, as typed arrays, plus the answers a correct engine must give.
import * as arrow from 'apache-arrow';

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed gives the same data on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Columns of one table: int64 keys and one float64 value column. */
export interface KeyedTable {
  name: string;
  k: BigInt64Array;
  values: { name: string; data: Float64Array };
}

/** t(k, v): `rows` rows with keys uniform over [0, distinct) and v uniform in [0, 1000). */
export function groupByTable(rows: number, distinct: number, seed: number): KeyedTable {
  const rand = prng(seed);
  const k = new BigInt64Array(rows);
  const v = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    k[i] = BigInt(Math.floor(rand() * distinct));
    v[i] = rand() * 1000;
  }
  return { name: 't', k, values: { name: 'v', data: v } };
}

/** What `SELECT count(*), sum(s) FROM (SELECT k, sum(v) s FROM t GROUP BY k)` must return. */
export function groupByAnswer(t: KeyedTable, distinct: number): { groups: number; total: number } {
  const seen = new Uint8Array(distinct);
  let groups = 0;
  let total = 0;
  const v = t.values.data;
  for (let i = 0; i < t.k.length; i++) {
    const key = Number(t.k[i]);
    if (seen[key] === 0) {
      seen[key] = 1;
      groups++;
    }
    total += v[i];
  }
  return { groups, total };
}

/**
 * t1(k, v) with `rows` rows and t2(k, w) with `dimRows` unique keys. t2 holds the even numbers below 2·dimRows
 * (shuffled) and t1's keys are uniform over [0, 2·dimRows), so about half of t1 finds its match.
 */
export function joinTables(rows: number, dimRows: number, seed: number): { t1: KeyedTable; t2: KeyedTable } {
  const rand = prng(seed);
  const k1 = new BigInt64Array(rows);
  const v = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    k1[i] = BigInt(Math.floor(rand() * 2 * dimRows));
    v[i] = rand() * 10;
  }
  const perm = new Float64Array(dimRows);
  for (let i = 0; i < dimRows; i++) perm[i] = 2 * i;
  for (let i = dimRows - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
  }
  const k2 = new BigInt64Array(dimRows);
  const w = new Float64Array(dimRows);
  for (let i = 0; i < dimRows; i++) {
    k2[i] = BigInt(perm[i]);
    w[i] = rand() * 10;
  }
  return {
    t1: { name: 't1', k: k1, values: { name: 'v', data: v } },
    t2: { name: 't2', k: k2, values: { name: 'w', data: w } },
  };
}

/** What `SELECT count(*), sum(v * w) FROM t1 JOIN t2 USING (k)` must return. */
export function joinAnswer(t1: KeyedTable, t2: KeyedTable): { n: number; s: number } {
  // t2's keys are even numbers below 2·|t2|, so a dense array indexed by key/2 is an exact lookup.
  const w = new Float64Array(t2.k.length);
  for (let i = 0; i < t2.k.length; i++) w[Number(t2.k[i]) / 2] = t2.values.data[i];
  let n = 0;
  let s = 0;
  const v = t1.values.data;
  for (let i = 0; i < t1.k.length; i++) {
    const key = Number(t1.k[i]);
    if ((key & 1) === 0) {
      n++;
      s += v[i] * w[key / 2];
    }
  }
  return { n, s };
}

/** The table as an Arrow Table of `batchRows`-row record batches sharing the typed arrays' memory. */
export function toArrow(t: KeyedTable, batchRows: number): arrow.Table {
  const fields = [
    new arrow.Field('k', new arrow.Int64(), false),
    new arrow.Field(t.values.name, new arrow.Float64(), false),
  ];
  const schema = new arrow.Schema(fields);
  const batches: arrow.RecordBatch[] = [];
  for (let start = 0; start < t.k.length; start += batchRows) {
    const end = Math.min(start + batchRows, t.k.length);
    const length = end - start;
    const children = [
      arrow.makeData({ type: new arrow.Int64(), length, nullCount: 0, data: t.k.subarray(start, end) }),
      arrow.makeData({ type: new arrow.Float64(), length, nullCount: 0, data: t.values.data.subarray(start, end) }),
    ];
    const struct = arrow.makeData({ type: new arrow.Struct(fields), length, nullCount: 0, children });
    batches.push(new arrow.RecordBatch(schema, struct));
  }
  return new arrow.Table(schema, batches);
}

/** What `SELECT count(*), sum(v) FROM t WHERE v < 500` must return. */
export function filterAnswer(t: KeyedTable): { n: number; s: number } {
  let n = 0;
  let s = 0;
  for (const x of t.values.data) {
    if (x < 500) {
      n++;
      s += x;
    }
  }
  return { n, s };
}

/** What `SELECT sum(v) FROM t` must return. */
export function sumAnswer(t: KeyedTable): { s: number } {
  let s = 0;
  for (const x of t.values.data) s += x;
  return { s };
}

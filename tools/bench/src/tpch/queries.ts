// The 22 TPC-H queries (tools/bench/tpch/q*.sql) and the comparison of two engines' answers to them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../tpch/', import.meta.url));

/** Query text by number (1–22), comments stripped. */
export function tpchQuery(n: number): string {
  return readFileSync(`${DIR}q${n}.sql`, 'utf8').split('\n').filter((l) => !l.startsWith('--')).join('\n').trim();
}

export const QUERY_NUMBERS = Array.from({ length: 22 }, (_, i) => i + 1);

/** A value as both engines can agree on it: numbers as numbers, dates as 'YYYY-MM-DD'. */
export function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'toString' in v) {
    const s = String(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    const n = Number(s);
    return Number.isNaN(n) ? s : n;
  }
  return v;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

const key = (r: readonly unknown[]) => JSON.stringify(r.map((v) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v)));

/** Null when the answers agree (in order when `ordered`; floats within 1e-6 relative), else what differs. */
export function diffAnswers(expected: unknown[][], actual: unknown[][], ordered: boolean): string | null {
  if (expected.length !== actual.length) return `${actual.length} rows, expected ${expected.length}`;
  const e = ordered ? expected : [...expected].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const a = ordered ? actual : [...actual].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  for (let i = 0; i < e.length; i++) {
    const x = e[i]!;
    const y = a[i]!;
    if (x.length !== y.length || x.some((v, j) => !same(v, y[j]))) return `row ${i}: ${JSON.stringify(y)}, expected ${JSON.stringify(x)}`;
  }
  return null;
}

/** True when the query's outermost block ends in ORDER BY (its row order is part of the answer). */
export function isOrdered(sql: string): boolean {
  const tail = sql.slice(sql.lastIndexOf(')') + 1);
  return /\border\s+by\b/i.test(tail);
}

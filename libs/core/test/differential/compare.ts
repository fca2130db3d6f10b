// Compares a Kindling result with DuckDB's: same column types, same rows (as multisets, or in order after ORDER BY),
// doubles within a relative 1e-9, everything else exactly.
import * as arrow from 'apache-arrow';
import type { Ty } from './ast.js';

export type Value = number | bigint | string | boolean | null;

/** JS text of a value, with bigints marked (`5n`) so that 5 and 5n are told apart. */
export function showValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

export function showRow(r: readonly unknown[]): string {
  return `[${r.map(showValue).join(', ')}]`;
}

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, bigint: 2, string: 3 };

/** A total order on values used only to line rows up (nulls first, -0 = 0). */
export function compareValues(a: unknown, b: unknown): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
  if (typeof a !== typeof b) return TYPE_RANK[typeof a]! - TYPE_RANK[typeof b]!;
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  // NaN sorts above every number, as in Spark.
  if (typeof a === 'number' && (Number.isNaN(a) || Number.isNaN(b as number))) return Number(Number.isNaN(a)) - Number(Number.isNaN(b as number));
  const x = a as number | bigint;
  const y = b as number | bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareRows(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') {
    const x = b as number;
    if (a === x) return true;
    if (Number.isNaN(a) || Number.isNaN(x)) return Number.isNaN(a) && Number.isNaN(x);
    return Math.abs(a - x) <= 1e-9 * Math.max(Math.abs(a), Math.abs(x));
  }
  return a === b;
}

function rowsEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
}

/** Does a JS value have the representation Kindling promises for a Spark type? */
export function hasType(v: unknown, ty: Ty): boolean {
  if (v === null) return true;
  switch (ty) {
    case 'int': return typeof v === 'number' && Number.isInteger(v);
    case 'bigint': return typeof v === 'bigint';
    case 'double': return typeof v === 'number';
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
  }
}

/** Rows of an Arrow table as JS values (int64 → bigint). */
export function arrowRows(t: arrow.Table): unknown[][] {
  const cols = t.schema.fields.map((_, i) => t.getChildAt(i)!);
  const out: unknown[][] = [];
  for (let r = 0; r < t.numRows; r++) out.push(cols.map((c) => (c.get(r) ?? null) as unknown));
  return out;
}

/** null when equal; otherwise a description of the first differences. */
export function diffResults(expected: unknown[][], actual: unknown[][], types: readonly Ty[], ordered: boolean): string | null {
  const problems: string[] = [];
  for (const r of actual) {
    const bad = r.findIndex((v, i) => !hasType(v, types[i]!));
    if (bad >= 0) {
      problems.push(`value ${showValue(r[bad])} in column ${bad} is not a JS ${types[bad]} (row ${showRow(r)})`);
      break;
    }
  }
  if (actual.some((r) => r.length !== types.length)) problems.push(`rows do not have ${types.length} values`);
  if (ordered) {
    if (expected.length !== actual.length) problems.push(`row count: expected ${expected.length}, got ${actual.length}`);
    const n = Math.min(expected.length, actual.length);
    let shown = 0;
    for (let i = 0; i < n && shown < 5; i++) {
      if (!rowsEqual(expected[i]!, actual[i]!)) {
        problems.push(`row ${i}: expected ${showRow(expected[i]!)}, got ${showRow(actual[i]!)}`);
        shown++;
      }
    }
    return problems.length > 0 ? problems.join('\n') : null;
  }
  const e = [...expected].sort(compareRows);
  const a = [...actual].sort(compareRows);
  const missing: unknown[][] = [];
  const extra: unknown[][] = [];
  let i = 0;
  let j = 0;
  while (i < e.length || j < a.length) {
    if (i < e.length && j < a.length && rowsEqual(e[i]!, a[j]!)) {
      i++;
      j++;
    } else if (j >= a.length || (i < e.length && compareRows(e[i]!, a[j]!) < 0)) missing.push(e[i++]!);
    else extra.push(a[j++]!);
  }
  if (missing.length > 0 || extra.length > 0) {
    problems.push(`row count: expected ${expected.length}, got ${actual.length}; ${missing.length} expected rows missing, ${extra.length} unexpected rows`);
    for (const r of missing.slice(0, 5)) problems.push(`  missing: ${showRow(r)}`);
    for (const r of extra.slice(0, 5)) problems.push(`  unexpected: ${showRow(r)}`);
  }
  return problems.length > 0 ? problems.join('\n') : null;
}

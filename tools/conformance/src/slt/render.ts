// Renders result cells as .slt text, identically in every runner: NULL, (empty), true/false, doubles to 12
// significant digits, dates YYYY-MM-DD, timestamps YYYY-MM-DD HH:MM:SS[.fff] (UTC), arrays as [a, b], structs as
// {a, b} (as Spark's show()).
import { Row } from '@kindling/core';

/** The type letter of a Spark simpleString type. */
export function typeLetter(simpleType: string): string {
  if (simpleType === 'int' || simpleType === 'bigint') return 'I';
  // Decimals are exact numbers, rendered with every scale digit (`1.50`); sqllogictest's letter for them is R.
  if (simpleType === 'double' || simpleType.startsWith('decimal(')) return 'R';
  if (simpleType === 'string') return 'T';
  if (simpleType === 'boolean') return 'B';
  if (simpleType === 'date') return 'D';
  if (simpleType === 'timestamp') return 'P';
  return '?';
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function renderDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  const r = Number(v.toPrecision(12));
  if (Number.isInteger(r) && Math.abs(r) < 1e15) return `${r.toFixed(1)}`;
  return String(r);
}

/** The field types of a `struct<a:int,b:array<string>>` simpleString, in order. */
export function structFieldTypes(simpleType: string): string[] {
  const m = /^struct<(.*)>$/.exec(simpleType);
  if (!m) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[1]!) {
    // `decimal(2,1)` holds a comma too.
    if (ch === '<' || ch === '(') depth++;
    if (ch === '>' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out.map((f) => f.slice(f.indexOf(':') + 1));
}

/** The key and value types of a `map<k,v>` simpleString. */
export function mapTypes(simpleType: string): [string, string] {
  const m = /^map<(.*)>$/.exec(simpleType);
  if (!m) return ['', ''];
  return splitPair(m[1]!);
}

function splitPair(s: string): [string, string] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '<' || ch === '(') depth++;
    if (ch === '>' || ch === ')') depth--;
    if (ch === ',' && depth === 0) return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s, ''];
}

export function renderCell(v: unknown, simpleType: string, top = true): string {
  if (v === null || v === undefined) return 'NULL';
  if (Row.isRow(v)) {
    const types = structFieldTypes(simpleType);
    return `{${v.toArray().map((x, k) => renderCell(x, types[k] ?? '', false)).join(', ')}}`;
  }
  if (v instanceof Map) {
    // As Spark's show(): {k -> v, …}.
    const [kt, vt] = mapTypes(simpleType);
    return `{${[...v].map(([k, x]) => `${renderCell(k, kt, false)} -> ${renderCell(x, vt, false)}`).join(', ')}}`;
  }
  if (Array.isArray(v)) {
    const inner = /^array<(.*)>$/.exec(simpleType)?.[1] ?? '';
    return `[${v.map((x) => renderCell(x, inner, false)).join(', ')}]`;
  }
  if (v instanceof Date) {
    const base = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    if (simpleType === 'date') return base;
    const ms = v.getUTCMilliseconds();
    const t = `${base} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    return ms === 0 ? t : `${t}.${pad(ms, 3).replace(/0+$/, '')}`;
  }
  if (typeof v === 'number') return simpleType === 'double' ? renderDouble(v) : String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return top && v === '' ? '(empty)' : v;
  return String(v);
}

// Values: JSON case values → SDK input values, and typed comparison of expected vs collected cells.
import type { JsonValue } from './case-types.js';
import { CaseFormatError } from './case-error.js';
import type { SqlType } from './ddl.js';

/** A comparable cell: dates and timestamps as their string forms; `invalid` marks a value of the wrong JS type. */
export type Canon = null | boolean | number | bigint | string | readonly Canon[] | { readonly invalid: string };

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function fail(msg: string): never {
  throw new CaseFormatError(msg);
}

/** Microseconds since the epoch (UTC) of `YYYY-MM-DD[ HH:MM:SS[.ffffff]]`. */
export function parseTimestampMicros(s: string): bigint {
  const m = TS_RE.exec(s) ?? fail(`bad timestamp ${JSON.stringify(s)}; expected YYYY-MM-DD HH:MM:SS[.ffffff]`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const frac = BigInt((m[7] ?? '').padEnd(6, '0'));
  return BigInt(ms) * 1000n + frac;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `YYYY-MM-DD HH:MM:SS[.fff]` of a JS Date (UTC), trailing zeros of the fraction dropped, as Spark prints. */
export function formatTimestampMs(d: Date): string {
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms, 3).replace(/0+$/, '')}`;
}

function doubleOf(v: JsonValue, where: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return fail(`${where}: ${JSON.stringify(v)} is not a double`);
}

/** The JS value the SDK's createDataFrame takes for a JSON cell of `type`. */
export function toInputValue(v: JsonValue, type: SqlType, where: string): unknown {
  if (v === null) return null;
  switch (type.kind) {
    case 'int':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      return fail(`${where}: ${JSON.stringify(v)} is not an int`);
    case 'bigint':
      if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))) return BigInt(v);
      return fail(`${where}: ${JSON.stringify(v)} is not a bigint`);
    case 'double':
      return doubleOf(v, where);
    case 'string':
      if (typeof v === 'string') return v;
      return fail(`${where}: ${JSON.stringify(v)} is not a string`);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      return fail(`${where}: ${JSON.stringify(v)} is not a boolean`);
    case 'date': {
      const m = typeof v === 'string' ? DATE_RE.exec(v) : null;
      if (!m) return fail(`${where}: ${JSON.stringify(v)} is not a YYYY-MM-DD date`);
      return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
    }
    case 'timestamp': {
      if (typeof v !== 'string') return fail(`${where}: ${JSON.stringify(v)} is not a timestamp string`);
      const micros = parseTimestampMicros(v);
      // Dates carry milliseconds; finer values go in as microseconds.
      return micros % 1000n === 0n ? new Date(Number(micros / 1000n)) : micros;
    }
    case 'void':
      return fail(`${where}: a void column holds only nulls`);
    case 'array':
      if (!Array.isArray(v)) return fail(`${where}: ${JSON.stringify(v)} is not an array`);
      return v.map((x, i) => toInputValue(x, type.element, `${where}[${i}]`));
  }
}

/** An expected JSON cell in comparable form. */
export function expectedCanon(v: JsonValue, type: SqlType, where: string): Canon {
  if (v === null) return null;
  switch (type.kind) {
    case 'int':
    case 'string':
    case 'boolean':
      return toInputValue(v, type, where) as Canon;
    case 'bigint':
      return toInputValue(v, type, where) as bigint;
    case 'double':
      return doubleOf(v, where);
    case 'date':
      toInputValue(v, type, where);
      return v as string;
    case 'timestamp': {
      // The SDK returns timestamps as JS Dates: compare at millisecond precision.
      if (typeof v !== 'string') return fail(`${where}: ${JSON.stringify(v)} is not a timestamp string`);
      const micros = parseTimestampMicros(v);
      const ms = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
      return formatTimestampMs(new Date(Number(ms)));
    }
    case 'void':
      return fail(`${where}: a void column holds only nulls`);
    case 'array':
      if (!Array.isArray(v)) return fail(`${where}: ${JSON.stringify(v)} is not an array`);
      return v.map((x, i) => expectedCanon(x, type.element, `${where}[${i}]`));
  }
}

function invalid(v: unknown, type: SqlType): Canon {
  const shown = typeof v === 'bigint' ? `${v}n` : v instanceof Date ? `Date(${v.toISOString()})` : JSON.stringify(v);
  return { invalid: `${typeof v} ${shown} where a ${type.kind} was expected` };
}

/** A collected cell in comparable form; a JS value of the wrong type for `type` becomes `{invalid}`. */
export function actualCanon(v: unknown, type: SqlType): Canon {
  if (v === null) return null;
  switch (type.kind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? v : invalid(v, type);
    case 'bigint':
      return typeof v === 'bigint' ? v : invalid(v, type);
    case 'double':
      return typeof v === 'number' ? v : invalid(v, type);
    case 'string':
      return typeof v === 'string' ? v : invalid(v, type);
    case 'boolean':
      return typeof v === 'boolean' ? v : invalid(v, type);
    case 'date':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : invalid(v, type);
    case 'timestamp':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? formatTimestampMs(v) : invalid(v, type);
    case 'void':
      return invalid(v, type);
    case 'array':
      return Array.isArray(v) ? v.map((x) => actualCanon(x, type.element)) : invalid(v, type);
  }
}

function isInvalid(v: Canon): v is { readonly invalid: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Doubles: equal within 1e-9 relative, NaN equals NaN, infinities exactly. */
export function doublesEqual(e: number, a: number): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (e === a) return true;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return false;
  return Math.abs(e - a) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
}

export function canonEquals(type: SqlType, e: Canon, a: Canon): boolean {
  if (e === null || a === null) return e === a;
  if (isInvalid(e) || isInvalid(a)) return false;
  if (type.kind === 'double') return typeof e === 'number' && typeof a === 'number' && doublesEqual(e, a);
  if (type.kind === 'array') {
    if (!Array.isArray(e) || !Array.isArray(a) || e.length !== a.length) return false;
    return e.every((x: Canon, i: number) => canonEquals(type.element, x, a[i]!));
  }
  return e === a;
}

/** A sort key: equal cells (within double tolerance, mostly) get equal keys. */
export function canonKey(v: Canon): string {
  if (v === null) return '\u0000null';
  if (isInvalid(v)) return `\u0001${v.invalid}`;
  if (Array.isArray(v)) return `[${v.map(canonKey).join(',')}]`;
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? `n${v.toPrecision(12)}` : `n${v}`;
    case 'bigint':
      return `b${v}`;
    case 'string':
      return JSON.stringify(v);
    default:
      return String(v);
  }
}

/** Sorts array cells (for `sortArrays`), recursively. */
export function sortArrayCells(v: Canon): Canon {
  if (!Array.isArray(v)) return v;
  return [...v].map(sortArrayCells).sort((x, y) => (canonKey(x) < canonKey(y) ? -1 : canonKey(x) > canonKey(y) ? 1 : 0));
}

/** Readable text of a cell for mismatch reports: bigints end in `n`, doubles keep NaN/Infinity. */
export function showCanon(v: Canon): string {
  if (v === null) return 'null';
  if (isInvalid(v)) return `<${v.invalid}>`;
  if (Array.isArray(v)) return `[${v.map(showCanon).join(', ')}]`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

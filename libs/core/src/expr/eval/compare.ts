// Comparison kernels: both operands of one type; NULL operands give NULL except for null-safe `<=>`.
// Doubles order as in Spark: NaN = NaN, NaN above every other value, -0.0 = 0.0. Strings order by UTF-8 bytes.
import type * as arrow from 'apache-arrow';
import { ArrayT, type DataType, mapEntriesType } from '../../types/data-type.js';
import type { ComparisonOp, LiteralValue } from '../expression.js';
import { joinKeyColumn, keyKindOf, native, validityArgOrNull } from '../../execution/kernels.js';
import { andValidity, bit, booleanData, validityOf } from './columns.js';
import { broadcastLiteral } from './literal.js';
import { encodeUtf8 } from './strings.js';
import { valueReader } from './values.js';

/** Spark's `SQLOrderingUtil.compareDoubles`. */
export function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  return xn ? (yn ? 0 : 1) : -1;
}

/** Code point order of two JS strings (= UTF-8 byte order), unlike `<` on UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF: they sort after every other BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Compares two non-null JS values of `type` (arrays element-wise, a null element below any value). */
export function compareValues(a: unknown, b: unknown, type: DataType): number {
  switch (type.kind) {
    case 'int32':
    case 'date':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'float64':
      return compareDoubles(a as number, b as number);
    case 'int64':
    case 'timestamp':
    case 'decimal':
      return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case 'boolean':
      return a === b ? 0 : a ? 1 : -1;
    case 'string':
      return compareStrings(a as string, b as string);
    case 'null':
      return 0;
    case 'binary': {
      // Unsigned byte order, then length (Spark's binary ordering).
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      const m = Math.min(x.length, y.length);
      for (let i = 0; i < m; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 'array': {
      const x = [...(a as Iterable<unknown>)];
      const y = [...(b as Iterable<unknown>)];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const u = x[i];
        const v = y[i];
        if (u === null || u === undefined || v === null || v === undefined) {
          const un = u === null || u === undefined;
          const vn = v === null || v === undefined;
          if (un && vn) continue;
          return un ? -1 : 1;
        }
        const c = compareValues(u, v, type.elementType);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 'map':
      // Entry by entry (Spark never orders maps; only internal paths such as hashing reach here).
      return compareValues(a, b, ArrayT(mapEntriesType(type)));
    case 'struct': {
      // Field by field, a NULL field below any value and equal to another NULL (Spark's struct ordering).
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      for (let k = 0; k < type.fields.length; k++) {
        const u = x[k] ?? null;
        const v = y[k] ?? null;
        if (u === null || v === null) {
          if (u === v) continue;
          return u === null ? -1 : 1;
        }
        const c = compareValues(u, v, type.fields[k]!.dataType);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

/** -1/0/1 per row (arbitrary on null rows); primitive and string columns compare in the native module. */
export function compareColumns(left: arrow.Data, right: arrow.Data, type: DataType, n: number): Int8Array {
  const c = new Int8Array(n);
  const kind = keyKindOf(type);
  if (kind !== undefined) {
    native.compareColumns(joinKeyColumn(left, type, kind), joinKeyColumn(right, type, kind), n, c);
    return c;
  }
  switch (type.kind) {
    case 'decimal':
    case 'array':
    case 'struct': {
      const ra = valueReader(left, type);
      const rb = valueReader(right, type);
      for (let i = 0; i < n; i++) {
        const x = ra(i);
        const y = rb(i);
        if (x !== null && y !== null) c[i] = compareValues(x, y, type);
      }
      break;
    }
    default:
      break; // null-typed columns: every row is NULL
  }
  return c;
}

const CMP_OPS: Record<ComparisonOp, native.CmpOpCode> = {
  '=': native.CmpOp.eq,
  '!=': native.CmpOp.ne,
  '<': native.CmpOp.lt,
  '<=': native.CmpOp.le,
  '>': native.CmpOp.gt,
  '>=': native.CmpOp.ge,
  '<=>': native.CmpOp.nullSafeEq,
};

/** A comparison operand: a column, or a literal used for every row (saves broadcasting it). */
export type CompareOperand = arrow.Data | { readonly scalar: LiteralValue };

function scalarKeyColumn(value: Exclude<LiteralValue, null>, kind: native.KeyKindCode): native.JoinKeyColumn {
  switch (kind) {
    case native.KeyKind.int32:
      return [kind, Int32Array.of(Number(value)), null, 0];
    case native.KeyKind.int64:
      return [kind, BigInt64Array.of(typeof value === 'bigint' ? value : BigInt(value as number)), null, 0];
    case native.KeyKind.float64:
      return [kind, Float64Array.of(Number(value)), null, 0];
    case native.KeyKind.boolean:
      return [kind, Uint8Array.of(value ? 1 : 0), null, 0];
    default: {
      const bytes = encodeUtf8(String(value));
      return [kind, bytes, Int32Array.of(0, bytes.length), 0];
    }
  }
}

type CmpArg = [native.JoinKeyColumn, Uint8Array | null, number, boolean];

function compareArg(o: CompareOperand, type: DataType, kind: native.KeyKindCode): CmpArg {
  if ('scalar' in o) {
    if (o.scalar === null) return [scalarKeyColumn(0, kind), NULL_BIT, 0, true];
    return [scalarKeyColumn(o.scalar, kind), null, 0, true];
  }
  const [validity, offset] = validityArgOrNull(o);
  return [joinKeyColumn(o, type, kind), validity, offset, false];
}

const NULL_BIT = new Uint8Array(1);

function asColumn(o: CompareOperand, type: DataType, n: number): arrow.Data {
  return 'scalar' in o ? broadcastLiteral(o.scalar, type, n) : o;
}

/** left op right as a boolean column; primitive and string operands compare in the native module. */
export function compare(op: ComparisonOp, left: CompareOperand, right: CompareOperand, type: DataType, n: number): arrow.Data {
  const kind = keyKindOf(type);
  if (kind !== undefined) {
    const r = native.compareOp(CMP_OPS[op], ...compareArg(left, type, kind), ...compareArg(right, type, kind), n);
    return booleanData(n, r.values, r.validity, r.nullCount);
  }
  // Arrays, structs and wide decimals (compared in JS) and null-typed operands.
  const l = asColumn(left, type, n);
  const rt = asColumn(right, type, n);
  const c = compareColumns(l, rt, type, n);
  const bits = new Uint8Array((n + 7) >> 3);
  const la = type.kind === 'null' ? new Uint8Array((n + 7) >> 3) : validityOf(l);
  const lb = type.kind === 'null' ? new Uint8Array((n + 7) >> 3) : validityOf(rt);
  const test = (x: number): boolean => {
    switch (op) {
      case '=':
      case '<=>':
        return x === 0;
      case '!=':
        return x !== 0;
      case '<':
        return x < 0;
      case '<=':
        return x <= 0;
      case '>':
        return x > 0;
      case '>=':
        return x >= 0;
    }
  };
  for (let i = 0; i < n; i++) {
    const va = la === null || bit(la, i);
    const vb = lb === null || bit(lb, i);
    const hit = op === '<=>' ? (va && vb ? test(c[i]!) : !va && !vb) : test(c[i]!);
    if (hit) bits[i >> 3]! |= 1 << (i & 7);
  }
  return booleanData(n, bits, op === '<=>' ? null : andValidity(la, lb, n));
}

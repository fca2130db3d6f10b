// Stable multi-key row ordering with Spark's semantics (NaN largest, -0.0 = 0.0, strings by UTF-8 bytes):
// the native sort kernel for every key type but arrays, a comparator sort for those, and row comparators for
// range partitioning.
import type * as arrow from 'apache-arrow';
import type { NullOrdering, SortDirection } from '../expr/expression.js';
import type { DataType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { decimalWords, readDecimal } from './decimal-data.js';
import { joinKeyColumn, keyKindOf, native, validityArg } from './kernels.js';
import { plainValueAt } from './plain-values.js';
import { isNullAt, valueAt } from './vectors.js';

export interface KeyOrder {
  readonly direction: SortDirection;
  readonly nullOrdering: NullOrdering;
}

/** Compares row `i` of one side with row `j` of the other; negative when i sorts first. */
export type RowComparator = (i: number, j: number) => number;

/**
 * The permutation that orders rows 0..numRows-1 by `keys` (one Data per key, `numRows` rows each) under `order`.
 * Stable: rows with equal keys keep their input order.
 */
export function sortIndices(keys: readonly arrow.Data[], types: readonly DataType[], order: readonly KeyOrder[], numRows: number): Int32Array {
  // The native kernel sorts every key type but arrays, structs and decimals over 18 digits (null-typed keys tie
  // on every row and are dropped).
  if (types.every((t) => t.kind !== 'array' && t.kind !== 'struct' && (t.kind !== 'decimal' || keyKindOf(t) !== undefined))) {
    const nativeKeys: native.SortKeyColumn[] = [];
    types.forEach((t, k) => {
      const kind = keyKindOf(t);
      if (kind === undefined) return;
      const [bm, off] = validityArg(keys[k]!);
      const o = order[k]!;
      nativeKeys.push([...joinKeyColumn(keys[k]!, t, kind), bm, off, o.direction === 'desc', o.nullOrdering === 'nullsFirst']);
    });
    return native.sortIndices(nativeKeys, numRows);
  }
  const idx = new Int32Array(numRows);
  for (let i = 0; i < numRows; i++) idx[i] = i;
  if (numRows < 2 || keys.length === 0) return idx;
  const cmp = makeRowComparator(keys, keys, types, order);
  // Ties broken by position keep the sort stable whatever the engine's sort does.
  return idx.sort((a, b) => cmp(a, b) || a - b);
}

/** Spark's double ordering: -0.0 = 0.0, NaN = NaN, NaN above everything else. */
export function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = x !== x;
  const yn = y !== y;
  return xn === yn ? 0 : xn ? 1 : -1;
}

/** Orders row i of `aCols` against row j of `bCols` (same key types), honouring direction and null ordering. */
export function makeRowComparator(aCols: readonly arrow.Data[], bCols: readonly arrow.Data[], types: readonly DataType[], order: readonly KeyOrder[]): RowComparator {
  const parts = types.map((t, k) => keyComparator(aCols[k]!, bCols[k]!, t, order[k]!));
  if (parts.length === 1) return parts[0]!;
  return (i, j) => {
    for (let k = 0; k < parts.length; k++) {
      const c = parts[k]!(i, j);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function mayHaveNulls(d: arrow.Data): boolean {
  return d.nullCount !== 0;
}

function keyComparator(a: arrow.Data, b: arrow.Data, type: DataType, o: KeyOrder): RowComparator {
  const v = valueComparator(a, b, type);
  const desc = o.direction === 'desc';
  const nullFirst = o.nullOrdering === 'nullsFirst' ? -1 : 1;
  if (!mayHaveNulls(a) && !mayHaveNulls(b)) return desc ? (i, j) => -v(i, j) : v;
  return (i, j) => {
    const x = isNullAt(a, i);
    const y = isNullAt(b, j);
    if (x || y) return x && y ? 0 : x ? nullFirst : -nullFirst;
    return desc ? -v(i, j) : v(i, j);
  };
}

/**
 * Compares non-null values (row i of a, row j of b) in ascending Spark order. Arrow JS pre-slices the value and
 * offset buffers of a sliced Data: `offset` applies only to bitmaps (validity, booleans).
 */
function valueComparator(a: arrow.Data, b: arrow.Data, type: DataType): RowComparator {
  const ao = a.offset;
  const bo = b.offset;
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const av = a.values as Int32Array;
      const bv = b.values as Int32Array;
      return (i, j) => av[i]! - bv[j]!;
    }
    case 'int64':
    case 'timestamp': {
      const av = a.values as BigInt64Array;
      const bv = b.values as BigInt64Array;
      return (i, j) => {
        const x = av[i]!;
        const y = bv[j]!;
        return x < y ? -1 : x > y ? 1 : 0;
      };
    }
    case 'float64': {
      const av = a.values as Float64Array;
      const bv = b.values as Float64Array;
      return (i, j) => compareDoubles(av[i]!, bv[j]!);
    }
    case 'boolean': {
      const av = a.values as Uint8Array;
      const bv = b.values as Uint8Array;
      return (i, j) => {
        const x = ao + i;
        const y = bo + j;
        return ((av[x >> 3]! >> (x & 7)) & 1) - ((bv[y >> 3]! >> (y & 7)) & 1);
      };
    }
    case 'string':
    case 'binary': {
      const aOff = a.valueOffsets as Int32Array;
      const bOff = b.valueOffsets as Int32Array;
      const ab = a.values as Uint8Array;
      const bb = b.values as Uint8Array;
      return (i, j) => compareBytes(ab, aOff[i]!, aOff[i + 1]!, bb, bOff[j]!, bOff[j + 1]!);
    }
    case 'decimal': {
      const aw = decimalWords(a);
      const bw = decimalWords(b);
      return (i, j) => {
        const x = readDecimal(aw, i);
        const y = readDecimal(bw, j);
        return x < y ? -1 : x > y ? 1 : 0;
      };
    }
    case 'null':
      return () => 0;
    case 'array':
      return (i, j) => compareValues(valueAt(a, i), valueAt(b, j));
    case 'map':
    case 'struct':
      return (i, j) => compareValues(plainValueAt(a, type, i), plainValueAt(b, type, j));
    default:
      return assertNever(type, 'data type');
  }
}

/** Unsigned byte order of a[as, ae) and b[bs, be): UTF-8 byte order equals code point order. */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const d = a[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Generic ordering of JS values (array elements): nulls first, arrays element-wise then by length. */
export function compareValues(x: unknown, y: unknown): number {
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  if (typeof x === 'number' && typeof y === 'number') return compareDoubles(x, y);
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  if (typeof x === 'string' && typeof y === 'string') return compareCodePoints(x, y);
  if (typeof x === 'object' && typeof y === 'object') {
    const xs = [...(x as Iterable<unknown>)];
    const ys = [...(y as Iterable<unknown>)];
    const n = Math.min(xs.length, ys.length);
    for (let k = 0; k < n; k++) {
      const c = compareValues(xs[k] ?? null, ys[k] ?? null);
      if (c !== 0) return c;
    }
    return xs.length - ys.length;
  }
  return 0;
}

function compareCodePoints(x: string, y: string): number {
  if (x === y) return 0;
  const xs = [...x];
  const ys = [...y];
  const n = Math.min(xs.length, ys.length);
  for (let k = 0; k < n; k++) {
    const d = xs[k]!.codePointAt(0)! - ys[k]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}

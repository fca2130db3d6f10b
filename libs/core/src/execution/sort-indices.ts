// Stable multi-key row ordering with Spark's semantics (NaN largest, -0.0 = 0.0, strings by UTF-8 bytes):
// an LSD radix sort for fixed-width keys, a comparator sort otherwise, and row comparators for range partitioning.
import type * as arrow from 'apache-arrow';
import type { NullOrdering, SortDirection } from '../expr/expression.js';
import type { DataType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { isNullAt, valueAt } from './vectors.js';

export interface KeyOrder {
  readonly direction: SortDirection;
  readonly nullOrdering: NullOrdering;
}

/** Compares row `i` of one side with row `j` of the other; negative when i sorts first. */
export type RowComparator = (i: number, j: number) => number;

/** Below this many rows a comparator sort beats the radix sort's fixed per-pass costs. */
const RADIX_MIN_ROWS = 512;
const DIGIT_BITS = 11;

/**
 * The permutation that orders rows 0..numRows-1 by `keys` (one Data per key, `numRows` rows each) under `order`.
 * Stable: rows with equal keys keep their input order.
 */
export function sortIndices(keys: readonly arrow.Data[], types: readonly DataType[], order: readonly KeyOrder[], numRows: number): Int32Array {
  const idx = new Int32Array(numRows);
  for (let i = 0; i < numRows; i++) idx[i] = i;
  if (numRows < 2 || keys.length === 0) return idx;
  if (numRows >= RADIX_MIN_ROWS && types.every((t) => t.kind !== 'string' && t.kind !== 'array')) {
    return radixSort(idx, keys, types, order, numRows);
  }
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
    case 'string': {
      const aOff = a.valueOffsets as Int32Array;
      const bOff = b.valueOffsets as Int32Array;
      const ab = a.values as Uint8Array;
      const bb = b.values as Uint8Array;
      return (i, j) => compareBytes(ab, aOff[i]!, aOff[i + 1]!, bb, bOff[j]!, bOff[j + 1]!);
    }
    case 'null':
      return () => 0;
    case 'array':
      return (i, j) => compareValues(valueAt(a, i), valueAt(b, j));
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

// ---------------------------------------------------------------------------------------------
// LSD radix sort over order-preserving unsigned words (most significant key last in the pass list).

interface Pass {
  readonly word: Uint32Array;
  readonly shift: number;
  readonly mask: number;
}

function radixSort(idx: Int32Array, keys: readonly arrow.Data[], types: readonly DataType[], order: readonly KeyOrder[], n: number): Int32Array {
  const passes: Pass[] = [];
  for (let k = keys.length - 1; k >= 0; k--) {
    const d = keys[k]!;
    const { words, bits } = sortableWords(d, types[k]!, order[k]!.direction === 'desc', n);
    for (let w = words.length - 1; w >= 0; w--) {
      for (let shift = 0; shift < bits[w]!; shift += DIGIT_BITS) {
        passes.push({ word: words[w]!, shift, mask: (1 << Math.min(DIGIT_BITS, bits[w]! - shift)) - 1 });
      }
    }
    // The null rank is more significant than the key's value.
    if (mayHaveNulls(d)) {
      const rank = new Uint32Array(n);
      const nullRank = order[k]!.nullOrdering === 'nullsFirst' ? 0 : 1;
      for (let i = 0; i < n; i++) rank[i] = isNullAt(d, i) ? nullRank : 1 - nullRank;
      passes.push({ word: rank, shift: 0, mask: 1 });
    }
  }
  let cur: Int32Array = idx;
  let tmp: Int32Array = new Int32Array(n);
  const counts = new Int32Array(1 << DIGIT_BITS);
  for (const { word, shift, mask } of passes) {
    counts.fill(0);
    for (let r = 0; r < n; r++) counts[(word[r]! >>> shift) & mask]++;
    let sum = 0;
    let uniform = false;
    for (let b = 0; b <= mask; b++) {
      const c = counts[b]!;
      if (c === n) { uniform = true; break; }
      counts[b] = sum;
      sum += c;
    }
    if (uniform) continue;
    for (let q = 0; q < n; q++) {
      const r = cur[q]!;
      tmp[counts[(word[r]! >>> shift) & mask]!++] = r;
    }
    const t = cur;
    cur = tmp;
    tmp = t;
  }
  return cur;
}

/** Unsigned words (most significant first, `bits` wide each) whose order is the key's order; nulls get 0. */
function sortableWords(d: arrow.Data, type: DataType, desc: boolean, n: number): { words: Uint32Array[]; bits: number[] } {
  const off = d.offset;
  const flip = desc ? 0xffffffff : 0;
  const hasNulls = mayHaveNulls(d);
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const v = d.values as Int32Array;
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) w[i] = (v[i]! ^ 0x80000000 ^ flip) >>> 0;
      if (hasNulls) zeroNulls(d, n, [w]);
      return { words: [w], bits: [32] };
    }
    case 'int64':
    case 'timestamp': {
      const v = d.values as BigInt64Array;
      const src = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      const hi = new Uint32Array(n);
      const lo = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        hi[i] = (src[2 * i + 1]! ^ 0x80000000 ^ flip) >>> 0;
        lo[i] = (src[2 * i]! ^ flip) >>> 0;
      }
      if (hasNulls) zeroNulls(d, n, [hi, lo]);
      return { words: [hi, lo], bits: [32, 32] };
    }
    case 'float64': {
      const v = d.values as Float64Array;
      const src = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      const hi = new Uint32Array(n);
      const lo = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        let h: number;
        let l: number;
        if (x !== x) { h = 0x7ff80000; l = 0; } // one NaN, above +Infinity
        else if (x === 0) { h = 0; l = 0; } // -0.0 sorts as 0.0
        else { h = src[2 * i + 1]!; l = src[2 * i]!; }
        // IEEE order → unsigned order: negative numbers flip all bits, positives flip the sign bit.
        if (h < 0) { h = ~h; l = ~l; } else h ^= 0x80000000;
        hi[i] = (h ^ flip) >>> 0;
        lo[i] = (l ^ flip) >>> 0;
      }
      if (hasNulls) zeroNulls(d, n, [hi, lo]);
      return { words: [hi, lo], bits: [32, 32] };
    }
    case 'boolean': {
      const v = d.values as Uint8Array;
      const w = new Uint32Array(n);
      const f = desc ? 1 : 0;
      for (let i = 0; i < n; i++) {
        const j = off + i;
        w[i] = ((v[j >> 3]! >> (j & 7)) & 1) ^ f;
      }
      if (hasNulls) zeroNulls(d, n, [w]);
      return { words: [w], bits: [1] };
    }
    case 'null':
      return { words: [], bits: [] };
    case 'string':
    case 'array':
      throw new Error(`radix sort cannot order ${type.kind} keys`);
    default:
      return assertNever(type, 'data type');
  }
}

/** Null rows must all share one value so the value passes keep their relative order. */
function zeroNulls(d: arrow.Data, n: number, words: Uint32Array[]): void {
  for (let i = 0; i < n; i++) {
    if (isNullAt(d, i)) for (const w of words) w[i] = 0;
  }
}

// Pieces shared by the hash and nested-loop joins: gathering joined rows, key equality,
// which sides a join type preserves, and coalescing small output batches to about the batch size.
import type * as arrow from 'apache-arrow';
import type { JoinType } from '../../plan/logical-plan.js';
import type { DataType } from '../../types/data-type.js';
import { assertNever } from '../../util/assert.js';
import { compareValues } from '../sort-indices.js';
import { concatBatches, isNullAt, makeBatch, takeData, valueAt } from '../vectors.js';

export function preservesLeft(t: JoinType): boolean {
  return t === 'left' || t === 'full';
}

export function preservesRight(t: JoinType): boolean {
  return t === 'right' || t === 'full';
}

export function isSemiOrAnti(t: JoinType): boolean {
  return t === 'leftsemi' || t === 'leftanti';
}

/** Left rows `li` beside right rows `ri` (index -1 gives NULLs on that side), as a batch of `schema`. */
export function gatherJoined(
  schema: arrow.Schema,
  leftTypes: readonly DataType[],
  left: arrow.RecordBatch,
  li: Int32Array,
  rightTypes: readonly DataType[],
  right: arrow.RecordBatch,
  ri: Int32Array,
): arrow.RecordBatch {
  const cols: arrow.Data[] = [];
  for (let c = 0; c < leftTypes.length; c++) cols.push(takeData(leftTypes[c]!, left.data.children[c]!, li));
  for (let c = 0; c < rightTypes.length; c++) cols.push(takeData(rightTypes[c]!, right.data.children[c]!, ri));
  return makeBatch(schema, cols, li.length);
}

/** Rows `idx` of `batch`, as a batch of `schema` (which has the same columns). */
export function gatherRows(schema: arrow.Schema, types: readonly DataType[], batch: arrow.RecordBatch, idx: Int32Array): arrow.RecordBatch {
  return makeBatch(schema, types.map((t, c) => takeData(t, batch.data.children[c]!, idx)), idx.length);
}

/** Indices of the rows whose flag equals `want`. */
export function rowsWhere(flags: Uint8Array, n: number, want: 0 | 1): Int32Array {
  let count = 0;
  for (let i = 0; i < n; i++) if (flags[i] === want) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) if (flags[i] === want) out[k++] = i;
  return out;
}

/** A run of -1s: the NULL side of unmatched outer rows. */
export function nullIndices(n: number): Int32Array {
  return new Int32Array(n).fill(-1);
}

/** One byte per row, 1 where any key is NULL (such rows never match an equi-join key); null when none is. */
export function anyNullKey(keys: readonly arrow.Data[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const k of keys) {
    if (k.nullCount === 0) continue;
    out ??= new Uint8Array(n);
    for (let i = 0; i < n; i++) if (isNullAt(k, i)) out[i] = 1;
  }
  return out;
}

/**
 * Equality of non-null keys, row i of `a` against row j of `b` (same key types), with Spark's join semantics:
 * NaN = NaN and -0.0 = 0.0.
 */
export function makeKeyEquals(a: readonly arrow.Data[], b: readonly arrow.Data[], types: readonly DataType[]): (i: number, j: number) => boolean {
  const parts = types.map((t, k) => columnEquals(a[k]!, b[k]!, t));
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [p, q] = parts as [(i: number, j: number) => boolean, (i: number, j: number) => boolean];
    return (i, j) => p(i, j) && q(i, j);
  }
  return (i, j) => {
    for (let k = 0; k < parts.length; k++) if (!parts[k]!(i, j)) return false;
    return true;
  };
}

function words64(v: BigInt64Array): Int32Array {
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2);
}

// Arrow JS pre-slices value and offset buffers of a sliced Data: `offset` applies only to bitmaps (validity, booleans).
function columnEquals(a: arrow.Data, b: arrow.Data, type: DataType): (i: number, j: number) => boolean {
  const ao = a.offset;
  const bo = b.offset;
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const av = a.values as Int32Array;
      const bv = b.values as Int32Array;
      return (i, j) => av[i] === bv[j];
    }
    case 'int64':
    case 'timestamp': {
      // Compare the two 32-bit halves: reading a BigInt64Array allocates a bigint per element.
      const av = words64(a.values as BigInt64Array);
      const bv = words64(b.values as BigInt64Array);
      return (i, j) => {
        const x = 2 * i;
        const y = 2 * j;
        return av[x] === bv[y] && av[x + 1] === bv[y + 1];
      };
    }
    case 'float64': {
      const av = a.values as Float64Array;
      const bv = b.values as Float64Array;
      return (i, j) => {
        const x = av[i]!;
        const y = bv[j]!;
        return x === y || (x !== x && y !== y);
      };
    }
    case 'boolean': {
      const av = a.values as Uint8Array;
      const bv = b.values as Uint8Array;
      return (i, j) => {
        const x = ao + i;
        const y = bo + j;
        return ((av[x >> 3]! >> (x & 7)) & 1) === ((bv[y >> 3]! >> (y & 7)) & 1);
      };
    }
    case 'string': {
      const aOff = a.valueOffsets as Int32Array;
      const bOff = b.valueOffsets as Int32Array;
      const ab = a.values as Uint8Array;
      const bb = b.values as Uint8Array;
      return (i, j) => {
        const as = aOff[i]!;
        const bs = bOff[j]!;
        const len = aOff[i + 1]! - as;
        if (bOff[j + 1]! - bs !== len) return false;
        for (let k = 0; k < len; k++) if (ab[as + k] !== bb[bs + k]) return false;
        return true;
      };
    }
    case 'null':
      return () => false;
    case 'array':
      return (i, j) => compareValues(valueAt(a, i), valueAt(b, j)) === 0;
    default:
      return assertNever(type, 'data type');
  }
}

/**
 * Buffers output batches and releases them at most `target` rows each, merging small ones.
 * It copies rather than slices: a sliced batch would hand pre-sliced buffers with an offset downstream.
 */
export class BatchCoalescer {
  private pending: arrow.RecordBatch[] = [];
  private pendingRows = 0;

  constructor(
    private readonly schema: arrow.Schema,
    private readonly types: readonly DataType[],
    private readonly target: number,
  ) {}

  /** Adds a batch; returns the batches now ready to emit. */
  push(b: arrow.RecordBatch): arrow.RecordBatch[] {
    const n = b.numRows;
    if (n === 0) return [];
    const out: arrow.RecordBatch[] = [];
    if (this.pendingRows + n > this.target) out.push(...this.flush());
    if (n >= this.target) {
      if (n === this.target) out.push(b);
      else for (let a = 0; a < n; a += this.target) out.push(gatherRows(this.schema, this.types, b, range(a, Math.min(n, a + this.target))));
      return out;
    }
    this.pending.push(b);
    this.pendingRows += n;
    return out;
  }

  /** Whatever is buffered, as one batch (none when empty). */
  flush(): arrow.RecordBatch[] {
    const out = this.pendingRows > 0 ? [concatBatches(this.schema, this.types, this.pending)] : [];
    this.pending = [];
    this.pendingRows = 0;
    return out;
  }
}

function range(a: number, b: number): Int32Array {
  const out = new Int32Array(b - a);
  for (let i = 0; i < out.length; i++) out[i] = a + i;
  return out;
}

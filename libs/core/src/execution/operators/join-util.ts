// Pieces shared by the hash and nested-loop joins: gathering joined rows, key equality,
// which sides a join type preserves, and coalescing small output batches to about the batch size.
import type * as arrow from 'apache-arrow';
import type { JoinType } from '../../plan/logical-plan.js';
import type { DataType } from '../../types/data-type.js';
import { plainValueAt } from '../plain-values.js';
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
 * Equality of non-null array-typed keys, row i of `a` against row j of `b` (element-wise, Spark's join semantics).
 * Keys of every other type are compared by the native join probe.
 */
export function makeArrayKeyEquals(a: readonly arrow.Data[], b: readonly arrow.Data[], types: readonly DataType[]): (i: number, j: number) => boolean {
  // Structs compare by their positional field values (arrow-js' StructRow is not a plain sequence).
  const read = (d: arrow.Data, t: DataType, i: number) => (t.kind === 'struct' ? plainValueAt(d, t, i) : valueAt(d, i));
  return (i, j) => {
    for (let k = 0; k < a.length; k++) if (compareValues(read(a[k]!, types[k]!, i), read(b[k]!, types[k]!, j)) !== 0) return false;
    return true;
  };
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

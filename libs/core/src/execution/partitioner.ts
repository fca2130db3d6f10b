// Shuffle-map side: splits a batch into one batch per output partition (hash, round-robin, range, single),
// and picks range-partition bounds from a sample of the keys.
import * as arrow from 'apache-arrow';
import { ExecutionError } from '../errors.js';
import { evaluate } from '../expr/eval/evaluate.js';
import { type Expression, type SortOrder, dataTypeOf } from '../expr/expression.js';
import type { Partitioning } from '../physical/physical-plan.js';
import type { DataType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { hashColumns } from './hashing.js';
import { native } from './kernels.js';
import { makeRowComparator, sortIndices } from './sort-indices.js';
import { dataFromPlainValues, plainValueAt } from './plain-values.js';
import { columnData, concatData, emptyBatch, takeBatch } from './vectors.js';

/**
 * Range-partition boundaries as plain values (structured-clone-able, one array per bound, one value per sort key,
 * int64/timestamp as bigint, date as days): partition i takes keys ≤ bounds[i], the partition after the last bound the rest.
 * Bounds are strictly increasing under the order.
 */
export interface RangeBounds {
  readonly bounds: readonly (readonly unknown[])[];
}

/** Evaluates key expressions over a batch; bound references are read straight from the batch. */
export function evaluateKeys(exprs: readonly Expression[], batch: arrow.RecordBatch): arrow.Data[] {
  return exprs.map((e) => (e.kind === 'boundRef' ? columnData(batch, e.ordinal) : evaluate(e, batch)));
}

/**
 * Splits `batch` (column types `types`) into exactly numPartitions batches, possibly empty, each row in one of them.
 * Range partitioning needs `opts.rangeBounds`; round-robin starts at partition `opts.roundRobinStart` (default 0).
 */
export function partitionBatch(
  batch: arrow.RecordBatch,
  types: readonly DataType[],
  partitioning: Partitioning,
  opts: { rangeBounds?: RangeBounds; roundRobinStart?: number } = {},
): arrow.RecordBatch[] {
  const n = batch.numRows;
  switch (partitioning.kind) {
    case 'single':
      return [batch];
    case 'hash': {
      const p = partitioning.numPartitions;
      const keys = evaluateKeys(partitioning.exprs, batch);
      const h = hashColumns(keys, partitioning.exprs.map(dataTypeOf), n);
      return split(batch, types, native.partitionIdsFromHashes(h, n, p), p);
    }
    case 'roundRobin': {
      const p = partitioning.numPartitions;
      const start = opts.roundRobinStart ?? 0;
      const pids = new Int32Array(n);
      for (let i = 0; i < n; i++) pids[i] = (start + i) % p;
      return split(batch, types, pids, p);
    }
    case 'direct': {
      const p = partitioning.numPartitions;
      const [ids] = evaluateKeys([partitioning.expr], batch);
      return split(batch, types, directPartitionIds(ids!, n, p), p);
    }
    case 'range': {
      if (!opts.rangeBounds) throw new ExecutionError('INTERNAL_ERROR', 'range partitioning needs range bounds sampled before the shuffle');
      const p = partitioning.numPartitions;
      return split(batch, types, rangePartitionIds(batch, partitioning.order, opts.rangeBounds, p), p);
    }
    case 'unknown':
      throw new ExecutionError('INTERNAL_ERROR', 'cannot shuffle rows into an unknown partitioning');
    default:
      return assertNever(partitioning, 'partitioning');
  }
}

/** pmod(id, n) of an integer id column; a null id is refused (an RDD partition function never returns one). */
function directPartitionIds(ids: arrow.Data, n: number, p: number): Int32Array {
  if (ids.nullCount > 0) throw new ExecutionError('INTERNAL_ERROR', 'a partition id computed in Python was null');
  const vals = ids.values as Int32Array | BigInt64Array;
  const out = new Int32Array(n);
  if (vals instanceof BigInt64Array) {
    const bp = BigInt(p);
    for (let i = 0; i < n; i++) out[i] = Number(((vals[i]! % bp) + bp) % bp);
  } else {
    for (let i = 0; i < n; i++) out[i] = ((vals[i]! % p) + p) % p;
  }
  return out;
}

/** Row i's partition: the first bound it is ≤ to (so equal keys never straddle partitions). */
function rangePartitionIds(batch: arrow.RecordBatch, order: readonly SortOrder[], rb: RangeBounds, numPartitions: number): Int32Array {
  const n = batch.numRows;
  const keyTypes = order.map((o) => dataTypeOf(o.child));
  const keys = evaluateKeys(order.map((o) => o.child), batch);
  const numBounds = Math.min(rb.bounds.length, numPartitions - 1);
  const pids = new Int32Array(n);
  if (numBounds <= 0) return pids;
  const boundCols = keyTypes.map((t, k) => dataFromPlainValues(t, rb.bounds.slice(0, numBounds).map((b) => b[k] ?? null)));
  const cmp = makeRowComparator(keys, boundCols, keyTypes, order);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = numBounds;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(i, mid) <= 0) hi = mid;
      else lo = mid + 1;
    }
    pids[i] = lo;
  }
  return pids;
}

/** Groups rows by partition id, keeping their order within each partition. */
function split(batch: arrow.RecordBatch, types: readonly DataType[], pids: Int32Array, numPartitions: number): arrow.RecordBatch[] {
  const n = pids.length;
  const { starts, order } = native.partitionOrder(pids, n, numPartitions);
  for (let p = 0; p < numPartitions; p++) {
    // All rows in one partition: hand the batch over as is.
    if (starts[p + 1]! - starts[p]! === n) return Array.from({ length: numPartitions }, (_, q) => (q === p ? batch : emptyBatch(batch.schema)));
  }
  const out: arrow.RecordBatch[] = [];
  for (let p = 0; p < numPartitions; p++) {
    const a = starts[p]!;
    const b = starts[p + 1]!;
    out.push(a === b ? emptyBatch(batch.schema) : takeBatch(batch, types, order.subarray(a, b)));
  }
  return out;
}

/**
 * Picks up to numPartitions-1 bounds at even quantiles of the sorted sample (equal bounds deduplicated).
 * `order`'s child expressions are bound to the sample batches' columns; `keyTypes` are their types.
 */
export function computeRangeBounds(sample: readonly arrow.RecordBatch[], keyTypes: readonly DataType[], order: readonly SortOrder[], numPartitions: number): RangeBounds {
  const batches = sample.filter((b) => b.numRows > 0);
  const total = batches.reduce((s, b) => s + b.numRows, 0);
  if (total === 0 || numPartitions <= 1) return { bounds: [] };
  const perBatch = batches.map((b) => evaluateKeys(order.map((o) => o.child), b));
  const cols = keyTypes.map((t, k) => concatData(t, perBatch.map((keys) => keys[k]!)));
  const sorted = sortIndices(cols, keyTypes, order, total);
  const cmp = makeRowComparator(cols, cols, keyTypes, order);
  const bounds: unknown[][] = [];
  let prev = -1;
  for (let i = 1; i < numPartitions; i++) {
    const pos = Math.ceil((i * total) / numPartitions) - 1;
    if (pos < 0) continue;
    const row = sorted[pos]!;
    if (prev >= 0 && cmp(prev, row) === 0) continue;
    bounds.push(cols.map((c, k) => plainValueAt(c, keyTypes[k]!, row)));
    prev = row;
  }
  return { bounds };
}

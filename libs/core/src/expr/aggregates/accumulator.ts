// The per-group state machine of one aggregate call, as the hash-aggregate operator drives it.
import type * as arrow from 'apache-arrow';

export interface Accumulator {
  /** Makes room for groups [0, numGroups); new groups start in the initial state. */
  grow(numGroups: number): void;
  /** Folds raw input rows in: args[k] is the k-th argument evaluated over the batch, gids[i] the group of row i. */
  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void;
  /** Folds partial states in: `states` are this call's state columns (see `aggregateStateTypes`). */
  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void;
  /** The state columns of groups [start, end). Call only after the last update/merge. */
  states(start: number, end: number): arrow.Data[];
  /** The final values of groups [start, end). Call only after the last update/merge. */
  result(start: number, end: number): arrow.Data;
  /** Frees native state now; the accumulator is unusable afterwards. */
  release?(): void;
}

export function grownF64(a: Float64Array, n: number): Float64Array {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

export function grownU8(a: Uint8Array, n: number): Uint8Array {
  if (n <= a.length) return a;
  const b = new Uint8Array(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

export function grownI64(a: BigInt64Array, n: number): BigInt64Array {
  if (n <= a.length) return a;
  const b = new BigInt64Array(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

/** Bitmap with bit j set where has[start + j] is non-zero; null when all are. */
export function validityFromBytes(has: Uint8Array, start: number, end: number): Uint8Array | null {
  const n = end - start;
  const v = new Uint8Array((n + 7) >> 3);
  let all = true;
  for (let j = 0; j < n; j++) {
    if (has[start + j]) v[j >> 3]! |= 1 << (j & 7);
    else all = false;
  }
  return all ? null : v;
}

/**
 * Groups elements by their group (a stable counting sort): elements of group g are order[starts[g] .. starts[g+1]).
 */
export function groupOrder(groupOf: Int32Array, count: number, numGroups: number): { starts: Int32Array; order: Int32Array } {
  const starts = new Int32Array(numGroups + 1);
  for (let k = 0; k < count; k++) starts[groupOf[k]! + 1]!++;
  for (let g = 0; g < numGroups; g++) starts[g + 1]! += starts[g]!;
  const fill = starts.slice(0, numGroups);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[fill[groupOf[k]!]!++] = k;
  return { starts, order };
}

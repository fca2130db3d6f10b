// DISTINCT aggregates (count, sum, avg, collect_list): a set of distinct non-null argument tuples per group,
// kept as (group, tuple id) pairs. The state is one array per argument (element j of each forms tuple j),
// merged by union; the result runs the plain aggregate over each group's distinct tuples (COUNT counts the pairs natively).
import type * as arrow from 'apache-arrow';
import { native, validityArg, validityArgOrNull } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import { ArrayT, type DataType, LongT } from '../../types/data-type.js';
import { listData } from '../eval/columns.js';
import { type Accumulator, groupOrder } from './accumulator.js';
import { KeyEncoder, PairTable } from './key-encoder.js';

export class DistinctAccumulator implements Accumulator {
  private readonly encoder: KeyEncoder;
  private readonly pairs = new PairTable();
  private numGroups = 0;
  private sorted: { starts: Int32Array; order: Int32Array; lefts: Int32Array; rights: Int32Array } | null = null;
  private counts: BigInt64Array | null = null;

  /** `plain` makes a fresh non-distinct accumulator of the same function, run over the distinct tuples. */
  constructor(
    private readonly argTypes: readonly DataType[],
    private readonly plain: () => Accumulator,
    /** COUNT(DISTINCT …): the result is counted from the pair table, without decoding the tuples. */
    private readonly countOnly = false,
  ) {
    this.encoder = new KeyEncoder(argTypes);
  }

  grow(numGroups: number): void {
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  update(all: readonly arrow.Data[], gids: Int32Array, n: number): void {
    // Only the tuple's arguments: a constant option after them (listagg's NULL delimiter) does not drop rows.
    const args = all.slice(0, this.argTypes.length);
    const ids = this.encoder.encode(args, n);
    const validities: (Uint8Array | number)[] = [];
    for (const a of args) {
      const [bm, off] = validityArgOrNull(a);
      if (bm) validities.push(bm, off);
    }
    this.pairs.insert(gids, ids, n, validities);
    this.counts = null;
    this.sorted = null;
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const first = states[0]!;
    const offsets = first.valueOffsets as Int32Array;
    const [bm, off] = validityArg(first);
    const from = offsets[0]!;
    const m = offsets[n]! - from;
    // Every state column has the same list lengths per row; each is sliced by its own offsets in case they differ in base.
    const children = states.map((s) => s.children[0]!.slice((s.valueOffsets as Int32Array)[0]!, m));
    const ids = this.encoder.encode(children, m);
    this.pairs.insert(native.listElementGroups(offsets, bm, off, gids, n), ids, m, []);
    this.counts = null;
    this.sorted = null;
  }

  /** The pairs of groups [start, end), ordered by group: their tuple columns and local group ids. */
  private slice(start: number, end: number): { columns: arrow.Data[]; local: Int32Array; offsets: Int32Array } {
    if (this.sorted === null) {
      const all = new Int32Array(this.pairs.size);
      for (let p = 0; p < all.length; p++) all[p] = p;
      const { lefts, rights } = this.pairs.decode(all);
      this.sorted = { ...groupOrder(lefts, lefts.length, this.numGroups), lefts, rights };
    }
    const { starts, order, lefts, rights } = this.sorted;
    const a = starts[start]!;
    const b = starts[end]!;
    const tuples = new Int32Array(b - a);
    const local = new Int32Array(b - a);
    for (let k = 0; k < b - a; k++) {
      const p = order[a + k]!;
      tuples[k] = rights[p]!;
      local[k] = lefts[p]! - start;
    }
    const offsets = new Int32Array(end - start + 1);
    for (let j = 0; j <= end - start; j++) offsets[j] = starts[start + j]! - a;
    return { columns: this.encoder.decode(tuples), local, offsets };
  }

  release(): void {
    this.encoder.release();
    this.pairs.release();
  }

  states(start: number, end: number): arrow.Data[] {
    const { columns, offsets } = this.slice(start, end);
    // Each column gets its own offsets buffer: arrow-js's IPC writer corrupts a body where one buffer view is written twice in a row.
    return columns.map((c, k) => listData(ArrayT(this.argTypes[k]!, false), end - start, k === 0 ? offsets : offsets.slice(), c, null));
  }

  result(start: number, end: number): arrow.Data {
    if (this.countOnly) {
      // COUNT(DISTINCT): the number of (group, tuple) pairs per group, counted in the table.
      if (this.counts === null) {
        this.counts = new BigInt64Array(this.numGroups);
        native.pairTableCountLefts(this.pairs.handle, this.counts);
      }
      return primitiveData(LongT, end - start, this.counts.slice(start, end), null, 0);
    }
    const { columns, local } = this.slice(start, end);
    const acc = this.plain();
    acc.grow(end - start);
    acc.update(columns, local, local.length);
    return acc.result(0, end - start);
  }
}

// collect_list: every non-null value is appended with its group id; output groups them with a counting sort.
import type * as arrow from 'apache-arrow';
import { ArrayT, type DataType } from '../../types/data-type.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { type Accumulator, groupOrder } from './accumulator.js';
import { grownInt32 } from './column-dictionary.js';
import { createGroupValues, type GroupValues } from './group-values.js';

export class CollectListAccumulator implements Accumulator {
  private readonly elements: GroupValues;
  private groupOf: Int32Array = new Int32Array(16);
  private count = 0;
  private numGroups = 0;
  private sorted: { starts: Int32Array; order: Int32Array } | null = null;

  constructor(private readonly elementType: DataType) {
    this.elements = createGroupValues(elementType);
  }

  grow(numGroups: number): void {
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  private append(d: arrow.Data, from: number, to: number, group: (i: number) => number): void {
    const v = validityOf(d);
    let m = 0;
    for (let i = from; i < to; i++) if (v === null || bit(v, i)) m++;
    this.groupOf = grownInt32(this.groupOf, this.count + m);
    this.elements.ensure(this.count + m);
    for (let i = from; i < to; i++) {
      if (v !== null && !bit(v, i)) continue;
      this.elements.setRow(this.count, d, i, true);
      this.groupOf[this.count++] = group(i);
    }
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.append(args[0]!, 0, n, (i) => gids[i]!);
    this.sorted = null;
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const lists = states[0]!;
    const offsets = lists.valueOffsets as Int32Array;
    const v = validityOf(lists);
    const child = lists.children[0]!;
    for (let r = 0; r < n; r++) {
      if (v !== null && !bit(v, r)) continue;
      const g = gids[r]!;
      this.append(child, offsets[r]!, offsets[r + 1]!, () => g);
    }
    this.sorted = null;
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    this.sorted ??= groupOrder(this.groupOf, this.count, this.numGroups);
    const { starts, order } = this.sorted;
    const offsets = new Int32Array(end - start + 1);
    for (let j = 0; j <= end - start; j++) offsets[j] = starts[start + j]! - starts[start]!;
    const child = this.elements.take(order.subarray(starts[start]!, starts[end]!));
    return listData(ArrayT(this.elementType, false), end - start, offsets, child, null);
  }
}

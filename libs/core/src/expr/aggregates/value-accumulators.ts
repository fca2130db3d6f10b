// min, max, first and last: one stored value per group (of the input type), kept in typed GroupValues storage.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { BooleanT, type DataType } from '../../types/data-type.js';
import { boolBitsOf, validityOf } from '../eval/columns.js';
import { type Accumulator, grownU8 } from './accumulator.js';
import { createGroupValues, type GroupValues } from './group-values.js';

export class ExtremumAccumulator implements Accumulator {
  private readonly store: GroupValues;

  constructor(type: DataType, private readonly sign: 1 | -1) {
    this.store = createGroupValues(type);
  }

  grow(numGroups: number): void {
    this.store.ensure(numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.store.minMax(args[0]!, gids, n, this.sign);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.store.minMax(states[0]!, gids, n, this.sign);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.store.range(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return this.store.range(start, end);
  }
}

/**
 * first(x[, ignoreNulls]) (any_value too) and last(x[, ignoreNulls]): state (value, isSet) so that a NULL first or
 * last value survives the shuffle. Partial states merge in the order they arrive, as Spark's do (so which value is
 * first or last depends on row order, as in Spark).
 */
export class FirstAccumulator implements Accumulator {
  private readonly store: GroupValues;
  private isSet: Uint8Array = new Uint8Array(0);

  constructor(type: DataType, private readonly ignoreNulls: boolean, private readonly which: 'first' | 'last' = 'first') {
    this.store = createGroupValues(type);
  }

  grow(numGroups: number): void {
    this.store.ensure(numGroups);
    this.isSet = grownU8(this.isSet, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.store[this.which](args[0]!, gids, n, this.isSet, this.ignoreNulls, null);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const flag = states[1]!;
    const bits = boolBitsOf(flag).slice(0, (n + 7) >> 3);
    const v = validityOf(flag);
    if (v) for (let k = 0; k < bits.length; k++) bits[k]! &= v[k]!;
    this.store[this.which](states[0]!, gids, n, this.isSet, false, bits);
  }

  states(start: number, end: number): arrow.Data[] {
    const n = end - start;
    const bits = new Uint8Array((n + 7) >> 3);
    for (let j = 0; j < n; j++) if (this.isSet[start + j]) bits[j >> 3]! |= 1 << (j & 7);
    return [this.store.range(start, end), primitiveData(BooleanT, n, bits, null)];
  }

  result(start: number, end: number): arrow.Data {
    return this.store.range(start, end);
  }
}

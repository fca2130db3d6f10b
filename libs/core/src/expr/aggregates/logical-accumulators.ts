// count_if, bit_and / bit_or / bit_xor, try_sum over bigints, and max_by / min_by: per-group states in typed arrays
// (bool_and / bool_or are min / max over booleans, collect_set a DISTINCT collect_list; see create-accumulator.ts).
import type * as arrow from 'apache-arrow';
import { fixedValues } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import { BooleanT, type DataType, LongT } from '../../types/data-type.js';
import { bit, boolBitsOf, validityOf } from '../eval/columns.js';
import { type Accumulator, grownF64, grownI64, grownU8, validityFromBytes } from './accumulator.js';
import { createGroupValues, type GroupValues } from './group-values.js';

/** count_if(condition): the rows where the condition is true (NULL counts as false); state: the count. */
export class CountIfAccumulator implements Accumulator {
  // Counts stay below 2^53, so doubles hold them exactly and the loop avoids BigInt arithmetic.
  private counts: Float64Array = new Float64Array(0);

  grow(numGroups: number): void {
    this.counts = grownF64(this.counts, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    const v = validityOf(d);
    const bits = boolBitsOf(d);
    const counts = this.counts;
    for (let i = 0; i < n; i++) if ((v === null || bit(v, i)) && bit(bits, i)) counts[gids[i]!]! += 1;
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const c = fixedValues(states[0]!, LongT) as BigInt64Array;
    for (let k = 0; k < n; k++) this.counts[gids[k]!]! += Number(c[k]!);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    const out = new BigInt64Array(end - start);
    for (let j = 0; j < out.length; j++) out[j] = BigInt(this.counts[start + j]!);
    return primitiveData(LongT, out.length, out, null);
  }
}

export type BitOp = 'and' | 'or' | 'xor';

/** bit_and / bit_or / bit_xor of int or bigint values; NULL when a group has none. State: the value so far. */
export class BitAccumulator implements Accumulator {
  private i32: Int32Array = new Int32Array(0);
  private i64: BigInt64Array = new BigInt64Array(0);
  private has: Uint8Array = new Uint8Array(0);

  constructor(private readonly type: DataType, private readonly op: BitOp) {}

  grow(numGroups: number): void {
    if (this.type.kind === 'int64') this.i64 = grownI64(this.i64, numGroups);
    else if (numGroups > this.i32.length) {
      const b = new Int32Array(Math.max(numGroups, this.i32.length * 2, 16));
      b.set(this.i32);
      this.i32 = b;
    }
    this.has = grownU8(this.has, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    const v = validityOf(d);
    const has = this.has;
    if (this.type.kind === 'int64') {
      const x = fixedValues(d, LongT) as BigInt64Array;
      const s = this.i64;
      for (let i = 0; i < n; i++) {
        if (v !== null && !bit(v, i)) continue;
        const g = gids[i]!;
        const a = x[i]!;
        s[g] = has[g] === 0 ? a : this.op === 'and' ? s[g]! & a : this.op === 'or' ? s[g]! | a : s[g]! ^ a;
        has[g] = 1;
      }
      return;
    }
    const x = fixedValues(d, this.type) as Int32Array;
    const s = this.i32;
    for (let i = 0; i < n; i++) {
      if (v !== null && !bit(v, i)) continue;
      const g = gids[i]!;
      const a = x[i]!;
      s[g] = has[g] === 0 ? a : this.op === 'and' ? s[g]! & a : this.op === 'or' ? s[g]! | a : s[g]! ^ a;
      has[g] = 1;
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.update(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    const values = this.type.kind === 'int64' ? this.i64.slice(start, end) : this.i32.slice(start, end);
    return primitiveData(this.type, end - start, values, validityFromBytes(this.has, start, end));
  }
}

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/**
 * try_sum of bigints: NULL once the sum leaves bigint (sum wraps instead). State (sum, isEmpty), as Spark's TrySum:
 * a NULL sum of a non-empty group is an overflow, and stays one through the merge.
 */
export class TrySumLongAccumulator implements Accumulator {
  private sums: BigInt64Array = new BigInt64Array(0);
  private has: Uint8Array = new Uint8Array(0);
  private overflow: Uint8Array = new Uint8Array(0);

  grow(numGroups: number): void {
    this.sums = grownI64(this.sums, numGroups);
    this.has = grownU8(this.has, numGroups);
    this.overflow = grownU8(this.overflow, numGroups);
  }

  private add(g: number, a: bigint): void {
    if (this.overflow[g]) return;
    const s = this.sums[g]! + a;
    if (s > MAX_LONG || s < MIN_LONG) this.overflow[g] = 1;
    else this.sums[g] = s;
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    const v = validityOf(d);
    const x = fixedValues(d, LongT) as BigInt64Array;
    for (let i = 0; i < n; i++) {
      if (v !== null && !bit(v, i)) continue;
      const g = gids[i]!;
      this.has[g] = 1;
      this.add(g, x[i]!);
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const sums = states[0]!;
    const v = validityOf(sums);
    const x = fixedValues(sums, LongT) as BigInt64Array;
    const empty = boolBitsOf(states[1]!);
    for (let k = 0; k < n; k++) {
      if (bit(empty, k)) continue;
      const g = gids[k]!;
      this.has[g] = 1;
      if (v !== null && !bit(v, k)) this.overflow[g] = 1;
      else this.add(g, x[k]!);
    }
  }

  states(start: number, end: number): arrow.Data[] {
    const n = end - start;
    const empty = new Uint8Array((n + 7) >> 3);
    for (let j = 0; j < n; j++) if (!this.has[start + j]) empty[j >> 3]! |= 1 << (j & 7);
    return [this.result(start, end), primitiveData(BooleanT, n, empty, null)];
  }

  result(start: number, end: number): arrow.Data {
    const n = end - start;
    const ok = new Uint8Array(n);
    for (let j = 0; j < n; j++) ok[j] = this.has[start + j]! && !this.overflow[start + j] ? 1 : 0;
    return primitiveData(LongT, n, this.sums.slice(start, end), validityFromBytes(ok, 0, n));
  }
}

/**
 * max_by(x, ord) / min_by(x, ord): x at the row of the largest / smallest non-NULL ord (ties: the later row, as in
 * Spark). State (x, ord); a NULL ord state means the group had no such row.
 */
export class ExtremumByAccumulator implements Accumulator {
  private readonly values: GroupValues;
  private readonly ords: GroupValues;

  constructor(valueType: DataType, ordType: DataType, private readonly sign: 1 | -1) {
    this.values = createGroupValues(valueType);
    this.ords = createGroupValues(ordType);
  }

  grow(numGroups: number): void {
    this.values.ensure(numGroups);
    this.ords.ensure(numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const x = args[0]!;
    const xv = validityOf(x);
    this.ords.extremumBy(args[1]!, gids, n, this.sign, (g, i) => this.values.setRow(g, x, i, xv === null || bit(xv, i)));
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.update(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.values.range(start, end), this.ords.range(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return this.values.range(start, end);
  }
}

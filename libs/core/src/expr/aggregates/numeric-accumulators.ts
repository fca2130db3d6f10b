// count, sum and avg over typed arrays indexed by group id; the per-row folds run in the native module.
// Integral sums wrap at 64 bits (non-ANSI Spark); double sums add in row order, as Spark's do per task.
import * as arrow from 'apache-arrow';
import { fixedValues, native, validityArg } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT, LongT, type DataType } from '../../types/data-type.js';
import { type Accumulator, grownF64, grownI64, grownU8, validityFromBytes } from './accumulator.js';

/** count(*) (no args) counts rows; count(a, b…) counts rows where every argument is non-null. */
export class CountAccumulator implements Accumulator {
  private counts: BigInt64Array = new BigInt64Array(0);
  private numGroups = 0;

  grow(numGroups: number): void {
    this.counts = grownI64(this.counts, numGroups);
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const validities: (Uint8Array | number)[] = [];
    for (const a of args) {
      const [bm, off] = validityArg(a);
      if (bm) validities.push(bm, off);
      else if (a.typeId === arrow.Type.Null) return; // every row has a NULL argument
    }
    native.groupCount(gids, n, this.counts.subarray(0, this.numGroups), validities);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const [bm, off] = validityArg(states[0]!);
    native.groupSumWrapping(fixedValues(states[0]!, LongT) as BigInt64Array, bm, off, gids, n, this.counts.subarray(0, this.numGroups), null);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return primitiveData(LongT, end - start, this.counts.slice(start, end), null);
  }
}

/** sum of int/bigint into a wrapping bigint. */
export class SumLongAccumulator implements Accumulator {
  private sums: BigInt64Array = new BigInt64Array(0);
  private has: Uint8Array = new Uint8Array(0);
  private numGroups = 0;

  constructor(private readonly inputType: DataType) {}

  grow(numGroups: number): void {
    this.sums = grownI64(this.sums, numGroups);
    this.has = grownU8(this.has, numGroups);
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  private add(d: arrow.Data, type: DataType, gids: Int32Array, n: number): void {
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    const values = fixedValues(d, type) as Int32Array | BigInt64Array;
    native.groupSumWrapping(values, bm, off, gids, n, this.sums.subarray(0, this.numGroups), this.has);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.add(args[0]!, this.inputType.kind === 'int32' ? this.inputType : LongT, gids, n);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.add(states[0]!, LongT, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return primitiveData(LongT, end - start, this.sums.slice(start, end), validityFromBytes(this.has, start, end));
  }
}

export class SumDoubleAccumulator implements Accumulator {
  private sums: Float64Array = new Float64Array(0);
  private has: Uint8Array = new Uint8Array(0);
  private numGroups = 0;

  grow(numGroups: number): void {
    this.sums = grownF64(this.sums, numGroups);
    this.has = grownU8(this.has, numGroups);
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    native.groupSumAsDouble(fixedValues(d, DoubleT), bm, off, gids, n, this.sums.subarray(0, this.numGroups), this.has);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.update(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return primitiveData(DoubleT, end - start, this.sums.slice(start, end), validityFromBytes(this.has, start, end));
  }
}

/** avg: state (sum double, count bigint); NULL when no non-null input. */
export class AvgAccumulator implements Accumulator {
  private sums: Float64Array = new Float64Array(0);
  private counts: BigInt64Array = new BigInt64Array(0);
  private numGroups = 0;

  constructor(private readonly inputType: DataType) {}

  grow(numGroups: number): void {
    this.sums = grownF64(this.sums, numGroups);
    this.counts = grownI64(this.counts, numGroups);
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    const type = this.inputType.kind === 'int32' || this.inputType.kind === 'int64' ? this.inputType : DoubleT;
    const g = this.numGroups;
    native.groupSumAsDouble(fixedValues(d, type), bm, off, gids, n, this.sums.subarray(0, g), null);
    native.groupCount(gids, n, this.counts.subarray(0, g), bm ? [bm, off] : null);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const g = this.numGroups;
    const [sb, so] = validityArg(states[0]!);
    native.groupSumAsDouble(fixedValues(states[0]!, DoubleT), sb, so, gids, n, this.sums.subarray(0, g), null);
    const [cb, co] = validityArg(states[1]!);
    native.groupSumWrapping(fixedValues(states[1]!, LongT) as BigInt64Array, cb, co, gids, n, this.counts.subarray(0, g), null);
  }

  states(start: number, end: number): arrow.Data[] {
    return [primitiveData(DoubleT, end - start, this.sums.slice(start, end), null), primitiveData(LongT, end - start, this.counts.slice(start, end), null)];
  }

  result(start: number, end: number): arrow.Data {
    const n = end - start;
    const out = new Float64Array(n);
    const has = new Uint8Array(n);
    const words = new Int32Array(this.counts.buffer, this.counts.byteOffset + 8 * start, 2 * n);
    for (let j = 0; j < n; j++) {
      // Counts are below 2^53: hi * 2^32 + lo is exact.
      const c = words[2 * j + 1]! * 4294967296 + (words[2 * j]! >>> 0);
      if (c > 0) {
        out[j] = this.sums[start + j]! / c;
        has[j] = 1;
      }
    }
    return primitiveData(DoubleT, n, out, validityFromBytes(has, 0, n));
  }
}

// count, sum and avg over typed arrays indexed by group id. Integral sums wrap at 64 bits (non-ANSI Spark).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT, LongT, type DataType } from '../../types/data-type.js';
import { bit, float64Values, int32Values, int64Words, validityOf, wordsOf } from '../eval/columns.js';
import { wordsToNumber, writeNumber } from '../eval/int64.js';
import { type Accumulator, grownF64, grownI64, grownU8, validityFromBytes } from './accumulator.js';

const TWO32 = 4294967296;

function isValid(v: Uint8Array | null, i: number): boolean {
  return v === null || bit(v, i);
}

/** A column's rows as doubles (int64 rounds to nearest). */
function doubleReader(d: arrow.Data, type: DataType): (i: number) => number {
  switch (type.kind) {
    case 'int32': {
      const v = int32Values(d);
      return (i) => v[i]!;
    }
    case 'int64': {
      const w = int64Words(d);
      return (i) => wordsToNumber(w[2 * i]!, w[2 * i + 1]!);
    }
    default: {
      const v = float64Values(d);
      return (i) => v[i]!;
    }
  }
}

function longColumn(values: Float64Array, start: number, end: number): arrow.Data {
  const out = new BigInt64Array(end - start);
  const w = wordsOf(out);
  for (let j = 0; j < out.length; j++) writeNumber(w, j, values[start + j]!);
  return primitiveData(LongT, out.length, out, null);
}

/** count(*) (no args) counts rows; count(a, b…) counts rows where every argument is non-null. */
export class CountAccumulator implements Accumulator {
  private counts: Float64Array = new Float64Array(0);

  grow(numGroups: number): void {
    this.counts = grownF64(this.counts, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const counts = this.counts;
    const valids = args.map(validityOf).filter((v): v is Uint8Array => v !== null);
    if (valids.length === 0) {
      for (let i = 0; i < n; i++) counts[gids[i]!]!++;
      return;
    }
    for (let i = 0; i < n; i++) {
      let ok = true;
      for (const v of valids) if (!bit(v, i)) ok = false;
      if (ok) counts[gids[i]!]!++;
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const w = int64Words(states[0]!);
    const v = validityOf(states[0]!);
    for (let i = 0; i < n; i++) if (isValid(v, i)) this.counts[gids[i]!]! += wordsToNumber(w[2 * i]!, w[2 * i + 1]!);
  }

  states(start: number, end: number): arrow.Data[] {
    return [longColumn(this.counts, start, end)];
  }

  result(start: number, end: number): arrow.Data {
    return longColumn(this.counts, start, end);
  }
}

/** sum of int/bigint into a wrapping bigint, as (lo, hi) word additions with carry. */
export class SumLongAccumulator implements Accumulator {
  private sums: BigInt64Array = new BigInt64Array(0);
  private w: Int32Array = new Int32Array(0);
  private has: Uint8Array = new Uint8Array(0);

  constructor(private readonly inputType: DataType) {}

  grow(numGroups: number): void {
    if (numGroups > this.sums.length) {
      this.sums = grownI64(this.sums, numGroups);
      this.w = wordsOf(this.sums);
    }
    this.has = grownU8(this.has, numGroups);
  }

  private add(d: arrow.Data, gids: Int32Array, n: number, wide: boolean): void {
    const v = validityOf(d);
    const w = this.w;
    const has = this.has;
    // Separate loops per input width keep each one monomorphic.
    if (wide) {
      const src = int64Words(d);
      for (let i = 0; i < n; i++) {
        if (v !== null && !bit(v, i)) continue;
        const g = gids[i]!;
        const l = (w[2 * g]! >>> 0) + (src[2 * i]! >>> 0);
        w[2 * g] = l | 0;
        w[2 * g + 1] = (w[2 * g + 1]! + src[2 * i + 1]! + (l >= TWO32 ? 1 : 0)) | 0;
        has[g] = 1;
      }
    } else {
      const src = int32Values(d);
      for (let i = 0; i < n; i++) {
        if (v !== null && !bit(v, i)) continue;
        const g = gids[i]!;
        const x = src[i]!;
        const l = (w[2 * g]! >>> 0) + (x >>> 0);
        w[2 * g] = l | 0;
        w[2 * g + 1] = (w[2 * g + 1]! + (x >> 31) + (l >= TWO32 ? 1 : 0)) | 0;
        has[g] = 1;
      }
    }
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.add(args[0]!, gids, n, this.inputType.kind !== 'int32');
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.add(states[0]!, gids, n, true);
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

  grow(numGroups: number): void {
    this.sums = grownF64(this.sums, numGroups);
    this.has = grownU8(this.has, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    const v = validityOf(d);
    const x = float64Values(d);
    const sums = this.sums;
    const has = this.has;
    for (let i = 0; i < n; i++) {
      if (v !== null && !bit(v, i)) continue;
      const g = gids[i]!;
      sums[g]! += x[i]!;
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
    return primitiveData(DoubleT, end - start, this.sums.slice(start, end), validityFromBytes(this.has, start, end));
  }
}

/** avg: state (sum double, count bigint); NULL when no non-null input. */
export class AvgAccumulator implements Accumulator {
  private sums: Float64Array = new Float64Array(0);
  private counts: Float64Array = new Float64Array(0);

  constructor(private readonly inputType: DataType) {}

  grow(numGroups: number): void {
    this.sums = grownF64(this.sums, numGroups);
    this.counts = grownF64(this.counts, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    const v = validityOf(d);
    const read = doubleReader(d, this.inputType);
    for (let i = 0; i < n; i++) {
      if (v !== null && !bit(v, i)) continue;
      const g = gids[i]!;
      this.sums[g]! += read(i);
      this.counts[g]!++;
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const s = float64Values(states[0]!);
    const sv = validityOf(states[0]!);
    const c = int64Words(states[1]!);
    const cv = validityOf(states[1]!);
    for (let i = 0; i < n; i++) {
      const g = gids[i]!;
      if (isValid(sv, i)) this.sums[g]! += s[i]!;
      if (isValid(cv, i)) this.counts[g]! += wordsToNumber(c[2 * i]!, c[2 * i + 1]!);
    }
  }

  states(start: number, end: number): arrow.Data[] {
    return [primitiveData(DoubleT, end - start, this.sums.slice(start, end), null), longColumn(this.counts, start, end)];
  }

  result(start: number, end: number): arrow.Data {
    const n = end - start;
    const out = new Float64Array(n);
    const has = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const c = this.counts[start + j]!;
      if (c > 0) {
        out[j] = this.sums[start + j]! / c;
        has[j] = 1;
      }
    }
    return primitiveData(DoubleT, n, out, validityFromBytes(has, 0, n));
  }
}

// sum and avg over decimals: exact bigint sums per group. As in Spark (non-ANSI), a sum that does not fit its
// result type decimal(min(38, p + 10), s) is NULL, and stays NULL through the merge of partial sums.
import type * as arrow from 'apache-arrow';
import { decimalFromValues, decimalWords, readDecimal } from '../../execution/decimal-data.js';
import { isNullAt, primitiveData } from '../../execution/vectors.js';
import { BooleanT, type DecimalType, LongT } from '../../types/data-type.js';
import { decimalAverage, fitsPrecision } from '../../types/decimal.js';
import { decimalAvgType, decimalSumType } from './registry.js';
import { type Accumulator, grownU8 } from './accumulator.js';

/** Group sums of one decimal column; `overflowed` marks groups whose sum left the sum type. */
class DecimalSums {
  sums: bigint[] = [];
  has: Uint8Array = new Uint8Array(0);
  overflowed: Uint8Array = new Uint8Array(0);

  constructor(readonly sumType: DecimalType) {}

  grow(numGroups: number): void {
    while (this.sums.length < numGroups) this.sums.push(0n);
    this.has = grownU8(this.has, numGroups);
    this.overflowed = grownU8(this.overflowed, numGroups);
  }

  /** Adds the non-null rows of `d` (unscaled at the sum's scale: inputs and partial sums share it). */
  add(d: arrow.Data, gids: Int32Array, n: number): void {
    if (d.length === 0 || d.nullCount === d.length) return;
    const w = decimalWords(d);
    for (let i = 0; i < n; i++) {
      if (isNullAt(d, i)) continue;
      const g = gids[i]!;
      this.sums[g] = this.sums[g]! + readDecimal(w, i);
      this.has[g] = 1;
    }
  }

  /** The sum of group g, or null for no rows and for an overflow. */
  value(g: number): bigint | null {
    if (!this.has[g] || this.overflowed[g]) return null;
    const v = this.sums[g]!;
    return fitsPrecision(v, this.sumType.precision) ? v : null;
  }
}

/** sum(decimal): state [sum, isEmpty], so that a NULL sum of non-empty input (an overflow) is told from no input. */
export class DecimalSumAccumulator implements Accumulator {
  private readonly s: DecimalSums;

  constructor(inputType: DecimalType) {
    this.s = new DecimalSums(decimalSumType(inputType));
  }

  grow(numGroups: number): void {
    this.s.grow(numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.s.add(args[0]!, gids, n);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    mergeSums(this.s, states[0]!, states[1]!, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return sumStates(this.s, start, end);
  }

  result(start: number, end: number): arrow.Data {
    const out: (bigint | null)[] = [];
    for (let g = start; g < end; g++) out.push(this.s.value(g));
    return decimalFromValues(this.s.sumType, out);
  }
}

/** avg(decimal): state [sum, isEmpty, count]; the result divides as Spark's Average does (decimalAverage). */
export class DecimalAvgAccumulator implements Accumulator {
  private readonly s: DecimalSums;
  private counts: bigint[] = [];

  constructor(private readonly inputType: DecimalType) {
    this.s = new DecimalSums(decimalSumType(inputType));
  }

  grow(numGroups: number): void {
    this.s.grow(numGroups);
    while (this.counts.length < numGroups) this.counts.push(0n);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const d = args[0]!;
    this.s.add(d, gids, n);
    for (let i = 0; i < n; i++) if (!isNullAt(d, i)) this.counts[gids[i]!]! += 1n;
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    mergeSums(this.s, states[0]!, states[1]!, gids, n);
    const c = states[2]!.values as BigInt64Array;
    for (let i = 0; i < n; i++) this.counts[gids[i]!]! += c[i]!;
  }

  states(start: number, end: number): arrow.Data[] {
    return [...sumStates(this.s, start, end), primitiveData(LongT, end - start, BigInt64Array.from(this.counts.slice(start, end)), null)];
  }

  result(start: number, end: number): arrow.Data {
    const out: (bigint | null)[] = [];
    for (let g = start; g < end; g++) {
      const sum = this.s.value(g);
      out.push(sum === null || this.counts[g] === 0n ? null : decimalAverage(sum, this.inputType, this.counts[g]!));
    }
    return decimalFromValues(decimalAvgType(this.inputType), out);
  }
}

function sumStates(s: DecimalSums, start: number, end: number): arrow.Data[] {
  const sums: (bigint | null)[] = [];
  const empty = new Uint8Array((end - start + 7) >> 3);
  for (let g = start; g < end; g++) {
    sums.push(s.value(g));
    if (!s.has[g]) empty[(g - start) >> 3]! |= 1 << ((g - start) & 7);
  }
  return [decimalFromValues(s.sumType, sums), primitiveData(BooleanT, end - start, empty, null)];
}

function mergeSums(s: DecimalSums, sums: arrow.Data, isEmpty: arrow.Data, gids: Int32Array, n: number): void {
  s.add(sums, gids, n);
  const bits = isEmpty.values as Uint8Array;
  for (let i = 0; i < n; i++) {
    const j = isEmpty.offset + i;
    const empty = (bits[j >> 3]! & (1 << (j & 7))) !== 0;
    // A partial sum that is NULL though its input was not empty overflowed: the whole sum is NULL.
    if (!empty && isNullAt(sums, i)) {
      s.overflowed[gids[i]!] = 1;
      s.has[gids[i]!] = 1;
    }
  }
}

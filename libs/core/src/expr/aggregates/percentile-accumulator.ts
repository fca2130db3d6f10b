// percentile(x, p) and median(x), exact, as Spark's Percentile: the group's non-NULL values (as doubles) are kept
// as a collect_list state, sorted at the end, and read at position (n - 1) * p with linear interpolation.
import * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { fixedValues } from '../../execution/kernels.js';
import { primitiveData, takeData } from '../../execution/vectors.js';
import { ArrayT, DoubleT, LongT } from '../../types/data-type.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { evaluate } from '../eval/evaluate.js';
import { valueReader } from '../eval/values.js';
import { type AggregateCall, type Expression, dataTypeOf } from '../expression.js';
import type { Accumulator } from './accumulator.js';
import { CollectListAccumulator } from './collect-accumulator.js';

/** The value of a constant expression (a literal, a cast of one, `array(…)` of them). */
export function constantValue(e: Expression): unknown {
  const batch = new arrow.RecordBatch(new arrow.Schema([]), arrow.makeData({ type: new arrow.Struct([]), length: 1, children: [] }));
  return valueReader(evaluate(e, batch), dataTypeOf(e))(0);
}

/** The percentages of a constant `percentage` argument as numbers (decimal elements are unscaled bigints), or null. */
export function percentagesOf(e: Expression): { values: (number | null)[]; many: boolean } {
  const t = dataTypeOf(e);
  const v = constantValue(e);
  const elementType = t.kind === 'array' ? t.elementType : t;
  const num = (x: unknown): number | null => {
    if (x === null) return null;
    return elementType.kind === 'decimal' ? Number(x as bigint) / 10 ** elementType.scale : Number(x);
  };
  if (t.kind === 'array') return { values: v === null ? [null] : (v as unknown[]).map(num), many: true };
  return { values: [num(v)], many: false };
}

/** Spark's Percentile.getPercentile over ascending `v[from, to)`. */
function percentileOf(v: Float64Array, from: number, to: number, p: number): number {
  const position = (to - from - 1) * p;
  const lower = Math.floor(position);
  const higher = Math.ceil(position);
  const lowerKey = v[from + lower]!;
  if (higher === lower) return lowerKey;
  const higherKey = v[from + higher]!;
  if (higherKey === lowerKey) return lowerKey;
  return (higher - position) * lowerKey + (position - lower) * higherKey;
}

/** Spark's double order: NaN above every number. */
function compareDoubles(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class PercentileAccumulator implements Accumulator {
  private readonly values = new CollectListAccumulator(DoubleT);
  /** The percentages, and whether the call asked for an array of them. */
  private readonly ps: number[];
  private readonly many: boolean;

  constructor(call: AggregateCall) {
    const p = call.fn === 'median' ? { values: [0.5], many: false } : percentagesOf(call.args[1]!);
    this.many = p.many;
    this.ps = p.values.map(Number);
  }

  grow(numGroups: number): void {
    this.values.grow(numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const freq = args[2];
    if (freq === undefined) return this.values.update(args.slice(0, 1), gids, n);
    // Each row counts `frequency` times (a NULL or 0 frequency: not at all), as Spark's Percentile.
    const f = fixedValues(freq, LongT) as BigInt64Array;
    const fv = validityOf(freq);
    let ones = true;
    for (let i = 0; i < n && ones; i++) ones = f[i] === 1n && (fv === null || bit(fv, i));
    if (ones) return this.values.update(args.slice(0, 1), gids, n);
    const rows: number[] = [];
    const groups: number[] = [];
    for (let i = 0; i < n; i++) {
      if (fv !== null && !bit(fv, i)) continue;
      const times = f[i]!;
      if (times < 0n) throw new ExecutionError('INTERNAL_ERROR', `Negative values found in frequency: ${times}`);
      for (let r = 0n; r < times; r++) {
        rows.push(i);
        groups.push(gids[i]!);
      }
    }
    const idx = Int32Array.from(rows);
    this.values.update([takeData(DoubleT, args[0]!, idx)], Int32Array.from(groups), idx.length);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.values.merge(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return this.values.states(start, end);
  }

  result(start: number, end: number): arrow.Data {
    const lists = this.values.result(start, end);
    const offsets = lists.valueOffsets as Int32Array;
    const child = lists.children[0]!;
    const all = (child.values as Float64Array).subarray(0, child.length);
    const cv = validityOf(child);
    const n = end - start;
    const k = this.ps.length;
    const out = new Float64Array(n * k);
    const has = new Uint8Array((n + 7) >> 3);
    let missing = false;
    for (let j = 0; j < n; j++) {
      const vals = Float64Array.from(all.subarray(offsets[j]!, offsets[j + 1]!).filter((_, i) => cv === null || bit(cv, offsets[j]! + i)));
      if (vals.length === 0) {
        missing = true;
        continue;
      }
      vals.sort(compareDoubles);
      has[j >> 3]! |= 1 << (j & 7);
      for (let q = 0; q < k; q++) out[j * k + q] = percentileOf(vals, 0, vals.length, this.ps[q]!);
    }
    const validity = missing ? has : null;
    if (!this.many) return primitiveData(DoubleT, n, out, validity);
    const elementOffsets = Int32Array.from({ length: n + 1 }, (_, j) => j * k);
    return listData(ArrayT(DoubleT, false), n, elementOffsets, primitiveData(DoubleT, n * k, out, null), validity);
  }
}

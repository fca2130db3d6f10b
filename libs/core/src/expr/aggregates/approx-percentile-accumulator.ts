// percentile_approx(x, p, accuracy) as Spark's ApproximatePercentile: one G-K summary (relative error 1 / accuracy)
// per group, serialised as the partial state; results are converted back to the input's type as Spark does
// (toInt / toLong truncate, dates are days, decimals keep their scale).
import type * as arrow from 'apache-arrow';
import { binaryData, dataFromValues } from '../../execution/vectors.js';
import { ArrayT, type DataType } from '../../types/data-type.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { valueReader } from '../eval/values.js';
import { type AggregateCall, dataTypeOf } from '../expression.js';
import type { Accumulator } from './accumulator.js';
import { constantValue, percentagesOf } from './percentile-accumulator.js';
import { DEFAULT_COMPRESS_THRESHOLD, QuantileSummaries } from './quantile-summaries.js';

/** A value of `t` (engine convention) as the double Spark's ApproximatePercentile reads. */
export function toDoubleOf(t: DataType): (v: unknown) => number {
  if (t.kind === 'decimal') return (v) => Number(v as bigint) / 10 ** t.scale;
  return (v) => Number(v);
}

/** A double back in `t` (engine convention), as Spark's ApproximatePercentile.eval converts it. */
export function fromDoubleTo(t: DataType): (d: number) => unknown {
  switch (t.kind) {
    case 'int32':
    case 'date':
      return (d) => (Number.isNaN(d) ? 0 : Math.max(-2147483648, Math.min(2147483647, Math.trunc(d))));
    case 'int64':
    case 'timestamp':
      // Java's (long) d: NaN is 0, out of range saturates.
      return (d) => (Number.isNaN(d) ? 0n : d >= 2 ** 63 ? 9223372036854775807n : d <= -(2 ** 63) ? -9223372036854775808n : BigInt(Math.trunc(d)));
    case 'decimal':
      return (d) => BigInt(d.toFixed(t.scale).replace('.', ''));
    default:
      return (d) => d;
  }
}

export class ApproxPercentileAccumulator implements Accumulator {
  private summaries: QuantileSummaries[] = [];
  private readonly relativeError: number;
  private readonly ps: number[];
  private readonly many: boolean;
  private readonly inputType: DataType;
  private readonly direct: boolean;

  constructor(call: AggregateCall) {
    const p = percentagesOf(call.args[1]!);
    this.ps = p.values.map(Number);
    this.many = p.many;
    // approxQuantile gives its relative error (a double) and skips NaN; percentile_approx gives an accuracy.
    this.direct = dataTypeOf(call.args[2]!).kind === 'float64';
    this.relativeError = this.direct ? Number(constantValue(call.args[2]!)) : 1.0 / Number(constantValue(call.args[2]!));
    this.inputType = dataTypeOf(call.args[0]!);
  }

  grow(numGroups: number): void {
    for (let g = this.summaries.length; g < numGroups; g++) this.summaries.push(this.fresh());
  }

  private fresh(): QuantileSummaries {
    // Spark's PercentileDigest starts from an empty summary marked compressed.
    return new QuantileSummaries(DEFAULT_COMPRESS_THRESHOLD, this.relativeError, [], 0, true);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const read = valueReader(args[0]!, this.inputType);
    const toDouble = toDoubleOf(this.inputType);
    for (let i = 0; i < n; i++) {
      const v = read(i);
      if (v === null || v === undefined) continue;
      const d = toDouble(v);
      if (this.direct && Number.isNaN(d)) continue;
      this.summaries[gids[i]!]!.insert(d);
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const s = states[0]!;
    const offsets = s.valueOffsets as Int32Array;
    const bytes = s.values as Uint8Array;
    const v = validityOf(s);
    for (let r = 0; r < n; r++) {
      if (v !== null && !bit(v, r)) continue;
      const from = offsets[r]!;
      const copy = bytes.slice(from, offsets[r + 1]!);
      const f = new Float64Array(copy.buffer);
      const k = f[2]!;
      const other = new QuantileSummaries(DEFAULT_COMPRESS_THRESHOLD, f[0]!, [], f[1]!, true);
      for (let j = 0; j < k; j++) other.sampled.push({ value: f[3 + j]!, g: f[3 + k + j]!, delta: f[3 + 2 * k + j]! });
      this.summaries[gids[r]!]!.merge(other);
    }
  }

  states(start: number, end: number): arrow.Data[] {
    const parts: Uint8Array[] = [];
    for (let g = start; g < end; g++) {
      const st = this.summaries[g]!.toState();
      const k = st.values.length;
      const f = new Float64Array(3 + 3 * k);
      f[0] = st.relativeError;
      f[1] = st.count;
      f[2] = k;
      f.set(st.values, 3);
      f.set(st.gs, 3 + k);
      f.set(st.deltas, 3 + 2 * k);
      parts.push(new Uint8Array(f.buffer));
    }
    return [binaryData(parts, null)];
  }

  result(start: number, end: number): arrow.Data {
    const back = fromDoubleTo(this.inputType);
    const out: unknown[] = [];
    for (let g = start; g < end; g++) {
      // No values, or no percentages asked (Spark's empty result array), give NULL.
      const q = this.ps.length === 0 ? null : this.summaries[g]!.query(this.ps);
      if (q === null) out.push(null);
      else out.push(this.many ? q.map(back) : back(q[0]!));
    }
    if (!this.many) return dataFromValues(this.inputType, out);
    // Lists built from their elements, so dates and timestamps keep the engine's encoding.
    const offsets = new Int32Array(out.length + 1);
    const flat: unknown[] = [];
    const valid = new Uint8Array((out.length + 7) >> 3);
    out.forEach((v, j) => {
      if (v !== null) {
        flat.push(...(v as unknown[]));
        valid[j >> 3]! |= 1 << (j & 7);
      }
      offsets[j + 1] = flat.length;
    });
    const all = out.every((v) => v !== null);
    return listData(ArrayT(this.inputType, false), out.length, offsets, dataFromValues(this.inputType, flat), all ? null : valid);
  }
}

// approx_count_distinct(x[, rsd]) as Spark's HyperLogLogPlusPlus: dense registers only (Spark keeps no sparse form),
// p = ceil(2 * log2(1.106 / rsd)) index bits, the xxhash64 (seed 42) of each value, linear counting below Spark's
// thresholds and KNN bias correction (K = 6) from the HLL++ tables otherwise; so estimates equal Spark's.
import type * as arrow from 'apache-arrow';
import { binaryData, primitiveData } from '../../execution/vectors.js';
import { LongT } from '../../types/data-type.js';
import { validityOf, bit } from '../eval/columns.js';
import { type AggregateCall, dataTypeOf } from '../expression.js';
import { xxhash64Values } from '../functions/hash-functions.js';
import type { Accumulator } from './accumulator.js';
import { HLL_BIASES, HLL_RAW_ESTIMATES, HLL_THRESHOLDS } from './hll-bias-data.js';
import { constantValue } from './percentile-accumulator.js';

const K = 6;

/** Spark's precision for a relative standard deviation; below 4 Spark refuses the call. */
export function hllPrecision(rsd: number): number {
  return Math.ceil((2.0 * Math.log(1.106 / rsd)) / Math.log(2.0));
}

/** The rsd of a call: its second argument (a constant double), 0.05 by default. */
export function hllRsd(call: AggregateCall): number {
  return call.args.length > 1 ? Number(constantValue(call.args[1]!)) : 0.05;
}

function clz64(w: bigint): number {
  const hi = Number(w >> 32n);
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(w & 0xffffffffn));
}

/** HyperLogLog++ over groups: `m` one-byte registers per group. */
export class HllAccumulator implements Accumulator {
  private readonly p: number;
  private readonly m: number;
  private readonly alphaM2: number;
  private regs = new Uint8Array(0);
  private numGroups = 0;

  constructor(private readonly call: AggregateCall) {
    this.p = hllPrecision(hllRsd(call));
    this.m = 1 << this.p;
    const m = this.m;
    this.alphaM2 = this.p === 4 ? 0.673 * m * m : this.p === 5 ? 0.697 * m * m : this.p === 6 ? 0.709 * m * m : (0.7213 / (1.0 + 1.079 / m)) * m * m;
  }

  grow(numGroups: number): void {
    if (numGroups <= this.numGroups) return;
    const need = numGroups * this.m;
    if (need > this.regs.length) {
      const b = new Uint8Array(Math.max(need, this.regs.length * 2));
      b.set(this.regs);
      this.regs = b;
    }
    this.numGroups = numGroups;
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const hashes = xxhash64Values(args[0]!, dataTypeOf(this.call.args[0]!), n);
    const p = BigInt(this.p);
    const idxShift = BigInt(64 - this.p);
    const wPadding = 1n << BigInt(this.p - 1);
    for (let i = 0; i < n; i++) {
      const x = hashes[i];
      if (x === null || x === undefined) continue;
      const idx = Number(x >> idxShift);
      const pw = clz64(BigInt.asUintN(64, x << p) | wPadding) + 1;
      const at = gids[i]! * this.m + idx;
      if (pw > this.regs[at]!) this.regs[at] = pw;
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
      const base = gids[r]! * this.m;
      for (let j = 0; j < this.m; j++) {
        const x = bytes[from + j]!;
        if (x > this.regs[base + j]!) this.regs[base + j] = x;
      }
    }
  }

  states(start: number, end: number): arrow.Data[] {
    const parts: Uint8Array[] = [];
    for (let g = start; g < end; g++) parts.push(this.regs.slice(g * this.m, (g + 1) * this.m));
    return [binaryData(parts, null)];
  }

  result(start: number, end: number): arrow.Data {
    const out = new BigInt64Array(end - start);
    for (let g = start; g < end; g++) out[g - start] = BigInt(this.estimate(g * this.m));
    return primitiveData(LongT, end - start, out, null);
  }

  /** Spark's HyperLogLogPlusPlusHelper.query over the registers at `base`. */
  private estimate(base: number): number {
    const m = this.m;
    let zInverse = 0;
    let V = 0;
    for (let j = 0; j < m; j++) {
      const r = this.regs[base + j]!;
      zInverse += 1.0 / 2 ** r;
      if (r === 0) V += 1;
    }
    const E = this.alphaM2 / zInverse;
    const corrected = (): number => (this.p < 19 && E < 5.0 * m ? E - this.bias(E) : E);
    let estimate: number;
    if (V > 0) {
      // Linear counting for small cardinalities.
      const H = m * Math.log(m / V);
      estimate = (this.p < 19 && H <= HLL_THRESHOLDS[this.p - 4]!) || E <= 2.5 * m ? H : corrected();
    } else {
      estimate = corrected();
    }
    // Java's Math.round: floor(x + 0.5).
    return Math.floor(estimate + 0.5);
  }

  /** KNN interpolation of the bias at raw estimate `e` (Spark's estimateBias). */
  private bias(e: number): number {
    const estimates = HLL_RAW_ESTIMATES[this.p - 4]!;
    const num = estimates.length;
    // Java's Arrays.binarySearch insertion point (or the hit).
    let lo = 0;
    let hi = num - 1;
    let nearest = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = estimates[mid]!;
      if (v < e) lo = mid + 1;
      else if (v > e) hi = mid - 1;
      else {
        nearest = mid;
        break;
      }
    }
    if (nearest < 0) nearest = lo;
    const distance = (i: number): number => (e - estimates[i]!) ** 2;
    let low = Math.max(nearest - K + 1, 0);
    let high = Math.min(low + K, num);
    while (high < num && distance(high) < distance(low)) {
      low++;
      high++;
    }
    const biases = HLL_BIASES[this.p - 4]!;
    let sum = 0;
    for (let i = low; i < high; i++) sum += biases[i]!;
    return sum / (high - low);
  }
}

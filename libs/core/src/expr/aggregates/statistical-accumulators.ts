// Central-moment and co-moment aggregates (stddev…kurtosis, corr, covar_*, regr_*): per-group double states updated
// and merged with Spark's formulas (CentralMomentAgg, Covariance, PearsonCorrelation: Welford / Chan et al.), so
// results match Spark's to the bit on the same row order. Every state slot starts at 0.
import * as arrow from 'apache-arrow';
import { fixedValues } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT } from '../../types/data-type.js';
import { andValidity, bit, validityOf } from '../eval/columns.js';
import type { AggregateFunctionName } from '../expression.js';
import { type Accumulator, grownF64, validityFromBytes } from './accumulator.js';

/** States are columns of doubles: s[slot][group]. */
type States = Float64Array[];

/**
 * One double-state aggregate: `width` slots per group, folded row by row (`update`, arguments already doubles and
 * non-NULL), combined (`merge`, the other side's slots at row k of `o`) and finished (`evaluate`, null for NULL).
 */
export interface MomentAggregate {
  readonly width: number;
  readonly arity: 1 | 2;
  update(s: States, g: number, x: number, y: number): void;
  merge(s: States, g: number, o: States, k: number): void;
  evaluate(s: States, g: number): number | null;
}

/** Catalyst's Divide: NULL when the divisor is zero (non-ANSI), whatever the dividend. */
function div(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

// ---- CentralMomentAgg: n, avg, m2[, m3[, m4]] (slots 0..4) -------------------------------------------------------

function momentUpdate(order: 2 | 3 | 4, s: States, g: number, x: number, at = 0): void {
  const n = s[at]![g]!;
  const avg = s[at + 1]![g]!;
  const newN = n + 1.0;
  const delta = x - avg;
  const deltaN = delta / newN;
  const newM2 = s[at + 2]![g]! + delta * (delta - deltaN);
  s[at]![g] = newN;
  s[at + 1]![g] = avg + deltaN;
  s[at + 2]![g] = newM2;
  if (order < 3) return;
  const delta2 = delta * delta;
  const deltaN2 = deltaN * deltaN;
  const newM3 = s[3]![g]! - 3.0 * deltaN * newM2 + delta * (delta2 - deltaN2);
  s[3]![g] = newM3;
  if (order < 4) return;
  s[4]![g] = s[4]![g]! - 4.0 * deltaN * newM3 - 6.0 * deltaN2 * newM2 + delta * (delta * delta2 - deltaN * deltaN2);
}

function momentMerge(order: 2 | 3 | 4, s: States, g: number, o: States, k: number, at = 0): void {
  const n1 = s[at]![g]!;
  const n2 = o[at]![k]!;
  const newN = n1 + n2;
  const delta = o[at + 1]![k]! - s[at + 1]![g]!;
  const deltaN = newN === 0.0 ? 0.0 : delta / newN;
  const m2a = s[at + 2]![g]!;
  const m2b = o[at + 2]![k]!;
  s[at]![g] = newN;
  s[at + 1]![g] = s[at + 1]![g]! + deltaN * n2;
  s[at + 2]![g] = m2a + m2b + delta * deltaN * n1 * n2;
  if (order < 3) return;
  const m3a = s[3]![g]!;
  const m3b = o[3]![k]!;
  s[3]![g] = m3a + m3b + deltaN * deltaN * delta * n1 * n2 * (n1 - n2) + 3.0 * deltaN * (n1 * m2b - n2 * m2a);
  if (order < 4) return;
  s[4]![g] =
    s[4]![g]! + o[4]![k]! +
    deltaN * deltaN * deltaN * delta * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2) +
    6.0 * deltaN * deltaN * (n1 * n1 * m2b + n2 * n2 * m2a) +
    4.0 * deltaN * (n1 * m3b - n2 * m3a);
}

function moment(order: 2 | 3 | 4, evaluate: (n: number, m2: number, m3: number, m4: number) => number | null, arity: 1 | 2 = 1, onY = false): MomentAggregate {
  return {
    width: order + 1,
    arity,
    update: onY ? (s, g, _x, y) => momentUpdate(order, s, g, y) : (s, g, x) => momentUpdate(order, s, g, x),
    merge: (s, g, o, k) => momentMerge(order, s, g, o, k),
    evaluate: (s, g) => {
      const n = s[0]![g]!;
      return n === 0.0 ? null : evaluate(n, s[2]![g]!, order >= 3 ? s[3]![g]! : 0, order >= 4 ? s[4]![g]! : 0);
    },
  };
}

const sqrt = (v: number | null): number | null => (v === null ? null : Math.sqrt(v));

// ---- Covariance / PearsonCorrelation: n, xAvg, yAvg, ck[, xMk, yMk] (slots 0..5), from offset `at` ------------------

function coUpdate(withMk: boolean, s: States, g: number, x: number, y: number, at = 0): void {
  const n = s[at]![g]!;
  const xAvg = s[at + 1]![g]!;
  const yAvg = s[at + 2]![g]!;
  const newN = n + 1.0;
  const dx = x - xAvg;
  const dxN = dx / newN;
  const dy = y - yAvg;
  const dyN = dy / newN;
  const newXAvg = xAvg + dxN;
  const newYAvg = yAvg + dyN;
  s[at]![g] = newN;
  s[at + 1]![g] = newXAvg;
  s[at + 2]![g] = newYAvg;
  s[at + 3]![g] = s[at + 3]![g]! + dx * (y - newYAvg);
  if (!withMk) return;
  s[at + 4]![g] = s[at + 4]![g]! + dx * (x - newXAvg);
  s[at + 5]![g] = s[at + 5]![g]! + dy * (y - newYAvg);
}

function coMerge(withMk: boolean, s: States, g: number, o: States, k: number, at = 0): void {
  const n1 = s[at]![g]!;
  const n2 = o[at]![k]!;
  const newN = n1 + n2;
  const dx = o[at + 1]![k]! - s[at + 1]![g]!;
  const dxN = newN === 0.0 ? 0.0 : dx / newN;
  const dy = o[at + 2]![k]! - s[at + 2]![g]!;
  const dyN = newN === 0.0 ? 0.0 : dy / newN;
  s[at]![g] = newN;
  s[at + 1]![g] = s[at + 1]![g]! + dxN * n2;
  s[at + 2]![g] = s[at + 2]![g]! + dyN * n2;
  s[at + 3]![g] = s[at + 3]![g]! + o[at + 3]![k]! + dx * dyN * n1 * n2;
  if (!withMk) return;
  s[at + 4]![g] = s[at + 4]![g]! + o[at + 4]![k]! + dx * dxN * n1 * n2;
  s[at + 5]![g] = s[at + 5]![g]! + o[at + 5]![k]! + dy * dyN * n1 * n2;
}

/** `swap`: the function's first argument is Spark's second operand (regr_*(y, x) compute over (x, y)). */
function comoment(withMk: boolean, evaluate: (n: number, xAvg: number, yAvg: number, ck: number, xMk: number, yMk: number) => number | null, swap = false): MomentAggregate {
  return {
    width: withMk ? 6 : 4,
    arity: 2,
    update: swap ? (s, g, x, y) => coUpdate(withMk, s, g, y, x) : (s, g, x, y) => coUpdate(withMk, s, g, x, y),
    merge: (s, g, o, k) => coMerge(withMk, s, g, o, k),
    evaluate: (s, g) => {
      const n = s[0]![g]!;
      return n === 0.0 ? null : evaluate(n, s[1]![g]!, s[2]![g]!, s[3]![g]!, withMk ? s[4]![g]! : 0, withMk ? s[5]![g]! : 0);
    },
  };
}

export type MomentFunctionName =
  | 'stddev_samp' | 'stddev_pop' | 'var_samp' | 'var_pop' | 'skewness' | 'kurtosis'
  | 'corr' | 'covar_pop' | 'covar_samp'
  | 'regr_sxx' | 'regr_syy' | 'regr_sxy' | 'regr_slope' | 'regr_intercept' | 'regr_r2';

// Spark 4 (spark.sql.legacy.statisticalAggregate=false): a division by zero (one row for the sample variants, no
// spread for skewness/kurtosis/corr) is NULL, not NaN.
export const MOMENT_AGGREGATES: Record<MomentFunctionName, MomentAggregate> = {
  stddev_samp: moment(2, (n, m2) => (n === 1.0 ? null : sqrt(div(m2, n - 1.0)))),
  stddev_pop: moment(2, (n, m2) => sqrt(div(m2, n))),
  var_samp: moment(2, (n, m2) => (n === 1.0 ? null : div(m2, n - 1.0))),
  var_pop: moment(2, (n, m2) => div(m2, n)),
  skewness: moment(3, (n, m2, m3) => (m2 === 0.0 ? null : div(Math.sqrt(n) * m3, Math.sqrt(m2 * m2 * m2)))),
  kurtosis: moment(4, (n, m2, _m3, m4) => {
    if (m2 === 0.0) return null;
    const q = div(n * m4, m2 * m2);
    return q === null ? null : q - 3.0;
  }),
  corr: comoment(true, (n, _xa, _ya, ck, xMk, yMk) => (n === 1.0 ? null : div(ck, Math.sqrt(xMk * yMk)))),
  covar_pop: comoment(false, (n, _xa, _ya, ck) => div(ck, n)),
  covar_samp: comoment(false, (n, _xa, _ya, ck) => (n === 1.0 ? null : div(ck, n - 1.0))),
  // regr_sxx(y, x) / regr_syy(y, x): the second moment of x / y over the rows where both are non-NULL.
  regr_sxx: moment(2, (_n, m2) => m2, 2, true),
  regr_syy: moment(2, (_n, m2) => m2, 2),
  regr_sxy: comoment(false, (_n, _xa, _ya, ck) => ck, true),
  // Spark 4 computes both from PearsonCorrelation(x, y)'s state: slope = ck / xMk.
  regr_slope: comoment(true, (_n, _xa, _ya, ck, xMk) => div(ck, xMk), true),
  regr_intercept: comoment(true, (_n, xAvg, yAvg, ck, xMk) => {
    const slope = div(ck, xMk);
    return slope === null ? null : yAvg - slope * xAvg;
  }, true),
  // Spark squares the correlation: (ck / sqrt(xMk * yMk))², not ck² / (xMk * yMk).
  regr_r2: comoment(true, (_n, _xa, _ya, ck, xMk, yMk) => {
    if (xMk === 0.0) return null;
    if (yMk === 0.0) return 1.0;
    const r = div(ck, Math.sqrt(xMk * yMk));
    return r === null ? null : r * r;
  }, true),
};

export function isMomentFunction(fn: AggregateFunctionName): fn is MomentFunctionName {
  return Object.hasOwn(MOMENT_AGGREGATES, fn);
}

/** Rows where every argument is non-NULL, as a bitmap (null: all rows). */
function rowsWithAll(args: readonly arrow.Data[], n: number): Uint8Array | null | 'none' {
  let v: Uint8Array | null = null;
  for (const a of args) {
    if (a.typeId === arrow.Type.Null) return 'none';
    v = andValidity(v, validityOf(a), n);
  }
  return v;
}

/** A MomentAggregate over groups: one Float64Array per state slot; the arguments are doubles (the analyzer casts). */
export class MomentAccumulator implements Accumulator {
  private s: States;
  private numGroups = 0;

  constructor(private readonly agg: MomentAggregate) {
    this.s = Array.from({ length: agg.width }, () => new Float64Array(0));
  }

  grow(numGroups: number): void {
    this.s = this.s.map((a) => grownF64(a, numGroups));
    this.numGroups = Math.max(this.numGroups, numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const data = args.slice(0, this.agg.arity);
    const valid = rowsWithAll(data, n);
    if (valid === 'none') return;
    const xs = fixedValues(data[0]!, DoubleT) as Float64Array;
    const ys = this.agg.arity === 2 ? (fixedValues(data[1]!, DoubleT) as Float64Array) : xs;
    const { agg, s } = this;
    if (valid === null) {
      for (let i = 0; i < n; i++) agg.update(s, gids[i]!, xs[i]!, ys[i]!);
    } else {
      for (let i = 0; i < n; i++) if (bit(valid, i)) agg.update(s, gids[i]!, xs[i]!, ys[i]!);
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const o = states.map((d) => fixedValues(d, DoubleT) as Float64Array);
    const { agg, s } = this;
    for (let k = 0; k < n; k++) agg.merge(s, gids[k]!, o, k);
  }

  states(start: number, end: number): arrow.Data[] {
    return this.s.map((a) => primitiveData(DoubleT, end - start, a.slice(start, end), null));
  }

  result(start: number, end: number): arrow.Data {
    const n = end - start;
    const out = new Float64Array(n);
    const has = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const v = this.agg.evaluate(this.s, start + j);
      if (v !== null) {
        out[j] = v;
        has[j] = 1;
      }
    }
    return primitiveData(DoubleT, n, out, validityFromBytes(has, 0, n));
  }
}

/**
 * regr_avgx / regr_avgy: an accumulator of one argument (k) fed only the rows where both arguments are non-NULL
 * (that argument with the AND of both validities).
 */
export class PairMaskedAccumulator implements Accumulator {
  constructor(private readonly inner: Accumulator, private readonly k: 0 | 1) {}

  grow(numGroups: number): void {
    this.inner.grow(numGroups);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const valid = rowsWithAll(args.slice(0, 2), n);
    if (valid === 'none') return;
    const d = args[this.k]!;
    const masked = valid === null ? d : arrow.makeData({ type: d.type, offset: 0, length: n, nullBitmap: valid, data: sliceValues(d, n) } as never);
    this.inner.update([masked], gids, n);
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.inner.merge(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return this.inner.states(start, end);
  }

  result(start: number, end: number): arrow.Data {
    return this.inner.result(start, end);
  }

  release(): void {
    this.inner.release?.();
  }
}

/** The values buffer of rows [0, n) of a fixed-width column (arrow-js slices values with the data's offset). */
function sliceValues(d: arrow.Data, n: number): ArrayBufferView {
  const v = d.values as Float64Array | Int32Array | BigInt64Array;
  const stride = d.type.typeId === arrow.Type.Decimal ? 4 : 1;
  return v.subarray(0, n * stride);
}

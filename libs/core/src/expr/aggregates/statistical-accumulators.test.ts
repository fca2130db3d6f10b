// The statistical accumulators on random data with NULLs: one pass equals a textbook two-pass computation, and
// partial states merged across partitions equal the one-pass result; the NULL/division-by-zero edges are Spark's.
import type * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildColumn, valueReader } from '../eval/values.js';
import { type AggregateCall, type StatisticalAggregateName, attr } from '../expression.js';
import { type DataType, DoubleT, LongT } from '../../types/data-type.js';
import { createAccumulator } from './create-accumulator.js';
import { aggregateDef, aggregateStateTypes } from './registry.js';

function call(fn: StatisticalAggregateName, arity: number): AggregateCall {
  const args = Array.from({ length: arity }, (_, k) => attr(`a${k}`, DoubleT, true));
  const r = aggregateDef(fn).resolve(args.map(() => DoubleT), false);
  if ('error' in r) throw new Error(r.error);
  return { kind: 'agg', fn, args, distinct: false, dataType: r.dataType, nullable: r.nullable };
}

/** A seeded generator of doubles with ~20% NULLs. */
function randomColumn(seed: number, n: number): (number | null)[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => (next() < 0.2 ? null : Math.round((next() * 200 - 50) * 1000) / 1000));
}

function run(c: AggregateCall, cols: (number | null)[][], gids: Int32Array, numGroups: number): unknown[] {
  const acc = createAccumulator(c);
  acc.grow(numGroups);
  acc.update(cols.map((v) => buildColumn(DoubleT, v)), gids, gids.length);
  return read(acc.result(0, numGroups), c.dataType, numGroups);
}

function read(d: arrow.Data, t: DataType, n: number): unknown[] {
  const r = valueReader(d, t);
  return Array.from({ length: n }, (_, i) => r(i));
}

/** Splits rows into `parts` partitions, aggregates each partially, and merges their states in a final accumulator. */
function runMerged(c: AggregateCall, cols: (number | null)[][], gids: Int32Array, numGroups: number, parts: number): unknown[] {
  const final = createAccumulator(c);
  final.grow(numGroups);
  const n = gids.length;
  for (let p = 0; p < parts; p++) {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i % parts === p);
    const partial = createAccumulator(c);
    partial.grow(numGroups);
    partial.update(cols.map((v) => buildColumn(DoubleT, rows.map((i) => v[i]!))), Int32Array.from(rows.map((i) => gids[i]!)), rows.length);
    const states = partial.states(0, numGroups);
    expect(states.map((s) => s.length)).toEqual(aggregateStateTypes(c).map(() => numGroups));
    final.merge(states, Int32Array.from({ length: numGroups }, (_, g) => g), numGroups);
  }
  return read(final.result(0, numGroups), c.dataType, numGroups);
}

/** Textbook two-pass statistics of the rows where every column is non-NULL. */
function reference(fn: StatisticalAggregateName, cols: (number | null)[][]): number | null {
  const rows = cols[0]!.map((_, i) => cols.map((c) => c[i]!)).filter((r) => r.every((v) => v !== null)) as number[][];
  const n = rows.length;
  if (n === 0) return fn === 'regr_count' ? 0 : null;
  const mean = (k: number) => rows.reduce((a, r) => a + r[k]!, 0) / n;
  const central = (k: number, p: number) => rows.reduce((a, r) => a + (r[k]! - mean(k)) ** p, 0);
  const co = (a: number, b: number) => rows.reduce((s, r) => s + (r[a]! - mean(a)) * (r[b]! - mean(b)), 0);
  // regr_*(y, x): y is column 0, x column 1.
  switch (fn) {
    case 'stddev_samp': return n < 2 ? null : Math.sqrt(central(0, 2) / (n - 1));
    case 'stddev_pop': return Math.sqrt(central(0, 2) / n);
    case 'var_samp': return n < 2 ? null : central(0, 2) / (n - 1);
    case 'var_pop': return central(0, 2) / n;
    case 'skewness': return (Math.sqrt(n) * central(0, 3)) / central(0, 2) ** 1.5;
    case 'kurtosis': return (n * central(0, 4)) / central(0, 2) ** 2 - 3;
    case 'corr': return n < 2 ? null : co(0, 1) / Math.sqrt(central(0, 2) * central(1, 2));
    case 'covar_pop': return co(0, 1) / n;
    case 'covar_samp': return n < 2 ? null : co(0, 1) / (n - 1);
    case 'regr_count': return n;
    case 'regr_avgx': return mean(1);
    case 'regr_avgy': return mean(0);
    case 'regr_sxx': return central(1, 2);
    case 'regr_syy': return central(0, 2);
    case 'regr_sxy': return co(0, 1);
    case 'regr_slope': return co(0, 1) / central(1, 2);
    case 'regr_intercept': return mean(0) - (co(0, 1) / central(1, 2)) * mean(1);
    case 'regr_r2': return co(0, 1) ** 2 / (central(0, 2) * central(1, 2));
  }
}

const ONE_ARG: StatisticalAggregateName[] = ['stddev_samp', 'stddev_pop', 'var_samp', 'var_pop', 'skewness', 'kurtosis'];
const TWO_ARGS: StatisticalAggregateName[] = ['corr', 'covar_pop', 'covar_samp', 'regr_count', 'regr_avgx', 'regr_avgy', 'regr_sxx', 'regr_syy', 'regr_sxy', 'regr_slope', 'regr_intercept', 'regr_r2'];

function close(a: unknown, b: unknown): void {
  if (a === null || b === null) return void expect(a).toBe(b);
  const x = Number(a);
  const y = Number(b);
  expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
}

describe('statistical accumulators', () => {
  const n = 2000;
  const numGroups = 7;
  const gids = Int32Array.from({ length: n }, (_, i) => (i * 7919) % numGroups);
  const cols = [randomColumn(1, n), randomColumn(2, n)];

  for (const fn of [...ONE_ARG, ...TWO_ARGS]) {
    it(`${fn}: one pass equals the two-pass reference, and merged partial states equal one pass`, () => {
      const arity = ONE_ARG.includes(fn) ? 1 : 2;
      const c = call(fn, arity);
      const data = cols.slice(0, arity);
      const one = run(c, data, gids, numGroups);
      for (let g = 0; g < numGroups; g++) {
        const rows = Array.from({ length: n }, (_, i) => i).filter((i) => gids[i] === g);
        close(one[g], reference(fn, data.map((v) => rows.map((i) => v[i]!))));
      }
      for (const parts of [2, 5]) runMerged(c, data, gids, numGroups, parts).forEach((v, g) => close(v, one[g]));
    });
  }

  it('answer NULL without rows, and Spark 4 NULL (not NaN) where it divides by zero', () => {
    const none = (fn: StatisticalAggregateName, arity: number) => run(call(fn, arity), Array.from({ length: arity }, () => [null]), new Int32Array(1), 1)[0];
    for (const fn of ONE_ARG) expect(none(fn, 1)).toBeNull();
    for (const fn of TWO_ARGS) expect(none(fn, 2)).toBe(fn === 'regr_count' ? 0n : null);
    const one = (fn: StatisticalAggregateName, v: number[][]) => run(call(fn, v.length), v, new Int32Array(v[0]!.length), 1)[0];
    expect([one('stddev_samp', [[3]]), one('stddev_pop', [[3]]), one('var_samp', [[3]]), one('var_pop', [[3]])]).toEqual([null, 0, null, 0]);
    expect([one('skewness', [[3, 3]]), one('kurtosis', [[3, 3]]), one('kurtosis', [[1, 2]])]).toEqual([null, null, -2]);
    expect([one('corr', [[1, 1], [2, 3]]), one('covar_samp', [[1], [2]]), one('covar_pop', [[1], [2]])]).toEqual([null, null, 0]);
    expect([one('regr_slope', [[1, 3], [2, 2]]), one('regr_r2', [[1, 3], [2, 2]]), one('regr_r2', [[1, 1], [2, 3]])]).toEqual([null, null, 1]);
    expect(Number.isNaN(one('var_pop', [[Number.NaN, 1]]))).toBe(true);
  });

  it('match Spark to the bit on Spark\'s own examples', () => {
    const v = [[1, 2, 3, 4, 10]];
    const one = (fn: StatisticalAggregateName, cols: number[][]) => run(call(fn, cols.length), cols, new Int32Array(cols[0]!.length), 1)[0];
    expect(one('stddev_samp', v)).toBe(3.5355339059327378);
    expect(one('skewness', v)).toBe(1.1384199576606164);
    expect(one('kurtosis', v)).toBe(-0.2120000000000002);
    expect(one('kurtosis', [[1, 2, 4]])).toBe(-1.5000000000000009);
    const yx = [[1, 2, 3], [2, 4, 7]];
    expect(one('regr_slope', yx)).toBe(0.3947368421052631);
    expect(one('regr_intercept', yx)).toBe(0.28947368421052655);
    expect(one('regr_r2', yx)).toBe(0.9868421052631576);
    expect(one('regr_sxx', yx)).toBe(12.666666666666668);
    expect(one('corr', [[1, 2, 3], [2, 4, 7]])).toBe(0.9933992677987827);
    expect(LongT.kind).toBe('int64');
  });
});

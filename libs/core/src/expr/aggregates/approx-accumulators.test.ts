// approx_count_distinct, percentile_approx, product, mode, listagg and percentile_cont/disc accumulators on random
// data with NULLs: one pass against a direct computation (or the approximation's guarantee), partial states merged
// across partitions against one pass, and a few estimates PySpark 4.3 gave.
import type * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildColumn, valueReader } from '../eval/values.js';
import { type AggregateCall, type ApproxAggregateName, type Expression, attr, lit } from '../expression.js';
import { type DataType, DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { createAccumulator } from './create-accumulator.js';
import { aggregateDef, aggregateStateTypes } from './registry.js';
import { QuantileSummaries } from './quantile-summaries.js';

/** A call whose data arguments are columns and whose options are the given literals. */
function call(fn: ApproxAggregateName, data: DataType[], options: Expression[] = []): AggregateCall {
  const dataArgs = data.map((t, k) => attr(`a${k}`, t, true));
  const args = fn === 'listagg' ? [dataArgs[0]!, ...options, ...dataArgs.slice(1).flatMap((a) => [a, lit(0, IntegerT)])] : [...dataArgs, ...options];
  const r = aggregateDef(fn).resolve(args.map((a) => (a as { dataType: DataType }).dataType), false);
  if ('error' in r) throw new Error(r.error);
  return { kind: 'agg', fn, args, distinct: false, dataType: r.dataType, nullable: r.nullable };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Each argument as a column: data columns from `cols` (in order), constants repeated. */
function columns(c: AggregateCall, cols: unknown[][], rows: number[]): arrow.Data[] {
  let k = 0;
  return c.args.map((a) => {
    const t = (a as { dataType: DataType }).dataType;
    if (a.kind === 'literal') return buildColumn(t, rows.map(() => a.value));
    const v = cols[k++]!;
    return buildColumn(t, rows.map((i) => v[i]));
  });
}

function run(c: AggregateCall, cols: unknown[][], gids: Int32Array, numGroups: number, parts = 1): unknown[] {
  const all = Array.from({ length: gids.length }, (_, i) => i);
  const final = createAccumulator(c);
  final.grow(numGroups);
  if (parts === 1) final.update(columns(c, cols, all), gids, gids.length);
  for (let p = 0; parts > 1 && p < parts; p++) {
    const rows = all.filter((i) => Math.floor((i * parts) / gids.length) === p);
    const partial = createAccumulator(c);
    partial.grow(numGroups);
    partial.update(columns(c, cols, rows), Int32Array.from(rows.map((i) => gids[i]!)), rows.length);
    const states = partial.states(0, numGroups);
    expect(states.length).toBe(aggregateStateTypes(c).length);
    final.merge(states, Int32Array.from({ length: numGroups }, (_, g) => g), numGroups);
  }
  const r = valueReader(final.result(0, numGroups), c.dataType);
  return Array.from({ length: numGroups }, (_, g) => r(g));
}

const n = 3000;
const numGroups = 5;
const rnd = seeded(11);
const gids = Int32Array.from({ length: n }, () => Math.floor(rnd() * numGroups));
const ints = Array.from({ length: n }, () => (rnd() < 0.15 ? null : Math.floor(rnd() * 1500)));
const strs = ints.map((v) => (v === null ? null : `s${v % 211}`));
const doubles = ints.map((v) => (v === null ? null : v / 7));
const byGroup = <T>(vals: (T | null)[]): T[][] => {
  const out: T[][] = Array.from({ length: numGroups }, () => []);
  vals.forEach((v, i) => v !== null && out[gids[i]!]!.push(v));
  return out;
};

describe('approx_count_distinct', () => {
  it('estimates within the requested error, merges to the same registers, and ignores NULLs', () => {
    for (const [values, t] of [[ints, IntegerT], [strs, StringT]] as const) {
      for (const rsd of [0.05, 0.01]) {
        const c = call('approx_count_distinct', [t], [lit(rsd)]);
        const one = run(c, [values as unknown[]], gids, numGroups) as bigint[];
        expect(run(c, [values as unknown[]], gids, numGroups, 4)).toEqual(one);
        byGroup(values as unknown[]).forEach((g, k) => {
          const exact = new Set(g).size;
          expect(Math.abs(Number(one[k]!) - exact)).toBeLessThanOrEqual(Math.max(2, 4 * rsd * exact));
        });
      }
    }
    const empty = call('approx_count_distinct', [IntegerT]);
    expect(run(empty, [[null, null]], Int32Array.of(0, 1), 2)).toEqual([0n, 0n]);
  });

  it('gives the estimates Spark gives', () => {
    const ids = Array.from({ length: 100000 }, (_, i) => BigInt(i));
    const g = new Int32Array(ids.length);
    expect(run(call('approx_count_distinct', [LongT]), [ids], g, 1, 3)).toEqual([95546n]);
    expect(run(call('approx_count_distinct', [LongT], [lit(0.1)]), [ids], g, 1)).toEqual([102065n]);
    expect(run(call('approx_count_distinct', [StringT]), [ids.map(String)], g, 1)).toEqual([97299n]);
  });
});

describe('G-K quantile summaries', () => {
  it('answer within the rank error, merged or not', () => {
    const r = seeded(3);
    for (const eps of [0.1, 0.01, 0.001]) {
      const values = Array.from({ length: 20000 }, () => Math.floor(r() * 5000) / 3);
      const sorted = [...values].sort((a, b) => a - b);
      const ps = [0, 0.05, 0.25, 0.5, 0.77, 0.99, 1];
      const one = new QuantileSummaries(10000, eps);
      values.forEach((v) => one.insert(v));
      const parts = [0, 1, 2].map(() => new QuantileSummaries(10000, eps));
      values.forEach((v, i) => parts[i % 3]!.insert(v));
      parts[0]!.merge(parts[1]!);
      parts[0]!.merge(parts[2]!);
      for (const [s, slack] of [[one, 1], [parts[0]!, 2]] as const) {
        s.query(ps)!.forEach((q, k) => {
          const lo = sorted.findIndex((v) => v >= q);
          const hi = sorted.findLastIndex((v) => v <= q) + 1;
          const target = ps[k]! * values.length;
          expect(hi).toBeGreaterThanOrEqual(Math.floor(target - slack * eps * values.length));
          expect(lo).toBeLessThanOrEqual(Math.ceil(target + slack * eps * values.length));
        });
      }
    }
    expect(new QuantileSummaries(10000, 0.01).query([0.5])).toBeNull();
  });

  it('percentile_approx gives the answers Spark gives', () => {
    const xs = Array.from({ length: 20000 }, (_, i) => ((i * 7) % 1001) * 1.0);
    const g = new Int32Array(xs.length);
    expect(run(call('percentile_approx', [DoubleT], [lit(0.5), lit(10000n)]), [xs], g, 1)).toEqual([497]);
    const ids = Array.from({ length: 1000 }, (_, i) => BigInt(i));
    expect(run(call('percentile_approx', [LongT], [lit(0.3), lit(10n)]), [ids], new Int32Array(1000), 1)).toEqual([295n]);
  });

  it('percentile_approx with a fine accuracy is the value at rank ceil(p * n) of each group, NULLs skipped', () => {
    for (const p of [0.1, 0.5, 0.9]) {
      const got = run(call('percentile_approx', [IntegerT], [lit(p), lit(1000000n)]), [ints], gids, numGroups, 3);
      byGroup(ints).forEach((g, k) => {
        const s = [...g].sort((a, b) => a - b);
        expect(got[k]).toBe(s[Math.max(Math.ceil(p * s.length) - 1, 0)]);
      });
    }
  });
});

describe('product, mode, listagg, percentile_cont and percentile_disc', () => {
  it('product multiplies the non-NULL values', () => {
    // Powers of two and signs: every product is exact, whatever the order.
    const small = ints.map((v) => (v === null ? null : v % 3 === 0 ? -1 : (v % 2) + 1));
    const c = call('product', [DoubleT]);
    const got = run(c, [small], gids, numGroups, 3);
    byGroup(small).forEach((g, k) => expect(got[k]).toBe(g.reduce((a, b) => a * b, 1)));
    expect(run(c, [[null]], Int32Array.of(0), 1)).toEqual([null]);
  });

  it('mode counts the non-NULL values; ties go by the order asked', () => {
    const few = strs.map((v) => (v === null ? null : v.slice(0, 2)));
    for (const order of [-1, 1]) {
      const got = run(call('mode', [StringT], [lit(order, IntegerT)]), [few], gids, numGroups, 3);
      byGroup(few).forEach((g, k) => {
        const counts = new Map<string, number>();
        g.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
        const top = Math.max(...counts.values());
        const tied = [...counts].filter(([, c]) => c === top).map(([v]) => v).sort();
        expect(got[k]).toBe(order < 0 ? tied[0] : tied[tied.length - 1]);
      });
    }
  });

  it('mode without a tie order picks as Spark does (its hash map order)', () => {
    const five = Array.from({ length: 5 }, (_, i) => BigInt(i));
    expect(run(call('mode', [LongT], [lit(0, IntegerT)]), [five], new Int32Array(5), 1)).toEqual([4n]);
    const hundred = Array.from({ length: 1000 }, (_, i) => BigInt(i % 100));
    expect(run(call('mode', [LongT], [lit(0, IntegerT)]), [hundred], new Int32Array(1000), 1)).toEqual([19n]);
    const strings = Array.from({ length: 200 }, (_, i) => String(i));
    expect(run(call('mode', [StringT], [lit(0, IntegerT)]), [strings], new Int32Array(200), 1)).toEqual(['78']);
  });

  it('listagg joins the non-NULL values in the order of its key', () => {
    const c = call('listagg', [StringT, DoubleT], [lit('|')]);
    const got = run(c, [strs, doubles], gids, numGroups, 3);
    for (let k = 0; k < numGroups; k++) {
      const rows = Array.from({ length: n }, (_, i) => i).filter((i) => gids[i] === k && strs[i] !== null);
      // NULL keys first, then ascending; equal keys keep their input order (the sort is stable).
      rows.sort((a, b) => (doubles[a] === null ? (doubles[b] === null ? 0 : -1) : doubles[b] === null ? 1 : doubles[a]! - doubles[b]!));
      expect(got[k]).toBe(rows.map((i) => strs[i]).join('|'));
    }
  });

  it('percentile_cont interpolates and percentile_disc picks, in either direction', () => {
    for (const fn of ['percentile_cont', 'percentile_disc'] as const) {
      for (const desc of [0, 1]) {
        const got = run(call(fn, [DoubleT], [lit(0.3), lit(desc, IntegerT)]), [doubles], gids, numGroups, 2);
        byGroup(doubles).forEach((g, k) => {
          const s = [...g].sort((a, b) => (desc ? b - a : a - b));
          const pos = (s.length - 1) * 0.3;
          const lo = Math.floor(pos);
          const hi = Math.ceil(pos);
          const cont = lo === hi ? s[lo]! : (hi - pos) * s[lo]! + (pos - lo) * s[hi]!;
          const want = fn === 'percentile_disc' ? s[Math.max(Math.ceil(0.3 * s.length) - 1, 0)] : cont;
          expect(got[k]).toBeCloseTo(want!, 9);
        });
      }
    }
  });
});

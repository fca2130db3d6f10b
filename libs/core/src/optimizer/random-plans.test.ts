// Differential test: random plans give the same rows (in the same order) before and after optimization, under the
// whole optimizer and under each rule alone, as computed by the reference interpreter.
import { describe, expect, it } from 'vitest';
import {
  type AttributeReference,
  type Expression,
  type NamedExpression,
  BooleanT,
  IntegerT,
  LongT,
  alias,
  attr,
  lit,
} from '../expr/expression.js';
import { dataFromValues, makeBatch } from '../execution/vectors.js';
import { schemaOf } from '../execution/schema-of.js';
import { type JoinType, type LogicalPlan, logicalPlanString, outputOf } from '../plan/logical-plan.js';
import { RULE_NAMES, optimize } from './optimizer.js';
import { interpret } from './test-interpreter.js';
import { aggCall, aggregate, and, arith, asc, cmp, filter, join, limit, not, optimizeOnly, or, project, range, sort, union } from './test-util.js';

/** mulberry32: small, deterministic, well mixed in its low bits. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const JOIN_TYPES: readonly JoinType[] = ['inner', 'left', 'right', 'full', 'leftsemi', 'leftanti', 'cross'];

function generator(rnd: (n: number) => number) {
  const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  const litFor = (a: AttributeReference) => (a.dataType.kind === 'int64' ? lit(BigInt(rnd(3))) : lit(rnd(3)));

  function predicate(out: readonly AttributeReference[]): Expression {
    const nums = out.filter((a) => a.dataType.kind === 'int32' || a.dataType.kind === 'int64');
    if (nums.length === 0 || rnd(15) === 0) return pick([lit(true), lit(false), lit(null, BooleanT)]);
    const atom = (): Expression => {
      const a = pick(nums);
      const b = pick(nums);
      switch (rnd(7)) {
        case 0: return cmp('>', a, litFor(a));
        case 1: return b.dataType.kind === a.dataType.kind ? cmp('=', a, b) : cmp('<', a, litFor(a));
        case 2: return or(cmp('<', a, litFor(a)), lit(false));
        case 3: return and(lit(true), cmp('!=', a, litFor(a)));
        case 4: return { kind: 'isNotNull', child: a };
        case 5: return not(cmp('<=', a, arith('+', litFor(a), litFor(a))));
        default: return cmp('<', a, { ...litFor(a), value: null });
      }
    };
    return rnd(2) ? and(atom(), atom()) : rnd(3) ? atom() : or(atom(), atom());
  }

  function leaf(): LogicalPlan {
    if (rnd(3) === 0) return range(0, 2 + rnd(6), attr('id', LongT, false));
    const out = [attr('a', IntegerT), attr('b', IntegerT), attr('c', LongT)];
    const n = rnd(7);
    const value = (a: AttributeReference) => (rnd(5) === 0 ? null : a.dataType.kind === 'int64' ? BigInt(rnd(4)) : rnd(4));
    const cols = out.map((a) => dataFromValues(a.dataType, Array.from({ length: n }, () => value(a))));
    return { kind: 'localRelation', output: out, partitions: n === 0 ? [] : [[makeBatch(schemaOf(out), cols, n)]] };
  }

  function plan(depth: number): LogicalPlan {
    if (depth === 0) return leaf();
    const child = plan(depth - 1);
    const out = outputOf(child);
    switch (rnd(11)) {
      case 0:
      case 1:
        return filter(predicate(out), child);
      case 2: {
        const list: NamedExpression[] = out.filter(() => rnd(3) > 0).map((a) => (rnd(4) ? a : alias(a, `${a.name}2`)));
        const ints = out.filter((a) => a.dataType.kind === 'int32');
        if (ints.length) list.push(alias(arith('+', pick(ints), arith('+', lit(1), lit(rnd(3)))), 'x'));
        if (rnd(4) === 0) list.push(alias(lit(7), 'k'));
        return project(list.length ? list : [out[0]!], child);
      }
      case 3:
        return limit(1 + rnd(6), child);
      case 4:
        return sort([asc(pick(out))], child);
      case 5:
      case 6: {
        const other = plan(rnd(depth));
        const oo = outputOf(other);
        const l = out.find((a) => a.dataType.kind === 'int64');
        const r = oo.find((a) => a.dataType.kind === 'int64');
        const extra = predicate([...out, ...oo]);
        const cond = l && r && rnd(3) ? (rnd(2) ? and(cmp('=', l, r), extra) : cmp('=', l, r)) : extra;
        return join(child, other, pick(JOIN_TYPES), rnd(5) ? cond : null);
      }
      case 7: {
        const groups = out.filter(() => rnd(2));
        const aggs: NamedExpression[] = [...groups, alias(aggCall('count', [], LongT, false), 'n')];
        const m = pick(out);
        if (rnd(2)) aggs.push(alias(aggCall('max', [m], m.dataType), 'm'));
        return aggregate(groups, aggs, child);
      }
      case 8:
        return { kind: 'distinct', child };
      case 9:
        return union(child, project(out.map((a) => alias(a, a.name)), child));
      default: {
        const p = project(out.map((a) => (rnd(2) ? a : alias(a, `${a.name}2`))), child);
        return filter(predicate(outputOf(p)), p);
      }
    }
  }
  return plan;
}

const show = (rows: unknown[][]) => JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('optimizer on random plans', () => {
  it('preserves results, under all rules and each rule alone', () => {
    const rnd = rng(Number(process.env.OPTIMIZER_FUZZ_SEED ?? 20240611));
    const gen = generator(rnd);
    let changed = 0;
    let nonEmpty = 0;
    for (let i = 0; i < Number(process.env.OPTIMIZER_FUZZ_ITERATIONS ?? 1500); i++) {
      const p = gen(1 + rnd(4));
      const expected = show(interpret(p));
      if (expected !== '[]') nonEmpty++;
      const runs: [string, () => LogicalPlan][] = [
        ['all rules', () => optimize(p, { verify: true })],
        ...RULE_NAMES.map((n): [string, () => LogicalPlan] => [n, () => optimizeOnly(n, p)]),
      ];
      for (const [name, run] of runs) {
        const o = run();
        if (name === 'all rules' && o !== p) changed++;
        const got = show(interpret(o));
        if (got !== expected) {
          throw new Error(`${name} changed the result\n${logicalPlanString(p)}\n==>\n${logicalPlanString(o)}\n${expected}\n${got}`);
        }
      }
    }
    // The generator must actually exercise the rules on data.
    expect(changed).toBeGreaterThan(1000);
    expect(nonEmpty).toBeGreaterThan(800);
  });
});

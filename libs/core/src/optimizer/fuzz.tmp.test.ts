import { it } from 'vitest';
import { IntegerT, LongT, alias, attr, lit, toAttribute, type Expression, type NamedExpression } from '../expr/expression.js';
import { type LogicalPlan, outputOf, logicalPlanString } from '../plan/logical-plan.js';
import { RULE_NAMES, optimize } from './optimizer.js';
import { interpret } from './test-interpreter.js';
import { optimizeOnly } from './test-util.js';
import { dataFromValues, makeBatch } from '../execution/vectors.js';
import { schemaOf } from '../execution/schema-of.js';
import { aggCall, aggregate, and, arith, asc, cmp, filter, join, limit, or, project, range, relation, sort, union } from './test-util.js';

let seed = 12345;
const rnd = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
};
const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

function pred(out: readonly { exprId: number; dataType: { kind: string } }[]): Expression {
  const ints = out.filter((a) => a.dataType.kind === 'int32' || a.dataType.kind === 'int64') as never[];
  if (ints.length === 0) return lit(rnd(2) === 0);
  const one = (): Expression => {
    const a = pick(ints) as unknown as Expression & { dataType: { kind: string } };
    const l = a.dataType.kind === 'int64' ? lit(BigInt(rnd(3))) : lit(rnd(3));
    const k = rnd(4);
    if (k === 0) return cmp('>', a, l);
    if (k === 1) { const b = pick(ints) as unknown as Expression & { dataType: { kind: string } }; return b.dataType.kind === a.dataType.kind ? cmp('=', a, b) : cmp('<', a, l); }
    if (k === 2) return or(cmp('<', a, l), lit(false));
    return and(lit(true), cmp('!=', a, l));
  };
  return rnd(2) ? and(one(), one()) : one();
}

function gen(depth: number): LogicalPlan {
  if (depth === 0) {
    if (rnd(2)) return range(0, 2 + rnd(6), attr('id', LongT, false));
    const out = [attr('a', IntegerT), attr('b', IntegerT), attr('c', LongT)];
    const n = 2 + rnd(6);
    const val = (t: string) => (rnd(5) === 0 ? null : t === 'int64' ? BigInt(rnd(4)) : rnd(4));
    const cols = out.map((a) => dataFromValues(a.dataType, Array.from({ length: n }, () => val(a.dataType.kind))));
    return { kind: 'localRelation', output: out, partitions: n === 0 ? [] : [[makeBatch(schemaOf(out), cols, n)]] };
  }
  const k = rnd(9);
  const child = gen(depth - 1);
  const out = outputOf(child);
  switch (k) {
    case 0: return filter(pred(out), child);
    case 1: {
      const list: NamedExpression[] = out.filter(() => rnd(3) > 0);
      const ints = out.filter((a) => a.dataType.kind === 'int32');
      if (ints.length) list.push(alias(arith('+', pick(ints), arith('+', lit(1), lit(1))), 'x'));
      if (list.length === 0) list.push(out[0]!);
      return project(list, child);
    }
    case 2: return limit(1 + rnd(20), child);
    case 3: return sort([asc(pick(out))], child);
    case 4: {
      const other = gen(depth - 1);
      const oo = outputOf(other);
      const l = out.find((a) => a.dataType.kind === 'int64');
      const r = oo.find((a) => a.dataType.kind === 'int64');
      const cond = l && r ? and(cmp('=', l, r), pred([...out, ...oo])) : pred([...out, ...oo]);
      return join(child, other, pick(['inner', 'left', 'right', 'full', 'leftsemi', 'leftanti', 'cross'] as const), rnd(4) ? cond : null);
    }
    case 5: {
      const g = out.filter(() => rnd(2));
      const ints = out.filter((a) => a.dataType.kind !== 'string');
      const aggs: NamedExpression[] = [...g, alias(aggCall('count', [], LongT, false), 'n')];
      if (ints.length) { const m = pick(ints); aggs.push(alias(aggCall('max', [m], m.dataType), 'm')); }
      return aggregate(g, aggs, child);
    }
    case 6: return { kind: 'distinct', child };
    case 7: {
      // union with a re-projected copy of the same shape
      const other = project(out.map((a) => alias(a, a.name)), child);
      return union(child, other);
    }
    default: { const pr = project(out.map((a) => (rnd(2) ? a : alias(a, a.name + '2'))), child); return filter(pred(outputOf(pr)), pr); }
  }
}

it('fuzz: optimize keeps plans valid', () => {
  let nonEmpty = 0; let fullF = 0; let changed = 0;
  for (let i = 0; i < 6000; i++) {
    const p = gen(1 + rnd(4));
    if (interpret(p).length > 0) nonEmpty++;
    if (/Filter[^\n]*\n\s*\+- Join FullOuter/.test(logicalPlanString(p))) fullF++;
    if (optimize(p) !== p) changed++;
    const expected = JSON.stringify(interpret(p), (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    const candidates: [string, () => LogicalPlan][] = [['all', () => optimize(p, { verify: true })], ...RULE_NAMES.map((n) => [n, () => optimizeOnly(n, p)] as [string, () => LogicalPlan])];
    for (const [name, f] of candidates) {
      let o: LogicalPlan | undefined;
      try {
        o = f();
        const got = JSON.stringify(interpret(o), (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
        if (got !== expected) throw new Error(`results differ under ${name}:\n${expected}\n${got}`);
      } catch (e) {
        console.log(logicalPlanString(p));
        if (o) console.log(logicalPlanString(o));
        throw e;
      }
    }
  }
  console.log({ nonEmpty, changed, fullF });
});

import { describe, expect, it } from 'vitest';
import { IntegerT, attr, lit } from '../../expr/expression.js';
import { dataFromValues, makeBatch } from '../../execution/vectors.js';
import { schemaOf } from '../../execution/schema-of.js';
import type { Expression } from '../../expr/expression.js';
import type { JoinType, LogicalPlan } from '../../plan/logical-plan.js';
import { optimize } from '../optimizer.js';
import { interpret } from '../test-interpreter.js';
import { and, cmp, explain, join, optimizeOnly, or, relation } from '../test-util.js';

describe('push-extra-predicate-through-join', () => {
  const a = attr('a', IntegerT);
  const b = attr('b', IntegerT);
  const x = attr('x', IntegerT);
  const A = `a#${a.exprId}`;
  const B = `b#${b.exprId}`;
  const eq = (l: Expression, v: number) => cmp('=', l, lit(v));
  // (a = 1 AND b = 2) OR (a = 3 AND b = 4), as TPC-H Q7 pairs its two nations.
  const pairs = or(and(eq(a, 1), eq(b, 2)), and(eq(a, 3), eq(b, 4)));

  it('filters each side of an inner join by what the condition implies for it, keeping the condition', () => {
    const plan = join(relation(a), relation(b), 'inner', pairs);
    expect(explain(optimizeOnly('push-extra-predicate-through-join', plan))).toBe(`Join Inner, (((${A} = 1) AND (${B} = 2)) OR ((${A} = 3) AND (${B} = 4)))
:- Filter ((${A} = 1) OR (${A} = 3))
:  +- LocalRelation [${A}]
+- Filter ((${B} = 2) OR (${B} = 4))
   +- LocalRelation [${B}]`);
  });

  it('needs every branch of an OR to say something about the side', () => {
    const plan = join(relation(a), relation(b, x), 'inner', or(and(eq(a, 1), eq(b, 2)), cmp('=', a, x)));
    const out = optimizeOnly('push-extra-predicate-through-join', plan);
    // The right side gets nothing from the second branch alone, the left side nothing at all.
    expect(out).toBe(plan);
  });

  it('filters only the side an outer join does not preserve, and nothing of a full join', () => {
    const left = optimizeOnly('push-extra-predicate-through-join', join(relation(a), relation(b), 'left', pairs));
    expect(explain(left)).toBe(`Join LeftOuter, (((${A} = 1) AND (${B} = 2)) OR ((${A} = 3) AND (${B} = 4)))
:- LocalRelation [${A}]
+- Filter ((${B} = 2) OR (${B} = 4))
   +- LocalRelation [${B}]`);
    const full = join(relation(a), relation(b), 'full', pairs);
    expect(optimizeOnly('push-extra-predicate-through-join', full)).toBe(full);
  });

  it('reaches a fixpoint with the whole optimizer: the extracted filter is pushed down once', () => {
    const plan = join(join(relation(a, x), relation(b), 'inner', cmp('=', x, b)), relation(attr('c', IntegerT)), 'inner', pairs);
    const text = explain(optimize(plan));
    expect(text.match(/\(a#\d+ = 1\) OR \(a#\d+ = 3\)/g)).toHaveLength(1);
    expect(text.match(/\(b#\d+ = 2\) OR \(b#\d+ = 4\)/g)).toHaveLength(1);
  });

  it('gives the same rows as the plan without it, for every join type, on random data', () => {
    let s = 11;
    const rnd = (n: number): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s >>> 8) % n;
    };
    const table = (cols: ReturnType<typeof attr>[]): LogicalPlan => {
      const n = rnd(6);
      const data = cols.map((c) => dataFromValues(c.dataType, Array.from({ length: n }, () => (rnd(5) === 0 ? null : rnd(4)))));
      return { kind: 'localRelation', output: cols, partitions: n ? [[makeBatch(schemaOf(cols), data, n)]] : [] } as LogicalPlan;
    };
    const types: JoinType[] = ['inner', 'cross', 'left', 'right', 'full', 'leftsemi', 'leftanti'];
    let changed = 0;
    for (let i = 0; i < 400; i++) {
      const l = [attr('l0', IntegerT), attr('l1', IntegerT)];
      const r = [attr('r0', IntegerT), attr('r1', IntegerT)];
      const pick = () => (rnd(2) ? l : r)[rnd(2)]!;
      const atom = (): Expression => (rnd(3) ? cmp(rnd(2) ? '=' : '<', pick(), lit(rnd(4))) : cmp('=', l[rnd(2)]!, r[rnd(2)]!));
      const tree = (d: number): Expression => (d === 0 || rnd(3) === 0 ? atom() : rnd(2) ? and(tree(d - 1), tree(d - 1)) : or(tree(d - 1), tree(d - 1)));
      // Half the time the shape the rule is for: an OR of branches that each constrain both sides.
      const branch = () => and(cmp(rnd(2) ? '=' : '<', l[rnd(2)]!, lit(rnd(4))), rnd(4) ? cmp('=', r[rnd(2)]!, lit(rnd(4))) : tree(1));
      const cond = rnd(2) ? or(branch(), rnd(3) ? branch() : tree(2)) : tree(3);
      const plan = join(table(l), table(r), types[rnd(types.length)]!, cond);
      const out = optimizeOnly('push-extra-predicate-through-join', plan);
      if (out !== plan) changed++;
      const rows = (p: LogicalPlan) => interpret(p).map((row) => JSON.stringify(row)).sort();
      expect(rows(out), `${explain(plan)}\n==>\n${explain(out)}`).toEqual(rows(plan));
    }
    expect(changed).toBeGreaterThan(100);
  });
});

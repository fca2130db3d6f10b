import { describe, expect, it } from 'vitest';
import { IntegerT, attr } from '../../expr/expression.js';
import { dataFromValues, makeBatch } from '../../execution/vectors.js';
import { schemaOf } from '../../execution/schema-of.js';
import { type LogicalPlan, outputOf } from '../../plan/logical-plan.js';
import { interpret } from '../test-interpreter.js';
import { and, cmp, explain, filter, join, optimizeOnly, relation } from '../test-util.js';

describe('reorder-join', () => {
  const a = attr('a', IntegerT);
  const b = attr('b', IntegerT);
  const c1 = attr('c1', IntegerT);
  const c2 = attr('c2', IntegerT);
  const d = attr('d', IntegerT);
  const A = `a#${a.exprId}`;
  const B = `b#${b.exprId}`;
  const C1 = `c1#${c1.exprId}`;
  const C2 = `c2#${c2.exprId}`;

  it('joins the input a conjunct connects before the cross product, keeping the output order', () => {
    // FROM a, b, c WHERE a = c1 AND c2 = b: written, a × b has no condition.
    const plan = filter(and(cmp('=', a, c1), cmp('=', c2, b)), join(join(relation(a), relation(b), 'inner'), relation(c1, c2), 'inner'));
    expect(explain(optimizeOnly('reorder-join', plan))).toBe(`Project [${A}, ${B}, ${C1}, ${C2}]
+- Join Inner, (${C2} = ${B})
   :- Join Inner, (${A} = ${C1})
   :  :- LocalRelation [${A}]
   :  +- LocalRelation [${C1}, ${C2}]
   +- LocalRelation [${B}]`);
  });

  it('leaves a chain alone when each step already has a condition, and one of two inputs', () => {
    const chain = filter(cmp('=', b, c1), join(join(relation(a), relation(b), 'inner', cmp('=', a, b)), relation(c1, c2), 'inner'));
    expect(optimizeOnly('reorder-join', chain)).toBe(chain);
    const two = filter(cmp('=', a, b), join(relation(a), relation(b), 'cross'));
    expect(optimizeOnly('reorder-join', two)).toBe(two);
  });

  it('keeps a cross join where nothing connects, and conjuncts over one input on the join that reaches it', () => {
    // FROM a, b, c, d WHERE a = c1 AND d > a: b joins nothing; d's conjunct also reads a.
    const plan = filter(
      and(cmp('=', a, c1), cmp('>', d, a)),
      join(join(join(relation(a), relation(b), 'inner'), relation(c1, c2), 'inner'), relation(d), 'inner'),
    );
    const D = `d#${d.exprId}`;
    expect(explain(optimizeOnly('reorder-join', plan))).toBe(`Project [${A}, ${B}, ${C1}, ${C2}, ${D}]
+- Join Cross
   :- Join Inner, (${D} > ${A})
   :  :- Join Inner, (${A} = ${C1})
   :  :  :- LocalRelation [${A}]
   :  :  +- LocalRelation [${C1}, ${C2}]
   :  +- LocalRelation [${D}]
   +- LocalRelation [${B}]`);
  });

  it('does not reorder across outer joins', () => {
    const plan = filter(cmp('=', a, c1), join(join(relation(a), relation(b), 'left'), relation(c1, c2), 'inner'));
    expect(optimizeOnly('reorder-join', plan)).toBe(plan);
  });
});

describe('reorder-join on random join chains', () => {
  // Reordering changes the row order of a join, so the rows are compared as multisets here (the whole-optimizer
  // differential test compares them in order, and its plans rarely hold a chain that gets reordered).
  it('gives the same rows as the written order', () => {
    let s = 7;
    const rnd = (n: number): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s >>> 8) % n;
    };
    let reordered = 0;
    for (let i = 0; i < 300; i++) {
      const inputs = Array.from({ length: 3 + rnd(3) }, (_, k) => {
        const cols = [attr(`x${k}`, IntegerT), attr(`y${k}`, IntegerT)];
        const n = rnd(5);
        const data = cols.map((c) => dataFromValues(c.dataType, Array.from({ length: n }, () => (rnd(6) === 0 ? null : rnd(3)))));
        return { kind: 'localRelation', output: cols, partitions: n ? [[makeBatch(schemaOf(cols), data, n)]] : [] } as LogicalPlan;
      });
      const cols = inputs.map((p) => outputOf(p));
      const conds = Array.from({ length: 1 + rnd(4) }, () => {
        const l = cols[rnd(cols.length)]!;
        const r = cols[rnd(cols.length)]!;
        return cmp(rnd(4) ? '=' : '<', l[rnd(2)]!, r[rnd(2)]!);
      });
      let plan: LogicalPlan = inputs[0]!;
      inputs.slice(1).forEach((p, k) => {
        // A written join condition reads only the inputs joined so far.
        const on = rnd(3) === 0 ? cmp('=', cols[rnd(k + 1)]![rnd(2)]!, cols[k + 1]![rnd(2)]!) : null;
        plan = join(plan, p, rnd(2) ? 'inner' : 'cross', on);
      });
      if (conds.length) plan = filter(conds.reduce((x, y) => and(x, y)), plan);
      const out = optimizeOnly('reorder-join', plan);
      if (out !== plan) reordered++;
      const rows = (p: LogicalPlan) => interpret(p).map((r) => JSON.stringify(r)).sort();
      expect(rows(out), `${explain(plan)}\n==>\n${explain(out)}`).toEqual(rows(plan));
    }
    expect(reordered).toBeGreaterThan(50);
  });
});

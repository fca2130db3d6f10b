import { describe, expect, it } from 'vitest';
import { IntegerT, LongT, alias, attr, lit, toAttribute } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { aggCall, aggregate, and, arith, asc, cmp, explain, filter, join, optimizeOnly, project, relation, sort, union } from '../test-util.js';

const run = (p: LogicalPlan) => optimizeOnly('push-down-filter', p);
const all = (...es: Parameters<typeof and>[0][]) => es.reduce((x, y) => and(x, y));

function twoTables() {
  const a = attr('a', IntegerT);
  const b = attr('b', IntegerT);
  const c = attr('c', IntegerT);
  const d = attr('d', IntegerT);
  const names = { A: `a#${a.exprId}`, B: `b#${b.exprId}`, C: `c#${c.exprId}`, D: `d#${d.exprId}` };
  return { a, b, c, d, l: relation(a, b), r: relation(c, d), ...names };
}

describe('push-down-filter: non-join operators', () => {
  it('pushes through a project, substituting aliases', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const x = alias(arith('+', a, lit(1)), 'x');
    const plan = filter(and(cmp('>', toAttribute(x), lit(1)), cmp('=', b, lit(2))), project([a, b, x], relation(a, b)));
    expect(explain(run(plan))).toBe(`Project [a#${a.exprId}, b#${b.exprId}, (a#${a.exprId} + 1) AS x#${x.exprId}]
+- Filter (((a#${a.exprId} + 1) > 1) AND (b#${b.exprId} = 2))
   +- LocalRelation [a#${a.exprId}, b#${b.exprId}]`);
  });

  it('pushes through sort and repartition but not through limit', () => {
    const a = attr('a', IntegerT);
    const rep: LogicalPlan = { kind: 'repartition', numPartitions: 4, shuffle: true, partitionExprs: [], child: relation(a) };
    const plan = filter(cmp('>', a, lit(1)), sort([asc(a)], rep));
    expect(explain(run(plan))).toBe(`Sort [a#${a.exprId} ASC NULLS FIRST], true
+- Repartition 4, true
   +- Filter (a#${a.exprId} > 1)
      +- LocalRelation [a#${a.exprId}]`);
    const overLimit = filter(cmp('>', a, lit(1)), { kind: 'limit', limit: 3, child: relation(a) });
    expect(run(overLimit)).toBe(overLimit);
  });

  it('pushes into every union child, renaming columns by position', () => {
    const { a, b, l, r, A, B, C, D } = twoTables();
    const plan = filter(and(cmp('>', a, lit(1)), cmp('<', b, a)), union(l, r));
    expect(explain(run(plan))).toBe(`Union false, false
:- Filter ((${A} > 1) AND (${B} < ${A}))
:  +- LocalRelation [${A}, ${B}]
+- Filter ((${C} > 1) AND (${D} < ${C}))
   +- LocalRelation [${C}, ${D}]`);
  });

  it('pushes grouping-only conjuncts below an aggregate, rewritten to the grouping expressions', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const k = alias(arith('+', a, lit(1)), 'k');
    const s = alias(aggCall('sum', [b], LongT), 's');
    const agg = aggregate([a], [a, k, s], relation(a, b));
    const plan = filter(all(cmp('>', a, lit(1)), cmp('>', toAttribute(s), lit(10n)), cmp('<', toAttribute(k), lit(5))), agg);
    const A = `a#${a.exprId}`;
    expect(explain(run(plan))).toBe(`Filter (s#${s.exprId}L > 10)
+- Aggregate [${A}], [${A}, (${A} + 1) AS k#${k.exprId}, sum(b#${b.exprId}) AS s#${s.exprId}L]
   +- Filter ((${A} > 1) AND ((${A} + 1) < 5))
      +- LocalRelation [${A}, b#${b.exprId}]`);
  });

  it('never pushes below a global aggregate (it returns a row even for empty input)', () => {
    const b = attr('b', IntegerT);
    const s = alias(aggCall('sum', [b], LongT), 's');
    const one = alias(lit(1), 'one');
    const plan = filter(and(cmp('>', toAttribute(s), lit(10n)), cmp('=', toAttribute(one), lit(2))), aggregate([], [one, s], relation(b)));
    expect(run(plan)).toBe(plan);
  });
});

describe('push-down-filter: joins', () => {
  it('splits a filter over a cross join into sides and an inner join condition', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = filter(all(cmp('>', a, lit(1)), cmp('<', c, lit(2)), cmp('=', b, d), cmp('>', arith('+', a, c), lit(3))), join(l, r, 'cross'));
    expect(explain(run(plan))).toBe(`Join Inner, ((${B} = ${D}) AND ((${A} + ${C}) > 3))
:- Filter (${A} > 1)
:  +- LocalRelation [${A}, ${B}]
+- Filter (${C} < 2)
   +- LocalRelation [${C}, ${D}]`);
  });

  it('merges two-sided conjuncts into an existing inner join condition', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = filter(cmp('=', b, d), join(l, r, 'inner', cmp('=', a, c)));
    expect(explain(run(plan))).toBe(`Join Inner, ((${A} = ${C}) AND (${B} = ${D}))
:- LocalRelation [${A}, ${B}]
+- LocalRelation [${C}, ${D}]`);
  });

  it('over a left outer join pushes only left-side conjuncts', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = filter(all(cmp('>', a, lit(1)), cmp('<', c, lit(2)), cmp('=', b, d)), join(l, r, 'left', cmp('=', a, c)));
    expect(explain(run(plan))).toBe(`Filter ((${C} < 2) AND (${B} = ${D}))
+- Join LeftOuter, (${A} = ${C})
   :- Filter (${A} > 1)
   :  +- LocalRelation [${A}, ${B}]
   +- LocalRelation [${C}, ${D}]`);
  });

  it('over a right outer join pushes only right-side conjuncts', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = filter(all(cmp('>', a, lit(1)), cmp('<', c, lit(2)), cmp('=', b, d)), join(l, r, 'right', cmp('=', a, c)));
    expect(explain(run(plan))).toBe(`Filter ((${A} > 1) AND (${B} = ${D}))
+- Join RightOuter, (${A} = ${C})
   :- LocalRelation [${A}, ${B}]
   +- Filter (${C} < 2)
      +- LocalRelation [${C}, ${D}]`);
  });

  it('pushes nothing through or into a full outer join', () => {
    const { a, b, c, d, l, r } = twoTables();
    const plan = filter(and(cmp('>', a, lit(1)), cmp('<', c, lit(2))), join(l, r, 'full', all(cmp('=', a, c), cmp('>', b, lit(0)), cmp('>', d, lit(0)))));
    expect(run(plan)).toBe(plan);
  });

  it('over a left semi join pushes into the left side', () => {
    const { a, c, l, r, A, B, C, D } = twoTables();
    const plan = filter(cmp('>', a, lit(1)), join(l, r, 'leftsemi', cmp('=', a, c)));
    expect(explain(run(plan))).toBe(`Join LeftSemi, (${A} = ${C})
:- Filter (${A} > 1)
:  +- LocalRelation [${A}, ${B}]
+- LocalRelation [${C}, ${D}]`);
  });

  it('moves one-sided ON conjuncts of an inner join into its inputs', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = join(l, r, 'inner', all(cmp('>', b, lit(1)), cmp('=', a, c), cmp('<', d, lit(2))));
    expect(explain(run(plan))).toBe(`Join Inner, (${A} = ${C})
:- Filter (${B} > 1)
:  +- LocalRelation [${A}, ${B}]
+- Filter (${D} < 2)
   +- LocalRelation [${C}, ${D}]`);
  });

  it('for left outer and left anti joins only moves right-side ON conjuncts', () => {
    for (const [type, name] of [['left', 'LeftOuter'], ['leftanti', 'LeftAnti']] as const) {
      const { a, b, c, d, l, r, A, B, C, D } = twoTables();
      const plan = join(l, r, type, all(cmp('>', b, lit(1)), cmp('=', a, c), cmp('<', d, lit(2))));
      expect(explain(run(plan))).toBe(`Join ${name}, ((${B} > 1) AND (${A} = ${C}))
:- LocalRelation [${A}, ${B}]
+- Filter (${D} < 2)
   +- LocalRelation [${C}, ${D}]`);
    }
  });

  it('for a right outer join only moves left-side ON conjuncts', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const plan = join(l, r, 'right', all(cmp('>', b, lit(1)), cmp('=', a, c), cmp('<', d, lit(2))));
    expect(explain(run(plan))).toBe(`Join RightOuter, ((${A} = ${C}) AND (${D} < 2))
:- Filter (${B} > 1)
:  +- LocalRelation [${A}, ${B}]
+- LocalRelation [${C}, ${D}]`);
  });

  it('turns a cross join with a condition into an inner join', () => {
    const { a, c, l, r, A, B, C, D } = twoTables();
    expect(explain(run(join(l, r, 'cross', cmp('=', a, c))))).toBe(`Join Inner, (${A} = ${C})
:- LocalRelation [${A}, ${B}]
+- LocalRelation [${C}, ${D}]`);
  });

  it('pushes a filter through a project and into both join sides in one run', () => {
    const { a, b, c, d, l, r, A, B, C, D } = twoTables();
    const x = alias(arith('*', a, lit(2)), 'x');
    const plan = filter(and(cmp('>', toAttribute(x), lit(4)), cmp('=', d, lit(0))), project([x, b, d], join(l, r, 'inner', cmp('=', a, c))));
    expect(explain(run(plan))).toBe(`Project [(${A} * 2) AS x#${x.exprId}, ${B}, ${D}]
+- Join Inner, (${A} = ${C})
   :- Filter ((${A} * 2) > 4)
   :  +- LocalRelation [${A}, ${B}]
   +- Filter (${D} = 0)
      +- LocalRelation [${C}, ${D}]`);
  });
});

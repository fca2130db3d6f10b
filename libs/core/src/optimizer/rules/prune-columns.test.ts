import { describe, expect, it } from 'vitest';
import { IntegerT, LongT, alias, attr, lit } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { aggCall, aggregate, arith, cmp, explain, filter, join, optimizeOnly, project, range, relation, union } from '../test-util.js';
import { pruneColumns } from './prune-columns.js';

function run(p: LogicalPlan): LogicalPlan {
  const out = optimizeOnly('prune-columns', p);
  // Pruning an already pruned plan changes nothing (the runner relies on identity for its fixpoint).
  expect(pruneColumns.apply(out)).toBe(out);
  return out;
}

describe('prune-columns', () => {
  it('drops the Expand outputs an aggregate does not read from every projection, and their inputs', () => {
    // rollup(k).agg(sum(b)) over [a, b, k]: a is read by nobody, so neither the Expand nor its child keeps it.
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const k = attr('k', IntegerT);
    const k2 = attr('k', IntegerT);
    const gid = attr('spark_grouping_id', LongT, false);
    const s = alias(aggCall('sum', [b], LongT), 's');
    const expand: LogicalPlan = { kind: 'expand', projections: [[a, b, k, k, lit(0n)], [a, b, k, lit(null, IntegerT), lit(1n)]], output: [a, b, k, k2, gid], child: relation(a, b, k) };
    const plan = aggregate([k2, gid], [k2, s], expand);
    const [B, K, K2, G] = [b, k, k2].map((x) => `${x.name}#${x.exprId}`).concat(`spark_grouping_id#${gid.exprId}L`);
    expect(explain(run(plan))).toBe(`Aggregate [${K2}, ${G}], [${K2}, sum(${B}) AS s#${s.exprId}L]
+- Expand [[${B}, ${K}, 0], [${B}, NULL, 1]], [${B}, ${K2}, ${G}]
   +- Project [${B}, ${K}]
      +- LocalRelation [a#${a.exprId}, ${B}, ${K}]`);
  });

  it('projects unused columns away below a join and drops unused aggregates', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const z = attr('z', IntegerT);
    const c = attr('c', IntegerT);
    const d = attr('d', IntegerT);
    const s = alias(aggCall('sum', [d], LongT), 's');
    const plan = project([a], join(relation(a, b, z), aggregate([c], [c, s], relation(c, d)), 'inner', cmp('=', b, c)));
    const [A, B, Z, C, D] = [a, b, z, c, d].map((x) => `${x.name}#${x.exprId}`);
    expect(explain(run(plan))).toBe(`Project [${A}]
+- Join Inner, (${B} = ${C})
   :- Project [${A}, ${B}]
   :  +- LocalRelation [${A}, ${B}, ${Z}]
   +- Aggregate [${C}], [${C}]
      +- Project [${C}]
         +- LocalRelation [${C}, ${D}]`);
  });

  it('prunes through filters and projects under a count, keeping the rows', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const x = alias(arith('+', a, b), 'x');
    const cnt = alias(aggCall('count', [], LongT, false), 'cnt');
    const s = alias(aggCall('sum', [a], LongT), 's');
    const plan = project([{ kind: 'attr', name: 'cnt', dataType: LongT, nullable: false, exprId: cnt.exprId, qualifier: [] }],
      aggregate([], [cnt, s], filter(cmp('>', b, lit(0)), project([a, b, x], relation(a, b)))));
    const [A, B] = [a, b].map((v) => `${v.name}#${v.exprId}`);
    expect(explain(run(plan))).toBe(`Project [cnt#${cnt.exprId}L]
+- Aggregate [], [count(1) AS cnt#${cnt.exprId}L]
   +- Project []
      +- Filter (${B} > 0)
         +- Project [${B}]
            +- LocalRelation [${A}, ${B}]`);
  });

  it('keeps one aggregate expression of a global aggregate nobody reads', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const s = alias(aggCall('sum', [a], LongT), 's');
    const m = alias(aggCall('max', [b], IntegerT), 'm');
    const one = alias(lit(1), 'one');
    const plan = project([one], aggregate([], [s, m], relation(a, b)));
    expect(explain(run(plan))).toBe(`Project [1 AS one#${one.exprId}]
+- Aggregate [], [sum(a#${a.exprId}) AS s#${s.exprId}L]
   +- Project [a#${a.exprId}]
      +- LocalRelation [a#${a.exprId}, b#${b.exprId}]`);
  });

  it('prunes union children by position', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const c = attr('c', IntegerT);
    const d = attr('d', IntegerT);
    const e = attr('e', IntegerT);
    const plan = project([b], union(relation(a, b), project([c, d], relation(c, d, e))));
    const [A, B, C, D, E] = [a, b, c, d, e].map((v) => `${v.name}#${v.exprId}`);
    expect(explain(run(plan))).toBe(`Project [${B}]
+- Union false, false
   :- Project [${B}]
   :  +- LocalRelation [${A}, ${B}]
   +- Project [${D}]
      +- LocalRelation [${C}, ${D}, ${E}]`);
  });

  it('prunes both inputs of a semi join to what the condition and the output need', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const c = attr('c', IntegerT);
    const d = attr('d', IntegerT);
    const plan = project([a], join(relation(a, b), relation(c, d), 'leftsemi', cmp('=', a, c)));
    const [A, B, C, D] = [a, b, c, d].map((v) => `${v.name}#${v.exprId}`);
    expect(explain(run(plan))).toBe(`Project [${A}]
+- Join LeftSemi, (${A} = ${C})
   :- Project [${A}]
   :  +- LocalRelation [${A}, ${B}]
   +- Project [${C}]
      +- LocalRelation [${C}, ${D}]`);
  });

  it('keeps one copy of a column a project lists twice when its parent reads by id', () => {
    // A correlated EXISTS subquery's block outputs `*` and then the pulled-up key again.
    const a = attr('a', IntegerT);
    const c = attr('c', IntegerT);
    const d = attr('d', IntegerT);
    const plan = project([a], join(relation(a), project([c, d, c], relation(c, d)), 'leftsemi', cmp('=', a, c)));
    const [A, C, D] = [a, c, d].map((v) => `${v.name}#${v.exprId}`);
    expect(explain(run(plan))).toBe(`Project [${A}]
+- Join LeftSemi, (${A} = ${C})
   :- LocalRelation [${A}]
   +- Project [${C}]
      +- LocalRelation [${C}, ${D}]`);
  });

  it('prunes a range read by a global count to no columns', () => {
    const id = attr('id', LongT, false);
    const n = alias(aggCall('count', [], LongT, false), 'n');
    expect(explain(run(aggregate([], [n], range(0, 10, id))))).toBe(`Aggregate [], [count(1) AS n#${n.exprId}L]
+- Project []
   +- Range (0, 10, step=1, splits=Some(2))`);
  });

  it('never changes the output of the root, nor what a distinct compares', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const c = attr('c', IntegerT);
    const top = join(relation(a, b), relation(c), 'inner', cmp('=', a, c));
    expect(run(top)).toBe(top);
    const distinct = project([a], { kind: 'distinct', child: relation(a, b) });
    expect(run(distinct)).toBe(distinct);
  });
});

describe('prune-columns: leaves under row-passing operators', () => {
  it('projects a leaf down to what a filter and the operators above it read', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const c = attr('c', IntegerT);
    const d = attr('d', IntegerT);
    const plan = project([a], join(filter(cmp('>', b, lit(0)), relation(a, b, c)), relation(d), 'inner', cmp('=', a, d)));
    const [A, B, C, D] = [a, b, c, d].map((v) => `${v.name}#${v.exprId}`);
    expect(explain(run(plan))).toBe(`Project [${A}]
+- Join Inner, (${A} = ${D})
   :- Project [${A}]
   :  +- Filter (${B} > 0)
   :     +- Project [${A}, ${B}]
   :        +- LocalRelation [${A}, ${B}, ${C}]
   +- LocalRelation [${D}]`);
  });
});

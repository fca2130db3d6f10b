import { describe, expect, it } from 'vitest';
import { IntegerT, attr, lit } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { cmp, explain, filter, join, optimizeOnly, project, relation } from '../test-util.js';

describe('eliminate-subquery-aliases', () => {
  it('removes every SubqueryAlias, keeping the rest of the tree', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const l: LogicalPlan = { kind: 'subqueryAlias', alias: 'l', child: relation(a) };
    const r: LogicalPlan = { kind: 'subqueryAlias', alias: 'r', child: { kind: 'subqueryAlias', alias: 'inner', child: relation(b) } };
    const plan = project([a], filter(cmp('>', b, lit(1)), join(l, r, 'inner', cmp('=', a, b))));
    expect(explain(plan)).toBe(`Project [a#${a.exprId}]
+- Filter (b#${b.exprId} > 1)
   +- Join Inner, (a#${a.exprId} = b#${b.exprId})
      :- SubqueryAlias l
      :  +- LocalRelation [a#${a.exprId}]
      +- SubqueryAlias r
         +- SubqueryAlias inner
            +- LocalRelation [b#${b.exprId}]`);
    expect(explain(optimizeOnly('eliminate-subquery-aliases', plan))).toBe(`Project [a#${a.exprId}]
+- Filter (b#${b.exprId} > 1)
   +- Join Inner, (a#${a.exprId} = b#${b.exprId})
      :- LocalRelation [a#${a.exprId}]
      +- LocalRelation [b#${b.exprId}]`);
  });

  it('returns the same plan object when there is no alias', () => {
    const plan = relation(attr('a', IntegerT));
    expect(optimizeOnly('eliminate-subquery-aliases', plan)).toBe(plan);
  });
});

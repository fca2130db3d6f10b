import { describe, expect, it } from 'vitest';
import { IntegerT, StringT, alias, attr, lit } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { arith, explain, optimizeOnly, project, relation } from '../test-util.js';

describe('replace-distinct-with-aggregate', () => {
  it('groups by every output column of the child', () => {
    const a = attr('a', IntegerT);
    const s = attr('s', StringT);
    const x = alias(arith('+', a, lit(1)), 'x');
    const plan: LogicalPlan = { kind: 'distinct', child: project([s, x], relation(a, s)) };
    expect(explain(optimizeOnly('replace-distinct-with-aggregate', plan))).toBe(
      `Aggregate [s#${s.exprId}, x#${x.exprId}], [s#${s.exprId}, x#${x.exprId}]
+- Project [s#${s.exprId}, (a#${a.exprId} + 1) AS x#${x.exprId}]
   +- LocalRelation [a#${a.exprId}, s#${s.exprId}]`,
    );
  });

  it('replaces nested distincts bottom-up', () => {
    const a = attr('a', IntegerT);
    const plan: LogicalPlan = { kind: 'distinct', child: { kind: 'distinct', child: relation(a) } };
    expect(explain(optimizeOnly('replace-distinct-with-aggregate', plan))).toBe(`Aggregate [a#${a.exprId}], [a#${a.exprId}]
+- Aggregate [a#${a.exprId}], [a#${a.exprId}]
   +- LocalRelation [a#${a.exprId}]`);
  });
});

// Distinct becomes an Aggregate grouping by every output column, so one operator implements both.
//
//   Distinct                  ==>   Aggregate [a#1, b#2], [a#1, b#2]
//   +- LocalRelation [a#1, b#2]     +- LocalRelation [a#1, b#2]
import { type LogicalPlan, outputOf, transformPlanUp } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

export const replaceDistinctWithAggregate: OptimizerRule = {
  name: 'replace-distinct-with-aggregate',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (p) => {
      if (p.kind !== 'distinct') return p;
      const out = outputOf(p.child);
      return { kind: 'aggregate', groupingExprs: out, aggregateExprs: out, child: p.child };
    });
  },
};

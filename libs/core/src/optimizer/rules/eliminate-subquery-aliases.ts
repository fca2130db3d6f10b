// Removes SubqueryAlias nodes: after analysis they only changed qualifiers, which no later stage uses.
//
//   Project [a#1]                      Project [a#1]
//   +- SubqueryAlias t        ==>      +- Range (0, 10, ...)
//      +- Range (0, 10, ...)
import { type LogicalPlan, transformPlanUp } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

export const eliminateSubqueryAliases: OptimizerRule = {
  name: 'eliminate-subquery-aliases',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (p) => (p.kind === 'subqueryAlias' ? p.child : p));
  },
};

// Merges adjacent filters into one whose condition is the inner conjuncts followed by the outer ones
// not already among them (as Spark's CombineFilters).
//
//   Filter (b#2 = 1)                         Filter ((a#1 > 0) AND (b#2 = 1))
//   +- Filter (a#1 > 0)             ==>      +- LocalRelation [a#1, b#2]
//      +- LocalRelation [a#1, b#2]
import { semanticEquals } from '../../expr/expression.js';
import { type LogicalPlan, transformPlanUp } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { conjunction, isDeterministic, splitConjuncts } from '../plan-util.js';

export const combineFilters: OptimizerRule = {
  name: 'combine-filters',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (p) => {
      if (p.kind !== 'filter' || p.child.kind !== 'filter') return p;
      const inner = p.child;
      // A non-deterministic outer predicate must keep seeing only the rows the inner one let through.
      if (!isDeterministic(p.condition)) return p;
      const innerConjuncts = splitConjuncts(inner.condition);
      const extra = splitConjuncts(p.condition).filter((c) => !innerConjuncts.some((i) => semanticEquals(i, c)));
      const rest = conjunction(extra);
      return { ...inner, condition: rest === null ? inner.condition : { kind: 'and', left: inner.condition, right: rest } };
    });
  },
};

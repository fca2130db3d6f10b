// Limit push-down: merges stacked limits, moves a limit below row-preserving projects, copies it into union
// children and into the preserved side of an outer join (keeping the limit above), and drops limits that cannot
// cut anything. Limits stay above filters, aggregates, inner joins and sorts (Limit over Sort is a top-k).
//
//   GlobalLimit 5                    Project [a#1]
//   +- Project [a#1]          ==>    +- GlobalLimit 5
//      +- Union false, false            +- Union false, false
//         :- X                             :- GlobalLimit 5
//         +- Y                             :  +- X
//                                          +- GlobalLimit 5
//                                             +- Y
//   GlobalLimit 5 over GlobalLimit 3  ==>  GlobalLimit 3
//   GlobalLimit 5 over Join LeftOuter (X, Y)  ==>  GlobalLimit 5 over Join LeftOuter (GlobalLimit 5 over X, Y)
import { type Limit, type LogicalPlan, transformPlanDown } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { maxRows } from '../plan-util.js';

export const pushDownLimit: OptimizerRule = {
  name: 'push-down-limit',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanDown(plan, (p) => (p.kind === 'limit' ? pushLimit(p.limit, p) : p));
  },
};

/** `plan` limited to `n` rows, unless it provably has no more than that already. */
function limitTo(n: number, plan: LogicalPlan): LogicalPlan {
  const m = maxRows(plan);
  return m !== undefined && m <= n ? plan : { kind: 'limit', limit: n, child: plan };
}

function pushLimit(n: number, p: Limit): LogicalPlan {
  const child = p.child;
  // An offset drops rows first: the limit cannot move below it (or be merged with another).
  if (p.offset) return p;
  const m = maxRows(child);
  if (m !== undefined && m <= n) return child;
  switch (child.kind) {
    case 'limit':
      // Of the rows the inner limit keeps (after its offset), the first n.
      return { ...child, limit: Math.min(n, child.limit) };
    case 'project':
      // A project maps rows one to one: limiting its input is the same and does less work.
      return { ...child, child: pushLimit(n, { ...p, child: child.child }) };
    case 'union': {
      const children = child.children.map((c) => limitTo(n, c));
      if (children.every((c, i) => c === child.children[i])) return p;
      return { ...p, child: { ...child, children } };
    }
    case 'join': {
      if (child.joinType !== 'left' && child.joinType !== 'right') return p;
      // Every row of the preserved side yields at least one output row, so n of them are enough.
      if (child.joinType === 'left') {
        const left = limitTo(n, child.left);
        return left === child.left ? p : { ...p, child: { ...child, left } };
      }
      const right = limitTo(n, child.right);
      return right === child.right ? p : { ...p, child: { ...child, right } };
    }
    default:
      return p;
  }
}

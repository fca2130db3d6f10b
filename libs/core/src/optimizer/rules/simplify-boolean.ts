// Boolean simplification under SQL three-valued logic, and removal of filters whose condition is a literal.
//
//   Filter ((true AND (a#1 > 1)) OR false)         Filter (a#1 > 1)
//   +- Filter true                          ==>    +- LocalRelation [a#1]
//      +- LocalRelation [a#1]
//   Filter false / Filter NULL over X       ==>    LocalRelation <X's output> (no rows)
import { type Expression, BooleanT, lit, semanticEquals, transformUp } from '../../expr/expression.js';
import { type LogicalPlan, outputOf, transformPlanUp } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { mapPlanExpressions } from '../plan-util.js';

export const simplifyBoolean: OptimizerRule = {
  name: 'simplify-boolean',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (p) => {
      const q = mapPlanExpressions(p, simplifyBooleanExpression);
      if (q.kind !== 'filter' || q.condition.kind !== 'literal') return q;
      if (q.condition.value === true) return q.child;
      // FALSE and NULL both reject every row.
      return { kind: 'localRelation', output: outputOf(q.child), partitions: [] };
    });
  },
};

export function simplifyBooleanExpression(e: Expression): Expression {
  return transformUp(e, simplifyNode);
}

function isLit(e: Expression, v: boolean | null): boolean {
  return e.kind === 'literal' && e.value === v;
}

function conjuncts(e: Expression): Expression[] {
  return e.kind === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const and = (es: readonly Expression[]): Expression => es.reduce((l, r) => ({ kind: 'and', left: l, right: r }));

/**
 * `(a AND b) OR (a AND c)` → `a AND (b OR c)`, and `a OR (a AND b)` → `a` (Spark's BooleanSimplification): a join
 * condition repeated in every branch of an OR (TPC-H Q19) becomes a conjunct the join can use.
 */
function factorOr(left: Expression, right: Expression): Expression | null {
  const l = conjuncts(left);
  const r = conjuncts(right);
  const common = l.filter((x) => r.some((y) => semanticEquals(x, y)));
  if (common.length === 0) return null;
  const rest = (xs: Expression[]) => xs.filter((x) => !common.some((c) => semanticEquals(x, c)));
  const lr = rest(l);
  const rr = rest(r);
  if (lr.length === 0 || rr.length === 0) return and(common);
  return and([...common, { kind: 'or', left: and(lr), right: and(rr) }]);
}

function simplifyNode(e: Expression): Expression {
  switch (e.kind) {
    case 'and':
      if (isLit(e.left, true)) return e.right;
      if (isLit(e.right, true)) return e.left;
      // FALSE AND NULL is FALSE, so a FALSE operand decides the result.
      if (isLit(e.left, false) || isLit(e.right, false)) return lit(false, BooleanT);
      if (semanticEquals(e.left, e.right)) return e.left;
      return e;
    case 'or':
      // TRUE OR NULL is TRUE.
      if (isLit(e.left, true) || isLit(e.right, true)) return lit(true, BooleanT);
      if (isLit(e.left, false)) return e.right;
      if (isLit(e.right, false)) return e.left;
      if (semanticEquals(e.left, e.right)) return e.left;
      return factorOr(e.left, e.right) ?? e;
    case 'not':
      if (isLit(e.child, true)) return lit(false, BooleanT);
      if (isLit(e.child, false)) return lit(true, BooleanT);
      if (isLit(e.child, null)) return lit(null, BooleanT);
      if (e.child.kind === 'not') return e.child.child;
      return e;
    default:
      return e;
  }
}

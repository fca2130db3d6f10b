// Spark's PushExtraPredicateThroughJoin: a join condition that reads both sides may still imply a filter on one
// side. From `(n1.name = 'FRANCE' AND n2.name = 'GERMANY') OR (n1.name = 'GERMANY' AND n2.name = 'FRANCE')` (TPC-H Q7)
// each side gets `name = 'FRANCE' OR name = 'GERMANY'`, which push-down-filter then takes down to its scan, so the
// joins below see 2 nations instead of 25. The condition itself stays: the extracted filters are implied by it,
// not equivalent to it.
//
//   Join Inner, ((a#1 = 1) AND (b#2 = 2)) OR ((a#1 = 3) AND (b#2 = 4))
//   :- LocalRelation [a#1]                      ==>  :- Filter ((a#1 = 1) OR (a#1 = 3))
//   +- LocalRelation [b#2]                           +- Filter ((b#2 = 2) OR (b#2 = 4))
import { type Expression, containsPythonUdf, semanticEquals } from '../../expr/expression.js';
import { type Join, type LogicalPlan, planChildren, transformPlanUp } from '../../plan/logical-plan.js';
import { type OptimizerRule, OptimizerRun } from '../optimizer.js';
import { conditionTargets, isDeterministic, isSubset, outputIds, refIds, splitConjuncts } from '../plan-util.js';

export const pushExtraPredicateThroughJoin: OptimizerRule = {
  name: 'push-extra-predicate-through-join',
  apply: (plan, run = new OptimizerRun()) => transformPlanUp(plan, (p) => (p.kind === 'join' ? extract(p, run) : p)),
};

// Spark tags a processed join; here the condition is tagged, for this optimizer run. Rules keep unchanged nodes by
// identity, so a condition that comes back as the same object was seen; one rewritten by another rule is looked at
// again, and `filteredBy` keeps that from adding a filter that is already below.
const TAG = 'push-extra-predicate-through-join';

function extract(j: Join, run: OptimizerRun): LogicalPlan {
  if (j.condition === null || run.hasTag(j.condition, TAG)) return j;
  run.tag(j.condition, TAG);
  // The same sides ON conjuncts may move into: not the one an outer join preserves.
  const { toLeft, toRight } = conditionTargets(j.joinType);
  if (!toLeft && !toRight) return j;
  const leftIds = outputIds(j.left);
  const rightIds = outputIds(j.right);
  const both = splitConjuncts(j.condition).filter((c) => {
    const refs = refIds(c);
    return isDeterministic(c) && !containsPythonUdf(c) && refs.size > 0 && !isSubset(refs, leftIds) && !isSubset(refs, rightIds);
  });
  if (both.length === 0) return j;
  const forSide = (side: LogicalPlan, ids: ReadonlySet<number>) =>
    both.map((c) => within(c, ids)).filter((e): e is Expression => e !== null && !filteredBy(side, e));
  const onLeft = toLeft ? forSide(j.left, leftIds) : [];
  const onRight = toRight ? forSide(j.right, rightIds) : [];
  if (onLeft.length === 0 && onRight.length === 0) return j;
  return { ...j, left: filterOn(j.left, onLeft), right: filterOn(j.right, onRight) };
}

/**
 * The part of `e` that reads only `ids` and is implied by `e` (Spark's `extractPredicatesWithinOutputSet`): an AND
 * keeps whichever halves qualify, an OR needs both, anything else qualifies if it reads only `ids`.
 */
function within(e: Expression, ids: ReadonlySet<number>): Expression | null {
  if (e.kind === 'and') {
    const l = within(e.left, ids);
    const r = within(e.right, ids);
    return l && r ? { kind: 'and', left: l, right: r } : (l ?? r);
  }
  if (e.kind === 'or') {
    const l = within(e.left, ids);
    const r = l && within(e.right, ids);
    return l && r ? { kind: 'or', left: l, right: r } : null;
  }
  return isSubset(refIds(e), ids) ? e : null;
}

/** True if a Filter somewhere under `p` already has `e` as a conjunct (it was extracted before and pushed down). */
function filteredBy(p: LogicalPlan, e: Expression): boolean {
  if (p.kind === 'filter' && splitConjuncts(p.condition).some((c) => semanticEquals(c, e))) return true;
  return planChildren(p).some((c) => filteredBy(c, e));
}

function filterOn(plan: LogicalPlan, conds: readonly Expression[]): LogicalPlan {
  return conds.reduce<LogicalPlan>((child, condition) => ({ kind: 'filter', condition, child }), plan);
}

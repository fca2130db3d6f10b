// Predicate push-down: moves filter conjuncts below projects, sorts, repartitions, unions, aggregates (when they
// only read grouping columns) and into join sides or join conditions; moves one-sided join-condition conjuncts
// into the join's inputs. Outer joins only receive what keeps their null-padding semantics.
//
//   Filter ((x#3 > 1) AND (b#2 = c#4))            Join Inner, (b#2 = c#4)
//   +- Join Inner                                 :- Project [a#1, b#2, (a#1 + 1) AS x#3]
//      :- Project [a#1, b#2, (a#1+1) AS x#3]  ==> :  +- Filter ((a#1 + 1) > 1)
//      :  +- LocalRelation [a#1, b#2]             :     +- LocalRelation [a#1, b#2]
//      +- LocalRelation [c#4]                     +- LocalRelation [c#4]
import { type AttributeReference, type Expression, containsAggregate, containsPythonUdf } from '../../expr/expression.js';
import {
  type Aggregate,
  type Filter,
  type Join,
  type JoinType,
  type LogicalPlan,
  type Union,
  outputOf,
  transformPlanDown,
} from '../../plan/logical-plan.js';
import { assertNever } from '../../util/assert.js';
import type { OptimizerRule } from '../optimizer.js';
import { aliasMap, conditionTargets, conjunction, isDeterministic, isSubset, outputIds, refIds, splitConjuncts, substitute } from '../plan-util.js';

export const pushDownFilter: OptimizerRule = {
  name: 'push-down-filter',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanDown(plan, (p) => {
      if (p.kind === 'filter') return pushFilter(p);
      if (p.kind === 'join') return pushJoinCondition(p);
      return p;
    });
  },
};

function filterOn(plan: LogicalPlan, conds: readonly Expression[]): LogicalPlan {
  const condition = conjunction(conds);
  return condition === null ? plan : { kind: 'filter', condition, child: plan };
}

function pushFilter(f: Filter): LogicalPlan {
  const child = f.child;
  switch (child.kind) {
    case 'project': {
      if (!isDeterministic(f.condition) || !child.projectList.every(isDeterministic)) return f;
      const condition = substitute(f.condition, aliasMap(child.projectList));
      // Pushing a filter on a Python UDF's result below its project would run the UDF twice.
      if (containsPythonUdf(condition)) return f;
      return { ...child, child: { ...f, condition, child: child.child } };
    }
    case 'sort':
    case 'repartition':
    case 'subqueryAlias':
      if (!isDeterministic(f.condition)) return f;
      return { ...child, child: { ...f, child: child.child } };
    case 'union':
      if (!isDeterministic(f.condition)) return f;
      return pushIntoUnion(f, child);
    case 'aggregate':
      return pushIntoAggregate(f, child);
    case 'join':
      return pushIntoJoin(f, child);
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
    case 'filter':
    case 'limit':
    case 'distinct':
    case 'window': // a filter changes which rows a window sees (rank, running sums): it stays above
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'generate':
    case 'expand': // its projections null columns per set: a filter on them holds only above
      return f;
    default:
      return assertNever(child, 'logical plan');
  }
}

/** A copy of the filter on every child, its attributes renamed by position to that child's output. */
function pushIntoUnion(f: Filter, u: Union): LogicalPlan {
  const first = outputOf(u.children[0]!);
  const children = u.children.map((c, i) => {
    if (i === 0) return { ...f, child: c };
    const out = outputOf(c);
    const rename = new Map<number, AttributeReference>();
    first.forEach((a, k) => rename.set(a.exprId, out[k]!));
    return { ...f, condition: substitute(f.condition, rename), child: c };
  });
  return { ...u, children };
}

/** Conjuncts that only depend on grouping values hold for whole groups, so they can filter input rows instead. */
function pushIntoAggregate(f: Filter, agg: Aggregate): LogicalPlan {
  // A global aggregate returns one row even for empty input: filtering its input is not the same.
  if (agg.groupingExprs.length === 0) return f;
  const aliases = aliasMap(agg.aggregateExprs, (c) => !containsAggregate(c));
  const inputIds = outputIds(agg.child);
  const pushed: Expression[] = [];
  const kept: Expression[] = [];
  for (const c of splitConjuncts(f.condition)) {
    const replaced = substitute(c, aliases);
    if (isDeterministic(c) && !containsAggregate(replaced) && isSubset(refIds(replaced), inputIds)) pushed.push(replaced);
    else kept.push(c);
  }
  if (pushed.length === 0) return f;
  const newAgg: Aggregate = { ...agg, child: filterOn(agg.child, pushed) };
  return filterOn(newAgg, kept);
}

type Side = 'left' | 'right' | 'both' | 'fixed';

/** Which join input a conjunct reads: only the left, only the right, both; `fixed` ones never move. */
function classify(conjuncts: readonly Expression[], j: Join): { e: Expression; side: Side }[] {
  const leftIds = outputIds(j.left);
  const rightIds = outputIds(j.right);
  return conjuncts.map((e) => {
    const refs = refIds(e);
    const side: Side = !isDeterministic(e) ? 'fixed' : isSubset(refs, leftIds) ? 'left' : isSubset(refs, rightIds) ? 'right' : 'both';
    return { e, side };
  });
}

/** Splits classified conjuncts into those moved left, moved right and kept, keeping their order. */
function route(cs: readonly { e: Expression; side: Side }[], toLeft: boolean, toRight: boolean) {
  const left: Expression[] = [];
  const right: Expression[] = [];
  const kept: Expression[] = [];
  for (const { e, side } of cs) {
    if (side === 'left' && toLeft) left.push(e);
    else if (side === 'right' && toRight) right.push(e);
    else kept.push(e);
  }
  return { left, right, kept };
}

/** Which sides a filter above a join of this type may be pushed into. */
function filterTargets(t: JoinType): { toLeft: boolean; toRight: boolean } {
  switch (t) {
    case 'inner':
    case 'cross':
      return { toLeft: true, toRight: true };
    case 'left':
    case 'leftsemi':
    case 'leftanti':
      // Semi/anti joins output the left side only, so every movable conjunct is a left one.
      return { toLeft: true, toRight: false };
    case 'right':
      return { toLeft: false, toRight: true };
    case 'full':
      return { toLeft: false, toRight: false };
    default:
      return assertNever(t, 'join type');
  }
}

function pushIntoJoin(f: Filter, j: Join): LogicalPlan {
  const { toLeft, toRight } = filterTargets(j.joinType);
  const cs = classify(splitConjuncts(f.condition), j);
  const inner = j.joinType === 'inner' || j.joinType === 'cross';
  // Over an inner join, conjuncts reading both sides become part of the join condition.
  const r = route(cs, toLeft, toRight);
  const intoCondition = inner ? cs.filter((c) => c.side === 'both').map((c) => c.e) : [];
  const kept = r.kept.filter((e) => !intoCondition.includes(e));
  if (r.left.length === 0 && r.right.length === 0 && intoCondition.length === 0) return f;
  const condition = conjunction([...(j.condition ? [j.condition] : []), ...intoCondition]);
  const joinType = j.joinType === 'cross' && condition !== null ? 'inner' : j.joinType;
  const join = pushJoinCondition({ ...j, joinType, condition, left: filterOn(j.left, r.left), right: filterOn(j.right, r.right) });
  return kept.length === 0 ? join : { ...f, condition: conjunction(kept)!, child: join };
}

/** Moves ON-condition conjuncts that read one side only into that side, where the join type allows it. */
function pushJoinCondition(j: Join): LogicalPlan {
  if (j.condition === null) return j;
  const { toLeft, toRight } = conditionTargets(j.joinType);
  const r = route(classify(splitConjuncts(j.condition), j), toLeft, toRight);
  const joinType = j.joinType === 'cross' ? 'inner' : j.joinType;
  if (r.left.length === 0 && r.right.length === 0 && joinType === j.joinType) return j;
  return {
    ...j,
    joinType,
    left: filterOn(j.left, r.left),
    right: filterOn(j.right, r.right),
    condition: conjunction(r.kept),
  };
}

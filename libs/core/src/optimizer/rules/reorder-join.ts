// Join reordering without statistics (Spark's ReorderJoin): a tree of inner and cross joins, with the filters
// between them, is flattened into its inputs and conjuncts, then rebuilt left-deep, each step joining the next
// input that some conjunct connects to what is joined so far. `FROM a, b, c WHERE a.x = c.x AND c.y = b.y`
// then joins a with c first instead of building the cross product a × b.
//
//   Filter ((a#1 = c#3) AND (c#4 = b#2))           Project [a#1, b#2, c#3, c#4]
//   +- Join Inner                                  +- Join Inner, (c#4 = b#2)
//      :- Join Inner                       ==>        :- Join Inner, (a#1 = c#3)
//      :  :- LocalRelation [a#1]                      :  :- LocalRelation [a#1]
//      :  +- LocalRelation [b#2]                      :  +- LocalRelation [c#3, c#4]
//      +- LocalRelation [c#3, c#4]                    +- LocalRelation [b#2]
//
// The order changes only when the written one would join two inputs that no conjunct connects while another
// input could have been joined by one; otherwise the plan is returned as it is (the rule reaches a fixpoint,
// and push-down-filter places the conjuncts). Conjuncts stay on the first join that can evaluate them.
import { type Expression, containsPythonUdf } from '../../expr/expression.js';
import { type Join, type LogicalPlan, outputOf, planChildren, withNewPlanChildren } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { conjunction, isDeterministic, isSubset, outputIds, refIds, splitConjuncts } from '../plan-util.js';

export const reorderJoin: OptimizerRule = {
  name: 'reorder-join',
  apply: visit,
};

// Only the top of a chain of inner joins is reordered (then its inputs, recursively): a sub-chain seen alone,
// without the conjuncts above it, could be reordered against the order chosen for the whole chain.
function visit(p: LogicalPlan): LogicalPlan {
  return visitChains(p, reorder);
}

/**
 * `p` with `reorderChain` applied to the top of every chain of inner joins (then, recursively, to the chains among
 * its inputs) and nothing else changed.
 */
export function visitChains(p: LogicalPlan, reorderChain: (chain: LogicalPlan, flat: Flat) => LogicalPlan): LogicalPlan {
  if (isInnerJoin(p) || (p.kind === 'filter' && isInnerJoin(p.child))) {
    const flat: Flat = { inputs: [], conds: [] };
    flatten(p, flat);
    const inputs = flat.inputs.map((x) => visitChains(x, reorderChain));
    const changed = inputs.some((x, i) => x !== flat.inputs[i]);
    const chain = changed ? rebuild(p, new Map(flat.inputs.map((x, i) => [x, inputs[i]!]))) : p;
    return reorderChain(chain, { inputs, conds: flat.conds });
  }
  return withNewPlanChildren(p, planChildren(p).map((c) => visitChains(c, reorderChain)));
}

/** `p` with its chain's inputs replaced. */
function rebuild(p: LogicalPlan, inputs: ReadonlyMap<LogicalPlan, LogicalPlan>): LogicalPlan {
  if (isInnerJoin(p)) return { ...p, left: rebuild(p.left, inputs), right: inputs.get(p.right) ?? p.right };
  if (p.kind === 'filter' && isInnerJoin(p.child)) return { ...p, child: rebuild(p.child, inputs) };
  return inputs.get(p) ?? p;
}

function isInnerJoin(p: LogicalPlan): p is Join {
  return p.kind === 'join' && (p.joinType === 'inner' || p.joinType === 'cross');
}

export interface Flat {
  readonly inputs: LogicalPlan[];
  readonly conds: Expression[];
}

/** Spark's ExtractFiltersAndInnerJoins: inputs in written order, every join-condition and filter conjunct. */
function flatten(p: LogicalPlan, out: Flat): void {
  if (isInnerJoin(p)) {
    flatten(p.left, out);
    out.inputs.push(p.right);
    if (p.condition) out.conds.push(...splitConjuncts(p.condition));
  } else if (p.kind === 'filter' && isInnerJoin(p.child)) {
    flatten(p.child, out);
    out.conds.push(...splitConjuncts(p.condition));
  } else {
    out.inputs.push(p);
  }
}

/** `p`, a chain flattened into `flat`, rebuilt in the greedy order (or `p` itself when that is its order). */
function reorder(p: LogicalPlan, flat: Flat): LogicalPlan {
  if (!reorderable(flat)) return p;
  const order = greedyOrder(flat.inputs.map(outputIds), flat.conds.map(refIds));
  return joinInOrder(p, flat, order);
}

/** Whether a chain may be reordered at all: moving a non-deterministic conjunct or a Python UDF call could change how often, or on which rows, it runs. */
export function reorderable({ inputs, conds }: Flat): boolean {
  return inputs.length > 2 && conds.length > 0 && !conds.some((c) => !isDeterministic(c) || containsPythonUdf(c));
}

/**
 * The chain `p` (flattened into `flat`) as a left-deep tree joining its inputs in `order`, each conjunct on the first
 * join that can evaluate it, under a Project keeping `p`'s output; `p` itself when `order` is the written one.
 */
export function joinInOrder(p: LogicalPlan, { inputs, conds }: Flat, order: readonly number[]): LogicalPlan {
  if (order.every((k, i) => k === i)) return p;
  const ids = inputs.map(outputIds);
  const refs = conds.map(refIds);
  let joined = inputs[order[0]!]!;
  let joinedIds = new Set(ids[order[0]!]);
  let left = conds.map((_, i) => i);
  for (const k of order.slice(1)) {
    const right = inputs[k]!;
    const both = new Set([...joinedIds, ...ids[k]!]);
    const here = left.filter((i) => isSubset(refs[i]!, both));
    left = left.filter((i) => !here.includes(i));
    const condition = conjunction(here.map((i) => conds[i]!));
    // A step with a condition is an inner join; one that none connects stays a cross join, as written.
    joined = { kind: 'join', left: joined, right, joinType: condition ? 'inner' : 'cross', condition };
    joinedIds = both;
  }
  const rest = conjunction(left.map((i) => conds[i]!));
  if (rest) joined = { kind: 'filter', condition: rest, child: joined };
  return { kind: 'project', projectList: outputOf(p), child: joined };
}

/**
 * Spark's createOrderedJoin: start from the first input; at each step take the first remaining input that a
 * conjunct connects to the joined ones (a conjunct over both sides, not evaluable on either alone), or the next
 * one if there is none.
 */
function greedyOrder(ids: readonly Set<number>[], refs: readonly Set<number>[]): number[] {
  const order = [0];
  let joined = new Set(ids[0]);
  const rest = ids.map((_, i) => i).slice(1);
  while (rest.length > 0) {
    const at = rest.findIndex((k) => {
      const both = new Set([...joined, ...ids[k]!]);
      return refs.some((r) => r.size > 0 && !isSubset(r, joined) && !isSubset(r, ids[k]!) && isSubset(r, both));
    });
    const k = rest.splice(at < 0 ? 0 : at, 1)[0]!;
    order.push(k);
    joined = new Set([...joined, ...ids[k]!]);
  }
  return order;
}

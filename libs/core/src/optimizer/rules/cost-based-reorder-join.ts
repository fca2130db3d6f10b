// Join ordering by estimated sizes (Spark's CostBasedJoinReorder, on row estimates instead of collected
// statistics). A chain of inner joins is flattened as reorder-join does, then rebuilt left-deep in the order whose
// intermediate results hold the fewest rows in all, each step joining an input a conjunct connects. Selective
// dimension filters are then applied before the fact table meets the other dimensions: in TPC-H Q7 supplier ⋈
// nation('FRANCE' or 'GERMANY') comes first, instead of after lineitem has met orders and customer.
//
// Join sizes follow System R: |L ⋈ R| on a = b is |L| · |R| / max(V(L, a), V(R, b)), V the distinct values of a
// key in its input, here at most its rows. A key column holds at most as many values as its table has rows,
// and columns equated anywhere in the chain hold the same values: s_nationkey = n_nationkey makes both at most
// the 25 of nation, so supplier ⋈ customer on nation keys is seen as the many-to-many join it is. A step without
// an equality is a filtered cross product, |L| · |R| · selectivity.
import { type Expression, dataTypeOf } from '../../expr/expression.js';
import { type LogicalPlan, outputOf, planChildren, planExpressions } from '../../plan/logical-plan.js';
import { estimateBytes, rowBytes } from '../../physical/planner.js';
import { estimateRows, selectivity } from '../cardinality.js';
import type { OptimizerRule } from '../optimizer.js';
import { isSubset, outputIds, refIds } from '../plan-util.js';
import { type Flat, joinInOrder, reorderable, visitChains } from './reorder-join.js';

export const costBasedReorderJoin: OptimizerRule = {
  name: 'cost-based-reorder-join',
  apply: (p, run) => {
    const used = usedIds(p);
    return visitChains(p, (chain, flat) => reorderBySize(chain, flat, run?.broadcastThreshold ?? 10 * 1024 * 1024, used));
  },
};

/**
 * Column ids some expression of the plan reads, or the plan returns: the columns left once prune-columns has run
 * (after this rule), which are what the planner's sizes will count. A column a Project only passes on is not
 * read by it.
 */
function usedIds(root: LogicalPlan): Set<number> {
  const used = new Set<number>(outputOf(root).map((a) => a.exprId));
  const walk = (p: LogicalPlan): void => {
    for (const e of planExpressions(p)) {
      if (p.kind === 'project' && e.kind === 'attr') continue;
      for (const id of refIds(e)) used.add(id);
    }
    for (const c of planChildren(p)) walk(c);
  };
  walk(root);
  return used;
}

interface Input {
  readonly rows: number;
  /** The planner's size estimate of this input once its unused columns are pruned (its broadcast decision). */
  readonly bytes: number;
  /** Bytes per row of its used columns, for the size of an intermediate result holding them. */
  readonly width: number;
  /** Rows before its filters: the number of distinct values a key column of it can hold. */
  readonly base: number;
  readonly ids: ReadonlySet<number>;
}

function reorderBySize(p: LogicalPlan, flat: Flat, broadcastThreshold: number, used: ReadonlySet<number>): LogicalPlan {
  if (!reorderable(flat)) return p;
  const inputs: Input[] = flat.inputs.map((x) => {
    const out = outputOf(x);
    const width = rowBytes(out.filter((a) => used.has(a.exprId)));
    return { rows: estimateRows(x), base: estimateRows(x, false), bytes: (estimateBytes(x) * width) / rowBytes(out), width, ids: outputIds(x) };
  });
  if (inputs.some((x) => !Number.isFinite(x.rows) || !Number.isFinite(x.base))) return p;
  const conds = flat.conds.map((e) => ({ e, refs: refIds(e), sel: selectivity(e) }));
  const order = cheapestOrder(inputs, conds, distinctValues(inputs, conds), broadcastThreshold);
  return order === null ? p : joinInOrder(p, flat, order);
}

/**
 * Per column id, the most distinct values it can hold: its input's rows before filters, lowered to the least of
 * the columns an equality of the chain puts it with (the closure over all such equalities).
 */
function distinctValues(inputs: readonly Input[], conds: readonly Cond[]): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const ndv = new Map<number, number>();
  for (const x of inputs) for (const id of x.ids) ndv.set(id, x.base);
  for (const { e } of conds) {
    if (e.kind !== 'cmp' || (e.op !== '=' && e.op !== '<=>') || e.left.kind !== 'attr' || e.right.kind !== 'attr') continue;
    const a = find(e.left.exprId);
    const b = find(e.right.exprId);
    if (a === b) continue;
    parent.set(a, b);
    ndv.set(b, Math.min(ndv.get(a) ?? Infinity, ndv.get(b) ?? Infinity));
  }
  const out = new Map<number, number>();
  for (const id of ndv.keys()) out.set(id, ndv.get(find(id)) ?? ndv.get(id)!);
  return out;
}

interface Cond {
  readonly e: Expression;
  readonly refs: ReadonlySet<number>;
  readonly sel: number;
}

/** Chains longer than this keep the order reorder-join gave them (the search visits 2^n sets of inputs). */
const MAX_INPUTS = 12;

/**
 * The left-deep order with the least total of estimated intermediate rows (Selinger's dynamic programme over sets
 * of inputs, each step adding an input some conjunct connects), or null to keep the written one: when no order
 * avoids a cross product, the chain is too long to search, or the written order costs little more.
 */
function cheapestOrder(inputs: readonly Input[], conds: readonly Cond[], ndv: ReadonlyMap<number, number>, broadcastThreshold: number): number[] | null {
  const n = inputs.length;
  if (n > MAX_INPUTS) return null;
  const ctx: SizeContext = { inputs, conds, ndv, all: new Set(inputs.flatMap((x) => [...x.ids])) };
  const best: (Step | undefined)[] = new Array(1 << n);
  for (let i = 0; i < n; i++) best[1 << i] = { cost: 0, rows: inputs[i]!.rows, width: inputs[i]!.width, bytes: inputs[i]!.bytes, order: [i] };
  // Sets in increasing numeric order: every subset of a set comes before it. Ties keep the first order found.
  for (let set = 1; set < 1 << n; set++) {
    const b = best[set];
    if (!b) continue;
    for (let k = 0; k < n; k++) {
      if (set & (1 << k)) continue;
      const step = extend(b, k, ctx, broadcastThreshold);
      if (!step) continue;
      const cur = best[set | (1 << k)];
      if (!cur || step.cost < cur.cost) best[set | (1 << k)] = step;
    }
  }
  const all = best[(1 << n) - 1];
  if (!all) return null;
  // The written order (reorder-join's) stays unless the estimates clearly prefer another: they are rough, and an
  // order a person wrote often encodes what they know of the data.
  let written: Step | null = best[1]!;
  for (let k = 1; k < n && written; k++) written = extend(written, k, ctx, broadcastThreshold);
  return written && all.cost >= written.cost * KEEP_WRITTEN ? null : [...all.order];
}

/** Written orders within this factor of the cheapest estimate are kept. */
const KEEP_WRITTEN = 0.9;

interface Step {
  readonly cost: number;
  readonly rows: number;
  readonly width: number;
  readonly bytes: number;
  readonly order: readonly number[];
}

/**
 * `b` joined with input k: a step costs the rows it makes, and when neither side can be broadcast also the rows
 * both sides shuffle. null when no conjunct connects k.
 */
function extend(b: Step, k: number, ctx: SizeContext, broadcastThreshold: number): Step | null {
  const rows = joinSize(b.rows, new Set(b.order), k, ctx);
  if (rows === null) return null;
  const x = ctx.inputs[k]!;
  const broadcastable = (bytes: number) => broadcastThreshold >= 0 && bytes <= broadcastThreshold;
  const shuffle = broadcastable(x.bytes) || broadcastable(b.bytes) ? 0 : b.rows + x.rows;
  // The planner sizes an inner join as its estimated rows at its row width (estimateBytes).
  const width = b.width + x.width - 8;
  return { cost: b.cost + rows + shuffle, rows, width, bytes: rows * width, order: [...b.order, k] };
}

interface SizeContext {
  readonly inputs: readonly Input[];
  readonly conds: readonly Cond[];
  /** Most distinct values per column id (distinctValues). */
  readonly ndv: ReadonlyMap<number, number>;
  readonly all: ReadonlySet<number>;
}

/**
 * Estimated rows of (the inputs `joined`, `rows` of them) ⋈ input k over the conjuncts that become evaluable with
 * k; null when none does (the step would be a cross product).
 */
function joinSize(rows: number, joined: ReadonlySet<number>, k: number, { inputs, conds, ndv, all }: SizeContext): number | null {
  const left = new Set([...joined].flatMap((i) => [...inputs[i]!.ids]));
  const right = inputs[k]!.ids;
  const both = new Set([...left, ...right]);
  const here = conds.filter((c) => c.refs.size > 0 && isSubset(c.refs, all) && !isSubset(c.refs, left) && !isSubset(c.refs, right) && isSubset(c.refs, both));
  if (here.length === 0) return null;
  const kRows = inputs[k]!.rows;
  const product = rows * kRows;
  let est = Infinity;
  let rest = 1;
  for (const c of here) {
    const keys = equiKeys(c.e, left, right);
    if (keys) {
      const v = Math.max(Math.min(distinctOf(keys[0], ndv), rows), Math.min(distinctOf(keys[1], ndv), kRows));
      est = Math.min(est, product / Math.max(1, v));
    } else rest *= c.sel;
  }
  return (Number.isFinite(est) ? est : product) * rest;
}

/** `a = b` with `a` over the left inputs only and `b` over the right only (either way round): [a refs, b refs]. */
function equiKeys(e: Expression, left: ReadonlySet<number>, right: ReadonlySet<number>): [Set<number>, Set<number>] | null {
  if (e.kind !== 'cmp' || (e.op !== '=' && e.op !== '<=>')) return null;
  if (dataTypeOf(e.left).kind === 'null') return null;
  const a = refIds(e.left);
  const b = refIds(e.right);
  if (a.size === 0 || b.size === 0) return null;
  if (isSubset(a, left) && isSubset(b, right)) return [a, b];
  if (isSubset(b, left) && isSubset(a, right)) return [b, a];
  return null;
}

/** Distinct values of a key expression: of its column, or for an expression over several the most of theirs. */
function distinctOf(ids: ReadonlySet<number>, ndv: ReadonlyMap<number, number>): number {
  let v = 0;
  for (const id of ids) v = Math.max(v, ndv.get(id) ?? Infinity);
  return v;
}

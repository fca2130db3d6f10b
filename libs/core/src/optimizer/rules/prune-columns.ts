// Column pruning: walks the plan top-down with the set of columns the parent needs, drops unused project and
// aggregate outputs, and inserts Projects below joins, aggregates and unions so only needed columns flow up.
// The plan's own output is never changed.
//
//   Project [a#1]                              Project [a#1]
//   +- Join Inner, (b#2 = c#3)                 +- Join Inner, (b#2 = c#3)
//      :- LocalRelation [a#1, b#2, z#5]  ==>      :- Project [a#1, b#2]
//      +- Aggregate [c#3], [c#3, sum(d#4) AS s#6]     :  +- LocalRelation [a#1, b#2, z#5]
//         +- LocalRelation [c#3, d#4]              +- Aggregate [c#3], [c#3]
//                                                     +- Project [c#3]
//                                                        +- LocalRelation [c#3, d#4]
import type { AttributeReference, Expression } from '../../expr/expression.js';
import { type Join, type LogicalPlan, type Union, outputOf } from '../../plan/logical-plan.js';
import { assertNever } from '../../util/assert.js';
import type { OptimizerRule } from '../optimizer.js';
import { namedId, refIds } from '../plan-util.js';

export const pruneColumns: OptimizerRule = {
  name: 'prune-columns',
  apply(plan: LogicalPlan): LogicalPlan {
    return prune(plan, null);
  },
};

/** Columns (by exprId) a parent reads; null means all of them, in order (the root, Distinct, …). */
type Required = ReadonlySet<number> | null;

function withRefs(req: Required, exprs: readonly Expression[]): Required {
  if (req === null) return null;
  const out = new Set(req);
  for (const e of exprs) for (const id of refIds(e)) out.add(id);
  return out;
}

function refsOf(exprs: readonly Expression[]): Set<number> {
  return withRefs(new Set(), exprs) as Set<number>;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Prunes `p` so that its output keeps every required column (extra columns may remain), in the original order. */
function prune(p: LogicalPlan, req: Required): LogicalPlan {
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'cachedRelation':
      return p;
    case 'fileScan': {
      // Read only the needed columns (at least one, so rows are still counted).
      if (req === null) return p;
      let keep = p.output.map((a, i) => (req.has(a.exprId) ? i : -1)).filter((i) => i >= 0);
      if (keep.length === p.output.length) return p;
      if (keep.length === 0) keep = [0];
      return { ...p, output: keep.map((i) => p.output[i]!), columns: keep.map((i) => p.columns[i]!) };
    }
    case 'project': {
      // With a required set the parent reads by id, so a second copy of the same column (a correlated subquery's
      // pulled-up key beside `*`) is dropped too: it would only widen shuffles and broadcasts.
      const seen = new Set<number>();
      const kept = req === null ? p.projectList : p.projectList.filter((e) => {
        const id = namedId(e);
        if (!req.has(id) || seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      const projectList = sameList(kept, p.projectList) ? p.projectList : kept;
      const child = prune(p.child, refsOf(projectList));
      return projectList === p.projectList && child === p.child ? p : { ...p, projectList, child };
    }
    case 'filter':
      return withChild(p, pruneInput(p.child, withRefs(req, [p.condition])));
    case 'sort':
      return withChild(p, pruneInput(p.child, withRefs(req, p.order)));
    case 'repartition':
      return withChild(p, pruneInput(p.child, withRefs(req, p.partitionExprs)));
    case 'limit':
      return withChild(p, pruneInput(p.child, req));
    case 'subqueryAlias':
      return withChild(p, prune(p.child, req));
    case 'distinct':
      // Every column takes part in the duplicate test.
      return withChild(p, prune(p.child, null));
    case 'aggregate': {
      let kept = req === null ? p.aggregateExprs : p.aggregateExprs.filter((e) => req.has(namedId(e)));
      // Keep one output so the operator still yields its rows (one per group, or the single global row).
      if (kept.length === 0 && p.aggregateExprs.length > 0) kept = [p.aggregateExprs[0]!];
      const aggregateExprs = sameList(kept, p.aggregateExprs) ? p.aggregateExprs : kept;
      const child = exact(p.child, refsOf([...p.groupingExprs, ...aggregateExprs]));
      return aggregateExprs === p.aggregateExprs && child === p.child ? p : { ...p, aggregateExprs, child };
    }
    case 'join':
      return pruneJoin(p, req);
    case 'union':
      return pruneUnion(p, req);
    case 'window': {
      // Window columns nobody reads are dropped (a window never changes the rows); the child keeps what the
      // parent and the remaining window expressions read.
      const windowExprs = req === null ? p.windowExprs : p.windowExprs.filter((e) => req.has(e.exprId));
      if (windowExprs.length === 0) return prune(p.child, req);
      const child = exact(p.child, withRefs(req, [...windowExprs, ...p.partitionSpec, ...p.orderSpec]));
      return windowExprs.length === p.windowExprs.length && child === p.child ? p : { ...p, windowExprs: sameList(windowExprs, p.windowExprs) ? p.windowExprs : windowExprs, child };
    }
    case 'mapInPython':
      // The Python function sees whole rows: its input keeps every column.
      return withChild(p, prune(p.child, null));
    case 'flatMapGroupsInPython':
      return withChild(p, prune(p.child, null));
    case 'generate': {
      // Child columns only the generator reads are not repeated once per element.
      const child = exact(p.child, withRefs(req, [p.generator]));
      // req null = the node's output as it is, which already leaves out what an earlier pass omitted.
      const omit = req === null ? (p.omitChild ?? []) : outputOf(child).filter((a) => !req.has(a.exprId)).map((a) => a.exprId);
      const same = child === p.child && omit.length === (p.omitChild?.length ?? 0) && omit.every((x, i) => x === p.omitChild![i]);
      return same ? p : { ...p, omitChild: omit, child };
    }
    case 'expand': {
      // Output columns nobody reads are dropped from every projection (Spark's ColumnPruning of Expand); one is
      // kept so the rows are still produced.
      let keep = p.output.flatMap((a, i) => (req === null || req.has(a.exprId) ? [i] : []));
      if (keep.length === 0) keep = [p.output.length - 1];
      const projections = keep.length === p.output.length ? p.projections : p.projections.map((q) => keep.map((i) => q[i]!));
      const child = exact(p.child, refsOf(projections.flat()));
      if (projections === p.projections && child === p.child) return p;
      return { ...p, projections, output: keep.map((i) => p.output[i]!), child };
    }
    default:
      return assertNever(p, 'logical plan');
  }
}

function withChild<P extends LogicalPlan & { readonly child: LogicalPlan }>(p: P, child: LogicalPlan): P {
  return child === p.child ? p : { ...p, child };
}

/**
 * The input of a row-passing operator (filter, sort, limit, repartition): a leaf's unused columns are projected
 * away right above it so they are not carried through. (Under a Project that would only make a Project(Project).)
 */
function pruneInput(p: LogicalPlan, req: Required): LogicalPlan {
  return p.kind === 'range' || p.kind === 'localRelation' || p.kind === 'cachedRelation' ? exact(p, req) : prune(p, req);
}

/** Prunes `p` and, when columns outside `req` remain, projects them away. */
function exact(p: LogicalPlan, req: Required): LogicalPlan {
  const q = prune(p, req);
  if (req === null) return q;
  const out = outputOf(q);
  if (out.every((a) => req.has(a.exprId))) return q;
  return { kind: 'project', projectList: out.filter((a) => req.has(a.exprId)), child: q };
}

function pruneJoin(j: Join, req: Required): LogicalPlan {
  const cond = j.condition ? [j.condition] : [];
  const semi = j.joinType === 'leftsemi' || j.joinType === 'leftanti';
  // Semi/anti joins output only the left side; the right side feeds the condition alone.
  const left = exact(j.left, withRefs(req, cond));
  const right = exact(j.right, semi ? refsOf(cond) : withRefs(req, cond));
  return left === j.left && right === j.right ? j : { ...j, left, right };
}

function pruneUnion(u: Union, req: Required): LogicalPlan {
  const outputs = u.children.map(outputOf);
  // Columns are matched by position; a child repeating an exprId would make a set of ids ambiguous.
  const ambiguous = outputs.some((o) => new Set(o.map((a) => a.exprId)).size !== o.length);
  if (req === null || ambiguous) {
    const children = u.children.map((c) => prune(c, null));
    return sameList(children, u.children) ? u : { ...u, children };
  }
  const positions = outputs[0]!.flatMap((a, k) => (req.has(a.exprId) ? [k] : []));
  const children = u.children.map((c, i) => {
    const wanted: AttributeReference[] = positions.map((k) => outputs[i]![k]!);
    const q = prune(c, new Set(wanted.map((a) => a.exprId)));
    const out = outputOf(q);
    if (out.length === wanted.length && out.every((a, k) => a.exprId === wanted[k]!.exprId)) return q;
    return { kind: 'project', projectList: wanted, child: q } satisfies LogicalPlan;
  });
  return sameList(children, u.children) ? u : { ...u, children };
}

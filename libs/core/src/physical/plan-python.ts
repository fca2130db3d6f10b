// Planning of Python UDFs (Spark's ExtractPythonUDFs): calls inside a projection or filter move into PythonEval
// operators below it, one per eval type, and the expressions above refer to their result columns instead.
//
//   Project [(f(a#1) + 1) AS x#3]                  Project [(f(a)#4 + 1) AS x#3]
//   +- LocalTableScan [a#1]              ==>       +- ArrowEvalPython [f], [a#1], [a#1, f(a)#4]
//                                                     +- LocalTableScan [a#1]
// Chained calls of one eval type, g(f(a)), run in one trip: the worker feeds f's result to g itself.
import {
  type AttributeReference,
  type Expression,
  type PythonUdf,
  attr,
  children,
  exists,
  prettyName,
  semanticEquals,
  transformDown,
} from '../expr/expression.js';
import { bindReferences } from './bind.js';
import type { PhysicalPlan, PythonEvalExec, PythonFunction } from './physical-plan.js';

/** UDFs that may share one trip to a worker; an iterator UDF consumes the whole input stream, so it travels alone. */
function groupKey(u: PythonUdf): string {
  return u.evalType === 'scalarPandasIter' ? `${u.evalType}:${u.udfId}` : u.evalType;
}

function isScalarUdf(e: Expression): e is PythonUdf {
  return e.kind === 'pythonUdf' && e.evalType !== 'groupedAggPandas';
}

/** True when every Python UDF under `u` (itself included) can run in the same trip as `u`. */
function sameTrip(u: PythonUdf): boolean {
  const key = groupKey(u);
  return !u.args.some((a) => exists(a, (x) => isScalarUdf(x) && groupKey(x) !== key));
}

/**
 * Rewrites `exprs` (resolved, unbound) so that no scalar Python UDF remains in them, stacking PythonEval operators
 * on `child`. Returns the rewritten expressions (still unbound) and the new child.
 */
export function extractPythonUdfs(exprs: readonly Expression[], child: PhysicalPlan): { exprs: Expression[]; child: PhysicalPlan } {
  let current = [...exprs];
  let plan = child;
  for (;;) {
    // Outermost UDFs whose whole subtree fits in one trip, grouped by eval type; the first group runs now.
    const ready: PythonUdf[] = [];
    const visit = (e: Expression): void => {
      if (isScalarUdf(e) && sameTrip(e)) {
        if (!ready.some((r) => semanticEquals(r, e))) ready.push(e);
        return;
      }
      for (const c of children(e)) visit(c);
    };
    current.forEach(visit);
    if (ready.length === 0) return { exprs: current, child: plan };
    const key = groupKey(ready[0]!);
    const batch = ready.filter((u) => groupKey(u) === key);
    const { node, results } = pythonEval(batch, plan);
    plan = node;
    current = current.map((e) =>
      transformDown(e, (x) => {
        if (x.kind !== 'pythonUdf') return x;
        const i = batch.findIndex((u) => semanticEquals(u, x));
        return i >= 0 ? results[i]! : x;
      }),
    );
  }
}

/** The argument columns a Python operator sends: each distinct expression once, referred to by its index. */
export class ArgumentColumns {
  readonly exprs: Expression[] = [];

  index(e: Expression): number {
    const i = this.exprs.findIndex((a) => semanticEquals(a, e));
    if (i >= 0) return i;
    this.exprs.push(e);
    return this.exprs.length - 1;
  }
}

/** One PythonEval over `plan` computing `udfs` (all of one group); returns the result attribute of each. */
function pythonEval(udfs: readonly PythonUdf[], plan: PhysicalPlan): { node: PythonEvalExec; results: AttributeReference[] } {
  const argCols = new ArgumentColumns();
  const functions: PythonFunction[] = [];
  // Post-order: a chained UDF's inner calls become earlier functions it reads by -(k+1).
  const add = (u: PythonUdf, isOutput: boolean): number => {
    const args = u.args.map((a) => (isScalarUdf(a) ? -(add(a, false) + 1) : argCols.index(a)));
    functions.push({ name: u.name, command: u.command, returnType: u.dataType, args, isOutput, broadcastIds: u.broadcastIds ?? [] });
    return functions.length - 1;
  };
  const results = udfs.map((u) => {
    add(u, true);
    return attr(prettyName(u), u.dataType, true);
  });
  const output = [...plan.output, ...results];
  const bound = argCols.exprs.map((e) => bindReferences(e, plan.output));
  return { node: { kind: 'pythonEval', evalType: udfs[0]!.evalType, argExprs: bound, functions, child: plan, output }, results };
}

/** The function of a map / grouped-map node, which takes whole rows (no argument columns). */
export function wholeRowFunction(u: PythonUdf): PythonFunction {
  return { name: u.name, command: u.command, returnType: u.dataType, args: [], isOutput: true, broadcastIds: u.broadcastIds ?? [] };
}

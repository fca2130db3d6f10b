// Structural checks the runner applies after each rule when `verify` is on: attribute references resolve
// against the children's output (by exprId, with the same type) and the plan's output schema is unchanged.
import { type AttributeReference, type Expression, exprToString, forEachExpr } from '../expr/expression.js';
import { type LogicalPlan, nodeString, outputOf, planChildren, planExpressions } from '../plan/logical-plan.js';
import { sameType, simpleString } from '../types/data-type.js';

/** Returns a description of the first problem found, or null when the plan is well formed. */
export function findPlanProblem(plan: LogicalPlan): string | null {
  for (const c of planChildren(plan)) {
    const problem = findPlanProblem(c);
    if (problem) return problem;
  }
  const available = new Map<number, AttributeReference>();
  for (const c of planChildren(plan)) for (const a of outputOf(c)) available.set(a.exprId, a);
  for (const e of planExpressions(plan)) {
    let problem: string | null = null;
    forEachExpr(e, (x) => {
      if (problem || x.kind !== 'attr') return;
      const src = available.get(x.exprId);
      if (!src) problem = `${exprToString(x)} is not produced by the children of ${nodeString(plan)}`;
      else if (!sameType(src.dataType, x.dataType)) {
        problem = `${exprToString(x)} has type ${simpleString(x.dataType)} but its input has ${simpleString(src.dataType)} in ${nodeString(plan)}`;
      }
    });
    if (problem) return problem;
  }
  if (plan.kind === 'project' || plan.kind === 'aggregate') {
    const list: readonly Expression[] = plan.kind === 'project' ? plan.projectList : plan.aggregateExprs;
    const bad = list.find((e) => e.kind !== 'attr' && e.kind !== 'alias');
    if (bad) return `${exprToString(bad)} is not a named expression in ${nodeString(plan)}`;
  }
  if (plan.kind === 'union') {
    const width = outputOf(plan.children[0]!).length;
    if (plan.children.some((c) => outputOf(c).length !== width)) return `children of ${nodeString(plan)} differ in width`;
  }
  return null;
}

/** The output columns' exprId, name and type, for comparison before/after a rule. */
export function outputSignature(plan: LogicalPlan): string {
  return outputOf(plan)
    .map((a) => `${a.name}#${a.exprId}:${simpleString(a.dataType)}`)
    .join(', ');
}

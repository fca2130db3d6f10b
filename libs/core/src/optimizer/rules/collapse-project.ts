// Merges Project(Project) into one Project by inlining the inner aliases, and removes projects that return
// their child's output unchanged. Output exprIds and names stay as they were.
//
//   Project [(x#3 * 2) AS y#4]              Project [((a#1 + 1) * 2) AS y#4]
//   +- Project [(a#1 + 1) AS x#3]    ==>    +- LocalRelation [a#1]
//      +- LocalRelation [a#1]
//   (Project [x#3, (x#3 * 2) AS y#4] over it is kept: (a#1 + 1) would be computed twice.)
//   Project [a#1] over LocalRelation [a#1]  ==>  LocalRelation [a#1]
import { type Alias, type Expression, forEachExpr } from '../../expr/expression.js';
import { type LogicalPlan, type Project, outputOf, transformPlanUp } from '../../plan/logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { isDeterministic, substitute } from '../plan-util.js';

export const collapseProject: OptimizerRule = {
  name: 'collapse-project',
  apply(plan: LogicalPlan): LogicalPlan {
    return transformPlanUp(plan, (p) => {
      if (p.kind !== 'project') return p;
      const merged = p.child.kind === 'project' ? collapse(p, p.child) : p;
      return isNoop(merged) ? merged.child : merged;
    });
  },
};

/** True when the project returns exactly its child's columns, in order. */
function isNoop(p: Project): boolean {
  const out = outputOf(p.child);
  return (
    p.projectList.length === out.length &&
    p.projectList.every((e, i) => e.kind === 'attr' && e.exprId === out[i]!.exprId && e.name === out[i]!.name)
  );
}

function collapse(outer: Project, inner: Project): Project {
  const aliases = new Map<number, Alias>();
  for (const e of inner.projectList) if (e.kind === 'alias') aliases.set(e.exprId, e);
  const uses = new Map<number, number>();
  for (const e of outer.projectList) {
    forEachExpr(e, (x) => {
      if (x.kind === 'attr' && aliases.has(x.exprId)) uses.set(x.exprId, (uses.get(x.exprId) ?? 0) + 1);
    });
  }
  for (const [id, n] of uses) {
    const child = aliases.get(id)!.child;
    const cheap = child.kind === 'attr' || child.kind === 'literal';
    // Inlining duplicates the expression: fine once, or when it costs nothing to recompute.
    if (n > 1 && !cheap) return outer;
    if (n > 1 && !isDeterministic(child)) return outer;
  }
  const inline = new Map<number, Expression>();
  for (const [id, a] of aliases) inline.set(id, a.child);
  const projectList = outer.projectList.map((e): Expression => {
    if (e.kind === 'attr') {
      const a = aliases.get(e.exprId);
      if (!a) return e;
      return a.name === e.name ? a : { ...a, name: e.name };
    }
    if (e.kind === 'alias') {
      const child = substitute(e.child, inline);
      return child === e.child ? e : { ...e, child };
    }
    return substitute(e, inline);
  });
  return { ...outer, projectList, child: inner.child };
}

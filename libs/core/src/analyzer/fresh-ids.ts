// Gives every attribute a subtree produces a new exprId (Spark's dedupRight for self-joins): leaves get fresh
// output ids, aliases fresh ids, and every reference above them follows, so qualifiers and names survive.
import { type AttributeReference, type Expression, newExprId, transformUp } from '../expr/expression.js';
import { type LogicalPlan, transformPlanUp } from '../plan/logical-plan.js';
import { mapPlanExpressions } from '../optimizer/plan-util.js';

export function withFreshExprIds(plan: LogicalPlan): LogicalPlan {
  const ids = new Map<number, number>();
  const fresh = (a: AttributeReference): AttributeReference => {
    const id = newExprId();
    ids.set(a.exprId, id);
    return { ...a, exprId: id };
  };
  const remap = (e: Expression): Expression =>
    transformUp(e, (x) => {
      if (x.kind === 'attr') {
        const id = ids.get(x.exprId);
        return id === undefined ? x : { ...x, exprId: id };
      }
      if (x.kind === 'alias') {
        const id = newExprId();
        ids.set(x.exprId, id);
        return { ...x, exprId: id };
      }
      return x;
    });
  return transformPlanUp(plan, (p) => {
    switch (p.kind) {
      case 'range':
      case 'localRelation':
      case 'fileScan':
      case 'cachedRelation':
        return { ...p, output: p.output.map(fresh) };
      default:
        return mapPlanExpressions(p, remap);
    }
  });
}

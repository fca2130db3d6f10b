// Subqueries in a SELECT block, rewritten to joins before the block is planned (Spark's RewritePredicateSubquery
// and RewriteCorrelatedScalarSubquery, for uncorrelated subqueries):
//   WHERE x IN (subquery)       → left semi join on x = y
//   WHERE x NOT IN (subquery)   → left anti join on x = y OR (x = y) IS NULL (null-aware, as Spark)
//   WHERE [NOT] EXISTS (…)      → left semi/anti join without a condition
//   (SELECT agg …) in WHERE or the select list → a cross join with the one-row subquery, read as a column
import { AnalysisError } from '@kindling/core';
import {
  type Expression,
  type LogicalPlan,
  exists,
  maxRows,
  outputOf,
  resolveExpression,
  transformUp,
  withFreshExprIds,
} from '@kindling/core/internal';
import { SUBQUERY_EXISTS, SUBQUERY_IN, SUBQUERY_SCALAR } from './parse-expression.js';
import type { Built, PlanContext } from './plan-context.js';
import { planQuery } from './plan-query.js';

const MARKERS = new Set([SUBQUERY_IN, SUBQUERY_EXISTS, SUBQUERY_SCALAR]);

function isMarker(e: Expression, name?: string): e is Extract<Expression, { kind: 'unresolvedFunction' }> {
  return e.kind === 'unresolvedFunction' && (name ? e.name === name : MARKERS.has(e.name));
}

export function hasSubquery(e: Expression): boolean {
  return exists(e, (x) => isMarker(x));
}

export function subqueryUnsupported(where: string): AnalysisError {
  return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY', `Kindling supports IN/EXISTS subqueries only as top-level conjuncts of WHERE, and scalar subqueries that are global aggregates; found one ${where}.`, { where });
}

/** The subquery a marker call refers to, planned in the outer context (uncorrelated: outer columns do not resolve). */
function planSubquery(marker: Extract<Expression, { kind: 'unresolvedFunction' }>, ctx: PlanContext): Built {
  const idArg = marker.args[marker.args.length - 1]!;
  const id = idArg.kind === 'literal' ? Number(idArg.value) : -1;
  const q = ctx.subqueries[id];
  if (!q) throw new Error(`subquery #${id} is missing`);
  try {
    return planQuery(q, ctx);
  } catch (e) {
    if (e instanceof AnalysisError && e.errorClass.startsWith('UNRESOLVED_COLUMN')) {
      throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED', `${e.message.replace(/^\[[^\]]+\] /, '')} Kindling does not support correlated subqueries yet (a subquery cannot read the outer query's columns).`, e.messageParameters as Record<string, string>);
    }
    throw e;
  }
}

/** The subquery's plan with attribute ids distinct from `left`'s (a subquery over the same view shares them). */
function freshAgainst(left: Built, sub: Built): Built {
  const ids = new Set(outputOf(left.plan).map((a) => a.exprId));
  return outputOf(sub.plan).some((a) => ids.has(a.exprId)) ? { parsed: sub.parsed, plan: withFreshExprIds(sub.plan) } : sub;
}

function splitConjuncts(e: Expression): Expression[] {
  return e.kind === 'and' ? [...splitConjuncts(e.left), ...splitConjuncts(e.right)] : [e];
}

/** Scalar subqueries in `exprs` become columns of one-row plans cross-joined to `input`. */
export function joinScalarSubqueries(input: Built, exprs: readonly Expression[], ctx: PlanContext): { input: Built; exprs: Expression[] } {
  let b = input;
  const out = exprs.map((e) =>
    transformUp(e, (x) => {
      if (!isMarker(x, SUBQUERY_SCALAR)) return x;
      const sub = freshAgainst(b, planSubquery(x, ctx));
      const cols = outputOf(sub.plan);
      if (cols.length !== 1) {
        throw new AnalysisError('INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN', `Scalar subquery must return only one column, but got ${cols.length}.`, { number: String(cols.length) });
      }
      if (maxRows(sub.plan) !== 1) throw subqueryUnsupported('that may return more than one row (use a global aggregate)');
      b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType: 'cross', condition: null }));
      return cols[0]!;
    }),
  );
  return { input: b, exprs: out };
}

/** Applies a WHERE condition: IN/EXISTS conjuncts as semi/anti joins, the rest as one Filter below them. */
export function planWhere(input: Built, where: Expression, ctx: PlanContext): Built {
  const conjuncts = splitConjuncts(where);
  const predicates: { marker: Extract<Expression, { kind: 'unresolvedFunction' }>; negated: boolean }[] = [];
  const plain: Expression[] = [];
  for (const c of conjuncts) {
    const negated = c.kind === 'not' && (isMarker(c.child, SUBQUERY_IN) || isMarker(c.child, SUBQUERY_EXISTS));
    const m = negated ? (c as { child: Expression }).child : c;
    if (isMarker(m, SUBQUERY_IN) || isMarker(m, SUBQUERY_EXISTS)) predicates.push({ marker: m, negated });
    else if (exists(c, (x) => isMarker(x, SUBQUERY_IN) || isMarker(x, SUBQUERY_EXISTS))) throw subqueryUnsupported('inside OR, NOT of a larger condition, or another expression');
    else plain.push(c);
  }
  let b = input;
  if (plain.length > 0) {
    const scalars = joinScalarSubqueries(b, [plain.reduce((l, r) => ({ kind: 'and', left: l, right: r }))], ctx);
    const cond = scalars.exprs[0]!;
    const filtered = ctx.derive([scalars.input], (c) => ({ kind: 'filter', condition: cond, child: c }));
    // Cross-joined scalar columns are projected away again.
    b = scalars.input === b ? filtered : ctx.derive([filtered], (c) => ({ kind: 'project', projectList: outputOf(input.plan), child: c }));
  }
  for (const { marker, negated } of predicates) {
    const sub = freshAgainst(b, planSubquery(marker, ctx));
    const joinType = negated ? 'leftanti' : 'leftsemi';
    if (marker.name === SUBQUERY_EXISTS) {
      b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType, condition: null }));
      continue;
    }
    const cols = outputOf(sub.plan);
    if (cols.length !== 1) {
      throw new AnalysisError('INVALID_SUBQUERY_EXPRESSION.IN_SUBQUERY_LENGTH_MISMATCH', `The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery: left 1, right ${cols.length}.`);
    }
    const x = resolveExpression(ctx.functions(marker.args[0]!), { input: outputOf(b.plan), plans: [b.plan], caseSensitive: ctx.opts.caseSensitive });
    const eq: Expression = { kind: 'cmp', op: '=', left: x, right: cols[0]! };
    const cond: Expression = negated ? { kind: 'or', left: eq, right: { kind: 'isNull', child: eq } } : eq;
    b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType, condition: cond }));
  }
  return b;
}

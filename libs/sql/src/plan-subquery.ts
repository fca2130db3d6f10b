// Subqueries in a SELECT block, rewritten to joins before the block is planned, as Spark's optimizer does
// (RewritePredicateSubquery, RewriteCorrelatedScalarSubquery, after PullupCorrelatedPredicates):
//   WHERE x IN (subquery)       → left semi join on x = y [AND correlated predicates]
//   WHERE x NOT IN (subquery)   → left anti join on (x = y OR (x = y) IS NULL) [AND correlated predicates]
//                                 (null-aware, as Spark: a NULL on either side excludes the row)
//   WHERE [NOT] EXISTS (…)      → left semi/anti join on the correlated predicates (none: no condition)
//   (SELECT agg …) uncorrelated → a cross join with the one-row subquery, read as a column
//   (SELECT agg … WHERE k = o.k) → the aggregate grouped by k, left-joined on k = o.k; a group that is missing
//                                 reads as the aggregate over no rows (count → 0: Spark's "count bug" fix)
// Correlated predicates are the subquery's WHERE conjuncts that read outer columns: they are pulled out of the
// subquery, whose output then carries the inner columns they read (grouped by, under an aggregate).
import { AnalysisError, BooleanT, LongT } from '@kindling/core';
import {
  type AttributeReference,
  type Expression,
  type LogicalPlan,
  alias,
  exists,
  lit,
  lookupAggregateFunction,
  maxRows,
  outputOf,
  prettyName,
  references,
  resolveExpression,
  toAttribute,
  transformUp,
  withFreshExprIds,
} from '@kindling/core/internal';
import { SUBQUERY_EXISTS, SUBQUERY_IN, SUBQUERY_SCALAR } from './parse-expression.js';
import type { Built, Correlation, PlanContext } from './plan-context.js';
import { planQuery } from './plan-query.js';

const MARKERS = new Set([SUBQUERY_IN, SUBQUERY_EXISTS, SUBQUERY_SCALAR]);
type Marker = Extract<Expression, { kind: 'unresolvedFunction' }>;

export function isMarker(e: Expression, name?: string): e is Marker {
  return e.kind === 'unresolvedFunction' && (name ? e.name === name : MARKERS.has(e.name));
}

export function hasSubquery(e: Expression): boolean {
  return exists(e, (x) => isMarker(x));
}

export function subqueryUnsupported(where: string): AnalysisError {
  return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY', `Kindling supports IN/EXISTS subqueries only as top-level conjuncts of WHERE or HAVING, and scalar subqueries in WHERE, HAVING and the select list; found one ${where}.`, { where });
}

function splitConjuncts(e: Expression): Expression[] {
  return e.kind === 'and' ? [...splitConjuncts(e.left), ...splitConjuncts(e.right)] : [e];
}

function conjunction(es: readonly Expression[]): Expression | null {
  return es.length === 0 ? null : es.reduce((l, r) => ({ kind: 'and', left: l, right: r }));
}

function isUnresolved(e: unknown): boolean {
  return e instanceof AnalysisError && e.errorClass.startsWith('UNRESOLVED_COLUMN');
}

/**
 * Takes the conjuncts of a subquery's WHERE that read outer columns out of it (into `corr.predicates`, resolved:
 * inner columns against `input`, outer ones against the outer plan; a name both have is the inner one, as in SQL).
 * The input gets fresh attribute ids first when it shares them with the outer plan (a subquery over the same view).
 */
export function pullCorrelatedPredicates(input: Built, where: Expression, corr: Correlation, ctx: PlanContext): { input: Built; where: Expression | null } {
  const outerAttrs = outputOf(corr.outer.plan);
  const outerIds = new Set(outerAttrs.map((a) => a.exprId));
  let b = input;
  if (outputOf(b.plan).some((a) => outerIds.has(a.exprId))) b = { parsed: b.parsed, plan: withFreshExprIds(b.plan) };
  const cs = ctx.opts.caseSensitive;
  const innerScope = { input: outputOf(b.plan), plans: [b.plan], caseSensitive: cs };
  const outerScope = { input: outerAttrs, plans: [corr.outer.plan], caseSensitive: cs };
  const keep: Expression[] = [];
  for (const c of splitConjuncts(where)) {
    if (hasSubquery(c)) {
      keep.push(c);
      continue;
    }
    let readsOuter = false;
    const marked = transformUp(c, (x) => {
      if (x.kind !== 'unresolvedColumn') return x;
      try {
        resolveExpression(x, innerScope);
        return x;
      } catch (e) {
        if (!isUnresolved(e)) return x;
      }
      try {
        const o = resolveExpression(x, outerScope);
        readsOuter = true;
        return o;
      } catch (e) {
        if (isUnresolved(e)) return x;
        throw e;
      }
    });
    if (readsOuter) corr.predicates.push(resolveExpression(marked, innerScope));
    else keep.push(c);
  }
  return { input: b, where: conjunction(keep) };
}

/** The inner attributes (of `input`) the pulled-up predicates read: a non-aggregate block outputs them too. */
export function correlatedInputs(corr: Correlation, input: Built): AttributeReference[] {
  const inner = new Set(outputOf(input.plan).map((a) => a.exprId));
  const out = new Map<number, AttributeReference>();
  for (const p of corr.predicates) for (const [id, a] of references(p)) if (inner.has(id)) out.set(id, a);
  return [...out.values()];
}

/**
 * For an aggregate block: each predicate must be `inner = outer`; the inner sides become grouping keys and
 * outputs, the predicates are rewritten over those outputs, and a constant TRUE output marks a group that exists.
 */
export function correlateAggregate(corr: Correlation, input: Built): { grouping: Expression[]; outputs: Expression[] } {
  const inner = new Set(outputOf(input.plan).map((a) => a.exprId));
  const side = (e: Expression): 'inner' | 'outer' | 'mixed' => {
    const ids = [...references(e).keys()];
    if (ids.length > 0 && ids.every((id) => inner.has(id))) return 'inner';
    if (ids.length > 0 && ids.every((id) => !inner.has(id))) return 'outer';
    return 'mixed';
  };
  const grouping: Expression[] = [];
  const outputs: Expression[] = [];
  corr.predicates = corr.predicates.map((p, i) => {
    const sides = p.kind === 'cmp' && (p.op === '=' || p.op === '<=>') ? [side(p.left), side(p.right)] : [];
    if (p.kind !== 'cmp' || !((sides[0] === 'inner' && sides[1] === 'outer') || (sides[0] === 'outer' && sides[1] === 'inner'))) {
      throw new AnalysisError(
        'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE',
        `Correlated column is not allowed in predicate ${prettyName(p)}: an aggregating subquery may be correlated by equalities (inner = outer) only.`,
        { treeNode: prettyName(p) },
      );
    }
    const [innerSide, outerSide] = sides[0] === 'inner' ? [p.left, p.right] : [p.right, p.left];
    const key = alias(innerSide, `__kindling_corr_${i}`);
    grouping.push(innerSide);
    outputs.push(key);
    return { ...p, left: toAttribute(key), right: outerSide };
  });
  outputs.push(alias(lit(true, BooleanT), '__kindling_present'));
  corr.hidden = outputs.length;
  corr.aggregated = true;
  return { grouping, outputs };
}

interface PlannedSubquery {
  readonly sub: Built;
  /** The select list's width (the output may carry `hidden` columns after it). */
  readonly width: number;
  readonly corr: Correlation;
}

/** Appends the subquery's text to an error raised while planning it. */
function naming(e: unknown, text: string | undefined): unknown {
  if (!(e instanceof AnalysisError) || !text) return e;
  const correlated = isUnresolved(e);
  const cls = correlated ? 'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE' : e.errorClass;
  if (!correlated && !cls.startsWith('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY') && !cls.startsWith('INVALID_SUBQUERY')) return e;
  const msg = e.message.replace(/^\[[^\]]+\] /, '');
  const why = correlated ? ' Kindling resolves outer columns in the WHERE clause of a subquery only (as correlated predicates), not in its select list, GROUP BY, HAVING or nested subqueries.' : '';
  return new AnalysisError(cls, `${msg}${why} In subquery: (${text})`, e.messageParameters as Record<string, string>);
}

/** Plans the subquery a marker call refers to, with `outer`'s columns visible to its top WHERE clause. */
function planSubquery(marker: Marker, ctx: PlanContext, outer: Built): PlannedSubquery {
  const idArg = marker.args[marker.args.length - 1]!;
  const id = idArg.kind === 'literal' ? Number(idArg.value) : -1;
  const q = ctx.subqueries[id];
  if (!q) throw new Error(`subquery #${id} is missing`);
  const corr: Correlation = { outer, predicates: [], hidden: 0, aggregated: false };
  let sub: Built;
  try {
    sub = planQuery(q, ctx.withCorrelation(corr));
  } catch (e) {
    throw naming(e, q.text);
  }
  if (corr.predicates.length === 0) {
    // Uncorrelated: the subquery may read the same views as the outer query; give it ids of its own.
    const ids = new Set(outputOf(outer.plan).map((a) => a.exprId));
    if (outputOf(sub.plan).some((a) => ids.has(a.exprId))) sub = { parsed: sub.parsed, plan: withFreshExprIds(sub.plan) };
    corr.hidden = 0;
  }
  return { sub, width: outputOf(sub.plan).length - corr.hidden, corr };
}

/** The value of a scalar subquery's select expression over no rows (count → 0, other aggregates → NULL). */
function valueOverNoRows(q: Built, ctx: PlanContext, marker: Marker): Expression | null {
  const idArg = marker.args[marker.args.length - 1]!;
  const body = ctx.subqueries[Number(idArg.kind === 'literal' ? idArg.value : -1)]?.body;
  if (body?.kind !== 'select' || body.items.length !== 1) return null;
  if (!exists(body.items[0]!.expr, (x) => x.kind === 'unresolvedFunction' && /^count/i.test(x.name))) return null;
  const empty = transformUp(ctx.functions(body.items[0]!.expr), (x) => {
    if (x.kind !== 'unresolvedFunction' || lookupAggregateFunction(x.name) === undefined) return x;
    return /^count(_if)?$/i.test(x.name) ? lit(0n, LongT) : lit(null);
  });
  try {
    const e = resolveExpression(empty, { input: [], plans: [q.plan], caseSensitive: ctx.opts.caseSensitive });
    return e.kind === 'literal' && e.value === null ? null : e;
  } catch (e) {
    if (e instanceof AnalysisError) return null; // it reads a column outside an aggregate: NULL is right then
    throw e;
  }
}

/** Scalar subqueries in `exprs` become columns of plans joined to `input` (cross, or left outer when correlated). */
export function joinScalarSubqueries(input: Built, exprs: readonly Expression[], ctx: PlanContext): { input: Built; exprs: Expression[] } {
  let b = input;
  const out = exprs.map((e) =>
    transformUp(e, (x) => {
      if (!isMarker(x, SUBQUERY_SCALAR)) return x;
      const { sub, width, corr } = planSubquery(x, ctx, b);
      const text = ctx.subqueries[Number((x.args[0] as { value: unknown }).value)]?.text ?? 'subquery';
      const cols = outputOf(sub.plan);
      if (width !== 1) {
        throw new AnalysisError('INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN', `Scalar subquery must return only one column, but got ${width}. In subquery: (${text})`, { number: String(width) });
      }
      if (corr.predicates.length === 0) {
        if (maxRows(sub.plan) !== 1) throw subqueryUnsupported(`that may return more than one row (use a global aggregate): (${text})`);
        b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType: 'cross', condition: null }));
        return cols[0]!;
      }
      if (!corr.aggregated) {
        throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY', `Correlated scalar subqueries must be aggregated to return at most one row. In subquery: (${text})`);
      }
      const cond = conjunction(corr.predicates);
      b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType: 'left', condition: cond }));
      const empty = valueOverNoRows(sub, ctx, x);
      if (empty === null) return cols[0]!;
      const present = cols[cols.length - 1]!;
      return resolveExpression({ kind: 'caseWhen', branches: [{ condition: { kind: 'isNull', child: present }, value: empty }], otherwise: cols[0]! }, { input: [], plans: [], caseSensitive: ctx.opts.caseSensitive });
    }),
  );
  return { input: b, exprs: out };
}

/** Applies a WHERE (or HAVING) condition: IN/EXISTS conjuncts as semi/anti joins, the rest as one Filter below them. */
export function planWhere(input: Built, where: Expression, ctx: PlanContext): Built {
  const conjuncts = splitConjuncts(where);
  const predicates: { marker: Marker; negated: boolean }[] = [];
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
    const scalars = joinScalarSubqueries(b, [conjunction(plain)!], ctx);
    const cond = scalars.exprs[0]!;
    const filtered = ctx.derive([scalars.input], (c) => ({ kind: 'filter', condition: cond, child: c }));
    // Joined scalar columns are projected away again.
    b = scalars.input === b ? filtered : ctx.derive([filtered], (c) => ({ kind: 'project', projectList: outputOf(input.plan), child: c }));
  }
  for (const { marker, negated } of predicates) {
    const { sub, width, corr } = planSubquery(marker, ctx, b);
    const joinType = negated ? 'leftanti' : 'leftsemi';
    const correlated = conjunction(corr.predicates);
    if (marker.name === SUBQUERY_EXISTS) {
      b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType, condition: correlated }));
      continue;
    }
    if (width !== 1) {
      throw new AnalysisError('INVALID_SUBQUERY_EXPRESSION.IN_SUBQUERY_LENGTH_MISMATCH', `The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery: left 1, right ${width}.`);
    }
    const y = outputOf(sub.plan)[0]!;
    const x = resolveExpression(ctx.functions(marker.args[0]!), { input: outputOf(b.plan), plans: [b.plan], caseSensitive: ctx.opts.caseSensitive });
    const eq: Expression = { kind: 'cmp', op: '=', left: x, right: y };
    const match: Expression = negated ? { kind: 'or', left: eq, right: { kind: 'isNull', child: eq } } : eq;
    const cond: Expression = correlated ? { kind: 'and', left: match, right: correlated } : match;
    b = ctx.derive([b, sub], (l, r): LogicalPlan => ({ kind: 'join', left: l, right: r, joinType, condition: cond }));
  }
  return b;
}

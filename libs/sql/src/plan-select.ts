// One SELECT block → plan: FROM, WHERE, then a Project or (with GROUP BY, HAVING or aggregate calls) an
// Aggregate, DISTINCT and ORDER BY. HAVING and ORDER BY may use select aliases, ordinals and aggregates that
// are not in the select list: those become hidden aggregate outputs, projected away above (Spark's
// ResolveAggregateFunctions).
import { AnalysisError, LongT } from '@kindling/core';
import {
  type Expression,
  type GroupingElement,
  type SortOrder,
  alias,
  attr,
  children,
  exists,
  groupingSetsOf,
  havingBelowWindows,
  windowNotAllowed,
  withNewChildren,
  lookupAggregateFunction,
  outputOf,
  transformUp,
} from '@kindling/core/internal';
import type { Select } from './ast.js';
import type { Built, PlanContext } from './plan-context.js';
import { planRelation } from './plan-relation.js';
import { correlateAggregate, correlatedInputs, hasSubquery, isMarker, joinScalarSubqueries, pullCorrelatedPredicates, planWhere, subqueryUnsupported } from './plan-subquery.js';

const HIDDEN = '__kindling_hidden_';

/** The one-row, no-column input of a SELECT without FROM (Spark's OneRowRelation). */
function oneRow(ctx: PlanContext): Built {
  const range = ctx.leaf({ kind: 'range', start: 0n, end: 1n, step: 1n, numPartitions: 1, output: [attr('__one_row', LongT, false)] });
  return ctx.derive([range], (c) => ({ kind: 'project', projectList: [], child: c }));
}

/** True when `e` calls an aggregate outside any OVER clause (an aggregate over a window is not one). */
function isAggregateCall(e: Expression, ctx: PlanContext): boolean {
  if (e.kind === 'windowExpr') return false;
  if (e.kind === 'unresolvedFunction' && lookupAggregateFunction(e.name) !== undefined && !ctx.session.engine.functions.lookup(e.name)) return true;
  return children(e).some((c) => isAggregateCall(c, ctx));
}

/** The first window expression in `e`, if any. */
function findWindow(e: Expression): Expression | undefined {
  let found: Expression | undefined;
  exists(e, (x) => (x.kind === 'windowExpr' ? ((found = x), true) : false));
  return found;
}

function intLiteral(e: Expression): number | null {
  return e.kind === 'literal' && e.dataType.kind === 'int32' && typeof e.value === 'number' ? e.value : null;
}

/** Replaces bare names that are select aliases (and not input columns) by the aliased expression. */
function substituteAliases(e: Expression, items: readonly { expr: Expression; alias: string | null }[], inputNames: ReadonlySet<string>): Expression {
  return transformUp(e, (x) => {
    if (x.kind !== 'unresolvedColumn' || x.nameParts.length !== 1) return x;
    const n = x.nameParts[0]!.toLowerCase();
    if (inputNames.has(n)) return x;
    const hit = items.find((i) => i.alias?.toLowerCase() === n);
    return hit ? hit.expr : x;
  });
}

/** Every expression a GROUP BY item holds. */
function elementExprs(g: GroupingElement): Expression[] {
  switch (g.kind) {
    case 'expr':
      return [g.expr];
    case 'rollup':
    case 'cube':
      return g.groups.flat();
    case 'groupingSets':
      return [...(g.columns ?? []), ...g.sets.flat()];
  }
}

/** The item with each of its expressions mapped through `f`. */
function mapElement(g: GroupingElement, f: (e: Expression) => Expression): GroupingElement {
  switch (g.kind) {
    case 'expr':
      return { kind: 'expr', expr: f(g.expr) };
    case 'rollup':
    case 'cube':
      return { kind: g.kind, groups: g.groups.map((x) => x.map(f)) };
    case 'groupingSets':
      return { kind: 'groupingSets', sets: g.sets.map((x) => x.map(f)), ...(g.columns ? { columns: g.columns.map(f) } : {}) };
  }
}

/** Sorts `b` by `order`, where an integer literal key is a 1-based position in `b`'s output. */
export function sortBy(b: Built, order: readonly SortOrder[], ctx: PlanContext): Built {
  if (order.length === 0) return b;
  const out = outputOf(b.plan);
  const keys = order.map((o): SortOrder => {
    const pos = intLiteral(o.child);
    if (pos === null) return { ...o, child: ctx.functions(o.child) };
    if (pos < 1 || pos > out.length) {
      throw new AnalysisError('ORDER_BY_POS_OUT_OF_RANGE', `ORDER BY position ${pos} is not in select list (valid range is [1, ${out.length}]).`, { index: String(pos), size: String(out.length) });
    }
    return { ...o, child: out[pos - 1]! };
  });
  return ctx.derive([b], (c) => ({ kind: 'sort', order: keys, global: true, child: c }));
}

export function planSelect(s: Select, scope: PlanContext, orderBy: readonly SortOrder[]): Built {
  const correlation = scope.correlation;
  const ctx = correlation ? scope.withCorrelation(null) : scope;
  let input = s.from ? planRelation(s.from, ctx) : oneRow(ctx);
  let where = s.where ? ctx.functions(s.where) : null;
  if (correlation && where) {
    const pulled = pullCorrelatedPredicates(input, where, correlation, ctx);
    input = pulled.input;
    where = pulled.where;
  }
  if (where) {
    const cond = where;
    input = hasSubquery(cond) ? planWhere(input, cond, ctx) : ctx.derive([input], (c) => ({ kind: 'filter', condition: cond, child: c }));
  }
  let items = s.items.map((it) => ({ expr: ctx.functions(it.expr), alias: it.alias, aliases: it.aliases }));
  if (items.some((i) => hasSubquery(i.expr))) {
    const joined = joinScalarSubqueries(input, items.map((i) => i.expr), ctx);
    input = joined.input;
    items = items.map((i, k) => ({ expr: joined.exprs[k]!, alias: i.alias, aliases: i.aliases }));
  }
  if (!s.from && items.some((i) => exists(i.expr, (x) => x.kind === 'star'))) {
    throw new AnalysisError('INVALID_USAGE_OF_STAR_OR_REGEX', "Invalid usage of '*' in a SELECT without FROM.", { elem: "'*'", prettyName: 'SELECT' });
  }
  const groupByExprs = (s.groupBy ?? []).flatMap(elementExprs);
  for (const [clause, es] of [['GROUP BY', groupByExprs], ['ORDER BY', orderBy.map((o) => o.child)]] as const) {
    if (es.some(hasSubquery)) throw subqueryUnsupported(`in ${clause}`);
  }
  const named = items.map((it): Expression => {
    if (it.alias === null) return it.expr;
    const a = alias(it.expr, it.alias);
    return it.aliases && it.aliases.length > 1 ? { ...a, names: it.aliases } : a;
  });
  const isAggregate = s.groupBy !== null || s.having !== null || items.some((i) => isAggregateCall(i.expr, ctx));
  const correlated = correlation !== null && correlation.predicates.length > 0;
  if (!isAggregate) {
    // A correlated block also outputs the inner columns its pulled-up predicates read.
    const extra = correlated ? correlatedInputs(correlation, input) : [];
    if (correlated) correlation.hidden = extra.length;
    let out = ctx.derive([input], (c) => ({ kind: 'project', projectList: [...named, ...extra], child: c }));
    if (s.distinct) out = ctx.derive([out], (c) => ({ kind: 'distinct', child: c }));
    return sortBy(out, orderBy, ctx);
  }

  const inputNames = new Set(outputOf(input.plan).map((a) => a.name.toLowerCase()));
  const groupingItem = (g: Expression): Expression => {
    const pos = intLiteral(g);
    if (pos !== null) {
      if (pos < 1 || pos > items.length) {
        throw new AnalysisError('GROUP_BY_POS_OUT_OF_RANGE', `GROUP BY position ${pos} is not in select list (valid range is [1, ${items.length}]).`, { index: String(pos), size: String(items.length) });
      }
      const target = items[pos - 1]!.expr;
      if (isAggregateCall(target, ctx)) {
        throw new AnalysisError('GROUP_BY_POS_AGGREGATE', `GROUP BY ${pos} refers to an expression that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.`, { index: String(pos) });
      }
      return target;
    }
    return substituteAliases(ctx.functions(g), items, inputNames);
  };
  // ROLLUP / CUBE / GROUPING SETS: the expressions and the sets over them, positions and aliases as in a plain list.
  const elements = (s.groupBy ?? []).map((g) => mapElement(g, groupingItem));
  const analytics = elements.some((g) => g.kind !== 'expr') ? groupingSetsOf(elements) : null;
  const grouping = analytics ? analytics.groupingExprs : elements.flatMap((g) => (g.kind === 'expr' ? [g.expr] : []));
  const groupingSets = analytics?.groupingSets;

  // A correlated aggregate groups by the inner side of its (equality) predicates as well, and outputs it.
  if (correlated) {
    const keys = correlateAggregate(correlation, input);
    // Under grouping sets they belong to every set: each outer row's value is its own group.
    groupingSets?.forEach((set) => set.push(...keys.grouping.map((_, k) => grouping.length + k)));
    grouping.push(...keys.grouping);
    named.push(...keys.outputs);
  }
  const sets = groupingSets ? { groupingSets } : {};
  if (s.having && hasSubquery(ctx.functions(s.having))) return planHavingSubquery(s, ctx, orderBy, input, grouping, sets, named, items, inputNames);
  const having = s.having ? ctx.functions(s.having) : null;
  const windowInHaving = having ? findWindow(having) : undefined;
  if (windowInHaving) throw windowNotAllowed('HAVING', windowInHaving);
  // With windows in the select list, HAVING filters the groups before the windows run over them.
  const windowed = items.some((i) => findWindow(i.expr) !== undefined);
  const filterGroups = (b: Built, cond: Expression): Built =>
    windowed
      ? { parsed: { kind: 'filter', condition: cond, child: b.parsed }, plan: havingBelowWindows(b.plan, cond, ctx.opts) }
      : ctx.derive([b], (c) => ({ kind: 'filter', condition: cond, child: c }));
  const build = (extra: readonly Expression[]): Built => {
    const list = [...named, ...extra.map((e, i) => alias(e, `${HIDDEN}${i}`))];
    return ctx.derive([input], (c) => ({ kind: 'aggregate', groupingExprs: grouping, aggregateExprs: list, ...sets, child: c }));
  };
  const finish = (b: Built): Built => (s.distinct ? ctx.derive([b], (c) => ({ kind: 'distinct', child: c })) : b);

  // First as written: HAVING and ORDER BY over the aggregate's output columns (not when ORDER BY calls an
  // aggregate: a Sort would take it for a row expression).
  let firstError: unknown = null;
  if (!orderBy.some((o) => isAggregateCall(o.child, ctx))) try {
    let out = build([]);
    if (having) out = filterGroups(out, having);
    return sortBy(finish(out), orderBy, ctx);
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    firstError = e;
  }
  // Then with HAVING and the ORDER BY keys computed by the aggregate itself as hidden columns.
  const sub = (e: Expression) => substituteAliases(e, items, inputNames);
  const keyed = orderBy.map((o) => intLiteral(o.child) === null);
  const extra = [...(having ? [sub(having)] : []), ...orderBy.filter((_, i) => keyed[i]).map((o) => sub(ctx.functions(o.child)))];
  // HAVING runs below the windows: a window's alias there stays unresolved (it is not the window's value).
  if (having && findWindow(extra[0]!)) throw firstError ?? windowNotAllowed('HAVING', findWindow(extra[0]!)!);
  let agg: Built;
  try {
    agg = build(extra);
  } catch (e) {
    throw e instanceof AnalysisError && !e.errorClass.startsWith('UNRESOLVED_COLUMN') ? e : (firstError ?? e);
  }
  const out = outputOf(agg.plan);
  const visible = out.slice(0, named.length);
  const hidden = out.slice(named.length);
  let b = agg;
  let h = 0;
  if (having) {
    b = filterGroups(b, hidden[h++]!);
  }
  const order = orderBy.map((o): SortOrder => {
    if (keyed[orderBy.indexOf(o)]) return { ...o, child: hidden[h++]! };
    const pos = intLiteral(o.child)!;
    if (pos < 1 || pos > visible.length) {
      throw new AnalysisError('ORDER_BY_POS_OUT_OF_RANGE', `ORDER BY position ${pos} is not in select list (valid range is [1, ${visible.length}]).`, { index: String(pos), size: String(visible.length) });
    }
    return { ...o, child: visible[pos - 1]! };
  });
  if (order.length > 0) b = ctx.derive([b], (c) => ({ kind: 'sort', order, global: true, child: c }));
  b = ctx.derive([b], (c) => ({ kind: 'project', projectList: visible, child: c }));
  return finish(b);
}

/**
 * HAVING with subqueries: the subquery-free parts of the condition (aggregates, grouping columns) become hidden
 * outputs of the aggregate; the condition over them is then applied as a WHERE over the aggregate's output, so its
 * subqueries join there (and correlated ones read the aggregate's columns). ORDER BY may use the select list only.
 */
function planHavingSubquery(
  s: Select,
  ctx: PlanContext,
  orderBy: readonly SortOrder[],
  input: Built,
  grouping: readonly Expression[],
  sets: { readonly groupingSets?: readonly (readonly number[])[] },
  named: readonly Expression[],
  items: readonly { expr: Expression; alias: string | null }[],
  inputNames: ReadonlySet<string>,
): Built {
  const pieces: Expression[] = [];
  const lift = (e: Expression): Expression => {
    if (!hasSubquery(e)) {
      if (e.kind === 'literal') return e;
      pieces.push(substituteAliases(e, items, inputNames));
      return { kind: 'unresolvedColumn', nameParts: [`${HIDDEN}h${pieces.length - 1}`] };
    }
    if (isMarker(e)) return e.args.length === 2 ? withNewChildren(e, [lift(e.args[0]!), e.args[1]!]) : e;
    return withNewChildren(e, children(e).map(lift));
  };
  const cond = lift(ctx.functions(s.having!));
  const list = [...named, ...pieces.map((e, i) => alias(e, `${HIDDEN}h${i}`))];
  const agg = ctx.derive([input], (c) => ({ kind: 'aggregate', groupingExprs: grouping, aggregateExprs: list, ...sets, child: c }));
  const visible = outputOf(agg.plan).slice(0, named.length);
  let b = planWhere(agg, cond, ctx);
  b = ctx.derive([b], (c) => ({ kind: 'project', projectList: visible, child: c }));
  if (s.distinct) b = ctx.derive([b], (c) => ({ kind: 'distinct', child: c }));
  return sortBy(b, orderBy, ctx);
}

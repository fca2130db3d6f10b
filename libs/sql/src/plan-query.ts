// Query blocks → plans: WITH scopes, set operations (UNION, INTERSECT, EXCEPT/MINUS, each DISTINCT or ALL), VALUES,
// ORDER BY, LIMIT. INTERSECT and EXCEPT are planned by the core's setOperation, as the DataFrame methods are.
import { AnalysisError } from '@kindling/core';
import { type Expression, NO_LIMIT, alias, setOperation } from '@kindling/core/internal';
import type { Query, QueryBody } from './ast.js';
import type { Built, PlanContext } from './plan-context.js';
import { planSelect, sortBy } from './plan-select.js';

export function planQuery(q: Query, scope: PlanContext): Built {
  // Only the top SELECT block of a subquery may read the outer query's columns.
  const correlation = scope.correlation;
  const outer = correlation ? scope.withCorrelation(null) : scope;
  let ctx = outer;
  if (q.ctes.length > 0) {
    const defs = new Map<string, Built>();
    for (const cte of q.ctes) {
      // Each CTE sees the ones defined before it.
      defs.set(cte.name.toLowerCase(), planQuery(cte.query, outer.withCtes(new Map(defs))));
    }
    ctx = outer.withCtes(defs);
  }
  let b = q.body.kind === 'select' ? planSelect(q.body, correlation ? ctx.withCorrelation(correlation) : ctx, q.orderBy) : sortBy(planBody(q.body, ctx), q.orderBy, ctx);
  if (q.limit !== null || q.offset) {
    if (correlation && correlation.predicates.length > 0) {
      throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_LIMIT', `A correlated subquery with LIMIT is not supported by Kindling: ${q.text ?? 'subquery'}.`);
    }
    const n = q.limit ?? NO_LIMIT;
    const offset = q.offset;
    b = ctx.derive([b], (c) => (offset ? { kind: 'limit', limit: n, offset, child: c } : { kind: 'limit', limit: n, child: c }));
  }
  return b;
}

function planBody(body: QueryBody, ctx: PlanContext): Built {
  switch (body.kind) {
    case 'select':
      return planSelect(body, ctx, []);
    case 'nested':
      return planQuery(body.query, ctx);
    case 'values':
      return planValues(body, ctx);
    case 'setOp':
      return planSetOp(body, ctx);
  }
}

function planSetOp(body: Extract<QueryBody, { kind: 'setOp' }>, ctx: PlanContext): Built {
  const left = planBody(body.left, ctx);
  const right = planBody(body.right, ctx);
  if (body.op === 'union') {
    const u = ctx.derive([left, right], (l, r) => ({ kind: 'union', children: [l, r], byName: false, allowMissingColumns: false }));
    return body.all ? u : ctx.derive([u], (c) => ({ kind: 'distinct', child: c }));
  }
  return setOperation(body.op, body.all, left, right, ctx.opts);
}

/** `VALUES (1, 'a'), (2, 'b') [AS t(x, y)]`: a union of one-row projections, columns `col1`, `col2`… by default. */
function planValues(body: Extract<QueryBody, { kind: 'values' }>, ctx: PlanContext): Built {
  const width = body.rows[0]!.length;
  body.rows.forEach((r, i) => {
    if (r.length !== width) {
      throw new AnalysisError('INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH', `Invalid inline table. Inline table expected ${width} columns but found ${r.length} columns in row ${i}.`, { expectedNumCols: String(width), actualNumCols: String(r.length), rowIndex: String(i) });
    }
  });
  if (body.columns.length > 0 && body.columns.length !== width) {
    throw new AnalysisError('INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH', `Invalid inline table. Inline table expected ${body.columns.length} columns but found ${width} columns.`);
  }
  const names = body.columns.length > 0 ? body.columns : Array.from({ length: width }, (_, i) => `col${i + 1}`);
  const rows = body.rows.map((r) =>
    planSelectOfRow(r.map((e, i) => alias(ctx.functions(e), names[i]!)), ctx));
  let b = rows.length === 1 ? rows[0]! : ctx.derive(rows, (...cs) => ({ kind: 'union', children: cs, byName: false, allowMissingColumns: false }));
  if (body.alias) {
    const a = body.alias;
    b = ctx.derive([b], (c) => ({ kind: 'subqueryAlias', alias: a, child: c }));
  }
  return b;
}

function planSelectOfRow(exprs: Expression[], ctx: PlanContext): Built {
  return planSelect({ kind: 'select', distinct: false, items: exprs.map((expr) => ({ expr, alias: null })), from: null, where: null, groupBy: null, having: null }, ctx, []);
}

// FROM clauses → plans: views and CTEs by name, subqueries, table functions (range), joins with
// ON / USING / NATURAL, LATERAL VIEW generators and UNPIVOT, each node analysed as it is built.
import { AnalysisError, LongT, sameType, simpleString } from '@kindling/core';
import { type Expression, type LogicalPlan, type ResolutionScope, alias, analyzeNode, attr, commonType, lateralView, lit, lookupRelation, outputOf } from '@kindling/core/internal';
import type { Relation } from './ast.js';
import type { Built, PlanContext } from './plan-context.js';
import { planQuery } from './plan-query.js';
import { hasSubquery, subqueryUnsupported } from './plan-subquery.js';

export function planRelation(r: Relation, ctx: PlanContext): Built {
  switch (r.kind) {
    case 'table': {
      const cte = r.nameParts.length === 1 ? ctx.cte(r.nameParts[0]!) : undefined;
      const base: Built = cte
        ? ctx.derive([cte], (c) => ({ kind: 'subqueryAlias', alias: r.nameParts[0]!, child: c }))
        : relationOf(r.nameParts, ctx);
      return aliased(base, r.alias, ctx);
    }
    case 'subquery': {
      let b = planQuery(r.query, ctx);
      if (r.columns) {
        const out = outputOf(b.plan);
        const names = r.columns;
        if (names.length !== out.length) {
          throw new AnalysisError('ASSIGNMENT_ARITY_MISMATCH', `Number of column aliases does not match number of columns. Number of column aliases: ${names.length}; number of columns: ${out.length}.`, { numExpr: String(out.length), numTarget: String(names.length) });
        }
        b = ctx.derive([b], (c) => ({ kind: 'project', projectList: out.map((a, i) => alias(a, names[i]!)), child: c }));
      }
      return aliased(b, r.alias, ctx);
    }
    case 'tableFunction':
      return aliased(tableFunction(r.name, r.args, ctx), r.alias, ctx);
    case 'join':
      return planJoin(r, ctx);
    case 'lateralView':
      return planLateralView(r, ctx);
    case 'unpivot':
      return aliased(planUnpivot(r, ctx), r.alias, ctx);
  }
}

/**
 * UNPIVOT as Spark's Expand-free form: the id columns beside `inline(array(struct(name, CAST(value AS common))…))`,
 * one row per value column, the values cast to the columns' wider type (no string promotion); EXCLUDE NULLS (the
 * default) then drops rows whose value is NULL.
 */
function planUnpivot(r: Extract<Relation, { kind: 'unpivot' }>, ctx: PlanContext): Built {
  const child = planRelation(r.child, ctx);
  const out = outputOf(child.plan);
  const sensitive = ctx.opts.caseSensitive;
  const same = (a: string, b: string) => (sensitive ? a === b : a.toLowerCase() === b.toLowerCase());
  const values = r.columns.map((c) => {
    const a = out.find((o) => same(o.name, c.name));
    if (!a) {
      throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `A column, variable, or function parameter with name \`${c.name}\` cannot be resolved. Did you mean one of the following? [${out.map((o) => `\`${o.name}\``).join(', ')}].`, { objectName: `\`${c.name}\``, proposal: out.map((o) => `\`${o.name}\``).join(', ') });
    }
    return { attr: a, name: c.alias ?? a.name };
  });
  const common = commonType(values.map((v) => v.attr.dataType), false);
  if (!common) {
    const byType = new Map<string, string[]>();
    for (const v of values) {
      const t = `"${simpleString(v.attr.dataType).toUpperCase()}"`;
      byType.set(t, [...(byType.get(t) ?? []), `\`${v.attr.name}\``]);
    }
    const listed = [...byType.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, names]) => `${t} (${names.join(', ')})`).join(', ');
    throw new AnalysisError('UNPIVOT_VALUE_DATA_TYPE_MISMATCH', `Unpivot value columns must share a least common type, some types do not: [${listed}].`, { types: `[${listed}]` });
  }
  const taken = new Set(values.map((v) => v.attr.exprId));
  const ids = out.filter((o) => !taken.has(o.exprId));
  const structs: Expression[] = values.map((v) => ({
    kind: 'unresolvedFunction', name: 'named_struct', isDistinct: false,
    args: [lit(r.nameColumn), lit(v.name), lit(r.valueColumn), sameType(v.attr.dataType, common) ? v.attr : { kind: 'cast', child: v.attr, to: common }],
  }));
  const generator: Expression = { kind: 'unresolvedFunction', name: 'inline', isDistinct: false, args: [{ kind: 'unresolvedFunction', name: 'array', isDistinct: false, args: structs }] };
  const unpivoted = ctx.derive([child], (c) => ({ kind: 'project', projectList: [...ids, generator], child: c }));
  if (r.includeNulls) return unpivoted;
  const valueCol: Expression = { kind: 'unresolvedColumn', nameParts: [r.valueColumn] };
  return ctx.derive([unpivoted], (c) => ({ kind: 'filter', condition: { kind: 'isNotNull', child: valueCol }, child: c }));
}

/** The FROM plan with a Generate over it (Spark's LATERAL VIEW is a Generate keeping the child's columns). */
function planLateralView(r: Extract<Relation, { kind: 'lateralView' }>, ctx: PlanContext): Built {
  const child = planRelation(r.child, ctx);
  const args = r.args.map((a) => ctx.functions(a));
  if (args.some(hasSubquery)) throw subqueryUnsupported('in a LATERAL VIEW');
  const scope: ResolutionScope = { input: outputOf(child.plan), plans: [child.plan], caseSensitive: ctx.opts.caseSensitive };
  const plan = analyzeNode(lateralView({ name: r.name, args }, r.outer, r.tableAlias, r.columns, child.plan, scope), ctx.opts);
  // The parsed form, for EXPLAIN EXTENDED: the generator's argument as written over the parsed child.
  const parsed: LogicalPlan = { kind: 'generate', generator: args[0] ?? lit(null), position: r.name.startsWith('posexplode'), outer: r.outer || r.name.endsWith('_outer'), generatorOutput: [], child: child.parsed };
  return { parsed, plan };
}

function relationOf(nameParts: readonly string[], ctx: PlanContext): Built {
  const plan = lookupRelation(nameParts, ctx.session.engine.tempViews);
  // The parsed plan names the relation only, as Spark's `'UnresolvedRelation [v]`.
  return { parsed: { kind: 'subqueryAlias', alias: nameParts.join('.'), child: plan }, plan };
}

function aliased(b: Built, alias: string | null, ctx: PlanContext): Built {
  if (alias === null) return b;
  return ctx.derive([b], (c) => ({ kind: 'subqueryAlias', alias, child: c }));
}

/** `range(end)`, `range(start, end[, step[, numPartitions]])` with integer literal arguments. */
function tableFunction(name: string, args: readonly Expression[], ctx: PlanContext): Built {
  if (name !== 'range') {
    throw new AnalysisError('UNRESOLVABLE_TABLE_VALUED_FUNCTION', `Could not resolve \`${name}\` to a table-valued function. Kindling has range(…) only.`, { name: `\`${name}\`` });
  }
  const values = args.map((a, i) => {
    if (a.kind === 'literal' && (typeof a.value === 'number' || typeof a.value === 'bigint') && Number.isInteger(Number(a.value))) return BigInt(a.value);
    throw new AnalysisError('TABLE_VALUED_FUNCTION_FAILED_TO_ANALYZE_IN_PYTHON', `range(): argument ${i + 1} must be an integer literal.`);
  });
  if (values.length < 1 || values.length > 4) {
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`range\` requires [1, 2, 3, 4] parameters but the actual number is ${values.length}.`, { functionName: '`range`' });
  }
  const [start, end] = values.length === 1 ? [0n, values[0]!] : [values[0]!, values[1]!];
  const step = values[2] ?? 1n;
  if (step === 0n) throw new AnalysisError('FAILED_FUNCTION_CALL', 'range(): the step must not be 0.');
  const numPartitions = values[3] !== undefined ? Number(values[3]) : ctx.session.defaultParallelism;
  return ctx.leaf({ kind: 'range', start, end, step, numPartitions, output: [attr('id', LongT, false)] });
}

function planJoin(r: Extract<Relation, { kind: 'join' }>, ctx: PlanContext): Built {
  const left = planRelation(r.left, ctx);
  const right = planRelation(r.right, ctx);
  let usingColumns = r.using ? [...r.using] : undefined;
  if (r.natural) {
    // NATURAL JOIN: USING every column name both sides share (none shared: a cross product).
    const rightNames = new Set(outputOf(right.plan).map((a) => a.name.toLowerCase()));
    usingColumns = outputOf(left.plan).map((a) => a.name).filter((n) => rightNames.has(n.toLowerCase()));
  }
  const on = r.on ? ctx.functions(r.on) : null;
  if (on && hasSubquery(on)) throw subqueryUnsupported('in a join condition');
  const joinType = r.joinType === 'cross' && on ? 'inner' : r.joinType;
  return ctx.derive([left, right], (l, rt): LogicalPlan =>
    usingColumns && usingColumns.length > 0
      ? { kind: 'join', left: l, right: rt, joinType, condition: null, usingColumns }
      : { kind: 'join', left: l, right: rt, joinType, condition: on });
}

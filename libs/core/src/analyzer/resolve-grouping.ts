// Grouping analytics (GROUPING SETS, ROLLUP, CUBE), as Spark's ResolveGroupingAnalytics rewrites them:
//
//   Aggregate [groupingsets((a, b), (a), ())], [a, b, sum(x), grouping(b)]
//   ==>
//   Aggregate [a#7, b#8, spark_grouping_id#9L], [a#7, b#8, sum(x#3), CAST(... spark_grouping_id#9L bit 0 ...) AS grouping(b)]
//   +- Expand [[x#3, a#5, b#6, 0L], [x#3, a#5, NULL, 1L], [x#3, NULL, NULL, 3L]], [x#3, a#7, b#8, spark_grouping_id#9L]
//      +- Project [x#3, a#1 AS a#5, b#2 AS b#6]
//         +- child
//
// Bit i of the grouping id (the first grouping expression is the most significant) is set when that expression is
// aggregated away in the row's set; `grouping(e)` reads its bit and `grouping_id()` is the whole id. Aggregate
// arguments keep reading the child's own columns, so `sum(a)` under ROLLUP(a) sums the real values.
import { AnalysisError } from '../errors.js';
import {
  type AttributeReference,
  type Expression,
  alias,
  attr,
  children,
  containsAggregate,
  exists,
  isAggregateCall,
  lit,
  prettyName,
  semanticEquals,
  toAttribute,
  transformDown,
  withNewChildren,
} from '../expr/expression.js';
import type { Aggregate, Expand, LogicalPlan, Project } from '../plan/logical-plan.js';
import { outputOf } from '../plan/logical-plan.js';
import { IntegerT, LongT } from '../types/data-type.js';
import { type ResolutionScope, resolveExpression, resolveFunction } from './resolve-expression.js';

/** The name of the grouping id column the Expand adds (Spark's `VirtualColumn.groupingIdName`). */
export const GROUPING_ID_NAME = 'spark_grouping_id';

/** The column that tells repeated grouping sets apart (Spark's `_gen_grouping_pos`). */
const GROUPING_POS_NAME = '_gen_grouping_pos';

/** The grouping id is a bigint: at most 64 grouping expressions (Spark's GROUPING_SIZE_LIMIT_EXCEEDED). */
const MAX_GROUPING_EXPRS = 64;

function groupingSizeLimit(): AnalysisError {
  return new AnalysisError('GROUPING_SIZE_LIMIT_EXCEEDED', `Grouping sets size cannot be greater than ${MAX_GROUPING_EXPRS}.`, { maxSize: String(MAX_GROUPING_EXPRS) });
}

/** One item of a GROUP BY: a plain expression, or ROLLUP / CUBE of (composite) columns, or GROUPING SETS. */
export type GroupingElement =
  | { readonly kind: 'expr'; readonly expr: Expression }
  | { readonly kind: 'rollup' | 'cube'; readonly groups: readonly (readonly Expression[])[] }
  /** `columns`: SQL's older `GROUP BY a, b GROUPING SETS (…)`, whose list comes first in the grouping id. */
  | { readonly kind: 'groupingSets'; readonly sets: readonly (readonly Expression[])[]; readonly columns?: readonly Expression[] };

/** ROLLUP(g1, …, gn): (g1…gn), (g1…gn-1), …, () — Spark's `rollupExprs`. */
export function rollupSets<T>(groups: readonly (readonly T[])[]): T[][] {
  const out: T[][] = [];
  for (let k = groups.length; k >= 0; k--) out.push(groups.slice(0, k).flat());
  return out;
}

/** CUBE(g1, …, gn): every subset, in Spark's `cubeExprs` order: (a, b), (a), (b), (). */
export function cubeSets<T>(groups: readonly (readonly T[])[]): T[][] {
  // Past the grouping id's width the analyzer refuses anyway; refuse before making 2^n sets.
  if (groups.length > MAX_GROUPING_EXPRS) throw groupingSizeLimit();
  if (groups.length === 0) return [[]];
  const rest = cubeSets(groups.slice(1));
  return [...rest.map((s) => [...groups[0]!, ...s]), ...rest];
}

/**
 * The grouping expressions and sets (positions into them) of a GROUP BY list, as Spark's `GroupingAnalytics`
 * combines its items: the sets are the cross product of each item's sets (a plain expression is the one set of
 * itself), so `a, ROLLUP(b, c)` is ((a, b, c), (a, b), (a)). Expressions repeat here as written; the analyzer
 * merges equal ones once resolved.
 */
export function groupingSetsOf(elements: readonly GroupingElement[]): { groupingExprs: Expression[]; groupingSets: number[][] } {
  const groupingExprs: Expression[] = [];
  const index = (e: Expression) => groupingExprs.push(e) - 1;
  let sets: number[][] = [[]];
  for (const el of elements) {
    let mine: number[][];
    if (el.kind === 'expr') mine = [[index(el.expr)]];
    else {
      if (el.kind === 'groupingSets') el.columns?.forEach(index);
      const groups = el.kind === 'groupingSets' ? el.sets : el.groups;
      const positions = groups.map((g) => g.map(index));
      mine = el.kind === 'rollup' ? rollupSets(positions) : el.kind === 'cube' ? cubeSets(positions) : positions;
    }
    sets = sets.flatMap((s) => mine.map((m) => [...s, ...m]));
  }
  return { groupingExprs, groupingSets: sets };
}

/** True for `grouping(…)` / `grouping_id(…)` calls, which only grouping analytics can answer. */
export function isGroupingFunction(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'grouping' || n === 'grouping_id';
}

/** Spark's error for grouping()/grouping_id() outside GROUPING SETS, ROLLUP or CUBE. */
export function unsupportedGroupingExpression(): AnalysisError {
  return new AnalysisError('UNSUPPORTED_GROUPING_EXPRESSION', 'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.');
}

/**
 * Rewrites an Aggregate with grouping sets (positions in its grouping expressions) into an Aggregate over
 * [grouping expressions…, spark_grouping_id] over an Expand (see the file comment). `grouping` are its grouping
 * expressions already resolved against the child; `finish` runs the ordinary aggregate checks on the result.
 */
export function expandGroupingSets(
  p: Aggregate,
  groupingSets: readonly (readonly number[])[],
  grouping: readonly Expression[],
  scope: ResolutionScope,
  resolveList: (exprs: readonly Expression[]) => Expression[],
  finish: (p: Aggregate) => LogicalPlan,
): LogicalPlan {
  // Equal expressions are one grouping column (GROUPING SETS ((a, b), (a)) groups by a and b).
  const exprs: Expression[] = [];
  const position = grouping.map((g) => {
    const i = exprs.findIndex((e) => semanticEquals(e, g));
    return i >= 0 ? i : exprs.push(g) - 1;
  });
  if (exprs.length > MAX_GROUPING_EXPRS) throw groupingSizeLimit();
  const sets = groupingSets.map((s) => new Set(s.map((i) => position[i]!)));
  const n = exprs.length;

  const childOut = outputOf(p.child);
  const aliases = exprs.map((e) => alias(e, e.kind === 'attr' ? e.name : prettyName(e)));
  const project: Project = { kind: 'project', projectList: [...childOut, ...aliases], child: p.child };
  const projected = aliases.map((a) => toAttribute(a));
  // The Expand's copies: nullable where a set nulls them (a key in every set keeps its nullability, as in Spark);
  // a column keeps its qualifier (`t.a` still names it).
  const groupAttrs: AttributeReference[] = projected.map((a, i) => {
    const e = exprs[i]!;
    return attr(a.name, a.dataType, a.nullable || sets.some((s) => !s.has(i)), e.kind === 'attr' ? e.qualifier : []);
  });
  const gid = attr(GROUPING_ID_NAME, LongT, false);
  // A set given twice (GROUPING SETS ((a), (a))) yields its rows twice: the set's position keeps them apart.
  const duplicates = new Set(sets.map((s) => [...s].sort((x, y) => x - y).join(','))).size !== sets.length;
  const pos = duplicates ? [attr(GROUPING_POS_NAME, IntegerT, false)] : [];
  const projections = sets.map((s, k) => {
    let id = 0n;
    for (let i = 0; i < n; i++) if (!s.has(i)) id |= 1n << BigInt(n - 1 - i);
    return [...childOut, ...projected.map((a, i): Expression => (s.has(i) ? a : lit(null, a.dataType))), lit(id, LongT), ...(duplicates ? [lit(k)] : [])];
  });
  const expand: Expand = { kind: 'expand', projections, output: [...childOut, ...groupAttrs, gid, ...pos], child: project };

  const made = new Set<number>();
  const resolveArg = (a: Expression): Expression => {
    let r = resolveExpression(a, scope);
    while (r.kind === 'alias') r = r.child;
    return r;
  };
  const nameCall = (x: Expression, name: string): Expression => {
    const a = alias(x, name);
    made.add(a.exprId);
    return a;
  };
  const named = resolveList(p.aggregateExprs.map((e) => replaceGroupingFunctions(e, exprs, gid, resolveArg, nameCall)));
  // Once the list is named, the aliases that named grouping()/grouping_id() inside larger expressions go (Spark's
  // CleanupAliases); one that is a whole item stays, unless the user's own alias is around it.
  const strip = (e: Expression): Expression => transformDown(e, (x) => (x.kind === 'alias' && made.has(x.exprId) ? strip(x.child) : x));
  const list = named.map((e) => (e.kind === 'alias' ? { ...e, child: strip(e.child) } : e));
  // Above the Expand, grouping expressions read its (nulled) copies; aggregate calls keep the child's values.
  const toGroupAttrs = (e: Expression): Expression => {
    if (isAggregateCall(e)) return e;
    if (e.kind === 'windowExpr') {
      // A window over the groups reads the grouped copies, in its aggregate's arguments too.
      const fn = e.fn.kind === 'agg' ? { ...e.fn, args: e.fn.args.map(toGroupAttrs) } : toGroupAttrs(e.fn);
      return withNewChildren(e, [fn, ...children(e).slice(1).map(toGroupAttrs)]);
    }
    const i = exprs.findIndex((g) => semanticEquals(g, e));
    if (i >= 0) return groupAttrs[i]!;
    return withNewChildren(e, children(e).map(toGroupAttrs));
  };
  const aggregateExprs = list.map(toGroupAttrs);
  const rewritten: Aggregate = { kind: 'aggregate', groupingExprs: [...groupAttrs, gid, ...pos], aggregateExprs, child: expand, ...(p.planId !== undefined ? { planId: p.planId } : {}) };
  return finish(rewritten);
}

/**
 * `grouping(e)` → its bit of the grouping id, `grouping_id(…)` → the id, before the rest of `e` is resolved. `arg`
 * resolves a call's argument to the form `exprs` (the grouping expressions) are in; `named` wraps each replacement
 * (an aggregate list names it as Spark names the call: `grouping(a)`, `grouping_id()`).
 */
function replaceGroupingFunctions(
  e: Expression,
  exprs: readonly Expression[],
  gid: AttributeReference,
  arg: (a: Expression) => Expression,
  named: (x: Expression, name: string) => Expression,
): Expression {
  return transformDown(e, (x) => {
    if (x.kind !== 'unresolvedFunction' || !isGroupingFunction(x.name)) return x;
    const name = x.name.toLowerCase();
    const args = x.args.map(arg);
    if (args.some(containsAggregate) || args.some((a) => exists(a, (y) => y.kind === 'windowExpr'))) {
      throw new AnalysisError('GROUP_BY_AGGREGATE', `Aggregate functions are not allowed in GROUP BY, but found ${prettyName(x)}.`);
    }
    const groupingColumns = exprs.map(prettyName).join(',');
    if (name === 'grouping_id') {
      if (args.length > 0 && (args.length !== exprs.length || args.some((a, i) => !semanticEquals(a, exprs[i]!)))) {
        throw new AnalysisError(
          'GROUPING_ID_COLUMN_MISMATCH',
          `Columns of grouping_id (${args.map(prettyName).join(',')}) does not match grouping columns (${groupingColumns}).`,
          { groupingIdColumn: args.map(prettyName).join(','), groupByColumns: groupingColumns },
        );
      }
      return named(gid, prettyName(x));
    }
    if (args.length !== 1) {
      throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`grouping\` requires 1 parameters but the actual number is ${args.length}.`, { functionName: '`grouping`', expectedNum: '1', actualNum: String(args.length) });
    }
    const idx = exprs.findIndex((g) => semanticEquals(g, args[0]!));
    if (idx < 0) {
      throw new AnalysisError(
        'GROUPING_COLUMN_MISMATCH',
        `Column of grouping (${prettyName(args[0]!)}) can't be found in grouping columns ${groupingColumns}.`,
        { grouping: prettyName(args[0]!), groupingColumns },
      );
    }
    // Spark: cast((shiftright(gid, k) & 1) as tinyint). Without a bitwise AND, the bit is shiftright(gid, k) -
    // 2 * shiftright(gid, k + 1), which like Spark's is never NULL (a remainder would be nullable).
    const k = exprs.length - 1 - idx;
    const shift = (by: number) => resolveFunction('shiftright', [gid, lit(by)], false);
    // The top bit of a 64-column id: the sign-extending shift gives -1 or 0.
    const value: Expression = k === 63
      ? { kind: 'negate', child: shift(63) }
      : { kind: 'arith', op: '-', left: shift(k), right: { kind: 'arith', op: '*', left: shift(k + 1), right: lit(2n) } };
    const bit: Expression = { kind: 'cast', child: value, to: IntegerT };
    return named(bit, prettyName(x));
  });
}

/** True when `e` calls grouping() or grouping_id() (not yet replaced). */
export function hasGroupingFunction(e: Expression): boolean {
  return exists(e, (x) => x.kind === 'unresolvedFunction' && isGroupingFunction(x.name));
}

/**
 * grouping()/grouping_id() in a Filter or Sort above a grouping-analytics aggregate (`cube('a').count()
 * .orderBy(grouping_id())`, SQL's HAVING), through Projects, Filters and Sorts between them: the aggregate also
 * outputs its grouping id, the nodes on the way carry it, the calls read it, and a Project on top keeps the original
 * columns (Spark's ResolveGroupingAnalytics for Filter and Sort). `rebuild` puts the rewritten expressions back into
 * the node, over the widened child.
 */
export function groupingFunctionsAbove(
  child: LogicalPlan,
  exprs: readonly Expression[],
  scope: (p: LogicalPlan) => ResolutionScope,
  rebuild: (exprs: Expression[], child: LogicalPlan) => LogicalPlan,
): LogicalPlan {
  const found = withGroupingId(child);
  if (!found) throw unsupportedGroupingExpression();
  const { plan, gid, keys, renamed } = found;
  const outScope = scope(child);
  const arg = (a: Expression): Expression => {
    let r = resolveExpression(a, outScope);
    while (r.kind === 'alias') r = r.child;
    return r.kind === 'attr' ? (renamed.get(r.exprId) ?? r) : r;
  };
  const replaced = exprs.map((e) => replaceGroupingFunctions(e, keys, gid, arg, (x) => x));
  return { kind: 'project', projectList: outputOf(child), child: rebuild(replaced, plan) };
}

/**
 * `p` with the grouping id of the grouping-analytics aggregate below it added to its output, with that aggregate's
 * grouping columns and the output columns that stand for them under another name (`(a + 1)`, `x` for `a AS x`).
 */
function withGroupingId(p: LogicalPlan): { plan: LogicalPlan; gid: AttributeReference; keys: readonly Expression[]; renamed: Map<number, Expression> } | null {
  switch (p.kind) {
    case 'aggregate': {
      const gid = p.groupingExprs[p.groupingExprs.length - 1];
      if (gid?.kind !== 'attr' || gid.name !== GROUPING_ID_NAME) return null;
      const keys = p.groupingExprs.slice(0, -1);
      const renamed = new Map<number, Expression>();
      for (const e of p.aggregateExprs) {
        if (e.kind === 'alias' && keys.some((k) => semanticEquals(k, e.child))) renamed.set(e.exprId, e.child);
      }
      return { plan: { ...p, aggregateExprs: [...p.aggregateExprs, gid] }, gid, keys, renamed };
    }
    case 'project': {
      const below = withGroupingId(p.child);
      if (!below) return null;
      for (const e of p.projectList) {
        if (e.kind !== 'alias') continue;
        const src = e.child.kind === 'attr' ? (below.renamed.get(e.child.exprId) ?? e.child) : e.child;
        if (below.keys.some((k) => semanticEquals(k, src))) below.renamed.set(e.exprId, src);
      }
      return { ...below, plan: { ...p, projectList: [...p.projectList, below.gid], child: below.plan } };
    }
    case 'filter':
    case 'sort': {
      const below = withGroupingId(p.child);
      return below && { ...below, plan: { ...p, child: below.plan } };
    }
    default:
      return null;
  }
}

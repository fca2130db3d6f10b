// INTERSECT and EXCEPT, DISTINCT and ALL, as the plans Spark's optimizer rewrites them into; the core has no set
// operation node of its own. Rows are compared by position with NULL equal to NULL, and named from the left.
//   DISTINCT: a null-safe left semi / anti join under a Distinct (ReplaceIntersectWithSemiJoin,
//             ReplaceExceptWithAntiJoin).
//   ALL:      both sides tagged and unioned, counted per distinct row, the rows kept min(m, n) (INTERSECT ALL) or
//             m - n (EXCEPT ALL) times by exploding array_repeat (RewriteIntersectAll / RewriteExceptAll, which
//             replicate rows with a ReplicateRows generator).
import { AnalysisError } from '../errors.js';
import { type Expression, alias, lit } from '../expr/expression.js';
import { type LogicalPlan, outputOf } from '../plan/logical-plan.js';
import { BooleanT, type DataType, LongT, sameType, simpleString } from '../types/data-type.js';
import { type AnalyzerOptions, analyzeNode } from './analyzer.js';
import { withFreshExprIds } from './fresh-ids.js';
import { castTo, widerType } from './type-coercion.js';

export type SetOperationKind = 'intersect' | 'except';

/** A plan as built (for `explain`'s parsed plan) and as analysed. */
export interface PlanPair {
  readonly parsed: LogicalPlan;
  readonly plan: LogicalPlan;
}

const HIDDEN = '__kindling_setop_';

/** Spark's name of the operator in error messages (`Intersect.nodeName`, upper-cased): INTERSECT, EXCEPTALL… */
function operatorName(kind: SetOperationKind, all: boolean): string {
  return `${kind.toUpperCase()}${all ? 'ALL' : ''}`;
}

function ordinal(n: number): string {
  return ['first', 'second', 'third'][n - 1] ?? `${n}th`;
}

/**
 * The column types both sides are brought to (Spark's WidenSetOperationTypes, as for UNION), after
 * NUM_COLUMNS_MISMATCH and INCOMPATIBLE_COLUMN_TYPE checks naming the operator.
 */
function commonTypes(name: string, left: LogicalPlan, right: LogicalPlan): DataType[] {
  const lo = outputOf(left);
  const ro = outputOf(right);
  if (lo.length !== ro.length) {
    throw new AnalysisError(
      'NUM_COLUMNS_MISMATCH',
      `${name} can only be performed on inputs with the same number of columns, but the first input has ${lo.length} columns and the second input has ${ro.length} columns.`,
      { operator: name, firstNumColumns: String(lo.length), invalidOrdinalNum: 'second', invalidNumColumns: String(ro.length) },
    );
  }
  return lo.map((l, i) => {
    const r = ro[i]!;
    const t = widerType(l.dataType, r.dataType);
    if (t) return t;
    const t1 = JSON.stringify(simpleString(r.dataType).toUpperCase());
    const t2 = JSON.stringify(simpleString(l.dataType).toUpperCase());
    throw new AnalysisError(
      'INCOMPATIBLE_COLUMN_TYPE',
      `${name} can only be performed on tables with compatible column types. The ${ordinal(i + 1)} column of the second table is ${t1} type which is not compatible with ${t2} at the same column of the first table.`,
      { operator: name, columnOrdinalNumber: ordinal(i + 1), tableOrdinalNumber: 'second', dataType1: t1, dataType2: t2, hint: '' },
    );
  });
}

function fn(name: string, ...args: Expression[]): Expression {
  return { kind: 'unresolvedFunction', name, args, isDistinct: false };
}

function and(left: Expression, right: Expression): Expression {
  return { kind: 'and', left, right };
}

/**
 * `left INTERSECT|EXCEPT [ALL] right`: the plan pair of the result, analysed node by node (errors surface here),
 * the parsed side built over the children's parsed plans.
 */
export function setOperation(kind: SetOperationKind, all: boolean, left: PlanPair, right: PlanPair, opts: AnalyzerOptions): PlanPair {
  const types = commonTypes(operatorName(kind, all), left.plan, right.plan);
  const derive = (cs: readonly PlanPair[], build: (...c: LogicalPlan[]) => LogicalPlan): PlanPair => ({
    parsed: build(...cs.map((c) => c.parsed)),
    plan: analyzeNode(build(...cs.map((c) => c.plan)), opts),
  });
  // Rows then compare as values of one type: 1 and '1.0' meet as strings (and differ), as in Spark.
  const widen = (side: PlanPair): PlanPair => {
    const out = outputOf(side.plan);
    if (out.every((a, i) => sameType(a.dataType, types[i]!))) return side;
    const list = out.map((a, i) => (sameType(a.dataType, types[i]!) ? a : alias(castTo(a, types[i]!), a.name)));
    return derive([side], (c) => ({ kind: 'project', projectList: list, child: c }));
  };
  return all ? setOperationAll(kind, widen(left), widen(right), derive) : setOperationDistinct(kind, widen(left), widen(right), derive);
}

type Derive = (cs: readonly PlanPair[], build: (...c: LogicalPlan[]) => LogicalPlan) => PlanPair;

function setOperationDistinct(kind: SetOperationKind, left: PlanPair, right: PlanPair, derive: Derive): PlanPair {
  const lo = outputOf(left.plan);
  // The right side may share attribute ids with the left (t INTERSECT t): give it fresh ones first.
  const ids = new Set(lo.map((a) => a.exprId));
  let rightPlan = right.plan;
  if (outputOf(rightPlan).some((a) => ids.has(a.exprId))) rightPlan = withFreshExprIds(rightPlan);
  const ro = outputOf(rightPlan);
  let cond: Expression | null = null;
  lo.forEach((l, i) => {
    const eq: Expression = { kind: 'cmp', op: '<=>', left: l, right: ro[i]! };
    cond = cond ? and(cond, eq) : eq;
  });
  const joinType = kind === 'intersect' ? 'leftsemi' : 'leftanti';
  const joined = derive([left, { parsed: right.parsed, plan: rightPlan }], (l, r) => ({ kind: 'join', left: l, right: r, joinType, condition: cond }));
  return derive([joined], (c) => ({ kind: 'distinct', child: c }));
}

function setOperationAll(kind: SetOperationKind, left: PlanPair, right: PlanPair, derive: Derive): PlanPair {
  // Tag each side: INTERSECT ALL counts the rows of each side apart (count of a column that is non-NULL on that
  // side only); EXCEPT ALL sums +1 for left rows and -1 for right ones.
  const tags: [Expression[], Expression[]] = kind === 'intersect'
    ? [[alias(lit(true), `${HIDDEN}l`), alias(lit(null, BooleanT), `${HIDDEN}r`)], [alias(lit(null, BooleanT), `${HIDDEN}l`), alias(lit(true), `${HIDDEN}r`)]]
    : [[alias(lit(1n, LongT), `${HIDDEN}n`)], [alias(lit(-1n, LongT), `${HIDDEN}n`)]];
  const tagged = [left, right].map((side, i) => derive([side], (c) => ({ kind: 'project', projectList: [...outputOf(side.plan), ...tags[i]!], child: c })));
  const union = derive(tagged, (l, r) => ({ kind: 'union', children: [l, r], byName: false, allowMissingColumns: false }));
  const width = outputOf(left.plan).length;
  const unionOut = outputOf(union.plan);
  const cols = unionOut.slice(0, width);
  const marks = unionOut.slice(width);
  const counts = kind === 'intersect'
    ? [alias(fn('count', marks[0]!), `${HIDDEN}lc`), alias(fn('count', marks[1]!), `${HIDDEN}rc`)]
    : [alias(fn('sum', marks[0]!), `${HIDDEN}n`)];
  const agg = derive([union], (c) => ({ kind: 'aggregate', groupingExprs: cols, aggregateExprs: [...cols, ...counts], child: c }));
  const aggOut = outputOf(agg.plan);
  const keys = aggOut.slice(0, width);
  const [c1, c2] = aggOut.slice(width);
  const keep: Expression = kind === 'intersect'
    ? and({ kind: 'cmp', op: '>=', left: c1!, right: lit(1n, LongT) }, { kind: 'cmp', op: '>=', left: c2!, right: lit(1n, LongT) })
    : { kind: 'cmp', op: '>', left: c1!, right: lit(0n, LongT) };
  const kept = derive([agg], (c) => ({ kind: 'filter', condition: keep, child: c }));
  const times = kind === 'intersect' ? fn('least', c1!, c2!) : c1!;
  const replicated = derive([kept], (c) => ({
    kind: 'project',
    projectList: [...keys, alias(fn('explode', fn('array_repeat', lit(true), times)), `${HIDDEN}copy`)],
    child: c,
  }));
  const out = outputOf(replicated.plan).slice(0, width);
  return derive([replicated], (c) => ({ kind: 'project', projectList: out, child: c }));
}

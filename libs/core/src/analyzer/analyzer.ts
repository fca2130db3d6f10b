// The analyzer: turns a node whose children are already analysed into a resolved node, or raises AnalysisError.
// The DataFrame API calls it once per new node, so errors surface at the call that caused them.
import { AnalysisError } from '../errors.js';
import {
  type AttributeReference,
  type Expression,
  type NamedExpression,
  type SortOrder,
  alias,
  children,
  containsAggregate,
  containsWindow,
  dataTypeOf,
  exists,
  prettyName,
  semanticEquals,
  toAttribute,
} from '../expr/expression.js';
import { type Aggregate, type FlatMapGroupsInPython, type Join, type LogicalPlan, type MapInPython, type Union, outputOf, planChildren, transformPlanUp } from '../plan/logical-plan.js';
import { isIntegral, sameType, simpleString } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { typeText } from '../expr/functions/function-def.js';
import { type ResolutionScope, expandStar, resolveColumn, resolveExpression, resolveFunction, toNamed } from './resolve-expression.js';
import { castTo, containsMap, dataTypeMismatch, invalidOrdering, widerType } from './type-coercion.js';
import { withFreshExprIds } from './fresh-ids.js';
import { checkNoWindow, extractWindows, extractWindowsOverAggregate, hasGroupAggregate } from './resolve-window.js';
import { extractGenerator } from './resolve-generator.js';
import { expandGroupingSets, groupingFunctionsAbove, hasGroupingFunction } from './resolve-grouping.js';

export interface AnalyzerOptions {
  readonly caseSensitive: boolean;
}

const DEFAULTS: AnalyzerOptions = { caseSensitive: false };

/** Analyses a whole tree bottom-up (nodes already resolved pass through unchanged). */
export function analyze(plan: LogicalPlan, opts: AnalyzerOptions = DEFAULTS): LogicalPlan {
  return transformPlanUp(plan, (p) => analyzeNode(p, opts));
}

function scopeOf(plans: readonly LogicalPlan[], opts: AnalyzerOptions): ResolutionScope {
  return { input: plans.flatMap(outputOf), plans, caseSensitive: opts.caseSensitive };
}

/** Resolves a select list: expands stars, resolves, names every item. */
export function resolveProjectList(exprs: readonly Expression[], scope: ResolutionScope): NamedExpression[] {
  const out: NamedExpression[] = [];
  for (const e of exprs) {
    if (e.kind === 'star') {
      out.push(...expandStar(e.qualifier, scope));
      continue;
    }
    if (e.kind === 'alias' && e.names && e.names.length > 1) {
      throw new AnalysisError('MULTI_ALIAS_WITHOUT_GENERATOR', `Multi part aliasing (${e.names.join(', ')}) is only supported with generator functions, not with ${prettyName(e.child)}.`, { names: e.names.join(', '), expr: prettyName(e.child) });
    }
    const r = resolveExpression(e, scope);
    // `col("s.a")` names its column after the field (`a`), while `col("s")["a"]` keeps the generated `s.a`.
    if (e.kind === 'unresolvedColumn' && r.kind === 'fn' && (r.name === 'get_field' || r.name === 'subscript')) out.push(alias(r, e.nameParts[e.nameParts.length - 1]!));
    else out.push(toNamed(r));
  }
  return out;
}

export function analyzeNode(p: LogicalPlan, opts: AnalyzerOptions = DEFAULTS): LogicalPlan {
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
    case 'limit':
    case 'distinct':
    case 'subqueryAlias':
    case 'window': // made by the analyzer itself (extractWindows), already resolved
    case 'generate': // made by the analyzer itself (extractGenerator)
    case 'expand': // made by the analyzer itself (expandGroupingSets)
      if (p.kind === 'distinct') checkNoMapColumns(p.child);
      if (p.kind === 'limit' && (!Number.isInteger(p.limit) || p.limit < 0)) {
        throw new AnalysisError('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', `The limit expression must be equal to or greater than 0, but got ${p.limit}.`);
      }
      if (p.kind === 'limit' && p.offset !== undefined && (!Number.isInteger(p.offset) || p.offset < 0)) {
        throw new AnalysisError('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', `The limit like expression "${p.offset}" is invalid. The offset expression must be equal to or greater than 0, but got ${p.offset}.`, { name: 'offset', expr: String(p.offset), v: String(p.offset) });
      }
      return p;
    case 'project': {
      const scope = scopeOf([p.child], opts);
      const gen = extractGenerator(p.projectList, p.child, scope, (e) => resolveProjectList([e], scope));
      if (gen) {
        if (gen.projectList.some((e) => containsAggregate(e) || containsWindow(e))) {
          throw new AnalysisError('UNSUPPORTED_GENERATOR.OUTSIDE_SELECT', 'The generator is not supported beside aggregate or window functions in one SELECT; explode in a subquery and aggregate above it.');
        }
        return { ...p, projectList: gen.projectList, child: gen.generate };
      }
      const list = resolveProjectList(p.projectList, scope);
      // select(sum(x)) without groupBy is a global aggregate, as in Spark; so is `rank() OVER (ORDER BY sum(v))`,
      // a window over its one row.
      if (list.some(hasGroupAggregate)) {
        return analyzeNode({ kind: 'aggregate', groupingExprs: [], aggregateExprs: list, child: p.child, planId: p.planId }, opts);
      }
      if (list.some(containsWindow)) return { ...extractWindows(list, p.child), planId: p.planId };
      checkNoWindow(list, 'SELECT');
      return { ...p, projectList: list };
    }
    case 'filter':
      if (hasGroupingFunction(p.condition)) {
        return groupingFunctionsAbove(p.child, [p.condition], (c) => scopeOf([c], opts), ([condition], child) => analyzeNode({ ...p, condition: condition!, child }, opts));
      }
      return resolveWithMissing(p, opts, (scope) => {
        const cond = resolveExpression(p.condition, scope);
        const t = dataTypeOf(cond);
        if (t.kind !== 'boolean' && t.kind !== 'null') {
          throw dataTypeMismatch(prettyName(cond), `filter expression ${JSON.stringify(prettyName(cond))} of type ${JSON.stringify(simpleString(t))} is not a boolean.`);
        }
        checkNoWindow([cond], 'WHERE');
        if (containsAggregate(cond)) throw new AnalysisError('INVALID_WHERE_CONDITION', `The WHERE condition ${JSON.stringify(prettyName(cond))} contains invalid expressions: aggregate functions.`);
        return [cond];
      }, ([cond], child) => ({ ...p, condition: castTo(cond!, { kind: 'boolean' }), child }));
    case 'sort':
      if (p.order.some(hasGroupingFunction)) {
        return groupingFunctionsAbove(p.child, p.order.map((o) => o.child), (c) => scopeOf([c], opts), (keys, child) =>
          analyzeNode({ ...p, order: p.order.map((o, i): SortOrder => ({ ...o, child: keys[i]! })), child }, opts));
      }
      return resolveWithMissing(p, opts, (scope) => p.order.map((o) => {
        const child = resolveExpression(o.child, scope);
        checkNoWindow([child], 'ORDER BY');
        const t = dataTypeOf(child);
        if (t.kind === 'array') throw dataTypeMismatch(prettyName(child), `sorting is not supported for columns of type ${JSON.stringify(simpleString(t))}.`);
        if (containsMap(t)) {
          const sql = `${prettyName(child)} ${o.direction === 'desc' ? 'DESC' : 'ASC'} NULLS ${o.nullOrdering === 'nullsLast' ? 'LAST' : 'FIRST'}`;
          throw invalidOrdering(sql, 'sortorder', t);
        }
        return child;
      }), (exprs, child) => ({ ...p, order: p.order.map((o, i): SortOrder => ({ ...o, child: exprs[i]! })), child }));
    case 'aggregate':
      return analyzeAggregate(p, opts);
    case 'join':
      return analyzeJoin(p, opts);
    case 'union':
      return analyzeUnion(p);
    case 'repartition': {
      const scope = scopeOf([p.child], opts);
      if (!Number.isInteger(p.numPartitions) || p.numPartitions <= 0) {
        throw new AnalysisError('INVALID_PARTITION_NUMBER', `The number of partitions must be positive, but got ${p.numPartitions}.`);
      }
      const partitionExprs = p.partitionExprs.map((e) =>
        e.kind === 'sortOrder' && p.byRange ? { ...e, child: resolveExpression(e.child, scope) } : resolveExpression(e, scope));
      if (p.byPartitionId && (partitionExprs.length !== 1 || !isIntegral(dataTypeOf(partitionExprs[0]!)))) {
        throw new AnalysisError('INVALID_PARTITION_ID', 'Repartitioning by partition id needs exactly one integer column.');
      }
      return { ...p, partitionExprs };
    }
    case 'mapInPython':
    case 'flatMapGroupsInPython':
      return analyzePythonMap(p, opts);
    default:
      return assertNever(p, 'logical plan');
  }
}

/**
 * SQL's HAVING over an aggregate whose select list holds windows (analysed as Project ← Window… ← Aggregate): the
 * filter goes right above the Aggregate, under the windows, as Spark's ExtractWindowExpressions places it, so the
 * windows see only the groups kept (and HAVING cannot name a window's output).
 */
export function havingBelowWindows(plan: LogicalPlan, condition: Expression, opts: AnalyzerOptions = DEFAULTS): LogicalPlan {
  const above: LogicalPlan[] = [];
  let p = plan;
  if (p.kind === 'project' && p.child.kind === 'window') {
    above.push(p);
    p = p.child;
    while (p.kind === 'window') {
      above.push(p);
      p = p.child;
    }
  }
  let out = analyzeNode({ kind: 'filter', condition, child: p }, opts);
  for (const node of above.reverse()) out = { ...node, child: out } as LogicalPlan;
  return out;
}

/**
 * Resolves a Filter/Sort's expressions; names missing from the child but present below a Project child are added
 * to that Project and projected away above (Spark's ResolveMissingReferences), so `select('a').orderBy('b')` works.
 */
function resolveWithMissing<P extends LogicalPlan & { child: LogicalPlan }>(
  p: P,
  opts: AnalyzerOptions,
  resolve: (scope: ResolutionScope) => Expression[],
  rebuild: (exprs: Expression[], child: LogicalPlan) => LogicalPlan,
): LogicalPlan {
  try {
    return rebuild(resolve(scopeOf([p.child], opts)), p.child);
  } catch (err) {
    const child = p.child;
    if (!(err instanceof AnalysisError) || !err.errorClass.startsWith('UNRESOLVED_COLUMN') || child.kind !== 'project') throw err;
    let exprs: Expression[];
    const grandScope = scopeOf([child.child], opts);
    const widened: ResolutionScope = { ...grandScope, input: [...outputOf(child), ...grandScope.input.filter((a) => !outputOf(child).some((o) => o.exprId === a.exprId))] };
    try {
      exprs = resolve(widened);
    } catch {
      throw err;
    }
    const visible = new Set(outputOf(child).map((a) => a.exprId));
    const missing = new Map<number, AttributeReference>();
    for (const e of exprs) exists(e, (x) => {
      if (x.kind === 'attr' && !visible.has(x.exprId)) missing.set(x.exprId, x);
      return false;
    });
    const newChild: LogicalPlan = { ...child, projectList: [...child.projectList, ...missing.values()] };
    return { kind: 'project', projectList: outputOf(child), child: rebuild(exprs, newChild) };
  }
}

function analyzePythonMap(p: MapInPython | FlatMapGroupsInPython, opts: AnalyzerOptions): LogicalPlan {
  if (p.kind === 'mapInPython') return p;
  const scope = scopeOf([p.child], opts);
  const groupingExprs = p.groupingExprs.map((e) => {
    let r = resolveExpression(e, scope);
    while (r.kind === 'alias') r = r.child;
    return r;
  });
  return { ...p, groupingExprs };
}

function analyzeAggregate(p: Aggregate, opts: AnalyzerOptions): LogicalPlan {
  const scope = scopeOf([p.child], opts);
  const grouping = p.groupingExprs.map((e) => {
    if (e.kind === 'star') throw new AnalysisError('INVALID_USAGE_OF_STAR', `Invalid usage of '*' in GROUP BY.`);
    let r = resolveExpression(e, scope);
    // groupBy(expr.alias('k')): the key is the expression; the name lives in the aggregate list.
    while (r.kind === 'alias') r = r.child;
    if (containsAggregate(r)) throw new AnalysisError('GROUP_BY_AGGREGATE', `Aggregate functions are not allowed in GROUP BY, but found ${prettyName(r)}.`);
    return r;
  });
  checkNoWindow(grouping, 'GROUP BY');
  if (p.groupingSets) {
    return expandGroupingSets(p, p.groupingSets, grouping, scope, (es) => resolveProjectList(es, scope), (a) => checkAggregate(a, a.groupingExprs, a.aggregateExprs));
  }
  return checkAggregate(p, grouping, resolveProjectList(p.aggregateExprs, scope));
}

/** The checks of a resolved aggregate list against its grouping expressions. */
function checkAggregate(p: Aggregate, grouping: readonly Expression[], aggs: readonly NamedExpression[] | readonly Expression[]): LogicalPlan {
  if (aggs.some(containsWindow)) {
    return extractWindowsOverAggregate({ ...p, groupingExprs: grouping }, aggs as NamedExpression[], (a) => checkAggregate(a, a.groupingExprs, a.aggregateExprs));
  }
  checkNoWindow(aggs, 'aggregate');
  // Every column outside an aggregate function must be (part of) a grouping expression.
  const check = (e: Expression): void => {
    if (grouping.some((g) => semanticEquals(g, e))) return;
    if (e.kind === 'agg' || (e.kind === 'pythonUdf' && e.evalType === 'groupedAggPandas')) {
      for (const a of e.args) if (containsAggregate(a)) throw new AnalysisError('NESTED_AGGREGATE_FUNCTION', `It is not allowed to use an aggregate function in the argument of another aggregate function: ${prettyName(e)}.`);
      return;
    }
    if (e.kind === 'attr' && grouping.length === 0) {
      throw new AnalysisError(
        'MISSING_GROUP_BY',
        `The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.`,
        { expression: `"${e.name}"` },
      );
    }
    if (e.kind === 'attr') {
      throw new AnalysisError(
        'MISSING_AGGREGATION',
        `The non-aggregating expression "${e.name}" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${e.name})" if you do not care which of the values within a group is returned.`,
        { expression: `"${e.name}"` },
      );
    }
    children(e).forEach(check);
  };
  aggs.forEach(check);
  const pandasAggs = aggs.some((e) => exists(e, (x) => x.kind === 'pythonUdf' && x.evalType === 'groupedAggPandas'));
  if (pandasAggs && aggs.some((e) => exists(e, (x) => x.kind === 'agg'))) {
    // As in Spark: the two run in different operators (one in Python workers, one in the engine).
    throw new AnalysisError('INVALID_PANDAS_UDF_PLACEMENT', 'Cannot use a mixture of aggregate function and group aggregate pandas UDF.');
  }
  // Grouping expressions that are not plain columns get names so the final projection can refer to them.
  return { ...p, groupingExprs: grouping, aggregateExprs: aggs };
}

function analyzeJoin(p: Join, opts: AnalyzerOptions): LogicalPlan {
  let right = p.right;
  // A self-join sees the same attribute ids on both sides: give the right side fresh ids (Spark's dedupRight).
  const leftIds = new Set(outputOf(p.left).map((a) => a.exprId));
  if (outputOf(right).some((a) => leftIds.has(a.exprId))) right = withFreshExprIds(right);
  const scope = scopeOf([p.left, right], opts);
  if (p.usingColumns && p.usingColumns.length > 0) {
    const lScope = scopeOf([p.left], opts);
    const rScope = scopeOf([right], opts);
    const pairs = p.usingColumns.map((c) => {
      const l = tryResolve([c], lScope, 'left', p.usingColumns!);
      const r = tryResolve([c], rScope, 'right', p.usingColumns!);
      return { l, r };
    });
    let cond: Expression | null = null;
    for (const { l, r } of pairs) {
      const eq = resolveExpression({ kind: 'cmp', op: '=', left: l, right: r }, scope);
      cond = cond ? { kind: 'and', left: cond, right: eq } : eq;
    }
    const joined: Join = { ...p, right, condition: cond, usingColumns: undefined };
    delete (joined as { usingColumns?: unknown }).usingColumns;
    const out = outputOf(joined);
    const lIds = new Set(pairs.map((x) => x.l.exprId));
    const rIds = new Set(pairs.map((x) => x.r.exprId));
    const keyCols: NamedExpression[] = pairs.map(({ l, r }) => {
      switch (p.joinType) {
        case 'right':
          return toAttribute({ ...r, nullable: out.find((a) => a.exprId === r.exprId)!.nullable });
        case 'full':
          return alias(resolveFunction('coalesce', [l, r], false), l.name);
        default:
          return out.find((a) => a.exprId === l.exprId) ?? l;
      }
    });
    const rest = out.filter((a) => !lIds.has(a.exprId) && !rIds.has(a.exprId));
    if (p.joinType === 'leftsemi' || p.joinType === 'leftanti') return { kind: 'project', projectList: [...keyCols, ...rest], child: joined };
    return { kind: 'project', projectList: [...keyCols, ...rest], child: joined };
  }
  if (p.condition === null) return right === p.right ? p : { ...p, right };
  const cond = resolveExpression(p.condition, scope);
  checkNoWindow([cond], 'JOIN');
  const t = dataTypeOf(cond);
  if (t.kind !== 'boolean') {
    throw dataTypeMismatch(prettyName(cond), `join condition ${JSON.stringify(prettyName(cond))} of type ${JSON.stringify(simpleString(t))} is not a boolean.`);
  }
  return { ...p, right, condition: cond };
}

function tryResolve(nameParts: string[], scope: ResolutionScope, side: string, using: readonly string[]): AttributeReference {
  try {
    return resolveColumn(nameParts, scope);
  } catch (e) {
    if (e instanceof AnalysisError && e.errorClass.startsWith('UNRESOLVED_COLUMN')) {
      throw new AnalysisError(
        'UNRESOLVED_USING_COLUMN_FOR_JOIN',
        `USING column \`${nameParts.join('.')}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${scope.input.map((a) => `\`${a.name}\``).join(', ')}].`,
        { colName: nameParts.join('.'), side, using: using.join(',') },
      );
    }
    throw e;
  }
}

function analyzeUnion(p: Union): LogicalPlan {
  let children = [...p.children];
  let first = outputOf(children[0]!);
  if (p.byName && p.allowMissingColumns) {
    // Columns that only later inputs have are appended, NULL in the inputs that lack them.
    const extra: AttributeReference[] = [];
    for (const c of children.slice(1)) {
      for (const a of outputOf(c)) {
        if (![...first, ...extra].some((f) => f.name.toLowerCase() === a.name.toLowerCase())) extra.push(a);
      }
    }
    if (extra.length > 0) {
      const list: NamedExpression[] = [...first, ...extra.map((a) => alias({ kind: 'literal', value: null, dataType: a.dataType }, a.name))];
      children[0] = { kind: 'project', projectList: list, child: children[0]! };
      first = outputOf(children[0]!);
    }
  }
  if (p.byName) {
    children = children.map((c, idx) => {
      if (idx === 0) return c;
      const out = outputOf(c);
      const list: NamedExpression[] = first.map((f) => {
        const m = out.find((a) => a.name.toLowerCase() === f.name.toLowerCase());
        if (m) return m;
        if (p.allowMissingColumns) return alias({ kind: 'literal', value: null, dataType: f.dataType }, f.name);
        throw new AnalysisError('NUM_COLUMNS_MISMATCH', `UNION BY NAME can only be performed on inputs with matching columns: column \`${f.name}\` is missing in input ${idx + 1}. Set allowMissingColumns to fill it with NULL.`, { columnName: f.name });
      });
      const extra = out.filter((a) => !first.some((f) => f.name.toLowerCase() === a.name.toLowerCase()));
      if (extra.length > 0 && !p.allowMissingColumns) {
        throw new AnalysisError('NUM_COLUMNS_MISMATCH', `UNION BY NAME can only be performed on inputs with matching columns: \`${extra[0]!.name}\` of input ${idx + 1} is not in the first input.`, { columnName: extra[0]!.name });
      }
      return { kind: 'project', projectList: list, child: c } as LogicalPlan;
    });
  }
  const outs = children.map(outputOf);
  outs.forEach((o, i) => {
    if (o.length !== first.length) {
      throw new AnalysisError(
        'NUM_COLUMNS_MISMATCH',
        `UNION can only be performed on inputs with the same number of columns, but the first input has ${first.length} columns and the ${ordinal(i + 1)} input has ${o.length} columns.`,
        { firstNumColumns: String(first.length), invalidNumColumns: String(o.length) },
      );
    }
  });
  // Widen each column to a common type, casting inputs that differ.
  const types = first.map((a, col) => {
    let t = a.dataType;
    for (const o of outs.slice(1)) {
      const w = widerType(t, o[col]!.dataType);
      if (!w) {
        throw new AnalysisError(
          'INCOMPATIBLE_COLUMN_TYPE',
          `UNION can only be performed on inputs with compatible column types. The ${ordinal(col + 1)} column of the second input is ${JSON.stringify(simpleString(o[col]!.dataType))} which is not compatible with ${JSON.stringify(simpleString(t))} at the same column of the first table.`,
          { columnOrdinalNumber: ordinal(col + 1) },
        );
      }
      t = w;
    }
    return t;
  });
  children = children.map((c, i) => {
    const o = outs[i]!;
    // Whole types, not kinds: array<int> beside array<bigint>, decimal(5,2) beside decimal(10,0) are cast too.
    if (o.every((a, col) => sameType(a.dataType, types[col]!))) return c;
    const list: NamedExpression[] = o.map((a, col) => (sameType(a.dataType, types[col]!) ? a : alias(castTo(a, types[col]!), a.name)));
    return { kind: 'project', projectList: list, child: c } as LogicalPlan;
  });
  return { ...p, children, byName: false, allowMissingColumns: false };
}

/** Spark's `ordinalNumber` wording for 1-based positions: first, second, third, 4th… */
function ordinal(n: number): string {
  return ['first', 'second', 'third'][n - 1] ?? `${n}th`;
}

/** True when every node of the tree is resolved. */
export function isAnalyzed(p: LogicalPlan): boolean {
  return planChildren(p).every(isAnalyzed);
}

/** DISTINCT (and UNION, INTERSECT, EXCEPT, which are made of it) cannot compare maps: Spark's SET_OPERATION_ON_MAP_TYPE. */
function checkNoMapColumns(child: LogicalPlan): void {
  for (const a of outputOf(child)) {
    if (containsMap(a.dataType)) {
      throw new AnalysisError(
        'UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE',
        `The feature is not supported: Cannot have MAP type columns in a set operation (INTERSECT, EXCEPT, etc.), but the type of column \`${a.name}\` is ${typeText(a.dataType)}.`,
        { colName: `\`${a.name}\``, dataType: typeText(a.dataType) },
      );
    }
  }
}

// Window functions in the analyzer: ranking/offset functions by name, checks of `fn OVER (spec)`, and the
// extraction of window expressions from a select or aggregate list into Window nodes (Spark's
// ExtractWindowExpressions).
import { AnalysisError } from '../errors.js';
import {
  type Alias,
  type Expression,
  type NamedExpression,
  type WindowExpression,
  type WindowFunctionName,
  alias,
  children,
  dataTypeOf,
  lit,
  isAggregateCall,
  semanticEquals,
  exists,
  exprToString,
  prettyName,
  toAttribute,
  transformDown,
} from '../expr/expression.js';
import type { Aggregate, LogicalPlan } from '../plan/logical-plan.js';
import { DoubleT, IntegerT, isNumeric, simpleString } from '../types/data-type.js';
import { castTo } from './type-coercion.js';

const RANKING: ReadonlySet<string> = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);
const NAMES: Readonly<Record<string, WindowFunctionName>> = {
  row_number: 'row_number', rank: 'rank', dense_rank: 'dense_rank', percent_rank: 'percent_rank', cume_dist: 'cume_dist',
  ntile: 'ntile', lag: 'lag', lead: 'lead', nth_value: 'nth_value',
};

function argError(name: string, message: string): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH', `Cannot resolve "${name}" due to data type mismatch: ${message}`, { functionName: `\`${name}\`` });
}

function arity(name: string, args: readonly Expression[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `[${Array.from({ length: max - min + 1 }, (_, i) => min + i).join(', ')}]`;
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${name}\` requires ${expected} parameters but the actual number is ${args.length}.`, { functionName: `\`${name}\``, expectedNum: expected, actualNum: String(args.length) });
  }
}

function intLiteral(name: string, e: Expression | undefined, what: string, fallback: number): number {
  if (e === undefined) return fallback;
  if (e.kind === 'literal' && typeof e.value === 'number' && Number.isInteger(e.value)) return e.value;
  throw argError(name, `the ${what} must be an integer literal, got ${prettyName(e)}.`);
}

/** The resolved window function `name(args)`, or undefined when `name` is not one (aggregates are resolved elsewhere). */
export function resolveWindowFunction(name: string, args: readonly Expression[], isDistinct: boolean): Expression | undefined {
  const fn = NAMES[name.toLowerCase()];
  if (!fn) return undefined;
  if (isDistinct) throw new AnalysisError('INVALID_DISTINCT', `DISTINCT is not allowed in the window function ${fn}.`);
  switch (fn) {
    case 'row_number':
    case 'rank':
    case 'dense_rank':
      arity(fn, args, 0, 0);
      return { kind: 'windowFn', name: fn, args: [], dataType: IntegerT, nullable: false };
    case 'percent_rank':
    case 'cume_dist':
      arity(fn, args, 0, 0);
      return { kind: 'windowFn', name: fn, args: [], dataType: DoubleT, nullable: false };
    case 'ntile': {
      arity(fn, args, 1, 1);
      const n = intLiteral(fn, args[0], 'number of buckets', 1);
      if (n <= 0) throw argError(fn, `the number of buckets must be positive, got ${n}.`);
      return { kind: 'windowFn', name: fn, args: [...args], dataType: IntegerT, nullable: false };
    }
    case 'lag':
    case 'lead': {
      // (x[, offset[, default[, ignoreNulls]]]): SQL's `lag(x) IGNORE NULLS` gives the fourth.
      arity(fn, args, 1, 4);
      const t = dataTypeOf(args[0]!);
      intLiteral(fn, args[1], 'offset', 1);
      const flag = args[3];
      if (flag && !(flag.kind === 'literal' && typeof flag.value === 'boolean')) throw argError(fn, 'the ignoreNulls flag must be a boolean literal.');
      const rest = args.length >= 3 ? [args[1]!, castTo(args[2]!, t), ...args.slice(3)] : args.slice(1);
      return { kind: 'windowFn', name: fn, args: [args[0]!, ...rest], dataType: t, nullable: true };
    }
    case 'nth_value': {
      // nth_value(x, offset[, ignoreNulls]): the offset-th row (non-NULL row) of the frame.
      arity(fn, args, 2, 3);
      const sql = `nth_value(${prettyName(args[0]!)}, ${prettyName(args[1]!)})`;
      const off = args[1]!;
      if (off.kind !== 'literal') {
        throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `Cannot resolve "${sql}" due to data type mismatch: the input \`offset\` should be a foldable "INT" expression; however, got "${prettyName(off)}".`, { sqlExpr: sql });
      }
      const n = typeof off.value === 'number' || typeof off.value === 'bigint' ? Number(off.value) : NaN;
      if (!Number.isInteger(n)) throw argError(fn, `the offset must be an integer literal, got ${prettyName(off)}.`);
      if (n <= 0) {
        throw new AnalysisError('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `Cannot resolve "${sql}" due to data type mismatch: The offset must be between (0, 9223372036854775807] (current value = ${n}L).`, { sqlExpr: sql });
      }
      const flag = args[2] ?? lit(false);
      if (!(flag.kind === 'literal' && typeof flag.value === 'boolean')) throw argError(fn, 'the ignoreNulls flag must be a boolean literal.');
      return { kind: 'windowFn', name: fn, args: [args[0]!, lit(n), flag], dataType: dataTypeOf(args[0]!), nullable: true };
    }
  }
}

/** Checks `fn OVER (spec)` once its parts are resolved. */
export function checkWindowExpression(e: WindowExpression): Expression {
  const fn = e.fn;
  const text = prettyName(e);
  if (fn.kind !== 'agg' && fn.kind !== 'windowFn') {
    throw new AnalysisError('UNSUPPORTED_EXPR_FOR_WINDOW', `Expression "${prettyName(fn)}" not supported within a window function.`, { sqlExpr: `"${prettyName(fn)}"` });
  }
  if (fn.kind === 'agg' && fn.distinct) {
    throw new AnalysisError('DISTINCT_WINDOW_FUNCTION_UNSUPPORTED', `Distinct window functions are not supported: ${text}.`, { windowExpr: `"${text}"` });
  }
  // Spark computes median over whole partitions only (percentile takes any window).
  if (fn.kind === 'agg' && fn.fn === 'median' && e.spec.orderSpec.length > 0) {
    throw new AnalysisError('INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC', `Cannot specify ORDER BY or a window frame for "${prettyName(fn)}".`, { aggFunc: `"${prettyName(fn)}"` });
  }
  // percentile_cont / percentile_disc too, named by their value and percentage.
  if (fn.kind === 'agg' && (fn.fn === 'percentile_cont' || fn.fn === 'percentile_disc') && (e.spec.orderSpec.length > 0 || e.spec.frame)) {
    const name = `${fn.fn}(${prettyName(fn.args[0]!)}, ${prettyName(fn.args[1]!)})`;
    throw new AnalysisError('INVALID_WINDOW_SPEC_FOR_AGGREGATION_FUNC', `Cannot specify ORDER BY or a window frame for "${name}".`, { aggFunc: `"${name}"` });
  }
  if (fn.kind === 'windowFn' && (RANKING.has(fn.name) || fn.name === 'lag' || fn.name === 'lead') && e.spec.orderSpec.length === 0) {
    throw new AnalysisError('WINDOW_FUNCTION_WITHOUT_ORDER', `Window function ${fn.name}() requires an ORDER BY in its window: ${text}.`, { windowExpr: `"${text}"` });
  }
  if (fn.kind === 'windowFn' && fn.name === 'nth_value' && e.spec.orderSpec.length === 0) {
    throw new AnalysisError('WINDOW_FUNCTION_FRAME_NOT_ORDERED', `Window function ${fn.name} requires the window to be ordered. You need to add an ORDER BY clause. For example: SELECT ${fn.name}(${prettyName(fn.args[0]!)}, ${prettyName(fn.args[1]!)}) OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table.`, { windowExpr: `"${text}"` });
  }
  const f = e.spec.frame;
  if (f) {
    if (f.lower > f.upper || f.lower === Infinity || f.upper === -Infinity) {
      throw new AnalysisError('INVALID_WINDOW_FRAME', `The window frame of ${text} has its lower bound after its upper bound.`, { windowExpr: `"${text}"` });
    }
    const offsets = (Number.isFinite(f.lower) && f.lower !== 0) || (Number.isFinite(f.upper) && f.upper !== 0);
    if (f.frameType === 'range' && offsets) {
      const keys = e.spec.orderSpec;
      if (keys.length !== 1 || !isNumeric(dataTypeOf(keys[0]!.child))) {
        const got = keys.map((k) => simpleString(dataTypeOf(k.child))).join(', ');
        throw new AnalysisError('DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE', `A RANGE frame with offsets needs exactly one numeric ORDER BY key, got [${got}] in ${text}.`, { sqlExpr: `"${text}"` });
      }
    }
  }
  for (const p of e.spec.partitionSpec) {
    if (dataTypeOf(p).kind === 'array') throw new AnalysisError('DATATYPE_MISMATCH', `Cannot partition a window by ${prettyName(p)} of type array.`);
  }
  return e;
}

/** Throws when `exprs` hold a window expression or a bare window function (legal only in a select list). */
export function checkNoWindow(exprs: readonly Expression[], clause: string): void {
  for (const e of exprs) {
    transformDown(e, (x) => {
      if (x.kind === 'windowExpr') {
        throw windowNotAllowed(clause, x);
      }
      if (x.kind === 'windowFn') throw windowWithoutOver(x.name);
      return x;
    });
  }
}

/** Spark's error for a window function in WHERE, HAVING, GROUP BY… (`clause` as the message names it). */
export function windowNotAllowed(clause: string, w: Expression): AnalysisError {
  return new AnalysisError('WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE', `It is not allowed to use window functions inside ${clause} clause: ${prettyName(w)}. Compute it in a select list first.`, { clauseName: clause });
}

function windowWithoutOver(name: string): AnalysisError {
  return new AnalysisError('WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE', `Window function "${name}" requires an OVER clause.`, { funcName: `"${name}"` });
}

/**
 * A select list with window expressions → Project(list′) ← Window… ← child: every `fn OVER (spec)` becomes a
 * column of a Window node (one node per distinct PARTITION BY / ORDER BY), referred to by attribute above.
 */
export function extractWindows(list: readonly NamedExpression[], child: LogicalPlan): LogicalPlan {
  const windows: Alias[] = [];
  const extract = (e: Expression): Expression =>
    transformDown(e, (x) => {
      if (x.kind === 'windowFn') throw windowWithoutOver(x.name);
      if (x.kind !== 'windowExpr') return x;
      const a = alias(x, prettyName(x));
      windows.push(a);
      return toAttribute(a);
    });
  const projectList = list.map((item): NamedExpression => {
    if (item.kind === 'alias' && item.child.kind === 'windowExpr') {
      // `fn OVER w AS name`: the window column is the item itself.
      checkNoWindowInside(item.child);
      windows.push(item);
      return toAttribute(item);
    }
    return item.kind === 'alias' ? { ...item, child: extract(item.child) } : item;
  });
  for (const w of windows) checkNoWindowInside(w.child as WindowExpression);
  // One Window node per window spec (partition and order keys), in order of first use.
  const groups = new Map<string, Alias[]>();
  for (const w of windows) {
    const spec = (w.child as WindowExpression).spec;
    const key = JSON.stringify([spec.partitionSpec.map(exprToString), spec.orderSpec.map(exprToString)]);
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  let plan = child;
  for (const ws of groups.values()) {
    const spec = (ws[0]!.child as WindowExpression).spec;
    plan = { kind: 'window', windowExprs: ws, partitionSpec: spec.partitionSpec, orderSpec: spec.orderSpec, child: plan };
  }
  return { kind: 'project', projectList, child: plan };
}

/** Window functions cannot nest (`sum(rank() OVER w) OVER w`). */
function checkNoWindowInside(w: WindowExpression): void {
  const inner = [...((w.fn.kind === 'agg' || w.fn.kind === 'windowFn') ? w.fn.args : []), ...w.spec.partitionSpec, ...w.spec.orderSpec];
  for (const e of inner) {
    transformDown(e, (x) => {
      if (x.kind === 'windowExpr' || x.kind === 'windowFn') {
        throw new AnalysisError('NESTED_WINDOW_FUNCTION', `It is not allowed to use a window function inside another window function: ${prettyName(w)}.`);
      }
      return x;
    });
  }
}

/**
 * True when `e` has an aggregate call that groups rows: outside window expressions, or in a window's arguments or
 * PARTITION BY / ORDER BY (`rank() OVER (ORDER BY sum(v))`, `sum(sum(v)) OVER ()`), but not the windowed aggregate
 * itself (`sum(v) OVER w` alone aggregates nothing). Spark's GlobalAggregates makes such a select list an Aggregate.
 */
export function hasGroupAggregate(e: Expression): boolean {
  if (isAggregateCall(e)) return true;
  if (e.kind === 'windowExpr') {
    // The windowed function itself aggregates the frame, not the groups: only its inputs count.
    const fnArgs = children(e.fn);
    return [...fnArgs, ...e.spec.partitionSpec, ...e.spec.orderSpec].some(hasGroupAggregate);
  }
  return children(e).some(hasGroupAggregate);
}

/**
 * An aggregate list holding window expressions → Project ← Window… ← Aggregate, as Spark's ExtractWindowExpressions
 * does: the Aggregate computes the items without windows plus every expression the windows read (aggregate calls,
 * grouped expressions, as `_w0`, `_w1`…), so `rank() OVER (ORDER BY sum(v))` ranks the groups. A column the windows
 * read that is not grouped is added too, for `check` to refuse it (MISSING_AGGREGATION), as Spark does.
 */
export function extractWindowsOverAggregate(p: Aggregate, aggs: readonly NamedExpression[], check: (a: Aggregate) => LogicalPlan): LogicalPlan {
  const regular = aggs.filter((a) => !exists(a, (x) => x.kind === 'windowExpr'));
  const extracted: NamedExpression[] = [];
  const outputIds = (): Set<number> => new Set([...regular, ...extracted].map((a) => a.exprId));
  // A window's input: literals stay, columns pass through the Aggregate, anything else becomes one of its outputs.
  const input = (e: Expression): Expression => {
    if (!exists(e, (x) => x.kind === 'attr' || isAggregateCall(x))) return e;
    if (e.kind === 'attr') {
      if (!outputIds().has(e.exprId)) extracted.push(e);
      return e;
    }
    const same = [...regular, ...extracted].find((a) => a.kind === 'alias' && semanticEquals(a.child, e));
    if (same) return toAttribute(same);
    const a = alias(e, `_w${extracted.length}`);
    extracted.push(a);
    return toAttribute(a);
  };
  const rewrite = (e: Expression): Expression =>
    transformDown(e, (x) => {
      if (x.kind === 'windowExpr') {
        const fn = x.fn.kind === 'agg' || x.fn.kind === 'windowFn' ? { ...x.fn, args: x.fn.args.map(input) } : x.fn;
        const spec = { ...x.spec, partitionSpec: x.spec.partitionSpec.map(input), orderSpec: x.spec.orderSpec.map((o) => ({ ...o, child: input(o.child) })) };
        return { ...x, fn, spec };
      }
      // `sum(v) - lag(sum(v)) OVER w`: the outer sum is computed by the Aggregate too.
      if (isAggregateCall(x) || x.kind === 'attr') return input(x);
      return x;
    });
  const windowed = new Map<NamedExpression, NamedExpression>();
  for (const a of aggs) {
    if (regular.includes(a)) continue;
    windowed.set(a, rewrite(a) as NamedExpression);
  }
  const { planId, ...rest } = p;
  const aggregate = check({ ...rest, aggregateExprs: [...regular, ...extracted] });
  const list = aggs.map((a) => windowed.get(a) ?? toAttribute(a));
  const out = extractWindows(list, aggregate);
  return planId === undefined ? out : { ...out, planId };
}

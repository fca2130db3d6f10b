// Expressions: a closed union of plain, structured-clone-able objects tagged by `kind`.
// The analyzer turns unresolved nodes into resolved ones; the physical planner binds attributes to ordinals.
import { type DataType, BooleanT, DoubleT, LongT, NullT, StringT, DateT, TimestampT, IntegerT, ArrayT } from '../types/data-type.js';
import { formatDecimal } from '../types/decimal.js';
import { assertNever } from '../util/assert.js';
import { civilFromDays } from './eval/datetime.js';
import { localDayAndMicros } from './eval/timestamp-local.js';
import { type TimeZone, UTC } from './eval/time-zone.js';

/** True for Python UDF calls, which only Python workers can evaluate. */
export function containsPythonUdf(e: Expression): boolean {
  return exists(e, (x) => x.kind === 'pythonUdf');
}

/** A literal's value: int32/float64/date(days) as number, int64/timestamp(µs) and decimal (unscaled) as bigint. */
export type LiteralValue = null | boolean | number | bigint | string;

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '<=>';
export type SortDirection = 'asc' | 'desc';
export type NullOrdering = 'nullsFirst' | 'nullsLast';
export type AggregateFunctionName =
  | 'count' | 'sum' | 'avg' | 'min' | 'max' | 'first' | 'last' | 'any_value' | 'collect_list'
  | StatisticalAggregateName
  | LogicalAggregateName
  | ApproxAggregateName;
/** The aggregates of `expr/aggregates/approx-registry.ts`. */
export type ApproxAggregateName =
  | 'approx_count_distinct' | 'percentile_approx' | 'product' | 'mode' | 'listagg' | 'percentile_cont' | 'percentile_disc';
/** The aggregates of `expr/aggregates/logical-registry.ts`. */
export type LogicalAggregateName =
  | 'count_if' | 'bool_and' | 'bool_or' | 'bit_and' | 'bit_or' | 'bit_xor' | 'collect_set' | 'max_by' | 'min_by' | 'try_sum' | 'try_avg'
  | 'percentile' | 'median';
/** The aggregates of `expr/aggregates/statistical-registry.ts`. */
export type StatisticalAggregateName =
  | 'stddev_samp' | 'stddev_pop' | 'var_samp' | 'var_pop' | 'skewness' | 'kurtosis'
  | 'corr' | 'covar_pop' | 'covar_samp'
  | 'regr_count' | 'regr_avgx' | 'regr_avgy' | 'regr_sxx' | 'regr_syy' | 'regr_sxy' | 'regr_slope' | 'regr_intercept' | 'regr_r2';

/** A column named by the user, not yet resolved. `planId` pins it to one DataFrame (`df.col('a')`), as Spark Connect does. */
export interface UnresolvedColumn { readonly kind: 'unresolvedColumn'; readonly nameParts: readonly string[]; readonly planId?: number }
/** `*` or `t.*`. */
export interface UnresolvedStar { readonly kind: 'star'; readonly qualifier?: readonly string[] }
/** A function called by name, resolved through the function registry. */
export interface UnresolvedFunction { readonly kind: 'unresolvedFunction'; readonly name: string; readonly args: readonly Expression[]; readonly isDistinct: boolean }
/** A resolved column: unique `exprId` within the session. */
export interface AttributeReference {
  readonly kind: 'attr';
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly exprId: number;
  readonly qualifier: readonly string[];
}
/** An attribute bound to a column position of the operator's input batch. */
export interface BoundReference { readonly kind: 'boundRef'; readonly ordinal: number; readonly dataType: DataType; readonly nullable: boolean }
export interface Literal { readonly kind: 'literal'; readonly value: LiteralValue; readonly dataType: DataType }
export interface Alias {
  readonly kind: 'alias';
  readonly child: Expression;
  readonly name: string;
  readonly exprId: number;
  /** `AS (a, b)`: every name, for a generator with several output columns (`name` is the first). */
  readonly names?: readonly string[];
  /** The qualifier of the output column (inline's columns under a LATERAL VIEW's table name); none by default. */
  readonly qualifier?: readonly string[];
}
/**
 * `dataType` is set by type coercion when the result type is not the operands' own: decimal arithmetic, whose
 * precision and scale follow Spark's DecimalPrecision rules.
 */
export interface Arithmetic { readonly kind: 'arith'; readonly op: ArithmeticOp; readonly left: Expression; readonly right: Expression; readonly dataType?: DataType }
export interface Comparison { readonly kind: 'cmp'; readonly op: ComparisonOp; readonly left: Expression; readonly right: Expression }
export interface And { readonly kind: 'and'; readonly left: Expression; readonly right: Expression }
export interface Or { readonly kind: 'or'; readonly left: Expression; readonly right: Expression }
export interface Not { readonly kind: 'not'; readonly child: Expression }
export interface Negate { readonly kind: 'negate'; readonly child: Expression }
export interface IsNull { readonly kind: 'isNull'; readonly child: Expression }
export interface IsNotNull { readonly kind: 'isNotNull'; readonly child: Expression }
/** `implicit` marks casts the analyzer inserted; generated column names leave them out, as Spark does. */
export interface Cast {
  readonly kind: 'cast';
  readonly child: Expression;
  readonly to: DataType;
  readonly implicit?: boolean;
  /** `try_cast`: NULL where the value does not convert, in either ANSI mode (Spark's EvalMode.TRY). */
  readonly try?: boolean;
}
export interface CaseWhen {
  readonly kind: 'caseWhen';
  readonly branches: readonly { readonly condition: Expression; readonly value: Expression }[];
  readonly otherwise: Expression | null;
}
export interface In { readonly kind: 'in'; readonly child: Expression; readonly list: readonly Expression[] }
/** A resolved scalar function of the registry; `dataType`/`nullable` were fixed by the analyzer. */
export interface ScalarFunction {
  readonly kind: 'fn';
  readonly name: string;
  /** How generated column names spell it when that differs from `name` (Spark's `SQRT`). */
  readonly displayName?: string;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
}
/** A resolved aggregate function call; only legal inside an Aggregate's expressions. */
export interface AggregateCall {
  readonly kind: 'agg';
  readonly fn: AggregateFunctionName;
  /** How generated column names spell it when called by another name (`first_value` for `first`). */
  readonly displayName?: string;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  readonly dataType: DataType;
  readonly nullable: boolean;
}
/**
 * How a Python function is called; the wire enum `PythonEvalType` of the protocol schema maps onto these.
 * `batched` is the classic pickled-rows path, `arrowBatched` the same row-at-a-time call over Arrow batches.
 */
export type PythonEvalType =
  /** RDD functions over pickled blocks: `func(partitionIndex, iterator)` (PySpark's NON_UDF). */
  | 'nonUdf'
  | 'batched'
  | 'arrowBatched'
  | 'scalarPandas'
  | 'scalarPandasIter'
  | 'groupedAggPandas'
  | 'groupedMapPandas'
  | 'mapPandasIter'
  | 'mapArrowIter';

/**
 * A Python function over `args` (`@udf`, `@pandas_udf`): `command` is the cloudpickled function, run by Python
 * workers. `udfId` identifies one definition, so equal calls of the same function compare equal.
 */
export interface PythonUdf {
  readonly kind: 'pythonUdf';
  readonly name: string;
  readonly evalType: PythonEvalType;
  readonly command: Uint8Array;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly deterministic: boolean;
  readonly udfId: number;
  /** Broadcast variables (`sc.broadcast`) the pickled command refers to; shipped to each worker once. */
  readonly broadcastIds?: readonly number[];
}

export interface SortOrder { readonly kind: 'sortOrder'; readonly child: Expression; readonly direction: SortDirection; readonly nullOrdering: NullOrdering }

/** Window functions that are not aggregates: ranking, distribution and offset functions. */
export type WindowFunctionName = 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist' | 'ntile' | 'lag' | 'lead' | 'nth_value';
/**
 * A frame bound, in rows (ROWS) or in order-key units (RANGE): 0 is CURRENT ROW, negative values precede,
 * `-Infinity` is UNBOUNDED PRECEDING and `Infinity` UNBOUNDED FOLLOWING.
 */
export type FrameBound = number;
export interface WindowFrame { readonly frameType: 'rows' | 'range'; readonly lower: FrameBound; readonly upper: FrameBound }
/** `PARTITION BY … ORDER BY … frame`; a null frame is Spark's default (RANGE … CURRENT ROW with ORDER BY, else the whole partition). */
export interface WindowSpec { readonly partitionSpec: readonly Expression[]; readonly orderSpec: readonly SortOrder[]; readonly frame: WindowFrame | null }
/** `fn OVER (spec)`: an aggregate call or a window function evaluated over a window of rows. */
export interface WindowExpression { readonly kind: 'windowExpr'; readonly fn: Expression; readonly spec: WindowSpec }
/** A resolved ranking/offset window function; legal only as the `fn` of a WindowExpression. */
export interface WindowFunction {
  readonly kind: 'windowFn';
  readonly name: WindowFunctionName;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/**
 * A lambda parameter named in the body before resolution: PySpark's placeholder variable (`x_0`). SQL bodies name
 * parameters as plain columns, which the analyzer resolves against the lambda's parameters first.
 */
export interface UnresolvedLambdaVariable { readonly kind: 'unresolvedLambdaVar'; readonly name: string }
/** A resolved lambda parameter (Spark's NamedLambdaVariable): the element, index or accumulator a higher-order function feeds it. */
export interface LambdaVariable { readonly kind: 'lambdaVar'; readonly name: string; readonly dataType: DataType; readonly nullable: boolean; readonly exprId: number }
/**
 * `(x, i) -> body` (Spark's LambdaFunction): legal only as an argument of a higher-order function, which binds the
 * parameters' types. `hidden` marks the identity finish Spark's `aggregate` adds, printed all the same.
 */
export interface LambdaFunction {
  readonly kind: 'lambda';
  readonly params: readonly (LambdaVariable | UnresolvedLambdaVariable)[];
  readonly body: Expression;
}
/** A resolved higher-order function call (transform, filter, aggregate…): `args` hold its arrays and values, then its lambdas. */
export interface HigherOrderFunction {
  readonly kind: 'hof';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
}

export type Expression =
  | UnresolvedColumn
  | UnresolvedStar
  | UnresolvedFunction
  | AttributeReference
  | BoundReference
  | Literal
  | Alias
  | Arithmetic
  | Comparison
  | And
  | Or
  | Not
  | Negate
  | IsNull
  | IsNotNull
  | Cast
  | CaseWhen
  | In
  | ScalarFunction
  | AggregateCall
  | PythonUdf
  | SortOrder
  | WindowExpression
  | WindowFunction
  | UnresolvedLambdaVariable
  | LambdaVariable
  | LambdaFunction
  | HigherOrderFunction;

export type NamedExpression = AttributeReference | Alias;

// ---------------------------------------------------------------------------------------------
// Expression ids

let nextExprId = 0;
/** A fresh, process-unique expression id (Spark's `NamedExpression.newExprId`). */
export function newExprId(): number {
  return nextExprId++;
}

// ---------------------------------------------------------------------------------------------
// Constructors

export function lit(value: LiteralValue, dataType?: DataType): Literal {
  return { kind: 'literal', value, dataType: dataType ?? inferLiteralType(value) };
}

export function inferLiteralType(value: LiteralValue): DataType {
  if (value === null) return NullT;
  switch (typeof value) {
    case 'boolean': return BooleanT;
    case 'bigint': return LongT;
    case 'string': return StringT;
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0) ? IntegerT : DoubleT;
    default: return assertNever(value, 'literal value');
  }
}

export function unresolvedColumn(name: string, planId?: number): UnresolvedColumn {
  return planId === undefined ? { kind: 'unresolvedColumn', nameParts: parseColumnName(name) } : { kind: 'unresolvedColumn', nameParts: parseColumnName(name), planId };
}

/** Splits `a.b` / `` `a.b`.c `` into parts as Spark's `UnresolvedAttribute.quotedString` parser does. */
export function parseColumnName(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === '`') {
      if (quoted && name[i + 1] === '`') { cur += '`'; i++; continue; }
      quoted = !quoted;
    } else if (ch === '.' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function alias(child: Expression, name: string): Alias {
  return { kind: 'alias', child, name, exprId: newExprId() };
}

export function attr(name: string, dataType: DataType, nullable = true, qualifier: readonly string[] = []): AttributeReference {
  return { kind: 'attr', name, dataType, nullable, exprId: newExprId(), qualifier };
}

/** The attribute an output column of a named expression is referred to by, above the node that produced it. */
export function toAttribute(e: NamedExpression): AttributeReference {
  if (e.kind === 'attr') return e;
  return { kind: 'attr', name: e.name, dataType: dataTypeOf(e.child), nullable: nullableOf(e.child), exprId: e.exprId, qualifier: e.qualifier ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Types and nullability (valid after analysis)

export function dataTypeOf(e: Expression): DataType {
  switch (e.kind) {
    case 'attr':
    case 'boundRef':
    case 'literal':
    case 'fn':
    case 'agg':
    case 'windowFn':
    case 'pythonUdf':
    case 'lambdaVar':
    case 'hof':
      return e.dataType;
    case 'lambda':
      return dataTypeOf(e.body);
    case 'windowExpr':
      return dataTypeOf(e.fn);
    case 'alias':
    case 'negate':
    case 'sortOrder':
      return dataTypeOf(e.child);
    case 'arith':
      return e.dataType ?? (e.op === '/' ? DoubleT : dataTypeOf(e.left));
    case 'cmp':
    case 'and':
    case 'or':
    case 'not':
    case 'isNull':
    case 'isNotNull':
    case 'in':
      return BooleanT;
    case 'cast':
      return e.to;
    case 'caseWhen': {
      const first = e.branches[0];
      return first ? dataTypeOf(first.value) : e.otherwise ? dataTypeOf(e.otherwise) : NullT;
    }
    case 'unresolvedColumn':
    case 'star':
    case 'unresolvedFunction':
    case 'unresolvedLambdaVar':
      throw new Error(`dataTypeOf called on unresolved expression ${exprToString(e)}`);
    default:
      return assertNever(e, 'expression');
  }
}

export function nullableOf(e: Expression): boolean {
  switch (e.kind) {
    case 'attr':
    case 'boundRef':
    case 'fn':
    case 'agg':
    case 'windowFn':
    case 'lambdaVar':
    case 'hof':
      return e.nullable;
    case 'lambda':
      return nullableOf(e.body);
    case 'windowExpr':
      // An aggregate over a frame that may be empty (ROWS 1 FOLLOWING at the partition end) is null there.
      return e.fn.kind === 'agg' && e.fn.fn === 'count' ? false : e.fn.kind === 'windowFn' ? e.fn.nullable : true;
    case 'pythonUdf':
      return true;
    case 'literal':
      return e.value === null;
    case 'alias':
    case 'negate':
    case 'not':
    case 'sortOrder':
      return nullableOf(e.child);
    case 'cast':
      // string → number/date casts yield null on malformed input (non-ANSI Spark).
      return e.try === true || nullableOf(e.child) || dataTypeOf(e.child).kind === 'string' || castForcesNull(dataTypeOf(e.child), e.to);
    case 'arith':
      return nullableOf(e.left) || nullableOf(e.right) || e.op === '/' || e.op === '%';
    case 'cmp':
      return e.op === '<=>' ? false : nullableOf(e.left) || nullableOf(e.right);
    case 'and':
    case 'or':
      return nullableOf(e.left) || nullableOf(e.right);
    case 'isNull':
    case 'isNotNull':
      return false;
    case 'in':
      return nullableOf(e.child) || e.list.some(nullableOf);
    case 'caseWhen':
      return e.otherwise === null || nullableOf(e.otherwise) || e.branches.some((b) => nullableOf(b.value));
    case 'unresolvedColumn':
    case 'star':
    case 'unresolvedFunction':
    case 'unresolvedLambdaVar':
      return true;
    default:
      return assertNever(e, 'expression');
  }
}

export function isResolved(e: Expression): boolean {
  if (e.kind === 'unresolvedColumn' || e.kind === 'star' || e.kind === 'unresolvedFunction' || e.kind === 'unresolvedLambdaVar') return false;
  return children(e).every(isResolved);
}

// ---------------------------------------------------------------------------------------------
// Traversal

export function children(e: Expression): Expression[] {
  switch (e.kind) {
    case 'unresolvedColumn':
    case 'star':
    case 'attr':
    case 'boundRef':
    case 'literal':
    case 'unresolvedLambdaVar':
    case 'lambdaVar':
      return [];
    case 'lambda':
      return [e.body, ...e.params];
    case 'unresolvedFunction':
    case 'fn':
    case 'agg':
    case 'windowFn':
    case 'pythonUdf':
    case 'hof':
      return [...e.args];
    case 'windowExpr':
      return [e.fn, ...e.spec.partitionSpec, ...e.spec.orderSpec];
    case 'alias':
    case 'not':
    case 'negate':
    case 'isNull':
    case 'isNotNull':
    case 'cast':
    case 'sortOrder':
      return [e.child];
    case 'arith':
    case 'cmp':
    case 'and':
    case 'or':
      return [e.left, e.right];
    case 'caseWhen': {
      const out: Expression[] = [];
      for (const b of e.branches) out.push(b.condition, b.value);
      if (e.otherwise) out.push(e.otherwise);
      return out;
    }
    case 'in':
      return [e.child, ...e.list];
    default:
      return assertNever(e, 'expression');
  }
}

/** Rebuilds `e` with new children (in the order `children` returns them); returns `e` itself when nothing changed. */
export function withNewChildren(e: Expression, c: readonly Expression[]): Expression {
  const old = children(e);
  if (old.length === c.length && old.every((x, i) => x === c[i])) return e;
  switch (e.kind) {
    case 'unresolvedColumn':
    case 'star':
    case 'attr':
    case 'boundRef':
    case 'literal':
    case 'unresolvedLambdaVar':
    case 'lambdaVar':
      return e;
    case 'lambda':
      return { ...e, body: c[0]!, params: c.slice(1) as (LambdaVariable | UnresolvedLambdaVariable)[] };
    case 'unresolvedFunction':
    case 'fn':
    case 'agg':
    case 'windowFn':
    case 'pythonUdf':
    case 'hof':
      return { ...e, args: c };
    case 'windowExpr': {
      const np = e.spec.partitionSpec.length;
      const spec: WindowSpec = { ...e.spec, partitionSpec: c.slice(1, 1 + np), orderSpec: c.slice(1 + np) as SortOrder[] };
      return { ...e, fn: c[0]!, spec };
    }
    case 'alias':
    case 'not':
    case 'negate':
    case 'isNull':
    case 'isNotNull':
    case 'cast':
    case 'sortOrder':
      return { ...e, child: c[0]! };
    case 'arith':
    case 'cmp':
    case 'and':
    case 'or':
      return { ...e, left: c[0]!, right: c[1]! };
    case 'caseWhen': {
      const branches = e.branches.map((_, i) => ({ condition: c[2 * i]!, value: c[2 * i + 1]! }));
      const otherwise = e.otherwise ? c[2 * e.branches.length]! : null;
      return { ...e, branches, otherwise };
    }
    case 'in':
      return { ...e, child: c[0]!, list: c.slice(1) };
    default:
      return assertNever(e, 'expression');
  }
}

/** Post-order rewrite: children first, then `f` on the rebuilt node. */
export function transformUp(e: Expression, f: (e: Expression) => Expression): Expression {
  const rebuilt = withNewChildren(e, children(e).map((c) => transformUp(c, f)));
  return f(rebuilt);
}

/** Pre-order rewrite: `f` first; if it returns a different node, that node's children are not revisited. */
export function transformDown(e: Expression, f: (e: Expression) => Expression): Expression {
  const next = f(e);
  if (next !== e) return next;
  return withNewChildren(e, children(e).map((c) => transformDown(c, f)));
}

export function forEachExpr(e: Expression, f: (e: Expression) => void): void {
  f(e);
  for (const c of children(e)) forEachExpr(c, f);
}

export function exists(e: Expression, pred: (e: Expression) => boolean): boolean {
  if (pred(e)) return true;
  return children(e).some((c) => exists(c, pred));
}

/** Attributes referenced by `e`, by exprId. */
export function references(e: Expression): Map<number, AttributeReference> {
  const out = new Map<number, AttributeReference>();
  forEachExpr(e, (x) => {
    if (x.kind === 'attr') out.set(x.exprId, x);
  });
  return out;
}

/** True when `e` has an aggregate call outside window expressions (an aggregate OVER a window is not one). */
export function containsAggregate(e: Expression): boolean {
  if (isAggregateCall(e)) return true;
  if (e.kind === 'windowExpr') return false;
  return children(e).some(containsAggregate);
}

export function containsWindow(e: Expression): boolean {
  return exists(e, (x) => x.kind === 'windowExpr');
}

/** A built-in aggregate call or a grouped-aggregate pandas UDF. */
export function isAggregateCall(e: Expression): boolean {
  return e.kind === 'agg' || (e.kind === 'pythonUdf' && e.evalType === 'groupedAggPandas');
}

/** Structural equality that ignores Alias ids; attributes compare by exprId. */
export function semanticEquals(a: Expression, b: Expression): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'attr' && b.kind === 'attr') return a.exprId === b.exprId;
  if (a.kind === 'literal' && b.kind === 'literal') return a.value === b.value && a.dataType.kind === b.dataType.kind;
  const { ...ra } = a as unknown as Record<string, unknown>;
  const { ...rb } = b as unknown as Record<string, unknown>;
  for (const k of Object.keys(ra)) {
    const va = ra[k];
    const vb = rb[k];
    if (k === 'exprId') continue;
    if (typeof va === 'object' && va !== null) continue; // children compared below
    if (va !== vb) return false;
  }
  if (a.kind === 'cast' && b.kind === 'cast' && JSON.stringify(a.to) !== JSON.stringify(b.to)) return false;
  if (a.kind === 'windowExpr' && b.kind === 'windowExpr' && JSON.stringify(effectiveFrame(a.spec)) !== JSON.stringify(effectiveFrame(b.spec))) return false;
  if (a.kind === 'pythonUdf' && b.kind === 'pythonUdf' && (a.udfId !== b.udfId || !a.deterministic)) return false;
  const ca = children(a);
  const cb = children(b);
  return ca.length === cb.length && ca.every((x, i) => semanticEquals(x, cb[i]!));
}

// ---------------------------------------------------------------------------------------------
// Printing

function literalText(l: Literal): string {
  if (l.value === null) return 'NULL';
  switch (l.dataType.kind) {
    case 'date': return formatDate(l.value as number);
    case 'timestamp': return formatTimestamp(l.value as bigint);
    case 'float64': return formatDouble(l.value as number);
    case 'decimal': return formatDecimal(BigInt(l.value as bigint), l.dataType.scale);
    default: return String(l.value);
  }
}

/** Spark's Double.toString-like rendering: `1.0`, `0.1`, `1.0E10`, `NaN`, `Infinity`. */
export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) {
    const [mant, exp] = v.toExponential().split('e') as [string, string];
    const m = mant.includes('.') ? mant : `${mant}.0`;
    return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
  }
  const s = String(v);
  return s.includes('.') ? s : `${s}.0`;
}

export function formatDate(days: number): string {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `yyyy-MM-dd HH:mm:ss[.ffffff]` in `zone` (UTC by default), trailing zeros of the fraction dropped, as Spark shows timestamps. */
export function formatTimestamp(micros: bigint, zone: TimeZone = UTC): string {
  const pair: [number, number] = [0, 0];
  localDayAndMicros(zone, micros >= -SAFE && micros <= SAFE ? Number(micros) : micros, pair);
  const [y, mo, d] = civilFromDays(pair[0]);
  const t = pair[1];
  const sec = Math.floor(t / 1000000);
  const sub = t - sec * 1000000;
  const p2 = (v: number) => String(v).padStart(2, '0');
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : y > 9999 ? `+${y}` : `-${String(-y).padStart(4, '0')}`;
  const base = `${year}-${p2(mo)}-${p2(d)} ${p2(Math.floor(sec / 3600))}:${p2(Math.floor(sec / 60) % 60)}:${p2(sec % 60)}`;
  if (sub === 0) return base;
  return `${base}.${String(sub).padStart(6, '0').replace(/0+$/, '')}`;
}

const CMP_TEXT: Record<ComparisonOp, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '<=>': '<=>' };

/**
 * The generated column name of an unaliased expression, as PySpark shows it: `(a + 1)`, `sum(b)`, `count(1)`.
 * Attributes print bare and string literals without quotes (Spark's `toPrettySQL`).
 */
/** Spark's names of the calls whose options are not children (approx_count_distinct's rsd) or that print WITHIN GROUP. */
function renderOrderedSet(e: AggregateCall, r: (x: Expression) => string): string {
  const name = e.displayName ?? e.fn;
  const a = e.args;
  const num = (x: Expression | undefined): number => (x?.kind === 'literal' ? Number(x.value) : 0);
  switch (e.fn) {
    case 'mode': {
      // Spark prints the tie order reversed: ORDER BY x (smallest wins) shows as DESC.
      const o = num(a[1]);
      return o === 0 ? `${name}(${r(a[0]!)})` : `${name}() WITHIN GROUP (ORDER BY ${r(a[0]!)}${o < 0 ? ' DESC' : ''})`;
    }
    case 'percentile_cont':
    case 'percentile_disc':
      return `${name}(${r(a[1]!)}) WITHIN GROUP (ORDER BY ${r(a[0]!)}${num(a[2]) === 1 ? ' DESC' : ''})`;
    case 'listagg': {
      const head = `${name}(${e.distinct ? 'DISTINCT ' : ''}${r(a[0]!)}, ${r(a[1]!)})`;
      const keys: string[] = [];
      for (let k = 2; k + 1 < a.length; k += 2) {
        const code = num(a[k + 1]);
        keys.push(`${r(a[k]!)} ${code & 2 ? 'DESC' : 'ASC'} ${code & 1 ? 'NULLS LAST' : 'NULLS FIRST'}`);
      }
      // Spark names an ordered string_agg listagg.
      return keys.length > 0 ? `listagg${head.slice(name.length)} WITHIN GROUP (ORDER BY ${keys.join(', ')})` : head;
    }
    default:
      return `${name}(${e.distinct ? 'DISTINCT ' : ''}${r(a[0]!)})`;
  }
}

export function prettyName(e: Expression): string {
  return render(e, true);
}

/** The form used in `explain()`: attributes as `name#id` (with `L` for bigint), unresolved names with a leading `'`. */
export function exprToString(e: Expression): string {
  return render(e, false);
}

function render(e: Expression, pretty: boolean): string {
  const r = (x: Expression) => render(x, pretty);
  switch (e.kind) {
    case 'unresolvedColumn':
      return pretty ? e.nameParts.join('.') : `'${e.nameParts.join('.')}`;
    case 'star':
      return e.qualifier ? `${e.qualifier.join('.')}.*` : '*';
    case 'unresolvedFunction':
      if (e.name === 'count' && e.args.length === 0) return `${pretty ? '' : "'"}count(1)`;
      if (e.name === 'subscript' && e.args.length === 2) return `${r(e.args[0]!)}[${r(e.args[1]!)}]`;
      return `${pretty ? '' : "'"}${e.name}(${e.isDistinct ? 'DISTINCT ' : ''}${e.args.map(r).join(', ')})`;
    case 'attr':
      return pretty ? e.name : `${e.name}#${e.exprId}${e.dataType.kind === 'int64' ? 'L' : ''}`;
    case 'boundRef':
      return `input[${e.ordinal}, ${e.dataType.kind}, ${e.nullable}]`;
    case 'literal':
      if (!pretty && e.dataType.kind === 'string' && e.value !== null) return String(e.value);
      return literalText(e);
    case 'alias':
      return pretty ? e.name : `${r(e.child)} AS ${e.name}#${e.exprId}${isResolved(e.child) && dataTypeOf(e.child).kind === 'int64' ? 'L' : ''}`;
    case 'arith':
      return `(${r(e.left)} ${e.op} ${r(e.right)})`;
    case 'cmp':
      if (e.op === '!=') return `(NOT (${r(e.left)} = ${r(e.right)}))`;
      return `(${r(e.left)} ${CMP_TEXT[e.op]} ${r(e.right)})`;
    case 'and':
      return `(${r(e.left)} AND ${r(e.right)})`;
    case 'or':
      return `(${r(e.left)} OR ${r(e.right)})`;
    case 'not':
      return `(NOT ${r(e.child)})`;
    case 'negate':
      return `(- ${r(e.child)})`;
    case 'isNull':
      return `(${r(e.child)} IS NULL)`;
    case 'isNotNull':
      return `(${r(e.child)} IS NOT NULL)`;
    case 'cast':
      if (pretty && e.implicit) return r(e.child);
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${r(e.child)} AS ${castTypeName(e.to)})`;
    case 'caseWhen': {
      const parts = e.branches.map((b) => ` WHEN ${r(b.condition)} THEN ${r(b.value)}`).join('');
      return `CASE${parts}${e.otherwise ? ` ELSE ${r(e.otherwise)}` : ''} END`;
    }
    case 'in':
      return `(${r(e.child)} IN (${e.list.map(r).join(', ')}))`;
    case 'fn':
      if (e.name === 'subscript' && e.args.length === 2) return `${r(e.args[0]!)}[${r(e.args[1]!)}]`;
      // Spark 4 names from_json with a map schema after the map's entries (its replacement's generated name).
      if (pretty && e.name === 'from_json' && e.dataType.kind === 'map') return 'entries';
      // Spark's Shuffle prints without its seed.
      if (e.name === 'shuffle' && e.args.length === 2) return `shuffle(${r(e.args[0]!)})`;
      if (e.name === 'extract' && e.args[0]?.kind === 'literal') return `extract(${String(e.args[0].value)} FROM ${r(e.args[1]!)})`;
      if (e.name === 'get_field' && e.args[1]?.kind === 'literal') return `${r(e.args[0]!)}.${String(e.args[1].value)}`;
      if (e.name === 'named_struct' && e.dataType.kind === 'struct') {
        // struct(a, b AS x) as Spark prints CreateStruct; named_struct(a, 1, b, 2) with its names.
        if (e.displayName === 'struct') return `struct(${e.args.map((x) => (x.kind === 'alias' ? `${r(x.child)} AS ${x.name}` : r(x))).join(', ')})`;
        const fields = e.dataType.fields;
        return `named_struct(${e.args.map((x, k) => `${fields[k]!.name}, ${r(x)}`).join(', ')})`;
      }
      if (e.name === 'update_fields' && e.args[1]?.kind === 'literal') {
        // Spark's UpdateFields: update_fields(s, WithField(v), dropfield()); the operations are the JSON in args[1].
        let v = 2;
        const ops = JSON.parse(String(e.args[1].value)) as ({ with: string } | { drop: string })[];
        return `update_fields(${r(e.args[0]!)}, ${ops.map((op) => ('with' in op ? `WithField(${r(e.args[v++]!)})` : 'dropfield()')).join(', ')})`;
      }
      return renderFunction(e.displayName ?? e.name, e.args.map(r));
    case 'pythonUdf':
      return `${e.name}(${e.args.map(r).join(', ')})`;
    case 'agg':
      if (e.fn === 'count' && e.args.length === 0) return 'count(1)';
      // first(x, ignoreNulls): the flag is an option, not a child, in Spark's name.
      if (e.fn === 'first' || e.fn === 'last' || e.fn === 'any_value') return `${e.displayName ?? e.fn}(${e.distinct ? 'DISTINCT ' : ''}${r(e.args[0]!)})`;
      if (e.fn === 'approx_count_distinct' || e.fn === 'mode' || e.fn === 'listagg' || e.fn === 'percentile_cont' || e.fn === 'percentile_disc') return renderOrderedSet(e, r);
      return `${e.displayName ?? e.fn}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(r).join(', ')})`;
    case 'sortOrder':
      return `${r(e.child)} ${e.direction === 'asc' ? 'ASC' : 'DESC'} ${e.nullOrdering === 'nullsFirst' ? 'NULLS FIRST' : 'NULLS LAST'}`;
    case 'windowFn':
      // nth_value's flag prints as ` ignore nulls` after the call, as Spark's NthValue.
      if (e.name === 'nth_value') return `nth_value(${e.args.slice(0, 2).map(r).join(', ')})${e.args[2]?.kind === 'literal' && e.args[2].value === true ? ' ignore nulls' : ''}`;
      // lag/lead's ignoreNulls flag is an option, not a child, in Spark's name.
      return `${e.name}(${e.args.slice(0, 3).map(r).join(', ')})`;
    case 'windowExpr':
      return `${r(e.fn)} OVER (${windowSpecText(e.spec, r)})`;
    case 'unresolvedLambdaVar':
      return pretty ? e.name : `lambda '${e.name}`;
    case 'lambdaVar':
      // Spark's NamedLambdaVariable prints as a call in generated names, whatever the parameter is called.
      return pretty ? 'namedlambdavariable()' : `lambda ${e.name}#${e.exprId}`;
    case 'lambda':
      return `lambdafunction(${[e.body, ...e.params].map(r).join(', ')})`;
    case 'hof':
      return `${e.name}(${e.args.map(r).join(', ')})`;
    default:
      return assertNever(e, 'expression');
  }
}

function boundText(b: FrameBound, frameType: 'rows' | 'range'): string {
  if (b === -Infinity) return 'UNBOUNDED PRECEDING';
  if (b === Infinity) return 'UNBOUNDED FOLLOWING';
  if (b === 0) return 'CURRENT ROW';
  const n = frameType === 'range' ? String(Math.abs(b)) : String(Math.abs(b));
  return `${n} ${b < 0 ? 'PRECEDING' : 'FOLLOWING'}`;
}

/** Spark's window spec text: `PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN … AND …`. */
export function windowSpecText(spec: WindowSpec, r: (e: Expression) => string = prettyName): string {
  const parts: string[] = [];
  if (spec.partitionSpec.length > 0) parts.push(`PARTITION BY ${spec.partitionSpec.map(r).join(', ')}`);
  if (spec.orderSpec.length > 0) parts.push(`ORDER BY ${spec.orderSpec.map(r).join(', ')}`);
  const f = effectiveFrame(spec);
  parts.push(`${f.frameType === 'rows' ? 'ROWS' : 'RANGE'} BETWEEN ${boundText(f.lower, f.frameType)} AND ${boundText(f.upper, f.frameType)}`);
  return parts.join(' ');
}

/** The frame a spec uses: its own, or Spark's default for it. */
export function effectiveFrame(spec: WindowSpec): WindowFrame {
  if (spec.frame) return spec.frame;
  return spec.orderSpec.length > 0 ? { frameType: 'range', lower: -Infinity, upper: 0 } : { frameType: 'rows', lower: -Infinity, upper: Infinity };
}

/**
 * Spark's Cast.forceNullable for decimals: a cast to a decimal that cannot hold every value of the source may give
 * NULL (booleans need decimal(1,0), int decimal(10,0), bigint decimal(20,0)); so may decimal → integral.
 */
function castForcesNull(from: DataType, to: DataType): boolean {
  if (from.kind === 'decimal' && (to.kind === 'int32' || to.kind === 'int64')) return true;
  if (to.kind !== 'decimal' || from.kind === 'null' || from.kind === 'string') return false;
  const holds = (p: number, s: number) => to.precision - to.scale >= p - s && to.scale >= s;
  switch (from.kind) {
    case 'boolean': return !holds(1, 0);
    case 'int32': return !holds(10, 0);
    case 'int64': return !holds(20, 0);
    case 'decimal': return !holds(from.precision, from.scale);
    default: return true;
  }
}

/** Functions Spark prints as infix operators: `(a & b)`, `(a << 1)`, `(a div b)`. */
const INFIX_FUNCTIONS: ReadonlySet<string> = new Set(['&', '|', '^', '<<', '>>', '>>>', 'div']);

function renderFunction(name: string, args: string[]): string {
  if (name === 'like') return `${args[0]} LIKE ${args[1]}${args.length > 2 ? ` ESCAPE '${args[2]}'` : ''}`;
  if (INFIX_FUNCTIONS.has(name) && args.length === 2) return `(${args[0]} ${name} ${args[1]})`;
  if (name === '~') return `~${args[0]}`;
  if (name === 'positive') return `(+ ${args[0]})`;
  return `${name}(${args.join(', ')})`;
}

/** A field name as Spark's SQL text writes it: back-quoted unless a plain identifier. */
function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

function castTypeName(t: DataType): string {
  switch (t.kind) {
    case 'int32': return 'INT';
    case 'int64': return 'BIGINT';
    case 'float64': return 'DOUBLE';
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`;
    case 'string': return 'STRING';
    case 'boolean': return 'BOOLEAN';
    case 'date': return 'DATE';
    case 'timestamp': return 'TIMESTAMP';
    case 'null': return 'VOID';
    case 'binary': return 'BINARY';
    case 'array': return `ARRAY<${castTypeName(t.elementType)}>`;
    case 'map': return `MAP<${castTypeName(t.keyType)}, ${castTypeName(t.valueType)}>`;
    case 'struct': return `STRUCT<${t.fields.map((f) => `${quoteIfNeeded(f.name)}: ${castTypeName(f.dataType)}`).join(', ')}>`;
    default: return assertNever(t);
  }
}

// Re-exported for callers that build typed literals.
export { BooleanT, DoubleT, LongT, NullT, StringT, DateT, TimestampT, IntegerT, ArrayT };

// Wire expressions (fb.Expression, already verified) → core expressions, as PySpark Column trees arrive in Spark.
// Operators map onto the core's expression kinds; every other call name is resolved by the engine's registry.
import * as flatbuffers from 'flatbuffers';
import { fb, decodeDataType } from '@kindling/protocol';
import { expression as sqlExpression } from '@kindling/sql';
import { type SessionFunctionRegistry, decimalLiteralOf } from '@kindling/core/internal';
import {
  type DataFrame,
  type DataType,
  type PythonEvalType,
  type PythonUdf,
  BooleanT,
  Column,
  DateT,
  DecimalT,
  DoubleT,
  IllegalArgumentError,
  IntegerT,
  LongT,
  NullT,
  StringT,
  TimestampT,
  col,
} from '@kindling/core';

/** The core expression union, as the SDK's Column carries it. */
export type Expression = Column['expr'];

/**
 * Finds the DataFrame of a handle id; throws IllegalArgumentError naming an unknown id. `functions`, the
 * session's registered functions, are what SQL expression strings may call besides the built-ins.
 */
export type HandleLookup = ((id: bigint) => DataFrame) & { readonly functions?: SessionFunctionRegistry };

/** Deeper trees than this are refused (the verifier bounds table depth too; this guards our own recursion). */
export const MAX_EXPRESSION_DEPTH = 1000;

const ARITH = new Set(['+', '-', '*', '/', '%']);
const CMP = new Set(['=', '!=', '<=>', '<', '<=', '>', '>=']);

function bad(message: string, params: Record<string, string> = {}): IllegalArgumentError {
  return new IllegalArgumentError('INVALID_EXPRESSION', message, params);
}

/** The scalar type of a literal's TypeKind. */
function scalarType(kind: fb.TypeKind): DataType {
  switch (kind) {
    case fb.TypeKind.Null: return NullT;
    case fb.TypeKind.Boolean: return BooleanT;
    case fb.TypeKind.Int32: return IntegerT;
    case fb.TypeKind.Int64: return LongT;
    case fb.TypeKind.Float64: return DoubleT;
    case fb.TypeKind.String: return StringT;
    case fb.TypeKind.Date: return DateT;
    case fb.TypeKind.Timestamp: return TimestampT;
    default: throw bad(`Unknown literal type kind ${String(kind)}.`, { kind: String(kind) });
  }
}

function int32Of(v: bigint, what: string): number {
  if (v < -2147483648n || v > 2147483647n) throw bad(`${what} literal ${v} is out of the int32 range.`, { value: String(v) });
  return Number(v);
}

function literal(l: fb.Literal): Expression {
  const kind = l.type();
  if (kind === fb.TypeKind.Null) return { kind: 'literal', value: null, dataType: NullT };
  if (kind === fb.TypeKind.Array) throw bad('Array literals are not supported.');
  if (kind === fb.TypeKind.Decimal) return decimalLiteral(l);
  const dataType = scalarType(kind);
  if (l.isNull()) return { kind: 'literal', value: null, dataType };
  switch (kind) {
    case fb.TypeKind.Boolean: return { kind: 'literal', value: l.boolValue(), dataType };
    case fb.TypeKind.Int32: return { kind: 'literal', value: int32Of(l.longValue(), 'Int32'), dataType };
    case fb.TypeKind.Int64: return { kind: 'literal', value: l.longValue(), dataType };
    case fb.TypeKind.Float64: return { kind: 'literal', value: l.doubleValue(), dataType };
    case fb.TypeKind.String: return { kind: 'literal', value: l.stringValue() ?? '', dataType };
    case fb.TypeKind.Date: return { kind: 'literal', value: int32Of(l.longValue(), 'Date'), dataType };
    case fb.TypeKind.Timestamp: return { kind: 'literal', value: l.longValue(), dataType };
    default: throw bad(`Unknown literal type ${String(kind)}.`);
  }
}

/** A decimal literal travels as its text (`1.50`), whose digits fix its type as Spark's Literal(BigDecimal) does. */
function decimalLiteral(l: fb.Literal): Expression {
  const text = l.stringValue();
  if (l.isNull() || text === null) throw bad('A decimal literal needs its value; a NULL literal of a type is a cast of NULL.');
  const d = decimalLiteralOf(text);
  if (!d) throw bad(`Decimal literal '${text}' is not a number of at most 38 digits.`, { value: text });
  return { kind: 'literal', value: d.unscaled, dataType: DecimalT(d.type.precision, d.type.scale) };
}

const utf8 = new TextDecoder();

/**
 * A (verified) string field read as its bytes: names are short and mostly ASCII, built here without the
 * decoder call the generated accessor makes (~0.5 µs each, several per request); anything else goes to it.
 */
function wireString(bytes: string | Uint8Array | null): string {
  if (bytes === null) return '';
  if (typeof bytes === 'string') return bytes;
  const n = bytes.length;
  if (n > 32) return utf8.decode(bytes);
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return utf8.decode(bytes);
    s += String.fromCharCode(b);
  }
  return s;
}

function arity(name: string, args: Expression[], n: number): void {
  if (args.length !== n) throw bad(`Operator '${name}' takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}.`, { name });
}

function call(c: fb.Call, lookup: HandleLookup, depth: number): Expression {
  const name = wireString(c.name(flatbuffers.Encoding.UTF8_BYTES));
  const n = c.argsLength();
  const args: Expression[] = [];
  for (let i = 0; i < n; i++) args.push(decode(c.args(i)!, lookup, depth + 1));
  if (ARITH.has(name)) {
    if (name === '-' && args.length === 1) return { kind: 'negate', child: args[0]! };
    arity(name, args, 2);
    return { kind: 'arith', op: name as '+', left: args[0]!, right: args[1]! };
  }
  if (CMP.has(name)) {
    arity(name, args, 2);
    return { kind: 'cmp', op: name as '=', left: args[0]!, right: args[1]! };
  }
  switch (name) {
    case 'and':
    case 'or': {
      if (args.length < 2) throw bad(`Operator '${name}' takes at least 2 arguments, got ${args.length}.`, { name });
      return args.slice(1).reduce<Expression>((l, r) => ({ kind: name, left: l, right: r }), args[0]!);
    }
    case 'not':
    case 'negate':
    case 'isNull':
    case 'isNotNull':
      arity(name, args, 1);
      return { kind: name, child: args[0]! };
    case 'in':
      if (args.length < 1) throw bad("Operator 'in' needs its value as the first argument.");
      return { kind: 'in', child: args[0]!, list: args.slice(1) };
    case '':
      throw bad('A Call needs a function name.');
    default: {
      // count(*) arrives as count with no arguments or with a lone `*`.
      const star = name.toLowerCase() === 'count' && args.length === 1 && args[0]!.kind === 'star' && !args[0]!.qualifier;
      return { kind: 'unresolvedFunction', name, args: star ? [] : args, isDistinct: c.distinct() };
    }
  }
}

const EVAL_TYPES = new Map<fb.PythonEvalType, PythonEvalType>([
  [fb.PythonEvalType.NonUdf, 'nonUdf'],
  [fb.PythonEvalType.Batched, 'batched'],
  [fb.PythonEvalType.ArrowBatched, 'arrowBatched'],
  [fb.PythonEvalType.ScalarPandas, 'scalarPandas'],
  [fb.PythonEvalType.ScalarPandasIter, 'scalarPandasIter'],
  [fb.PythonEvalType.GroupedAggPandas, 'groupedAggPandas'],
  [fb.PythonEvalType.GroupedMapPandas, 'groupedMapPandas'],
  [fb.PythonEvalType.MapPandasIter, 'mapPandasIter'],
  [fb.PythonEvalType.MapArrowIter, 'mapArrowIter'],
]);

let nextUdfId = 1;
/** One id per distinct pickled function, so two calls of the same UDF on the same columns are one expression. */
const udfIds = new Map<string, number>();

/** Decodes a PythonUdf node: its function stays opaque bytes, run only by Python workers. */
export function pythonUdf(u: fb.PythonUdf, lookup: HandleLookup, depth: number): PythonUdf {
  const evalType = EVAL_TYPES.get(u.evalType());
  if (!evalType) throw bad(`Unknown Python eval type ${String(u.evalType())}.`, { evalType: String(u.evalType()) });
  const command = u.commandArray();
  if (!command || command.length === 0) throw bad('A PythonUdf needs its pickled function (command).');
  const rt = u.returnType();
  if (!rt) throw bad('A PythonUdf needs its return type.');
  const args: Expression[] = [];
  for (let i = 0; i < u.argsLength(); i++) args.push(decode(u.args(i)!, lookup, depth + 1));
  const copy = new Uint8Array(command); // the frame's buffer is reused; plans outlive it
  const key = `${evalType}:${Buffer.from(copy).toString('base64')}`;
  let udfId = udfIds.get(key);
  if (udfId === undefined) {
    udfId = nextUdfId++;
    if (udfIds.size < 10_000) udfIds.set(key, udfId);
  }
  return {
    kind: 'pythonUdf',
    name: u.name() || '<lambda>',
    evalType,
    command: copy,
    args,
    dataType: decodeDataType(rt, 'PythonUdf.return_type'),
    deterministic: u.deterministic(),
    udfId,
    broadcastIds: broadcastIds(u),
  };
}

function broadcastIds(u: fb.PythonUdf): number[] {
  const out: number[] = [];
  for (let i = 0; i < u.broadcastIdsLength(); i++) {
    const id = u.broadcastIds(i)!;
    if (id < 0n || id > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`Broadcast id ${id} is out of range.`);
    out.push(Number(id));
  }
  return out;
}

/** `fn OVER (…)`: order keys must be SortOrder nodes; unbounded flags win over the offsets. */
function windowExpr(w: fb.WindowExpr, lookup: HandleLookup, depth: number): Expression {
  const fnNode = w.windowFunction();
  if (!fnNode) throw bad('WindowExpr needs its function.');
  const fn = decode(fnNode, lookup, depth + 1);
  const partitionSpec = Array.from({ length: w.partitionSpecLength() }, (_, i) => decode(w.partitionSpec(i)!, lookup, depth + 1));
  const orderSpec = Array.from({ length: w.orderSpecLength() }, (_, i) => {
    const o = decode(w.orderSpec(i)!, lookup, depth + 1);
    return o.kind === 'sortOrder' ? o : { kind: 'sortOrder' as const, child: o, direction: 'asc' as const, nullOrdering: 'nullsFirst' as const };
  });
  const bound = (v: bigint, unbounded: boolean, sign: number) => {
    if (unbounded) return sign * Infinity;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`Window frame bound ${v} is out of range.`);
    return Number(v);
  };
  const type = w.frameType();
  const frame = type === fb.FrameType.Default
    ? null
    : { frameType: type === fb.FrameType.Rows ? ('rows' as const) : ('range' as const), lower: bound(w.lower(), w.lowerUnbounded(), -1), upper: bound(w.upper(), w.upperUnbounded(), 1) };
  if (type !== fb.FrameType.Default && type !== fb.FrameType.Rows && type !== fb.FrameType.Range) throw bad(`Unknown window frame type ${String(type)}.`);
  return { kind: 'windowExpr', fn, spec: { partitionSpec, orderSpec, frame } };
}

/** `(x, y) -> body`: 1 to 3 distinct, non-empty parameter names (no higher-order function takes more). */
function lambdaFunction(l: fb.LambdaFunction, lookup: HandleLookup, depth: number): Expression {
  const n = l.paramsLength();
  if (n < 1 || n > 3) throw bad(`A LambdaFunction takes 1 to 3 parameters, got ${n}.`, { count: String(n) });
  const params: { kind: 'unresolvedLambdaVar'; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const name = l.params(i);
    if (!name) throw bad(`LambdaFunction parameter ${i} has no name.`);
    if (params.some((p) => p.name === name)) throw bad(`LambdaFunction parameter '${name}' is named twice.`, { name });
    params.push({ kind: 'unresolvedLambdaVar', name });
  }
  const body = l.body();
  if (!body) throw bad('LambdaFunction needs its body.');
  return { kind: 'lambda', params, body: decode(body, lookup, depth + 1) };
}

function decode(e: fb.Expression, lookup: HandleLookup, depth: number): Expression {
  if (depth > MAX_EXPRESSION_DEPTH) throw bad(`Expression nesting is deeper than ${MAX_EXPRESSION_DEPTH}.`);
  switch (e.nodeType()) {
    case fb.ExprNode.ColumnRef: {
      const r = e.node(new fb.ColumnRef()) as fb.ColumnRef;
      const name = wireString(r.name(flatbuffers.Encoding.UTF8_BYTES));
      if (name === '*') return { kind: 'star' };
      const parsed = col(name).expr;
      const planIdHandle = r.planId();
      if (planIdHandle === 0n || parsed.kind !== 'unresolvedColumn') return parsed;
      const planId = lookup(planIdHandle).plan.planId;
      return planId === undefined ? parsed : { ...parsed, planId };
    }
    case fb.ExprNode.Star: {
      const s = e.node(new fb.Star()) as fb.Star;
      const q = s.qualifier();
      if (!q) return { kind: 'star' };
      const parts = col(q).expr;
      return { kind: 'star', qualifier: parts.kind === 'unresolvedColumn' ? parts.nameParts : [q] };
    }
    case fb.ExprNode.Literal:
      return literal(e.node(new fb.Literal()) as fb.Literal);
    case fb.ExprNode.Call:
      return call(e.node(new fb.Call()) as fb.Call, lookup, depth);
    case fb.ExprNode.Alias: {
      const a = e.node(new fb.Alias()) as fb.Alias;
      const more: string[] = [];
      for (let i = 1; i < a.namesLength(); i++) more.push(a.names(i) ?? '');
      return new Column(decode(a.child()!, lookup, depth + 1)).alias(a.name() ?? '', ...more).expr;
    }
    case fb.ExprNode.Cast: {
      const c = e.node(new fb.Cast()) as fb.Cast;
      return { kind: 'cast', child: decode(c.child()!, lookup, depth + 1), to: decodeDataType(c.to()!, 'Cast.to') };
    }
    case fb.ExprNode.CaseWhen: {
      const c = e.node(new fb.CaseWhen()) as fb.CaseWhen;
      const n = c.conditionsLength();
      if (n === 0 || n !== c.valuesLength()) {
        throw bad(`CaseWhen needs as many values as conditions (at least one); got ${n} conditions and ${c.valuesLength()} values.`);
      }
      const branches = [];
      for (let i = 0; i < n; i++) {
        branches.push({ condition: decode(c.conditions(i)!, lookup, depth + 1), value: decode(c.values(i)!, lookup, depth + 1) });
      }
      const other = c.otherwise();
      return { kind: 'caseWhen', branches, otherwise: other ? decode(other, lookup, depth + 1) : null };
    }
    case fb.ExprNode.PythonUdf:
      return pythonUdf(e.node(new fb.PythonUdf()) as fb.PythonUdf, lookup, depth);
    case fb.ExprNode.SortOrder: {
      const s = e.node(new fb.SortOrder()) as fb.SortOrder;
      return {
        kind: 'sortOrder',
        child: decode(s.child()!, lookup, depth + 1),
        direction: s.descending() ? 'desc' : 'asc',
        nullOrdering: s.nullsFirst() ? 'nullsFirst' : 'nullsLast',
      };
    }
    case fb.ExprNode.WindowExpr:
      return windowExpr(e.node(new fb.WindowExpr()) as fb.WindowExpr, lookup, depth);
    case fb.ExprNode.LambdaFunction:
      return lambdaFunction(e.node(new fb.LambdaFunction()) as fb.LambdaFunction, lookup, depth);
    case fb.ExprNode.LambdaVariable: {
      const name = (e.node(new fb.LambdaVariable()) as fb.LambdaVariable).name();
      if (!name) throw bad('LambdaVariable needs a name.');
      return { kind: 'unresolvedLambdaVar', name };
    }
    case fb.ExprNode.SqlExpression: {
      const text = (e.node(new fb.SqlExpression()) as fb.SqlExpression).text();
      if (text === null) throw bad('SqlExpression.text is missing.');
      return sqlExpression(text, lookup.functions);
    }
    default:
      throw bad(`Unknown expression node type ${String(e.nodeType())}.`);
  }
}

/** Decodes one wire expression; column references with a plan id are pinned to that handle's DataFrame. */
export function decodeExpression(e: fb.Expression, lookup: HandleLookup): Expression {
  return decode(e, lookup, 0);
}

/** Decodes `n` expressions of a vector accessor into Columns. */
export function decodeColumns(n: number, at: (i: number) => fb.Expression | null, lookup: HandleLookup): Column[] {
  const out: Column[] = [];
  for (let i = 0; i < n; i++) {
    const e = at(i);
    if (!e) throw bad(`Expression ${i} is missing.`);
    out.push(new Column(decodeExpression(e, lookup)));
  }
  return out;
}

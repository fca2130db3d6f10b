// Translates a case's pipeline and expressions into calls on the TypeScript SDK (@kindling/core).
import { Column, type DataFrame, type SparkSession, col, functions as F, lit, when } from '@kindling/core';
import type { ColumnArg, Expr, JsonValue, Pipeline, RawArg, Step, TableSpec } from './case-types.js';
import { type SqlType, parseSchema, parseType } from './ddl.js';
import { CaseFormatError } from './case-error.js';
import { parseTimestampMicros, toInputValue } from './values.js';

/** What a pipeline can see: the case's tables and the DataFrames registered with `as`. */
export interface BuildContext {
  readonly spark: SparkSession;
  readonly tables: Readonly<Record<string, TableSpec>>;
  readonly refs: Map<string, DataFrame>;
}

type Fn = (...args: unknown[]) => unknown;
type ColumnExpr = ConstructorParameters<typeof Column>[0];

const EXPR_KEYS = ['col', 'lit', 'op', 'fn', 'method', 'cast', 'alias', 'when', 'in', 'sort', 'agg'];

export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && EXPR_KEYS.some((k) => k in x);
}

/** A DataFrame for a table of the case. */
export function createTable(ctx: BuildContext, name: string): DataFrame {
  const spec = ctx.tables[name];
  if (!spec) throw new CaseFormatError(`the case has no table ${JSON.stringify(name)}`);
  const fields = parseSchema(spec.schema);
  const rows = spec.rows.map((r, i) => {
    if (r.length !== fields.length) throw new CaseFormatError(`table ${name} row ${i} has ${r.length} values for ${fields.length} columns`);
    return r.map((v, c) => toInputValue(v, fields[c]!.type, `table ${name} row ${i} column ${fields[c]!.name}`));
  });
  return ctx.spark.createDataFrame(rows, spec.schema);
}

/** Builds the DataFrame of a pipeline: its source, then each step in order. */
export function buildPipeline(ctx: BuildContext, pipeline: Pipeline): DataFrame {
  const [source, ...steps] = pipeline;
  let df: DataFrame;
  if ('table' in source) df = createTable(ctx, source.table);
  else {
    const [start, end, step, parts] = source.range;
    df = end === undefined ? ctx.spark.range(start!) : ctx.spark.range(start!, end, step ?? 1, parts);
  }
  if (source.as) ctx.refs.set(source.as, df);
  for (const step of steps) df = applyStep(ctx, df, step);
  return df;
}

function applyStep(ctx: BuildContext, df: DataFrame, step: Step): DataFrame {
  switch (step.op) {
    case 'select':
      return df.select(step.cols.map((c) => columnArg(ctx, c)));
    case 'filter':
      return df.filter(toColumn(ctx, step.cond));
    case 'withColumn':
      return df.withColumn(step.name, toColumn(ctx, step.col));
    case 'withColumnRenamed':
      return df.withColumnRenamed(step.existing, step.new);
    case 'drop':
      return df.drop(...step.cols.map((c) => columnArg(ctx, c)));
    case 'groupBy': {
      const g = df.groupBy(step.keys.map((c) => columnArg(ctx, c)));
      if (step.agg) return g.agg(step.agg.map((e) => toColumn(ctx, e)));
      switch (step.shorthand) {
        case 'count': return g.count();
        case 'sum': return g.sum(...(step.cols ?? []));
        case 'avg': return g.avg(...(step.cols ?? []));
        case 'mean': return g.mean(...(step.cols ?? []));
        case 'min': return g.min(...(step.cols ?? []));
        case 'max': return g.max(...(step.cols ?? []));
        default: throw new CaseFormatError('groupBy needs `agg` or `shorthand`');
      }
    }
    case 'agg':
      return df.agg(step.agg.map((e) => toColumn(ctx, e)));
    case 'join': {
      const right = buildPipeline(ctx, step.right);
      const on = step.on === undefined || typeof step.on === 'string' || Array.isArray(step.on) ? (step.on as string | string[] | undefined) : toColumn(ctx, step.on as Expr);
      return step.how === undefined ? df.join(right, on) : df.join(right, on, step.how);
    }
    case 'crossJoin':
      return df.crossJoin(buildPipeline(ctx, step.right));
    case 'orderBy':
      return df.orderBy(step.keys.map((c) => columnArg(ctx, c)));
    case 'limit':
      return df.limit(step.n);
    case 'distinct':
      return df.distinct();
    case 'dropDuplicates':
      return df.dropDuplicates(step.subset);
    case 'union':
      return df.union(buildPipeline(ctx, step.other));
    case 'unionByName':
      return df.unionByName(buildPipeline(ctx, step.other), step.allowMissingColumns ?? false);
    case 'repartition':
      return df.repartition(step.n, ...(step.cols ?? []).map((c) => columnArg(ctx, c)));
    case 'coalesce':
      return df.coalesce(step.n);
    case 'alias':
      return df.alias(step.name);
    case 'as':
      ctx.refs.set(step.ref, df);
      return df;
    default:
      throw new CaseFormatError(`unknown step ${JSON.stringify(step)}`);
  }
}

/** A column name stays a string (the SDK resolves it); an expression becomes a Column. */
function columnArg(ctx: BuildContext, c: ColumnArg): string | Column {
  return typeof c === 'string' ? c : toColumn(ctx, c);
}

/** An argument where the SDK takes a Column or a plain value: expressions become Columns, plain values pass. */
function arg(ctx: BuildContext, a: Expr | RawArg): unknown {
  return isExpr(a) ? toColumn(ctx, a) : a;
}

const BINARY: Record<string, string> = {
  '+': 'plus', '-': 'minus', '*': 'multiply', '/': 'divide', '%': 'mod',
  '=': 'equalTo', '!=': 'notEqual', '<=>': 'eqNullSafe', '<': 'lt', '<=': 'leq', '>': 'gt', '>=': 'geq',
  and: 'and', or: 'or',
};
const UNARY: Record<string, string> = { not: 'not', neg: 'negate', isNull: 'isNull', isNotNull: 'isNotNull' };

function callMethod(target: Column, name: string, args: unknown[]): Column {
  const m = (target as unknown as Record<string, unknown>)[name];
  if (typeof m !== 'function') throw new CaseFormatError(`Column has no method ${name}`);
  return (m as Fn).apply(target, args) as Column;
}

// The engine's type tags, for literals the SDK cannot type from a JS value (a double 1.0, a date).
const ENGINE_KIND: Record<string, string> = { int: 'int32', bigint: 'int64', double: 'float64', string: 'string', boolean: 'boolean', date: 'date', timestamp: 'timestamp', void: 'null' };

/** A literal of an explicit type. The SDK infers literal types from JS values, so typed ones are built directly. */
function typedLiteral(v: JsonValue, typeName: string): Column {
  const t: SqlType = parseType(typeName);
  if (t.kind === 'array') throw new CaseFormatError('array literals are not supported');
  const dataType = { kind: ENGINE_KIND[t.kind] };
  const make = (value: null | number | bigint) => new Column({ kind: 'literal', value, dataType } as unknown as ColumnExpr);
  if (v === null) return make(null);
  switch (t.kind) {
    case 'bigint': return lit(toInputValue(v, t, 'literal') as bigint);
    case 'int':
    case 'string':
    case 'boolean': return lit(toInputValue(v, t, 'literal') as number | string | boolean);
    case 'double': return make(toInputValue(v, t, 'literal') as number);
    case 'date': return make(Math.round((toInputValue(v, t, 'literal') as Date).getTime() / 86400000));
    case 'timestamp': return make(parseTimestampMicros(v as string));
    case 'void': throw new CaseFormatError('a void literal must be null');
  }
}

/** Translates one expression into a Column. */
export function toColumn(ctx: BuildContext, e: Expr): Column {
  if ('col' in e) {
    if (e.df === undefined) return col(e.col);
    const df = ctx.refs.get(e.df);
    if (!df) throw new CaseFormatError(`no DataFrame registered as ${JSON.stringify(e.df)}`);
    return df.col(e.col);
  }
  if ('lit' in e) {
    if (e.type !== undefined) return typedLiteral(e.lit, e.type);
    if (Array.isArray(e.lit)) throw new CaseFormatError('array literals are not supported');
    return lit(e.lit as RawArg);
  }
  if ('op' in e) {
    const args = e.args.map((a) => arg(ctx, a));
    const first = Column.isColumn(args[0]) ? (args[0] as Column) : lit(args[0] as RawArg);
    const unary = UNARY[e.op];
    if (unary) return callMethod(first, unary, []);
    const binary = BINARY[e.op];
    if (!binary) throw new CaseFormatError(`unknown operator ${e.op}`);
    return callMethod(first, binary, [args[1]]);
  }
  if ('fn' in e) {
    const f = (F as unknown as Record<string, unknown>)[e.fn];
    if (typeof f !== 'function') throw new CaseFormatError(`the SDK has no function ${e.fn}`);
    return (f as Fn)(...e.args.map((a) => arg(ctx, a))) as Column;
  }
  if ('method' in e) return callMethod(toColumn(ctx, e.on), e.method, e.args.map((a) => arg(ctx, a)));
  if ('cast' in e) return toColumn(ctx, e.cast).cast(e.to);
  if ('alias' in e) return toColumn(ctx, e.alias).alias(e.name);
  if ('when' in e) {
    const [first, ...rest] = e.when;
    if (!first) throw new CaseFormatError('when needs at least one branch');
    let c = when(toColumn(ctx, first[0]), arg(ctx, first[1]) as Column);
    for (const [cond, value] of rest) c = c.when(toColumn(ctx, cond), arg(ctx, value) as Column);
    return e.otherwise === undefined ? c : c.otherwise(arg(ctx, e.otherwise) as Column);
  }
  if ('in' in e) return toColumn(ctx, e.in).isin(e.list.map((a) => arg(ctx, a) as Column));
  if ('sort' in e) {
    const c = typeof e.sort === 'string' ? col(e.sort) : toColumn(ctx, e.sort);
    const method = e.nulls === undefined ? e.dir : `${e.dir}_nulls_${e.nulls}`;
    return callMethod(c, method, []);
  }
  if ('agg' in e) return aggregate(ctx, e);
  throw new CaseFormatError(`unknown expression ${JSON.stringify(e)}`);
}

function aggregate(ctx: BuildContext, e: Extract<Expr, { agg: string }>): Column {
  const args = e.args.map((a) => (typeof a === 'string' ? a : toColumn(ctx, a)));
  if (e.agg === 'count' && args.length === 0) {
    if (e.distinct) throw new CaseFormatError('count(DISTINCT *) is not a Spark aggregate');
    return F.count('*');
  }
  if (e.distinct) {
    if (e.agg === 'count') return F.countDistinct(args[0]!, ...args.slice(1));
    if (e.agg === 'sum') return F.sum_distinct(args[0]!);
    throw new CaseFormatError(`the SDK has no DISTINCT form of ${e.agg}`);
  }
  const f = (F as unknown as Record<string, unknown>)[e.agg];
  if (typeof f !== 'function') throw new CaseFormatError(`the SDK has no aggregate ${e.agg}`);
  return (f as Fn)(...args) as Column;
}

// Aggregate function definitions: name lookup, argument/result types, and the Arrow types of their partial states.
import { type DataType, type DecimalType, ArrayT, BooleanT, DecimalT, DoubleT, LongT, containsMap, isNumeric, simpleString } from '../../types/data-type.js';
import { typeText } from '../functions/function-def.js';
import { avgResultType, sumResultType } from '../../types/decimal.js';
import { type AggregateCall, type AggregateFunctionName, type ApproxAggregateName, type LogicalAggregateName, type StatisticalAggregateName, dataTypeOf } from '../expression.js';
import { APPROX_DEFS, APPROX_NAMES, approxStateTypes } from './approx-registry.js';
import { LOGICAL_DEFS, LOGICAL_NAMES, logicalStateTypes } from './logical-registry.js';
import { STATISTICAL_DEFS, STATISTICAL_NAMES, statisticalStateTypes } from './statistical-registry.js';

export interface AggregateFunctionDef {
  readonly name: AggregateFunctionName;
  /**
   * Argument types to cast to and the result type, or Spark's error text (`errorClass` defaults to DATATYPE_MISMATCH,
   * the text then follows `Cannot resolve "…" due to data type mismatch: `). `argSql` are the arguments as Spark
   * prints them, `calledAs` the name the call used.
   */
  resolve(
    argTypes: readonly DataType[],
    distinct: boolean,
    argSql?: readonly string[],
    calledAs?: string,
  ): { argTypes: readonly DataType[]; dataType: DataType; nullable: boolean } | { error: string; errorClass?: string };
  readonly doc: { description: string; example: string };
}

export type Resolution = ReturnType<AggregateFunctionDef['resolve']>;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

function mismatch(fn: string, i: number, expected: string, actual: DataType): { error: string } {
  return {
    error: `The ${ORDINALS[i] ?? `${i + 1}th`} parameter of \`${fn}\` requires the ${expected} type, however it has the type "${simpleString(actual).toUpperCase()}".`,
  };
}

function argCount(fn: string, expected: string, actual: number): { error: string } {
  return { error: `The \`${fn}\` requires ${expected} parameters but the actual number is ${actual}.` };
}

/** Spark's orderable types: every atomic type, and arrays and structs of orderable types (compared element by
 * element and field by field, NULL first; `compareValues`). */
function orderable(t: DataType): boolean {
  if (t.kind === 'array') return orderable(t.elementType);
  if (t.kind === 'struct') return t.fields.every((f) => orderable(f.dataType));
  return t.kind !== 'map';
}

/** Spark's Sum result (and state) type over decimal(p, s). */
export function decimalSumType(t: DecimalType): DecimalType {
  const r = sumResultType(t);
  return DecimalT(r.precision, r.scale);
}

/** Spark's Average result type over decimal(p, s). */
export function decimalAvgType(t: DecimalType): DecimalType {
  const r = avgResultType(t);
  return DecimalT(r.precision, r.scale);
}

/** The state types of decimal sum (and the first two of avg). */
export function decimalSumStateTypes(t: DecimalType): [DecimalType, typeof BooleanT] {
  return [decimalSumType(t), BooleanT];
}

const count: AggregateFunctionDef = {
  name: 'count',
  resolve(argTypes, distinct): Resolution {
    if (distinct && argTypes.length === 0) return { error: 'count(DISTINCT) requires at least one argument.' };
    return { argTypes, dataType: LongT, nullable: false };
  },
  doc: {
    description: 'The number of rows (no argument or `*`), or of rows where every argument is not NULL; with DISTINCT, of distinct non-NULL tuples.',
    example: "df.groupBy('dept').agg(count('*'), countDistinct('name'))",
  },
};

const sum: AggregateFunctionDef = {
  name: 'sum',
  resolve(argTypes): Resolution {
    if (argTypes.length !== 1) return argCount('sum', '1', argTypes.length);
    const t = argTypes[0]!;
    // Spark (non-ANSI) implicitly casts strings and NULL to double for sum/avg.
    if (t.kind === 'null' || t.kind === 'string') return { argTypes: [DoubleT], dataType: DoubleT, nullable: true };
    if (!isNumeric(t)) return mismatch('sum', 0, '"NUMERIC"', t);
    if (t.kind === 'decimal') return { argTypes, dataType: decimalSumType(t), nullable: true };
    return { argTypes, dataType: t.kind === 'float64' ? DoubleT : LongT, nullable: true };
  },
  doc: { description: 'The sum of the non-NULL values; NULL when there are none. Integral sums are bigint and wrap on overflow; strings are cast to double.', example: "df.groupBy('dept').agg(sum('salary'))" },
};

const avg: AggregateFunctionDef = {
  name: 'avg',
  resolve(argTypes): Resolution {
    if (argTypes.length !== 1) return argCount('avg', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind === 'null' || t.kind === 'string') return { argTypes: [DoubleT], dataType: DoubleT, nullable: true };
    if (!isNumeric(t)) return mismatch('avg', 0, '"NUMERIC"', t);
    if (t.kind === 'decimal') return { argTypes, dataType: decimalAvgType(t), nullable: true };
    return { argTypes, dataType: DoubleT, nullable: true };
  },
  doc: { description: 'The mean of the non-NULL values, as a double; NULL when there are none.', example: "df.groupBy('dept').agg(avg('salary'))" },
};

function extremum(name: 'min' | 'max'): AggregateFunctionDef {
  return {
    name,
    resolve(argTypes): Resolution {
      if (argTypes.length !== 1) return argCount(name, '1', argTypes.length);
      const t = argTypes[0]!;
      if (containsMap(t)) {
        return { error: `The \`${name}\` does not support ordering on type ${typeText(t)}.`, errorClass: 'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE' };
      }
      if (!orderable(t)) return mismatch(name, 0, 'orderable', t);
      return { argTypes, dataType: t, nullable: true };
    },
    doc: { description: `The ${name === 'min' ? 'minimum' : 'maximum'} non-NULL value (NaN is the largest double).`, example: `df.groupBy('dept').agg(${name}('salary'))` },
  };
}

/** first, last and any_value: `(x[, ignoreNulls])`, the flag a boolean literal (the analyzer checks it is one). */
function firstLast(name: 'first' | 'last' | 'any_value', description: string): AggregateFunctionDef {
  return {
    name,
    resolve(argTypes): Resolution {
      if (argTypes.length !== 1 && argTypes.length !== 2) return argCount(name, '[1, 2]', argTypes.length);
      const ignore = argTypes[1];
      if (ignore && ignore.kind !== 'boolean') return mismatch(name, 1, '"BOOLEAN"', ignore);
      return { argTypes, dataType: argTypes[0]!, nullable: true };
    },
    doc: { description, example: `df.groupBy('dept').agg(${name}('name', ignorenulls=True))` },
  };
}

/** True when a first/last/any_value call skips NULLs (its flag, a literal, is true). */
export function ignoresNulls(call: AggregateCall): boolean {
  const flag = call.args[1];
  return flag !== undefined && flag.kind === 'literal' && flag.value === true;
}

const collectList: AggregateFunctionDef = {
  name: 'collect_list',
  resolve(argTypes): Resolution {
    if (argTypes.length !== 1) return argCount('collect_list', '1', argTypes.length);
    return { argTypes, dataType: ArrayT(argTypes[0]!, false), nullable: false };
  },
  doc: { description: 'The non-NULL values of the group as an array (distinct values with DISTINCT).', example: "df.groupBy('dept').agg(collect_list('name'))" },
};

const DEFS: Record<AggregateFunctionName, AggregateFunctionDef> = {
  count,
  sum,
  avg,
  min: extremum('min'),
  max: extremum('max'),
  first: firstLast('first', 'The first value of the group (which one depends on row order); a second argument `true` skips NULLs.'),
  last: firstLast('last', 'The last value of the group (which one depends on row order); a second argument `true` skips NULLs.'),
  any_value: firstLast('any_value', 'Some value of the group (the first one met); a second argument `true` skips NULLs.'),
  collect_list: collectList,
  ...STATISTICAL_DEFS,
  ...LOGICAL_DEFS,
  ...APPROX_DEFS,
};

const NAMES: Record<string, { fn: AggregateFunctionName; distinct: boolean }> = {
  count: { fn: 'count', distinct: false },
  countdistinct: { fn: 'count', distinct: true },
  count_distinct: { fn: 'count', distinct: true },
  sum: { fn: 'sum', distinct: false },
  sumdistinct: { fn: 'sum', distinct: true },
  sum_distinct: { fn: 'sum', distinct: true },
  avg: { fn: 'avg', distinct: false },
  mean: { fn: 'avg', distinct: false },
  min: { fn: 'min', distinct: false },
  max: { fn: 'max', distinct: false },
  first: { fn: 'first', distinct: false },
  first_value: { fn: 'first', distinct: false },
  last: { fn: 'last', distinct: false },
  last_value: { fn: 'last', distinct: false },
  any_value: { fn: 'any_value', distinct: false },
  collect_list: { fn: 'collect_list', distinct: false },
  ...Object.fromEntries(Object.entries(STATISTICAL_NAMES).map(([name, fn]) => [name, { fn, distinct: false }])),
  ...Object.fromEntries(Object.entries(LOGICAL_NAMES).map(([name, fn]) => [name, { fn, distinct: false }])),
  ...Object.fromEntries(Object.entries(APPROX_NAMES).map(([name, fn]) => [name, { fn, distinct: false }])),
  // Spark's array_agg is collect_list, and is named so.
  array_agg: { fn: 'collect_list', distinct: false },
};

/** Resolves an aggregate function name (case-insensitive; `mean`, `first_value`, `countDistinct`… included). */
export function lookupAggregateFunction(name: string): { fn: AggregateFunctionName; distinct: boolean } | undefined {
  const hit = NAMES[name.toLowerCase()];
  return hit ? { ...hit } : undefined;
}

/** Every name an aggregate call may use (aliases included), for `spark.catalog.listFunctions`. */
export function aggregateFunctionNames(): string[] {
  return Object.keys(NAMES);
}

export function aggregateDef(fn: AggregateFunctionName): AggregateFunctionDef {
  return DEFS[fn];
}

export function listAggregateFunctions(): readonly AggregateFunctionDef[] {
  return Object.values(DEFS);
}

function isStatistical(fn: AggregateFunctionName): fn is StatisticalAggregateName {
  return Object.hasOwn(STATISTICAL_DEFS, fn);
}

function isApprox(fn: AggregateFunctionName): fn is ApproxAggregateName {
  return Object.hasOwn(APPROX_DEFS, fn);
}

function isLogical(fn: AggregateFunctionName): fn is LogicalAggregateName {
  return Object.hasOwn(LOGICAL_DEFS, fn);
}

/** True when the call keeps a set of distinct values as its state (min/max/first/last ignore DISTINCT). */
export function usesDistinctState(call: AggregateCall): boolean {
  const fn = call.fn;
  const counts = fn === 'count' || fn === 'sum' || fn === 'avg' || fn === 'collect_list' || fn === 'count_if' || fn === 'bit_xor' || fn === 'try_sum' || fn === 'try_avg' || fn === 'percentile' || fn === 'median' || fn === 'listagg' || fn === 'product' || fn === 'percentile_cont' || fn === 'percentile_disc';
  return call.distinct && (counts || isStatistical(fn)) && call.args.length > 0;
}

/** How many leading arguments form the distinct tuples of a DISTINCT call: all for count and the two-argument statistics. */
export function distinctArity(call: AggregateCall): number {
  return call.fn === 'count' || isStatistical(call.fn) ? call.args.length : 1;
}

/** Arrow types of the partial-state columns of a call, in order. */
export function aggregateStateTypes(call: AggregateCall): DataType[] {
  const argTypes = call.args.map(dataTypeOf);
  if (usesDistinctState(call)) {
    // One array per argument; element j of every array forms distinct tuple j.
    return argTypes.slice(0, distinctArity(call)).map((t) => ArrayT(t, false));
  }
  if (isStatistical(call.fn)) return statisticalStateTypes(call.fn, argTypes);
  if (isLogical(call.fn)) return logicalStateTypes(call.fn, argTypes);
  if (isApprox(call.fn)) return approxStateTypes(call.fn, argTypes);
  const t = argTypes[0]!;
  switch (call.fn) {
    case 'count':
      return [LongT];
    case 'sum':
      if (t.kind === 'decimal') return decimalSumStateTypes(t);
      return [t.kind === 'float64' ? DoubleT : LongT];
    case 'avg':
      if (t.kind === 'decimal') return [...decimalSumStateTypes(t), LongT];
      return [DoubleT, LongT];
    case 'min':
    case 'max':
      return [t];
    case 'first':
    case 'last':
    case 'any_value':
      return [t, BooleanT];
    case 'collect_list':
      return [ArrayT(t, false)];
  }
}

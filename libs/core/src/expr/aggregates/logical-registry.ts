// Definitions of count_if, bool_and / bool_or (every, some, any), bit_and / bit_or / bit_xor, collect_set,
// max_by / min_by, try_sum, try_avg, percentile and median: names and aliases, argument and result types, Spark's errors, docs.
import { type DataType, ArrayT, BooleanT, DecimalT, DoubleT, LongT, isNumeric } from '../../types/data-type.js';
import { avgResultType, sumResultType } from '../../types/decimal.js';
import type { LogicalAggregateName } from '../expression.js';
import { typeText } from '../functions/function-def.js';
// Types only: registry.ts imports this module's values.
import type { AggregateFunctionDef } from './registry.js';
import { unexpectedInput, wrongCount } from './resolution-errors.js';

const NUMERIC_OR_INTERVAL = '(("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH") or "TIME")';

function def(name: LogicalAggregateName, resolve: AggregateFunctionDef['resolve'], description: string, example: string): AggregateFunctionDef {
  return { name, resolve, doc: { description, example } };
}

/** `name(condition)` over a boolean (a NULL literal is cast to one). */
function overBoolean(name: 'count_if' | 'bool_and' | 'bool_or', description: string, example: string): AggregateFunctionDef {
  return def(name, (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? name, '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'boolean' && t.kind !== 'null') return unexpectedInput(0, '"BOOLEAN"', argSql, t);
    return { argTypes: [BooleanT], dataType: name === 'count_if' ? LongT : BooleanT, nullable: name !== 'count_if' };
  }, description, example);
}

function bitwise(name: 'bit_and' | 'bit_or' | 'bit_xor', description: string): AggregateFunctionDef {
  return def(name, (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? name, '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'int32' && t.kind !== 'int64') return unexpectedInput(0, '"INTEGRAL"', argSql, t);
    return { argTypes, dataType: t, nullable: true };
  }, description, `df.groupBy('dept').agg(${name}('flags'))`);
}

/** Spark's orderable types: every atomic type, and arrays and structs of orderable types. */
function orderable(t: DataType): boolean {
  if (t.kind === 'array') return orderable(t.elementType);
  if (t.kind === 'struct') return t.fields.every((f) => orderable(f.dataType));
  return t.kind !== 'map';
}

function extremumBy(name: 'max_by' | 'min_by'): AggregateFunctionDef {
  return def(name, (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 2) return wrongCount(calledAs ?? name, '2', argTypes.length);
    const o = argTypes[1]!;
    if (!orderable(o)) {
      return { error: `The \`${name}\` does not support ordering on type ${typeText(o)}.`, errorClass: 'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE' };
    }
    void argSql;
    return { argTypes, dataType: argTypes[0]!, nullable: true };
  }, `The value of the first argument at the row where the second is ${name === 'max_by' ? 'largest' : 'smallest'} (NULL orderings skipped; ties take the later row).`,
  `df.groupBy('dept').agg(${name}('name', 'salary'))`);
}

/** try_sum / try_avg: sum / avg whose overflow is NULL in every mode. */
function trySumAvg(name: 'try_sum' | 'try_avg'): AggregateFunctionDef {
  return def(name, (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? name, '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind === 'null' || t.kind === 'string') return { argTypes: [DoubleT], dataType: DoubleT, nullable: true };
    if (!isNumeric(t)) return unexpectedInput(0, '"NUMERIC" or "ANSI INTERVAL"', argSql, t);
    if (t.kind === 'decimal') {
      const r = name === 'try_sum' ? sumResultType(t) : avgResultType(t);
      return { argTypes, dataType: DecimalT(r.precision, r.scale), nullable: true };
    }
    if (name === 'try_avg') return { argTypes, dataType: DoubleT, nullable: true };
    return { argTypes: t.kind === 'float64' ? argTypes : [LongT], dataType: t.kind === 'float64' ? DoubleT : LongT, nullable: true };
  }, name === 'try_sum' ? 'The sum of the non-NULL values; NULL when there are none or when it overflows.' : 'The mean of the non-NULL values; NULL when there are none or when its sum overflows.',
  `df.groupBy('dept').agg(${name}('salary'))`);
}

export const LOGICAL_DEFS: Record<LogicalAggregateName, AggregateFunctionDef> = {
  count_if: overBoolean('count_if', 'The number of rows where the condition is true.', "df.agg(count_if(col('age') > 30))"),
  bool_and: overBoolean('bool_and', 'True when the condition is true for every non-NULL row; NULL when there are none.', "df.agg(bool_and(col('ok')))"),
  bool_or: overBoolean('bool_or', 'True when the condition is true for some non-NULL row; NULL when there are none.', "df.agg(bool_or(col('ok')))"),
  bit_and: bitwise('bit_and', 'The bitwise AND of the non-NULL values; NULL when there are none.'),
  bit_or: bitwise('bit_or', 'The bitwise OR of the non-NULL values; NULL when there are none.'),
  bit_xor: bitwise('bit_xor', 'The bitwise XOR of the non-NULL values; NULL when there are none.'),
  collect_set: def('collect_set', (argTypes, _d, _s, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? 'collect_set', '1', argTypes.length);
    return { argTypes, dataType: ArrayT(argTypes[0]!, false), nullable: false };
  }, 'The distinct non-NULL values of the group as an array (in the order first met).', "df.groupBy('dept').agg(collect_set('name'))"),
  max_by: extremumBy('max_by'),
  min_by: extremumBy('min_by'),
  try_sum: trySumAvg('try_sum'),
  try_avg: trySumAvg('try_avg'),
  percentile: def('percentile', (argTypes, _d, argSql, calledAs) => {
    // The analyzer appends the default frequency 1, as Spark does (`percentile(x, 0.5, 1)`).
    if (argTypes.length !== 3) return wrongCount(calledAs ?? 'percentile', '[2, 3]', argTypes.length - 1);
    const t = argTypes[0]!;
    if (!(isNumeric(t) || t.kind === 'string' || t.kind === 'null')) return unexpectedInput(0, NUMERIC_OR_INTERVAL, argSql, t);
    const p = argTypes[1]!;
    const scalar = isNumeric(p) || p.kind === 'null';
    const many = p.kind === 'array' && (isNumeric(p.elementType) || p.elementType.kind === 'null');
    if (!scalar && !many) return unexpectedInput(1, '("DOUBLE" or "ARRAY<DOUBLE>")', argSql, p);
    const f = argTypes[2]!;
    if (f.kind !== 'int32' && f.kind !== 'int64') return unexpectedInput(2, '"INTEGRAL"', argSql, f);
    // An array of percentages keeps its element type (the accumulator reads it as numbers).
    return { argTypes: [DoubleT, many ? p : DoubleT, LongT], dataType: many ? ArrayT(DoubleT, false) : DoubleT, nullable: true };
  }, 'The exact percentile(s) of the non-NULL values (each row counted `frequency` times): the value at position (n - 1) * p of the sorted values, interpolated linearly.',
  "df.groupBy('dept').agg(percentile('salary', 0.9))"),
  median: def('median', (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? 'median', '1', argTypes.length);
    const t = argTypes[0]!;
    if (!(isNumeric(t) || t.kind === 'string' || t.kind === 'null')) return unexpectedInput(0, NUMERIC_OR_INTERVAL, argSql, t);
    return { argTypes: [DoubleT], dataType: DoubleT, nullable: true };
  }, 'The exact median of the non-NULL values (percentile 0.5).', "df.groupBy('dept').agg(median('salary'))"),
};

/** Names (lower case) and aliases; `every`, `some` and `any` are named as called, as in Spark. */
export const LOGICAL_NAMES: Record<string, LogicalAggregateName> = {
  count_if: 'count_if',
  bool_and: 'bool_and',
  every: 'bool_and',
  bool_or: 'bool_or',
  some: 'bool_or',
  any: 'bool_or',
  bit_and: 'bit_and',
  bit_or: 'bit_or',
  bit_xor: 'bit_xor',
  collect_set: 'collect_set',
  max_by: 'max_by',
  min_by: 'min_by',
  try_sum: 'try_sum',
  try_avg: 'try_avg',
  percentile: 'percentile',
  median: 'median',
};

/** The partial-state types over `argTypes` (after the analyzer's casts). */
export function logicalStateTypes(fn: LogicalAggregateName, argTypes: readonly DataType[]): DataType[] {
  const t = argTypes[0]!;
  switch (fn) {
    case 'count_if':
      return [LongT];
    case 'bool_and':
    case 'bool_or':
      return [BooleanT];
    case 'bit_and':
    case 'bit_or':
    case 'bit_xor':
      return [t];
    case 'collect_set':
      return [ArrayT(t, false)];
    case 'max_by':
    case 'min_by':
      return [t, argTypes[1]!];
    case 'try_sum':
      if (t.kind === 'decimal') {
        const s = sumResultType(t);
        return [DecimalT(s.precision, s.scale), BooleanT];
      }
      return t.kind === 'float64' ? [DoubleT] : [LongT, BooleanT];
    case 'percentile':
    case 'median':
      return [ArrayT(DoubleT, false)];
    case 'try_avg':
      if (t.kind === 'decimal') {
        const s = sumResultType(t);
        return [DecimalT(s.precision, s.scale), BooleanT, LongT];
      }
      return [DoubleT, LongT];
  }
}

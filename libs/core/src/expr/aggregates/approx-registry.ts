// Definitions of approx_count_distinct, percentile_approx (approx_percentile), product, mode, listagg (string_agg),
// percentile_cont and percentile_disc: names, argument and result types, Spark's errors, docs. Their constant
// arguments (rsd, percentages, accuracy, delimiter, WITHIN GROUP order) are checked by analyzer/resolve-approx.ts.
import { type DataType, ArrayT, BinaryT, DoubleT, IntegerT, LongT, StringT, isNumeric, simpleString } from '../../types/data-type.js';
import type { ApproxAggregateName } from '../expression.js';
// Types only: registry.ts imports this module's values.
import type { AggregateFunctionDef, Resolution } from './registry.js';
import { unexpectedInput, wrongCount } from './resolution-errors.js';

function def(name: ApproxAggregateName, resolve: AggregateFunctionDef['resolve'], description: string, example: string): AggregateFunctionDef {
  return { name, resolve, doc: { description, example } };
}

const toDouble = (t: DataType): boolean => isNumeric(t) || t.kind === 'string' || t.kind === 'null';

/** percentile_approx keeps its input's type: numbers, dates and timestamps (strings and NULL read as doubles). */
function approxInputType(t: DataType): DataType | undefined {
  if (t.kind === 'string' || t.kind === 'null') return DoubleT;
  if (isNumeric(t) || t.kind === 'date' || t.kind === 'timestamp') return t;
  return undefined;
}

/** The internal name DataFrame.approxQuantile calls (its `$` keeps SQL text from reaching it). */
export const APPROX_QUANTILE = 'approx_quantile$';

/** The internal name the DataFrame APIs' `product` calls (Spark has no SQL `product`). */
export const PRODUCT = 'product$';

const PERCENTAGE_TYPES = '("DOUBLE" or "ARRAY<DOUBLE>")';

/** percentile_cont / percentile_disc over [x, percentage(s), desc]: doubles, or an array of them. */
function orderedPercentile(argTypes: readonly DataType[], _d: boolean, argSql?: readonly string[]): Resolution {
  if (!toDouble(argTypes[0]!)) return unexpectedInput(0, '"NUMERIC"', argSql, argTypes[0]!);
  const p = argTypes[1]!;
  const many = p.kind === 'array' && (isNumeric(p.elementType) || p.elementType.kind === 'null');
  if (!(isNumeric(p) || p.kind === 'null') && !many) return unexpectedInput(1, PERCENTAGE_TYPES, argSql, p);
  return { argTypes: [DoubleT, many ? p : DoubleT, IntegerT], dataType: many ? ArrayT(DoubleT, false) : DoubleT, nullable: true };
}

export const APPROX_DEFS: Record<ApproxAggregateName, AggregateFunctionDef> = {
  approx_count_distinct: def('approx_count_distinct', (argTypes, _d, _argSql, calledAs) => {
    if (argTypes.length !== 1 && argTypes.length !== 2) return wrongCount(calledAs ?? 'approx_count_distinct', '[1, 2]', argTypes.length);
    return { argTypes: argTypes.length === 2 ? [argTypes[0]!, DoubleT] : argTypes, dataType: LongT, nullable: false };
  }, "The estimated number of distinct non-NULL values (Spark's HyperLogLog++; `rsd` the maximum relative standard deviation, 0.05 by default).",
  "df.agg(approx_count_distinct('user'))"),
  percentile_approx: def('percentile_approx', (argTypes, _d, argSql, calledAs) => {
    // The analyzer appends the default accuracy 10000, as Spark does.
    if (argTypes.length !== 3) return wrongCount(calledAs ?? 'percentile_approx', '[2, 3]', argTypes.length - 1);
    const t = approxInputType(argTypes[0]!);
    if (!t) return unexpectedInput(0, '("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', argSql, argTypes[0]!);
    const p = argTypes[1]!;
    const many = p.kind === 'array' && (isNumeric(p.elementType) || p.elementType.kind === 'null');
    if (!(isNumeric(p) || p.kind === 'null') && !many) return unexpectedInput(1, PERCENTAGE_TYPES, argSql, p);
    const a = argTypes[2]!;
    // approxQuantile passes its relative error as a double.
    if (calledAs === APPROX_QUANTILE && a.kind === 'float64') return { argTypes: [t, many ? p : DoubleT, DoubleT], dataType: many ? ArrayT(t, false) : t, nullable: true };
    if (a.kind !== 'int32' && a.kind !== 'int64') return unexpectedInput(2, '"INTEGRAL"', argSql, a);
    return { argTypes: [t, many ? p : DoubleT, LongT], dataType: many ? ArrayT(t, false) : t, nullable: true };
  }, "Approximate percentile(s) of the non-NULL values, as Spark's ApproximatePercentile (Greenwald–Khanna summaries with relative error 1 / accuracy); the result has the input's type.",
  "df.groupBy('dept').agg(percentile_approx('salary', 0.5))"),
  product: def('product', (argTypes, _d, argSql, calledAs) => {
    if (argTypes.length !== 1) return wrongCount(calledAs ?? 'product', '1', argTypes.length);
    if (!toDouble(argTypes[0]!)) return unexpectedInput(0, '"DOUBLE"', argSql, argTypes[0]!);
    return { argTypes: [DoubleT], dataType: DoubleT, nullable: true };
  }, 'The product of the non-NULL values, as a double; NULL when there are none.', "df.agg(product('x'))"),
  mode: def('mode', (argTypes, _d, _argSql, calledAs) => {
    // The analyzer turns the deterministic flag or WITHIN GROUP order into a second int argument.
    if (argTypes.length !== 2) return wrongCount(calledAs ?? 'mode', '[1, 2]', argTypes.length);
    return { argTypes: [argTypes[0]!, IntegerT], dataType: argTypes[0]!, nullable: true };
  }, 'The most frequent non-NULL value; ties go to the smallest value with `deterministic` or WITHIN GROUP (ORDER BY x), to the largest with ORDER BY x DESC, otherwise to the first in Spark\'s hash map order.',
  "df.groupBy('dept').agg(mode('title'))"),
  listagg: def('listagg', (argTypes, _d, argSql) => {
    const t = argTypes[0]!;
    const out = t.kind === 'binary' ? BinaryT : StringT;
    const d = argTypes[1]!;
    if (d.kind !== 'null' && d.kind !== out.kind) return unexpectedInput(1, `"${simpleString(out).toUpperCase()}"`, argSql, d);
    return { argTypes: [out, out, ...argTypes.slice(2)], dataType: out, nullable: true };
  }, 'The non-NULL values joined by the delimiter (none by default), in the WITHIN GROUP order if given; NULL when there are none.',
  "df.groupBy('dept').agg(listagg('name', ', '))"),
  percentile_cont: def('percentile_cont', orderedPercentile, 'The percentile of the WITHIN GROUP order key, interpolated linearly between the neighbouring values (SQL only).',
  "df.agg(expr('percentile_cont(0.5) WITHIN GROUP (ORDER BY salary)'))"),
  percentile_disc: def('percentile_disc', orderedPercentile, 'The first value of the WITHIN GROUP order whose cumulative distribution reaches the percentage (SQL only).',
  "df.agg(expr('percentile_disc(0.5) WITHIN GROUP (ORDER BY salary)'))"),
};

/** Names (lower case) and aliases; approx_percentile and string_agg are named as called. */
export const APPROX_NAMES: Record<string, ApproxAggregateName> = {
  approx_count_distinct: 'approx_count_distinct',
  percentile_approx: 'percentile_approx',
  approx_percentile: 'percentile_approx',
  // DataFrame.approxQuantile's summaries (relative error given directly, NaN skipped); not a SQL name of Spark's.
  [APPROX_QUANTILE]: 'percentile_approx',
  // Spark's product is a DataFrame function only: SQL text cannot reach this name.
  [PRODUCT]: 'product',
  mode: 'mode',
  listagg: 'listagg',
  string_agg: 'listagg',
  percentile_cont: 'percentile_cont',
  percentile_disc: 'percentile_disc',
};

/** The partial-state types over `argTypes` (after the analyzer's casts). */
export function approxStateTypes(fn: ApproxAggregateName, argTypes: readonly DataType[]): DataType[] {
  switch (fn) {
    case 'approx_count_distinct':
    case 'percentile_approx':
      return [BinaryT];
    case 'product':
      return [DoubleT];
    case 'mode':
      return [ArrayT(argTypes[0]!, true)];
    case 'listagg':
      // The values, then each order key, element j of every list forming row j.
      return [ArrayT(argTypes[0]!, true), ...argTypes.slice(2).filter((_, k) => k % 2 === 0).map((t) => ArrayT(t, true))];
    case 'percentile_cont':
    case 'percentile_disc':
      return [ArrayT(DoubleT, true)];
  }
}

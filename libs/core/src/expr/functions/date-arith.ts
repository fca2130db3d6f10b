// Date arithmetic and calendar fields over day counts since 1970-01-01 (proleptic Gregorian, as Spark 3+):
// date_add, date_sub, datediff, add_months, last_day, dayofweek, dayofyear, quarter, weekofyear. Dates given as
// timestamps or strings are cast to date first, day counts to int, as Spark's implicit casts do.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DateT, IntegerT, isNumeric } from '../../types/data-type.js';
import { andValidity, int32Values, validityOf } from '../eval/columns.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../eval/datetime.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

const dateLike = (t: DataType) => t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'string' || t.kind === 'null';
const intLike = (t: DataType) => isNumeric(t) || t.kind === 'string' || t.kind === 'null';

/** A function of a date and an int (date_add, date_sub, add_months), returning a date. */
function dateAndInt(name: string, f: (days: number, k: number) => number, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      if (!dateLike(argTypes[0]!)) return unexpectedType(name, 0, '"DATE"', argTypes[0]!);
      if (!intLike(argTypes[1]!)) return unexpectedType(name, 1, '("INT" or "SMALLINT" or "TINYINT")', argTypes[1]!);
      return { argTypes: [DateT, IntegerT], dataType: DateT };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const d = int32Values(args[0]!);
      const k = int32Values(args[1]!);
      const out = new Int32Array(n);
      // Int32Array wraps an overflowing day count, as Spark's int arithmetic does.
      for (let i = 0; i < n; i++) out[i] = f(d[i]!, k[i]!);
      return primitiveData(DateT, n, out, andValidity(validityOf(args[0]!), validityOf(args[1]!), n));
    },
    doc: { description, example: `df.select(${name}(col('d'), 1))` },
  };
}

/** A field of one date, as an int. */
function dateField(name: string, f: (days: number) => number, description: string, dataType: DataType = IntegerT): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      if (!dateLike(argTypes[0]!)) return unexpectedType(name, 0, '"DATE"', argTypes[0]!);
      return { argTypes: [DateT], dataType };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const d = int32Values(args[0]!);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = f(d[i]!);
      return primitiveData(dataType, n, out, validityOf(args[0]!));
    },
    doc: { description, example: `df.select(${name}(col('d')))` },
  };
}

export const dateAdd = dateAndInt('date_add', (d, k) => d + k, 'The date `days` days after `start`.');
/** Spark's `dateadd(start, days)`: date_add under another name, printed as date_add (Spark tags no alias for it). */
export const dateaddFn: ScalarFunctionDef = { ...dateAdd, name: 'dateadd', prettyName: 'date_add' };
export const dateSub = dateAndInt('date_sub', (d, k) => d - k, 'The date `days` days before `start`.');
export const addMonths = dateAndInt('add_months', (days, k) => {
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + k;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  // The day is kept unless the new month is shorter (Spark 3: 2019-01-31 + 1 month = 2019-02-28).
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}, 'The date `months` months after `start` (the day clipped to the end of a shorter month).');

export const datediff: ScalarFunctionDef = {
  name: 'datediff',
  aliases: ['date_diff'],
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('datediff', '2', argTypes.length);
    for (let i = 0; i < 2; i++) if (!dateLike(argTypes[i]!)) return unexpectedType('datediff', i, '"DATE"', argTypes[i]!);
    return { argTypes: [DateT, DateT], dataType: IntegerT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const end = int32Values(args[0]!);
    const start = int32Values(args[1]!);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = end[i]! - start[i]!;
    return primitiveData(IntegerT, n, out, andValidity(validityOf(args[0]!), validityOf(args[1]!), n));
  },
  doc: { description: 'The number of days from `startDate` to `endDate`.', example: "df.select(datediff(col('end'), col('start')))" },
};

const mod = (a: number, b: number) => ((a % b) + b) % b;

export const lastDay = dateField('last_day', (days) => {
  const [y, m] = civilFromDays(days);
  return daysFromCivil(y, m, daysInMonth(y, m));
}, 'The last day of the month the date belongs to.', DateT);
// 1970-01-01 was a Thursday; Spark numbers Sunday 1 … Saturday 7.
export const dayofweek = dateField('dayofweek', (days) => mod(days + 4, 7) + 1, 'The day of the week, 1 = Sunday … 7 = Saturday.');
export const dayofyear = dateField('dayofyear', (days) => days - daysFromCivil(civilFromDays(days)[0], 1, 1) + 1, 'The day of the year, from 1.');
export const quarter = dateField('quarter', (days) => Math.floor((civilFromDays(days)[1] - 1) / 3) + 1, 'The quarter of the year, 1 to 4.');
/** ISO 8601: weeks start on Monday, and week 1 holds the year's first Thursday. */
export const weekofyear = dateField('weekofyear', (days) => {
  const isoWeekday = mod(days + 3, 7) + 1;
  const thursday = days - isoWeekday + 4;
  const y = civilFromDays(thursday)[0];
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}, 'The ISO 8601 week of the year (weeks start on Monday; week 1 holds the first Thursday).');

export const DATE_ARITHMETIC: readonly ScalarFunctionDef[] = [dateAdd, dateaddFn, dateSub, addMonths, datediff, lastDay, dayofweek, dayofyear, quarter, weekofyear];

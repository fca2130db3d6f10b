// date_part(field, source) / datepart: one named field of a date or timestamp (Spark's DatePart), the field a string
// literal read at analysis; SECOND is a decimal(8,6) with the fraction, the rest ints.
import { decimalData, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import { DateT, DecimalT, IntegerT, TimestampT, fromArrowType } from '../../types/data-type.js';
import { type Expression, dataTypeOf, nullableOf, prettyName } from '../expression.js';
import { castColumn } from '../eval/cast.js';
import { int32Values, validityOf } from '../eval/columns.js';
import { eachLocal } from '../eval/timestamp-local.js';
import { dayofweek, dayofyear, quarter, weekofyear } from './date-arith.js';
import { dayofmonth, month, year } from './date-parts.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { hour, minute, mod, tsLike, zoneOf } from './timestamp-functions.js';

const PART_FIELDS: Readonly<Record<string, string>> = {
  YEAR: 'year', Y: 'year', YEARS: 'year', YR: 'year', YRS: 'year', QUARTER: 'quarter', QTR: 'quarter',
  MONTH: 'month', MON: 'month', MONS: 'month', MONTHS: 'month', WEEK: 'weekofyear', W: 'weekofyear', WEEKS: 'weekofyear',
  DAY: 'dayofmonth', D: 'dayofmonth', DAYS: 'dayofmonth', DAYOFWEEK: 'dayofweek', DOW: 'dayofweek',
  DAYOFWEEK_ISO: 'dayofweek_iso', DOW_ISO: 'dayofweek_iso', DOY: 'dayofyear',
  HOUR: 'hour', H: 'hour', HOURS: 'hour', HR: 'hour', HRS: 'hour', MINUTE: 'minute', M: 'minute', MIN: 'minute',
  MINS: 'minute', MINUTES: 'minute', SECOND: 'second', S: 'second', SEC: 'second', SECONDS: 'second', SECS: 'second',
};
const SECOND_TYPE = DecimalT(8, 6);
const DATE_FIELDS: Readonly<Record<string, ScalarFunctionDef>> = { year, quarter, month, weekofyear, dayofmonth, dayofweek, dayofyear };

/** date_part(field, source) / datepart: one field of a date or timestamp, the field a string literal (Spark's DatePart). */
export const datePart: ScalarFunctionDef = {
  name: 'date_part',
  aliases: ['datepart'],
  resolve() {
    return { error: 'date_part resolves through resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('date_part', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const [f, source] = args as [Expression, Expression];
    const field = f.kind === 'literal' && typeof f.value === 'string' ? PART_FIELDS[f.value.toUpperCase()] : undefined;
    const st = dataTypeOf(source);
    // A date's HOUR, MINUTE and SECOND are 0: Spark reads the date as a timestamp at midnight.
    if (!field || !tsLike(st)) {
      const text = f.kind === 'literal' ? String(f.value) : prettyName(f);
      return { error: `Cannot extract \`${text}\` from "${prettyName(source)}".`, errorClass: 'INVALID_EXTRACT_FIELD' };
    }
    return { args, dataType: field === 'second' ? SECOND_TYPE : IntegerT, nullable: nullableOf(source) };
  },
  eval(args, n, ctx, call) {
    const f = call?.args[0];
    const field = f && f.kind === 'literal' ? PART_FIELDS[String(f.value).toUpperCase()]! : 'year';
    const from = fromArrowType(args[1]!.type);
    if (field === 'hour' || field === 'minute' || field === 'second') {
      const ts = castColumn(args[1]!, from, TimestampT, n, ctx);
      if (field !== 'second') return (field === 'hour' ? hour : minute).eval([ts], n, ctx);
      const words = new BigInt64Array(2 * n);
      eachLocal(ts, n, zoneOf(ctx), (i, _d, t) => writeDecimal(words, i, BigInt(t % 60000000)));
      return decimalData(SECOND_TYPE, n, words, validityOf(ts));
    }
    const d = castColumn(args[1]!, from, DateT, n, ctx);
    if (field === 'dayofweek_iso') {
      const v = int32Values(d);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = mod(v[i]! + 3, 7) + 1;
      return primitiveData(IntegerT, n, out, validityOf(d));
    }
    return DATE_FIELDS[field]!.eval([d], n, ctx);
  },
  doc: { description: "One field of a date or timestamp: YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE, SECOND (with its fraction) and their abbreviations.", example: "df.select(date_part(lit('HOUR'), col('ts')))" },
};

/** extract(field, source): date_part under Spark's Extract name, printed as `extract(YEAR FROM d)`. */
export const extract: ScalarFunctionDef = {
  ...datePart,
  name: 'extract',
  aliases: [],
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('extract', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    return datePart.resolveArgs!(args);
  },
  doc: { description: 'One field of a date or timestamp, as EXTRACT(field FROM source): the fields of date_part.', example: "df.select(extract(lit('YEAR'), col('ts')))" },
};

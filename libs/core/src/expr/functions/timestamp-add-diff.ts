// timestampadd(unit, quantity, ts) / dateadd and timestampdiff(unit, start, end) / datediff(unit, …): Spark's
// DateTimeUtils.timestampAdd/timestampDiff. Units of a day or more work on the session zone's local date-time
// (months clamp the day); the difference is java.time's ChronoUnit.between of the two local date-times.
import type * as arrow from 'apache-arrow';
import { fromArrowType, LongT, TimestampT } from '../../types/data-type.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../eval/datetime.js';
import { localDayAndMicros, MICROS_PER_DAY, utcMicrosOfLocal } from '../eval/timestamp-local.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { castColumn } from '../eval/cast.js';
import { type Expression, dataTypeOf, nullableOf, prettyName } from '../expression.js';
import type { EvalContext } from '../eval/evaluate.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { tsLike, zoneOf } from './timestamp-functions.js';

const TIME_UNITS: Readonly<Record<string, number>> = { MICROSECOND: 1, MILLISECOND: 1000, SECOND: 1e6, MINUTE: 6e7, HOUR: 3.6e9 };
const ADD_UNITS = ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'];
const DIFF_UNITS = ADD_UNITS.filter((u) => u !== 'DAYOFYEAR');

function unitOf(fn: string, e: Expression, units: readonly string[]): string | { error: string; errorClass: string } {
  const u = e.kind === 'literal' && typeof e.value === 'string' ? e.value.toUpperCase() : undefined;
  if (u && units.includes(u)) return u;
  return {
    error: `The value of parameter(s) \`unit\` in \`${fn}\` is invalid: expects one of the units without quotes ${units.join(', ')}, but got the string literal '${e.kind === 'literal' ? String(e.value) : prettyName(e)}'.`,
    errorClass: 'INVALID_PARAMETER_VALUE.DATETIME_UNIT',
  };
}

const toTimestamp = (d: arrow.Data, n: number, ctx: EvalContext) => valueReader(castColumn(d, fromArrowType(d.type), TimestampT, n, ctx), TimestampT) as (i: number) => bigint | null;

function addMonthsLocal(day: number, months: number): number {
  const [y, m, d] = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export const timestampAdd: ScalarFunctionDef = {
  name: 'timestampadd',
  resolve() {
    throw new Error('timestampadd resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 3) return { ...wrongArgCount('timestampadd', '3', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const unit = unitOf('timestampadd', args[0]!, ADD_UNITS);
    if (typeof unit !== 'string') return unit;
    const qt = dataTypeOf(args[1]!);
    const tt = dataTypeOf(args[2]!);
    if (!['int32', 'int64', 'float64', 'decimal', 'string', 'null'].includes(qt.kind)) return { error: `The second parameter of \`timestampadd\` requires the "BIGINT" type.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    if (!tsLike(tt)) return { error: `The third parameter of \`timestampadd\` requires the "TIMESTAMP" type.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    return { args, dataType: TimestampT, nullable: nullableOf(args[1]!) || nullableOf(args[2]!), name: 'timestampadd' };
  },
  eval(args: readonly arrow.Data[], n: number, ctx, call) {
    const unit = String((call?.args[0] as { value?: unknown } | undefined)?.value ?? 'DAY').toUpperCase();
    const q = valueReader(castColumn(args[1]!, fromArrowType(args[1]!.type), LongT, n, ctx), LongT) as (i: number) => bigint | null;
    const ts = toTimestamp(args[2]!, n, ctx);
    const zone = zoneOf(ctx);
    const pair: [number, number] = [0, 0];
    const out: (bigint | null)[] = [];
    for (let i = 0; i < n; i++) {
      const t = ts(i);
      const k = q(i);
      if (t === null || k === null) {
        out.push(null);
        continue;
      }
      const step = TIME_UNITS[unit];
      if (step !== undefined) {
        out.push(t + k * BigInt(step));
        continue;
      }
      localDayAndMicros(zone, t, pair);
      const qty = Number(k);
      let day = pair[0];
      if (unit === 'DAY' || unit === 'DAYOFYEAR') day += qty;
      else if (unit === 'WEEK') day += qty * 7;
      else day = addMonthsLocal(day, qty * (unit === 'YEAR' ? 12 : unit === 'QUARTER' ? 3 : 1));
      out.push(utcMicrosOfLocal(zone, day, pair[1]));
    }
    return buildColumn(TimestampT, out);
  },
  doc: { description: 'The timestamp plus `quantity` units (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND).', example: "df.select(timestamp_add('HOUR', lit(2), col('ts')))" },
};

/** ChronoUnit.between of two local date-times given as (day, µs of day). */
function between(unit: string, d1: number, t1: number, d2: number, t2: number): number {
  const step = TIME_UNITS[unit];
  if (step !== undefined) return Math.trunc(((d2 - d1) * MICROS_PER_DAY + (t2 - t1)) / step);
  // LocalDateTime.until for date units: the end date steps back (forward) a day when its time is not yet reached.
  let end = d2;
  if (d2 > d1 && t2 < t1) end -= 1;
  else if (d2 < d1 && t2 > t1) end += 1;
  if (unit === 'DAY') return end - d1;
  if (unit === 'WEEK') return Math.trunc((end - d1) / 7);
  const [y1, m1, dd1] = civilFromDays(d1);
  const [y2, m2, dd2] = civilFromDays(end);
  const months = Math.trunc(((y2 * 12 + m2 - 1) * 32 + dd2 - ((y1 * 12 + m1 - 1) * 32 + dd1)) / 32);
  return unit === 'MONTH' ? months : Math.trunc(months / (unit === 'QUARTER' ? 3 : 12));
}

export const timestampDiff: ScalarFunctionDef = {
  name: 'timestampdiff',
  resolve() {
    throw new Error('timestampdiff resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 3) return { ...wrongArgCount('timestampdiff', '3', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const unit = unitOf('timestampdiff', args[0]!, DIFF_UNITS);
    if (typeof unit !== 'string') return unit;
    for (const k of [1, 2]) {
      if (!tsLike(dataTypeOf(args[k]!))) return { error: `The ${k === 1 ? 'second' : 'third'} parameter of \`timestampdiff\` requires the "TIMESTAMP" type.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    }
    return { args, dataType: LongT, nullable: nullableOf(args[1]!) || nullableOf(args[2]!), name: 'timestampdiff' };
  },
  eval(args: readonly arrow.Data[], n: number, ctx, call) {
    const unit = String((call?.args[0] as { value?: unknown } | undefined)?.value ?? 'DAY').toUpperCase();
    const a = toTimestamp(args[1]!, n, ctx);
    const b = toTimestamp(args[2]!, n, ctx);
    const zone = zoneOf(ctx);
    const p1: [number, number] = [0, 0];
    const p2: [number, number] = [0, 0];
    const out: (bigint | null)[] = [];
    for (let i = 0; i < n; i++) {
      const s = a(i);
      const e = b(i);
      if (s === null || e === null) {
        out.push(null);
        continue;
      }
      if (unit === 'MICROSECOND') {
        out.push(e - s);
        continue;
      }
      localDayAndMicros(zone, s, p1);
      localDayAndMicros(zone, e, p2);
      out.push(BigInt(between(unit, p1[0], p1[1], p2[0], p2[1])));
    }
    return buildColumn(LongT, out);
  },
  doc: { description: 'The number of whole units from `start` to `end` (negative when end is earlier), on local date-times.', example: "df.select(timestamp_diff('DAY', col('a'), col('b')))" },
};

export const TIMESTAMP_ADD_DIFF: readonly ScalarFunctionDef[] = [timestampAdd, timestampDiff];

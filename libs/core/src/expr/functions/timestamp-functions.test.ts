import { describe, expect, it } from 'vitest';
import { DateT, DoubleT, IntegerT, LongT, StringT, TimestampT } from '../../types/data-type.js';
import { call, resolveType } from './test-util.js';

const NY = { ansi: false, timeZone: 'America/New_York' };
const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('timestamp functions in a session time zone (answers checked against Spark 4)', () => {
  it('hour and date_trunc read the local wall clock; truncation goes back to an instant', () => {
    const ts = [us('2024-03-10T16:00:00Z'), us('2024-07-05T03:30:00Z'), null];
    expect(call('hour', [[TimestampT, ts]], NY)).toEqual([12, 23, null]);
    expect(call('hour', [[TimestampT, ts]])).toEqual([16, 3, null]);
    // Midnight of 2024-03-10 in New York is still EST (05:00Z); the DST change comes at 02:00 local.
    expect(call('date_trunc', [[StringT, ['DAY', 'DAY', 'DAY']], [TimestampT, ts]], NY)).toEqual([us('2024-03-10T05:00:00Z'), us('2024-07-04T04:00:00Z'), null]);
  });

  it('date_format and to_timestamp round-trip through the session zone', () => {
    const fmt = call('date_format', [[TimestampT, [us('2024-01-05T15:11:12Z')]], [StringT, ['yyyy-MM-dd HH:mm:ss XXX']]], NY);
    expect(fmt).toEqual(['2024-01-05 10:11:12 -05:00']);
    expect(call('to_timestamp', [[StringT, ['2024-01-05 10:11:12', 'nope']], [StringT, ['yyyy-MM-dd HH:mm:ss', 'yyyy']]], NY)).toEqual([us('2024-01-05T15:11:12Z'), null]);
    expect(call('unix_timestamp', [[StringT, ['2024-01-05 10:11:12']], [StringT, ['yyyy-MM-dd HH:mm:ss']]], NY)).toEqual([1704467472n]);
  });

  it('from/to_utc_timestamp, make_timestamp, months_between, epoch conversions', () => {
    expect(call('from_utc_timestamp', [[TimestampT, [us('2024-01-05T10:00:00Z')]], [StringT, ['America/New_York']]])).toEqual([us('2024-01-05T05:00:00Z')]);
    expect(call('to_utc_timestamp', [[TimestampT, [us('2024-01-05T10:00:00Z')]], [StringT, ['+02:00']]])).toEqual([us('2024-01-05T08:00:00Z')]);
    expect(call('make_timestamp', [[IntegerT, [2024]], [IntegerT, [1]], [IntegerT, [5]], [IntegerT, [10]], [IntegerT, [11]], [DoubleT, [60]]])).toEqual([us('2024-01-05T10:12:00Z')]);
    expect(call('months_between', [[TimestampT, [us('1997-02-28T10:30:00Z')]], [TimestampT, [us('1996-10-30T00:00:00Z')]], [{ kind: 'boolean' }, [true]]])).toEqual([3.94959677]);
    expect(call('unix_millis', [[TimestampT, [-500n]]])).toEqual([-1n]);
    expect(call('timestamp_seconds', [[DoubleT, [1.5, NaN]]])).toEqual([1500000n, null]);
    expect(call('next_day', [[DateT, [19727]], [StringT, ['MO']]])).toEqual([19730]);
  });

  it('refuses wrong argument types with Spark wording', () => {
    expect(resolveType('hour', [IntegerT])).toMatch(/requires the "\(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE\)" type/);
    expect(resolveType('to_timestamp', [StringT, StringT, StringT])).toMatch(/requires \[1, 2\] parameters but the actual number is 3/);
    expect(resolveType('date_format', [LongT, StringT])).toMatch(/first parameter of `date_format` requires/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './datetime.js';
import { findTimeZone, timeZoneOf } from './time-zone.js';
import { formatTimestamp } from '../expression.js';

const ny = timeZoneOf('America/New_York');
const at = (iso: string) => Date.parse(iso) / 1000;

describe('time zones', () => {
  it('reads offsets of a region zone from its cached transitions', () => {
    expect(ny.offsetAt(at('2024-01-05T12:00:00Z'))).toBe(-5 * 3600);
    expect(ny.offsetAt(at('2024-07-05T12:00:00Z'))).toBe(-4 * 3600);
    // The 2024 spring transition is at 07:00 UTC, to the second.
    expect(ny.offsetAt(at('2024-03-10T06:59:59Z'))).toBe(-5 * 3600);
    expect(ny.offsetAt(at('2024-03-10T07:00:00Z'))).toBe(-4 * 3600);
    // Local mean time before 1883, with seconds.
    expect(ny.offsetAt(at('1850-01-01T00:00:00Z'))).toBe(-(4 * 3600 + 56 * 60 + 2));
  });

  it('resolves local times as java.time does: gaps move forward, overlaps take the earlier offset', () => {
    const local = (iso: string) => Date.parse(`${iso}Z`) / 1000;
    expect(ny.utcOf(local('2024-03-10T02:30:00'))).toBe(at('2024-03-10T07:30:00Z'));
    expect(ny.utcOf(local('2024-11-03T01:30:00'))).toBe(at('2024-11-03T05:30:00Z'));
    expect(ny.utcOf(local('2024-01-05T10:00:00'))).toBe(at('2024-01-05T15:00:00Z'));
  });

  it('accepts the ids Spark accepts and refuses others', () => {
    for (const id of ['UTC', 'Z', 'GMT', '+05:30', '-08', 'GMT+5', 'UTC-03:00', 'PST', 'EST', 'Europe/Paris']) expect(findTimeZone(id), id).not.toBeNull();
    for (const id of ['Foo/Bar', 'nonsense', '+19:00', '']) expect(findTimeZone(id), id).toBeNull();
    expect(findTimeZone('+05:30')!.offsetAt(0)).toBe(19800);
    expect(findTimeZone('PST')!.offsetAt(0)).toBe(-8 * 3600);
    expect(findTimeZone('EST')!.offsetAt(at('2024-07-01T00:00:00Z'))).toBe(-5 * 3600);
    expect(() => timeZoneOf('Foo/Bar')).toThrow(/INVALID_TIMEZONE/);
  });

  it('parses and shows timestamps in a session zone', () => {
    const micros = parseTimestamp('2024-03-10 12:34:56.789', ny)!;
    expect(micros).toBe(BigInt(at('2024-03-10T16:34:56Z')) * 1000000n + 789000n);
    expect(formatTimestamp(micros, ny)).toBe('2024-03-10 12:34:56.789');
    expect(formatTimestamp(micros)).toBe('2024-03-10 16:34:56.789');
    // A zone in the text wins over the session's.
    expect(parseTimestamp('2024-01-01T10:00:00Z', ny)).toBe(BigInt(at('2024-01-01T10:00:00Z')) * 1000000n);
    expect(parseTimestamp('2024-01-01 10:00:00 Europe/Paris', ny)).toBe(BigInt(at('2024-01-01T09:00:00Z')) * 1000000n);
    expect(formatTimestamp(0n, findTimeZone('PST')!)).toBe('1969-12-31 16:00:00');
  });
});

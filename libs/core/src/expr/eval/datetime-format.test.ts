import { describe, expect, it } from 'vitest';
import { compilePattern, formatLocal, parseLocal } from './datetime-format.js';
import { daysFromCivil } from './datetime.js';
import { UTC, timeZoneOf } from './time-zone.js';

const day = daysFromCivil(2024, 3, 5);
const t = ((17 * 60 + 8) * 60 + 9) * 1000000 + 123456;
const fmt = (p: string, zone = UTC, offset = 0) => formatLocal(compilePattern(p, false), day, t, zone, offset, 0);
const parse = (p: string, s: string) => parseLocal(compilePattern(p, true), s);

describe('datetime patterns: formatting (outputs checked against Spark 4)', () => {
  it('formats every supported letter', () => {
    expect(fmt('y yy yyy yyyy M MM MMM MMMM d dd D DDD H HH h hh m mm s ss a E EEE EEEE')).toBe(
      '2024 24 2024 2024 3 03 Mar March 5 05 65 065 17 17 5 05 8 08 9 09 PM Tue Tue Tuesday',
    );
    expect(fmt('S SS SSS SSSS SSSSS SSSSSS')).toBe('1 12 123 1234 12345 123456');
    expect(fmt("z VV X XXX Z 'lit' '' 'a''b'")).toBe("UTC UTC Z Z +0000 lit ' a'b");
    expect(fmt('G GGGG Q QQQ QQQQ k K')).toBe('AD Anno Domini 1 Q1 1st quarter 17 5');
  });

  it('formats offsets and zone names of a region zone', () => {
    const ny = timeZoneOf('America/New_York');
    expect(fmt('z VV X XX XXX x Z ZZZZ ZZZZZ', ny, -5 * 3600)).toBe('EST America/New_York -05 -0500 -05:00 -05 -0500 GMT-05:00 -05:00');
  });

  it('raises Spark errors for letters it refuses', () => {
    expect(() => compilePattern('yyyy-bb', false)).toThrow(/INVALID_DATETIME_PATTERN.WITH_SUGGESTION.*Unrecognized datetime pattern: 'yyyy-bb'/);
    expect(() => compilePattern('YYYY', false)).toThrow(/DATETIME_PATTERN_RECOGNITION/);
    expect(() => compilePattern('EEEEE', false)).toThrow(/DATETIME_PATTERN_RECOGNITION/);
    expect(() => compilePattern('EEE yyyy-MM-dd', true)).toThrow(/Fail to recognize 'EEE yyyy-MM-dd'/);
  });
});

describe('datetime patterns: parsing', () => {
  const local = (s: string, p: string) => {
    const r = parse(p, s);
    return r && { day: r.day, micros: r.micros, offset: r.offset };
  };
  it('parses fixed and variable widths, text fields and fractions', () => {
    expect(local('2024-01-05 10:11:12', 'yyyy-MM-dd HH:mm:ss')).toEqual({ day: daysFromCivil(2024, 1, 5), micros: 36672000000, offset: null });
    expect(local('20240105', 'yyyyMMdd')?.day).toBe(daysFromCivil(2024, 1, 5));
    expect(local('05/01/2024', 'dd/MM/yyyy')?.day).toBe(daysFromCivil(2024, 1, 5));
    expect(local('Jan 5 2024 3PM', 'MMM d yyyy ha')?.micros).toBe(15 * 3600 * 1000000);
    expect(local('january 05, 2024', 'MMMM dd, yyyy')?.day).toBe(daysFromCivil(2024, 1, 5));
    expect(local('2024-01-05 10:11:12.12', 'yyyy-MM-dd HH:mm:ss.SSS')?.micros).toBe(36672120000);
    expect(local('10:11', 'HH:mm')).toEqual({ day: 0, micros: 36660000000, offset: null });
    expect(local('2024-01-05 10 +02:00', 'yyyy-MM-dd HH XXX')?.offset).toBe(7200);
    expect(local('2024-01-05 10 Z', 'yyyy-MM-dd HH X')?.offset).toBe(0);
    expect(parse('yyyy-MM-dd VV', '2024-01-05 America/New_York')?.zone?.id).toBe('America/New_York');
  });

  it('gives null for text that does not match or dates that do not exist', () => {
    expect(parse('yyyy-MM-dd', '2024-1-5')).toBeNull();
    expect(parse('yyyy-MM-dd', '2024-02-30')).toBeNull();
    expect(parse('yyyy-MM-dd', '2024-01-05 10')).toBeNull();
    expect(parse('yyyy-MM-dd', 'junk')).toBeNull();
  });
});

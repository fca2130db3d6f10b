import { describe, expect, it } from 'vitest';
import { compilePattern } from './datetime-pattern.js';

describe('compilePattern', () => {
  it('parses and formats dates', () => {
    const p = compilePattern('dd/MM/yyyy', 'date');
    expect(p.parse('02/01/2020')).toBe(18263);
    expect(p.format(18263)).toBe('02/01/2020');
    expect(p.parse('31/02/2020')).toBeNull();
    expect(p.parse('2020-01-02')).toBeNull();
    expect(compilePattern('d MMM yy', 'date').parse('2 Jan 20')).toBe(18263);
  });

  it('parses and formats timestamps with fractions, 12-hour clocks, literals and zones', () => {
    const p = compilePattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", 'timestamp');
    const v = p.parse('2020-01-02T03:04:05.678901');
    expect(v).toBe(1577934245678901n);
    expect(p.format(v!)).toBe('2020-01-02T03:04:05.678901');
    expect(compilePattern('MM/dd/yyyy hh:mm a', 'timestamp').parse('01/02/2020 03:04 PM')).toBe(1577934240000000n + 12n * 3600n * 1000000n);
    expect(compilePattern('yyyy-MM-dd HH:mmXXX', 'timestamp').parse('2020-01-02 04:04+01:00')).toBe(1577934240000000n);
    expect(compilePattern('yyyy-MM-dd HH:mm:ss', 'timestamp').format(-1n)).toBe('1969-12-31 23:59:59');
  });

  it('refuses letters it does not know', () => {
    expect(() => compilePattern('yyyy-ii', 'date')).toThrow(/INVALID_DATETIME_PATTERN|Unrecognized|pattern/i);
  });
});

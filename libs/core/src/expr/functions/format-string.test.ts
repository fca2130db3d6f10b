// format_string/printf against answers from Spark 4 (java.util.Formatter over Spark's internal values).
import { describe, expect, it } from 'vitest';
import { BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT } from '../../types/data-type.js';
import { call, resolveType } from './test-util.js';

const S = (v: readonly (string | null)[]) => [StringT, v] as const;
const I = (v: readonly (number | null)[]) => [IntegerT, v] as const;
const L = (v: readonly (bigint | null)[]) => [LongT, v] as const;
const D = (v: readonly (number | null)[]) => [DoubleT, v] as const;
const fmt = (f: string, ...args: (readonly [typeof StringT | typeof IntegerT | typeof LongT | typeof DoubleT | typeof BooleanT | typeof NullT | typeof DateT | typeof TimestampT, readonly unknown[]])[]) =>
  call('format_string', [S([f]), ...args])[0];

describe('format_string', () => {
  it('formats strings, integers and doubles with width, precision and flags', () => {
    expect(fmt('%s-%d-%5.2f', S(['a']), I([3]), D([3.14159]))).toBe('a-3- 3.14');
    expect(call('printf', [S(['%05d|%-5s|%+d|% d']), I([42]), S(['ab']), I([5]), I([7])])).toEqual(['00042|ab   |+5| 7']);
    expect(fmt('%x %X %o %c %b %e %E %%', I([255]), I([255]), I([8]), I([65]), [BooleanT, [true]], D([12345.678]), D([0.00012]))).toBe('ff FF 10 A true 1.234568e+04 1.200000E-04 %');
    expect(fmt('%,d %,.2f %10.3e', I([1234567]), D([1234567.891]), D([3.14159]))).toBe('1,234,567 1,234,567.89  3.142e+00');
    expect(fmt('%.3s|%8.3f|%-8d|%08.2f', S(['abcdef']), D([-3.14159]), I([-12]), D([-3.5]))).toBe('abc|  -3.142|-12     |-0003.50');
    expect(fmt('%c', I([97]))).toBe('a');
    expect(fmt('%x', I([-1]))).toBe('ffffffff');
    expect(fmt('%x', L([-1n]))).toBe('ffffffffffffffff');
    expect(fmt('%S', S(['ab']))).toBe('AB');
    expect(fmt('%o', I([-8]))).toBe('37777777770');
    expect(fmt('%,d', I([-1234]))).toBe('-1,234');
    expect(fmt('%+,d', I([1234567]))).toBe('+1,234,567');
    expect(fmt('% 5d', I([42]))).toBe('   42');
    expect(fmt('%,10.1f', D([12345.67]))).toBe('  12,345.7');
    expect(fmt('%d', L([3000000000n]))).toBe('3000000000');
    expect(fmt('%10s|%-10s|', S(['hi']), S(['hi']))).toBe('        hi|hi        |');
    expect(fmt('%d%%', I([50]))).toBe('50%');
    expect(fmt('%n')).toBe('\n');
  });

  it('rounds half up on the shortest decimal form, as Java does', () => {
    expect(fmt('%e', D([0]))).toBe('0.000000e+00');
    expect(fmt('%.0f', D([2.5]))).toBe('3');
    expect(fmt('%.0f', D([3.5]))).toBe('4');
    expect(fmt('%.2e', D([123456]))).toBe('1.23e+05');
    expect(fmt('%g', D([0.0001]))).toBe('0.000100000');
    expect(fmt('%.2f', D([0.005]))).toBe('0.01');
    expect(fmt('%.2f', D([0.015]))).toBe('0.02');
    expect(fmt('%.1f', D([0.25]))).toBe('0.3');
    expect(fmt('%.1f', D([0.35]))).toBe('0.4');
    expect(fmt('%.3f', D([1.0005]))).toBe('1.001');
  });

  it('NULL arguments print null (false for %b); a NULL format gives NULL', () => {
    expect(fmt('%s', [NullT, [null]])).toBe('null');
    expect(fmt('%d', [NullT, [null]])).toBe('null');
    expect(fmt('%b %b', [NullT, [null]], S(['x']))).toBe('false true');
    expect(fmt('%B', [NullT, [null]])).toBe('FALSE');
    expect(call('format_string', [S([null]), I([1])])).toEqual([null]);
  });

  it('takes arguments by index and passes dates and timestamps as Spark does (days, micros)', () => {
    expect(fmt('%2$s %1$s', S(['a']), S(['b']))).toBe('b a');
    expect(fmt('%s', I([1]), I([2]))).toBe('1');
    expect(fmt('%s', [DateT, [19724]])).toBe('19724');
    expect(fmt('%s', [TimestampT, [1704164645000000n]])).toBe('1704164645000000');
    expect(fmt('%s', D([1.5]))).toBe('1.5');
  });

  it("raises Java's errors", () => {
    expect(() => fmt('%d', D([1.5]))).toThrow('d != java.lang.Double');
    expect(() => fmt('%d', S(['x']))).toThrow('d != org.apache.spark.unsafe.types.UTF8String');
    expect(() => fmt('%c', S(['a']))).toThrow('c != org.apache.spark.unsafe.types.UTF8String');
    expect(() => fmt('%f', I([1]))).toThrow('f != java.lang.Integer');
    expect(() => fmt('%s %s', S(['a']))).toThrow("Format specifier '%s'");
    expect(() => fmt('%<s', S(['a']))).toThrow("Format specifier '%<s'");
    expect(() => fmt('%q', I([1]))).toThrow("Conversion = 'q'");
    expect(() => fmt('%-05d', I([1]))).toThrow("Flags = '-0'");
    expect(() => fmt('%+s', S(['a']))).toThrow('Conversion = s, Flags = +');
    expect(resolveType('format_string', [])).toMatch(/requires > 0 parameters/);
  });
});

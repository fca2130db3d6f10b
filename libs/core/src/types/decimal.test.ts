// Spark's decimal type rules (expected values checked against PySpark 4.0.1, spark.sql.ansi.enabled=false).
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.js';
import { DecimalT, DoubleT, IntegerT, LongT, parseTypeName, simpleString, widerDecimalType } from './data-type.js';
import {
  adjustPrecisionScale, arithmeticResultType, avgResultType, changePrecision, decimalArithmetic, decimalAverage, formatDecimal,
  parseDecimal, precisionScaleOf, sumResultType, type DecimalOp, type PrecisionScale,
} from './decimal.js';

const ps = (precision: number, scale: number): PrecisionScale => ({ precision, scale });

describe('decimal types', () => {
  it('parses DDL names, defaults and bounds', () => {
    expect(parseTypeName('decimal')).toEqual(DecimalT(10, 0));
    expect(parseTypeName('DECIMAL(16, 8)')).toEqual(DecimalT(16, 8));
    expect(parseTypeName('numeric(5)')).toEqual(DecimalT(5, 0));
    expect(simpleString(DecimalT(10, 2))).toBe('decimal(10,2)');
    expect(() => DecimalT(39, 2)).toThrow(AnalysisError);
    expect(() => DecimalT(39, 2)).toThrow('[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38.');
    expect(() => DecimalT(5, 6)).toThrow('INVALID_DECIMAL_TYPE');
  });

  it('widens like findWiderTypeForDecimal', () => {
    expect(widerDecimalType(DecimalT(10, 2), DecimalT(5, 3))).toEqual(DecimalT(11, 3));
    expect(widerDecimalType(DecimalT(10, 2), IntegerT)).toEqual(DecimalT(12, 2));
    expect(widerDecimalType(DecimalT(10, 2), LongT)).toEqual(DecimalT(22, 2));
    expect(widerDecimalType(DecimalT(10, 2), DoubleT)).toEqual(DoubleT);
    expect(widerDecimalType(DecimalT(38, 10), LongT)).toEqual(DecimalT(38, 10));
  });
});

describe('DecimalPrecision result types (allowPrecisionLoss=true)', () => {
  const cases: [DecimalOp, PrecisionScale, PrecisionScale, PrecisionScale][] = [
    ['/', ps(10, 2), ps(10, 2), ps(23, 13)],
    ['*', ps(38, 10), ps(38, 10), ps(38, 6)],
    ['%', ps(10, 2), ps(5, 1), ps(6, 2)],
    ['+', ps(10, 2), ps(1, 0), ps(11, 2)],
    ['+', ps(10, 2), ps(10, 0), ps(13, 2)],
    ['+', ps(10, 2), ps(20, 0), ps(23, 2)],
    ['/', ps(10, 2), ps(1, 0), ps(14, 6)],
    ['*', ps(10, 2), ps(1, 0), ps(12, 2)],
    ['*', ps(10, 2), ps(10, 0), ps(21, 2)],
    ['+', ps(38, 0), ps(1, 0), ps(38, 0)],
  ];
  it.each(cases)('%s of decimal%j and decimal%j is decimal%j', (op, a, b, r) => {
    expect(arithmeticResultType(op, a, b)).toEqual(r);
  });

  it('keeps at least 6 fraction digits when precision is lost', () => {
    expect(adjustPrecisionScale(50, 20)).toEqual(ps(38, 8));
    expect(adjustPrecisionScale(50, 40)).toEqual(ps(38, 28));
    expect(adjustPrecisionScale(77, 38)).toEqual(ps(38, 6));
  });

  it('gives sum and avg their types', () => {
    expect(sumResultType(ps(10, 2))).toEqual(ps(20, 2));
    expect(sumResultType(ps(30, 2))).toEqual(ps(38, 2));
    expect(avgResultType(ps(10, 2))).toEqual(ps(14, 6));
    expect(avgResultType(ps(36, 36))).toEqual(ps(38, 38));
  });
});

describe('decimal values', () => {
  it('rounds HALF_UP and overflows to null', () => {
    expect(changePrecision(-25n, 1, ps(2, 0))).toBe(-3n);
    expect(changePrecision(25n, 1, ps(2, 0))).toBe(3n);
    expect(changePrecision(245n, 2, ps(3, 1))).toBe(25n);
    expect(changePrecision(123456n, 1, ps(5, 1))).toBeNull();
    expect(changePrecision(123456n, 3, ps(10, 2))).toBe(12346n);
  });

  it('computes exactly, then rounds to the result type', () => {
    // 1.00 / 3.00 as decimal(23,13) is 0.3333333333333.
    expect(decimalArithmetic('/', 100n, 2, 300n, 2, ps(23, 13))).toBe(3333333333333n);
    expect(decimalArithmetic('/', 200n, 2, 300n, 2, ps(23, 13))).toBe(6666666666667n);
    expect(decimalArithmetic('/', 100n, 2, 0n, 0, ps(14, 6))).toBeNull();
    // -7.00 % 3.00 = -1.00 (the sign of the dividend); 7.00 % 3.0 = 1.00.
    expect(decimalArithmetic('%', -700n, 2, 300n, 2, ps(10, 2))).toBe(-100n);
    expect(decimalArithmetic('%', 700n, 2, 30n, 1, ps(6, 2))).toBe(100n);
    // 10^38 - 1 + 1 overflows decimal(38,0).
    expect(decimalArithmetic('+', 10n ** 38n - 1n, 0, 1n, 0, ps(38, 0))).toBeNull();
    // 1.0000000000 * 3.0000000000 at decimal(38,6) is 3.000000.
    expect(decimalArithmetic('*', 10n ** 10n, 10, 3n * 10n ** 10n, 10, ps(38, 6))).toBe(3000000n);
  });

  it('averages as Spark does', () => {
    // avg(1, 2, 2) over decimal(10,0) is 1.6667 (decimal(14,4)); avg(1.10, 2.25) is 1.675000.
    expect(decimalAverage(5n, ps(10, 0), 3n)).toBe(16667n);
    expect(decimalAverage(335n, ps(10, 2), 2n)).toBe(1675000n);
  });

  it('formats and parses text', () => {
    expect(formatDecimal(0n, 10)).toBe('0.0000000000');
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatDecimal(150n, 2)).toBe('1.50');
    expect(formatDecimal(12n, 0)).toBe('12');
    expect(parseDecimal('.5')).toEqual({ unscaled: 5n, scale: 1 });
    expect(parseDecimal('5.')).toEqual({ unscaled: 5n, scale: 0 });
    expect(parseDecimal('+1.255')).toEqual({ unscaled: 1255n, scale: 3 });
    expect(parseDecimal('1e2')).toEqual({ unscaled: 1n, scale: -2 });
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('.')).toBeNull();
    expect(precisionScaleOf(parseDecimal('0.05')!)).toEqual(ps(2, 2));
    expect(precisionScaleOf(parseDecimal('1.50')!)).toEqual(ps(3, 2));
    expect(precisionScaleOf(parseDecimal('1e3')!)).toEqual(ps(4, 0));
  });
});

import { describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors.js';
import { BooleanT, DoubleT, IntegerT, LongT, NullT, StringT } from '../../types/data-type.js';
import { lookupScalarFunction } from './registry.js';
import { roundHalfUp, roundIntegral } from './round.js';
import { call, resolveType } from './test-util.js';

describe('abs', () => {
  it('keeps the type; MIN_VALUE wraps unless ANSI', () => {
    expect(call('abs', [[IntegerT, [-3, 4, -2147483648, null]]])).toEqual([3, 4, -2147483648, null]);
    expect(call('abs', [[LongT, [-3n, -9223372036854775807n, -9223372036854775808n, -4294967296n, null]]])).toEqual([
      3n,
      9223372036854775807n,
      -9223372036854775808n,
      4294967296n,
      null,
    ]);
    expect(call('abs', [[DoubleT, [-0, -1.5, NaN]]])).toEqual([0, 1.5, NaN]);
    expect(call('abs', [[StringT, ['-2.5']]])).toEqual([2.5]);
    expect(() => call('abs', [[IntegerT, [-2147483648]]], { ansi: true })).toThrow(ExecutionError);
    expect(resolveType('abs', [BooleanT])).toMatch(/requires the "NUMERIC" type/);
  });
});

describe('round', () => {
  it('HALF_UP on the decimal form of doubles', () => {
    expect(call('round', [[DoubleT, [2.5, -2.5, 2.675, 1.005, 0.5, -0.4, 1234.5678, NaN, Infinity, null]], [IntegerT, [0, 0, 2, 2, 0, 0, -2, 0, 1, 1]]])).toEqual([
      3,
      -3,
      2.68,
      1.01,
      1,
      0,
      1200,
      NaN,
      Infinity,
      null,
    ]);
    expect(call('round', [[DoubleT, [1.5, 0.1 + 0.2]]])).toEqual([2, 0]);
    expect(roundHalfUp(0.3, 5)).toBe(0.3);
    expect(roundHalfUp(9.995, 2)).toBe(10);
    expect(roundHalfUp(1e-10, 3)).toBe(0);
    expect(roundHalfUp(5, -1)).toBe(10);
  });
  it('integers keep their type; negative scale rounds half away from zero', () => {
    expect(call('round', [[IntegerT, [15, -15, 14, 7, null]], [IntegerT, [-1, -1, -1, 2, 0]]])).toEqual([20, -20, 10, 7, null]);
    expect(call('round', [[LongT, [1250n, 9223372036854775807n]], [IntegerT, [-2, 0]]])).toEqual([1300n, 9223372036854775807n]);
    expect(roundIntegral(-150n, -2)).toBe(-200n);
    expect(resolveType('round', [DoubleT, DoubleT])).toMatch(/second parameter/);
    expect(resolveType('round', [IntegerT])).toEqual(IntegerT);
  });
});

describe('floor / ceil', () => {
  it('return bigint', () => {
    expect(call('floor', [[DoubleT, [1.5, -1.5, 2, NaN, 1e300, null]]])).toEqual([1n, -2n, 2n, 0n, 9223372036854775807n, null]);
    expect(call('ceil', [[DoubleT, [1.5, -1.5, 2, -0.5]]])).toEqual([2n, -1n, 2n, 0n]);
    expect(call('ceiling', [[IntegerT, [3, null]]])).toEqual([3n, null]);
    expect(call('floor', [[LongT, [-7n]]])).toEqual([-7n]);
    expect(resolveType('floor', [DoubleT])).toEqual(LongT);
    expect(resolveType('floor', [BooleanT])).toMatch(/first parameter/);
  });
});

describe('sqrt / isnan', () => {
  it('sqrt gives doubles, NaN for negatives', () => {
    expect(call('sqrt', [[IntegerT, [4, 2, -1, null]]])).toEqual([2, Math.SQRT2, NaN, null]);
  });
  it('isnan is never NULL', () => {
    expect(call('isnan', [[DoubleT, [NaN, 1, null, Infinity]]])).toEqual([true, false, false, false]);
    const r = lookupScalarFunction('isnan')!.resolve([DoubleT]);
    expect('error' in r ? r.error : r.nullable!([true])).toBe(false);
    expect(resolveType('isnan', [NullT])).toEqual(BooleanT);
  });
});

describe('registry', () => {
  it('looks names up case-insensitively, aliases included, and documents every function', async () => {
    const { listScalarFunctions } = await import('./registry.js');
    expect(lookupScalarFunction('UPPER')!.name).toBe('upper');
    expect(lookupScalarFunction('IfNull')!.name).toBe('nvl');
    expect(lookupScalarFunction('nope')).toBeUndefined();
    expect(['sqrt', 'floor', 'ceil', 'abs'].map((n) => lookupScalarFunction(n)!.prettyName)).toEqual(['SQRT', 'FLOOR', 'CEIL', undefined]);
    const names = listScalarFunctions().map((f) => f.name);
    for (const n of ['upper', 'lower', 'length', 'substring', 'concat', 'trim', 'ltrim', 'rtrim', 'like', 'startswith', 'endswith', 'contains', 'coalesce', 'abs', 'round', 'floor', 'ceil', 'sqrt', 'isnan', 'nvl', 'greatest', 'least']) {
      expect(names).toContain(n);
    }
    for (const f of listScalarFunctions()) {
      expect(f.doc.description.length).toBeGreaterThan(10);
      expect(f.doc.example).toMatch(/^df\./);
    }
  });
});

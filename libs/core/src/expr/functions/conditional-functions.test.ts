import { describe, expect, it } from 'vitest';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT } from '../../types/data-type.js';
import { commonType, widerType, widerTypeWithString } from './coercion.js';
import type { Expression } from '../expression.js';
import { batch, ref, run } from '../eval/test-util.js';
import { lookupScalarFunction } from './registry.js';
import { call, resolveType } from './test-util.js';

describe('coercion', () => {
  it('widens numbers, dates, NULL and arrays', () => {
    expect(widerType(IntegerT, LongT)).toEqual(LongT);
    expect(widerType(LongT, DoubleT)).toEqual(DoubleT);
    expect(widerType(NullT, StringT)).toEqual(StringT);
    expect(widerType(DateT, TimestampT)).toEqual(TimestampT);
    expect(widerType(StringT, IntegerT)).toBeUndefined();
    expect(widerType(BooleanT, IntegerT)).toBeUndefined();
    expect(widerType(ArrayT(IntegerT), ArrayT(DoubleT))).toEqual(ArrayT(DoubleT));
    expect(widerTypeWithString(StringT, IntegerT)).toEqual(StringT);
    expect(widerTypeWithString(StringT, ArrayT(IntegerT))).toBeUndefined();
    expect(widerTypeWithString(BooleanT, StringT)).toBeUndefined();
    expect(widerTypeWithString(DateT, StringT)).toEqual(StringT);
    expect(commonType([IntegerT, NullT, LongT], false)).toEqual(LongT);
    expect(commonType([IntegerT, StringT], false)).toBeUndefined();
  });
});

describe('coalesce / nvl / ifnull', () => {
  it('returns the first non-NULL argument, widened to a common type', () => {
    expect(call('coalesce', [[IntegerT, [null, 1, null, null]], [LongT, [5n, 6n, null, null]], [IntegerT, [7, 8, 9, null]]])).toEqual([5n, 1n, 9n, null]);
    expect(resolveType('coalesce', [IntegerT, LongT])).toEqual(LongT);
    expect(call('coalesce', [[StringT, [null, 'a']], [IntegerT, [1, 2]]])).toEqual(['1', 'a']);
    expect(call('coalesce', [[NullT, [null, null]], [DoubleT, [1.5, null]]])).toEqual([1.5, null]);
    expect(call('nvl', [[StringT, ['x', null]], [StringT, ['y', 'z']]])).toEqual(['x', 'z']);
    expect(call('ifnull', [[BooleanT, [null, false]], [BooleanT, [true, true]]])).toEqual([true, false]);
    expect(call('coalesce', [[ArrayT(IntegerT), [null, [1]]], [ArrayT(IntegerT), [[2, 3], [4]]]])).toEqual([[2, 3], [1]]);
  });
  it('conforms mixed-type arguments of a hand-built call to their common type', () => {
    const b = batch([
      [IntegerT, [null, 1, null]],
      [LongT, [5n, 6n, null]],
    ]);
    const e: Expression = { kind: 'fn', name: 'coalesce', args: [ref(0, IntegerT), ref(1, LongT)], dataType: LongT, nullable: true };
    expect(run(e, b, LongT)).toEqual([5n, 1n, null]);
    expect(run({ ...e, name: 'greatest' }, b, LongT)).toEqual([5n, 6n, null]);
  });

  it('nullability and errors', () => {
    const r = lookupScalarFunction('coalesce')!.resolve([IntegerT, IntegerT]);
    if ('error' in r) throw new Error(r.error);
    expect(r.nullable!([true, false])).toBe(false);
    expect(r.nullable!([true, true])).toBe(true);
    expect(resolveType('coalesce', [])).toMatch(/requires > 0 parameters/);
    expect(resolveType('nvl', [IntegerT])).toMatch(/requires 2 parameters/);
    expect(resolveType('coalesce', [IntegerT, ArrayT(IntegerT)])).toMatch(/should all be the same type/);
    expect(resolveType('coalesce', [BooleanT, StringT])).toMatch(/should all be the same type, but it's \[boolean, string\]/);
  });
});

describe('greatest / least', () => {
  it('skip NULLs; NaN is the largest double', () => {
    const a = [1, null, null, 5, NaN];
    const b = [3, 2, null, -1, 1];
    expect(call('greatest', [[DoubleT, a], [DoubleT, b]])).toEqual([3, 2, null, 5, NaN]);
    expect(call('least', [[DoubleT, a], [DoubleT, b]])).toEqual([1, 2, null, -1, 1]);
    expect(call('greatest', [[IntegerT, [1, 9]], [LongT, [3n, 2n]], [IntegerT, [2, null]]])).toEqual([3n, 9n]);
    expect(call('least', [[StringT, ['b', 'é']], [StringT, ['a', 'z']]])).toEqual(['a', 'z']);
    expect(call('greatest', [[DateT, [1, 5]], [DateT, [3, null]]])).toEqual([3, 5]);
    expect(resolveType('greatest', [IntegerT])).toMatch(/requires > 1 parameters/);
    expect(resolveType('least', [IntegerT, StringT])).toMatch(/should all be the same type/);
  });
});

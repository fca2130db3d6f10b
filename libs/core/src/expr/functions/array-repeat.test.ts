import { describe, expect, it } from 'vitest';
import { ArrayT, BooleanT, DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { call, resolveType } from './test-util.js';

describe('array_repeat', () => {
  it('repeats the element count times; NULL count is NULL, a negative one empty, a NULL element repeats', () => {
    expect(call('array_repeat', [[StringT, ['ab', null, 'c', 'd', 'é']], [IntegerT, [2, 3, null, -1, 0]]])).toEqual([
      ['ab', 'ab'], [null, null, null], null, [], [],
    ]);
    expect(call('array_repeat', [[LongT, [7n, 8n]], [IntegerT, [1, 2]]])).toEqual([[7n], [8n, 8n]]);
    expect(call('array_repeat', [[BooleanT, [true, false, true]], [LongT, [3n, 1n, 0n]]])).toEqual([[true, true, true], [false], []]);
  });

  it('casts a numeric or string count to INT and refuses other types', () => {
    expect(resolveType('array_repeat', [StringT, LongT])).toEqual(ArrayT(StringT, true));
    expect(resolveType('array_repeat', [DoubleT, StringT])).toEqual(ArrayT(DoubleT, true));
    expect(resolveType('array_repeat', [StringT, BooleanT])).toBe('The second parameter of `array_repeat` requires the "INT" type, however it has the type "BOOLEAN".');
    expect(resolveType('array_repeat', [StringT])).toMatch(/requires 2 parameters but the actual number is 1/);
  });
});

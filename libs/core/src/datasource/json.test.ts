import { describe, expect, it } from 'vitest';
import { DoubleT, LongT, StringT } from '../types/data-type.js';
import { mergeJsonTypes } from './json.js';

describe('mergeJsonTypes', () => {
  it('widens as Spark does', () => {
    expect(mergeJsonTypes(LongT, DoubleT)).toEqual(DoubleT);
    expect(mergeJsonTypes(LongT, StringT)).toEqual(StringT);
    expect(mergeJsonTypes({ kind: 'null' }, LongT)).toEqual(LongT);
    expect(mergeJsonTypes({ kind: 'array', elementType: LongT, containsNull: true }, { kind: 'array', elementType: DoubleT, containsNull: true }))
      .toEqual({ kind: 'array', elementType: DoubleT, containsNull: true });
    expect(mergeJsonTypes({ kind: 'struct', fields: [{ name: 'b', dataType: LongT, nullable: true }] }, { kind: 'struct', fields: [{ name: 'a', dataType: StringT, nullable: true }] }))
      .toEqual({ kind: 'struct', fields: [{ name: 'a', dataType: StringT, nullable: true }, { name: 'b', dataType: LongT, nullable: true }] });
  });
});

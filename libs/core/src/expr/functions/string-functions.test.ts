import { describe, expect, it } from 'vitest';
import { ArrayT, BooleanT, DoubleT, IntegerT, LongT, NullT, StringT } from '../../types/data-type.js';
import { ExecutionError } from '../../errors.js';
import { checkLikePattern } from './like.js';
import { substringRange } from './substring.js';
import { call, resolveType } from './test-util.js';

const S = (values: unknown[]) => [StringT, values] as const;
const I = (values: unknown[]) => [IntegerT, values] as const;

describe('upper / lower', () => {
  it('maps ASCII and non-ASCII text, keeps NULL', () => {
    expect(call('upper', [S(['abc', 'MiXeD 1!', 'straße', 'éà', '', null])])).toEqual(['ABC', 'MIXED 1!', 'STRASSE', 'ÉÀ', '', null]);
    expect(call('lower', [S(['ABC', 'MiXeD 1!', 'ÉÀ', '', null])])).toEqual(['abc', 'mixed 1!', 'éà', '', null]);
    expect(call('ucase', [S(['x'])])).toEqual(['X']);
  });
  it('casts non-strings, rejects arrays and wrong arity', () => {
    expect(call('upper', [[BooleanT, [true, null]]])).toEqual(['TRUE', null]);
    expect(resolveType('upper', [ArrayT(IntegerT)])).toMatch(/first parameter of `upper` requires the "STRING" type, however it has the type "ARRAY<INT>"/);
    expect(resolveType('lower', [StringT, StringT])).toMatch(/requires 1 parameters/);
  });
});

describe('length', () => {
  it('counts characters, not bytes', () => {
    expect(call('length', [S(['abc', 'é', '😀x', '', ' a ', null])])).toEqual([3, 1, 2, 0, 3, null]);
    expect(call('char_length', [I([12345])])).toEqual([5]);
    expect(resolveType('length', [StringT])).toEqual(IntegerT);
  });
});

describe('substring', () => {
  it('follows Spark substringSQL positions', () => {
    const s = ['Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'abc', null, 'abc'];
    const pos = [1, 0, 7, -3, -20, 20, 2, 1, null];
    const len = [5, 5, 100, 2, 22, 1, -1, 1, 1];
    expect(call('substring', [S(s), I(pos), I(len)])).toEqual(['Spark', 'Spark', 'SQL', 'SQ', 'Spark SQL', '', '', null, null]);
    expect(call('substr', [S(['héllo wörld', 'héllo']), I([2, -4])])).toEqual(['éllo wörld', 'éllo']);
    expect(call('substring', [S(['😀a😀b']), I([2]), I([2])])).toEqual(['a😀']);
  });
  it('range helper', () => {
    expect(substringRange(5, 0, 2)).toEqual([0, 2]);
    expect(substringRange(5, -2, 2147483647)).toEqual([3, 5]);
    expect(substringRange(5, 3, -2147483648)).toEqual([0, 0]);
    expect(substringRange(5, 20, 1)).toEqual([0, 0]);
    expect(substringRange(5, -7, 3)).toEqual([0, 1]);
  });
  it('type checks', () => {
    expect(resolveType('substring', [StringT, DoubleT])).toMatch(/second parameter/);
    expect(resolveType('substring', [StringT])).toMatch(/requires \[2, 3\] parameters/);
    expect(call('substring', [S(['abc']), [LongT, [2n]]])).toEqual(['bc']);
  });
});

describe('concat', () => {
  it('joins strings; any NULL gives NULL; casts other types', () => {
    expect(call('concat', [S(['a', 'x', null, '']), S(['b', null, 'y', '']), I([1, 2, 3, 4])])).toEqual(['ab1', null, null, '4']);
    expect(call('concat', [S(['é']), [DoubleT, [1.5]], [BooleanT, [false]]])).toEqual(['é1.5false']);
    expect(call('concat', [S(['only'])])).toEqual(['only']);
    expect(resolveType('concat', [StringT, ArrayT(StringT)])).toMatch(/second parameter/);
  });
});

describe('trim / ltrim / rtrim', () => {
  it('removes spaces only', () => {
    const v = ['  a b  ', 'x', '   ', '\ta\t', '', null];
    expect(call('trim', [S(v)])).toEqual(['a b', 'x', '', '\ta\t', '', null]);
    expect(call('ltrim', [S(v)])).toEqual(['a b  ', 'x', '', '\ta\t', '', null]);
    expect(call('rtrim', [S(v)])).toEqual(['  a b', 'x', '', '\ta\t', '', null]);
  });
});

describe('like', () => {
  it('supports %, _ and escapes', () => {
    const s = ['Alice', 'alice', 'Al', 'Bob', 'A\nx', '50%', '5x', 'a_b', 'axb', '😀z', null, 'x'];
    const p = ['Al%', 'Al%', 'Al_', '%o%', 'A_x', '50\\%', '50\\%', 'a\\_b', 'a\\_b', '_z', 'x', null];
    expect(call('like', [S(s), S(p)])).toEqual([true, false, false, true, true, true, false, true, false, true, null, null]);
    expect(call('like', [S(['a\\b', 'ab']), S(['a\\\\b', 'a\\\\b'])])).toEqual([true, false]);
    expect(call('like', [S(['a.c', 'abc', '(x)']), S(['a.c', 'a.c', '(x)'])])).toEqual([true, false, true]);
    // Every regex syntax character, and '-', '/', '#', are literal in a LIKE pattern.
    const specials = 'a-b/c^$.*+?()[]{}|#~ d';
    expect(call('like', [S([specials, 'a-bXc']), S([specials, 'a-b_c'])])).toEqual([true, true]);
    expect(call('like', [S(['', 'x']), S(['%', ''])])).toEqual([true, false]);
  });
  it('rejects bad escapes', () => {
    expect(() => checkLikePattern('a\\x')).toThrow(ExecutionError);
    expect(() => checkLikePattern('abc\\')).toThrow(/escape character/);
  });
});

describe('startswith / endswith / contains', () => {
  it('compare bytes; empty needle matches', () => {
    const a = ['hello', 'hello', 'hello', 'hé', null, 'abc'];
    const b = ['he', 'lo', '', 'é', 'x', null];
    expect(call('startswith', [S(a), S(b)])).toEqual([true, false, true, false, null, null]);
    expect(call('endswith', [S(a), S(b)])).toEqual([false, true, true, true, null, null]);
    expect(call('contains', [S(a), S(['ell', 'lol', '', 'é', 'x', null])])).toEqual([true, false, true, true, null, null]);
    expect(call('contains', [S(['ab']), S(['abc'])])).toEqual([false]);
    expect(resolveType('contains', [StringT, NullT])).toEqual(BooleanT);
  });
});

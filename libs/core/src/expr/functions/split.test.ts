import { describe, expect, it } from 'vitest';
import { ArrayT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { literalPattern } from './split.js';
import { call, resolveType } from './test-util.js';

const S = (values: unknown[]) => [StringT, values] as const;
const I = (values: unknown[]) => [IntegerT, values] as const;
const split = (s: (string | null)[], p: (string | null)[], limit?: (number | null)[]) =>
  call('split', limit ? [S(s), S(p), I(limit)] : [S(s), S(p)]);

// Expected values are what Java's String.split(regex, limit) returns (Spark maps limit 0 to -1).
describe('split', () => {
  it('cuts on a literal, keeping leading and trailing empty strings', () => {
    expect(split(['a,b,,c,,', ',a', '', 'abc', null], [',', ',', ',', ',', ','])).toEqual([
      ['a', 'b', '', 'c', '', ''], ['', 'a'], [''], ['abc'], null,
    ]);
    expect(split(['boo:and:foo', 'boo:and:foo', 'a b c', 'a b c', 'a b c'], [':', 'o', ' ', ' ', ' '], [2, -1, 1, 0, 5])).toEqual([
      ['boo', 'and:foo'], ['b', '', ':and:f', '', ''], ['a b c'], ['a', 'b', 'c'], ['a', 'b', 'c'],
    ]);
    expect(split(['a||b', 'x--y--z', 'héllo wörld', 'a😀b😀'], ['\\|', '--', ' ', '😀'])).toEqual([
      ['a', '', 'b'], ['x', 'y', 'z'], ['héllo', 'wörld'], ['a', 'b', ''],
    ]);
  });

  it('runs regular expressions with Java split rules', () => {
    expect(split(['a1b22c', 'boo:and:foo', 'abc', 'oneAtwoBthreeC', 'héllo wörld'], ['\\d+', 'o', '(?=b)', '[ABC]', 'é|ö'], [-1, 2, -1, -1, -1])).toEqual([
      ['a', 'b', 'c'], ['b', 'o:and:foo'], ['a', 'bc'], ['one', 'two', 'three', ''], ['h', 'llo w', 'rld'],
    ]);
    // A zero-width match at the start cuts nothing; one at the end leaves a trailing empty string.
    expect(split(['abc'], ['x*'])).toEqual([['a', 'b', 'c', '']]);
    expect(split(['a b', 'a b'], ['\\s', '[ ]'], [null, 3])).toEqual([null, ['a', 'b']]);
  });

  it('cuts between characters for an empty pattern (Spark special case)', () => {
    expect(split(['abc', 'a😀c', 'abc', ''], ['', '', '', ''], [-1, -1, 2, -1])).toEqual([['a', 'b', 'c'], ['a', '😀', 'c'], ['a', 'bc'], ['']]);
  });

  it('tells literals from regular expressions', () => {
    expect(literalPattern(' ')).toBe(' ');
    expect(literalPattern('\\|')).toBe('|');
    expect(literalPattern('a\\.b')).toBe('a.b');
    expect(literalPattern('\\d')).toBeNull();
    expect(literalPattern('a|b')).toBeNull();
    expect(literalPattern('.')).toBeNull();
  });

  it('types its arguments and rejects bad patterns', () => {
    expect(resolveType('split', [StringT, StringT])).toEqual(ArrayT(StringT, false));
    expect(resolveType('split', [StringT, StringT, LongT])).toEqual(ArrayT(StringT, false));
    expect(resolveType('split', [StringT])).toMatch(/requires \[2, 3\] parameters/);
    expect(resolveType('split', [ArrayT(StringT), StringT])).toMatch(/first parameter of `split` requires the "STRING" type/);
    expect(() => split(['abc'], ['(unclosed'])).toThrow(/parameter\(s\) `regexp` in `split` is invalid: '\(unclosed'/);
  });
});

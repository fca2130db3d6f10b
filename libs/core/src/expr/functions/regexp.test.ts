// Java regular expressions on JavaScript: expected values are Spark 4.3's (checked with the PySpark oracle).
import { describe, expect, it } from 'vitest';
import { IntegerT, StringT } from '../../types/data-type.js';
import { compileJavaRegex } from './java-regex.js';
import { call } from './test-util.js';

const S = (values: unknown[]) => [StringT, values] as const;
const I = (values: unknown[]) => [IntegerT, values] as const;
const rlike = (s: string[], p: string[]) => call('rlike', [S(s), S(p)]);

describe('Java patterns', () => {
  it('translates what differs from JavaScript', () => {
    expect(rlike(['ab', 'ab', 'Ab', 'aB', 'ab', 'ab\n', 'a', 'x', 'é'], ['a++b', 'a{1}+b', '\\p{Lu}b', '\\p{javaUpperCase}', '\\Aab\\z', 'ab\\Z', '[a&&[^b]]', '\\p{Alpha}', '\\w'])).toEqual([true, true, true, true, true, true, true, true, false]);
    expect(rlike(['AB', 'aB', 'a\nb', 'x\ny', 'ab', 'a', 'a.b', 'ab\n', 'ab\n'], ['(?i)ab', 'a(?i)b', '(?s)a.b', '(?m)^y$', '(?x) a b', '\\Qa\\E', '\\Q.\\E', 'ab$', 'b\\z'])).toEqual([true, true, true, true, true, true, true, true, false]);
    expect(rlike(['é', '😀', 'É', 'É', 'ab', 'a1', 'a\tb', 'aa', 'a', 'a', '*', 'a'], ['^.$', '^.$', '(?i)é', '(?iu)é', 'a\\Rb', '\\p{IsAlphabetic}\\d', 'a\\hb', '(a)\\1', '\\x61', '\\u0061', '\\*', '\\0141'])).toEqual([true, true, false, true, false, true, true, true, true, true, true, true]);
    expect(rlike(['ab', 'a', 'a]', 'aaab'], ['[[:alpha:]]', '[\\w&&[^\\d]]', '[]a]+', '(?>a+)b'])).toEqual([true, true, true, true]);
    // A possessive quantifier gives nothing back: a*+a can never match.
    expect(rlike(['aaa', 'aaa'], ['a*+a', 'a*a'])).toEqual([false, true]);
  });
  it('refuses invalid and untranslatable patterns by name', () => {
    expect(() => rlike(['abc'], ['(unclosed'])).toThrow("The value of parameter(s) `regexp` in `rlike` is invalid: '(unclosed'.");
    expect(() => rlike(['abc'], ['a{,2}b'])).toThrow(/is invalid: 'a\{,2\}b'/);
    expect(() => rlike(['abc'], ['a\\Gb'])).toThrow(/The regular expression 'a\\Gb' of `rlike` uses \\G/);
    expect(compileJavaRegex('(a)(?<n>b)(?>c)(d)', 'x').groups).toEqual([0, 1, 2, 4]);
  });
});

describe('regexp functions', () => {
  it('regexp_replace with Java replacement syntax and a start position', () => {
    const r = (s: string, p: string, rep: string, pos = 1) => call('regexp_replace', [S([s]), S([p]), S([rep]), I([pos])])[0];
    expect(r('100-200', '(\\d+)', 'num')).toBe('num-num');
    expect(r('100-200', '(\\d+)-(\\d+)', '$2-$1')).toBe('200-100');
    expect(r('abc', 'b', '\\$')).toBe('a$c');
    expect(r('abc', '', '-')).toBe('-a-b-c-');
    expect(r('abcabc', 'b', 'X', 3)).toBe('abcaXc');
    expect(r('aaa', 'a*', 'X')).toBe('XX');
    expect(r('abc', '(?<n>b)', '${n}${n}')).toBe('abbc');
    expect(r('abc', 'b', 'x', 10)).toBe('abc');
    expect(r('a.b', '.', '\\\\$0')).toBe('\\a\\.\\b');
    expect(r('abc', '(b)', '$10')).toBe('ab0c');
    expect(r('abc', '(b)', '$11x')).toBe('ab1xc');
    expect(r('aAbB', '(?i)a', 'x')).toBe('xxbB');
    expect(() => r('abc', 'b', '$2')).toThrow('Could not perform regexp_replace for source = "abc", pattern = "b", replacement = "$2" and position = 1.');
    expect(() => r('abc', 'b', '\\')).toThrow(/INVALID_REGEXP_REPLACE|Could not perform/);
    expect(r('xyz', 'b', '$2')).toBe('xyz');
  });
  it('extract, extract_all, count, instr, substr', () => {
    expect(call('regexp_extract', [S(['100-200', '100-200', 'foo', 'a', null]), S(['(\\d+)-(\\d+)', '(\\d+)-(\\d+)', '(\\d+)', '(a)|(b)', 'a']), I([1, 0, 1, 2, 0])])).toEqual(['100', '100-200', '', '', null]);
    expect(() => call('regexp_extract', [S(['100-200']), S(['(\\d+)']), I([2])])).toThrow('Expects group index between 0 and 1, but got 2.');
    expect(call('regexp_extract_all', [S(['100-200, 300-400', 'abc', 'abc', 'ab', null]), S(['(\\d+)-(\\d+)', 'x', '', '(x)?b', 'a']), I([1, 0, 0, 1, 0])])).toEqual([['100', '300'], [], ['', '', '', ''], [''], null]);
    expect(call('regexp_count', [S(['Steven Jones and Stephen Smith', 'abcdefghijklmnopqrstuvwxyz', 'abc', null, 'aaa']), S(['Ste(v|ph)en', '[a-z]{3}', '', 'a', 'a*'])])).toEqual([2, 8, 4, null, 2]);
    expect(call('regexp_instr', [S(['user@spark.apache.org', 'abc', 'héllo', 'abc']), S(['@[^.]*', 'z', 'l', ''])])).toEqual([5, 0, 3, 1]);
    expect(call('regexp_substr', [S(['1a 2b 14m', '1a 2b 14m', 'abc', 'abc']), S(['\\d+', '\\d+ ', 'z', ''])])).toEqual(['1', null, null, null]);
  });
});

describe('ilike', () => {
  it('lower-cases both sides; a custom escape character is honoured', () => {
    expect(call('ilike', [S(['ABC', 'ABC', 'abc', 'x', null]), S(['a%', '_b_', 'A\\%', 'X', 'a'])])).toEqual([true, true, false, true, null]);
    expect(call('ilike', [S(['A/b', 'a%', 'a_']), S(['a//b', 'A/%', 'A/%']), S(['/', '/', '/'])])).toEqual([true, true, false]);
  });
});

// Expected values are Spark 4.3's (checked with the PySpark oracle).
import { describe, expect, it } from 'vitest';
import { ArrayT, BinaryT, IntegerT, LongT, StringT, StructT } from '../../types/data-type.js';
import { call, resolveType } from './test-util.js';

const S = (values: unknown[]) => [StringT, values] as const;
const I = (values: unknown[]) => [IntegerT, values] as const;

describe('padding and pieces', () => {
  it('lpad / rpad cut, pad with repeated characters, keep a string for an empty pad', () => {
    expect(call('lpad', [S(['hi', 'hello', 'hi', 'hi', null, 'hi', 'héllo']), I([5, 2, 5, -1, 3, null, 7]), S(['??', '?', '', 'x', 'x', 'x', 'é😀'])])).toEqual(['???hi', 'he', 'hi', '', null, null, 'é😀héllo']);
    expect(call('rpad', [S(['hi', 'hello', 'hi', 'héllo']), I([5, 2, 0, 8]), S(['??', '?', 'x', 'é😀'])])).toEqual(['hi???', 'he', '', 'hélloé😀é']);
    expect(call('rpad', [S(['hi']), I([4])])).toEqual(['hi  ']);
    expect(call('lpad', [[BinaryT, [new Uint8Array([1, 2])]], I([4]), [BinaryT, [new Uint8Array([255])]]])).toEqual([new Uint8Array([255, 255, 1, 2])]);
  });
  it('repeat, space, left, right, overlay', () => {
    expect(call('repeat', [S(['ab', 'ab', 'ab', null]), I([3, 0, -1, 2])])).toEqual(['ababab', '', '', null]);
    expect(call('space', [I([3, 0, -1, null])])).toEqual(['   ', '', '', null]);
    expect(call('left', [S(['Spark SQL', 'abc', 'abc', 'abc']), I([3, 0, -1, 10])])).toEqual(['Spa', '', '', 'abc']);
    expect(call('right', [S(['Spark SQL', 'abc', 'abc', 'abc', 'héllo']), I([3, 0, -2, 10, 2])])).toEqual(['SQL', '', '', 'abc', 'lo']);
    const s = ['Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'Spark SQL', 'abc'];
    expect(call('overlay', [S(s), S(['ANSI ', '_', 'CORE', 'tructured', 'x', 'x', 'xy']), I([7, 6, 7, 2, -1, 20, 2]), I([0, -1, -1, 4, -1, -1, -1])])).toEqual([
      'Spark ANSI SQL', 'Spark_SQL', 'Spark CORE', 'Structured SQL', 'xSpark SQL', 'Spark SQLx', 'axy',
    ]);
  });
});

describe('searching', () => {
  it('instr with start and occurrence (Spark 4.3)', () => {
    expect(call('instr', [S(['SparkSQL', 'abc', 'abc', null, 'héllo', '']), S(['SQL', '', 'z', 'a', 'l', ''])])).toEqual([6, 1, 0, null, 3, 1]);
    const h = ['aabcd', 'aabcd', 'abcabc', 'abcabc', 'abcabc', 'abc', 'abc', 'abc', 'abc', 'abcabc', 'héllo', 'abc', 'abc', 'aaa', 'aaa', 'abc'];
    const n = ['b', 'a', 'b', 'b', 'b', '', '', 'b', 'b', 'bc', 'l', '', '', 'aa', 'aa', 'c'];
    const st = [1, 2, -1, -1, -3, 2, 5, 10, -10, 3, -1, -1, -4, 1, -1, -1];
    const oc = [2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1];
    expect(call('instr', [S(h), S(n), I(st), I(oc)])).toEqual([0, 2, 5, 2, 2, 1, 1, 0, 0, 5, 4, 1, 1, 2, 1, 3]);
    expect(call('instr', [S(['abc']), S(['b']), I([0])])).toEqual([0]);
    expect(() => call('instr', [S(['abc']), S(['b']), I([1]), I([0])])).toThrow(/`occurrence` in `instr` is invalid: expects a positive integer, but got 0/);
  });
  it('locate: NULL position is 0, an empty substring is found at any position ≥ 1', () => {
    const sub = ['bar', 'bar', 'bar', 'bar', '', '', 'a', 'a'];
    const str = ['foobarbar', 'foobarbar', 'foobarbar', 'foobarbar', 'abc', 'abc', null, 'a'];
    expect(call('locate', [S(sub), S(str), I([1, 5, 0, -1, 2, 10, 1, null])])).toEqual([4, 7, 0, 0, 1, 1, null, 0]);
  });
  it('find_in_set, substring_index, split_part', () => {
    expect(call('find_in_set', [S(['ab', 'ab,c', '', '', 'x', 'd']), S(['abc,b,ab,c,def', 'abc,b,ab,c,def', '', 'a,,b', null, 'a,b'])])).toEqual([3, 0, 1, 2, null, 0]);
    const w = 'www.apache.org';
    expect(call('substring_index', [S([w, w, w, w, 'a.b', 'aaa', 'aaa']), S(['.', '.', '.', '', '.', 'aa', 'aa']), I([2, -2, 0, 1, 10, 1, -1])])).toEqual(['www.apache', 'apache.org', '', '', 'a.b', '', '']);
    const p = '11.12.13';
    expect(call('split_part', [S([p, p, p, p, '', 'a..b', 'abc', p, p]), S(['.', '.', '.', '', '.', '.', 'b', '', '']), I([3, -1, 5, 1, 1, 2, -3, 2, -1])])).toEqual(['13', '13', '', p, '', '', '', '', p]);
    expect(() => call('split_part', [S([p]), S(['.']), I([0])])).toThrow(/The index 0 is invalid/);
  });
  it('replace and translate', () => {
    expect(call('replace', [S(['ABCabc', 'abc', 'aaa', null]), S(['abc', '', 'aa', 'a']), S(['DEF', 'x', 'b', 'b'])])).toEqual(['ABCDEF', 'abc', 'ba', null]);
    expect(call('replace', [S(['ABCabc']), S(['abc'])])).toEqual(['ABC']);
    expect(call('translate', [S(['AaBbCc', 'abcabc', 'abc', 'aaa', 'héllo', 'a😀b']), S(['abc', 'abc', '', 'aa', 'é', '😀']), S(['123', 'x', 'x', 'xy', 'e', ''])])).toEqual(['A1B2C3', 'xx', 'abc', 'xxx', 'hello', 'ab']);
  });
});

describe('characters and words', () => {
  it('concat_ws skips NULLs and array elements', () => {
    const arr = [ArrayT(StringT), [['x', null, 'y'], null, []]] as const;
    expect(call('concat_ws', [S([',', ',', null]), arr, S(['z', null, 'q'])])).toEqual(['x,y,z', '', null]);
    expect(call('concat_ws', [S(['-']), [ArrayT(IntegerT), [[1, 2]]]])).toEqual(['1-2']);
    expect(resolveType('concat_ws', [StringT, StructT([])])).toMatch(/second parameter of `concat_ws` requires the \("ARRAY<STRING>" or "STRING"\) type/);
  });
  it('reverse strings, binaries and arrays', () => {
    expect(call('reverse', [S(['abc', 'héllo😀', '', null])])).toEqual(['cba', '😀olléh', '', null]);
    expect(call('reverse', [[ArrayT(IntegerT), [[1, 2, null, 3], null, []]]])).toEqual([[3, null, 2, 1], null, []]);
    expect(call('reverse', [[BinaryT, [new Uint8Array([1, 2])]]])).toEqual([new Uint8Array([2, 1])]);
  });
  it('ascii, chr, initcap, btrim', () => {
    expect(call('ascii', [S(['2', '', 'é', '😀', null])])).toEqual([50, 0, 233, 128512, null]);
    expect(call('chr', [[LongT, [65n, 0n, 322n, -1n, 233n, 1000n, null]]])).toEqual(['A', '\u0000', 'B', '', 'é', 'è', null]);
    expect(call('initcap', [S(['sPark sql', 'hello  world-foo bar_baz', '', 'élan VITAL', ' a b', 'ab\tcd', null])])).toEqual(['Spark Sql', 'Hello  World-foo Bar_baz', '', 'Élan Vital', ' A B', 'Ab\tcd', null]);
    expect(call('btrim', [S(['    SparkSQL   ', 'SSparkSQLS', 'abc', 'xxaxx']), S([' ', 'SL', '', null])])).toEqual(['SparkSQL', 'parkSQ', 'abc', null]);
    expect(call('btrim', [S(['  a  '])])).toEqual(['a']);
  });
  it('sizes and elt', () => {
    expect(call('bit_length', [S(['Spark SQL', 'é'])])).toEqual([72, 16]);
    expect(call('octet_length', [S(['é😀'])])).toEqual([6]);
    expect(call('elt', [I([1, 2, 3, 0, null, 2]), S(['scala', 'a', 'a', 'a', 'a', 'a']), S(['java', 'b', 'b', 'b', 'b', null])])).toEqual(['scala', 'b', null, null, null, null]);
    expect(() => call('elt', [I([3]), S(['a']), S(['b'])], { ansi: true })).toThrow(/The index 3 is out of bounds. The array has 2 elements/);
  });
  it('levenshtein and soundex', () => {
    expect(call('levenshtein', [S(['kitten', '', null, 'héllo']), S(['sitting', 'abc', 'a', 'hello'])])).toEqual([3, 3, null, 1]);
    expect(call('levenshtein', [S(['kitten', 'kitten', 'a', 'abc', 'abc']), S(['sitting', 'sitting', 'b', 'abc', 'abd']), I([2, 3, -1, -1, 0])])).toEqual([-1, 3, -1, -1, -1]);
    expect(call('soundex', [S(['Miller', '', '123', 'Ashcraft', 'Tymczak', 'Pfister', 'é', 'a1b', null, 'Honeyman', 'Lee'])])).toEqual(['M460', '', '123', 'A261', 'T522', 'P236', 'é', 'A100', null, 'H555', 'L000']);
    expect(resolveType('soundex', [IntegerT])).toMatch(/requires the "STRING" type/);
  });
});

import { describe, expect, it } from 'vitest';
import { IntegerT, StringT } from '../../types/data-type.js';
import { jsonText, parseJson } from '../../util/json-value.js';
import { jsonPathValue, parseJsonPath } from './json-functions.js';
import { call, resolveType } from './test-util.js';

const at = (doc: string, path: string) => jsonPathValue(doc, parseJsonPath(path)!);

describe('parseJson / jsonText (the JSON functions\' reader and writer)', () => {
  it('writes values compactly, integers with their digits and other numbers as Java doubles', () => {
    const v = parseJson('{ "a" : [1, 2.50, 1e10, -0.0001, 12345678901234567890, -0], "b": {"c": "q\\"z\\u00e9\\n"}, "d": [true, false, null] }');
    expect(jsonText(v)).toBe('{"a":[1,2.5,1.0E10,-1.0E-4,12345678901234567890,0],"b":{"c":"q\\"zé\\n"},"d":[true,false,null]}');
  });

  it('reads the first value only when asked, and refuses malformed input', () => {
    expect(jsonText(parseJson('{"a":1} trailing', true))).toBe('{"a":1}');
    for (const bad of ['{bad', '[1,', '{"a" 1}', '"open', '01', '{"a":1,}', '"\\x"', '', 'nul']) expect(() => parseJson(bad, true), bad).toThrow(SyntaxError);
    expect(() => parseJson('['.repeat(2000) + ']'.repeat(2000))).toThrow(SyntaxError); // deeper than Jackson's limit
  });
});

describe('get_json_object', () => {
  it('follows keys, indices and wildcards as Spark does', () => {
    const doc = '{"a":{"b":[10,{"c":"x"},null]},"k y":3,"s":"t"}';
    expect(at(doc, '$.a.b[0]')).toBe('10');
    expect(at(doc, '$.a.b[1].c')).toBe('x');
    expect(at(doc, '$.a.b[1]')).toBe('{"c":"x"}');
    expect(at(doc, "$['k y']")).toBe('3');
    expect(at(doc, '$.s')).toBe('t');
    expect(at(doc, '$.a.b[2]')).toBeNull();
    expect(at(doc, '$.a.b[9]')).toBeNull();
    expect(at(doc, '$.nope')).toBeNull();
    expect(at(doc, '$')).toBe(doc);
    expect(at('{"b":[{"c":1},{"c":2}]}', '$.b[*].c')).toBe('[1,2]');
    expect(at('{"b":[{"c":1}]}', '$.b[*].c')).toBe('1');
    expect(at('[1,2]', '$[1]')).toBe('2');
    expect(parseJsonPath('a')).toBeNull();
    expect(parseJsonPath('$.')).toBeNull();
    expect(parseJsonPath('$[x]')).toBeNull();
  });

  it('evaluates over columns with NULLs and checks its arguments', () => {
    expect(call('get_json_object', [[StringT, ['{"a":1}', null, '{bad', '{"a":"z"}']], [StringT, ['$.a', '$.a', '$.a', '$.a']]])).toEqual(['1', null, null, 'z']);
    expect(call('json_array_length', [[StringT, ['[1,[2,3],{"a":1}]', '{}', '[1,', null]]])).toEqual([3, null, null, null]);
    expect(resolveType('json_array_length', [IntegerT])).toMatch(/requires the "STRING" type/);
    expect(resolveType('get_json_object', [StringT])).toMatch(/requires 2 parameters/);
  });
});

import { describe, expect, it } from 'vitest';
import { jsonText, parseJson } from './json-value.js';

describe('parseJson', () => {
  it('keeps integers apart from fractional numbers, beyond 2^53 too', () => {
    expect(parseJson('[1, 1.0, 1e2, -0, 123456789012345678901]')).toEqual([1n, 1, 100, 0n, 123456789012345678901n]);
  });

  it('keeps key order and unescapes strings', () => {
    expect(parseJson('{"b": "x\\ny\\u00e9", "a": [true, null]}')).toEqual({ kind: 'object', entries: [['b', 'x\nyé'], ['a', [true, null]]] });
  });

  it('refuses malformed documents', () => {
    for (const bad of ['{"a": }', '{"a": 1', '[1,]', 'NaN', '{"a": 1} x', "{'a': 1}"]) expect(() => parseJson(bad)).toThrow(SyntaxError);
  });

  it('prints compact text', () => {
    expect(jsonText(parseJson('{ "a" : [1, 2.5, "s"], "b": {"c": null} }'))).toBe('{"a":[1,2.5,"s"],"b":{"c":null}}');
  });
});

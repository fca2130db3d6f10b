import { describe, expect, it } from 'vitest';
import { type CsvSyntax, csvField, parseCsv } from './csv-parser.js';

const S: CsvSyntax = { sep: ',', quote: '"', escape: '\\', comment: '', multiLine: false, ignoreLeadingWhiteSpace: false, ignoreTrailingWhiteSpace: false };
const toks = (text: string, s: Partial<CsvSyntax> = {}) => parseCsv(text, { ...S, ...s }).map((r) => r.tokens);

describe('parseCsv', () => {
  it('splits fields and records, any line ending, with or without a final newline', () => {
    expect(toks('a,b\r\nc,d\re,f\ng,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(toks(',a,\n,\n')).toEqual([['', 'a', ''], ['', '']]);
    expect(toks('a,')).toEqual([['a', '']]);
  });

  it('unquotes fields, with separators, doubled quotes and escaped quotes inside', () => {
    const recs = parseCsv('"a,b","say ""hi""","x\\"y",""\n', S);
    expect(recs[0]!.tokens).toEqual(['a,b', 'say "hi"', 'x"y', '']);
    expect(recs[0]!.quoted).toEqual([true, true, true, true]);
  });

  it('keeps line breaks inside quotes only with multiLine', () => {
    expect(toks('1,"a\nb",2\n3,c,4\n', { multiLine: true })).toEqual([['1', 'a\nb', '2'], ['3', 'c', '4']]);
    // Line at a time (Spark's default): the unterminated quote ends at the line end.
    expect(toks('1,"a\nb",2\n')).toEqual([['1', 'a'], ['b"', '2']]);
  });

  it('skips blank and comment lines; empty text has no records', () => {
    expect(toks('\n\n#c\na\n\n', { comment: '#' })).toEqual([['a']]);
    expect(toks('')).toEqual([]);
  });

  it('takes multi-character separators, no quoting, and a custom record separator', () => {
    expect(toks('a||b||"c"', { sep: '||' })).toEqual([['a', 'b', 'c']]);
    expect(toks('"a",b', { quote: '\u0000' })).toEqual([['"a"', 'b']]);
    expect(toks('a,b;c,d;', { lineSep: ';' })).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps the raw text of a record for _corrupt_record', () => {
    expect(parseCsv('x, "y"\r\n2\n', S).map((r) => r.raw)).toEqual(['x, "y"', '2']);
  });

  it('trims when asked', () => {
    expect(toks(' a , b ', { ignoreLeadingWhiteSpace: true, ignoreTrailingWhiteSpace: true })).toEqual([['a', 'b']]);
  });
});

describe('csvField', () => {
  const q = { sep: ',', quote: '"', escape: '\\', quoteAll: false, escapeQuotes: true };
  it('quotes only what needs it, escaping quotes with the escape character as Spark does', () => {
    expect(csvField('plain', q)).toBe('plain');
    expect(csvField('a,b', q)).toBe('"a,b"');
    expect(csvField('a"b', q)).toBe('"a\\"b"');
    expect(csvField('l1\nl2', q)).toBe('"l1\nl2"');
    expect(csvField('x', { ...q, quoteAll: true })).toBe('"x"');
    expect(csvField('a"b', { ...q, escape: '"' })).toBe('"a""b"');
  });

  it('round-trips through the parser', () => {
    const values = ['', 'a,b', 'say "hi"', 'back\\slash', 'multi\nline', ' lead'];
    const line = values.map((v) => (v === '' ? '""' : csvField(v, q))).join(',');
    expect(parseCsv(line, { ...S, multiLine: true })[0]!.tokens).toEqual(values);
  });
});

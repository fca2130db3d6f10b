// quote, luhn_check, the UTF-8 checks, parse_url and try_url_decode against answers from Spark 4.
import { describe, expect, it } from 'vitest';
import { BinaryT, StringT } from '../../types/data-type.js';
import { call } from './test-util.js';

const S = (v: readonly (string | null)[]) => [StringT, v] as const;
const B = (...hex: string[]) => [BinaryT, hex.map((h) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16))))] as const;
const URL = 'http://user:pw@spark.apache.org:8080/path/p.php?query=1&k=v#Ref';

describe('string extras', () => {
  it('quote and luhn_check', () => {
    expect(call('quote', [S(["a'b", null, '', 'x\\y'])])).toEqual(["'a\\'b'", null, "''", "'x\\y'"]);
    expect(call('luhn_check', [S(['8112189876', '79927398713', '79927398714', '', null, '12a4', '0', ' 79927398713'])])).toEqual([true, true, false, false, null, false, true, false]);
  });

  it('UTF-8 validity over the bytes', () => {
    expect(call('is_valid_utf8', [B('616263', '80')])).toEqual([true, false]);
    expect(call('try_validate_utf8', [B('61FF', '6F6B')])).toEqual([null, 'ok']);
    expect(call('make_valid_utf8', [B('61FF62', 'E282')])).toEqual(['a\ufffdb', '\ufffd']);
    expect(() => call('validate_utf8', [B('61FF')])).toThrow('Invalid UTF8 byte sequence found in string: \\x61\\xFF.');
  });

  it('parse_url gives java.net.URI parts', () => {
    const parts = ['HOST', 'PATH', 'QUERY', 'REF', 'PROTOCOL', 'FILE', 'AUTHORITY', 'USERINFO', 'host', 'XYZ'];
    expect(call('parse_url', [S(parts.map(() => URL)), S(parts)])).toEqual(['spark.apache.org', '/path/p.php', 'query=1&k=v', 'Ref', 'http', '/path/p.php?query=1&k=v', 'user:pw@spark.apache.org:8080', 'user:pw', null, null]);
    const q = 'http://spark.apache.org/path?query=1&k=v';
    expect(call('parse_url', [S([q, q, 'http://a.b/p?x=1&x=2', 'http://a.b/p?q=%20x']), S(['QUERY', 'QUERY', 'QUERY', 'QUERY']), S(['k', 'zz', 'x', 'q'])])).toEqual(['v', null, '1', '%20x']);
    expect(call('parse_url', [S(['inva lid://x', 'mailto:a@b.c', '//host/p', 'http://[::1]:80/p', null]), S(['HOST', 'PATH', 'HOST', 'HOST', 'HOST'])])).toEqual([null, null, 'host', '[::1]', null]);
    expect(call('try_parse_url', [S(['inva lid://x']), S(['HOST'])])).toEqual([null]);
  });

  it('try_url_decode gives NULL for a malformed row only', () => {
    expect(call('try_url_decode', [S(['a%20b+c', 'bad%zz', null])])).toEqual(['a b c', null, null]);
  });
});

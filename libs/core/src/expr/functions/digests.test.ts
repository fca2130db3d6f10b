// Expected values are Spark 4.3's (checked with the PySpark oracle).
import { describe, expect, it } from 'vitest';
import { BinaryT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { call } from './test-util.js';

const S = (values: unknown[]) => [StringT, values] as const;

describe('digests and encodings', () => {
  it('hash the UTF-8 bytes', () => {
    expect(call('md5', [S(['Spark', null])])).toEqual(['8cde774d6f7333752ed72cacddb05126', null]);
    expect(call('sha', [S(['Spark'])])).toEqual(['85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c']);
    expect(call('sha2', [S(['Spark', 'Spark', 'Spark']), [IntegerT, [0, 224, 100]]])).toEqual([
      '529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b', 'dbeab94971678d36af2195851c0f7485775a2a7c60073d62fc04549c', null,
    ]);
    expect(call('crc32', [S(['Spark', ''])])).toEqual([1557323817n, 0n]);
  });
  it('hex, unhex, base64, unbase64', () => {
    expect(call('hex', [[LongT, [17n, -1n, 0n, null]]])).toEqual(['11', 'FFFFFFFFFFFFFFFF', '0', null]);
    expect(call('hex', [S(['Spark SQL'])])).toEqual(['537061726B2053514C']);
    expect(call('unhex', [S(['537061726B', 'abc', 'zz', '', null])])).toEqual([new Uint8Array([0x53, 0x70, 0x61, 0x72, 0x6b]), new Uint8Array([0x0a, 0xbc]), null, new Uint8Array([]), null]);
    expect(call('base64', [[BinaryT, [new Uint8Array([0, 255])]]])).toEqual(['AP8=']);
    expect(call('unbase64', [S(['U3Bhcms', '#', 'U3Bh cmsg'])])).toEqual([new Uint8Array([0x53, 0x70, 0x61, 0x72, 0x6b]), new Uint8Array([]), new Uint8Array([0x53, 0x70, 0x61, 0x72, 0x6b, 0x20])]);
  });
  it('url_encode / url_decode as Java URLEncoder / URLDecoder', () => {
    expect(call('url_encode', [S(['https://spark.apache.org/a b?c=d&e=ä~*', "-_.!~*'()"])])).toEqual(['https%3A%2F%2Fspark.apache.org%2Fa+b%3Fc%3Dd%26e%3D%C3%A4%7E*', '-_.%21%7E*%27%28%29']);
    expect(call('url_decode', [S(['a+b%20c', '%C3%A9'])])).toEqual(['a b c', 'é']);
    expect(() => call('url_decode', [S(['%zz'])])).toThrow('The provided URL cannot be decoded: %zz.');
    expect(() => call('url_decode', [S(['%'])])).toThrow('The provided URL cannot be decoded: %.');
  });
});

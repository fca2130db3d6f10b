// Expected values are Spark 4.3's (checked with the PySpark oracle).
import { describe, expect, it } from 'vitest';
import { BinaryT, DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
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

describe('encode / decode', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('encode in each charset; unmappable characters raise', () => {
    const s = ['é', 'é', 'é', 'é', 'é', 'a', null, 'a'];
    const cs = ['utf-8', 'iso-8859-1', 'utf-16', 'UTF-16LE', 'utf-16be', 'utf-32', 'utf-8', null];
    expect(call('encode', [S(s), S(cs)])).toEqual([bytes(0xc3, 0xa9), bytes(0xe9), bytes(0xfe, 0xff, 0, 0xe9), bytes(0xe9, 0), bytes(0, 0xe9), bytes(0, 0, 0, 0x61), null, null]);
    expect(() => call('encode', [S(['é']), S(['us-ascii'])])).toThrow('Invalid value found when performing `encode` with us-ascii');
    expect(() => call('encode', [S(['a']), S(['ASCII'])])).toThrow('The value of parameter(s) `charset` in `encode` is invalid: expects one of the iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8, but got ASCII.');
  });
  it('decode, with byte-order marks for utf-16; malformed bytes raise', () => {
    const b = [bytes(0x61, 0x62), bytes(0xe9), bytes(0, 0x41), bytes(0xfe, 0xff, 0, 0x41), bytes(0xff, 0xfe, 0x41, 0), bytes(0, 0, 0, 0x61)];
    expect(call('decode', [[BinaryT, b], S(['utf-8', 'iso-8859-1', 'UTF-16', 'utf-16', 'utf-16', 'utf-32'])])).toEqual(['ab', 'é', 'A', 'A', 'A', 'a']);
    expect(() => call('decode', [[BinaryT, [bytes(0xe9)]], S(['utf-8'])])).toThrow('Invalid value found when performing `decode` with utf-8');
    expect(() => call('decode', [[BinaryT, [bytes(0xff)]], S(['us-ascii'])])).toThrow('with us-ascii');
  });
});

describe('format_number', () => {
  const D = (v: unknown[]) => [DoubleT, v] as const;
  it('rounds HALF_EVEN on the exact value and groups thousands', () => {
    expect(call('format_number', [D([12332.123456, 12332.123456, -0.5, 1.5, 2.5, 1.005, 1e20, 123.456, NaN, Infinity, 0.000001]), [IntegerT, [4, 0, 0, 0, 0, 2, 1, 2, 2, 1, 3]]])).toEqual([
      '12,332.1235', '12,332', '-0', '2', '2', '1.00', '100,000,000,000,000,000,000.0', '123.46', 'NaN', '∞', '0.000',
    ]);
    expect(call('format_number', [[LongT, [123456789012345678n, 12345n]], [IntegerT, [0, 2]]])).toEqual(['123,456,789,012,345,678', '12,345.00']);
    expect(call('format_number', [D([1]), [IntegerT, [-1]]])).toEqual([null]);
  });
  it('reads DecimalFormat patterns', () => {
    const v = [12332.123456, 12345.6, 12345.6, 1.5, 0.5, 1234.5, -1234.5, 12345, 1.5, 1234567.891, 0.5, 0.5];
    const p = ['##################.###', '#,###.00', '', 'x', '#%', '$#,##0.00', '#,##0.0;(#)', '#,##,###', '00.000', '#,##0.##', '#.##', '0.##'];
    expect(call('format_number', [D(v), S(p)])).toEqual(['12332.123', '12,345.60', '12,346', 'x2', '50%', '$1,234.50', '(1,234.5)', '12,345', '01.500', '1,234,567.89', '0.5', '0.5']);
  });
});

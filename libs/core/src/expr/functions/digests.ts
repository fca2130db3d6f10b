// Digests and byte encodings: md5, sha1/sha, sha2, crc32 (node:crypto and zlib, over each row's bytes in place),
// hex/unhex, base64/unbase64, url_encode/url_decode. Strings are hashed as their UTF-8 bytes, as Spark casts them
// to binary.
import type * as arrow from 'apache-arrow';
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { primitiveData } from '../../execution/vectors.js';
import { ExecutionError } from '../../errors.js';
import { BinaryT, LongT, StringT } from '../../types/data-type.js';
import { bit, int32Values, int64Values, stringParts, validityOf } from '../eval/columns.js';
import { decodeUtf8, StringBuilder } from '../eval/strings.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { signature } from './string-args.js';
import { validAll } from './string-kernels.js';

const upperHexDigit = (x: number) => (x < 10 ? 0x30 + x : 0x37 + x);

function digestFunction(name: string, algorithm: string, aliases?: string[]): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    resolve: (argTypes) => signature(name, argTypes, ['bin'], 1, StringT, '1'),
    eval(args: readonly arrow.Data[], n: number) {
      const { offsets, bytes } = stringParts(args[0]!);
      const valid = validityOf(args[0]!);
      const out = new StringBuilder(n, n * 64);
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) out.appendNull();
        else out.appendString(createHash(algorithm).update(bytes.subarray(offsets[i]!, offsets[i + 1]!)).digest('hex'));
      }
      return out.finish();
    },
    doc: { description: `The ${algorithm.toUpperCase()} digest of the bytes (a string's UTF-8), as lower-case hex.`, example: `df.select(${name}(col('s')))` },
  };
}

export const md5 = digestFunction('md5', 'md5');
export const sha1 = digestFunction('sha1', 'sha1', ['sha']);

const SHA2: Record<number, string> = { 0: 'sha256', 224: 'sha224', 256: 'sha256', 384: 'sha384', 512: 'sha512' };

export const sha2: ScalarFunctionDef = {
  name: 'sha2',
  resolve: (argTypes) => signature('sha2', argTypes, ['bin', 'int'], 2, StringT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const bits = int32Values(args[1]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, n * 64);
    for (let i = 0; i < n; i++) {
      const algorithm = SHA2[bits[i]!];
      // An unsupported bit length is NULL, as in Spark.
      if ((valid && !bit(valid, i)) || algorithm === undefined) out.appendNull();
      else out.appendString(createHash(algorithm).update(bytes.subarray(offsets[i]!, offsets[i + 1]!)).digest('hex'));
    }
    return out.finish();
  },
  doc: { description: 'The SHA-2 digest (224, 256, 384 or 512 bits; 0 means 256) as lower-case hex; NULL for other bit lengths.', example: "df.select(sha2(col('s'), 256))" },
};

export const crc32: ScalarFunctionDef = {
  name: 'crc32',
  resolve: (argTypes) => signature('crc32', argTypes, ['bin'], 1, LongT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = BigInt(zlibCrc32(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
    return primitiveData(LongT, n, out, validityOf(args[0]!));
  },
  doc: { description: 'The CRC-32 checksum of the bytes, as a bigint.', example: "df.select(crc32(col('s')))" },
};

export const hex: ScalarFunctionDef = {
  name: 'hex',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('hex', '1', argTypes.length);
    const t = argTypes[0]!;
    // Numbers are cast to bigint (hex(1.9) is 1), binaries keep their bytes, other atomic values go as strings.
    if (t.kind === 'int32' || t.kind === 'int64' || t.kind === 'float64' || t.kind === 'decimal') return { argTypes: [LongT], dataType: StringT };
    if (t.kind === 'binary') return { argTypes: [t], dataType: StringT };
    if (t.kind === 'array' || t.kind === 'struct') return unexpectedType('hex', 0, '("BIGINT" or "BINARY" or "STRING")', t);
    return { argTypes: [StringT], dataType: StringT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const d = args[0]!;
    const valid = validityOf(d);
    const out = new StringBuilder(n, n * 16);
    if (d.type.typeId === 2 /* Int */) {
      const v = int64Values(d);
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) out.appendNull();
        else out.appendString(BigInt.asUintN(64, v[i]!).toString(16).toUpperCase());
      }
      return out.finish();
    }
    const { offsets, bytes } = stringParts(d);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        out.extendByte(upperHexDigit(bytes[k]! >> 4));
        out.extendByte(upperHexDigit(bytes[k]! & 15));
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'Upper-case hex of a bigint (two\'s complement), or of the bytes of a string or binary.', example: "df.select(hex(col('x')))" },
};

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export const unhex: ScalarFunctionDef = {
  name: 'unhex',
  resolve: (argTypes) => signature('unhex', argTypes, ['str'], 1, BinaryT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      // An odd number of digits reads as if with a leading 0; anything not a hex digit makes the row NULL.
      let k = s;
      let ok = true;
      if ((e - s) % 2 === 1) {
        const x = nibble(bytes[k++]!);
        if (x < 0) ok = false;
        else out.extendByte(x);
      }
      for (; ok && k < e; k += 2) {
        const hi = nibble(bytes[k]!);
        const lo = nibble(bytes[k + 1]!);
        if (hi < 0 || lo < 0) ok = false;
        else out.extendByte((hi << 4) | lo);
      }
      if (ok) out.endRow();
      else out.discardRow();
    }
    return out.finish(true);
  },
  doc: { description: 'The bytes a hex string spells (a leading 0 assumed for an odd count); NULL when it holds a non-hex character.', example: "df.select(unhex(col('h')))" },
};

export const base64: ScalarFunctionDef = {
  name: 'base64',
  resolve: (argTypes) => signature('base64', argTypes, ['bin'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, Math.ceil(bytes.length * 1.4) + n);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) out.appendNull();
      else out.appendString(Buffer.from(bytes.buffer, bytes.byteOffset + offsets[i]!, offsets[i + 1]! - offsets[i]!).toString('base64'));
    }
    return out.finish();
  },
  doc: { description: 'The base64 text of the bytes.', example: "df.select(base64(col('b')))" },
};

export const unbase64: ScalarFunctionDef = {
  name: 'unbase64',
  resolve: (argTypes) => signature('unbase64', argTypes, ['str'], 1, BinaryT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      // As Java's MIME decoder: characters outside the alphabet are skipped, padding is optional.
      const b = Buffer.from(decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!), 'base64');
      out.appendBytes(b, 0, b.length);
    }
    return out.finish(true);
  },
  doc: { description: 'The bytes of a base64 text (characters outside the alphabet are skipped).', example: "df.select(unbase64(col('s')))" },
};

/** Java's URLEncoder unreserved characters: letters, digits and . - * _ (space becomes +). */
function unreserved(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2e || b === 0x2d || b === 0x2a || b === 0x5f;
}

export const urlEncode: ScalarFunctionDef = {
  name: 'url_encode',
  resolve: (argTypes) => signature('url_encode', argTypes, ['str'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length * 2);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const b = bytes[k]!;
        if (unreserved(b)) out.extendByte(b);
        else if (b === 0x20) out.extendByte(0x2b);
        else {
          out.extendByte(0x25);
          out.extendByte(upperHexDigit(b >> 4));
          out.extendByte(upperHexDigit(b & 15));
        }
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: "The string in application/x-www-form-urlencoded form (Java's URLEncoder, UTF-8).", example: "df.select(url_encode(col('url')))" },
};

export const urlDecode: ScalarFunctionDef = {
  name: 'url_decode',
  resolve: (argTypes) => signature('url_decode', argTypes, ['str'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      for (let k = s; k < e; k++) {
        const b = bytes[k]!;
        if (b === 0x2b) out.extendByte(0x20);
        else if (b !== 0x25) out.extendByte(b);
        else {
          const hi = k + 2 < e ? nibble(bytes[k + 1]!) : -1;
          const lo = k + 2 < e ? nibble(bytes[k + 2]!) : -1;
          if (hi < 0 || lo < 0) {
            const url = decodeUtf8(bytes, s, e);
            throw new ExecutionError('CANNOT_DECODE_URL', `The provided URL cannot be decoded: ${url}. Please ensure that the URL is properly formatted and try again.`, { url });
          }
          out.extendByte((hi << 4) | lo);
          k += 2;
        }
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: "The string decoded from application/x-www-form-urlencoded form (Java's URLDecoder, UTF-8).", example: "df.select(url_decode(col('s')))" },
};

export const DIGESTS: readonly ScalarFunctionDef[] = [md5, sha1, sha2, crc32, hex, unhex, base64, unbase64, urlEncode, urlDecode];

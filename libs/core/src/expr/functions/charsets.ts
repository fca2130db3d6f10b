// encode(str, charset) / decode(bin, charset): strings to and from the bytes of one of Spark 4's charsets (utf-8,
// us-ascii, iso-8859-1, utf-16 (big-endian with a byte-order mark when encoding), utf-16be, utf-16le, utf-32).
// Unmappable characters and malformed bytes raise MALFORMED_CHARACTER_CODING, as Spark 4 does by default.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { BinaryT, StringT } from '../../types/data-type.js';
import { bit, stringParts } from '../eval/columns.js';
import { decodeUtf8, StringBuilder } from '../eval/strings.js';
import type { ScalarFunctionDef } from './function-def.js';
import { signature } from './string-args.js';
import { validAll } from './string-kernels.js';

const CHARSETS = ['iso-8859-1', 'us-ascii', 'utf-16', 'utf-16be', 'utf-16le', 'utf-32', 'utf-8'];

function charsetOf(name: string, fn: string): string {
  const c = name.toLowerCase();
  if (!CHARSETS.includes(c)) {
    throw new ExecutionError('INVALID_PARAMETER_VALUE.CHARSET', `The value of parameter(s) \`charset\` in \`${fn}\` is invalid: expects one of the ${CHARSETS.join(', ')}, but got ${name}.`, { parameter: '`charset`', functionName: `\`${fn}\`` });
  }
  return c;
}

function malformed(fn: string, charset: string): ExecutionError {
  return new ExecutionError('MALFORMED_CHARACTER_CODING', `Invalid value found when performing \`${fn}\` with ${charset}`, { function: `\`${fn}\``, charset });
}

/** Appends the encoding of `s` in `charset` to the row being assembled. */
function encodeInto(out: StringBuilder, s: string, charset: string): void {
  const utf16 = charset.startsWith('utf-16');
  if (charset === 'utf-16') {
    out.extendByte(0xfe);
    out.extendByte(0xff);
  }
  for (let k = 0; k < s.length; k++) {
    if (utf16) {
      const u = s.charCodeAt(k);
      if (charset === 'utf-16le') {
        out.extendByte(u & 0xff);
        out.extendByte(u >> 8);
      } else {
        out.extendByte(u >> 8);
        out.extendByte(u & 0xff);
      }
      continue;
    }
    const cp = s.codePointAt(k)!;
    if (cp > 0xffff) k++;
    if (charset === 'utf-32') for (const shift of [24, 16, 8, 0]) out.extendByte((cp >> shift) & 0xff);
    else if (cp <= (charset === 'us-ascii' ? 0x7f : 0xff)) out.extendByte(cp);
    else throw malformed('encode', charset);
  }
}

const decoders = new Map<string, { decode(b: Uint8Array): string }>();

function decodeBytes(b: Uint8Array, charset: string): string {
  switch (charset) {
    case 'us-ascii':
    case 'iso-8859-1': {
      let s = '';
      for (const x of b) {
        if (x >= 0x80 && charset === 'us-ascii') throw malformed('decode', charset);
        s += String.fromCharCode(x);
      }
      return s;
    }
    case 'utf-32': {
      if (b.length % 4 !== 0) throw malformed('decode', charset);
      let s = '';
      for (let k = 0; k < b.length; k += 4) {
        const cp = ((b[k]! << 24) | (b[k + 1]! << 16) | (b[k + 2]! << 8) | b[k + 3]!) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw malformed('decode', charset);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default: {
      // utf-16 reads a byte-order mark when there is one and is big-endian otherwise, as Java's decoder.
      let name = charset;
      let bytes = b;
      if (charset === 'utf-16') {
        name = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : 'utf-16be';
        if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe)) bytes = b.subarray(2);
      }
      let d = decoders.get(name);
      if (!d) decoders.set(name, (d = new TextDecoder(name, { fatal: true, ignoreBOM: true })));
      try {
        return d.decode(bytes);
      } catch {
        throw malformed('decode', charset);
      }
    }
  }
}

export const encode: ScalarFunctionDef = {
  name: 'encode',
  resolve: (argTypes) => signature('encode', argTypes, ['str', 'str'], 2, BinaryT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const cs = stringParts(args[1]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, str.bytes.length * 2);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const charset = charsetOf(decodeUtf8(cs.bytes, cs.offsets[i]!, cs.offsets[i + 1]!), 'encode');
      if (charset === 'utf-8') out.appendBytes(str.bytes, str.offsets[i]!, str.offsets[i + 1]!);
      else {
        encodeInto(out, decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!), charset);
        out.endRow();
      }
    }
    return out.finish(true);
  },
  doc: { description: 'The bytes of the string in the charset (utf-8, us-ascii, iso-8859-1, utf-16, utf-16be, utf-16le, utf-32).', example: "df.select(encode(col('s'), 'utf-16le'))" },
};

export const decode: ScalarFunctionDef = {
  name: 'decode',
  resolve: (argTypes) => signature('decode', argTypes, ['bin', 'str'], 2, StringT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const bin = stringParts(args[0]!);
    const cs = stringParts(args[1]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, bin.bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const charset = charsetOf(decodeUtf8(cs.bytes, cs.offsets[i]!, cs.offsets[i + 1]!), 'decode');
      out.appendString(decodeBytes(bin.bytes.subarray(bin.offsets[i]!, bin.offsets[i + 1]!), charset));
    }
    return out.finish();
  },
  doc: { description: 'The string the bytes spell in the charset (utf-8, us-ascii, iso-8859-1, utf-16, utf-16be, utf-16le, utf-32).', example: "df.select(decode(col('b'), 'utf-8'))" },
};

export const CHARSET_FUNCTIONS: readonly ScalarFunctionDef[] = [encode, decode];

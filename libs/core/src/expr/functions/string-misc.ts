// concat_ws, reverse, ascii, chr/char, initcap, btrim, bit_length, octet_length, elt: string functions with one
// row loop each, over the UTF-8 bytes (characters are code points, as Spark's UTF8String counts them).
import type * as arrow from 'apache-arrow';
import { primitiveData, takeData } from '../../execution/vectors.js';
import { ExecutionError } from '../../errors.js';
import { type DataType, fromArrowType, IntegerT, sameType, StringT } from '../../types/data-type.js';
import { bit, int32Values, int64Words, listData, stringParts, validityOf } from '../eval/columns.js';
import { castColumn } from '../eval/cast.js';
import { StringBuilder } from '../eval/strings.js';
import { castableToString, isError, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { paramType, signature } from './string-args.js';
import { charLength, codePointAt, isAscii, validAll } from './string-kernels.js';

const isStringArray = (t: DataType) => t.kind === 'array' && castableToString(t.elementType);

export const concatWs: ScalarFunctionDef = {
  name: 'concat_ws',
  resolve(argTypes) {
    if (argTypes.length < 1) return wrongArgCount('concat_ws', '> 0', 0);
    const sep = paramType('concat_ws', 0, 'str', argTypes[0]!);
    if (isError(sep)) return sep;
    const out: DataType[] = [sep];
    for (let i = 1; i < argTypes.length; i++) {
      const t = argTypes[i]!;
      // Arrays keep their type here: their elements are cast to string as they are read.
      if (isStringArray(t)) out.push(t);
      else if (castableToString(t)) out.push(StringT);
      else return unexpectedType('concat_ws', i, '("ARRAY<STRING>" or "STRING")', t);
    }
    // NULL arguments and elements are skipped: only a NULL separator makes the result NULL.
    return { argTypes: out, dataType: StringT, nullable: (nullable) => nullable[0]! };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const sep = stringParts(args[0]!);
    const sepValid = validityOf(args[0]!);
    const parts = args.slice(1).map((a) => {
      const t = fromArrowType(a.type);
      if (t.kind !== 'array') return { list: null, ...stringParts(a), valid: validityOf(a) };
      const child = sameType(t.elementType, StringT) ? a.children[0]! : castColumn(a.children[0]!, t.elementType, StringT, a.children[0]!.length, { ansi: false });
      return { list: a.valueOffsets as Int32Array, ...stringParts(child), valid: validityOf(a), childValid: validityOf(child) };
    });
    let total = 0;
    for (const p of parts) total += p.bytes.length;
    const out = new StringBuilder(n, total);
    for (let i = 0; i < n; i++) {
      if (sepValid && !bit(sepValid, i)) {
        out.appendNull();
        continue;
      }
      const ss = sep.offsets[i]!;
      const se = sep.offsets[i + 1]!;
      let first = true;
      const add = (bytes: Uint8Array, s: number, e: number) => {
        if (!first) out.extend(sep.bytes, ss, se);
        out.extend(bytes, s, e);
        first = false;
      };
      for (const p of parts) {
        if (p.valid && !bit(p.valid, i)) continue;
        if (p.list === null) add(p.bytes, p.offsets[i]!, p.offsets[i + 1]!);
        else {
          const cv = (p as { childValid: Uint8Array | null }).childValid;
          for (let j = p.list[i]!; j < p.list[i + 1]!; j++) if (!cv || bit(cv, j)) add(p.bytes, p.offsets[j]!, p.offsets[j + 1]!);
        }
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'Joins the strings (and the elements of string arrays) with the separator, skipping NULLs; NULL only when the separator is.', example: "df.select(concat_ws(',', col('a'), col('b')))" },
};

/** Reverses each list's elements: one gather over the child. */
function reverseArrays(d: arrow.Data, type: DataType & { kind: 'array' }, n: number): arrow.Data {
  const offs = d.valueOffsets as Int32Array;
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(offs[n]! - offs[0]!);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = offs[i + 1]! - 1; j >= offs[i]!; j--) indices[k++] = j;
    offsets[i + 1] = k;
  }
  return listData(type, n, offsets, takeData(type.elementType, d.children[0]!, indices), validityOf(d));
}

export const reverse: ScalarFunctionDef = {
  name: 'reverse',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('reverse', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind === 'array' || t.kind === 'binary') return { argTypes: [t], dataType: t };
    if (!castableToString(t)) return unexpectedType('reverse', 0, '("STRING" or "BINARY" or "ARRAY")', t);
    return { argTypes: [StringT], dataType: StringT };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const type = call?.dataType ?? fromArrowType(args[0]!.type);
    if (type.kind === 'array') return reverseArrays(args[0]!, type, n);
    const binary = type.kind === 'binary';
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      let e = offsets[i + 1]!;
      // Characters in reverse order, each keeping its own bytes in order.
      while (e > s) {
        let c = e - 1;
        if (!binary) while (c > s && (bytes[c]! & 0xc0) === 0x80) c--;
        out.extend(bytes, c, e);
        e = c;
      }
      out.endRow();
    }
    return out.finish(binary);
  },
  doc: { description: 'The string with its characters in reverse order, or the array with its elements in reverse order.', example: "df.select(reverse(col('s')))" },
};

export const ascii: ScalarFunctionDef = {
  name: 'ascii',
  resolve: (argTypes) => signature('ascii', argTypes, ['str'], 1, IntegerT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) if (offsets[i + 1]! > offsets[i]!) out[i] = codePointAt(bytes, offsets[i]!);
    return primitiveData(IntegerT, n, out, validityOf(args[0]!));
  },
  doc: { description: 'The code point of the first character of the string; 0 for an empty string.', example: "df.select(ascii(col('s')))" },
};

export const chr: ScalarFunctionDef = {
  name: 'chr',
  aliases: ['char'],
  resolve: (argTypes) => signature('chr', argTypes, ['long'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const w = int64Words(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, n * 2);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      // Spark's Chr: negative gives '', otherwise the character (n mod 256).
      if (w[2 * i + 1]! >= 0) {
        const c = w[2 * i]! & 0xff;
        if (c < 0x80) out.extendByte(c);
        else {
          out.extendByte(0xc0 | (c >> 6));
          out.extendByte(0x80 | (c & 0x3f));
        }
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'The character whose code point is `n` modulo 256; empty for a negative `n`.', example: "df.select(chr(lit(65)))" },
};

// Java's Character.toTitleCase differs from toUpperCase only for the Latin digraphs (DŽ/Dž/dž → Dž …).
const TITLE_DIGRAPHS = new Map([[0x1c4, 0x1c5], [0x1c5, 0x1c5], [0x1c6, 0x1c5], [0x1c7, 0x1c8], [0x1c8, 0x1c8], [0x1c9, 0x1c8], [0x1ca, 0x1cb], [0x1cb, 0x1cb], [0x1cc, 0x1cb], [0x1f1, 0x1f2], [0x1f2, 0x1f2], [0x1f3, 0x1f2]]);

/** Java's Character.toTitleCase of one code point: a single code point (a character without one stays). */
function titleCase(cp: number): string {
  const d = TITLE_DIGRAPHS.get(cp);
  if (d !== undefined) return String.fromCodePoint(d);
  const c = String.fromCodePoint(cp);
  const u = c.toUpperCase();
  return [...u].length === 1 ? u : c;
}

/** initcap of a non-ASCII row: Spark's `toLowerCase.toTitleCase` (a character after a space is title-cased). */
function initcapSlow(s: string): string {
  const lower = s.toLowerCase();
  let out = '';
  let afterSpace = true;
  for (const c of lower) {
    out += afterSpace ? titleCase(c.codePointAt(0)!) : c;
    afterSpace = c === ' ';
  }
  return out;
}

export const initcap: ScalarFunctionDef = {
  name: 'initcap',
  resolve: (argTypes) => signature('initcap', argTypes, ['str'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const valid = validityOf(args[0]!);
    const out = new StringBuilder(n, bytes.length);
    const decoder = new TextDecoder();
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      if (!isAscii(bytes, s, e)) {
        out.appendString(initcapSlow(decoder.decode(bytes.subarray(s, e))));
        continue;
      }
      // ASCII rows byte by byte: upper case after a space (or at the start), lower case elsewhere.
      for (let j = s; j < e; j++) {
        let b = bytes[j]!;
        if (j === s || bytes[j - 1] === 0x20) {
          if (b >= 0x61 && b <= 0x7a) b -= 0x20;
        } else if (b >= 0x41 && b <= 0x5a) b += 0x20;
        out.extendByte(b);
      }
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'The string in lower case with the first letter of each space-separated word in title case.', example: "df.select(initcap(col('s')))" },
};

export const btrim: ScalarFunctionDef = {
  name: 'btrim',
  resolve: (argTypes) => signature('btrim', argTypes, ['str', 'str'], 1, StringT, '[1, 2]'),
  eval(args: readonly arrow.Data[], n: number) {
    const { offsets, bytes } = stringParts(args[0]!);
    const t = args[1] ? stringParts(args[1]) : null;
    const valid = validAll(args, n);
    const out = new StringBuilder(n, bytes.length);
    const set = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      let s = offsets[i]!;
      let e = offsets[i + 1]!;
      if (!t) {
        while (s < e && bytes[s] === 0x20) s++;
        while (e > s && bytes[e - 1] === 0x20) e--;
        out.appendBytes(bytes, s, e);
        continue;
      }
      // Spark's UTF8String.trim(trimString): characters of the trim string are removed from both ends.
      set.clear();
      for (let k = t.offsets[i]!; k < t.offsets[i + 1]!; k += charLength(t.bytes[k]!)) set.add(codePointAt(t.bytes, k));
      while (s < e && set.has(codePointAt(bytes, s))) s += charLength(bytes[s]!);
      while (e > s) {
        let c = e - 1;
        while (c > s && (bytes[c]! & 0xc0) === 0x80) c--;
        if (!set.has(codePointAt(bytes, c))) break;
        e = c;
      }
      out.appendBytes(bytes, s, e);
    }
    return out.finish();
  },
  doc: { description: 'Removes the characters of `trim` (spaces by default) from both ends of the string.', example: "df.select(btrim(col('s'), lit('xy')))" },
};

/** bit_length / octet_length: the size of a string's UTF-8 encoding, or of a binary, in bits or bytes. */
function sizeFunction(name: 'bit_length' | 'octet_length', scale: number): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      const t = argTypes[0]!;
      if (t.kind === 'binary') return { argTypes: [t], dataType: IntegerT };
      return signature(name, argTypes, ['str'], 1, IntegerT, '1');
    },
    eval(args: readonly arrow.Data[], n: number) {
      const { offsets } = stringParts(args[0]!);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = (offsets[i + 1]! - offsets[i]!) * scale;
      return primitiveData(IntegerT, n, out, validityOf(args[0]!));
    },
    doc: { description: `The ${scale === 8 ? 'bit' : 'byte'} length of the string's UTF-8 encoding (or of the binary).`, example: `df.select(${name}(col('s')))` },
  };
}

export const bitLength = sizeFunction('bit_length', 8);
export const octetLength = sizeFunction('octet_length', 1);

export const elt: ScalarFunctionDef = {
  name: 'elt',
  resolve(argTypes) {
    if (argTypes.length < 2) return wrongArgCount('elt', '> 1', argTypes.length);
    const index = paramType('elt', 0, 'int', argTypes[0]!);
    if (isError(index)) return index;
    const inputs = argTypes.slice(1);
    const binary = inputs.every((t) => t.kind === 'binary');
    for (let i = 0; i < inputs.length; i++) if (!castableToString(inputs[i]!)) return unexpectedType('elt', i + 1, '"STRING" or "BINARY"', inputs[i]!);
    const t: DataType = binary ? inputs[0]! : StringT;
    return { argTypes: [IntegerT, ...inputs.map(() => t)], dataType: t };
  },
  eval(args: readonly arrow.Data[], n: number, ctx, call) {
    const binary = call?.dataType.kind === 'binary';
    const index = int32Values(args[0]!);
    const indexValid = validityOf(args[0]!);
    const inputs = args.slice(1).map((a) => ({ ...stringParts(a), valid: validityOf(a) }));
    const out = new StringBuilder(n, inputs.reduce((s, p) => s + p.bytes.length, 0) / Math.max(1, inputs.length));
    for (let i = 0; i < n; i++) {
      const k = index[i]!;
      if (indexValid && !bit(indexValid, i)) {
        out.appendNull();
        continue;
      }
      const p = inputs[k - 1];
      if (p === undefined) {
        if (ctx?.ansi) {
          throw new ExecutionError('INVALID_ARRAY_INDEX', `The index ${k} is out of bounds. The array has ${inputs.length} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`, { indexValue: String(k), arraySize: String(inputs.length) });
        }
        out.appendNull();
      } else if (p.valid && !bit(p.valid, i)) out.appendNull();
      else out.appendBytes(p.bytes, p.offsets[i]!, p.offsets[i + 1]!);
    }
    return out.finish(binary);
  },
  doc: { description: 'The `n`-th of the inputs (1-based); NULL when `n` is out of range (an error under ANSI mode).', example: "df.select(elt(lit(1), col('a'), col('b')))" },
  ansiDependent: true,
};

export const STRING_MISC: readonly ScalarFunctionDef[] = [concatWs, reverse, ascii, chr, initcap, btrim, bitLength, octetLength, elt];

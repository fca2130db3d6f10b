// split(str, regex[, limit]): the string cut around matches of a regular expression, as an array of strings.
// Spark runs Java's String.split with the limit (≤ 0 meaning "no limit, keep trailing empty strings"); this
// follows the same rules. A pattern with no regex metacharacters — by far the common case (' ', ',', '\\|') — is
// cut on the UTF-8 bytes with no decoding; other patterns run as JavaScript regular expressions (flag `u`), whose
// syntax matches Java's for the usual classes, groups and quantifiers.
import type * as arrow from 'apache-arrow';
import { stringBuffers } from '../../execution/kernels.js';
import { ArrayT, IntegerT, StringT } from '../../types/data-type.js';
import { ExecutionError } from '../../errors.js';
import { lit } from '../expression.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { decodeUtf8, encodeUtf8, StringBuilder } from '../eval/strings.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

const SPLIT_TYPE = ArrayT(StringT, false);
const META = new Set([...'\\^$.|?*+()[]{}']);

/** The literal text a pattern stands for when it has no regex meaning (`\|` is a literal `|`), else null. */
export function literalPattern(pattern: string): string | null {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      // `\d`, `\s`, `\b`… are classes; only an escaped punctuation character is a literal.
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return null;
      out += next;
      i++;
    } else if (META.has(c)) return null;
    else out += c;
  }
  return out;
}

type Cutter = (s: string, limit: number) => string[];

/** Java's `String.split(regex, limit)` for limit ≠ 0 (Spark never passes 0: it maps 0 to -1). */
function regexCutter(pattern: string): Cutter {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'gu');
  } catch (e) {
    throw new ExecutionError('INVALID_PARAMETER_VALUE.PATTERN', `The value of parameter(s) \`regexp\` in \`split\` is invalid: '${pattern}' (${(e as Error).message}).`, { parameter: '`regexp`', functionName: '`split`' });
  }
  return (s, limit) => {
    const out: string[] = [];
    let index = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) re.lastIndex = start + (s.codePointAt(start)! > 0xffff ? 2 : 1);
      if (limit > 0 && out.length >= limit - 1) break;
      if (index === 0 && start === 0 && end === 0) continue; // a zero-width match at the start cuts nothing
      out.push(s.slice(index, start));
      index = end;
    }
    if (index === 0 && out.length === 0) return [s];
    out.push(s.slice(index));
    return out;
  };
}

/** Characters one by one (Spark's rule for an empty pattern), the last holding the rest when `limit` is reached. */
function charCutter(s: string, limit: number): string[] {
  if (s.length === 0) return [''];
  const chars = [...s];
  if (limit > 0 && chars.length > limit) return [...chars.slice(0, limit - 1), chars.slice(limit - 1).join('')];
  return chars;
}

export const split: ScalarFunctionDef = {
  name: 'split',
  completeArgs: (args) => (args.length === 2 ? [...args, lit(-1)] : args),
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('split', '[2, 3]', argTypes.length);
    for (let i = 0; i < 2; i++) if (!castableToString(argTypes[i]!)) return unexpectedType('split', i, '"STRING"', argTypes[i]!);
    const limit = argTypes[2];
    if (limit && limit.kind !== 'int32' && limit.kind !== 'int64' && limit.kind !== 'null') return unexpectedType('split', 2, '"INT"', limit);
    return { argTypes: limit ? [StringT, StringT, IntegerT] : [StringT, StringT], dataType: SPLIT_TYPE };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const src = stringBuffers(args[0]!);
    const pat = stringBuffers(args[1]!);
    const srcValid = validityOf(args[0]!);
    const patValid = validityOf(args[1]!);
    const limits = args[2] ? (args[2].values as Int32Array) : null;
    const limValid = args[2] ? validityOf(args[2]) : null;
    const validity = new Uint8Array((n + 7) >> 3);
    const listOffsets = new Int32Array(n + 1);
    const out = new StringBuilder(n * 4, src.offsets[n]! - src.offsets[0]! + 16);
    const buf = Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength);
    // Patterns are nearly always one literal for the whole column: compile each distinct one once.
    const cutters = new Map<string, Cutter | Uint8Array>();
    for (let i = 0; i < n; i++) {
      const isNull = (srcValid && !bit(srcValid, i)) || (patValid && !bit(patValid, i)) || (limValid && !bit(limValid, i));
      if (isNull) {
        listOffsets[i + 1] = out.length;
        continue;
      }
      validity[i >> 3]! |= 1 << (i & 7);
      const p = decodeUtf8(pat.bytes, pat.offsets[i]!, pat.offsets[i + 1]!);
      let cut = cutters.get(p);
      if (cut === undefined) {
        const lit = literalPattern(p);
        cut = lit === null ? regexCutter(p) : lit === '' ? charCutter : encodeUtf8(lit);
        cutters.set(p, cut);
      }
      const limit = limits ? limits[i]! : -1;
      const start = src.offsets[i]!;
      const end = src.offsets[i + 1]!;
      if (cut instanceof Uint8Array) {
        // A literal needle: cut on the bytes (a UTF-8 sequence never matches inside another character).
        const row = buf.subarray(start, end);
        const needle = cut.length === 1 ? cut[0]! : cut;
        let from = 0;
        let pieces = 0;
        while (limit <= 0 || pieces < limit - 1) {
          const at = row.indexOf(needle, from);
          if (at < 0) break;
          out.appendBytes(src.bytes, start + from, start + at);
          pieces++;
          from = at + cut.length;
        }
        out.appendBytes(src.bytes, start + from, end);
      } else {
        for (const piece of cut(decodeUtf8(src.bytes, start, end), limit)) out.appendString(piece);
      }
      listOffsets[i + 1] = out.length;
    }
    return listData(SPLIT_TYPE, n, listOffsets, out.finish(), validity);
  },
  doc: {
    description: 'Splits the string around matches of the regular expression, into at most `limit` parts when `limit` > 0.',
    example: "df.select(split(col('line'), ' ').alias('words'))",
  },
};

// like(str, pattern): SQL LIKE with `%` (any run), `_` (one character) and `\` escaping, matched by the native kernel
// on the UTF-8 bytes; this module only checks arguments and words the error of a malformed pattern.
import type * as arrow from 'apache-arrow';
import { native, stringBuffers, validityArg } from '../../execution/kernels.js';
import { BooleanT } from '../../types/data-type.js';
import { ExecutionError } from '../../errors.js';
import { bit, booleanData, stringParts, validityOf } from '../eval/columns.js';
import { decodeUtf8, StringBuilder } from '../eval/strings.js';
import { mapCase } from './string-case.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

const ESCAPE = '\\';

/** Throws Spark's INVALID_FORMAT error for a malformed pattern (an escape at the end, or before another character). */
export function checkLikePattern(pattern: string): void {
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== ESCAPE) continue;
    if (i + 1 >= chars.length) {
      throw new ExecutionError('INVALID_FORMAT.ESC_AT_THE_END', `The format is invalid: '${pattern}'. It is not allowed to end with the escape character.`, { format: pattern });
    }
    const next = chars[++i]!;
    if (next !== '_' && next !== '%' && next !== ESCAPE) {
      throw new ExecutionError(
        'INVALID_FORMAT.ESC_IN_THE_MIDDLE',
        `The format is invalid: '${pattern}'. The escape character is not allowed to precede '${next}'.`,
        { format: pattern, char: next },
      );
    }
  }
}

/** Patterns rewritten from escape character `escD` (a literal in Spark, read per row here) to the kernel's `\`. */
function backslashEscaped(pattern: arrow.Data, escD: arrow.Data, n: number): arrow.Data {
  const p = stringParts(pattern);
  const e = stringParts(escD);
  const valid = validityOf(pattern);
  const b = new StringBuilder(n, p.bytes.length);
  for (let i = 0; i < n; i++) {
    const esc = decodeUtf8(e.bytes, e.offsets[i]!, e.offsets[i + 1]!);
    const text = decodeUtf8(p.bytes, p.offsets[i]!, p.offsets[i + 1]!);
    if (valid && !bit(valid, i)) b.appendNull();
    else b.appendString(esc === ESCAPE || esc === '' ? text : withBackslashEscape(text, esc));
  }
  return b.finish();
}

export const like: ScalarFunctionDef = {
  name: 'like',
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('like', '[2, 3]', argTypes.length);
    return allStrings('like', argTypes, BooleanT);
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    if (args[2]) return like.eval([args[0]!, backslashEscaped(args[1]!, args[2], n)], n, ctx);
    const s = stringBuffers(args[0]!);
    const p = stringBuffers(args[1]!);
    const [sv, so] = validityArg(args[0]!);
    const [pv, po] = validityArg(args[1]!);
    const r = native.like(s.offsets, s.bytes, sv, so, false, p.offsets, p.bytes, pv, po, false, n);
    if (r.badPatternAt >= 0) {
      const at = r.badPatternAt;
      const pattern = decodeUtf8(p.bytes, p.offsets[at]!, p.offsets[at + 1]!);
      checkLikePattern(pattern);
      throw new Error(`like: the native kernel rejected pattern '${pattern}' that the engine accepts`);
    }
    return booleanData(n, r.values, r.validity, r.nullCount);
  },
  doc: {
    description: "SQL LIKE: true when the string matches the pattern, where '%' matches any sequence and '_' any one character ('\\' escapes).",
    example: "df.filter(col('name').like('Al%'))",
  },
};

/** `pattern` with escape character `esc` rewritten to the `\` escapes the kernel reads (a literal `\` escaped). */
function withBackslashEscape(pattern: string, esc: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === esc && i + 1 < chars.length) {
      const next = chars[++i]!;
      out += next === esc ? (esc === ESCAPE ? '\\\\' : esc) : `\\${next}`;
    } else if (c === esc) out += '\\';
    else out += c === ESCAPE ? '\\\\' : c;
  }
  return out;
}

/** ilike(str, pattern[, escape]): LIKE on both sides lower-cased, as Spark's ILike (`lower(str) LIKE lower(pattern)`). */
export const ilike: ScalarFunctionDef = {
  name: 'ilike',
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('ilike', '[2, 3]', argTypes.length);
    return allStrings('ilike', argTypes, BooleanT);
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    let pattern = mapCase(args[1]!, n, false);
    if (args[2]) pattern = backslashEscaped(pattern, args[2], n);
    return like.eval([mapCase(args[0]!, n, false), pattern], n, ctx);
  },
  doc: {
    description: 'Case-insensitive SQL LIKE: true when the lower-cased string matches the lower-cased pattern.',
    example: "df.filter(col('name').ilike('al%'))",
  },
};

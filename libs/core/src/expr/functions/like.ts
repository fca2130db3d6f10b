// like(str, pattern): SQL LIKE with `%` (any run), `_` (one character) and `\` escaping; compiled regexes are cached per pattern.
import type * as arrow from 'apache-arrow';
import { BooleanT } from '../../types/data-type.js';
import { ExecutionError } from '../../errors.js';
import { andValidity, bit, booleanData, stringParts, validityOf } from '../eval/columns.js';
import { bytesEqual, decodeUtf8 } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

const ESCAPE = '\\';
const MAX_CACHE = 1024;
const cache = new Map<string, RegExp>();

/** Escapes a regex syntax character; only those may be escaped under the `u` flag. */
function quote(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Spark's `StringUtils.escapeLikeRegex`, as a JS regex anchored at both ends; `.` matches newlines and code points. */
export function likeToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ESCAPE) {
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
      out += quote(next);
    } else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += quote(c);
  }
  const re = new RegExp(`^${out}$`, 'su');
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(pattern, re);
  return re;
}

export const like: ScalarFunctionDef = {
  name: 'like',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('like', '2', argTypes.length);
    return allStrings('like', argTypes, BooleanT);
  },
  eval(args: readonly arrow.Data[], n: number) {
    const s = stringParts(args[0]!);
    const p = stringParts(args[1]!);
    const validity = andValidity(validityOf(args[0]!), validityOf(args[1]!), n);
    const bits = new Uint8Array((n + 7) >> 3);
    // The pattern is nearly always a literal: reuse the regex while the pattern bytes repeat.
    let re: RegExp | null = null;
    let lastStart = -1;
    let lastEnd = -1;
    for (let i = 0; i < n; i++) {
      if (validity && !bit(validity, i)) continue;
      const ps = p.offsets[i]!;
      const pe = p.offsets[i + 1]!;
      if (re === null || !bytesEqual(p.bytes, ps, pe, p.bytes, lastStart, lastEnd)) {
        re = likeToRegExp(decodeUtf8(p.bytes, ps, pe));
        lastStart = ps;
        lastEnd = pe;
      }
      if (re.test(decodeUtf8(s.bytes, s.offsets[i]!, s.offsets[i + 1]!))) bits[i >> 3]! |= 1 << (i & 7);
    }
    return booleanData(n, bits, validity);
  },
  doc: {
    description: "SQL LIKE: true when the string matches the pattern, where '%' matches any sequence and '_' any one character ('\\' escapes).",
    example: "df.filter(col('name').like('Al%'))",
  },
};

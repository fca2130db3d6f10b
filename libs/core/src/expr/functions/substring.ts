// substring(str, pos[, len]): 1-based; pos 0 acts as 1, negative pos counts from the end (Spark's `substringSQL`).
import type * as arrow from 'apache-arrow';
import { IntegerT, isIntegral, StringT } from '../../types/data-type.js';
import { andValidity, bit, int32Values, stringParts, validityOf } from '../eval/columns.js';
import { charPos, countChars, StringBuilder } from '../eval/strings.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** Character range [start, end) of Spark's `substringSQL(pos, length)` over a string of `numChars` characters. */
export function substringRange(numChars: number, pos: number, len: number): [number, number] {
  let start = pos > 0 ? pos - 1 : pos < 0 ? numChars + pos : 0;
  const sum = start + len;
  const end = sum > INT_MAX ? INT_MAX : sum < INT_MIN ? INT_MIN : sum;
  start = Math.max(start, 0);
  const stop = Math.min(end, numChars);
  return start >= stop ? [0, 0] : [start, stop];
}

export const substring: ScalarFunctionDef = {
  name: 'substring',
  aliases: ['substr'],
  // Spark's two-argument constructor fills in len = Int.MaxValue, so names print it: substr(s, 2, 2147483647).
  completeArgs: (args) => (args.length === 2 ? [...args, { kind: 'literal', value: INT_MAX, dataType: IntegerT }] : args),
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('substring', '[2, 3]', argTypes.length);
    if (!castableToString(argTypes[0]!)) return unexpectedType('substring', 0, '"STRING"', argTypes[0]!);
    for (let i = 1; i < argTypes.length; i++) {
      const t = argTypes[i]!;
      if (!isIntegral(t) && t.kind !== 'null') return unexpectedType('substring', i, '"INT"', t);
    }
    return { argTypes: argTypes.map((_, i) => (i === 0 ? StringT : IntegerT)), dataType: StringT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [str, posD, lenD] = args as [arrow.Data, arrow.Data, arrow.Data | undefined];
    const { offsets, bytes } = stringParts(str);
    const pos = int32Values(posD);
    const len = lenD ? int32Values(lenD) : null;
    let validity = andValidity(validityOf(str), validityOf(posD), n);
    if (lenD) validity = andValidity(validity, validityOf(lenD), n);
    const out = new StringBuilder(n, bytes.length);
    for (let i = 0; i < n; i++) {
      if (validity && !bit(validity, i)) {
        out.appendNull();
        continue;
      }
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      const numChars = countChars(bytes, s, e);
      const [a, b] = substringRange(numChars, pos[i]!, len ? len[i]! : INT_MAX);
      if (numChars === e - s) out.appendBytes(bytes, s + a, s + b);
      else {
        const bs = charPos(bytes, s, e, a);
        out.appendBytes(bytes, bs, charPos(bytes, bs, e, b - a));
      }
    }
    return out.finish();
  },
  doc: {
    description: 'The substring that starts at `pos` (1-based; negative counts from the end) and is `len` characters long.',
    example: "df.select(substring(col('name'), 1, 3))",
  },
};

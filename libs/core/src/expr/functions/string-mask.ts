// mask(str, upperChar, lowerChar, digitChar, otherChar): each upper-case letter, lower-case letter and digit
// replaced by its character (Java's Character.isUpperCase/isLowerCase/isDigit); a NULL replacement keeps that kind.
import type * as arrow from 'apache-arrow';
import { StringT } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit, nullableOf, prettyName } from '../expression.js';
import { valueReader } from '../eval/values.js';
import { StringBuilder } from '../eval/strings.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

const PARAMS = ['upperChar', 'lowerChar', 'digitChar', 'otherChar'];
const DEFAULTS: readonly (string | null)[] = ['X', 'x', 'n', null];
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const DIGIT = /^\p{Nd}$/u;

function replacement(e: Expression | undefined): string | null {
  return e && e.kind === 'literal' && e.value !== null ? String(e.value) : null;
}

export const mask: ScalarFunctionDef = {
  name: 'mask',
  completeArgs: (args) => (args.length >= 1 && args.length < 5 ? [...args, ...DEFAULTS.slice(args.length - 1).map((d) => lit(d, StringT))] : args),
  resolve() {
    throw new Error('mask resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length < 1 || args.length > 5) return { ...wrongArgCount('mask', '[1, 2, 3, 4, 5]', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const input = dataTypeOf(args[0]!);
    if (!castableToString(input)) return { ...unexpectedType('mask', 0, '"STRING"', input), errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    const out: Expression[] = [input.kind === 'string' ? args[0]! : { kind: 'cast', child: args[0]!, to: StringT, implicit: true } as Expression];
    for (let k = 1; k < args.length; k++) {
      const a = args[k]!;
      const t = dataTypeOf(a);
      if (a.kind !== 'literal') {
        return { error: `the input \`${PARAMS[k - 1]}\` should be a foldable "STRING" expression; however, got "${prettyName(a)}".`, errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
      }
      if (t.kind !== 'string' && t.kind !== 'null') return { ...unexpectedType('mask', k, '"STRING"', t), errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
      if (a.value !== null && [...String(a.value)].length !== 1) {
        return { error: `Length of ${PARAMS[k - 1]} should be 1.`, errorClass: 'DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE' };
      }
      out.push(a);
    }
    return { args: out, dataType: StringT, nullable: nullableOf(args[0]!) };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const read = valueReader(args[0]!, StringT) as (i: number) => string | null;
    const [up, low, dig, other] = [1, 2, 3, 4].map((k) => replacement(call?.args[k]) ?? (k < 4 && !call ? DEFAULTS[k - 1]! : null));
    const out = new StringBuilder(n);
    for (let i = 0; i < n; i++) {
      const s = read(i);
      if (s === null) {
        out.appendNull();
        continue;
      }
      let r = '';
      for (const ch of s) {
        if (UPPER.test(ch)) r += up ?? ch;
        else if (LOWER.test(ch)) r += low ?? ch;
        else if (DIGIT.test(ch)) r += dig ?? ch;
        else r += other ?? ch;
      }
      out.appendString(r);
    }
    return out.finish();
  },
  doc: { description: "Masks a string: upper-case letters become upperChar ('X'), lower-case lowerChar ('x'), digits digitChar ('n'), others otherChar (kept when NULL).", example: "df.select(mask(col('card'), lit('X'), lit('x'), lit('#')))" },
};

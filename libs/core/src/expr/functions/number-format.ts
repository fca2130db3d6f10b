// to_number/try_to_number (string → decimal) and to_char/to_varchar (decimal → string) with Spark's number format
// strings (ToNumberParser): 0 and 9 digits, `.`/`D` decimal point, `,`/`G` grouping, `$`, `S` (sign, first or
// last), `MI` (trailing minus), `PR` (angle brackets for negatives). The format must be a literal.
import type * as arrow from 'apache-arrow';
import { AnalysisError, IllegalArgumentError } from '../../errors.js';
import { type DataType, DecimalT, fromArrowType, isNumeric, StringT } from '../../types/data-type.js';
import { castColumn } from '../eval/cast.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { type Expression, dataTypeOf, nullableOf } from '../expression.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { tryVariant } from './string-extra.js';

type Token = { kind: 'digits'; groups: number[]; zeros: boolean[] } | { kind: 'point' | 'dollar' | 'sign' | 'mi' | 'pr' };
type Format = { tokens: Token[]; precision: number; scale: number; text: string };

function invalid(fmt: string, what: string): never {
  throw new AnalysisError(`INVALID_FORMAT.${what === 'digit' ? 'WRONG_NUM_DIGIT' : 'UNEXPECTED_TOKEN'}`,
    what === 'digit' ? `The format is invalid: '${fmt}'. The format string requires at least one number digit.` : `The format is invalid: '${fmt}'. Found the unexpected ${what} in the format string.`, { format: `'${fmt}'` });
}

export function parseNumberFormat(text: string): Format {
  const f = text.toUpperCase();
  const tokens: Token[] = [];
  let precision = 0;
  let scale = 0;
  let afterPoint = false;
  for (let i = 0; i < f.length; ) {
    const ch = f[i]!;
    if (ch === '0' || ch === '9' || ch === ',' || ch === 'G') {
      const groups: number[] = [0];
      const zeros: boolean[] = [];
      for (; i < f.length && '09,G'.includes(f[i]!); i++) {
        if (f[i] === ',' || f[i] === 'G') groups.push(0);
        else {
          groups[groups.length - 1]!++;
          zeros.push(f[i] === '0');
        }
      }
      const n = groups.reduce((a, b) => a + b, 0);
      precision += n;
      if (afterPoint) scale += n;
      tokens.push({ kind: 'digits', groups, zeros });
      continue;
    }
    if (ch === '.' || ch === 'D') {
      if (afterPoint) invalid(text, `token '${ch}'`);
      afterPoint = true;
      tokens.push({ kind: 'point' });
    } else if (ch === '$') tokens.push({ kind: 'dollar' });
    else if (ch === 'S') tokens.push({ kind: 'sign' });
    else if (f.startsWith('MI', i)) {
      tokens.push({ kind: 'mi' });
      i++;
    } else if (f.startsWith('PR', i)) {
      tokens.push({ kind: 'pr' });
      i++;
    } else if (precision === 0 && !/[09]/.test(f)) invalid(f, 'digit');
    else invalid(text, `character '${ch}'`);
    i++;
  }
  if (precision === 0) invalid(f, 'digit');
  return { tokens, precision, scale, text };
}

function mismatch(fmt: string, input: string): never {
  throw new IllegalArgumentError('INVALID_FORMAT.MISMATCH_INPUT', `The format is invalid: ${fmt}. The input "STRING" ${input} does not match the format.`, { inputType: '"STRING"', input, format: fmt });
}

/** The unscaled value of `input` read with `f` (as decimal(precision, scale)), or a MISMATCH_INPUT error. */
function parseNumber(f: Format, input: string): bigint {
  let s = input.trim();
  let neg = false;
  const last = f.tokens[f.tokens.length - 1];
  if (last?.kind === 'pr' && s.startsWith('<') && s.endsWith('>')) {
    neg = true;
    s = s.slice(1, -1);
  }
  let pos = 0;
  let intDigits = '';
  let fracDigits = '';
  let afterPoint = false;
  for (const t of f.tokens) {
    switch (t.kind) {
      case 'sign':
        if (s[pos] === '-' || s[pos] === '+') neg = s[pos++] === '-';
        break;
      case 'mi':
        if (s[pos] === '-') {
          neg = true;
          pos++;
        }
        break;
      case 'pr':
        break;
      case 'dollar':
        if (s[pos] !== '$') mismatch(f.text, input);
        pos++;
        break;
      case 'point':
        afterPoint = true;
        if (s[pos] === '.') pos++;
        break;
      case 'digits': {
        const m = /^[0-9,]*/.exec(s.slice(pos))![0];
        pos += m.length;
        const groups = m.split(',');
        const want = t.groups;
        if (groups.length > want.length) mismatch(f.text, input);
        // Groups line up from the right: each is as long as the format's, the first one at most as long.
        for (let k = 1; k <= groups.length; k++) {
          const g = groups[groups.length - k]!;
          const w = want[want.length - k]!;
          if (k < groups.length ? g.length !== w : g.length > w) mismatch(f.text, input);
          if (groups.length > 1 && k < groups.length && g.length === 0) mismatch(f.text, input);
        }
        if (afterPoint) fracDigits += groups.join('');
        else intDigits += groups.join('');
        break;
      }
    }
  }
  if (pos !== s.length || intDigits.length + fracDigits.length === 0) mismatch(f.text, input);
  const v = BigInt((intDigits || '0') + fracDigits.padEnd(f.scale, '0'));
  return neg ? -v : v;
}

/** `value` (unscaled, of `scale`) written with `f`; digits that do not fit give `#` in every digit position. */
export function formatNumber(f: Format, value: bigint, scale: number): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(scale + 1, '0');
  let int = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const intPositions = f.tokens.filter((t, k) => t.kind === 'digits' && !f.tokens.slice(0, k).some((x) => x.kind === 'point')).reduce((a, t) => a + (t as { groups: number[] }).groups.reduce((x, y) => x + y, 0), 0);
  const overflow = int.replace(/^0+/, '').length > intPositions || frac.length > f.scale;
  if (int === '') int = '0';
  frac = frac.padEnd(f.scale, '0');
  let out = '';
  let afterPoint = false;
  // A zero integer part prints as 0 before a decimal point (0.50), but as blanks (0 positions too, as Spark) when
  // the format has none.
  let intLeft = int.replace(/^0+(?=.)/, '');
  const blankZero = intLeft === '0' && !f.tokens.some((t) => t.kind === 'point');
  if (blankZero) intLeft = '';
  for (const t of f.tokens) {
    switch (t.kind) {
      case 'sign':
        out += neg ? '-' : '+';
        break;
      case 'mi':
        out += neg ? '-' : ' ';
        break;
      case 'pr':
        break;
      case 'dollar':
        out += '$';
        break;
      case 'point':
        afterPoint = true;
        out += '.';
        break;
      case 'digits': {
        const total = t.groups.reduce((a, b) => a + b, 0);
        if (afterPoint) {
          for (let k = 0; k < total; k++) out += overflow ? '#' : frac[k] ?? '0';
          frac = frac.slice(total);
          break;
        }
        // Integer digits right-aligned; unused positions are spaces for 9 and zeros for 0, separators left of
        // the first printed digit spaces.
        const mine = intLeft.slice(Math.max(0, intLeft.length - total));
        intLeft = intLeft.slice(0, Math.max(0, intLeft.length - total));
        const padded = mine.padStart(total, '\u0000');
        let k = 0;
        let started = false;
        for (let gi = 0; gi < t.groups.length; gi++) {
          if (gi > 0) out += overflow ? ' ' : started ? ',' : ' ';
          for (let j = 0; j < t.groups[gi]!; j++, k++) {
            const d = padded[k]!;
            if (overflow) out += '#';
            else if (d !== '\u0000') {
              out += d;
              started = true;
            } else if (t.zeros[k] && !blankZero) {
              out += '0';
              started = true;
            } else out += ' ';
          }
        }
        break;
      }
    }
  }
  if (f.tokens[f.tokens.length - 1]?.kind === 'pr') out = neg ? `<${out}>` : `${out}  `;
  return out;
}

function formatArg(fn: string, args: readonly Expression[]): Format | null | { error: string; errorClass?: string } {
  const f = args[1]!;
  if (f.kind !== 'literal') return { error: `the input \`format\` should be a foldable "STRING" expression; however, got "${f.kind}".`, errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
  if (f.value === null) return null;
  if (dataTypeOf(f).kind !== 'string') return unexpectedType(fn, 1, '"STRING"', dataTypeOf(f));
  return parseNumberFormat(String(f.value));
}

function formatOf(call: { args: readonly Expression[] } | undefined): Format | null {
  const f = call?.args[1];
  return f && f.kind === 'literal' && f.value !== null ? parseNumberFormat(String(f.value)) : null;
}

export const toNumber: ScalarFunctionDef = {
  name: 'to_number',
  resolve() {
    throw new Error('to_number resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('to_number', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = dataTypeOf(args[0]!);
    if (t.kind !== 'string' && t.kind !== 'null') return { ...unexpectedType('to_number', 0, '"STRING"', t), errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    const f = formatArg('to_number', args);
    if (f && 'error' in f) return f;
    return { args, dataType: f ? DecimalT(f.precision, f.scale) : DecimalT(10, 0), nullable: f === null || nullableOf(args[0]!) };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const f = formatOf(call);
    const type = call?.dataType ?? DecimalT(10, 0);
    const read = valueReader(args[0]!, fromArrowType(args[0]!.type)) as (i: number) => string | null;
    const out: (bigint | null)[] = [];
    for (let i = 0; i < n; i++) {
      const s = read(i);
      out.push(s === null || f === null ? null : parseNumber(f, s));
    }
    return buildColumn(type, out);
  },
  doc: { description: 'The string read as a decimal with a number format (0 9 . D , G $ S MI PR); a string that does not match is an error.', example: "df.select(to_number(col('s'), lit('$99.99')))" },
};

export const tryToNumber = tryVariant('try_to_number', toNumber);

function toCharFunction(name: string): ScalarFunctionDef {
  return {
    name,
    resolve() {
      throw new Error(`${name} resolves from its arguments`);
    },
    resolveArgs(args) {
      if (args.length !== 2) return { ...wrongArgCount(name, '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
      const t: DataType = dataTypeOf(args[0]!);
      if (!isNumeric(t) && t.kind !== 'null') return { ...unexpectedType(name, 0, '"DECIMAL"', t), errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
      const f = formatArg(name, args);
      if (f && 'error' in f) return f;
      return { args, dataType: StringT, nullable: f === null || nullableOf(args[0]!), name: 'to_char' };
    },
    eval(args: readonly arrow.Data[], n: number, ctx, call) {
      const f = formatOf(call);
      const from = fromArrowType(args[0]!.type);
      // Integers and doubles are read as decimals (doubles through their 17-digit decimal form).
      const dt = from.kind === 'decimal' ? from : from.kind === 'float64' ? DecimalT(38, 17) : DecimalT(20, 0);
      const d = from.kind === 'decimal' ? args[0]! : castColumn(args[0]!, from, dt, n, ctx);
      const read = valueReader(d, dt) as (i: number) => bigint | null;
      const out: (string | null)[] = [];
      for (let i = 0; i < n; i++) {
        const v = read(i);
        out.push(v === null || f === null ? null : formatNumber(f, v, (dt as { scale: number }).scale));
      }
      return buildColumn(StringT, out);
    },
    doc: { description: 'The number as a string in a number format (0 9 . D , G $ S MI PR); digits that do not fit print as #.', example: `df.select(${name}(col('x'), lit('9,999.99')))` },
  };
}

export const toChar = toCharFunction('to_char');
export const toVarchar = toCharFunction('to_varchar');

export const NUMBER_FORMAT_FUNCTIONS: readonly ScalarFunctionDef[] = [toNumber, tryToNumber, toChar, toVarchar];

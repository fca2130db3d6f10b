// format_number(x, d | pattern): Java's DecimalFormat (Locale.US) as Spark's FormatNumber uses it — grouping by
// thousands, HALF_EVEN rounding of the exact value to `d` places (NULL for d < 0); a string `d` is a DecimalFormat
// pattern, of which prefixes and suffixes, `#`, `0`, `,`, `.`, `%` and a `;` negative form are supported.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { type DataType, IntegerT, isNumeric, StringT } from '../../types/data-type.js';
import { bit, float64Values, int32Values, int64Values, stringParts } from '../eval/columns.js';
import { decodeUtf8, StringBuilder } from '../eval/strings.js';
import { decimalWords, readDecimal } from '../../execution/decimal-data.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { validAll } from './string-kernels.js';

interface NumberPattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly negPrefix: string;
  readonly negSuffix: string;
  readonly minInt: number;
  readonly minFrac: number;
  readonly maxFrac: number;
  /** 0 = no grouping. */
  readonly grouping: number;
  readonly percent: boolean;
}

const DEFAULT = '#,###,###,###,###,###,##0';

/** The subset of DecimalFormat's pattern syntax Kindling reads; other patterns are refused by name. */
export function parsePattern(text: string): NumberPattern {
  const p = text === '' ? DEFAULT : text;
  if (/['¤‰E]/.test(p)) {
    throw new ExecutionError('UNSUPPORTED_FEATURE.FORMAT_NUMBER_PATTERN', `format_number: Kindling does not support the DecimalFormat pattern '${text}' (quotes, currency, per mille and exponents).`);
  }
  const [pos, neg] = p.split(';') as [string, string | undefined];
  const m = /^([^#0,.]*)([#0,.]*)(.*)$/.exec(pos)!;
  const [, prefix, body, suffix] = m as unknown as [string, string, string, string];
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const fracPart = dot < 0 ? '' : body.slice(dot + 1).replace(/,/g, '');
  let minInt = (intPart.match(/0/g) ?? []).length;
  // DecimalFormat's applyPattern: "#.##" keeps one integer digit.
  if (minInt === 0 && dot >= 0 && intPart.includes('#')) minInt = 1;
  const lastComma = intPart.lastIndexOf(',');
  const grouping = lastComma < 0 ? 0 : intPart.length - lastComma - 1;
  const nm = neg === undefined ? null : /^([^#0,.]*)[#0,.]*(.*)$/.exec(neg)!;
  return {
    prefix, suffix, negPrefix: nm ? nm[1]! : `-${prefix}`, negSuffix: nm ? nm[2]! : suffix,
    minInt, minFrac: (fracPart.match(/0/g) ?? []).length, maxFrac: fracPart.length, grouping,
    percent: prefix.includes('%') || suffix.includes('%'),
  };
}

function fixedPattern(d: number): NumberPattern {
  return { prefix: '', suffix: '', negPrefix: '-', negSuffix: '', minInt: 1, minFrac: d, maxFrac: d, grouping: 3, percent: false };
}

/** |value| = digits / 10^scale, rounded HALF_EVEN to `places`; returns the digits at that scale. */
function roundHalfEven(digits: bigint, scale: number, places: number): bigint {
  if (places >= scale) return digits * 10n ** BigInt(places - scale);
  const div = 10n ** BigInt(scale - places);
  const q = digits / div;
  const r = digits % div;
  const twice = 2n * r;
  return twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
}

/** A finite double's magnitude rounded HALF_EVEN to `places` (its exact binary value decides ties), as digits. */
function doubleDigits(x: number, places: number): bigint {
  const a = Math.abs(x);
  // The shortest decimal form is what DecimalFormat prints when it has no more places than asked for.
  const [mant, e] = a.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(e);
  const frac = Math.max(0, digits.length - 1 - exp);
  if (frac <= places) return roundHalfEven(BigInt(digits) * (exp >= digits.length - 1 ? 10n ** BigInt(exp - digits.length + 1) : 1n), frac, places);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const be = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e2: number;
  if (be === 0) e2 = -1074;
  else {
    m |= 1n << 52n;
    e2 = be - 1075;
  }
  if (e2 >= 0) return (m << BigInt(e2)) * 10n ** BigInt(places);
  const num = m * 10n ** BigInt(places);
  const den = 1n << BigInt(-e2);
  const q = num / den;
  const twice = 2n * (num % den);
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}

/** Digits (at `maxFrac` places) laid out by the pattern, with the sign's prefix and suffix. */
function layout(p: NumberPattern, scaled: bigint, negative: boolean): string {
  let s = scaled.toString();
  if (s.length <= p.maxFrac) s = '0'.repeat(p.maxFrac - s.length + 1) + s;
  let int = s.slice(0, s.length - p.maxFrac);
  let frac = s.slice(s.length - p.maxFrac);
  while (frac.length > p.minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  int = int.replace(/^0+/, '');
  if (int.length < p.minInt) int = '0'.repeat(p.minInt - int.length) + int;
  if (int === '' && frac === '') int = '0';
  if (p.grouping > 0) int = int.replace(new RegExp(`\\B(?=(\\d{${p.grouping}})+(?!\\d))`, 'g'), ',');
  const body = frac ? `${int}.${frac}` : int;
  return negative ? `${p.negPrefix}${body}${p.negSuffix}` : `${p.prefix}${body}${p.suffix}`;
}

export const formatNumber: ScalarFunctionDef = {
  name: 'format_number',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('format_number', '2', argTypes.length);
    const [x, d] = argTypes as [DataType, DataType];
    if (!isNumeric(x) && x.kind !== 'null') return unexpectedType('format_number', 0, '"NUMERIC"', x);
    if (d.kind === 'string') return { argTypes: [x.kind === 'null' ? IntegerT : x, StringT], dataType: StringT };
    if (!isNumeric(d) && d.kind !== 'null') return unexpectedType('format_number', 1, '("INT" or "STRING")', d);
    return { argTypes: [x.kind === 'null' ? IntegerT : x, IntegerT], dataType: StringT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [x, d] = args as [arrow.Data, arrow.Data];
    const valid = validAll(args, n);
    const out = new StringBuilder(n, n * 16);
    const patternText = d.typeId === 5 /* Utf8 */ ? stringParts(d) : null;
    const places = patternText ? null : int32Values(d);
    const kind = x.typeId === 3 ? 'float' : x.typeId === 7 ? 'decimal' : (x.type as { bitWidth?: number }).bitWidth === 64 ? 'long' : 'int';
    const f = kind === 'float' ? float64Values(x) : null;
    const l = kind === 'long' ? int64Values(x) : null;
    const iv = kind === 'int' ? int32Values(x) : null;
    const words = kind === 'decimal' ? decimalWords(x) : null;
    const scale = kind === 'decimal' ? (x.type as unknown as { scale: number }).scale : 0;
    let cached: NumberPattern | null = null;
    let cachedText: string | null = null;
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      let p: NumberPattern;
      if (patternText) {
        const t = decodeUtf8(patternText.bytes, patternText.offsets[i]!, patternText.offsets[i + 1]!);
        if (t !== cachedText) {
          cached = parsePattern(t);
          cachedText = t;
        }
        p = cached!;
      } else {
        const k = places![i]!;
        if (k < 0) {
          out.appendNull();
          continue;
        }
        p = fixedPattern(k);
      }
      const mul = p.percent ? 100n : 1n;
      if (f) {
        const v = f[i]! * (p.percent ? 100 : 1);
        if (Number.isNaN(v)) out.appendString('NaN');
        else if (!Number.isFinite(v)) out.appendString(v > 0 ? `${p.prefix}∞${p.suffix}` : `${p.negPrefix}∞${p.negSuffix}`);
        else out.appendString(layout(p, doubleDigits(v, p.maxFrac), v < 0 || Object.is(v, -0)));
      } else {
        const unscaled = words ? readDecimal(words, i) : l ? l[i]! : BigInt(iv![i]!);
        const u = unscaled * mul;
        const neg = u < 0n;
        out.appendString(layout(p, roundHalfEven(neg ? -u : u, scale, p.maxFrac), neg));
      }
    }
    return out.finish();
  },
  doc: { description: "The number with thousands grouping, rounded HALF_EVEN to `d` decimal places (NULL for d < 0), or laid out by a DecimalFormat pattern.", example: "df.select(format_number(col('x'), 2))" },
};

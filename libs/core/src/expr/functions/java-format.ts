// java.util.Formatter's conversions as Spark's format_string/printf reach them: Spark passes its internal values
// (Integer, Long, Double, UTF8String, Decimal; dates as Integer days, timestamps as Long micros), so a conversion
// that Java refuses for that class fails with Java's message (`d != java.lang.Double`).
import { IllegalArgumentError } from '../../errors.js';
import type { DataType } from '../../types/data-type.js';
import { formatDecimal } from '../../types/decimal.js';
import { formatDouble } from '../expression.js';

/** One argument: its Java class and value (null for SQL NULL). */
export type JavaArg =
  | { readonly cls: 'Integer' | 'Long'; readonly v: bigint | null }
  | { readonly cls: 'Double'; readonly v: number | null }
  | { readonly cls: 'Boolean'; readonly v: boolean | null }
  | { readonly cls: 'UTF8String'; readonly v: string | null }
  | { readonly cls: 'Decimal'; readonly v: string | null }
  | { readonly cls: 'Null'; readonly v: null };

const CLASS_NAMES: Record<JavaArg['cls'], string> = {
  Integer: 'java.lang.Integer', Long: 'java.lang.Long', Double: 'java.lang.Double', Boolean: 'java.lang.Boolean',
  UTF8String: 'org.apache.spark.unsafe.types.UTF8String', Decimal: 'org.apache.spark.sql.types.Decimal', Null: 'null',
};

/** The Java class Spark's format_string hands the formatter for a column of `t` (undefined: not supported). */
export function javaClassOf(t: DataType): JavaArg['cls'] | undefined {
  switch (t.kind) {
    case 'int32': case 'date': return 'Integer';
    case 'int64': case 'timestamp': return 'Long';
    case 'float64': return 'Double';
    case 'boolean': return 'Boolean';
    case 'string': return 'UTF8String';
    case 'decimal': return 'Decimal';
    case 'null': return 'Null';
    default: return undefined;
  }
}

export function javaDecimalText(v: bigint, scale: number): string {
  return formatDecimal(v, scale);
}

type Spec = { index: number | 'next' | 'prev'; flags: string; width: number | null; precision: number | null; conv: string; text: string };
type Piece = string | Spec;

const SPEC = /%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])/y;

function fail(cls: string, message: string): never {
  throw new IllegalArgumentError(cls, message);
}

/** Splits a format string into literal text and specifiers (Formatter.parse), raising Java's errors. */
export function parseFormat(format: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < format.length) {
    const p = format.indexOf('%', i);
    if (p < 0) {
      out.push(format.slice(i));
      break;
    }
    if (p > i) out.push(format.slice(i, p));
    SPEC.lastIndex = p;
    const m = SPEC.exec(format);
    if (!m) fail('UnknownFormatConversionException', `Conversion = '${format[p + 1] ?? '%'}'`);
    if (m[5]) fail('UnknownFormatConversionException', `Conversion = '${m[5]}${m[6]}'`);
    const flags = m[2] ?? '';
    const conv = m[6]!;
    const rel = flags.includes('<');
    out.push({
      index: rel ? 'prev' : m[1] ? Number(m[1].slice(0, -1)) : 'next',
      flags: flags.replace('<', ''),
      width: m[3] ? Number(m[3]) : null,
      precision: m[4] ? Number(m[4].slice(1)) : null,
      conv,
      text: m[0],
    });
    i = p + m[0].length;
  }
  return out;
}

function checkFlags(s: Spec): void {
  const f = s.flags;
  if (!'bBhHsScCdoxXeEfgGaA%n'.includes(s.conv)) fail('UnknownFormatConversionException', `Conversion = '${s.conv}'`);
  if ((f.includes('-') && f.includes('0')) || (f.includes('+') && f.includes(' '))) fail('IllegalFormatFlagsException', `Flags = '${f}'`);
  if ((f.includes('-') || f.includes('0')) && s.width === null) fail('MissingFormatWidthException', s.text);
  if (s.conv === 'n' || s.conv === '%') {
    if (s.conv === 'n' && (s.width !== null || s.precision !== null)) fail('IllegalFormatWidthException', String(s.width ?? s.precision));
    const bad = [...f].find((c) => c !== '-');
    if (bad) fail('IllegalFormatFlagsException', `Flags = '${f}'`);
    return;
  }
  const mismatch = (allowed: string) => {
    const bad = [...f].find((c) => !allowed.includes(c));
    if (bad) fail('FormatFlagsConversionMismatchException', `Conversion = ${s.conv}, Flags = ${bad}`);
  };
  const lower = s.conv.toLowerCase();
  if ('bhs'.includes(lower)) mismatch('-');
  else if (lower === 'c') mismatch('-');
  else if (lower === 'd') mismatch('-+ 0,(');
  else if ('ox'.includes(lower)) mismatch('-#0');
  else if (lower === 'e') mismatch('-#+ 0(');
  else if (lower === 'f') mismatch('-#+ 0,(');
  else if (lower === 'g') mismatch('-+ 0,(');
  if ('cdox'.includes(lower) && s.precision !== null) fail('IllegalFormatPrecisionException', String(s.precision));
}

function pad(s: Spec, body: string): string {
  if (s.width === null || body.length >= s.width) return body;
  const fill = ' '.repeat(s.width - body.length);
  return s.flags.includes('-') ? body + fill : fill + body;
}

function upperIf(s: Spec, text: string): string {
  return s.conv === s.conv.toUpperCase() && s.conv !== '%' ? text.toUpperCase() : text;
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Sign, grouping, parentheses and zero padding of a number whose digits are `mag` (Formatter's leadingSign etc). */
function signed(s: Spec, neg: boolean, mag: string): string {
  const f = s.flags;
  let body = mag;
  if (f.includes(',')) {
    const dot = body.search(/[.eE]/);
    const intPart = dot < 0 ? body : body.slice(0, dot);
    body = group(intPart) + (dot < 0 ? '' : body.slice(dot));
  }
  const pre = neg ? (f.includes('(') ? '(' : '-') : f.includes('+') ? '+' : f.includes(' ') ? ' ' : '';
  const post = neg && f.includes('(') ? ')' : '';
  if (f.includes('0') && s.width !== null) {
    const zeros = s.width - pre.length - post.length - body.length;
    if (zeros > 0) body = '0'.repeat(zeros) + body;
  }
  return pad(s, pre + body + post);
}

/** Decimal digits of |v| rounded HALF_UP to `prec` places, from the shortest repr (as Java's Formatter does). */
function fixed(abs: number, prec: number): string {
  return roundDecimal(shortestDigits(abs), prec);
}

/** The shortest round-trip decimal of a finite non-negative double: digits and the exponent of the first one. */
function shortestDigits(abs: number): { digits: string; exp: number } {
  if (abs === 0) return { digits: '0', exp: 0 };
  const [m, e] = abs.toExponential().split('e') as [string, string];
  return { digits: m.replace('.', ''), exp: Number(e) };
}

/** `d.digits` × 10^(d.exp) written with `prec` fraction digits, rounded half up. */
function roundDecimal(d: { digits: string; exp: number }, prec: number): string {
  // Scaled integer: digits shifted so that `prec` fraction digits remain, then rounded on the next digit.
  const keep = d.exp + 1 + prec; // number of leading digits kept
  let intDigits: bigint;
  if (keep <= 0) {
    intDigits = keep === 0 && Number(d.digits[0]) >= 5 ? 1n : 0n;
  } else if (keep >= d.digits.length) {
    intDigits = BigInt(d.digits + '0'.repeat(keep - d.digits.length));
  } else {
    intDigits = BigInt(d.digits.slice(0, keep)) + (Number(d.digits[keep]) >= 5 ? 1n : 0n);
  }
  let text = intDigits.toString().padStart(prec + 1, '0');
  if (prec > 0) text = `${text.slice(0, -prec)}.${text.slice(-prec)}`;
  return text;
}

/** Scientific form with `prec` mantissa fraction digits: `1.234568e+04`. */
function scientific(abs: number, prec: number, upper: boolean): string {
  let d = shortestDigits(abs);
  let mant = roundDecimal({ digits: d.digits, exp: 0 }, prec);
  if (mant.startsWith('10')) {
    d = { digits: d.digits, exp: d.exp + 1 };
    mant = roundDecimal({ digits: d.digits, exp: -1 }, prec);
  }
  const e = Math.abs(d.exp);
  const exp = `${d.exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  return `${mant}${upper ? 'E' : 'e'}${exp}`;
}

function formatFloating(s: Spec, v: number): string {
  const lower = s.conv.toLowerCase();
  if (!Number.isFinite(v)) {
    const text = Number.isNaN(v) ? 'NaN' : v > 0 ? (s.flags.includes('+') ? '+Infinity' : 'Infinity') : s.flags.includes('(') ? '(Infinity)' : '-Infinity';
    return pad(s, upperIf(s, text));
  }
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  let prec = s.precision ?? 6;
  let mag: string;
  if (lower === 'f') mag = fixed(abs, prec);
  else if (lower === 'e') mag = scientific(abs, prec, s.conv === 'E');
  else {
    // %g: precision significant digits, fixed for 1e-4 <= rounded < 10^prec, else scientific.
    if (prec === 0) prec = 1;
    const sci = scientific(abs, prec - 1, false);
    const rounded = Number(sci);
    if (abs !== 0 && (rounded < 1e-4 || rounded >= 10 ** prec)) mag = scientific(abs, prec - 1, s.conv === 'G');
    else {
      const exp = abs === 0 ? 0 : Number(sci.slice(sci.indexOf('e') + 1));
      mag = fixed(abs, Math.max(prec - exp - 1, 0));
    }
  }
  if (s.flags.includes('#') && !mag.includes('.') && lower !== 'g') mag = mag.replace(/^(\d+)/, '$1.');
  return signed(s, neg, mag);
}

function unsignedText(v: bigint, bits: number, radix: number): string {
  return (v < 0n ? v + (1n << BigInt(bits)) : v).toString(radix);
}

/** The string form Java's `%s` gives a value of that class (Double.toString, UTF8String.toString, …). */
function stringForm(a: JavaArg): string {
  if (a.v === null) return 'null';
  if (a.cls === 'Double') return formatDouble(a.v);
  return String(a.v);
}

function formatOne(s: Spec, a: JavaArg): string {
  const conv = s.conv;
  const lower = conv.toLowerCase();
  const mismatch = () => fail('IllegalFormatConversionException', `${conv} != ${CLASS_NAMES[a.cls]}`);
  if (lower === 'b') {
    const text = a.v === null ? 'false' : a.cls === 'Boolean' ? String(a.v) : 'true';
    return pad(s, upperIf(s, s.precision !== null ? text.slice(0, s.precision) : text));
  }
  if (a.v === null) {
    const text = s.precision !== null ? 'null'.slice(0, s.precision) : 'null';
    return pad(s, upperIf(s, text));
  }
  switch (lower) {
    case 's': {
      const text = stringForm(a);
      return pad(s, upperIf(s, s.precision !== null ? [...text].slice(0, s.precision).join('') : text));
    }
    case 'h':
      // Java's hashCode of Spark's internal classes (UTF8String's is Murmur3) is not something Kindling reproduces.
      if (a.cls !== 'Integer' && a.cls !== 'Boolean') fail('UnsupportedFormatConversion', `Kindling's format_string supports %${conv} only for int and boolean arguments`);
      return pad(s, upperIf(s, a.cls === 'Boolean' ? (a.v ? '4cf' : '4d5') : unsignedText(a.v as bigint, 32, 16)));
    case 'c': {
      if (a.cls !== 'Integer') mismatch();
      const cp = Number(a.v);
      if (cp < 0 || cp > 0x10ffff) fail('IllegalFormatCodePointException', `Code point = 0x${unsignedText(BigInt(cp), 32, 16)}`);
      return pad(s, upperIf(s, String.fromCodePoint(cp)));
    }
    case 'd': {
      if (a.cls !== 'Integer' && a.cls !== 'Long') mismatch();
      const v = a.v as bigint;
      return signed(s, v < 0n, (v < 0n ? -v : v).toString());
    }
    case 'o':
    case 'x': {
      if (a.cls !== 'Integer' && a.cls !== 'Long') mismatch();
      let text = unsignedText(a.v as bigint, a.cls === 'Integer' ? 32 : 64, lower === 'o' ? 8 : 16);
      if (s.flags.includes('#')) text = (lower === 'o' ? '0' : '0x') + text;
      if (s.flags.includes('0') && s.width !== null && text.length < s.width) {
        const prefix = lower === 'x' && s.flags.includes('#') ? 2 : 0;
        text = text.slice(0, prefix) + '0'.repeat(s.width - text.length) + text.slice(prefix);
      }
      return pad(s, upperIf(s, text));
    }
    case 'e':
    case 'f':
    case 'g':
      if (a.cls !== 'Double') mismatch();
      return formatFloating(s, a.v as number);
    default:
      return fail('UnknownFormatConversionException', `Conversion = '${conv}'`);
  }
}

/** Formats one row: `pieces` from parseFormat, `args` in order (Formatter.format). */
export function javaFormat(pieces: readonly Piece[], args: readonly JavaArg[]): string {
  let out = '';
  let ordinary = 0;
  let last = -1;
  for (const p of pieces) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    checkFlags(p);
    if (p.conv === '%') {
      out += pad(p, '%');
      continue;
    }
    if (p.conv === 'n') {
      out += '\n';
      continue;
    }
    let idx: number;
    if (p.index === 'prev') {
      if (last < 0) fail('MissingFormatArgumentException', `Format specifier '${p.text}'`);
      idx = last;
    } else if (p.index === 'next') idx = ordinary++;
    else idx = p.index - 1;
    if (idx < 0 || idx >= args.length) fail('MissingFormatArgumentException', `Format specifier '${p.text}'`);
    last = idx;
    out += formatOne(p, args[idx]!);
  }
  return out;
}

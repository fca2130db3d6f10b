// SQL literals → core Literals: numbers with Spark's typing rules and suffixes, typed DATE/TIMESTAMP strings.
import { DateT, DecimalT, DoubleT, IntegerT, LongT, TimestampT } from '@kindling/core';
import { type Literal, type TimeZone, UTC, decimalLiteralOf, lit, parseDate, parseTimestamp } from '@kindling/core/internal';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokenizer.js';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

/**
 * A numeric token (negated when `negative`), typed as Spark's AstBuilder does: an integer is int when it fits,
 * else bigint, else decimal(p, 0); `L` bigint; `S`/`Y` int (Kindling has no smallint/tinyint); a fractional
 * literal without an exponent (`1.5`) and `BD` (`1.50BD`) exact decimals of just their digits (decimal(2,1),
 * decimal(3,2)); an exponent (`1e3`), `D` and `F` double.
 */
export function numberLiteral(ts: TokenStream, t: Token, negative: boolean): Literal {
  const m = /^(.*?)(BD|[LSYDF])?$/i.exec(t.text)!;
  const body = m[1]!;
  const suffix = (m[2] ?? '').toUpperCase();
  const sign = negative ? '-' : '';
  const isIntegral = /^\d+$/.test(body);
  if (suffix === 'BD') return decimalLiteral(ts, t, sign + body);
  // Spark: a fractional literal without an exponent is an exact DECIMAL (`1.5` is decimal(2,1)).
  if (suffix === '' && !isIntegral && !/[eE]/.test(body)) return decimalLiteral(ts, t, sign + body);
  if (suffix === 'D' || suffix === 'F' || suffix === 'BD' || !isIntegral) {
    const v = Number(sign + body);
    if (!Number.isFinite(v)) throw ts.unsupported('INVALID_NUMERIC_LITERAL_RANGE', `Numeric literal ${sign}${t.text} is outside the valid range for double.`, t);
    return lit(v, DoubleT);
  }
  const v = BigInt(sign + body);
  const fits = (lo: bigint, hi: bigint) => v >= lo && v <= hi;
  if (suffix === 'L') {
    if (!fits(LONG_MIN, LONG_MAX)) throw rangeError(ts, t, sign, 'bigint', LONG_MIN, LONG_MAX);
    return lit(v, LongT);
  }
  if (suffix === 'S' || suffix === 'Y') {
    const [lo, hi] = suffix === 'S' ? [-32768n, 32767n] : [-128n, 127n];
    if (!fits(lo, hi)) throw rangeError(ts, t, sign, suffix === 'S' ? 'smallint' : 'tinyint', lo, hi);
    return lit(Number(v), IntegerT);
  }
  if (fits(INT_MIN, INT_MAX)) return lit(Number(v), IntegerT);
  if (fits(LONG_MIN, LONG_MAX)) return lit(v, LongT);
  // Beyond bigint, Spark's AstBuilder makes an integer a BigDecimal literal.
  return decimalLiteral(ts, t, sign + body);
}

function decimalLiteral(ts: TokenStream, t: Token, text: string): Literal {
  const d = decimalLiteralOf(text);
  if (!d) throw ts.unsupported('INVALID_NUMERIC_LITERAL_RANGE', `Numeric literal ${t.text} is outside the valid range for decimal: it has more than 38 digits.`, t);
  return lit(d.unscaled, DecimalT(d.type.precision, d.type.scale));
}

function rangeError(ts: TokenStream, t: Token, sign: string, type: string, lo: bigint, hi: bigint) {
  return ts.unsupported(
    'INVALID_NUMERIC_LITERAL_RANGE',
    `Numeric literal ${sign}${t.text} is outside the valid range for ${type} with minimum value of ${lo} and maximum value of ${hi}. Please adjust the value accordingly.`,
    t,
  );
}

/** `DATE '2020-01-31'`, `TIMESTAMP '2020-01-31 10:00:00'` (a timestamp without a zone is a local time of `zone`). */
export function typedLiteral(ts: TokenStream, typeWord: Token, value: Token, zone: TimeZone = UTC): Literal {
  const type = typeWord.text.toUpperCase();
  if (type === 'DATE') {
    const days = parseDate(value.text);
    if (days !== null) return lit(days, DateT);
  } else {
    const micros = parseTimestamp(value.text, zone);
    if (micros !== null) return lit(micros, TimestampT);
  }
  throw ts.unsupported('INVALID_TYPED_LITERAL', `The value of the typed literal "${type}" is invalid: '${value.text}'.`, typeWord);
}

// Spark's DecimalType rules: precision/scale bounds, the result types of arithmetic (DecimalPrecision with
// `spark.sql.decimalOperations.allowPrecisionLoss=true`), and exact arithmetic on unscaled bigint values.
// A decimal(p, s) value is its unscaled integer v (the number is v / 10^s); every rounding is HALF_UP.

/** Spark's DecimalType.MAX_PRECISION (and MAX_SCALE). */
export const MAX_PRECISION = 38;
/** Spark's DecimalType.MINIMUM_ADJUSTED_SCALE: the fewest fraction digits a result keeps when precision is lost. */
const MINIMUM_ADJUSTED_SCALE = 6;

export interface PrecisionScale {
  readonly precision: number;
  readonly scale: number;
}

const POW10: bigint[] = [1n];
for (let i = 1; i <= 2 * MAX_PRECISION + 2; i++) POW10.push(POW10[i - 1]! * 10n);

/** 10^n as a bigint. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** True when |v| has at most `precision` digits. */
export function fitsPrecision(v: bigint, precision: number): boolean {
  const bound = pow10(precision);
  return v < bound && v > -bound;
}

/** v / 10^k rounded HALF_UP (away from zero on a tie), as java.math.RoundingMode.HALF_UP. */
export function divPow10HalfUp(v: bigint, k: number): bigint {
  if (k <= 0) return v * pow10(-k);
  return divHalfUp(v, pow10(k));
}

/** a / b rounded HALF_UP; b must not be 0. */
export function divHalfUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const absB = b < 0n ? -b : b;
  if (twice < absB) return q;
  // A tie or more: one step away from zero, in the sign of the exact quotient.
  return (a < 0n) !== (b < 0n) ? q - 1n : q + 1n;
}

/** Unscaled `v` of scale `from` as scale `to` (HALF_UP when digits are dropped). */
export function rescale(v: bigint, from: number, to: number): bigint {
  return to >= from ? v * pow10(to - from) : divPow10HalfUp(v, from - to);
}

/**
 * `v` (scale `from`) changed to decimal(p, s): Spark's Decimal.changePrecision with HALF_UP, or null when the
 * value does not fit (non-ANSI overflow is NULL).
 */
export function changePrecision(v: bigint, from: number, to: PrecisionScale): bigint | null {
  const r = rescale(v, from, to.scale);
  return fitsPrecision(r, to.precision) ? r : null;
}

/** Spark's DecimalType.bounded: clamps precision and scale to 38. */
export function bounded(precision: number, scale: number): PrecisionScale {
  return { precision: Math.min(precision, MAX_PRECISION), scale: Math.min(scale, MAX_PRECISION) };
}

/** Spark's DecimalType.adjustPrecisionScale: over 38 digits, integral digits win and the scale shrinks (to ≥ 6). */
export function adjustPrecisionScale(precision: number, scale: number): PrecisionScale {
  if (precision <= MAX_PRECISION) return { precision, scale };
  if (scale < 0) return { precision: MAX_PRECISION, scale };
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  return { precision: MAX_PRECISION, scale: Math.max(MAX_PRECISION - intDigits, minScale) };
}

/** Spark's DecimalPrecision.widerDecimalType: holds every value of both. */
export function widerDecimal(a: PrecisionScale, b: PrecisionScale): PrecisionScale {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return bounded(range + scale, scale);
}

export type DecimalOp = '+' | '-' | '*' | '/' | '%';

/** The result type of `a op b` over decimals (Spark's Add/Subtract/Multiply/Divide/Remainder.resultDecimalType). */
export function arithmeticResultType(op: DecimalOp, a: PrecisionScale, b: PrecisionScale): PrecisionScale {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (op) {
    case '+':
    case '-': {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
      return adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
    }
    case '%': {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
}

/**
 * Exact `a op b` (unscaled values of scales sa, sb) as decimal(result): null on overflow or division by zero.
 * Division first rounds to scale 38 and then to the result scale, as Spark's Decimal `/` (BigDecimal.divide at
 * MAX_SCALE) followed by CheckOverflow does, so the two agree even on a tie made by the first rounding.
 */
export function decimalArithmetic(op: DecimalOp, a: bigint, sa: number, b: bigint, sb: number, result: PrecisionScale): bigint | null {
  switch (op) {
    case '+':
    case '-': {
      const s = Math.max(sa, sb);
      const x = a * pow10(s - sa);
      const y = b * pow10(s - sb);
      return changePrecision(op === '+' ? x + y : x - y, s, result);
    }
    case '*':
      return changePrecision(a * b, sa + sb, result);
    case '/': {
      if (b === 0n) return null;
      // a/10^sa ÷ b/10^sb at scale 38: a * 10^(38 - sa + sb) / b.
      const k = MAX_PRECISION - sa + sb;
      const q = k >= 0 ? divHalfUp(a * pow10(k), b) : divHalfUp(a, b * pow10(-k));
      return changePrecision(q, MAX_PRECISION, result);
    }
    case '%': {
      if (b === 0n) return null;
      const s = Math.max(sa, sb);
      // Truncated remainder: the sign of the dividend, as Java's BigDecimal.remainder.
      return changePrecision((a * pow10(s - sa)) % (b * pow10(s - sb)), s, result);
    }
  }
}

/** The decimal type Spark gives an integral type in decimal arithmetic: int → (10,0), bigint → (20,0). */
export function integralAsDecimal(kind: 'int32' | 'int64'): PrecisionScale {
  return kind === 'int32' ? { precision: 10, scale: 0 } : { precision: 20, scale: 0 };
}

/** Spark's DecimalType.fromLiteral for an integer literal: just as many digits as it has (at least 1). */
export function integerLiteralAsDecimal(v: number | bigint): PrecisionScale {
  const digits = (typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v)).toString().length;
  return { precision: Math.max(digits, 1), scale: 0 };
}

/** Spark's `sum` result type over decimal(p, s): decimal(min(38, p + 10), s). */
export function sumResultType(t: PrecisionScale): PrecisionScale {
  return bounded(t.precision + 10, t.scale);
}

/** Spark's `avg` result type over decimal(p, s): decimal(min(38, p + 4), min(38, s + 4)). */
export function avgResultType(t: PrecisionScale): PrecisionScale {
  return bounded(t.precision + 4, t.scale + 4);
}

/**
 * `avg` = sum / count as Spark's Average.evaluate computes it: the sum (of sumResultType) divided by the count
 * as decimal(20, 0) under the division rules, then cast to the average type (two HALF_UP roundings).
 */
export function decimalAverage(sum: bigint, t: PrecisionScale, count: bigint): bigint | null {
  const sumType = sumResultType(t);
  const countType = { precision: 20, scale: 0 };
  const quotientType = arithmeticResultType('/', sumType, countType);
  const q = decimalArithmetic('/', sum, sumType.scale, count, 0, quotientType);
  return q === null ? null : changePrecision(q, quotientType.scale, avgResultType(t));
}

/** A decimal's plain text (`-1.50`, `0.05`, `12`): every scale digit kept, never an exponent. */
export function formatDecimal(v: bigint, scale: number): string {
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  } else if (scale < 0) digits += '0'.repeat(-scale);
  return neg ? `-${digits}` : digits;
}

/** Parsed decimal text: the unscaled digits and their scale (`1.50` → 150, 2; `1e3` → 1, -3). */
export interface ParsedDecimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses `[+-]digits[.digits][e[+-]digits]` (Java BigDecimal's syntax); null when the text is not a number. */
export function parseDecimal(text: string): ParsedDecimal | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const int = m[2]!;
  const frac = m[3] ?? '';
  if (int.length === 0 && frac.length === 0) return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp)) return null;
  let unscaled = BigInt(int + frac || '0');
  if (m[1] === '-') unscaled = -unscaled;
  return { unscaled, scale: frac.length - exp };
}

/** The digits a value needs: its precision as Java's BigDecimal.precision (0 has precision 1). */
export function digitCount(v: bigint): number {
  return v === 0n ? 1 : (v < 0n ? -v : v).toString().length;
}

/** Spark's type of an exact decimal (a `Decimal` from Python, a `1.50BD` literal): decimal(max(digits, scale), scale). */
export function precisionScaleOf(p: ParsedDecimal): PrecisionScale {
  // A negative scale (1e3) is widened to scale 0, as Spark does with spark.sql.legacy.allowNegativeScaleOfDecimal off.
  const scale = Math.max(p.scale, 0);
  const unscaled = p.scale < 0 ? p.unscaled * pow10(-p.scale) : p.unscaled;
  return { precision: Math.max(digitCount(unscaled), scale), scale };
}

/** The unscaled value and decimal(p, s) of an exact decimal text (`1.50` → 150 as decimal(3,2)); null when malformed or over 38 digits. */
export function decimalLiteralOf(text: string): { readonly unscaled: bigint; readonly type: PrecisionScale } | null {
  const parsed = parseDecimal(text.trim());
  if (!parsed) return null;
  const type = precisionScaleOf(parsed);
  if (type.precision > MAX_PRECISION) return null;
  return { unscaled: parsed.scale < 0 ? parsed.unscaled * pow10(-parsed.scale) : parsed.unscaled, type };
}

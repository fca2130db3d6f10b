// Decimal arithmetic and negation: exact bigint operations on unscaled values, rounded HALF_UP to the result type
// the analyzer fixed (Spark's DecimalPrecision). Non-ANSI, a result that does not fit — or a division or
// remainder by zero — is NULL; ANSI raises NUMERIC_VALUE_OUT_OF_RANGE / DIVIDE_BY_ZERO.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import type { DecimalType } from '../../types/data-type.js';
import { type DecimalOp, decimalArithmetic, formatDecimal, pow10 } from '../../types/decimal.js';
import { andValidity, bit, clearBit, validityOf, writableValidity } from './columns.js';
import { decimalOutOfRange, divideByZero } from './errors.js';

export function decimalArith(
  op: DecimalOp,
  left: arrow.Data,
  lt: DecimalType,
  right: arrow.Data,
  rt: DecimalType,
  result: DecimalType,
  n: number,
  ansi: boolean,
): arrow.Data {
  const validity = writableValidity(andValidity(validityOf(left), validityOf(right), n), n);
  const a = decimalWords(left);
  const b = decimalWords(right);
  const out = new BigInt64Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (!bit(validity, i)) continue;
    const x = readDecimal(a, i);
    const y = readDecimal(b, i);
    const r = decimalArithmetic(op, x, lt.scale, y, rt.scale, result);
    if (r !== null) {
      writeDecimal(out, i, r);
      continue;
    }
    if (ansi) {
      if ((op === '/' || op === '%') && y === 0n) throw divideByZero();
      throw decimalOutOfRange(exactText(op, x, lt.scale, y, rt.scale), result.precision, result.scale);
    }
    clearBit(validity, i);
  }
  return decimalData(result, n, out, validity);
}

/** The exact result the error names (+ - * only; a quotient is shown to the result's scale by the caller's type). */
function exactText(op: DecimalOp, x: bigint, sx: number, y: bigint, sy: number): string {
  const s = Math.max(sx, sy);
  switch (op) {
    case '+':
      return formatDecimal(x * pow10(s - sx) + y * pow10(s - sy), s);
    case '-':
      return formatDecimal(x * pow10(s - sx) - y * pow10(s - sy), s);
    case '*':
      return formatDecimal(x * y, sx + sy);
    default:
      return `${formatDecimal(x, sx)} ${op} ${formatDecimal(y, sy)}`;
  }
}

/** Unary minus: precision is symmetric, so -x always fits x's type. */
export function decimalNegate(d: arrow.Data, type: DecimalType, n: number): arrow.Data {
  const validity = validityOf(d);
  const w = decimalWords(d);
  const out = new BigInt64Array(2 * n);
  for (let i = 0; i < n; i++) if (validity === null || bit(validity, i)) writeDecimal(out, i, -readDecimal(w, i));
  return decimalData(type, n, out, validity ? validity.slice(0, (n + 7) >> 3) : null);
}

// Arithmetic and negation kernels for int32, int64 and float64 columns (both operands of one type).
// Non-ANSI Spark: integer overflow wraps, division or remainder by zero gives NULL; ANSI raises instead.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { simpleString } from '../../types/data-type.js';
import type { ArithmeticOp } from '../expression.js';
import { andValidity, bit, clearBit, float64Values, int32Values, int64Values, int64Words, nullColumn, validityOf, wordsOf, writableValidity } from './columns.js';
import { arithmeticOverflow, divideByZero } from './errors.js';
import { isSafeHi, mulWords, wordsToNumber, writeNumber } from './int64.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

export interface ArithOptions {
  readonly ansi: boolean;
}

export function arithmetic(op: ArithmeticOp, left: arrow.Data, right: arrow.Data, type: DataType, n: number, opts: ArithOptions): arrow.Data {
  if (type.kind === 'null') return nullColumn(op === '/' ? { kind: 'float64' } : type, n);
  const dividing = op === '/' || op === '%';
  const base = andValidity(validityOf(left), validityOf(right), n);
  const validity = dividing ? writableValidity(base, n) : base;
  switch (type.kind) {
    case 'int32':
      if (op === '/') break;
      return primitiveData(type, n, int32Arith(op, int32Values(left), int32Values(right), n, validity, opts.ansi), validity);
    case 'int64':
      if (op === '/') break;
      return primitiveData(type, n, int64Arith(op, left, right, n, validity, opts.ansi), validity);
    case 'float64':
      return primitiveData(type, n, float64Arith(op, float64Values(left), float64Values(right), n, validity!, opts.ansi), validity);
    default:
      break;
  }
  throw new Error(`arithmetic ${op} is not defined on ${simpleString(type)} operands (the analyzer must cast them)`);
}

function valid(v: Uint8Array | null, i: number): boolean {
  return v === null || bit(v, i);
}

function int32Arith(op: ArithmeticOp, a: Int32Array, b: Int32Array, n: number, v: Uint8Array | null, ansi: boolean): Int32Array {
  const out = new Int32Array(n);
  switch (op) {
    case '+':
    case '-':
      for (let i = 0; i < n; i++) {
        const r = op === '+' ? a[i]! + b[i]! : a[i]! - b[i]!;
        if (ansi && (r > INT_MAX || r < INT_MIN) && valid(v, i)) throw arithmeticOverflow('integer');
        out[i] = r | 0;
      }
      break;
    case '*':
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        if (ansi) {
          const p = x * y;
          if ((p > INT_MAX || p < INT_MIN) && valid(v, i)) throw arithmeticOverflow('integer');
        }
        out[i] = Math.imul(x, y);
      }
      break;
    case '%':
      for (let i = 0; i < n; i++) {
        const y = b[i]!;
        if (y === 0) {
          if (valid(v, i)) {
            if (ansi) throw divideByZero();
            clearBit(v!, i);
          }
        } else out[i] = a[i]! % y | 0;
      }
      break;
    case '/':
      throw new Error('unreachable');
  }
  return out;
}

function int64Arith(op: ArithmeticOp, left: arrow.Data, right: arrow.Data, n: number, v: Uint8Array | null, ansi: boolean): BigInt64Array {
  const out = new BigInt64Array(n);
  const o = wordsOf(out);
  const a = int64Words(left);
  const b = int64Words(right);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) {
        const ahi = a[2 * i + 1]!;
        const bhi = b[2 * i + 1]!;
        const lo = (a[2 * i]! >>> 0) + (b[2 * i]! >>> 0);
        const hi = (ahi + bhi + (lo >= TWO32 ? 1 : 0)) | 0;
        if (ansi && ((ahi ^ hi) & (bhi ^ hi)) < 0 && valid(v, i)) throw arithmeticOverflow('long');
        o[2 * i] = lo | 0;
        o[2 * i + 1] = hi;
      }
      break;
    case '-':
      for (let i = 0; i < n; i++) {
        const ahi = a[2 * i + 1]!;
        const bhi = b[2 * i + 1]!;
        const lo = (a[2 * i]! >>> 0) - (b[2 * i]! >>> 0);
        const hi = (ahi - bhi - (lo < 0 ? 1 : 0)) | 0;
        if (ansi && ((ahi ^ bhi) & (ahi ^ hi)) < 0 && valid(v, i)) throw arithmeticOverflow('long');
        o[2 * i] = lo | 0;
        o[2 * i + 1] = hi;
      }
      break;
    case '*': {
      if (!ansi) {
        for (let i = 0; i < n; i++) mulWords(a[2 * i]!, a[2 * i + 1]!, b[2 * i]!, b[2 * i + 1]!, o, i);
        break;
      }
      const A = int64Values(left);
      const B = int64Values(right);
      for (let i = 0; i < n; i++) {
        const ahi = a[2 * i + 1]!;
        const bhi = b[2 * i + 1]!;
        if (isSafeHi(ahi) && isSafeHi(bhi)) {
          const p = wordsToNumber(a[2 * i]!, ahi) * wordsToNumber(b[2 * i]!, bhi);
          // Below 2^53 the double product is exact, so it cannot have overflowed.
          if (p < TWO53 && p > -TWO53) {
            mulWords(a[2 * i]!, ahi, b[2 * i]!, bhi, o, i);
            continue;
          }
        }
        const exact = A[i]! * B[i]!;
        const wrapped = BigInt.asIntN(64, exact);
        if (wrapped !== exact && valid(v, i)) throw arithmeticOverflow('long');
        out[i] = wrapped;
      }
      break;
    }
    case '%': {
      const A = int64Values(left);
      const B = int64Values(right);
      for (let i = 0; i < n; i++) {
        const blo = b[2 * i]!;
        const bhi = b[2 * i + 1]!;
        if (blo === 0 && bhi === 0) {
          if (valid(v, i)) {
            if (ansi) throw divideByZero();
            clearBit(v!, i);
          }
          continue;
        }
        const alo = a[2 * i]!;
        const ahi = a[2 * i + 1]!;
        if (ahi === alo >> 31 && bhi === blo >> 31) {
          // Both fit in 32 bits: so does the remainder.
          const r = alo % blo | 0;
          o[2 * i] = r;
          o[2 * i + 1] = r >> 31;
        } else if (isSafeHi(ahi) && isSafeHi(bhi)) writeNumber(o, i, wordsToNumber(alo, ahi) % wordsToNumber(blo, bhi));
        else out[i] = A[i]! % B[i]!;
      }
      break;
    }
    case '/':
      throw new Error('unreachable');
  }
  return out;
}

function float64Arith(op: ArithmeticOp, a: Float64Array, b: Float64Array, n: number, v: Uint8Array | null, ansi: boolean): Float64Array {
  const out = new Float64Array(n);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      break;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      break;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      break;
    case '/':
    case '%':
      for (let i = 0; i < n; i++) {
        const y = b[i]!;
        if (y === 0) {
          if (bit(v!, i)) {
            if (ansi) throw divideByZero();
            clearBit(v!, i);
          }
        } else out[i] = op === '/' ? a[i]! / y : a[i]! % y;
      }
      break;
  }
  return out;
}

/** Unary minus; `-MIN_VALUE` wraps to itself (or raises under ANSI). */
export function negate(d: arrow.Data, type: DataType, n: number, opts: ArithOptions): arrow.Data {
  const validity = validityOf(d);
  switch (type.kind) {
    case 'null':
      return nullColumn(type, n);
    case 'int32': {
      const a = int32Values(d);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (opts.ansi && a[i] === INT_MIN && valid(validity, i)) throw arithmeticOverflow('integer');
        out[i] = -a[i]! | 0;
      }
      return primitiveData(type, n, out, validity);
    }
    case 'int64': {
      const a = int64Words(d);
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      for (let i = 0; i < n; i++) {
        const alo = a[2 * i]!;
        const ahi = a[2 * i + 1]!;
        const lo = 0 - (alo >>> 0);
        const hi = (0 - ahi - (lo < 0 ? 1 : 0)) | 0;
        if (opts.ansi && (ahi & hi) < 0 && valid(validity, i)) throw arithmeticOverflow('long');
        o[2 * i] = lo | 0;
        o[2 * i + 1] = hi;
      }
      return primitiveData(type, n, out, validity);
    }
    case 'float64': {
      const a = float64Values(d);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = -a[i]!;
      return primitiveData(type, n, out, validity);
    }
    default:
      throw new Error(`negation is not defined on ${simpleString(type)}`);
  }
}

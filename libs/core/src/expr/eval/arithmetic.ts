// Arithmetic and negation over int32, int64 and float64 columns and scalars (both operands of one type), in the
// native module. Non-ANSI Spark: integer overflow wraps, division or remainder by zero gives NULL; ANSI raises instead.
import type * as arrow from 'apache-arrow';
import { fixedValues, native, validityArg } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { simpleString } from '../../types/data-type.js';
import type { ArithmeticOp, LiteralValue } from '../expression.js';
import { decimalNegate } from './arithmetic-decimal.js';
import { nullColumn } from './columns.js';
import { arithmeticOverflow, divideByZero } from './errors.js';

export interface ArithOptions {
  readonly ansi: boolean;
}

/** An operand: a column, or a literal used for every row (saves broadcasting it). */
export type ArithOperand = arrow.Data | { readonly scalar: LiteralValue };

const OPS: Record<ArithmeticOp, native.ArithOpCode> = {
  '+': native.ArithOp.add,
  '-': native.ArithOp.subtract,
  '*': native.ArithOp.multiply,
  '/': native.ArithOp.divide,
  '%': native.ArithOp.remainder,
};

type Arg = [native.NumericArray, Uint8Array | null, number, boolean];

function scalarArray(value: Exclude<LiteralValue, null>, type: DataType): native.NumericArray {
  switch (type.kind) {
    case 'int64':
      return BigInt64Array.of(typeof value === 'bigint' ? value : BigInt(value as number));
    case 'float64':
      return Float64Array.of(Number(value));
    default:
      return Int32Array.of(Number(value));
  }
}

function operandArg(o: ArithOperand, type: DataType): Arg {
  if ('scalar' in o) return [scalarArray(o.scalar!, type), null, 0, true];
  const [validity, offset] = validityArg(o);
  return [fixedValues(o, type), validity, offset, false];
}

function isNullScalar(o: ArithOperand): boolean {
  return 'scalar' in o && o.scalar === null;
}

export function arithmetic(op: ArithmeticOp, left: ArithOperand, right: ArithOperand, type: DataType, n: number, opts: ArithOptions): arrow.Data {
  if (type.kind === 'null') return nullColumn(op === '/' ? { kind: 'float64' } : type, n);
  const integral = type.kind === 'int32' || type.kind === 'int64';
  if (!(integral || type.kind === 'float64') || (integral && op === '/')) {
    throw new Error(`arithmetic ${op} is not defined on ${simpleString(type)} operands (the analyzer must cast them)`);
  }
  if (isNullScalar(left) || isNullScalar(right)) return nullColumn(type, n);
  const [a, av, ao, as] = operandArg(left, type);
  const [b, bv, bo, bs] = operandArg(right, type);
  const r = native.arithmetic(OPS[op], a, av, ao, as, b, bv, bo, bs, n, opts.ansi);
  if (r.errorAt >= 0) throw op === '/' || op === '%' ? divideByZero() : arithmeticOverflow(type.kind === 'int32' ? 'integer' : 'long');
  return primitiveData(type, n, r.values, r.validity, r.nullCount);
}

/** Unary minus; `-MIN_VALUE` wraps to itself (or raises under ANSI). */
export function negate(d: arrow.Data, type: DataType, n: number, opts: ArithOptions): arrow.Data {
  switch (type.kind) {
    case 'null':
      return nullColumn(type, n);
    case 'decimal':
      return decimalNegate(d, type, n);
    case 'int32':
    case 'int64':
    case 'float64': {
      const [validity, offset] = validityArg(d);
      const r = native.negate(fixedValues(d, type), validity, offset, n, opts.ansi);
      if (r.errorAt >= 0) throw arithmeticOverflow(type.kind === 'int32' ? 'integer' : 'long');
      return primitiveData(type, n, r.values, r.validity, r.nullCount);
    }
    default:
      throw new Error(`negation is not defined on ${simpleString(type)}`);
  }
}

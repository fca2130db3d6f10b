// Arithmetic by function name: mod, pmod, div (integral division), the try_ variants (NULL instead of an overflow or
// a division by zero, in either ANSI mode), negative and positive. Operands are coerced exactly as the operators'
// are (Spark's TypeCoercion and DecimalPrecision), so `try_add(a, b)` has the type of `a + b`.
import type * as arrow from 'apache-arrow';
import { coerce } from '../../analyzer/type-coercion.js';
import { AnalysisError } from '../../errors.js';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, type DecimalType, DateT, fromArrowType, IntegerT, isNumeric, LongT, simpleString } from '../../types/data-type.js';
import { pow10 } from '../../types/decimal.js';
import { type ArithmeticOp, type Expression, dataTypeOf, nullableOf } from '../expression.js';
import { arithmetic, negate } from '../eval/arithmetic.js';
import { decimalArith } from '../eval/arithmetic-decimal.js';
import { andValidity, bit, clearBit, float64Values, int32Values, int64Values, validityOf, writableValidity } from '../eval/columns.js';
import { divideByZero } from '../eval/errors.js';
import type { EvalContext } from '../eval/evaluate.js';
import { type ResolvedCall, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

type Mode = 'plain' | 'try';

const MISMATCH = 'due to data type mismatch: ';

/** The operands of `left op right` after the operator's own coercion, and its type; or the operator's error. */
function coerceAsOperator(fn: string, op: ArithmeticOp, args: readonly Expression[]): ResolvedCall | { error: string } {
  if (args.length !== 2) return wrongArgCount(fn, '2', args.length);
  const [left, right] = args as [Expression, Expression];
  try {
    const c = coerce({ kind: 'arith', op, left, right });
    if (c.kind !== 'arith') throw new Error('arithmetic coercion changed the node kind');
    return { args: [c.left, c.right], dataType: dataTypeOf(c), nullable: true };
  } catch (e) {
    if (!(e instanceof AnalysisError)) throw e;
    const at = e.message.indexOf(MISMATCH);
    return { error: at >= 0 ? e.message.slice(at + MISMATCH.length) : e.message };
  }
}

/** NULLs the rows of an integral `+ - *` whose exact result does not fit the type (the wrapped value is left). */
function nullOverflows(op: ArithmeticOp, a: arrow.Data, b: arrow.Data, r: arrow.Data, type: DataType, n: number): arrow.Data {
  if (op !== '+' && op !== '-' && op !== '*') return r;
  const validity = writableValidity(validityOf(r), n);
  if (type.kind === 'int32') {
    const x = int32Values(a);
    const y = int32Values(b);
    for (let i = 0; i < n; i++) {
      if (!bit(validity, i)) continue;
      const exact = op === '+' ? x[i]! + y[i]! : op === '-' ? x[i]! - y[i]! : x[i]! * y[i]!;
      if (exact > 2147483647 || exact < -2147483648) clearBit(validity, i);
    }
  } else {
    const x = int64Values(a);
    const y = int64Values(b);
    for (let i = 0; i < n; i++) {
      if (!bit(validity, i)) continue;
      const exact = op === '+' ? x[i]! + y[i]! : op === '-' ? x[i]! - y[i]! : x[i]! * y[i]!;
      if (BigInt.asIntN(64, exact) !== exact) clearBit(validity, i);
    }
  }
  return primitiveData(type, n, r.values as ArrayBufferView, validity);
}

/** `a op b` as the operator computes it; in try mode overflow and division by zero are NULL whatever the ANSI mode. */
function evalOperator(op: ArithmeticOp, mode: Mode, a: arrow.Data, b: arrow.Data, result: DataType, n: number, ctx: EvalContext): arrow.Data {
  const ansi = mode === 'plain' && ctx.ansi;
  const lt = fromArrowType(a.type);
  if (result.kind === 'decimal') return decimalArith(op, a, lt as DecimalType, b, fromArrowType(b.type) as DecimalType, result, n, ansi);
  if (result.kind === 'date') return dateAdd(op, a, b, n, mode, ctx);
  const r = arithmetic(op, a, b, lt, n, { ansi });
  return mode === 'try' && (lt.kind === 'int32' || lt.kind === 'int64') ? nullOverflows(op, a, b, r, lt, n) : r;
}

/** try_add(date, int) / try_subtract(date, int): days added, NULL where the day number overflows. */
function dateAdd(op: ArithmeticOp, a: arrow.Data, b: arrow.Data, n: number, mode: Mode, ctx: EvalContext): arrow.Data {
  const r = arithmetic(op, a, b, IntegerT, n, { ansi: mode === 'plain' && ctx.ansi });
  const checked = mode === 'try' ? nullOverflows(op, a, b, r, IntegerT, n) : r;
  return primitiveData(DateT, n, checked.values as ArrayBufferView, validityOf(checked));
}

/** A date ± int day count (Spark's try_add(date, int) is date_add); undefined for other operand types. */
function resolveDateArith(op: ArithmeticOp, args: readonly Expression[]): ResolvedCall | undefined {
  if (args.length !== 2 || (op !== '+' && op !== '-')) return undefined;
  const [l, r] = args.map(dataTypeOf) as [DataType, DataType];
  const intLike = (t: DataType) => t.kind === 'int32' || t.kind === 'null';
  if (l.kind === 'date' && intLike(r)) return { args: [args[0]!, castImplicit(args[1]!, IntegerT)], dataType: DateT, nullable: true };
  return undefined;
}

function castImplicit(e: Expression, to: DataType): Expression {
  const from = dataTypeOf(e);
  if (from.kind === to.kind) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: to };
  return { kind: 'cast', child: e, to, implicit: true };
}

function operatorFunction(name: string, op: ArithmeticOp, mode: Mode, description: string, example: string, aliases?: string[]): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    resolveArgs(args) {
      return (mode === 'try' ? resolveDateArith(op, args) : undefined) ?? coerceAsOperator(name, op, args);
    },
    resolve() {
      throw new Error(`${name} resolves from its arguments`);
    },
    eval(args: readonly arrow.Data[], n: number, ctx: EvalContext, call) {
      if (!call) throw new Error(`${name} needs its resolved call`);
      return evalOperator(op, mode, args[0]!, args[1]!, call.dataType, n, ctx);
    },
    doc: { description, example },
  };
}

export const tryAdd = operatorFunction('try_add', '+', 'try', 'Returns `left + right`, or NULL where it overflows.', "df.select(try_add(col('a'), col('b')))");
export const trySubtract = operatorFunction('try_subtract', '-', 'try', 'Returns `left - right`, or NULL where it overflows.', "df.select(try_subtract(col('a'), col('b')))");
export const tryMultiply = operatorFunction('try_multiply', '*', 'try', 'Returns `left * right`, or NULL where it overflows.', "df.select(try_multiply(col('a'), col('b')))");
export const tryDivide = operatorFunction('try_divide', '/', 'try', 'Returns `dividend / divisor` (a double, or a decimal), or NULL where the divisor is 0.', "df.select(try_divide(col('a'), col('b')))");
export const tryMod = operatorFunction('try_mod', '%', 'try', 'Returns the remainder of `dividend / divisor`, or NULL where the divisor is 0.', "df.select(try_mod(col('a'), col('b')))");

/** pmod's result: the remainder made non-negative for a positive divisor, as Spark's Pmod. */
export const pmod: ScalarFunctionDef = {
  name: 'pmod',
  resolveArgs(args) {
    return coerceAsOperator('pmod', '%', args);
  },
  resolve() {
    throw new Error('pmod resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, ctx: EvalContext, call) {
    const [a, b] = args as [arrow.Data, arrow.Data];
    const type = call!.dataType;
    const validity = writableValidity(andValidity(validityOf(a), validityOf(b), n), n);
    const zero = () => {
      if (ctx.ansi) throw divideByZero();
    };
    switch (type.kind) {
      case 'int32': {
        const x = int32Values(a);
        const y = int32Values(b);
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          if (!bit(validity, i)) continue;
          if (y[i] === 0) { zero(); clearBit(validity, i); continue; }
          const r = y[i] === -1 ? 0 : x[i]! % y[i]!;
          out[i] = r < 0 ? (r + y[i]!) % y[i]! : r;
        }
        return primitiveData(type, n, out, validity);
      }
      case 'int64': {
        const x = int64Values(a);
        const y = int64Values(b);
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) {
          if (!bit(validity, i)) continue;
          if (y[i] === 0n) { zero(); clearBit(validity, i); continue; }
          const r = x[i]! % y[i]!;
          out[i] = r < 0n ? BigInt.asIntN(64, (r + y[i]!) % y[i]!) : r;
        }
        return primitiveData(type, n, out, validity);
      }
      case 'float64': {
        const x = float64Values(a);
        const y = float64Values(b);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          if (!bit(validity, i)) continue;
          if (y[i] === 0) { zero(); clearBit(validity, i); continue; }
          const r = x[i]! % y[i]!;
          out[i] = r < 0 ? (r + y[i]!) % y[i]! : r;
        }
        return primitiveData(type, n, out, validity);
      }
      case 'decimal': {
        const lt = fromArrowType(a.type) as DecimalType;
        const rt = fromArrowType(b.type) as DecimalType;
        const s = Math.max(lt.scale, rt.scale);
        const wa = decimalWords(a);
        const wb = decimalWords(b);
        const out = new BigInt64Array(2 * n);
        for (let i = 0; i < n; i++) {
          if (!bit(validity, i)) continue;
          const x = readDecimal(wa, i) * pow10(s - lt.scale);
          const y = readDecimal(wb, i) * pow10(s - rt.scale);
          if (y === 0n) { zero(); clearBit(validity, i); continue; }
          const r = x % y;
          // The remainder is at scale s, which is the result's (Spark's Pmod type is the remainder's).
          writeDecimal(out, i, (r < 0n ? (r + y) % y : r) * pow10(type.scale - s));
        }
        return decimalData(type, n, out, validity);
      }
      default:
        throw new Error(`pmod over ${simpleString(type)} (the analyzer must cast the operands)`);
    }
  },
  doc: { description: 'The positive remainder of `dividend / divisor`; NULL where the divisor is 0.', example: "df.select(pmod(col('a'), col('b')))" },
};

export const mod = operatorFunction('mod', '%', 'plain', 'The remainder of `dividend / divisor` (the `%` operator); NULL where the divisor is 0.', "df.select(mod(col('a'), col('b')))");

/**
 * `a div b`: the quotient truncated toward zero, a bigint (Spark's IntegralDivide: integral and double operands are
 * cast to bigint, decimals divided exactly); NULL where the divisor is 0.
 */
export const div: ScalarFunctionDef = {
  name: 'div',
  resolveArgs(args) {
    if (args.length !== 2) return wrongArgCount('div', '2', args.length);
    const types = args.map(dataTypeOf);
    const ok = (t: DataType) => isNumeric(t) || t.kind === 'null' || t.kind === 'string';
    const badAt = types.findIndex((t) => !ok(t));
    if (badAt >= 0) return { error: `the binary operator requires the input type ("BIGINT" or "DECIMAL"), not ${JSON.stringify(simpleString(types[badAt]!).toUpperCase())}.` };
    // Doubles (and strings, read as doubles) are not cast to bigint: Spark's IntegralDivide refuses them.
    if (types.some((t) => t.kind === 'float64' || t.kind === 'string')) {
      const shown = types.map((t) => (t.kind === 'string' || t.kind === 'float64' ? 'DOUBLE' : t.kind === 'decimal' ? simpleString(t).toUpperCase() : 'BIGINT'));
      return { error: `the left and right operands of the binary operator have incompatible types ("${shown[0]}" and "${shown[1]}").`, errorClass: 'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES' };
    }
    if (types.some((t) => t.kind === 'decimal')) {
      const c = coerceAsOperator('div', '%', args);
      if ('error' in c) return c;
      return { ...c, dataType: LongT };
    }
    return { args: args.map((a) => castImplicit(a, LongT)), dataType: LongT, nullable: true };
  },
  resolve() {
    throw new Error('div resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, ctx: EvalContext) {
    const [a, b] = args as [arrow.Data, arrow.Data];
    const validity = writableValidity(andValidity(validityOf(a), validityOf(b), n), n);
    const out = new BigInt64Array(n);
    const lt = fromArrowType(a.type);
    const rt = fromArrowType(b.type);
    const read = (d: arrow.Data, t: DataType): ((i: number) => bigint) => {
      if (t.kind === 'int64') { const v = int64Values(d); return (i) => v[i]!; }
      const w = decimalWords(d);
      const s = (t as DecimalType).scale;
      const scaleTo = Math.max(lt.kind === 'decimal' ? lt.scale : 0, rt.kind === 'decimal' ? rt.scale : 0);
      return (i) => readDecimal(w, i) * pow10(scaleTo - s);
    };
    const x = read(a, lt);
    const y = read(b, rt);
    for (let i = 0; i < n; i++) {
      if (!bit(validity, i)) continue;
      const d = y(i);
      if (d === 0n) {
        if (ctx.ansi) throw divideByZero();
        clearBit(validity, i);
        continue;
      }
      out[i] = BigInt.asIntN(64, x(i) / d);
    }
    return primitiveData(LongT, n, out, validity);
  },
  doc: { description: 'Integral division: `dividend / divisor` truncated toward zero, a bigint; NULL where the divisor is 0.', example: "df.select(col('a').div(col('b')))" },
};

function unaryNumeric(name: string, description: string, example: string, apply: (d: arrow.Data, t: DataType, n: number, ctx: EvalContext) => arrow.Data): ScalarFunctionDef {
  return {
    name,
    resolveArgs(args) {
      if (args.length !== 1) return wrongArgCount(name, '1', args.length);
      const t = dataTypeOf(args[0]!);
      // NULL and strings become doubles, as Spark's implicit cast to NUMERIC does.
      if (t.kind === 'null' || t.kind === 'string') return { args: [castImplicit(args[0]!, DoubleT)], dataType: DoubleT, nullable: true };
      if (!isNumeric(t)) return { error: `The first parameter of \`${name}\` requires the "NUMERIC" type, however it has the type "${simpleString(t).toUpperCase()}".` };
      return { args, dataType: t, nullable: nullableOf(args[0]!) };
    },
    resolve() {
      throw new Error(`${name} resolves from its arguments`);
    },
    eval(args: readonly arrow.Data[], n: number, ctx: EvalContext) {
      return apply(args[0]!, fromArrowType(args[0]!.type), n, ctx);
    },
    doc: { description, example },
  };
}

const DoubleT: DataType = { kind: 'float64' };

export const negative = unaryNumeric('negative', 'The negated value (unary minus).', "df.select(negative(col('a')))", (d, t, n, ctx) => negate(d, t, n, ctx));
export const positive = unaryNumeric('positive', 'The value itself (unary plus).', "df.select(positive(col('a')))", (d) => d);

export const ARITHMETIC_FUNCTIONS: readonly ScalarFunctionDef[] = [tryAdd, trySubtract, tryMultiply, tryDivide, tryMod, pmod, mod, div, negative, positive];

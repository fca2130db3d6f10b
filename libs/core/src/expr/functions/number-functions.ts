// Number functions beside the double math: bround (HALF_EVEN), factorial, conv (Spark's NumberConverter), bin,
// width_bucket, and typeof.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DoubleT, fromArrowType, IntegerT, isIntegral, LongT, sameType, simpleString, StringT } from '../../types/data-type.js';
import { changePrecision, pow10 } from '../../types/decimal.js';
import { dataTypeOf, type Expression, nullableOf } from '../expression.js';
import { andValidity, bit, float64Values, int32Values, int64Values, validityOf, writableValidity, clearBit } from '../eval/columns.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { castableToDouble, castableToString, isError, numericArg, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { roundedDecimalType } from './round.js';

/** HALF_EVEN rounding of a double to `scale` places, on its shortest decimal form (Scala's BigDecimal(d)), as Spark's bround. */
export function roundHalfEven(x: number, scale: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const keep = Number(exp) + 1 + scale;
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  let v = BigInt(keep === 0 ? '0' : digits.slice(0, keep));
  const next = digits.charCodeAt(keep) - 0x30;
  const rest = /[1-9]/.test(digits.slice(keep + 1));
  if (next > 5 || (next === 5 && (rest || v % 2n === 1n))) v += 1n;
  if (v === 0n) return 0;
  return Number(`${x < 0 ? '-' : ''}${v}e${-scale}`);
}

/** HALF_EVEN division of `v` by 10^k (k > 0). */
function divPow10HalfEven(v: bigint, k: number): bigint {
  const p = pow10(k);
  const q = v / p;
  const r = v - q * p;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > p || (twice === p && q % 2n !== 0n)) return q + (v < 0n ? -1n : 1n);
  return q;
}

/** `v` at scale `from` brought to scale `to`, HALF_EVEN. */
function rescaleHalfEven(v: bigint, from: number, to: number): bigint {
  return to >= from ? v * pow10(to - from) : divPow10HalfEven(v, from - to);
}

function implicitCast(e: Expression, to: DataType): Expression {
  if (sameType(dataTypeOf(e), to)) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: to };
  return { kind: 'cast', child: e, to, implicit: true };
}

export const bround: ScalarFunctionDef = {
  name: 'bround',
  completeArgs: (args) => (args.length === 1 ? [...args, { kind: 'literal', value: 0, dataType: IntegerT }] : args),
  resolveArgs(args) {
    if (args.length !== 1 && args.length !== 2) return wrongArgCount('bround', '[1, 2]', args.length);
    const types = args.map(dataTypeOf);
    const t0 = types[0]!;
    const t = t0.kind === 'null' ? DoubleT : numericArg('bround', t0);
    if (isError(t)) return t;
    const s = args[1];
    if (s && ((s.kind !== 'literal') || (s.value !== null && !isIntegral(s.dataType)))) {
      return { error: 'The second parameter of `bround` requires a foldable integer scale.', errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
    }
    const scale = s && s.value !== null ? Number(s.value) : 0;
    const scaleArg = s ? implicitCast(s, IntegerT) : { kind: 'literal' as const, value: 0, dataType: IntegerT };
    const dataType = t.kind === 'decimal' ? roundedDecimalType(t.precision, t.scale, scale) : t;
    return { args: [implicitCast(args[0]!, t), scaleArg], dataType, nullable: t.kind === 'decimal' || args.some(nullableOf) };
  },
  resolve() {
    throw new Error('bround resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const d = args[0]!;
    const type = fromArrowType(d.type);
    const scales = int32Values(args[1]!);
    const validity = andValidity(validityOf(d), validityOf(args[1]!), n);
    switch (type.kind) {
      case 'decimal': {
        const to = call!.dataType;
        if (to.kind !== 'decimal') throw new Error('bround over a decimal needs its decimal result type');
        const w = decimalWords(d);
        const out = new BigInt64Array(2 * n);
        const valid = writableValidity(validity, n);
        for (let i = 0; i < n; i++) {
          if (!bit(valid, i)) continue;
          const k = scales[i]!;
          const r = changePrecision(rescaleHalfEven(readDecimal(w, i), type.scale, k), k, to);
          if (r === null) clearBit(valid, i);
          else writeDecimal(out, i, r);
        }
        return decimalData(to, n, out, valid);
      }
      case 'float64': {
        const v = float64Values(d);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = roundHalfEven(v[i]!, scales[i]!);
        return primitiveData(type, n, out, validity);
      }
      case 'int32': {
        const v = int32Values(d);
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) out[i] = scales[i]! >= 0 ? v[i]! : Number(BigInt.asIntN(32, divPow10HalfEven(BigInt(v[i]!), -scales[i]!) * pow10(-scales[i]!)));
        return primitiveData(type, n, out, validity);
      }
      case 'int64': {
        const v = int64Values(d);
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = scales[i]! >= 0 ? v[i]! : BigInt.asIntN(64, divPow10HalfEven(v[i]!, -scales[i]!) * pow10(-scales[i]!));
        return primitiveData(type, n, out, validity);
      }
      default:
        return d;
    }
  },
  doc: { description: 'Rounds the value to `scale` decimal places with HALF_EVEN rounding (banker\'s rounding).', example: "df.select(bround(col('x'), 2))" },
};

const FACTORIALS: bigint[] = [1n];
for (let i = 1; i <= 20; i++) FACTORIALS.push(FACTORIALS[i - 1]! * BigInt(i));

export const factorial: ScalarFunctionDef = {
  name: 'factorial',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('factorial', '1', argTypes.length);
    const t = argTypes[0]!;
    if (!castableToDouble(t)) return unexpectedType('factorial', 0, '"INT"', t);
    return { argTypes: [IntegerT], dataType: LongT, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const v = int32Values(args[0]!);
    const valid = writableValidity(validityOf(args[0]!), n);
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      if (!bit(valid, i)) continue;
      const x = v[i]!;
      if (x < 0 || x > 20) clearBit(valid, i);
      else out[i] = FACTORIALS[x]!;
    }
    return primitiveData(LongT, n, out, valid);
  },
  doc: { description: 'The factorial of an int in [0, 20]; NULL outside that range.', example: "df.select(factorial(col('n')))" },
};

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const U64 = (1n << 64n) - 1n;

function digitOf(code: number, radix: number): number {
  let d = -1;
  if (code >= 48 && code <= 57) d = code - 48;
  else if (code >= 65 && code <= 90) d = code - 55;
  else if (code >= 97 && code <= 122) d = code - 87;
  return d >= 0 && d < radix ? d : -1;
}

/**
 * Spark's NumberConverter.convert: the digits of `s` in base `from` (up to the first non-digit) read as an unsigned
 * 64-bit number (-1 on overflow), written in base |to| — signed when `to` is negative.
 */
export function convertBase(s: string, from: number, to: number): string | null {
  if (from < 2 || from > 36 || Math.abs(to) < 2 || Math.abs(to) > 36 || s.length === 0) return null;
  let negative = s[0] === '-';
  const digits = s.slice(negative ? 1 : 0);
  const radix = BigInt(from);
  let v = 0n;
  // Spark's overflow check compares signed longs against an unsigned bound, so do the same.
  const bound = (U64 - BigInt(from)) / radix;
  for (let i = 0; i < digits.length; i++) {
    const d = digitOf(digits.charCodeAt(i), from);
    if (d < 0) break;
    if (BigInt.asIntN(64, v) >= BigInt.asIntN(64, bound) && (U64 - BigInt(d)) / radix < BigInt.asIntN(64, v)) {
      v = U64;
      break;
    }
    v = (v * radix + BigInt(d)) & U64;
  }
  if (negative && to > 0) v = BigInt.asIntN(64, v) < 0n ? U64 : BigInt.asUintN(64, -v);
  if (to < 0 && BigInt.asIntN(64, v) < 0n) {
    v = BigInt.asUintN(64, -v);
    negative = true;
  }
  const base = BigInt(Math.abs(to));
  let out = '';
  do {
    out = DIGITS[Number(v % base)]! + out;
    v /= base;
  } while (v > 0n);
  return negative && to < 0 ? `-${out}` : out;
}

export const conv: ScalarFunctionDef = {
  name: 'conv',
  resolve(argTypes) {
    if (argTypes.length !== 3) return wrongArgCount('conv', '3', argTypes.length);
    if (!castableToString(argTypes[0]!)) return unexpectedType('conv', 0, '"STRING"', argTypes[0]!);
    for (const i of [1, 2]) {
      const t = argTypes[i]!;
      if (t.kind !== 'int32' && t.kind !== 'null' && t.kind !== 'string' && !(isIntegral(t))) return unexpectedType('conv', i, '"INT"', t);
    }
    return { argTypes: [StringT, IntegerT, IntegerT], dataType: StringT, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const num = valueReader(args[0]!, StringT);
    const from = valueReader(args[1]!, IntegerT);
    const to = valueReader(args[2]!, IntegerT);
    const out: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const s = num(i) as string | null;
      const f = from(i) as number | null;
      const t = to(i) as number | null;
      out[i] = s === null || f === null || t === null ? null : convertBase(s.trim(), f, t);
    }
    return buildColumn(StringT, out);
  },
  doc: { description: 'Converts a number written in base `fromBase` to its text in base `toBase` (negative: signed).', example: "df.select(conv(col('hex'), 16, 10))" },
};

export const bin: ScalarFunctionDef = {
  name: 'bin',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('bin', '1', argTypes.length);
    const t = argTypes[0]!;
    if (!castableToDouble(t)) return unexpectedType('bin', 0, '"BIGINT"', t);
    return { argTypes: [LongT], dataType: StringT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const v = valueReader(args[0]!, LongT);
    const out: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v(i) as bigint | null;
      out[i] = x === null ? null : BigInt.asUintN(64, x).toString(2);
    }
    return buildColumn(StringT, out);
  },
  doc: { description: 'The binary digits of a bigint (two\'s complement for negative values).', example: "df.select(bin(col('n')))" },
};

/** Spark's WidthBucket.computeBucketNumber. */
export function widthBucket(value: number, min: number, max: number, numBucket: bigint): bigint | null {
  if (numBucket <= 0n || numBucket === 9223372036854775807n || Number.isNaN(value) || min === max || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  const lower = Math.min(min, max);
  const upper = Math.max(min, max);
  const buckets = Number(numBucket);
  if (min < max) {
    if (value < lower) return 0n;
    if (value >= upper) return numBucket + 1n;
    return BigInt(Math.trunc((buckets * (value - lower)) / (upper - lower))) + 1n;
  }
  if (value > upper) return 0n;
  if (value <= lower) return numBucket + 1n;
  return BigInt(Math.trunc((buckets * (upper - value)) / (upper - lower))) + 1n;
}

export const widthBucketFn: ScalarFunctionDef = {
  name: 'width_bucket',
  resolve(argTypes) {
    if (argTypes.length !== 4) return wrongArgCount('width_bucket', '4', argTypes.length);
    for (let i = 0; i < 3; i++) if (!castableToDouble(argTypes[i]!)) return unexpectedType('width_bucket', i, '("DOUBLE" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', argTypes[i]!);
    const t = argTypes[3]!;
    if (!isIntegral(t) && t.kind !== 'null') return unexpectedType('width_bucket', 3, '"BIGINT"', t);
    return { argTypes: [DoubleT, DoubleT, DoubleT, LongT], dataType: LongT, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [v, lo, hi, k] = args.map((a, i) => valueReader(a, i === 3 ? LongT : DoubleT));
    const out: (bigint | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v!(i) as number | null;
      const a = lo!(i) as number | null;
      const b = hi!(i) as number | null;
      const c = k!(i) as bigint | null;
      out[i] = x === null || a === null || b === null || c === null ? null : widthBucket(x, a, b, c);
    }
    return buildColumn(LongT, out);
  },
  doc: { description: 'The bucket number of `v` in `numBucket` equal-width buckets over [min, max]; 0 below, numBucket + 1 above.', example: "df.select(width_bucket(col('v'), lit(0), lit(10), lit(5)))" },
};

export const typeofFn: ScalarFunctionDef = {
  name: 'typeof',
  resolveArgs(args) {
    if (args.length !== 1) return wrongArgCount('typeof', '1', args.length);
    return { args, dataType: StringT, nullable: false };
  },
  resolve() {
    throw new Error('typeof resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const name = simpleString(call ? dataTypeOf(call.args[0]!) : fromArrowType(args[0]!.type));
    return buildColumn(StringT, new Array<string>(n).fill(name));
  },
  doc: { description: 'The type of the argument, as a DDL type string (`int`, `decimal(2,1)`, `array<string>`).', example: "df.select(typeof(col('a')))" },
};

export const NUMBER_FUNCTIONS: readonly ScalarFunctionDef[] = [bround, factorial, conv, bin, widthBucketFn, typeofFn];

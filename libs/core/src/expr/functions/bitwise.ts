// Bitwise functions and operators over int and bigint: `&`, `|`, `^`, `~` (bitwise_not), shiftleft,
// shiftrightunsigned (shiftright is in shift.ts), bit_count, bit_get / getbit. Java's semantics: shifts take the
// count modulo the width, bit_count counts the bits of the value widened to a long.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, fromArrowType, IntegerT } from '../../types/data-type.js';
import { ExecutionError } from '../../errors.js';
import { andValidity, bit, boolBitsOf, int32Values, int64Values, validityOf } from '../eval/columns.js';
import { tightestCommonType } from '../../analyzer/type-coercion.js';
import { castableToDouble, type ScalarFunctionDef, typeText, unexpectedType, wrongArgCount } from './function-def.js';

const integral = (t: DataType) => t.kind === 'int32' || t.kind === 'int64' || t.kind === 'null';

function binaryOperator(name: '&' | '|' | '^', f32: (a: number, b: number) => number, f64: (a: bigint, b: bigint) => bigint, description: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      const bad = argTypes.find((t) => !integral(t));
      if (bad) return { error: `the binary operator requires the input type "INTEGRAL", not ${typeText(bad)}.` };
      const t = tightestCommonType(argTypes[0]!, argTypes[1]!)!;
      const type = t.kind === 'null' ? IntegerT : t;
      return { argTypes: [type, type], dataType: type };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const [a, b] = args as [arrow.Data, arrow.Data];
      const type = fromArrowType(a.type);
      const validity = andValidity(validityOf(a), validityOf(b), n);
      if (type.kind === 'int64') {
        const x = int64Values(a);
        const y = int64Values(b);
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = f64(x[i]!, y[i]!);
        return primitiveData(type, n, out, validity);
      }
      const x = int32Values(a);
      const y = int32Values(b);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = f32(x[i]!, y[i]!);
      return primitiveData(IntegerT, n, out, validity);
    },
    doc: { description, example: `df.select(col('a').bitwise${name === '&' ? 'AND' : name === '|' ? 'OR' : 'XOR'}(col('b')))` },
  };
}

export const bitwiseAnd = binaryOperator('&', (a, b) => a & b, (a, b) => a & b, 'Bitwise AND of two integral values (the `&` operator).');
export const bitwiseOr = binaryOperator('|', (a, b) => a | b, (a, b) => a | b, 'Bitwise OR of two integral values (the `|` operator).');
export const bitwiseXor = binaryOperator('^', (a, b) => a ^ b, (a, b) => a ^ b, 'Bitwise exclusive OR of two integral values (the `^` operator).');

function unaryIntegral(name: string, argTypes: readonly DataType[]): DataType | { error: string } {
  if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
  const t = argTypes[0]!;
  if (!integral(t)) return unexpectedType(name, 0, '"INTEGRAL"', t);
  return t.kind === 'null' ? IntegerT : t;
}

export const bitwiseNot: ScalarFunctionDef = {
  name: '~',
  resolve(argTypes) {
    const t = unaryIntegral('~', argTypes);
    return 'error' in t ? t : { argTypes: [t], dataType: t };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const a = args[0]!;
    const type = fromArrowType(a.type);
    if (type.kind === 'int64') {
      const x = int64Values(a);
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = ~x[i]!;
      return primitiveData(type, n, out, validityOf(a));
    }
    const x = int32Values(a);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = ~x[i]!;
    return primitiveData(IntegerT, n, out, validityOf(a));
  },
  doc: { description: 'Bitwise NOT of an integral value (the `~` operator).', example: "df.select(bitwise_not(col('a')))" },
};

function shift(name: string, f32: (v: number, s: number) => number, f64: (v: bigint, s: bigint) => bigint, description: string, aliases?: string[]): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      const [x, s] = argTypes as [DataType, DataType];
      // Other numbers and strings are cast to int, as Spark's implicit casts to (INT or BIGINT) do.
      const base = x.kind === 'int64' ? x : castableToDouble(x) ? IntegerT : null;
      if (!base) return unexpectedType(name, 0, '("INT" or "BIGINT")', x);
      if (!castableToDouble(s)) return unexpectedType(name, 1, '"INT"', s);
      return { argTypes: [base, IntegerT], dataType: base };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const [x, by] = args as [arrow.Data, arrow.Data];
      const type = fromArrowType(x.type);
      const validity = andValidity(validityOf(x), validityOf(by), n);
      const s = int32Values(by);
      if (type.kind === 'int64') {
        const v = int64Values(x);
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = f64(v[i]!, BigInt(s[i]! & 63));
        return primitiveData(type, n, out, validity);
      }
      const v = int32Values(x);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = f32(v[i]!, s[i]! & 31);
      return primitiveData(IntegerT, n, out, validity);
    },
    doc: { description, example: `df.select(${name}(col('x'), lit(1)))` },
  };
}

export const shiftleft = shift('shiftleft', (v, s) => v << s, (v, s) => BigInt.asIntN(64, v << s), 'Shifts the bits of an int or bigint left (Java\'s `<<`).', ['<<']);
export const shiftrightunsigned = shift('shiftrightunsigned', (v, s) => v >>> s | 0, (v, s) => BigInt.asIntN(64, BigInt.asUintN(64, v) >> s), 'Shifts the bits of an int or bigint right, filling with zeros (Java\'s `>>>`).', ['>>>']);

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export const bitCount: ScalarFunctionDef = {
  name: 'bit_count',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('bit_count', '1', argTypes.length);
    const t = argTypes[0]!;
    if (!integral(t) && t.kind !== 'boolean') return unexpectedType('bit_count', 0, '("INTEGRAL" or "BOOLEAN")', t);
    return { argTypes: [t.kind === 'null' ? IntegerT : t], dataType: IntegerT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const a = args[0]!;
    const type = fromArrowType(a.type);
    const out = new Int32Array(n);
    if (type.kind === 'boolean') {
      const bits = boolBitsOf(a);
      for (let i = 0; i < n; i++) out[i] = bit(bits, i) ? 1 : 0;
    } else if (type.kind === 'int64') {
      const w = new Int32Array(int64Values(a).buffer, int64Values(a).byteOffset, 2 * n);
      for (let i = 0; i < n; i++) out[i] = popcount32(w[2 * i]!) + popcount32(w[2 * i + 1]!);
    } else {
      // An int counts as the long it widens to: a negative one has 32 more bits set.
      const v = int32Values(a);
      for (let i = 0; i < n; i++) out[i] = popcount32(v[i]!) + (v[i]! < 0 ? 32 : 0);
    }
    return primitiveData(IntegerT, n, out, validityOf(a));
  },
  doc: { description: 'The number of bits set in the value, as a long (booleans count 1 or 0).', example: "df.select(bit_count(col('a')))" },
};

function bitPositionError(pos: number, width: number): ExecutionError {
  return new ExecutionError(
    'INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE',
    `The value of parameter(s) \`pos\` in \`bit_get\` is invalid: expects an integer value in [0, ${width}), but got ${pos}.`,
    { parameter: '`pos`', functionName: '`bit_get`', upper: String(width), invalidValue: String(pos) },
  );
}

/** Spark's BitwiseGet returns a tinyint; Kindling has no byte type, so the 0 or 1 is an int. */
export const bitGet: ScalarFunctionDef = {
  name: 'bit_get',
  aliases: ['getbit'],
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('bit_get', '2', argTypes.length);
    const [x, p] = argTypes as [DataType, DataType];
    if (!integral(x)) return unexpectedType('bit_get', 0, '"INTEGRAL"', x);
    if (p.kind !== 'int32' && p.kind !== 'null') return unexpectedType('bit_get', 1, '"INT"', p);
    return { argTypes: [x.kind === 'null' ? IntegerT : x, IntegerT], dataType: IntegerT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [x, p] = args as [arrow.Data, arrow.Data];
    const type = fromArrowType(x.type);
    const validity = andValidity(validityOf(x), validityOf(p), n);
    const pos = int32Values(p);
    const out = new Int32Array(n);
    const width = type.kind === 'int64' ? 64 : 32;
    const v32 = type.kind === 'int64' ? null : int32Values(x);
    const v64 = type.kind === 'int64' ? int64Values(x) : null;
    for (let i = 0; i < n; i++) {
      if (validity && !bit(validity, i)) continue;
      const k = pos[i]!;
      if (k < 0 || k >= width) throw bitPositionError(k, width);
      out[i] = v64 ? Number((v64[i]! >> BigInt(k)) & 1n) : (v32![i]! >>> k) & 1;
    }
    return primitiveData(IntegerT, n, out, validity);
  },
  doc: { description: 'The bit (0 or 1) at position `pos` of an integral value, counting from the least significant bit at 0.', example: "df.select(bit_get(col('a'), lit(0)))" },
};

export const BITWISE_FUNCTIONS: readonly ScalarFunctionDef[] = [bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, shiftleft, shiftrightunsigned, bitCount, bitGet];

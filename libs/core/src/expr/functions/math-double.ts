// Spark's math functions over doubles (UnaryMathExpression, UnaryLogExpression, BinaryMathExpression): arguments are
// cast to double, NULL in gives NULL out, and results follow java.lang.StrictMath (NaN outside a function's domain),
// except the logarithms, which give NULL at or below their asymptote as Spark's do.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DoubleT } from '../../types/data-type.js';
import { andValidity, float64Values, validityOf } from '../eval/columns.js';
import { castableToDouble, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

function doubleArgs(name: string, argTypes: readonly DataType[], arity: number) {
  if (argTypes.length !== arity) return wrongArgCount(name, String(arity), argTypes.length);
  for (let i = 0; i < arity; i++) if (!castableToDouble(argTypes[i]!)) return unexpectedType(name, i, '"DOUBLE"', argTypes[i]!);
  return { argTypes: argTypes.map(() => DoubleT), dataType: DoubleT };
}

function unary(name: string, prettyName: string, f: (x: number) => number, description: string, example: string): ScalarFunctionDef {
  return {
    name,
    prettyName,
    resolve: (argTypes) => doubleArgs(name, argTypes, 1),
    eval(args: readonly arrow.Data[], n: number) {
      const v = float64Values(args[0]!);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = f(v[i]!);
      return primitiveData(DoubleT, n, out, validityOf(args[0]!));
    },
    doc: { description, example },
  };
}

/** A logarithm: NULL where x <= asymptote (Spark's UnaryLogExpression), which also marks the row invalid. */
function logarithm(name: string, prettyName: string, f: (x: number) => number, asymptote: number, description: string): ScalarFunctionDef {
  return {
    name,
    prettyName,
    resolve: (argTypes) => doubleArgs(name, argTypes, 1),
    eval(args: readonly arrow.Data[], n: number) {
      const v = float64Values(args[0]!);
      const valid = validityOf(args[0]!);
      const out = new Float64Array(n);
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if ((valid && !(valid[i >> 3]! & (1 << (i & 7)))) || !(x > asymptote)) continue;
        out[i] = f(x);
        bits[i >> 3]! |= 1 << (i & 7);
      }
      return primitiveData(DoubleT, n, out, bits);
    },
    doc: { description, example: `df.select(${name}(col('x')))` },
  };
}

function binary(name: string, prettyName: string, f: (a: number, b: number) => number, description: string, example: string): ScalarFunctionDef {
  return {
    name,
    prettyName,
    resolve: (argTypes) => doubleArgs(name, argTypes, 2),
    eval(args: readonly arrow.Data[], n: number) {
      const a = float64Values(args[0]!);
      const b = float64Values(args[1]!);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
      return primitiveData(DoubleT, n, out, andValidity(validityOf(args[0]!), validityOf(args[1]!), n));
    },
    doc: { description, example },
  };
}

function constant(name: string, prettyName: string, value: number, description: string): ScalarFunctionDef {
  return {
    name,
    prettyName,
    resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: DoubleT, nullable: () => false } : wrongArgCount(name, '0', argTypes.length)),
    eval: (_args: readonly arrow.Data[], n: number) => primitiveData(DoubleT, n, new Float64Array(n).fill(value), null),
    doc: { description, example: `df.select(${name}())` },
  };
}

const ex = (fn: string) => `df.select(${fn}(col('x')))`;

export const exp = unary('exp', 'EXP', Math.exp, 'Euler\'s number raised to the power of the argument.', ex('exp'));
export const expm1 = unary('expm1', 'EXPM1', Math.expm1, 'exp(x) - 1, exact for small x.', ex('expm1'));
export const sin = unary('sin', 'SIN', Math.sin, 'The sine of an angle in radians.', ex('sin'));
export const cos = unary('cos', 'COS', Math.cos, 'The cosine of an angle in radians.', ex('cos'));
export const tan = unary('tan', 'TAN', Math.tan, 'The tangent of an angle in radians.', ex('tan'));
export const cot = unary('cot', 'COT', (x) => 1 / Math.tan(x), 'The cotangent of an angle in radians.', ex('cot'));
export const sec = unary('sec', 'SEC', (x) => 1 / Math.cos(x), 'The secant of an angle in radians.', ex('sec'));
export const csc = unary('csc', 'CSC', (x) => 1 / Math.sin(x), 'The cosecant of an angle in radians.', ex('csc'));
export const asin = unary('asin', 'ASIN', Math.asin, 'The inverse sine in radians (NaN outside [-1, 1]).', ex('asin'));
export const acos = unary('acos', 'ACOS', Math.acos, 'The inverse cosine in radians (NaN outside [-1, 1]).', ex('acos'));
export const atan = unary('atan', 'ATAN', Math.atan, 'The inverse tangent in radians.', ex('atan'));
export const sinh = unary('sinh', 'SINH', Math.sinh, 'The hyperbolic sine.', ex('sinh'));
export const cosh = unary('cosh', 'COSH', Math.cosh, 'The hyperbolic cosine.', ex('cosh'));
export const tanh = unary('tanh', 'TANH', Math.tanh, 'The hyperbolic tangent.', ex('tanh'));
export const asinh = unary('asinh', 'ASINH', Math.asinh, 'The inverse hyperbolic sine.', ex('asinh'));
export const acosh = unary('acosh', 'ACOSH', Math.acosh, 'The inverse hyperbolic cosine (NaN below 1).', ex('acosh'));
export const atanh = unary('atanh', 'ATANH', Math.atanh, 'The inverse hyperbolic tangent (NaN outside [-1, 1]).', ex('atanh'));
export const cbrt = unary('cbrt', 'CBRT', Math.cbrt, 'The cube root.', ex('cbrt'));
export const degrees = unary('degrees', 'DEGREES', (x) => (x * 180) / Math.PI, 'Converts radians to degrees.', ex('degrees'));
export const radians = unary('radians', 'RADIANS', (x) => (x / 180) * Math.PI, 'Converts degrees to radians.', ex('radians'));
const signumBase = unary('signum', 'SIGNUM', (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : x), 'The sign of the argument: -1.0, 0.0 or 1.0.', ex('signum'));
// Java's Math.rint: round half to even.
export const rint = unary('rint', 'rint', (x) => {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r === 0 && x < 0 ? -0 : r;
}, 'The double closest to the argument that is an integer (ties to even).', ex('rint'));

export const ln = logarithm('ln', 'ln', Math.log, 0, 'The natural logarithm; NULL for arguments <= 0.');
export const log10 = logarithm('log10', 'LOG10', Math.log10, 0, 'The base-10 logarithm; NULL for arguments <= 0.');
export const log2 = logarithm('log2', 'LOG2', Math.log2, 0, 'The base-2 logarithm; NULL for arguments <= 0.');
export const log1p = logarithm('log1p', 'LOG1P', Math.log1p, -1, 'ln(1 + x); NULL for arguments <= -1.');

/** log(x) is ln(x), printed as Spark prints Logarithm(E(), x); log(base, x) is ln(x) / ln(base). */
export const log: ScalarFunctionDef = {
  name: 'log',
  prettyName: 'LOG',
  // Spark's one-argument log is Logarithm(E(), x): the base shows in the column name, LOG(E(), x).
  completeArgs: (args) => (args.length === 1 ? [{ kind: 'fn', name: 'e', displayName: 'E', args: [], dataType: DoubleT, nullable: false }, ...args] : args),
  resolve(argTypes) {
    if (argTypes.length !== 1 && argTypes.length !== 2) return wrongArgCount('log', '[1, 2]', argTypes.length);
    return doubleArgs('log', argTypes, argTypes.length);
  },
  eval(args: readonly arrow.Data[], n: number) {
    const one = args.length === 1;
    const base = one ? null : float64Values(args[0]!);
    const v = float64Values(args[one ? 0 : 1]!);
    const valid = one ? validityOf(args[0]!) : andValidity(validityOf(args[0]!), validityOf(args[1]!), n);
    const out = new Float64Array(n);
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      const b = base ? base[i]! : Math.E;
      // Spark's Logarithm: NULL for x <= 0 or base <= 0.
      if ((valid && !(valid[i >> 3]! & (1 << (i & 7)))) || !(x > 0) || !(b > 0)) continue;
      out[i] = base ? Math.log(x) / Math.log(b) : Math.log(x);
      bits[i >> 3]! |= 1 << (i & 7);
    }
    return primitiveData(DoubleT, n, out, bits);
  },
  doc: { description: 'log(x) is the natural logarithm, log(base, x) the logarithm to that base; NULL for non-positive arguments.', example: "df.select(log(lit(2), col('x')))" },
};

export const atan2 = binary('atan2', 'ATAN2', Math.atan2, 'The angle in radians of the point (x, y): atan2(y, x).', "df.select(atan2(col('y'), col('x')))");
export const power = { ...binary('power', 'POWER', Math.pow, 'The first argument raised to the power of the second.', "df.select(pow(col('x'), 2))"), aliases: ['pow'] } satisfies ScalarFunctionDef;
export const hypot = binary('hypot', 'HYPOT', Math.hypot, 'sqrt(a^2 + b^2) without intermediate overflow.', "df.select(hypot(col('a'), col('b')))");

export const pi = constant('pi', 'PI', Math.PI, 'The ratio of a circle\'s circumference to its diameter.');
export const e = constant('e', 'E', Math.E, 'Euler\'s number.');

export const signum = { ...signumBase, aliases: ['sign'] } satisfies ScalarFunctionDef;

export const DOUBLE_MATH: readonly ScalarFunctionDef[] = [
  exp, expm1, sin, cos, tan, cot, sec, csc, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, cbrt, degrees,
  radians, signum, rint, ln, log10, log2, log1p, log, atan2, power, hypot, pi, e,
];

// round(x[, scale]): HALF_UP rounding to `scale` decimal places, on the shortest decimal form of a double as Spark's BigDecimal does.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DecimalT, fromArrowType, IntegerT, isIntegral, sameType } from '../../types/data-type.js';
import { changePrecision, MAX_PRECISION, rescale } from '../../types/decimal.js';
import { dataTypeOf, type Expression, nullableOf } from '../expression.js';
import { andValidity, float64Values, int32Values, int64Values, validityOf } from '../eval/columns.js';
import { isError, numericArg, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

/** HALF_UP rounding of a double to `scale` decimal places (negative scale rounds to tens, hundreds, …). */
export function roundHalfUp(x: number, scale: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const e = Number(exp);
  const keep = e + 1 + scale;
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  let v = BigInt(keep === 0 ? '0' : digits.slice(0, keep));
  if (digits.charCodeAt(keep) >= 0x35) v += 1n;
  if (v === 0n) return 0;
  return Number(`${x < 0 ? '-' : ''}${v}e${-scale}`);
}

/** HALF_UP rounding of an integer to a negative scale, wrapping like Java's `BigDecimal.longValue`. */
export function roundIntegral(x: bigint, scale: number): bigint {
  if (scale >= 0) return x;
  const p = 10n ** BigInt(-scale);
  const r = x % p;
  let out = x - r;
  if ((r < 0n ? -r : r) * 2n >= p) out += x < 0n ? -p : p;
  return out;
}

/**
 * round(decimal(p, s), scale)'s type, as Spark's RoundBase: one more integral digit for the carry, at most s
 * fraction digits (a negative scale gives scale 0), precision capped at 38.
 */
export function roundedDecimalType(p: number, s: number, scale: number): DataType {
  const integral = p - s + 1;
  if (scale < 0) return DecimalT(Math.min(Math.max(integral, -scale + 1), MAX_PRECISION), 0);
  const newScale = Math.min(s, scale);
  return DecimalT(Math.min(integral + newScale, MAX_PRECISION), newScale);
}

function implicitCast(e: Expression, to: DataType): Expression {
  return sameType(dataTypeOf(e), to) ? e : { kind: 'cast', child: e, to, implicit: true };
}

export const round: ScalarFunctionDef = {
  name: 'round',
  // A decimal's result type depends on the scale's value, so the call resolves from its arguments.
  resolveArgs(args) {
    const types = args.map(dataTypeOf);
    const t = types[0];
    if (t?.kind !== 'decimal' || args.length > 2) {
      const r = this.resolve(types);
      if ('error' in r) return r;
      const cast = args.map((a, i) => implicitCast(a, r.argTypes[i]!));
      return { args: cast, dataType: r.dataType, nullable: cast.some((a) => nullableOf(a)) };
    }
    const s = args[1];
    if (s && (s.kind !== 'literal' || (s.value !== null && !isIntegral(s.dataType)))) {
      return { error: 'The second parameter of `round` requires a foldable integer scale.', errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
    }
    const scale = s && s.value !== null ? Number(s.value) : 0;
    const dataType = roundedDecimalType(t.precision, t.scale, scale);
    const scaleArg: Expression = s ? implicitCast(s, IntegerT) : { kind: 'literal', value: 0, dataType: IntegerT };
    return { args: [args[0]!, scaleArg], dataType, nullable: true };
  },
  resolve(argTypes) {
    if (argTypes.length !== 1 && argTypes.length !== 2) return wrongArgCount('round', '[1, 2]', argTypes.length);
    const t = numericArg('round', argTypes[0]!);
    if (isError(t)) return t;
    const s = argTypes[1];
    if (s && !isIntegral(s) && s.kind !== 'null') return unexpectedType('round', 1, '"INT"', s);
    return { argTypes: s ? [t, IntegerT] : [t], dataType: t };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const d = args[0]!;
    const type = fromArrowType(d.type);
    const scales = args[1] ? int32Values(args[1]) : new Int32Array(n);
    const validity = args[1] ? andValidity(validityOf(d), validityOf(args[1]), n) : validityOf(d);
    switch (type.kind) {
      case 'decimal': {
        const to = call?.dataType;
        if (to?.kind !== 'decimal') throw new Error('round over a decimal needs its resolved decimal type');
        const w = decimalWords(d);
        const out = new BigInt64Array(2 * n);
        const valid = validity ? validity.slice(0, (n + 7) >> 3) : new Uint8Array((n + 7) >> 3).fill(0xff);
        for (let i = 0; i < n; i++) {
          if (!(valid[i >> 3]! & (1 << (i & 7)))) continue;
          // HALF_UP at the requested scale, then the result's scale (exact: it holds at least those digits).
          const k = scales[i]!;
          const r = changePrecision(rescale(readDecimal(w, i), type.scale, k), k, to);
          if (r === null) valid[i >> 3]! &= ~(1 << (i & 7));
          else writeDecimal(out, i, r);
        }
        return decimalData(to, n, out, valid);
      }
      case 'float64': {
        const v = float64Values(d);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = roundHalfUp(v[i]!, scales[i]!);
        return primitiveData(type, n, out, validity);
      }
      case 'int32': {
        const v = int32Values(d);
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) out[i] = scales[i]! >= 0 ? v[i]! : Number(BigInt.asIntN(32, roundIntegral(BigInt(v[i]!), scales[i]!)));
        return primitiveData(type, n, out, validity);
      }
      case 'int64': {
        const v = int64Values(d);
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = scales[i]! >= 0 ? v[i]! : BigInt.asIntN(64, roundIntegral(v[i]!, scales[i]!));
        return primitiveData(type, n, out, validity);
      }
      default:
        return d;
    }
  },
  doc: {
    description: 'Rounds the value to `scale` decimal places using HALF_UP rounding mode (scale 0 by default).',
    example: "df.select(round(col('price'), 2))",
  },
};

// round(x[, scale]): HALF_UP rounding to `scale` decimal places, on the shortest decimal form of a double as Spark's BigDecimal does.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { fromArrowType, IntegerT, isIntegral } from '../../types/data-type.js';
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

export const round: ScalarFunctionDef = {
  name: 'round',
  resolve(argTypes) {
    if (argTypes.length !== 1 && argTypes.length !== 2) return wrongArgCount('round', '[1, 2]', argTypes.length);
    const t = numericArg('round', argTypes[0]!);
    if (isError(t)) return t;
    const s = argTypes[1];
    if (s && !isIntegral(s) && s.kind !== 'null') return unexpectedType('round', 1, '"INT"', s);
    return { argTypes: s ? [t, IntegerT] : [t], dataType: t };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const d = args[0]!;
    const type = fromArrowType(d.type);
    const scales = args[1] ? int32Values(args[1]) : new Int32Array(n);
    const validity = args[1] ? andValidity(validityOf(d), validityOf(args[1]), n) : validityOf(d);
    switch (type.kind) {
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

// floor / ceil: round down / up to a bigint (Spark returns LongType for double and integral input alike), and a
// decimal(p, s) to decimal(p - s + 1, 0) (one more digit for the carry: ceil(9.9) = 10; scale 0 stays as it is).
import * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { DecimalT, DoubleT, fromArrowType, isIntegral, LongT } from '../../types/data-type.js';
import { MAX_PRECISION, pow10 } from '../../types/decimal.js';
import { float64Values, validityOf, wordsOf } from '../eval/columns.js';
import { writeDoubleAsLong } from '../eval/int64.js';
import { castableToDouble, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

function roundingFunction(name: 'floor' | 'ceil', aliases: string[], f: (x: number) => number): ScalarFunctionDef {
  return {
    name,
    aliases,
    prettyName: name.toUpperCase(),
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      const t = argTypes[0]!;
      if (isIntegral(t)) return { argTypes: [LongT], dataType: LongT };
      if (t.kind === 'decimal') return { argTypes: [t], dataType: flooredType(t.precision, t.scale) };
      if (castableToDouble(t)) return { argTypes: [DoubleT], dataType: LongT };
      return unexpectedType(name, 0, '("DOUBLE" or "BIGINT")', t);
    },
    eval(args: readonly arrow.Data[], n: number) {
      const d = args[0]!;
      if (d.typeId === arrow.Type.Int) return d;
      if (d.typeId === arrow.Type.Decimal) return roundDecimal(d, n, name === 'floor');
      const v = float64Values(d);
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      for (let i = 0; i < n; i++) writeDoubleAsLong(o, i, f(v[i]!));
      return primitiveData(LongT, n, out, validityOf(d));
    },
    doc: {
      description: `Computes the ${name === 'floor' ? 'floor' : 'ceiling'} of the given value, as a bigint.`,
      example: `df.select(${name}(col('x')))`,
    },
  };
}

/** Spark's floor/ceil type of decimal(p, s): decimal(p - s + 1, 0); a scale-0 decimal keeps its type. */
function flooredType(p: number, s: number) {
  return s === 0 ? DecimalT(p, 0) : DecimalT(Math.min(p - s + 1, MAX_PRECISION), 0);
}

/** floor/ceil of decimal column `d`: the integral part, one step down (floor) or up (ceil) when a fraction is left. */
function roundDecimal(d: arrow.Data, n: number, down: boolean): arrow.Data {
  const from = fromArrowType(d.type);
  if (from.kind !== 'decimal') throw new Error('floor/ceil: expected a decimal column');
  const to = flooredType(from.precision, from.scale);
  const unit = pow10(from.scale);
  const w = decimalWords(d);
  const out = new BigInt64Array(2 * n);
  const validity = validityOf(d);
  for (let i = 0; i < n; i++) {
    if (validity && !(validity[i >> 3]! & (1 << (i & 7)))) continue;
    const v = readDecimal(w, i);
    let q = v / unit;
    const r = v - q * unit;
    if (r !== 0n && down === r < 0n) q += down ? -1n : 1n;
    writeDecimal(out, i, q);
  }
  return decimalData(to, n, out, validity ? validity.slice(0, (n + 7) >> 3) : null);
}

export const floor = roundingFunction('floor', [], Math.floor);
export const ceil = roundingFunction('ceil', ['ceiling'], Math.ceil);

// floor / ceil: round down / up to a bigint (Spark returns LongType for double and integral input alike).
import * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT, isIntegral, LongT } from '../../types/data-type.js';
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
      if (castableToDouble(t)) return { argTypes: [DoubleT], dataType: LongT };
      return unexpectedType(name, 0, '("DOUBLE" or "BIGINT")', t);
    },
    eval(args: readonly arrow.Data[], n: number) {
      const d = args[0]!;
      if (d.typeId === arrow.Type.Int) return d;
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

export const floor = roundingFunction('floor', [], Math.floor);
export const ceil = roundingFunction('ceil', ['ceiling'], Math.ceil);

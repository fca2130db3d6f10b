// sqrt(x): square root as a double (NaN for negative input, as Java's Math.sqrt).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT } from '../../types/data-type.js';
import { float64Values, validityOf } from '../eval/columns.js';
import { castableToDouble, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

export const sqrt: ScalarFunctionDef = {
  name: 'sqrt',
  prettyName: 'SQRT',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('sqrt', '1', argTypes.length);
    if (!castableToDouble(argTypes[0]!)) return unexpectedType('sqrt', 0, '"DOUBLE"', argTypes[0]!);
    return { argTypes: [DoubleT], dataType: DoubleT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const v = float64Values(args[0]!);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.sqrt(v[i]!);
    return primitiveData(DoubleT, n, out, validityOf(args[0]!));
  },
  doc: {
    description: 'Computes the square root of the specified float value.',
    example: "df.select(sqrt(col('x')))",
  },
};

// isnan(x): true when x is NaN; never NULL (NULL input gives false).
import type * as arrow from 'apache-arrow';
import { BooleanT, DoubleT } from '../../types/data-type.js';
import { bit, booleanData, float64Values, validityOf } from '../eval/columns.js';
import { castableToDouble, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

export const isnan: ScalarFunctionDef = {
  name: 'isnan',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('isnan', '1', argTypes.length);
    if (!castableToDouble(argTypes[0]!)) return unexpectedType('isnan', 0, '"DOUBLE"', argTypes[0]!);
    return { argTypes: [DoubleT], dataType: BooleanT, nullable: () => false };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const v = float64Values(args[0]!);
    const validity = validityOf(args[0]!);
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      if ((validity === null || bit(validity, i)) && Number.isNaN(v[i])) bits[i >> 3]! |= 1 << (i & 7);
    }
    return booleanData(n, bits, null);
  },
  doc: {
    description: 'An expression that returns true if the column is NaN.',
    example: "df.select(isnan(col('x')))",
  },
};

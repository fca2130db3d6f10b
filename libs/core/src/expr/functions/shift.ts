// shiftright(x, n): arithmetic (sign-extending) right shift of an int or bigint by n bits, n taken modulo the width
// as Java's `>>` does. Grouping analytics read the bits of `spark_grouping_id` with it.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, IntegerT, fromArrowType } from '../../types/data-type.js';
import { andValidity, int32Values, int64Values, validityOf } from '../eval/columns.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

export const shiftright: ScalarFunctionDef = {
  name: 'shiftright',
  // `a >> n` in SQL, printed as the operator.
  aliases: ['>>'],
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('shiftright', '2', argTypes.length);
    const [x, n] = argTypes as [DataType, DataType];
    const base = x.kind === 'int64' ? x : x.kind === 'int32' || x.kind === 'null' ? IntegerT : null;
    if (!base) return unexpectedType('shiftright', 0, '("INT" or "BIGINT")', x);
    if (n.kind !== 'int32' && n.kind !== 'null') return unexpectedType('shiftright', 1, '"INT"', n);
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
      for (let i = 0; i < n; i++) out[i] = v[i]! >> BigInt(s[i]! & 63);
      return primitiveData(type, n, out, validity);
    }
    const v = int32Values(x);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i]! >> (s[i]! & 31);
    return primitiveData(IntegerT, n, out, validity);
  },
  doc: {
    description: 'Shifts the bits of an int or bigint right, keeping the sign (Java\'s `>>`).',
    example: "df.select(shiftright(col('x'), lit(1)))",
  },
};

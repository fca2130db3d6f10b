// year(d), month(d), dayofmonth(d) (alias day): calendar fields of a date; timestamps and strings are cast to
// date first, as Spark's implicit casts do. SQL's EXTRACT(YEAR FROM d) parses to year(d).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { DateT, IntegerT } from '../../types/data-type.js';
import { int32Values, validityOf } from '../eval/columns.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { civilFromDays } from '../eval/datetime.js';

function datePart(name: string, part: 0 | 1 | 2, description: string, aliases?: string[]): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      const t = argTypes[0]!;
      if (t.kind !== 'date' && t.kind !== 'timestamp' && t.kind !== 'string' && t.kind !== 'null') return unexpectedType(name, 0, '"DATE"', t);
      return { argTypes: [DateT], dataType: IntegerT };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const d = args[0]!;
      const v = int32Values(d);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = civilFromDays(v[i]!)[part];
      return primitiveData(IntegerT, n, out, validityOf(d));
    },
    doc: { description, example: `df.select(${name}(col('d')))` },
  };
}

export const year = datePart('year', 0, 'Extracts the year of a date as an integer.');
export const month = datePart('month', 1, 'Extracts the month (1–12) of a date as an integer.');
export const dayofmonth = datePart('dayofmonth', 2, 'Extracts the day of the month (1–31) of a date as an integer.', ['day']);

// year(d), month(d), dayofmonth(d) (alias day): calendar fields of a date; timestamps and strings are cast to
// date first, as Spark's implicit casts do. SQL's EXTRACT(YEAR FROM d) parses to year(d).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { DateT, IntegerT } from '../../types/data-type.js';
import { int32Values, validityOf } from '../eval/columns.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

/** Year, month (1–12) and day (1–31) of a day count since 1970-01-01 (proleptic Gregorian; Hinnant's civil_from_days). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

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
      for (let i = 0; i < n; i++) out[i] = civil(v[i]!)[part];
      return primitiveData(IntegerT, n, out, validityOf(d));
    },
    doc: { description, example: `df.select(${name}(col('d')))` },
  };
}

export const year = datePart('year', 0, 'Extracts the year of a date as an integer.');
export const month = datePart('month', 1, 'Extracts the month (1–12) of a date as an integer.');
export const dayofmonth = datePart('dayofmonth', 2, 'Extracts the day of the month (1–31) of a date as an integer.', ['day']);

// concat(...): concatenates strings; any NULL argument gives NULL. Non-string arguments are cast to string first.
import type * as arrow from 'apache-arrow';
import { StringT } from '../../types/data-type.js';
import { bit, stringParts, validityOf } from '../eval/columns.js';
import { StringBuilder } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef } from './function-def.js';

export const concat: ScalarFunctionDef = {
  name: 'concat',
  resolve(argTypes) {
    return allStrings('concat', argTypes, StringT);
  },
  eval(args: readonly arrow.Data[], n: number) {
    const parts = args.map((a) => stringParts(a));
    const valid = args.map((a) => validityOf(a));
    const total = parts.reduce((s, p) => s + p.bytes.length, 0);
    const out = new StringBuilder(n, total);
    const ranges: [Uint8Array, number, number][] = parts.map(() => [new Uint8Array(0), 0, 0]);
    for (let i = 0; i < n; i++) {
      let isNull = false;
      for (let k = 0; k < parts.length; k++) {
        const v = valid[k];
        if (v && !bit(v, i)) {
          isNull = true;
          break;
        }
        const p = parts[k]!;
        ranges[k] = [p.bytes, p.offsets[i]!, p.offsets[i + 1]!];
      }
      if (isNull) out.appendNull();
      else out.appendParts(ranges);
    }
    return out.finish();
  },
  doc: {
    description: 'Concatenates multiple input columns together into a single column; NULL if any input is NULL.',
    example: "df.select(concat(col('first'), lit(' '), col('last')))",
  },
};

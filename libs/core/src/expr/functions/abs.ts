// abs(x): absolute value; int/bigint keep their type (abs of MIN_VALUE wraps, or raises under ANSI), strings become double.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import { fromArrowType } from '../../types/data-type.js';
import { float64Values, int32Values, int64Words, validityOf, bit, wordsOf } from '../eval/columns.js';
import { arithmeticOverflow } from '../eval/errors.js';
import type { EvalContext } from '../eval/evaluate.js';
import { isError, numericArg, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

export const abs: ScalarFunctionDef = {
  name: 'abs',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('abs', '1', argTypes.length);
    const t = numericArg('abs', argTypes[0]!);
    return isError(t) ? t : { argTypes: [t], dataType: t };
  },
  eval(args: readonly arrow.Data[], n: number, ctx: EvalContext) {
    const d = args[0]!;
    const type = fromArrowType(d.type);
    const validity = validityOf(d);
    const ok = (i: number) => validity === null || bit(validity, i);
    switch (type.kind) {
      case 'int32': {
        const v = int32Values(d);
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          if (x === -2147483648 && ctx.ansi && ok(i)) throw arithmeticOverflow('integer');
          out[i] = x < 0 ? -x | 0 : x;
        }
        return primitiveData(type, n, out, validity);
      }
      case 'int64': {
        const w = int64Words(d);
        const out = new BigInt64Array(n);
        const o = wordsOf(out);
        for (let i = 0; i < n; i++) {
          const lo = w[2 * i]!;
          const hi = w[2 * i + 1]!;
          if (hi >= 0) {
            o[2 * i] = lo;
            o[2 * i + 1] = hi;
            continue;
          }
          if (hi === -2147483648 && lo === 0 && ctx.ansi && ok(i)) throw arithmeticOverflow('long');
          // Two's complement negation on words.
          const nlo = 0 - (lo >>> 0);
          o[2 * i] = nlo | 0;
          o[2 * i + 1] = (0 - hi - (nlo < 0 ? 1 : 0)) | 0;
        }
        return primitiveData(type, n, out, validity);
      }
      case 'float64': {
        const v = float64Values(d);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = Math.abs(v[i]!);
        return primitiveData(type, n, out, validity);
      }
      case 'decimal': {
        // |x| has x's digits: it always fits x's type.
        const w = decimalWords(d);
        const out = new BigInt64Array(2 * n);
        for (let i = 0; i < n; i++) {
          if (!ok(i)) continue;
          const x = readDecimal(w, i);
          writeDecimal(out, i, x < 0n ? -x : x);
        }
        return decimalData(type, n, out, validity);
      }
      default:
        return d;
    }
  },
  doc: {
    description: 'Computes the absolute value.',
    example: "df.select(abs(col('x')))",
  },
};

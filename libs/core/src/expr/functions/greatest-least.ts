// greatest / least: the largest / smallest non-NULL argument per row (NULL only when all are); NaN is the largest double.
import type * as arrow from 'apache-arrow';
import { simpleString } from '../../types/data-type.js';
import { bit, validityOf } from '../eval/columns.js';
import { compareColumns } from '../eval/compare.js';
import { gather } from '../eval/take.js';
import { commonType } from './coercion.js';
import { conformArgs, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

function extremum(name: 'greatest' | 'least'): ScalarFunctionDef {
  const sign = name === 'greatest' ? 1 : -1;
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length < 2) return wrongArgCount(name, '> 1', argTypes.length);
      const t = commonType(argTypes, false);
      if (!t || t.kind === 'array') {
        return { error: `The input to function \`${name}\` should all be the same type, but it's [${argTypes.map(simpleString).join(', ')}].` };
      }
      return { argTypes: argTypes.map(() => t), dataType: t, nullable: (ns) => ns.every((x) => x) };
    },
    eval(args: readonly arrow.Data[], n: number, ctx) {
      const { args: xs, type } = conformArgs(args, n, false, ctx);
      let best = xs[0]!;
      for (let k = 1; k < xs.length; k++) {
        const cand = xs[k]!;
        const c = compareColumns(cand, best, type, n);
        const vb = validityOf(best);
        const vc = validityOf(cand);
        const which = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const candValid = vc === null || bit(vc, i);
          const bestValid = vb === null || bit(vb, i);
          which[i] = candValid && (!bestValid || c[i]! * sign > 0) ? 1 : 0;
        }
        best = gather(type, [best, cand], which, null, n);
      }
      return best;
    },
    doc: {
      description: `Returns the ${name} value of the list of column values, skipping NULLs.`,
      example: `df.select(${name}(col('a'), col('b'), col('c')))`,
    },
  };
}

export const greatest = extremum('greatest');
export const least = extremum('least');

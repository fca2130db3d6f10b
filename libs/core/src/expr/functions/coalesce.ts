// coalesce(...) and nvl/ifnull(a, b): the first non-NULL argument per row, arguments coerced to a common type.
import type * as arrow from 'apache-arrow';
import { type DataType, simpleString } from '../../types/data-type.js';
import { bit, validityOf } from '../eval/columns.js';
import { gather } from '../eval/take.js';
import { commonType } from './coercion.js';
import { conformArgs, type ResolveResult, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

function resolveCommon(name: string, argTypes: readonly DataType[]): ResolveResult {
  const t = commonType(argTypes, true);
  if (!t) {
    return { error: `The input to function \`${name}\` should all be the same type, but it's [${argTypes.map(simpleString).join(', ')}].` };
  }
  return { argTypes: argTypes.map(() => t), dataType: t, nullable: (ns) => ns.every((x) => x) };
}

function firstNonNull(args: readonly arrow.Data[], n: number, type: DataType): arrow.Data {
  const which = new Int32Array(n).fill(-1);
  let remaining = n;
  for (let k = 0; k < args.length && remaining > 0; k++) {
    const v = validityOf(args[k]!);
    for (let i = 0; i < n; i++) {
      if (which[i] === -1 && (v === null || bit(v, i))) {
        which[i] = k;
        remaining--;
      }
    }
  }
  return gather(type, args, which, null, n);
}

export const coalesce: ScalarFunctionDef = {
  name: 'coalesce',
  resolve(argTypes) {
    if (argTypes.length < 1) return wrongArgCount('coalesce', '> 0', argTypes.length);
    return resolveCommon('coalesce', argTypes);
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    const c = conformArgs(args, n, true, ctx);
    return firstNonNull(c.args, n, c.type);
  },
  doc: {
    description: 'Returns the first column that is not NULL.',
    example: "df.select(coalesce(col('a'), col('b'), lit(0)))",
  },
};

export const nvl: ScalarFunctionDef = {
  name: 'nvl',
  aliases: ['ifnull'],
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('nvl', '2', argTypes.length);
    return resolveCommon('nvl', argTypes);
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    const c = conformArgs(args, n, true, ctx);
    return firstNonNull(c.args, n, c.type);
  },
  doc: {
    description: 'Returns `col2` if `col1` is NULL, or `col1` otherwise.',
    example: "df.select(nvl(col('a'), lit(0)))",
  },
};

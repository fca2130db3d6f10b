// startswith / endswith / contains: byte-level tests of one string against another (an empty needle always matches).
import type * as arrow from 'apache-arrow';
import { BooleanT } from '../../types/data-type.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { stringPredicate2 } from './string-kernels.js';

type BytesTest = (ab: Uint8Array, as: number, ae: number, bb: Uint8Array, bs: number, be: number) => boolean;

function matchAt(ab: Uint8Array, at: number, bb: Uint8Array, bs: number, be: number): boolean {
  for (let k = 0; k < be - bs; k++) if (ab[at + k] !== bb[bs + k]) return false;
  return true;
}

const startsWith: BytesTest = (ab, as, ae, bb, bs, be) => be - bs <= ae - as && matchAt(ab, as, bb, bs, be);
const endsWith: BytesTest = (ab, as, ae, bb, bs, be) => be - bs <= ae - as && matchAt(ab, ae - (be - bs), bb, bs, be);
const contains: BytesTest = (ab, as, ae, bb, bs, be) => {
  const m = be - bs;
  for (let at = as; at + m <= ae; at++) if (matchAt(ab, at, bb, bs, be)) return true;
  return false;
};

function predicate(name: string, test: BytesTest, description: string, example: string): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      return allStrings(name, argTypes, BooleanT);
    },
    eval(args: readonly arrow.Data[], n: number) {
      return stringPredicate2(args[0]!, args[1]!, n, test);
    },
    doc: { description, example },
  };
}

export const startswith = predicate('startswith', startsWith, 'True when the string starts with the given prefix.', "df.filter(col('name').startswith('Al'))");
export const endswith = predicate('endswith', endsWith, 'True when the string ends with the given suffix.', "df.filter(col('name').endswith('ce'))");
export const containsFn = predicate('contains', contains, 'True when the string contains the other string.', "df.filter(col('name').contains('li'))");

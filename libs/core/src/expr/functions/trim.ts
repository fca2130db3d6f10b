// trim / ltrim / rtrim: remove leading and/or trailing space characters (ASCII 32 only, as Spark's UTF8String.trim).
import type * as arrow from 'apache-arrow';
import { StringT } from '../../types/data-type.js';
import type { StringBuilder } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { mapString } from './string-kernels.js';

function trimFunction(name: 'trim' | 'ltrim' | 'rtrim'): ScalarFunctionDef {
  const left = name !== 'rtrim';
  const right = name !== 'ltrim';
  const trimRow = (bytes: Uint8Array, start: number, end: number, out: StringBuilder) => {
    let s = start;
    let e = end;
    if (left) while (s < e && bytes[s] === 0x20) s++;
    if (right) while (e > s && bytes[e - 1] === 0x20) e--;
    out.appendBytes(bytes, s, e);
  };
  const side = name === 'trim' ? 'both ends' : name === 'ltrim' ? 'the start' : 'the end';
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      return allStrings(name, argTypes, StringT);
    },
    eval(args: readonly arrow.Data[], n: number) {
      return mapString(args[0]!, n, trimRow);
    },
    doc: {
      description: `Trims the spaces from ${side} of the string.`,
      example: `df.select(${name}(col('name')))`,
    },
  };
}

export const trim = trimFunction('trim');
export const ltrim = trimFunction('ltrim');
export const rtrim = trimFunction('rtrim');

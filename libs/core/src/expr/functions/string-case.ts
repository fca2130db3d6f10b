// upper / lower: case conversion; ASCII rows are mapped byte by byte, others through JS's locale-independent case mapping.
import type * as arrow from 'apache-arrow';
import { StringT } from '../../types/data-type.js';
import { decodeUtf8, type StringBuilder } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { isAscii, mapString } from './string-kernels.js';

function caseMapper(toUpper: boolean) {
  const table = new Uint8Array(256);
  const lo = toUpper ? 0x61 : 0x41;
  for (let b = 0; b < 256; b++) table[b] = b >= lo && b < lo + 26 ? b + (toUpper ? -32 : 32) : b;
  return (bytes: Uint8Array, start: number, end: number, out: StringBuilder) => {
    if (isAscii(bytes, start, end)) out.appendMapped(bytes, start, end, table);
    else {
      const s = decodeUtf8(bytes, start, end);
      out.appendString(toUpper ? s.toUpperCase() : s.toLowerCase());
    }
  };
}

function caseFunction(name: 'upper' | 'lower', aliases: string[]): ScalarFunctionDef {
  const toUpper = name === 'upper';
  return {
    name,
    aliases,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      return allStrings(name, argTypes, StringT);
    },
    eval(args: readonly arrow.Data[], n: number) {
      return mapString(args[0]!, n, caseMapper(toUpper));
    },
    doc: {
      description: `Converts a string expression to ${toUpper ? 'upper' : 'lower'} case.`,
      example: `df.select(${name}(col('name')))`,
    },
  };
}

export const upper = caseFunction('upper', ['ucase']);
export const lower = caseFunction('lower', ['lcase']);

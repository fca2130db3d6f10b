// length: the number of characters (code points, not bytes) of a string, as an int.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { IntegerT } from '../../types/data-type.js';
import { stringParts, validityOf } from '../eval/columns.js';
import { countChars } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

export const length: ScalarFunctionDef = {
  name: 'length',
  aliases: ['char_length', 'character_length', 'len'],
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('length', '1', argTypes.length);
    return allStrings('length', argTypes, IntegerT);
  },
  eval(args: readonly arrow.Data[], n: number) {
    const d = args[0]!;
    const { offsets, bytes } = stringParts(d);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = countChars(bytes, offsets[i]!, offsets[i + 1]!);
    return primitiveData(IntegerT, n, out, validityOf(d));
  },
  doc: {
    description: 'Computes the character length of string data; trailing spaces count.',
    example: "df.select(length(col('name')))",
  },
};

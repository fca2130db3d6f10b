// The scalar function registry: every definition, looked up case-insensitively by name or alias.
import { abs } from './abs.js';
import { ARITHMETIC_FUNCTIONS } from './arithmetic-functions.js';
import { BITWISE_FUNCTIONS } from './bitwise.js';
import { CONTEXT_FUNCTIONS } from './context-functions.js';
import { NONDETERMINISTIC_FUNCTIONS } from './nondeterministic.js';
import { HASH_FUNCTIONS } from './hash-functions.js';
import { NULL_FUNCTIONS } from './null-functions.js';
import { NUMBER_FUNCTIONS } from './number-functions.js';
import { arrayRepeat } from './array-repeat.js';
import { coalesce, nvl } from './coalesce.js';
import { concat } from './concat.js';
import { dayofmonth, month, year } from './date-parts.js';
import { ceil, floor } from './floor-ceil.js';
import type { ScalarFunctionDef } from './function-def.js';
import { greatest, least } from './greatest-least.js';
import { isnan } from './isnan.js';
import { length } from './length.js';
import { like } from './like.js';
import { DOUBLE_MATH } from './math-double.js';
import { DATE_ARITHMETIC } from './date-arith.js';
import { DATETIME_PATTERN_FUNCTIONS } from './datetime-patterns.js';
import { TIMESTAMP_FUNCTIONS } from './timestamp-functions.js';
import { datePart, extract } from './date-part.js';
import { formatString, printf } from './format-string.js';
import { mask } from './string-mask.js';
import { RANDOM_FUNCTIONS } from './random-functions.js';
import { STRING_EXTRA_FUNCTIONS } from './string-extra.js';
import { TIMESTAMP_ADD_DIFF } from './timestamp-add-diff.js';
import { NUMBER_FORMAT_FUNCTIONS } from './number-format.js';
import { INPUT_FILE_FUNCTIONS } from './input-file.js';
import { COLLECTIONS } from './collections.js';
import { JSON_FUNCTIONS } from './json-functions.js';
import { ARRAY_FUNCTIONS } from './array-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { round } from './round.js';
import { shiftright } from './shift.js';
import { split } from './split.js';
import { sqrt } from './sqrt.js';
import { lower, upper } from './string-case.js';
import { containsFn, endswith, startswith } from './string-predicates.js';
import { substring } from './substring.js';
import { getField, namedStruct, struct } from './struct-functions.js';
import { updateFields } from './struct-update.js';
import { ltrim, rtrim, trim } from './trim.js';
// Map type functions (h-maps).
import { MAP_FUNCTIONS } from './map-functions.js';
import { subscript } from './subscript.js';

export type { ScalarFunctionDef } from './function-def.js';

const ALL: readonly ScalarFunctionDef[] = [
  upper, lower, length, substring, concat, trim, ltrim, rtrim, like, startswith, endswith, containsFn,
  coalesce, nvl, abs, round, floor, ceil, sqrt, isnan, greatest, least, namedStruct, struct, getField, split,
  year, month, dayofmonth, arrayRepeat, shiftright, ...DOUBLE_MATH, ...DATE_ARITHMETIC, ...COLLECTIONS,
  ...JSON_FUNCTIONS,
  ...DATETIME_PATTERN_FUNCTIONS, ...TIMESTAMP_FUNCTIONS, datePart,
  ...NULL_FUNCTIONS, ...ARITHMETIC_FUNCTIONS, ...NUMBER_FUNCTIONS, ...BITWISE_FUNCTIONS, ...HASH_FUNCTIONS,
  ...NONDETERMINISTIC_FUNCTIONS, ...CONTEXT_FUNCTIONS, updateFields, ...ARRAY_FUNCTIONS,
  ...STRING_FUNCTIONS,
  // Map type functions (h-maps).
  ...MAP_FUNCTIONS, subscript,
  // h-funcs: the scalar functions added for issue 4/6
  extract, formatString, printf, mask, ...RANDOM_FUNCTIONS, ...STRING_EXTRA_FUNCTIONS, ...TIMESTAMP_ADD_DIFF, ...NUMBER_FORMAT_FUNCTIONS, ...INPUT_FILE_FUNCTIONS,
];

const BY_NAME = new Map<string, ScalarFunctionDef>();
for (const def of ALL) {
  for (const name of [def.name, ...(def.aliases ?? [])]) {
    if (BY_NAME.has(name)) throw new Error(`duplicate scalar function name ${name}`);
    BY_NAME.set(name, def);
  }
}

/** The definition registered under `name` or one of its aliases, ignoring case. */
export function lookupScalarFunction(name: string): ScalarFunctionDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function listScalarFunctions(): readonly ScalarFunctionDef[] {
  return ALL;
}

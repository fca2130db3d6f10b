// The scalar function registry: every definition, looked up case-insensitively by name or alias.
import { abs } from './abs.js';
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
import { COLLECTIONS } from './collections.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { round } from './round.js';
import { shiftright } from './shift.js';
import { split } from './split.js';
import { sqrt } from './sqrt.js';
import { lower, upper } from './string-case.js';
import { containsFn, endswith, startswith } from './string-predicates.js';
import { substring } from './substring.js';
import { getField, namedStruct, struct } from './struct-functions.js';
import { ltrim, rtrim, trim } from './trim.js';

export type { ScalarFunctionDef } from './function-def.js';

const ALL: readonly ScalarFunctionDef[] = [
  upper, lower, length, substring, concat, trim, ltrim, rtrim, like, startswith, endswith, containsFn,
  coalesce, nvl, abs, round, floor, ceil, sqrt, isnan, greatest, least, namedStruct, struct, getField, split,
  year, month, dayofmonth, arrayRepeat, shiftright, ...DOUBLE_MATH, ...DATE_ARITHMETIC, ...COLLECTIONS,
  ...STRING_FUNCTIONS,
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

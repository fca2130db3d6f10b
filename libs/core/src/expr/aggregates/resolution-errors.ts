// Spark's errors for an aggregate's arguments, shared by the statistical, logical and approximate aggregates.
import { type DataType, simpleString } from '../../types/data-type.js';
import { ordinal } from '../functions/function-def.js';
// Types only: registry.ts imports the modules that import this one.
import type { Resolution } from './registry.js';

/** Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE text: `The first parameter requires the "DOUBLE" type, however "x" has the type "BOOLEAN".` */
export function unexpectedInput(i: number, expected: string, argSql: readonly string[] | undefined, actual: DataType): Resolution {
  return {
    error: `The ${ordinal(i)} parameter requires the ${expected} type, however "${argSql?.[i] ?? '?'}" has the type "${simpleString(actual).toUpperCase()}".`,
    errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
  };
}

/** Spark's WRONG_NUM_ARGS.WITHOUT_SUGGESTION; `expected` as Spark words it (`1`, `[1, 2]`…). */
export function wrongCount(name: string, expected: string | number, actual: number): Resolution {
  return { error: `The \`${name}\` requires ${expected} parameters but the actual number is ${actual}.`, errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
}

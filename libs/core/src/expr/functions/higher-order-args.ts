// What the array (higher-order.ts) and map (map-higher-order.ts) higher-order functions share: Spark's argument
// errors, and keeping the elements a predicate accepted.
import { type Expression, type LambdaFunction, dataTypeOf, prettyName } from '../expression.js';
import { ordinal, typeText } from './function-def.js';

export type Failure = { readonly error: string; readonly errorClass?: string; readonly args?: readonly Expression[] };

export function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'error' in x;
}

/** Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for a higher-order function's argument `i`. */
export function unexpected(i: number, expected: string, e: Expression): Failure {
  return { error: `The ${ordinal(i)} parameter requires the ${expected} type, however "${prettyName(e)}" has the type ${typeText(dataTypeOf(e))}.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
}

/** A predicate lambda (filter, exists, map_filter…) must give a boolean. */
export function booleanBody(f: LambdaFunction): Failure | undefined {
  const t = dataTypeOf(f.body);
  return t.kind === 'boolean' ? undefined : unexpected(1, '"BOOLEAN"', f);
}

/**
 * The flattened elements whose `keep` byte is set: the new offsets of each of the `n` rows (`offsets` are the
 * flattened ones) and the indices of the kept elements.
 */
export function keptElements(keep: Uint8Array, offsets: Int32Array, n: number): { offsets: Int32Array; idx: Int32Array } {
  const out = new Int32Array(n + 1);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) kept += keep[j]!;
    out[i + 1] = kept;
  }
  const idx = new Int32Array(kept);
  for (let j = 0, k = 0; j < keep.length; j++) if (keep[j]) idx[k++] = j;
  return { offsets: out, idx };
}

// Boolean kernels over bitmaps, in the native module: Kleene three-valued AND/OR, NOT, IS [NOT] NULL, and the
// byte mask of TRUE rows a filter keeps. 64 rows per step; inputs at any bit offset, results from bit 0.
import type * as arrow from 'apache-arrow';
import { boolBits, native, validityArgOrNull } from '../../execution/kernels.js';
import { booleanData } from './columns.js';

type BoolArg = [Uint8Array, number, Uint8Array | null, number];

/** Bits and validity of a boolean (or null-typed) column as the kernels take them. */
function boolArg(d: arrow.Data): BoolArg {
  const [validity, validityOffset] = validityArgOrNull(d);
  return [boolBits(d), d.offset, validity, validityOffset];
}

function result(r: native.BitmapResult, n: number): arrow.Data {
  return booleanData(n, r.values, r.validity, r.nullCount);
}

/** FALSE AND x = FALSE; TRUE AND NULL = NULL. */
export function and(left: arrow.Data, right: arrow.Data, n: number): arrow.Data {
  return result(native.logic(native.LogicOp.and, n, ...boolArg(left), ...boolArg(right)), n);
}

/** TRUE OR x = TRUE; FALSE OR NULL = NULL. */
export function or(left: arrow.Data, right: arrow.Data, n: number): arrow.Data {
  return result(native.logic(native.LogicOp.or, n, ...boolArg(left), ...boolArg(right)), n);
}

export function not(d: arrow.Data, n: number): arrow.Data {
  return result(native.logic(native.LogicOp.not, n, ...boolArg(d)), n);
}

export function isNull(d: arrow.Data, n: number): arrow.Data {
  const [validity, offset] = validityArgOrNull(d);
  return result(native.logic(native.LogicOp.isNull, n, null, 0, validity, offset), n);
}

export function isNotNull(d: arrow.Data, n: number): arrow.Data {
  const [validity, offset] = validityArgOrNull(d);
  return result(native.logic(native.LogicOp.isNotNull, n, null, 0, validity, offset), n);
}

/** One byte per row, 1 where `d` is TRUE (NULL and FALSE give 0). */
export function trueMask(d: arrow.Data, n: number): Uint8Array {
  const [bits, bitOffset, validity, validityOffset] = boolArg(d);
  return native.trueMask(bits, bitOffset, validity, validityOffset, n);
}

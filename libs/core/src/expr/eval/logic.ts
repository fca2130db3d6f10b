// Boolean kernels over bitmaps: Kleene three-valued AND/OR, NOT, IS [NOT] NULL. Eight rows per byte operation.
import type * as arrow from 'apache-arrow';
import { boolBitsOf, booleanData, validityOf } from './columns.js';

function bytes(n: number): number {
  return (n + 7) >> 3;
}

/** FALSE AND x = FALSE; TRUE AND NULL = NULL. */
export function and(left: arrow.Data, right: arrow.Data, n: number): arrow.Data {
  return kleene(left, right, n, true);
}

/** TRUE OR x = TRUE; FALSE OR NULL = NULL. */
export function or(left: arrow.Data, right: arrow.Data, n: number): arrow.Data {
  return kleene(left, right, n, false);
}

function kleene(left: arrow.Data, right: arrow.Data, n: number, isAnd: boolean): arrow.Data {
  const av = boolBitsOf(left);
  const bv = boolBitsOf(right);
  const am = validityOf(left);
  const bm = validityOf(right);
  const len = bytes(n);
  const value = new Uint8Array(len);
  const validity = new Uint8Array(len);
  let allValid = true;
  for (let k = 0; k < len; k++) {
    const ma = am ? am[k]! : 0xff;
    const mb = bm ? bm[k]! : 0xff;
    const at = ma & av[k]!;
    const bt = mb & bv[k]!;
    const af = ma & ~av[k]!;
    const bf = mb & ~bv[k]!;
    let v: number;
    let m: number;
    if (isAnd) {
      v = at & bt;
      m = af | bf | v;
    } else {
      v = at | bt;
      m = v | (af & bf);
    }
    value[k] = v;
    validity[k] = m;
    if ((m & 0xff) !== 0xff) allValid = false;
  }
  return booleanData(n, value, allValid ? null : validity);
}

export function not(d: arrow.Data, n: number): arrow.Data {
  const v = boolBitsOf(d);
  const len = bytes(n);
  const out = new Uint8Array(len);
  for (let k = 0; k < len; k++) out[k] = ~v[k]! & 0xff;
  return booleanData(n, out, validityOf(d));
}

export function isNull(d: arrow.Data, n: number): arrow.Data {
  const m = validityOf(d);
  const len = bytes(n);
  const out = new Uint8Array(len);
  if (m) for (let k = 0; k < len; k++) out[k] = ~m[k]! & 0xff;
  return booleanData(n, out, null);
}

export function isNotNull(d: arrow.Data, n: number): arrow.Data {
  const m = validityOf(d);
  const out = m ? m.slice(0, bytes(n)) : new Uint8Array(bytes(n)).fill(0xff);
  return booleanData(n, out, null);
}

/** One byte per row, 1 where `d` is TRUE (NULL and FALSE give 0). */
export function trueMask(d: arrow.Data, n: number): Uint8Array {
  const v = boolBitsOf(d);
  const m = validityOf(d);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = v[i >> 3]! & (m ? m[i >> 3]! : 0xff);
    out[i] = (b >> (i & 7)) & 1;
  }
  return out;
}

// CASE WHEN and IN. Both get a callback that evaluates a sub-expression on a subset of rows (mask) so that,
// under ANSI mode, branches are only computed for the rows that reach them, as Spark's lazy evaluation does.
import type * as arrow from 'apache-arrow';
import { type DataType, sameType } from '../../types/data-type.js';
import { type CaseWhen, dataTypeOf, type Expression, type In, type Literal } from '../expression.js';
import { castColumn } from './cast.js';
import { bit, boolBitsOf, booleanData, float64Values, int32Values, int64Values, nullColumn, stringParts, validityOf } from './columns.js';
import { compare } from './compare.js';
import { or, trueMask } from './logic.js';
import { decimalWords, readDecimal } from '../../execution/decimal-data.js';
import { decodeUtf8 } from './strings.js';
import { gather } from './take.js';

/** Evaluates `e` for the rows where `mask` is 1 (all rows when null); other rows may hold anything. */
export type RowsEvaluator = (e: Expression, mask: Uint8Array | null) => arrow.Data;

function conform(d: arrow.Data, e: Expression, type: DataType, n: number, ansi: boolean): arrow.Data {
  const t = dataTypeOf(e);
  return sameType(t, type) ? d : castColumn(d, t, type, n, { ansi });
}

export function caseWhen(e: CaseWhen, n: number, evalRows: RowsEvaluator, ansi: boolean): arrow.Data {
  const type = dataTypeOf(e);
  const which = new Int32Array(n).fill(-1);
  const undecided = new Uint8Array(n).fill(1);
  let remaining = n;
  const sources: arrow.Data[] = [];
  const placeholder = nullColumn(type, 0);
  e.branches.forEach((b, k) => {
    sources.push(placeholder);
    if (remaining === 0) return;
    const hit = trueMask(evalRows(b.condition, undecided), n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (hit[i] && undecided[i]) count++;
      else hit[i] = 0;
    }
    if (count === 0) return;
    sources[k] = conform(evalRows(b.value, hit), b.value, type, n, ansi);
    for (let i = 0; i < n; i++) {
      if (hit[i]) {
        which[i] = k;
        undecided[i] = 0;
      }
    }
    remaining -= count;
  });
  if (e.otherwise && remaining > 0) {
    sources.push(conform(evalRows(e.otherwise, undecided), e.otherwise, type, n, ansi));
    const k = sources.length - 1;
    for (let i = 0; i < n; i++) if (undecided[i]) which[i] = k;
  }
  return gather(type, sources, which, null, n);
}

/** `x IN (…)`: TRUE on a match; otherwise NULL when x is NULL or the list holds a NULL; FALSE else. Empty list: FALSE. */
export function evalIn(e: In, n: number, evalRows: RowsEvaluator): arrow.Data {
  if (e.list.length === 0) return booleanData(n, new Uint8Array((n + 7) >> 3), null);
  const type = dataTypeOf(e.child);
  const child = evalRows(e.child, null);
  if (type.kind !== 'array' && type.kind !== 'null' && e.list.every((x) => x.kind === 'literal')) {
    return inLiterals(child, type, e.list as readonly Literal[], n);
  }
  // x IN (a, b) ≡ x = a OR x = b under three-valued logic.
  let result = booleanData(n, new Uint8Array((n + 7) >> 3), null);
  for (const item of e.list) {
    const v = evalRows(item, null);
    result = or(result, compare('=', child, conform(v, item, type, n, false), type, n), n);
  }
  return result;
}

function inLiterals(child: arrow.Data, type: DataType, list: readonly Literal[], n: number): arrow.Data {
  let hasNull = false;
  const set = new Set<unknown>();
  for (const l of list) {
    if (l.value === null) hasNull = true;
    else if (type.kind === 'int64' || type.kind === 'timestamp' || type.kind === 'decimal') set.add(BigInt(l.value as bigint | number));
    else if (type.kind === 'int32' || type.kind === 'float64' || type.kind === 'date') set.add(Number(l.value));
    else if (type.kind === 'string') set.add(String(l.value));
    else set.add(l.value);
  }
  const cv = validityOf(child);
  const bits = new Uint8Array((n + 7) >> 3);
  const validity = new Uint8Array((n + 7) >> 3);
  let read: (i: number) => unknown;
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const v = int32Values(child);
      read = (i) => v[i];
      break;
    }
    case 'float64': {
      const v = float64Values(child);
      read = (i) => v[i];
      break;
    }
    case 'int64':
    case 'timestamp': {
      const v = int64Values(child);
      read = (i) => v[i];
      break;
    }
    case 'boolean': {
      const v = boolBitsOf(child);
      read = (i) => bit(v, i);
      break;
    }
    case 'decimal': {
      // The list was cast to the child's decimal type, so equal values have equal unscaled integers.
      const w = decimalWords(child);
      read = (i) => readDecimal(w, i);
      break;
    }
    default: {
      const { offsets, bytes } = stringParts(child);
      read = (i) => decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!);
    }
  }
  // Set membership uses SameValueZero: NaN matches NaN and -0.0 matches 0.0, as Spark's equality does.
  for (let i = 0; i < n; i++) {
    if (cv && !bit(cv, i)) continue;
    if (set.has(read(i))) {
      bits[i >> 3]! |= 1 << (i & 7);
      validity[i >> 3]! |= 1 << (i & 7);
    } else if (!hasNull) validity[i >> 3]! |= 1 << (i & 7);
  }
  return booleanData(n, bits, validity);
}

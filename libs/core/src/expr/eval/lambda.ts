// Evaluating a lambda over many elements at once: the elements of every array of a batch are laid end to end, the
// outer columns the body reads are repeated once per element (a take by parent row), and the body runs once.
import * as arrow from 'apache-arrow';
import { columnData, makeBatch, takeData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { type Expression, type LambdaFunction, forEachExpr, transformUp } from '../expression.js';
import type { EvalContext } from './evaluate.js';
import { bit, listData, validityOf } from './columns.js';

/** Evaluates a bound expression over a batch (the evaluator, passed in to keep modules acyclic). */
export type Evaluator = (e: Expression, batch: arrow.RecordBatch, ctx: EvalContext) => arrow.Data;

/** The elements of the non-NULL arrays of a list column, laid end to end. */
export interface FlatElements {
  /** Row i's elements are `elements[offsets[i] .. offsets[i+1])`; NULL rows have none. */
  readonly offsets: Int32Array;
  /** The row each element belongs to. */
  readonly parent: Int32Array;
  /** Each element's 0-based position in its array. */
  readonly position: Int32Array;
  readonly elements: arrow.Data;
  /** The list's validity (null when no row is NULL). */
  readonly validity: Uint8Array | null;
}

/** Flattens `list` (n rows of arrays of `elementType`). */
export function flattenList(list: arrow.Data, n: number, elementType: DataType): FlatElements {
  const offs = list.valueOffsets as Int32Array;
  const validity = validityOf(list);
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (validity === null || bit(validity, i)) m += offs[i + 1]! - offs[i]!;
    offsets[i + 1] = m;
  }
  const parent = new Int32Array(m);
  const position = new Int32Array(m);
  const source = new Int32Array(m);
  let identity = true;
  for (let i = 0, j = 0; i < n; i++) {
    if (validity !== null && !bit(validity, i)) continue;
    for (let k = offs[i]!; k < offs[i + 1]!; k++, j++) {
      parent[j] = i;
      position[j] = k - offs[i]!;
      source[j] = k;
      if (k !== j) identity = false;
    }
  }
  const child = list.children[0]!;
  const elements = identity && child.length === m ? child : takeColumn(elementType, child, source);
  return { offsets, parent, position, elements, validity };
}

interface PreparedLambda {
  /** The body with outer columns renumbered 0..k-1 and the parameters as columns k, k+1, … */
  readonly body: Expression;
  /** Ordinals (in the outer batch) of the columns the body reads, and their types. */
  readonly outer: readonly { readonly ordinal: number; readonly dataType: DataType }[];
}

const prepared = new WeakMap<LambdaFunction, PreparedLambda>();

function prepare(l: LambdaFunction): PreparedLambda {
  let p = prepared.get(l);
  if (p) return p;
  const outerIndex = new Map<number, number>();
  const outer: { ordinal: number; dataType: DataType }[] = [];
  forEachExpr(l.body, (x) => {
    if (x.kind === 'boundRef' && !outerIndex.has(x.ordinal)) {
      outerIndex.set(x.ordinal, outer.length);
      outer.push({ ordinal: x.ordinal, dataType: x.dataType });
    }
  });
  const params = new Map<number, number>();
  l.params.forEach((v, k) => {
    if (v.kind === 'lambdaVar') params.set(v.exprId, outer.length + k);
  });
  const body = transformUp(l.body, (x) => {
    if (x.kind === 'boundRef') return { ...x, ordinal: outerIndex.get(x.ordinal)! };
    if (x.kind === 'lambdaVar') {
      // A nested lambda's own parameters are left for its preparation (enclosing lambdas' were bound by theirs).
      const ordinal = params.get(x.exprId);
      return ordinal === undefined ? x : { kind: 'boundRef', ordinal, dataType: x.dataType, nullable: x.nullable };
    }
    return x;
  });
  p = { body, outer };
  prepared.set(l, p);
  return p;
}

/**
 * The lambda's body over `m` rows: parameter k is `args[k]`, and the outer columns are those of `batch` at rows
 * `parent` (row j of the result belongs to outer row parent[j]).
 */
export function evalLambda(
  l: LambdaFunction,
  batch: arrow.RecordBatch,
  parent: Int32Array,
  args: readonly arrow.Data[],
  ctx: EvalContext,
  ev: Evaluator,
): arrow.Data {
  const p = prepare(l);
  const m = parent.length;
  const cols: arrow.Data[] = p.outer.map((o) => takeColumn(o.dataType, columnData(batch, o.ordinal), parent));
  for (const a of args) cols.push(a);
  const schema = new arrow.Schema(cols.map((c, i) => new arrow.Field(`_${i}`, c.type, true)));
  return ev(p.body, makeBatch(schema, cols, m), ctx);
}

/**
 * Rows `indices` of `d` (-1 gives NULL). Arrays are gathered through their offsets, the elements by one take of the
 * child (recursively), rather than row by row as JS values.
 */
export function takeColumn(type: DataType, d: arrow.Data, indices: Int32Array): arrow.Data {
  if (type.kind !== 'array') return takeData(type, d, indices);
  const n = indices.length;
  const offs = d.valueOffsets as Int32Array;
  const valid = validityOf(d);
  const offsets = new Int32Array(n + 1);
  const validity = new Uint8Array((n + 7) >> 3);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = indices[i]!;
    if (s >= 0 && (valid === null || bit(valid, s))) {
      validity[i >> 3]! |= 1 << (i & 7);
      m += offs[s + 1]! - offs[s]!;
    }
    offsets[i + 1] = m;
  }
  const source = new Int32Array(m);
  for (let i = 0, j = 0; i < n; i++) {
    if (offsets[i + 1] === offsets[i]) continue;
    const s = indices[i]!;
    for (let k = offs[s]!; k < offs[s + 1]!; k++) source[j++] = k;
  }
  return listData(type, n, offsets, takeColumn(type.elementType, d.children[0]!, source), validity);
}

/** 0, 1, …, n-1. */
export function iota(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

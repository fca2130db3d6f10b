// Helpers for the evaluator's tests: columns and batches from JS values, results back as JS values.
import * as arrow from 'apache-arrow';
import { makeBatch } from '../../execution/vectors.js';
import { type DataType, toArrowType } from '../../types/data-type.js';
import type { BoundReference, Expression } from '../expression.js';
import { type EvalContext, evaluate } from './evaluate.js';
import { buildColumn, valueReader } from './values.js';

export function column(type: DataType, values: readonly unknown[]): arrow.Data {
  return buildColumn(type, values);
}

/** A batch of the given columns (names c0, c1, …). */
export function batch(columns: readonly (readonly [DataType, readonly unknown[]])[]): arrow.RecordBatch {
  const schema = new arrow.Schema(columns.map(([t], i) => new arrow.Field(`c${i}`, toArrowType(t), true)));
  const n = columns[0]?.[1].length ?? 0;
  return makeBatch(schema, columns.map(([t, v]) => column(t, v)), n);
}

/** The same batch built from sliced columns: `pad` junk rows before and after each column's data. */
export function slicedBatch(columns: readonly (readonly [DataType, readonly unknown[]])[], pad = 3): arrow.RecordBatch {
  const schema = new arrow.Schema(columns.map(([t], i) => new arrow.Field(`c${i}`, toArrowType(t), true)));
  const n = columns[0]?.[1].length ?? 0;
  const cols = columns.map(([t, v]) => {
    const junk = Array.from({ length: pad }, (_, k) => v[k % Math.max(1, v.length)] ?? null);
    return column(t, [...junk, ...v, ...junk]).slice(pad, n);
  });
  return makeBatch(schema, cols, n);
}

export function ref(ordinal: number, dataType: DataType, nullable = true): BoundReference {
  return { kind: 'boundRef', ordinal, dataType, nullable };
}

export function valuesOf(d: arrow.Data, type: DataType): unknown[] {
  const read = valueReader(d, type);
  return Array.from({ length: d.length }, (_, i) => read(i));
}

/** Evaluates `e` over `b` and returns its values as JS values. */
export function run(e: Expression, b: arrow.RecordBatch, type: DataType, ctx?: EvalContext): unknown[] {
  const d = evaluate(e, b, ctx);
  if (d.length !== b.numRows) throw new Error(`result has ${d.length} rows, batch ${b.numRows}`);
  return valuesOf(d, type);
}

// Gathering rows: by index (for evaluating on a subset of rows) and by per-row source choice (CASE WHEN, COALESCE).
import * as arrow from 'apache-arrow';
import { decimalData, decimalWords } from '../../execution/decimal-data.js';
import { makeBatch, primitiveData } from '../../execution/vectors.js';
import { type DataType, fromArrowType } from '../../types/data-type.js';
import { bit, boolBitsOf, float64Values, int32Values, int64Words, nullColumn, stringParts, validityOf, wordsOf } from './columns.js';
import { StringBuilder } from './strings.js';
import { buildColumn, valueReader } from './values.js';

/**
 * Builds a column whose row i is row `rows[i]` of `sources[which[i]]` (which[i] = -1 gives NULL).
 * With `rows` null, row i comes from row i of its source. All sources have type `type`.
 */
export function gather(type: DataType, sources: readonly arrow.Data[], which: Int32Array, rows: Int32Array | null, n: number): arrow.Data {
  if (type.kind === 'null') return nullColumn(type, n);
  const validity = new Uint8Array((n + 7) >> 3);
  const srcValid = sources.map((s) => validityOf(s));
  const nullSrc = sources.map((s) => s.typeId === arrow.Type.Null);
  const rowOf = (i: number) => (rows ? rows[i]! : i);
  // Marks validity and returns the source row, or -1 when the output row is NULL.
  const pick = (i: number): number => {
    const w = which[i]!;
    if (w < 0 || nullSrc[w]) return -1;
    const r = rowOf(i);
    if (r < 0) return -1;
    const v = srcValid[w];
    if (v && !bit(v, r)) return -1;
    validity[i >> 3]! |= 1 << (i & 7);
    return r;
  };
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const vals = sources.map((s, k) => (nullSrc[k] ? new Int32Array(0) : int32Values(s)));
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r >= 0) out[i] = vals[which[i]!]![r]!;
      }
      return primitiveData(type, n, out, validity);
    }
    case 'int64':
    case 'timestamp': {
      const vals = sources.map((s, k) => (nullSrc[k] ? new Int32Array(0) : int64Words(s)));
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r >= 0) {
          const w = vals[which[i]!]!;
          o[2 * i] = w[2 * r]!;
          o[2 * i + 1] = w[2 * r + 1]!;
        }
      }
      return primitiveData(type, n, out, validity);
    }
    case 'float64': {
      const vals = sources.map((s, k) => (nullSrc[k] ? new Float64Array(0) : float64Values(s)));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r >= 0) out[i] = vals[which[i]!]![r]!;
      }
      return primitiveData(type, n, out, validity);
    }
    case 'decimal': {
      const vals = sources.map((s, k) => (nullSrc[k] ? new BigInt64Array(0) : decimalWords(s)));
      const out = new BigInt64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r >= 0) {
          const w = vals[which[i]!]!;
          out[2 * i] = w[2 * r]!;
          out[2 * i + 1] = w[2 * r + 1]!;
        }
      }
      return decimalData(type, n, out, validity);
    }
    case 'boolean': {
      const vals = sources.map((s) => boolBitsOf(s));
      const out = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r >= 0 && bit(vals[which[i]!]!, r)) out[i >> 3]! |= 1 << (i & 7);
      }
      return primitiveData(type, n, out, validity);
    }
    case 'string': {
      const parts = sources.map((s, k) => (nullSrc[k] ? null : stringParts(s)));
      const b = new StringBuilder(n);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        if (r < 0) b.appendNull();
        else {
          const p = parts[which[i]!]!;
          b.appendBytes(p.bytes, p.offsets[r]!, p.offsets[r + 1]!);
        }
      }
      return b.finish();
    }
    case 'binary':
    case 'array':
    case 'map':
    case 'struct': {
      const readers = sources.map((s) => valueReader(s, type));
      const values: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const r = pick(i);
        values[i] = r < 0 ? null : readers[which[i]!]!(r);
      }
      return buildColumn(type, values);
    }
  }
}

/** Rows `indices` of `d` (-1 gives NULL). */
export function takeRows(type: DataType, d: arrow.Data, indices: Int32Array): arrow.Data {
  return gather(type, [d], new Int32Array(indices.length), indices, indices.length);
}

/** Rows of `batch` where `mask` is 1, as a new batch; also returns their positions. */
export function selectRows(batch: arrow.RecordBatch, mask: Uint8Array): { batch: arrow.RecordBatch; positions: Int32Array } {
  let m = 0;
  for (let i = 0; i < batch.numRows; i++) if (mask[i]) m++;
  const positions = new Int32Array(m);
  for (let i = 0, j = 0; i < batch.numRows; i++) if (mask[i]) positions[j++] = i;
  const cols = batch.schema.fields.map((f, c) => takeRows(fromArrowType(f.type), batch.data.children[c]!, positions));
  return { batch: makeBatch(batch.schema, cols, m), positions };
}

/** Spreads the rows of `sub` (computed for `positions`) back over `n` rows; other rows are NULL. */
export function scatterRows(type: DataType, sub: arrow.Data, positions: Int32Array, n: number): arrow.Data {
  const idx = new Int32Array(n).fill(-1);
  for (let j = 0; j < positions.length; j++) idx[positions[j]!] = j;
  return takeRows(type, sub, idx);
}

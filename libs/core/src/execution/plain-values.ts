// Row values as plain JS values in the engine's conventions (date as days, timestamp as µs bigint, decimal as its
// unscaled bigint), and back:
// structured-clone-able, unlike Arrow's own getters (which turn dates into milliseconds).
import type * as arrow from 'apache-arrow';
import { type DataType, mapEntriesType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { decimalFromValues, decimalWords, readDecimal } from './decimal-data.js';
import { structData } from './struct-data.js';
import { binaryData, dataFromValues, listOf, isNullAt, nullData, primitiveData, stringData, valueAt } from './vectors.js';

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Row i of `d` as a plain JS value in the engine's conventions (date as days, timestamp as µs bigint). */
export function plainValueAt(d: arrow.Data, type: DataType, i: number): unknown {
  if (isNullAt(d, i)) return null;
  // Arrow JS pre-slices value and offset buffers of a sliced Data; `offset` applies only to bitmaps.
  const j = d.offset + i;
  switch (type.kind) {
    case 'int32':
    case 'date':
    case 'int64':
    case 'timestamp':
    case 'float64':
      return (d.values as Int32Array | BigInt64Array | Float64Array)[i]!;
    case 'decimal':
      return readDecimal(decimalWords(d), i);
    case 'boolean':
      return ((d.values as Uint8Array)[j >> 3]! & (1 << (j & 7))) !== 0;
    case 'string': {
      const offs = d.valueOffsets as Int32Array;
      return utf8Decoder.decode((d.values as Uint8Array).subarray(offs[i]!, offs[i + 1]!));
    }
    case 'binary': {
      const offs = d.valueOffsets as Int32Array;
      return (d.values as Uint8Array).slice(offs[i]!, offs[i + 1]!);
    }
    case 'null':
      return null;
    case 'array': {
      const toPlain = (v: unknown): unknown => (v !== null && typeof v === 'object' && Symbol.iterator in v ? [...(v as Iterable<unknown>)].map(toPlain) : v);
      return toPlain(valueAt(d, i));
    }
    case 'map': {
      // [key, value] pairs in entry order.
      const offs = d.valueOffsets as Int32Array;
      const entries = d.children[0]!;
      const out: unknown[] = [];
      for (let k = offs[i]!; k < offs[i + 1]!; k++) out.push([plainValueAt(entries.children[0]!, type.keyType, k), plainValueAt(entries.children[1]!, type.valueType, k)]);
      return out;
    }
    case 'struct':
      // Positional field values: row i of the struct is row i of each child.
      return type.fields.map((f, k) => plainValueAt(d.children[k]!, f.dataType, i));
    default:
      return assertNever(type, 'data type');
  }
}

/** A column from plain values (null for SQL NULL); the inverse of plainValueAt. */
export function dataFromPlainValues(type: DataType, values: readonly unknown[]): arrow.Data {
  const n = values.length;
  const validity = new Uint8Array((n + 7) >> 3);
  values.forEach((v, i) => { if (v !== null) validity[i >> 3]! |= 1 << (i & 7); });
  switch (type.kind) {
    case 'int32':
    case 'date':
      return primitiveData(type, n, Int32Array.from(values, (v) => (v as number | null) ?? 0), validity);
    case 'float64':
      return primitiveData(type, n, Float64Array.from(values, (v) => (v as number | null) ?? 0), validity);
    case 'int64':
    case 'timestamp':
      return primitiveData(type, n, BigInt64Array.from(values, (v) => (v as bigint | null) ?? 0n), validity);
    case 'decimal':
      return decimalFromValues(type, values as (bigint | null)[]);
    case 'boolean': {
      const bits = new Uint8Array((n + 7) >> 3);
      values.forEach((v, i) => { if (v === true) bits[i >> 3]! |= 1 << (i & 7); });
      return primitiveData(type, n, bits, validity);
    }
    case 'string': {
      const encoded = values.map((v) => utf8Encoder.encode((v as string | null) ?? ''));
      const offsets = new Int32Array(n + 1);
      encoded.forEach((e, i) => { offsets[i + 1] = offsets[i]! + e.length; });
      const bytes = new Uint8Array(offsets[n]!);
      encoded.forEach((e, i) => bytes.set(e, offsets[i]!));
      return stringData(n, offsets, bytes, validity);
    }
    case 'binary':
      return binaryData(values.map((v) => (v as Uint8Array | null) ?? new Uint8Array(0)), validity);
    case 'null':
      return nullData(type, n);
    case 'array':
      return dataFromValues(type, values);
    case 'map': {
      const offsets = new Int32Array(n + 1);
      const flat: unknown[] = [];
      values.forEach((v, i) => {
        if (v !== null) for (const e of v as readonly unknown[]) flat.push(e);
        offsets[i + 1] = flat.length;
      });
      return listOf(type, n, offsets, dataFromPlainValues(mapEntriesType(type), flat), validity);
    }
    case 'struct': {
      const children = type.fields.map((f, k) => dataFromPlainValues(f.dataType, values.map((v) => (v === null ? null : (v as readonly unknown[])[k] ?? null))));
      return structData(type, n, children, validity);
    }
    default:
      return assertNever(type, 'data type');
  }
}

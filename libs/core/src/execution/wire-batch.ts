// Record batches as plain, structured-clone-able objects, for moving them between executor threads.
// Buffers are copied once into SharedArrayBuffers, after which every thread reads them without copying.
import * as arrow from 'apache-arrow';
import { type DataType, listElementType, toArrowType } from '../types/data-type.js';
import { recordBatch } from './vectors.js';

type Buffer = Uint8Array | Int32Array | BigInt64Array | Float64Array;

export interface WireData {
  readonly type: DataType;
  readonly length: number;
  readonly offset: number;
  readonly nullCount: number;
  readonly values?: Buffer;
  readonly validity?: Uint8Array;
  readonly offsets?: Int32Array;
  readonly children?: readonly WireData[];
}

export interface WireBatch {
  readonly fields: readonly { readonly name: string; readonly type: DataType; readonly nullable: boolean }[];
  readonly length: number;
  readonly columns: readonly WireData[];
}

function isShared(view: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && view.buffer instanceof SharedArrayBuffer;
}

/** A copy of `view` in shared memory (or `view` itself when it already is). */
function share<T extends Buffer>(view: T): T {
  if (isShared(view)) return view;
  const Ctor = view.constructor as { new (b: SharedArrayBuffer, off: number, len: number): T; BYTES_PER_ELEMENT: number };
  const sab = new SharedArrayBuffer(view.byteLength);
  const out = new Ctor(sab, 0, view.length);
  (out as unknown as { set(v: T): void }).set(view);
  return out;
}

function encodeData(type: DataType, d: arrow.Data, shared: boolean): WireData {
  const s = <T extends Buffer>(b: T | undefined) => (b && shared ? share(b) : b);
  const base = { type, length: d.length, offset: d.offset, nullCount: d.nullCount };
  const validity = d.nullCount > 0 && d.nullBitmap && d.nullBitmap.length > 0 ? s(d.nullBitmap) : undefined;
  switch (type.kind) {
    case 'null':
      return base;
    case 'string':
    case 'binary':
      return { ...base, validity, values: s(d.values as Uint8Array), offsets: s(d.valueOffsets as Int32Array) };
    case 'array':
    case 'map':
      return { ...base, validity, offsets: s(d.valueOffsets as Int32Array), children: [encodeData(listElementType(type), d.children[0]!, shared)] };
    case 'struct':
      return { ...base, validity, children: type.fields.map((f, k) => encodeData(f.dataType, d.children[k]!, shared)) };
    default:
      return { ...base, validity, values: s(d.values as Buffer) };
  }
}

function decodeData(w: WireData): arrow.Data {
  const type = toArrowType(w.type);
  const common = { type, offset: w.offset, length: w.length, nullCount: w.nullCount, nullBitmap: w.validity };
  switch (w.type.kind) {
    case 'null':
      return arrow.makeData({ type: new arrow.Null(), offset: w.offset, length: w.length, nullCount: w.length });
    case 'string':
      return arrow.makeData({ ...common, type: type as arrow.Utf8, valueOffsets: w.offsets!, data: w.values as Uint8Array });
    case 'binary':
      return arrow.makeData({ ...common, type: type as arrow.Binary, valueOffsets: w.offsets!, data: w.values as Uint8Array });
    case 'array':
      return arrow.makeData({ ...common, type: type as arrow.List, valueOffsets: w.offsets!, child: decodeData(w.children![0]!) });
    case 'map':
      return arrow.makeData({ ...common, type: type as arrow.Map_, valueOffsets: w.offsets!, child: decodeData(w.children![0]!) });
    case 'struct':
      return arrow.makeData({ ...common, type: type as arrow.Struct, children: w.children!.map(decodeData) });
    default:
      return arrow.makeData({ ...common, type: type as arrow.Int32, data: w.values as Int32Array });
  }
}

/** Encodes a batch; with `shared`, buffers not yet in shared memory are copied there. */
export function encodeBatch(batch: arrow.RecordBatch, types: readonly DataType[], shared = true): WireBatch {
  return {
    fields: batch.schema.fields.map((f, i) => ({ name: f.name, type: types[i]!, nullable: f.nullable })),
    length: batch.numRows,
    columns: types.map((t, i) => encodeData(t, batch.data.children[i]!, shared)),
  };
}

export function decodeBatch(w: WireBatch): arrow.RecordBatch {
  const schema = new arrow.Schema(w.fields.map((f) => new arrow.Field(f.name, toArrowType(f.type), f.nullable)));
  const children = w.columns.map(decodeData);
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: w.length, children, nullCount: 0 });
  return recordBatch(schema, struct);
}

/** The batch re-backed by shared memory (a no-op for batches already shared). */
export function shareBatch(batch: arrow.RecordBatch, types: readonly DataType[]): arrow.RecordBatch {
  return decodeBatch(encodeBatch(batch, types, true));
}

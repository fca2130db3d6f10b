// Small helpers over Arrow data shared by the operators and the expression evaluator.
// Engine batches always hold single-chunk columns, so each column is exactly one arrow.Data.
// Arrow JS pre-slices the values and offsets buffers of a sliced Data; `offset` applies only to bitmaps
// (validity, and boolean values).
import * as arrow from 'apache-arrow';
import { type DataType, listElementType, mapEntriesType, toArrowType } from '../types/data-type.js';
import type { StructType } from '../types/schema.js';
import { decimalData, decimalFromValues, decimalWords } from './decimal-data.js';
import { boolBits, fixedValues, native, stringBuffers, validityArg } from './kernels.js';
import { structData, structFieldColumns, validityOfValues } from './struct-data.js';

export type Column = arrow.Data;

/** The i-th column of a batch as one Data chunk. */
export function columnData(batch: arrow.RecordBatch, i: number): arrow.Data {
  return batch.data.children[i]!;
}

/** True when row `i` of `d` is null. */
export function isNullAt(d: arrow.Data, i: number): boolean {
  if (d.typeId === arrow.Type.Null) return true;
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) return false;
  const j = d.offset + i;
  return (d.nullBitmap[j >> 3]! & (1 << (j & 7))) === 0;
}

/** A validity bitmap with every one of `n` bits set. */
export function allValid(n: number): Uint8Array {
  const bm = new Uint8Array((n + 7) >> 3).fill(0xff);
  return bm;
}

export function setBit(bm: Uint8Array, i: number, v: boolean): void {
  if (v) bm[i >> 3]! |= 1 << (i & 7);
  else bm[i >> 3]! &= ~(1 << (i & 7));
}

export function getBit(bm: Uint8Array, i: number): boolean {
  return (bm[i >> 3]! & (1 << (i & 7))) !== 0;
}

function countNulls(validity: Uint8Array | null, n: number): number {
  if (!validity) return 0;
  let valid = 0;
  for (let i = 0; i < n; i++) if (validity[i >> 3]! & (1 << (i & 7))) valid++;
  return n - valid;
}

/**
 * Wraps a primitive values array (Int32Array, BigInt64Array, Float64Array; Uint8Array bitmap for boolean;
 * Int32Array days for date; BigInt64Array µs for timestamp) into a Data of `type`. `validity` null = no nulls.
 */
export function primitiveData(type: DataType, length: number, values: ArrayBufferView, validity: Uint8Array | null, knownNullCount?: number): arrow.Data {
  // A kernel that built the bitmap passes its NULL count, so it is not counted again row by row.
  const nullCount = knownNullCount ?? countNulls(validity, length);
  return arrow.makeData({
    type: toArrowType(type) as arrow.Int32,
    length,
    data: values as Int32Array,
    nullBitmap: nullCount === 0 ? undefined : validity!,
    nullCount,
  });
}

/** Builds a Utf8 Data from offsets and bytes. */
export function stringData(
  length: number,
  offsets: Int32Array,
  bytes: Uint8Array,
  validity: Uint8Array | null,
  binary = false,
  knownNullCount?: number,
): arrow.Data {
  const nullCount = knownNullCount ?? countNulls(validity, length);
  const props = { length, valueOffsets: offsets, data: bytes, nullBitmap: nullCount === 0 ? undefined : validity!, nullCount };
  return binary ? arrow.makeData({ type: new arrow.Binary(), ...props }) : arrow.makeData({ type: new arrow.Utf8(), ...props });
}

/**
 * Generic, slower path: a column from JS values (null for SQL NULL), in the engine's conventions:
 * date as days (number), timestamp as microseconds (bigint), decimal as its unscaled bigint.
 */
export function dataFromValues(type: DataType, values: readonly unknown[]): arrow.Data {
  if (type.kind === 'decimal') return decimalFromValues(type, values as (bigint | null)[]);
  if (type.kind === 'date' || type.kind === 'timestamp') {
    const n = values.length;
    const validity = new Uint8Array((n + 7) >> 3);
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) validity[i >> 3]! |= 1 << (i & 7);
    });
    const arr = type.kind === 'date'
      ? Int32Array.from(values, (v) => (v as number | null) ?? 0)
      : BigInt64Array.from(values, (v) => (v as bigint | null) ?? 0n);
    return primitiveData(type, n, arr, validity);
  }
  if (type.kind === 'map') {
    // Entries as [key, value] pairs (or a JS Map), stored as the list of entries structs.
    const offsets = new Int32Array(values.length + 1);
    const flat: unknown[] = [];
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) for (const e of v instanceof Map ? v.entries() : (v as Iterable<unknown>)) flat.push(e);
      offsets[i + 1] = flat.length;
    });
    return listOf(type, values.length, offsets, dataFromValues(mapEntriesType(type), flat), validityOfValues(values));
  }
  if (type.kind === 'struct') {
    const columns = structFieldColumns(type, values);
    return structData(type, values.length, type.fields.map((f, k) => dataFromValues(f.dataType, columns[k]!)), validityOfValues(values));
  }
  const v = arrow.vectorFromArray(values as unknown[], toArrowType(type));
  if (v.data.length === 1) return v.data[0]!;
  return (v as arrow.Vector).data.reduce((a, b) => concatData(type, [a, b]));
}

/** A Data of `length` nulls of `type`. */
export function nullData(type: DataType, length: number): arrow.Data {
  return dataFromValues(type, new Array(length).fill(null));
}

/** A binary column of `parts` (rows whose validity bit is clear hold an empty part). */
export function binaryData(parts: readonly Uint8Array[], validity: Uint8Array | null): arrow.Data {
  const n = parts.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + parts[i]!.length;
  const bytes = new Uint8Array(offsets[n]!);
  for (let i = 0; i < n; i++) bytes.set(parts[i]!, offsets[i]!);
  return stringData(n, offsets, bytes, validity, true);
}

/** The value of row `i` as Arrow JS returns it (dates as milliseconds); prefer `plainValueAt` for engine values. */
export function valueAt(d: arrow.Data, i: number): unknown {
  if (isNullAt(d, i)) return null;
  return arrow.makeVector(d).get(i);
}

/** Gathers rows `indices` of `d` (index -1 gives null); an index outside [-1, length) is a RangeError. */
export function takeData(type: DataType, d: arrow.Data, indices: Int32Array): arrow.Data {
  const n = indices.length;
  const [bm, off] = validityArg(d);
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const r = native.takeInt32(fixedValues(d, type) as Int32Array, bm, off, indices);
      return primitiveData(type, n, r.values, r.validity);
    }
    case 'int64':
    case 'timestamp': {
      const r = native.takeInt64(fixedValues(d, type) as BigInt64Array, bm, off, indices);
      return primitiveData(type, n, r.values, r.validity);
    }
    case 'float64': {
      const r = native.takeFloat64(fixedValues(d, type) as Float64Array, bm, off, indices);
      return primitiveData(type, n, r.values, r.validity);
    }
    case 'boolean': {
      const r = native.takeBoolean(boolBits(d), d.offset, bm, off, d.length, indices);
      return primitiveData(type, n, r.values, r.validity);
    }
    case 'string':
    case 'binary': {
      // Binary has the string layout (offsets + bytes): same kernel, other Arrow type.
      const { offsets, bytes } = stringBuffers(d);
      const r = native.takeString(offsets, bytes, bm, off, d.length, indices);
      return stringData(n, r.offsets, r.bytes, r.validity, type.kind === 'binary');
    }
    case 'decimal': {
      // Row i is 16 bytes, copied as four 32-bit words (BigInt64Array reads would allocate bigints).
      const w = decimalWords(d);
      const src = new Int32Array(w.buffer, w.byteOffset, 2 * w.length);
      const out = new BigInt64Array(2 * n);
      const dst = new Int32Array(out.buffer);
      const validity = new Uint8Array((n + 7) >> 3);
      const noNulls = d.nullCount === 0;
      for (let i = 0; i < n; i++) {
        const s = indices[i]!;
        if (s >= d.length || s < -1) throw new RangeError(`takeData: index ${s} is outside a column of ${d.length} rows`);
        if (s < 0 || (!noNulls && isNullAt(d, s))) continue;
        validity[i >> 3]! |= 1 << (i & 7);
        const a = 4 * s;
        const b = 4 * i;
        dst[b] = src[a]!;
        dst[b + 1] = src[a + 1]!;
        dst[b + 2] = src[a + 2]!;
        dst[b + 3] = src[a + 3]!;
      }
      return decimalData(type, n, out, validity);
    }
    case 'null':
      return nullData(type, n);
    case 'array':
    case 'map': {
      // New offsets over the taken rows' element ranges, and one gather of those elements (any element type,
      // nested arrays included).
      const offs = d.valueOffsets as Int32Array;
      const out = new Int32Array(n + 1);
      const validity = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const s = indices[i]!;
        if (s >= d.length || s < -1) throw new RangeError(`takeData: index ${s} is outside a column of ${d.length} rows`);
        const taken = s >= 0 && !isNullAt(d, s);
        if (taken) setBit(validity, i, true);
        out[i + 1] = out[i]! + (taken ? offs[s + 1]! - offs[s]! : 0);
      }
      const elements = new Int32Array(out[n]!);
      for (let i = 0, p = 0; i < n; i++) {
        if (out[i + 1] === out[i]) continue;
        for (let j = offs[indices[i]!]!, end = offs[indices[i]! + 1]!; j < end; j++) elements[p++] = j;
      }
      return listOf(type, n, out, takeData(listElementType(type), d.children[0]!, elements), validity);
    }
    case 'struct': {
      const validity = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const s = indices[i]!;
        if (s >= d.length) throw new RangeError(`takeData: index ${s} is outside a column of ${d.length} rows`);
        if (s >= 0 && !isNullAt(d, s)) setBit(validity, i, true);
      }
      return structData(type, n, type.fields.map((f, k) => takeData(f.dataType, d.children[k]!, indices)), validity);
    }
  }
}

export function listOf(type: DataType, n: number, offsets: Int32Array, child: arrow.Data, validity: Uint8Array | null): arrow.Data {
  let nullCount = 0;
  if (validity) for (let i = 0; i < n; i++) if (!(validity[i >> 3]! & (1 << (i & 7)))) nullCount++;
  return arrow.makeData({ type: toArrowType(type) as arrow.List, length: n, nullCount, nullBitmap: nullCount === 0 ? undefined : validity!, valueOffsets: offsets, child });
}

/** Concatenates Data chunks of one type into one. */
export function concatData(type: DataType, parts: readonly arrow.Data[]): arrow.Data {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((s, p) => s + p.length, 0);
  const anyNull = parts.some((p) => p.nullCount > 0);
  let validity: Uint8Array | null = null;
  if (anyNull) {
    validity = new Uint8Array((total + 7) >> 3);
    let pos = 0;
    for (const p of parts) {
      for (let i = 0; i < p.length; i++) setBit(validity, pos + i, !isNullAt(p, i));
      pos += p.length;
    }
  }
  switch (type.kind) {
    case 'int32':
    case 'date':
    case 'int64':
    case 'timestamp':
    case 'float64': {
      const Ctor = type.kind === 'float64' ? Float64Array : type.kind === 'int64' || type.kind === 'timestamp' ? BigInt64Array : Int32Array;
      const values = new Ctor(total);
      let pos = 0;
      for (const p of parts) {
        const src = p.values as unknown as { subarray(a: number, b: number): ArrayLike<number> };
        values.set(src.subarray(0, p.length) as never, pos);
        pos += p.length;
      }
      return primitiveData(type, total, values, validity);
    }
    case 'decimal': {
      const words = new BigInt64Array(2 * total);
      let pos = 0;
      for (const p of parts) {
        words.set(decimalWords(p), 2 * pos);
        pos += p.length;
      }
      return decimalData(type, total, words, validity);
    }
    case 'boolean': {
      const out = new Uint8Array((total + 7) >> 3);
      let pos = 0;
      for (const p of parts) {
        const src = p.values as Uint8Array;
        for (let i = 0; i < p.length; i++) {
          const j = p.offset + i;
          if (src[j >> 3]! & (1 << (j & 7))) out[(pos + i) >> 3]! |= 1 << ((pos + i) & 7);
        }
        pos += p.length;
      }
      return primitiveData(type, total, out, validity);
    }
    case 'string':
    case 'binary': {
      let bytesTotal = 0;
      for (const p of parts) {
        const o = p.valueOffsets as Int32Array;
        bytesTotal += o[p.length]! - o[0]!;
      }
      const offs = new Int32Array(total + 1);
      const bytes = new Uint8Array(bytesTotal);
      let row = 0;
      let bpos = 0;
      for (const p of parts) {
        const o = p.valueOffsets as Int32Array;
        const start = o[0]!;
        const end = o[p.length]!;
        bytes.set((p.values as Uint8Array).subarray(start, end), bpos);
        for (let i = 0; i < p.length; i++) offs[row + i + 1] = o[i + 1]! - start + bpos;
        row += p.length;
        bpos += end - start;
      }
      return stringData(total, offs, bytes, validity, type.kind === 'binary');
    }
    case 'null':
      return nullData(type, total);
    case 'array':
    case 'map': {
      // Offsets rebased part by part; the parts' element ranges concatenated.
      const offs = new Int32Array(total + 1);
      const children: arrow.Data[] = [];
      let row = 0;
      let base = 0;
      for (const p of parts) {
        const o = p.valueOffsets as Int32Array;
        const start = o[0]!;
        for (let i = 0; i < p.length; i++) offs[row + i + 1] = o[i + 1]! - start + base;
        children.push(p.children[0]!.slice(start, o[p.length]! - start));
        row += p.length;
        base += o[p.length]! - start;
      }
      return listOf(type, total, offs, concatData(listElementType(type), children), validity);
    }
    case 'struct':
      return structData(type, total, type.fields.map((f, k) => concatData(f.dataType, parts.map((p) => p.children[k]!))), validity);
  }
}

/**
 * `new RecordBatch(schema, data)`, keeping `schema` as given: apache-arrow merges fields by name on the way
 * (Schema.assign), which gives a batch with two same-named columns (legal in Spark) the wrong schema.
 */
export function recordBatch(schema: arrow.Schema, data: arrow.Data<arrow.Struct>): arrow.RecordBatch {
  // When every column already has the batch's length (the common case) the constructor's length fix-up only
  // rebuilds the schema and the struct (≈ 30 µs a batch, paid by every operator): build the batch directly.
  if (data.children.length === schema.fields.length && data.children.every((c) => c.length === data.length)) {
    const fast = Object.create(arrow.RecordBatch.prototype) as { schema: arrow.Schema; data: arrow.Data<arrow.Struct>; _metadata: Map<string, string> };
    fast.schema = schema;
    fast.data = data;
    fast._metadata = new Map();
    return fast as unknown as arrow.RecordBatch;
  }
  const batch = new arrow.RecordBatch(schema, data);
  if (batch.schema !== schema) (batch as { schema: arrow.Schema }).schema = schema;
  return batch;
}

/** A record batch from columns; every column must have `length` rows. */
export function makeBatch(schema: arrow.Schema, columns: readonly arrow.Data[], length?: number): arrow.RecordBatch {
  const n = length ?? (columns[0]?.length ?? 0);
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: n, children: columns as arrow.Data[], nullCount: 0 });
  return recordBatch(schema, struct);
}

export function emptyBatch(schema: StructType | arrow.Schema): arrow.RecordBatch {
  const s = schema instanceof arrow.Schema ? schema : schema.toArrow();
  return makeBatch(s, s.fields.map((f) => arrow.makeData({ type: f.type, length: 0, nullCount: 0 } as never)), 0);
}

/** Rows `indices` of every column of `batch`. */
export function takeBatch(batch: arrow.RecordBatch, types: readonly DataType[], indices: Int32Array): arrow.RecordBatch {
  const cols = types.map((t, i) => takeData(t, columnData(batch, i), indices));
  return makeBatch(batch.schema, cols, indices.length);
}

/**
 * Rows whose mask byte is nonzero. Primitive, boolean and string columns are compacted natively straight
 * from the mask's selection bitmap (no index array, one allocation per output buffer); other columns
 * gather by indices made once per batch.
 */
export function filterBatch(batch: arrow.RecordBatch, types: readonly DataType[], mask: Uint8Array): arrow.RecordBatch {
  const n = batch.numRows;
  const { selection, count } = native.filterSelection(mask, n);
  if (count === n) return batch;
  let idx: Int32Array | undefined;
  const indices = (): Int32Array => (idx ??= native.filterMaskToIndices(mask, n));
  const cols = types.map((t, i) => filterData(t, columnData(batch, i), selection, count, indices));
  return makeBatch(batch.schema, cols, count);
}

function filterData(type: DataType, d: arrow.Data, selection: BigInt64Array, count: number, indices: () => Int32Array): arrow.Data {
  const [bm, off] = validityArg(d);
  switch (type.kind) {
    case 'int32':
    case 'date':
    case 'int64':
    case 'timestamp':
    case 'float64': {
      const r = native.filterFixed(fixedValues(d, type), bm, off, selection, d.length);
      return primitiveData(type, count, r.values, r.validity);
    }
    case 'boolean': {
      const r = native.filterBoolean(boolBits(d), d.offset, bm, off, selection, d.length);
      return primitiveData(type, count, r.values, r.validity);
    }
    case 'string':
    case 'binary': {
      const { offsets, bytes } = stringBuffers(d);
      const r = native.filterString(offsets, bytes, bm, off, selection, d.length);
      return stringData(count, r.offsets, r.bytes, r.validity, type.kind === 'binary');
    }
    default:
      return takeData(type, d, indices());
  }
}

/** Concatenates batches of one schema into one batch. */
export function concatBatches(schema: arrow.Schema, types: readonly DataType[], batches: readonly arrow.RecordBatch[]): arrow.RecordBatch {
  const nonEmpty = batches.filter((b) => b.numRows > 0);
  if (nonEmpty.length === 0) return emptyBatch(schema);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const cols = types.map((t, i) => concatData(t, nonEmpty.map((b) => columnData(b, i))));
  return makeBatch(schema, cols, nonEmpty.reduce((s, b) => s + b.numRows, 0));
}

/** Approximate bytes held by a batch's buffers (for metrics and broadcast thresholds). */
export function batchBytes(batch: arrow.RecordBatch): number {
  let total = 0;
  const visit = (d: arrow.Data) => {
    for (const buf of [d.values, d.nullBitmap, d.valueOffsets] as (ArrayBufferView | undefined)[]) {
      if (buf) total += buf.byteLength;
    }
    for (const c of d.children) visit(c);
  };
  for (const c of batch.data.children) visit(c);
  return total;
}

/**
 * Copies columns whose buffers overlap an earlier column's (e.g. `select(id, id)`), because apache-arrow's
 * IPC writer drops one of two consecutive buffers that view the same memory, corrupting the stream.
 */
export function unaliasBatch(batch: arrow.RecordBatch, types: readonly DataType[]): arrow.RecordBatch {
  const seen: { buffer: ArrayBufferLike; start: number; end: number }[] = [];
  const overlaps = (v: ArrayBufferView | undefined | null) =>
    !!v && v.byteLength > 0 && seen.some((s) => s.buffer === v.buffer && v.byteOffset < s.end && s.start < v.byteOffset + v.byteLength);
  const remember = (v: ArrayBufferView | undefined | null) => {
    if (v && v.byteLength > 0) seen.push({ buffer: v.buffer, start: v.byteOffset, end: v.byteOffset + v.byteLength });
  };
  let changed = false;
  const cols = batch.data.children.map((d, i) => {
    const bufs = [d.values, d.nullBitmap, d.valueOffsets] as (ArrayBufferView | undefined)[];
    let out = d;
    if (bufs.some(overlaps) || d.children.length > 0) {
      const idx = new Int32Array(d.length);
      for (let k = 0; k < idx.length; k++) idx[k] = k;
      out = takeData(types[i]!, d, idx);
      changed = true;
    }
    for (const b of [out.values, out.nullBitmap, out.valueOffsets] as (ArrayBufferView | undefined)[]) remember(b);
    return out;
  });
  return changed ? makeBatch(batch.schema, cols, batch.numRows) : batch;
}

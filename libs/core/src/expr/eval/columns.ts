// Offset-aware access to Arrow column buffers, and builders of fresh columns, for the evaluator's hot loops.
// Arrow-js slices value and offset buffers but not validity bitmaps or boolean bits: those stay at `offset + i`.
import * as arrow from 'apache-arrow';
import { type DataType, mapEntriesType, toArrowType } from '../../types/data-type.js';
import { structData } from '../../execution/struct-data.js';
import { decimalData } from '../../execution/decimal-data.js';
import { primitiveData, stringData } from '../../execution/vectors.js';

/** Copies `n` bits of `src` starting at bit `from` into a fresh bitmap starting at bit 0. */
export function shiftBits(src: Uint8Array, from: number, n: number): Uint8Array {
  const out = new Uint8Array((n + 7) >> 3);
  if ((from & 7) === 0) {
    out.set(src.subarray(from >> 3, (from >> 3) + out.length));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const j = from + i;
    if (src[j >> 3]! & (1 << (j & 7))) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/** The validity of `d` as a bitmap whose bit i is row i, or null when no row is null. Null-typed data is all null. */
export function validityOf(d: arrow.Data): Uint8Array | null {
  if (d.typeId === arrow.Type.Null) return new Uint8Array((d.length + 7) >> 3);
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) return null;
  if (d.offset === 0) return d.nullBitmap;
  return shiftBits(d.nullBitmap, d.offset, d.length);
}

/** Boolean values of `d` as a bitmap whose bit i is row i (null rows carry arbitrary bits). */
export function boolBitsOf(d: arrow.Data): Uint8Array {
  if (d.typeId === arrow.Type.Null || !d.values) return new Uint8Array((d.length + 7) >> 3);
  const v = d.values as Uint8Array;
  return d.offset === 0 ? v : shiftBits(v, d.offset, d.length);
}

/** Row i of an int32/date column is `result[i]`. */
export function int32Values(d: arrow.Data): Int32Array {
  return d.values as Int32Array;
}

export function float64Values(d: arrow.Data): Float64Array {
  return d.values as Float64Array;
}

export function int64Values(d: arrow.Data): BigInt64Array {
  return d.values as BigInt64Array;
}

/** An int64/timestamp column as 32-bit words: row i is (lo = w[2i], hi = w[2i+1]), little-endian. */
export function int64Words(d: arrow.Data): Int32Array {
  const v = d.values as BigInt64Array;
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2);
}

export function wordsOf(v: BigInt64Array): Int32Array {
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2);
}

/** Row i's string bytes are `bytes[offsets[i] .. offsets[i+1])`. */
export function stringParts(d: arrow.Data): { offsets: Int32Array; bytes: Uint8Array } {
  return { offsets: d.valueOffsets as Int32Array, bytes: (d.values as Uint8Array) ?? new Uint8Array(0) };
}

/** Bitwise AND of two validity bitmaps (null = all valid). */
export function andValidity(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (!a) return b ? b.slice(0, (n + 7) >> 3) : null;
  if (!b) return a.slice(0, (n + 7) >> 3);
  const len = (n + 7) >> 3;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** A fresh, writable validity bitmap: a copy of `v` or all ones. */
export function writableValidity(v: Uint8Array | null, n: number): Uint8Array {
  const len = (n + 7) >> 3;
  if (v) return v.slice(0, len);
  return new Uint8Array(len).fill(0xff);
}

export function bit(bm: Uint8Array, i: number): boolean {
  return (bm[i >> 3]! & (1 << (i & 7))) !== 0;
}

export function clearBit(bm: Uint8Array, i: number): void {
  bm[i >> 3]! &= ~(1 << (i & 7));
}

/** A boolean column from a value bitmap and a validity bitmap. */
export function booleanData(n: number, bits: Uint8Array, validity: Uint8Array | null, knownNullCount?: number): arrow.Data {
  return primitiveData({ kind: 'boolean' }, n, bits, validity, knownNullCount);
}

/** A column of `n` NULLs of `type`, with real (zeroed) buffers so that kernels can read it like any other. */
export function nullColumn(type: DataType, n: number): arrow.Data {
  const validity = new Uint8Array((n + 7) >> 3);
  switch (type.kind) {
    case 'int32':
    case 'date':
      return primitiveData(type, n, new Int32Array(n), validity);
    case 'int64':
    case 'timestamp':
      return primitiveData(type, n, new BigInt64Array(n), validity);
    case 'float64':
      return primitiveData(type, n, new Float64Array(n), validity);
    case 'decimal':
      return decimalData(type, n, new BigInt64Array(2 * n), validity, n);
    case 'boolean':
      return primitiveData(type, n, new Uint8Array((n + 7) >> 3), validity);
    case 'string':
    case 'binary':
      return stringData(n, new Int32Array(n + 1), new Uint8Array(0), validity, type.kind === 'binary');
    case 'null':
      return arrow.makeData({ type: new arrow.Null(), length: n, nullCount: n });
    case 'array':
    case 'map': {
      const child = nullColumn(type.kind === 'array' ? type.elementType : mapEntriesType(type), 0);
      return arrow.makeData({
        type: toArrowType(type) as arrow.List,
        length: n,
        nullCount: n,
        nullBitmap: validity,
        valueOffsets: new Int32Array(n + 1),
        child,
      });
    }
    case 'struct':
      return structData(type, n, type.fields.map((f) => nullColumn(f.dataType, n)), validity);
  }
}

/** Builds a list column from offsets (row i = elements offsets[i]..offsets[i+1] of `child`). */
export function listData(type: DataType, n: number, offsets: Int32Array, child: arrow.Data, validity: Uint8Array | null): arrow.Data {
  let nullCount = 0;
  if (validity) for (let i = 0; i < n; i++) if (!bit(validity, i)) nullCount++;
  return arrow.makeData({
    type: toArrowType(type) as arrow.List,
    length: n,
    nullCount,
    nullBitmap: nullCount === 0 ? undefined : validity!,
    valueOffsets: offsets,
    child,
  });
}

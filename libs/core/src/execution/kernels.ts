// The engine's adapter onto @kindling/native: turns an arrow.Data of an engine type into the buffers a
// kernel takes (arrow-js pre-slices values and offsets; bitmaps and boolean bits stay at `offset + i`).
import * as native from '@kindling/native';
import type * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { decimalWords } from './decimal-data.js';

export { native };

if (!native.isAvailable()) throw native.loadError ?? new Error('@kindling/native is not available');

/** Decimals of up to 18 digits fit an int64: the native kernels see their low words as int64 keys. */
export const DECIMAL_INT64_MAX_PRECISION = 18;

/**
 * Key kind of a type the native hash, dictionary, sort and join kernels handle; undefined for null, array,
 * struct and decimals over 18 digits (those take the engine's generic bigint paths).
 */
export function keyKindOf(type: DataType): native.KeyKindCode | undefined {
  switch (type.kind) {
    case 'decimal':
      return type.precision <= DECIMAL_INT64_MAX_PRECISION ? native.KeyKind.int64 : undefined;
    case 'int32':
    case 'date':
      return native.KeyKind.int32;
    case 'int64':
    case 'timestamp':
      return native.KeyKind.int64;
    case 'float64':
      return native.KeyKind.float64;
    case 'boolean':
      return native.KeyKind.boolean;
    case 'string':
    case 'binary':
      return native.KeyKind.string;
    case 'null':
    case 'array':
    case 'map':
    case 'struct':
      return undefined;
  }
}

/** The validity bitmap kernels read (null when no row is null) and the bit of row 0 in it. */
export function validityArg(d: arrow.Data): [Uint8Array | null, number] {
  return d.nullCount > 0 && d.nullBitmap && d.nullBitmap.length > 0 ? [d.nullBitmap, d.offset] : [null, 0];
}

type Fixed = Int32Array | BigInt64Array | Float64Array;
type FixedCtor = { new (n: number): Fixed };

/** Rows [0, length) of a fixed-width column; an all-NULL column without a values buffer reads as zeros. */
export function fixedValues(d: arrow.Data, type: DataType): Fixed {
  const Ctor: FixedCtor =
    type.kind === 'float64' ? Float64Array : type.kind === 'int64' || type.kind === 'timestamp' ? BigInt64Array : Int32Array;
  const v = d.values as Fixed | undefined;
  if (!v || (v.length < d.length && d.nullCount === d.length)) return new Ctor(d.length);
  return v.length === d.length ? v : v.subarray(0, d.length);
}

/** Boolean bits (row i is bit offset + i) of a column; an all-NULL column without bits reads as false. */
export function boolBits(d: arrow.Data): Uint8Array {
  const v = d.values as Uint8Array | undefined;
  return v && v.length * 8 >= d.offset + d.length ? v : new Uint8Array((d.offset + d.length + 7) >> 3);
}

const NO_OFFSETS = new Int32Array(1);
const NO_BYTES = new Uint8Array(0);

/** Offsets (row i is bytes[offsets[i] .. offsets[i+1])) and bytes of a string column. */
export function stringBuffers(d: arrow.Data): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = (d.valueOffsets as Int32Array | undefined) ?? NO_OFFSETS;
  const bytes = (d.values as Uint8Array | undefined) ?? NO_BYTES;
  if (offsets.length < d.length + 1 && d.nullCount === d.length) return { offsets: new Int32Array(d.length + 1), bytes };
  return { offsets, bytes };
}

/**
 * The low words of a decimal column of ≤ 18 digits: there the high word is only the sign, so the low word is
 * the unscaled value as an int64 (a copy: Decimal128 interleaves low and high words).
 */
export function decimalLowWords(d: arrow.Data): BigInt64Array {
  const w = decimalWords(d);
  const out = new BigInt64Array(d.length);
  // Copied as 32-bit halves: reading a BigInt64Array element allocates a bigint.
  const src = new Int32Array(w.buffer, w.byteOffset, 2 * w.length);
  const dst = new Int32Array(out.buffer, out.byteOffset, 2 * out.length);
  for (let i = 0; i < out.length; i++) {
    dst[2 * i] = src[4 * i]!;
    dst[2 * i + 1] = src[4 * i + 1]!;
  }
  return out;
}

/** A key column as the join probe takes it: [kind, values, offsets, bitOffset]. */
export function joinKeyColumn(d: arrow.Data, type: DataType, kind: native.KeyKindCode): native.JoinKeyColumn {
  if (type.kind === 'decimal') return [kind, decimalLowWords(d), null, 0];
  switch (kind) {
    case native.KeyKind.boolean:
      return [kind, boolBits(d), null, d.offset];
    case native.KeyKind.string: {
      const { offsets, bytes } = stringBuffers(d);
      return [kind, bytes, offsets, 0];
    }
    default:
      return [kind, fixedValues(d, type), null, 0];
  }
}

/** As validityArg, but a null-typed column (every row NULL, no bitmap) reads as an all-zero bitmap. */
export function validityArgOrNull(d: arrow.Data): [Uint8Array | null, number] {
  if (d.type.typeId === NULL_TYPE_ID) return [new Uint8Array((d.length + 7) >> 3), 0];
  return validityArg(d);
}

// arrow.Type.Null, without importing apache-arrow's runtime here.
const NULL_TYPE_ID = 1;

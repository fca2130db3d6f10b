// Row hashing of key columns (murmur3-style mixing), shared by hash partitioning and hash joins/aggregates.
// Equal SQL keys hash equally: -0.0 and 0.0 agree, every NaN agrees, strings hash their UTF-8 bytes.
import type * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { valueAt } from './vectors.js';

/** The seed hash partitioning uses; operators that re-hash rows of one partition should pick another. */
export const DEFAULT_HASH_SEED = 42;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
/** What a NULL contributes to a row hash. */
const NULL_WORD = 0x5bd1e995;
// Canonical NaN bit pattern (0x7ff8000000000000) as little-endian words.
const NAN_LO = 0;
const NAN_HI = 0x7ff80000;

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit words of a 64-bit values buffer (little-endian: word 2i is the low half of value i). */
function words64(values: BigInt64Array | Float64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

/**
 * One 32-bit hash per row over all `cols` (which must each have `numRows` rows).
 * `seed` lets a hash table use bits independent of the partitioning hash.
 */
export function hashColumns(cols: readonly arrow.Data[], types: readonly DataType[], numRows: number, seed = DEFAULT_HASH_SEED): Uint32Array {
  const acc = new Int32Array(numRows).fill(seed | 0);
  for (let c = 0; c < cols.length; c++) mixColumn(acc, cols[c]!, types[c]!, numRows);
  const out = new Uint32Array(acc.buffer);
  for (let i = 0; i < numRows; i++) out[i] = fmix(acc[i]! ^ cols.length);
  return out;
}

// Arrow JS pre-slices value and offset buffers of a sliced Data: `offset` applies only to bitmaps (validity, booleans).
function mixColumn(acc: Int32Array, d: arrow.Data, type: DataType, n: number): void {
  const off = d.offset;
  const bm = d.nullCount > 0 && d.nullBitmap && d.nullBitmap.length > 0 ? d.nullBitmap : null;
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const v = d.values as Int32Array;
      if (!bm) for (let i = 0; i < n; i++) acc[i] = mixH(acc[i]!, v[i]!);
      else for (let i = 0; i < n; i++) {
        const j = off + i;
        acc[i] = mixH(acc[i]!, bm[j >> 3]! & (1 << (j & 7)) ? v[i]! : NULL_WORD);
      }
      return;
    }
    case 'int64':
    case 'timestamp': {
      const w = words64(d.values as BigInt64Array);
      for (let i = 0; i < n; i++) {
        const j = off + i;
        if (bm && (bm[j >> 3]! & (1 << (j & 7))) === 0) acc[i] = mixH(acc[i]!, NULL_WORD);
        else acc[i] = mixH(mixH(acc[i]!, w[2 * i]!), w[2 * i + 1]!);
      }
      return;
    }
    case 'float64': {
      const f = d.values as Float64Array;
      const w = words64(f);
      for (let i = 0; i < n; i++) {
        const j = off + i;
        if (bm && (bm[j >> 3]! & (1 << (j & 7))) === 0) {
          acc[i] = mixH(acc[i]!, NULL_WORD);
          continue;
        }
        const x = f[i]!;
        let lo: number;
        let hi: number;
        if (x !== x) { lo = NAN_LO; hi = NAN_HI; }
        else if (x === 0) { lo = 0; hi = 0; }
        else { lo = w[2 * i]!; hi = w[2 * i + 1]!; }
        acc[i] = mixH(mixH(acc[i]!, lo), hi);
      }
      return;
    }
    case 'boolean': {
      const v = d.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const j = off + i;
        if (bm && (bm[j >> 3]! & (1 << (j & 7))) === 0) acc[i] = mixH(acc[i]!, NULL_WORD);
        else acc[i] = mixH(acc[i]!, (v[j >> 3]! >> (j & 7)) & 1);
      }
      return;
    }
    case 'string': {
      const offs = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const j = off + i;
        if (bm && (bm[j >> 3]! & (1 << (j & 7))) === 0) {
          acc[i] = mixH(acc[i]!, NULL_WORD);
          continue;
        }
        acc[i] = mixBytes(acc[i]!, bytes, offs[i]!, offs[i + 1]!);
      }
      return;
    }
    case 'null':
      for (let i = 0; i < n; i++) acc[i] = mixH(acc[i]!, NULL_WORD);
      return;
    case 'array':
      // Rare as a key; a slow but consistent path through the values' text.
      for (let i = 0; i < n; i++) {
        const v = valueAt(d, i);
        acc[i] = v === null ? mixH(acc[i]!, NULL_WORD) : mixText(acc[i]!, canonicalText(v));
      }
      return;
    default:
      assertNever(type, 'data type');
  }
}

/** Mixes bytes [a, b) and their length into `h`. */
function mixBytes(h: number, bytes: Uint8Array, a: number, b: number): number {
  let p = a;
  const end4 = a + ((b - a) & ~3);
  for (; p < end4; p += 4) h = mixH(h, bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24));
  const rem = b - p;
  if (rem > 0) {
    let k = bytes[p]!;
    if (rem > 1) k |= bytes[p + 1]! << 8;
    if (rem > 2) k |= bytes[p + 2]! << 16;
    h ^= mixK(k);
  }
  return mixH(h, b - a);
}

function mixText(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = mixH(h, s.charCodeAt(i));
  return mixH(h, s.length);
}

function canonicalText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === 0 ? '0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && Symbol.iterator in v) return `[${[...(v as Iterable<unknown>)].map(canonicalText).join(',')}]`;
  return String(v);
}

// Row hashing of key columns (murmur3-style mixing, in the native module), shared by hash partitioning and joins.
// Equal SQL keys hash equally: -0.0 and 0.0 agree, every NaN agrees, strings hash their UTF-8 bytes.
import type * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { assertNever } from '../util/assert.js';
import { decimalWords } from './decimal-data.js';
import { boolBits, DECIMAL_INT64_MAX_PRECISION, decimalLowWords, fixedValues, native, stringBuffers, validityArg } from './kernels.js';
import { plainValueAt } from './plain-values.js';
import { valueAt } from './vectors.js';

/** The seed hash partitioning uses; operators that re-hash rows of one partition should pick another. */
export const DEFAULT_HASH_SEED = 42;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
/** What a NULL contributes to a row hash. */
const NULL_WORD = 0x5bd1e995;

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

/**
 * One 32-bit hash per row over all `cols` (which must each have `numRows` rows).
 * `seed` lets a hash table use bits independent of the partitioning hash.
 */
export function hashColumns(cols: readonly arrow.Data[], types: readonly DataType[], numRows: number, seed = DEFAULT_HASH_SEED): Uint32Array {
  const acc = new Uint32Array(numRows).fill(seed >>> 0);
  for (let c = 0; c < cols.length; c++) mixColumn(acc, cols[c]!, types[c]!, numRows);
  native.hashFinish(acc, cols.length, numRows);
  return acc;
}

// The native mixers do every type but arrays; they compute exactly mixH/mixBytes below.
function mixColumn(acc: Uint32Array, d: arrow.Data, type: DataType, n: number): void {
  const [bm, off] = validityArg(d);
  switch (type.kind) {
    case 'int32':
    case 'date':
      native.hashMixInt32(acc, fixedValues(d, type) as Int32Array, bm, off, n);
      return;
    case 'int64':
    case 'timestamp':
      native.hashMixInt64(acc, fixedValues(d, type) as BigInt64Array, bm, off, n);
      return;
    case 'float64':
      native.hashMixFloat64(acc, fixedValues(d, type) as Float64Array, bm, off, n);
      return;
    case 'boolean':
      native.hashMixBoolean(acc, boolBits(d), d.offset, bm, off, n);
      return;
    case 'string':
    case 'binary': {
      const { offsets, bytes } = stringBuffers(d);
      native.hashMixString(acc, offsets, bytes, bm, off, n);
      return;
    }
    case 'decimal': {
      // Equal decimals of one type have equal unscaled values, so equal 16-byte rows; up to 18 digits the low
      // word alone is the value and hashes as an int64.
      if (type.precision <= DECIMAL_INT64_MAX_PRECISION) {
        native.hashMixInt64(acc, decimalLowWords(d), bm, off, n);
        return;
      }
      const w = decimalWords(d);
      const offsets = new Int32Array(n + 1);
      for (let i = 1; i <= n; i++) offsets[i] = 16 * i;
      native.hashMixString(acc, offsets, new Uint8Array(w.buffer, w.byteOffset, 16 * n), bm, off, n);
      return;
    }
    case 'null':
      native.hashMixNull(acc, n);
      return;
    case 'array':
    case 'map':
    case 'struct':
      // Rare as a key; a slow but consistent path through the values' text.
      for (let i = 0; i < n; i++) {
        const v = type.kind !== 'array' ? plainValueAt(d, type, i) : valueAt(d, i);
        acc[i] = v === null ? mixH(acc[i]!, NULL_WORD) : mixText(acc[i]!, canonicalText(v));
      }
      return;
    default:
      assertNever(type, 'data type');
  }
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

// Reference implementations of the engine loops the native kernels replaced (libs/core before the kernels
// were wired in): the expected results the kernel tests compare against.
import { getBit, isValid } from './util.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
export const NULL_WORD = 0x5bd1e995;

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}
export function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
export function mixBytes(h: number, bytes: Uint8Array, a: number, b: number): number {
  let p = a;
  const end4 = a + ((b - a) & ~3);
  for (; p < end4; p += 4) h = mixH(h, bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24));
  const rem = b - p;
  if (rem > 0) {
    let k = bytes[p];
    if (rem > 1) k |= bytes[p + 1] << 8;
    if (rem > 2) k |= bytes[p + 2] << 16;
    h ^= mixK(k);
  }
  return mixH(h, b - a);
}

export type RefColumn =
  | { kind: 'int32'; values: Int32Array }
  | { kind: 'int64'; values: BigInt64Array }
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'boolean'; bits: Uint8Array; bitOffset: number }
  | { kind: 'string'; offsets: Int32Array; bytes: Uint8Array }
  | { kind: 'null' };

/** The old hashColumns: acc = seed; mix each column; fmix(acc ^ numColumns). */
export function refHashColumns(
  cols: { col: RefColumn; validity: Uint8Array | null; off: number }[],
  n: number,
  seed: number,
): Uint32Array {
  const acc = new Int32Array(n).fill(seed | 0);
  for (const { col, validity, off } of cols) {
    const w = col.kind === 'int64' || col.kind === 'float64' ? new Int32Array(col.values.buffer, col.values.byteOffset, 2 * n) : null;
    for (let i = 0; i < n; i++) {
      if (col.kind === 'null' || !isValid(validity, off, i)) {
        acc[i] = mixH(acc[i], NULL_WORD);
        continue;
      }
      switch (col.kind) {
        case 'int32':
          acc[i] = mixH(acc[i], col.values[i]);
          break;
        case 'int64':
          acc[i] = mixH(mixH(acc[i], w![2 * i]), w![2 * i + 1]);
          break;
        case 'float64': {
          const x = col.values[i];
          const [lo, hi] = x !== x ? [0, 0x7ff80000] : x === 0 ? [0, 0] : [w![2 * i], w![2 * i + 1]];
          acc[i] = mixH(mixH(acc[i], lo), hi);
          break;
        }
        case 'boolean':
          acc[i] = mixH(acc[i], getBit(col.bits, col.bitOffset + i) ? 1 : 0);
          break;
        case 'string':
          acc[i] = mixBytes(acc[i], col.bytes, col.offsets[i], col.offsets[i + 1]);
          break;
      }
    }
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = fmix(acc[i] ^ cols.length);
  return out;
}

/** Grouping key of row i as text: -0.0 = 0.0, NaN one key, NULL its own key. */
export function groupKey(col: RefColumn, validity: Uint8Array | null, off: number, i: number): string {
  if (col.kind === 'null' || !isValid(validity, off, i)) return 'NULL';
  switch (col.kind) {
    case 'int32':
      return `i${col.values[i]}`;
    case 'int64':
      return `l${col.values[i]}`;
    case 'float64': {
      const x = col.values[i];
      return x !== x ? 'NaN' : `d${x === 0 ? 0 : x}`;
    }
    case 'boolean':
      return getBit(col.bits, col.bitOffset + i) ? 'true' : 'false';
    case 'string':
      return `s${Buffer.from(col.bytes.subarray(col.offsets[i], col.offsets[i + 1])).toString('latin1')}`;
  }
}

/** Dense first-seen codes of rows [0, n), continuing `seen`. */
export function refEncode(
  seen: Map<string, number>,
  col: RefColumn,
  validity: Uint8Array | null,
  off: number,
  n: number,
): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = groupKey(col, validity, off, i);
    let c = seen.get(k);
    if (c === undefined) {
      c = seen.size;
      seen.set(k, c);
    }
    out[i] = c;
  }
  return out;
}

/** Spark's compareDoubles. */
export function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  return xn ? (yn ? 0 : 1) : -1;
}

export const KINDS = ['int32', 'int64', 'float64', 'boolean', 'string'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_CODE = { int32: 0, int64: 1, float64: 2, boolean: 3, string: 4 } as const;

/** n rows of `kind` drawn from about `distinct` values (doubles include NaN, -0.0 and 0.0; strings vary in length). */
export function randomColumn(r: () => number, kind: Kind, n: number, distinct: number, bitOffset = 0): RefColumn {
  const pick = () => Math.floor(r() * distinct);
  switch (kind) {
    case 'int32':
      return { kind, values: Int32Array.from({ length: n }, () => pick() - (distinct >> 1)) };
    case 'int64':
      return { kind, values: BigInt64Array.from({ length: n }, () => BigInt(pick()) * 0x100000001n - 7n) };
    case 'float64': {
      const specials = [NaN, -0, 0, Infinity, -Infinity, Number.NaN * 0];
      return {
        kind,
        values: Float64Array.from({ length: n }, () => (r() < 0.1 ? specials[Math.floor(r() * specials.length)] : pick() / 4)),
      };
    }
    case 'boolean': {
      const bits = new Uint8Array(Math.ceil((bitOffset + n) / 8));
      for (let b = 0; b < bitOffset + n; b++) if (r() < 0.5) bits[b >> 3] |= 1 << (b & 7);
      return { kind, bits, bitOffset };
    }
    case 'string': {
      const words = Array.from({ length: distinct }, (_, k) => 'x'.repeat(k % 13) + String(k) + (k % 3 === 0 ? 'é' : ''));
      const parts = Array.from({ length: n }, () => Buffer.from(words[pick()], 'utf8'));
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + parts[i].length;
      const bytes = new Uint8Array(offsets[n]);
      parts.forEach((p, i) => bytes.set(p, offsets[i]));
      return { kind, offsets, bytes };
    }
  }
}

/** The column as keyDictionaryEncode's (values, offsets, bitOffset) arguments. */
export function encodeArgs(c: RefColumn): [Int32Array | BigInt64Array | Float64Array | Uint8Array, Int32Array | null, number] {
  switch (c.kind) {
    case 'boolean':
      return [c.bits, null, c.bitOffset];
    case 'string':
      return [c.bytes, c.offsets, 0];
    case 'null':
      throw new Error('null columns have no native kind');
    default:
      return [c.values, null, 0];
  }
}

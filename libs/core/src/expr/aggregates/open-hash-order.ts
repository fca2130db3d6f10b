// The iteration order of Spark's OpenHashMap (OpenHashSet: capacity 64 doubling past load 0.7, positions
// murmur3(key.hashCode) & mask, probing by 1, 2, 3…), so mode's untied-by-order pick is the one Spark makes:
// the first key of maximal count in that order. Keys hash as their JVM boxes do (Integer, Long, Double, Boolean,
// UTF8String); other types have no emulated order (null).
import type { DataType } from '../../types/data-type.js';
import { encodeUtf8 } from '../eval/strings.js';
import { murmur3Bytes, murmur3Int } from '../functions/hash-functions.js';

const f64 = new Float64Array(1);
const f64Bits = new BigInt64Array(f64.buffer);

/** The JVM hashCode of a value as Spark's aggregation buffer boxes it, or null when not emulated. */
export function jvmHashCode(type: DataType): ((v: unknown) => number) | null {
  const ofLong = (x: bigint): number => Number(BigInt.asIntN(32, x ^ (BigInt.asUintN(64, x) >> 32n)));
  switch (type.kind) {
    case 'int32':
    case 'date':
      return (v) => (v as number) | 0;
    case 'int64':
    case 'timestamp':
      return (v) => ofLong(v as bigint);
    case 'float64':
      return (v) => {
        const d = v as number;
        if (Number.isNaN(d)) return ofLong(0x7ff8000000000000n);
        f64[0] = d;
        return ofLong(f64Bits[0]!);
      };
    case 'boolean':
      return (v) => (v ? 1231 : 1237);
    case 'string':
      return (v) => murmur3Bytes(encodeUtf8(v as string), 42);
    default:
      return null;
  }
}

/** Keys (distinct, in first-insertion order) reordered as Spark's OpenHashSet iterates them after those insertions. */
export function openHashOrder<K>(keys: readonly K[], hashOf: (k: K) => number): K[] {
  let capacity = 64;
  let slots: (number | undefined)[] = new Array(capacity);
  const codes = keys.map((k) => murmur3Int(hashOf(k), 0));
  const place = (table: (number | undefined)[], mask: number, idx: number): void => {
    let pos = codes[idx]! & mask;
    let delta = 1;
    while (table[pos] !== undefined) {
      pos = (pos + delta) & mask;
      delta++;
    }
    table[pos] = idx;
  };
  let size = 0;
  for (let i = 0; i < keys.length; i++) {
    place(slots, capacity - 1, i);
    size++;
    if (size > Math.trunc(0.7 * capacity)) {
      // Rehash in old position order into a table twice as large.
      const next: (number | undefined)[] = new Array(capacity * 2);
      for (const idx of slots) if (idx !== undefined) place(next, capacity * 2 - 1, idx);
      capacity *= 2;
      slots = next;
    }
  }
  return slots.filter((i): i is number => i !== undefined).map((i) => keys[i]!);
}

// Per-column dictionaries: map each distinct value of a column (NULL included) to a dense code 0, 1, 2… in first-seen order.
// Open addressing over typed arrays; int64 and double keys are compared as 32-bit word pairs, so no BigInt is allocated.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { bit, boolBitsOf, float64Values, int32Values, int64Words, stringParts, validityOf } from '../eval/columns.js';
import { hashInt, hashWords } from '../eval/int64.js';
import { StringBuilder } from '../eval/strings.js';
import { buildColumn, valueReader } from '../eval/values.js';

export interface ColumnDictionary {
  /** Number of distinct values seen (NULL counts as one). */
  readonly size: number;
  /** Writes the code of rows [0, n) of `d` into out[0, n). */
  encode(d: arrow.Data, n: number, out: Int32Array): void;
  /** The values whose codes are `codes`, as a column. */
  values(codes: Int32Array): arrow.Data;
}

export function grownInt32(a: Int32Array, min: number): Int32Array {
  if (min <= a.length) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function validityOfCodes(codes: Int32Array, nullCode: number): Uint8Array | null {
  if (nullCode < 0) return null;
  const v = new Uint8Array((codes.length + 7) >> 3);
  for (let j = 0; j < codes.length; j++) if (codes[j] !== nullCode) v[j >> 3]! |= 1 << (j & 7);
  return v;
}

/** int32, date and boolean keys. */
class Int32Dictionary implements ColumnDictionary {
  size = 0;
  private nullCode = -1;
  private keys: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(32);

  constructor(private readonly type: DataType) {}

  encode(d: arrow.Data, n: number, out: Int32Array): void {
    const v = validityOf(d);
    let vals: Int32Array;
    if (this.type.kind === 'boolean') {
      const bits = boolBitsOf(d);
      vals = new Int32Array(n);
      for (let i = 0; i < n; i++) vals[i] = bit(bits, i) ? 1 : 0;
    } else vals = int32Values(d) ?? new Int32Array(n);
    let slots = this.slots;
    let mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      if (v && !bit(v, i)) {
        if (this.nullCode < 0) this.nullCode = this.add(0);
        out[i] = this.nullCode;
        continue;
      }
      const k = vals[i]!;
      let h = hashInt(k) & mask;
      for (;;) {
        const s = slots[h]!;
        if (s === 0) {
          const code = this.add(k);
          slots[h] = code + 1;
          out[i] = code;
          if (this.size * 2 > slots.length) {
            this.rehash();
            slots = this.slots;
            mask = slots.length - 1;
          }
          break;
        }
        if (this.keys[s - 1] === k) {
          out[i] = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }

  private add(k: number): number {
    const code = this.size++;
    this.keys = grownInt32(this.keys, this.size);
    this.keys[code] = k;
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 0; c < this.size; c++) {
      if (c === this.nullCode) continue;
      let h = hashInt(this.keys[c]!) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = c + 1;
    }
    this.slots = slots;
  }

  values(codes: Int32Array): arrow.Data {
    const n = codes.length;
    const validity = validityOfCodes(codes, this.nullCode);
    if (this.type.kind === 'boolean') {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let j = 0; j < n; j++) if (this.keys[codes[j]!]) bits[j >> 3]! |= 1 << (j & 7);
      return primitiveData(this.type, n, bits, validity);
    }
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) out[j] = this.keys[codes[j]!]!;
    return primitiveData(this.type, n, out, validity);
  }
}

/** int64, timestamp and double keys, as (lo, hi) words; doubles are normalised so -0.0 = 0.0 and all NaNs are one key. */
class Int64Dictionary implements ColumnDictionary {
  size = 0;
  private nullCode = -1;
  private lo: Int32Array = new Int32Array(16);
  private hi: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(32);
  private readonly isDouble: boolean;

  constructor(private readonly type: DataType) {
    this.isDouble = type.kind === 'float64';
  }

  encode(d: arrow.Data, n: number, out: Int32Array): void {
    const v = validityOf(d);
    let w: Int32Array;
    if (this.isDouble) {
      const src = float64Values(d) ?? new Float64Array(n);
      const norm = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = src[i]!;
        norm[i] = x === 0 ? 0 : x !== x ? NaN : x;
      }
      w = new Int32Array(norm.buffer);
    } else w = d.values ? int64Words(d) : new Int32Array(2 * n);
    let slots = this.slots;
    let mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      if (v && !bit(v, i)) {
        if (this.nullCode < 0) this.nullCode = this.add(0, 0);
        out[i] = this.nullCode;
        continue;
      }
      const a = w[2 * i]!;
      const b = w[2 * i + 1]!;
      let h = hashWords(a, b) & mask;
      for (;;) {
        const s = slots[h]!;
        if (s === 0) {
          const code = this.add(a, b);
          slots[h] = code + 1;
          out[i] = code;
          if (this.size * 2 > slots.length) {
            this.rehash();
            slots = this.slots;
            mask = slots.length - 1;
          }
          break;
        }
        if (this.lo[s - 1] === a && this.hi[s - 1] === b) {
          out[i] = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }

  private add(a: number, b: number): number {
    const code = this.size++;
    this.lo = grownInt32(this.lo, this.size);
    this.hi = grownInt32(this.hi, this.size);
    this.lo[code] = a;
    this.hi[code] = b;
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 0; c < this.size; c++) {
      if (c === this.nullCode) continue;
      let h = hashWords(this.lo[c]!, this.hi[c]!) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = c + 1;
    }
    this.slots = slots;
  }

  values(codes: Int32Array): arrow.Data {
    const n = codes.length;
    const words = new Int32Array(2 * n);
    for (let j = 0; j < n; j++) {
      const c = codes[j]!;
      words[2 * j] = this.lo[c]!;
      words[2 * j + 1] = this.hi[c]!;
    }
    const values = this.isDouble ? new Float64Array(words.buffer) : new BigInt64Array(words.buffer);
    return primitiveData(this.type, n, values, validityOfCodes(codes, this.nullCode));
  }
}

function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
  return hashInt(h);
}

/** String keys: distinct values are kept back to back in one byte arena. */
class BytesDictionary implements ColumnDictionary {
  size = 0;
  private nullCode = -1;
  private arena: Uint8Array = new Uint8Array(256);
  private used = 0;
  private starts: Int32Array = new Int32Array(17);
  private hashes: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(32);

  encode(d: arrow.Data, n: number, out: Int32Array): void {
    const v = validityOf(d);
    const { offsets, bytes } = stringParts(d);
    let slots = this.slots;
    let mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      if (v && !bit(v, i)) {
        if (this.nullCode < 0) this.nullCode = this.add(bytes, 0, 0, 0);
        out[i] = this.nullCode;
        continue;
      }
      const s0 = offsets[i]!;
      const e0 = offsets[i + 1]!;
      const hash = hashBytes(bytes, s0, e0);
      let h = hash & mask;
      for (;;) {
        const s = slots[h]!;
        if (s === 0) {
          const code = this.add(bytes, s0, e0, hash);
          slots[h] = code + 1;
          out[i] = code;
          if (this.size * 2 > slots.length) {
            this.rehash();
            slots = this.slots;
            mask = slots.length - 1;
          }
          break;
        }
        if (this.hashes[s - 1] === hash && this.equals(s - 1, bytes, s0, e0)) {
          out[i] = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }

  private equals(code: number, b: Uint8Array, s: number, e: number): boolean {
    const a0 = this.starts[code]!;
    if (this.starts[code + 1]! - a0 !== e - s) return false;
    const arena = this.arena;
    for (let k = 0; k < e - s; k++) if (arena[a0 + k] !== b[s + k]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number, hash: number): number {
    const code = this.size++;
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    this.arena.set(b.subarray(s, e), this.used);
    this.used += len;
    this.starts = grownInt32(this.starts, this.size + 1);
    this.starts[code + 1] = this.used;
    this.hashes = grownInt32(this.hashes, this.size);
    this.hashes[code] = hash;
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 0; c < this.size; c++) {
      if (c === this.nullCode) continue;
      let h = this.hashes[c]! & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = c + 1;
    }
    this.slots = slots;
  }

  values(codes: Int32Array): arrow.Data {
    const b = new StringBuilder(codes.length);
    for (let j = 0; j < codes.length; j++) {
      const c = codes[j]!;
      if (c === this.nullCode) b.appendNull();
      else b.appendBytes(this.arena, this.starts[c]!, this.starts[c + 1]!);
    }
    return b.finish();
  }
}

function keyOf(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x === 0 ? 0 : x));
}

/** Arrays and anything else: keyed by a serialisation of the JS value (slow path). */
class GenericDictionary implements ColumnDictionary {
  private readonly codes = new Map<string, number>();
  private readonly distinct: unknown[] = [];

  constructor(private readonly type: DataType) {}

  get size(): number {
    return this.distinct.length;
  }

  encode(d: arrow.Data, n: number, out: Int32Array): void {
    const read = valueReader(d, this.type);
    for (let i = 0; i < n; i++) {
      const v = read(i);
      const k = v === null ? 'null' : keyOf(v);
      let c = this.codes.get(k);
      if (c === undefined) {
        c = this.distinct.length;
        this.codes.set(k, c);
        this.distinct.push(v);
      }
      out[i] = c;
    }
  }

  values(codes: Int32Array): arrow.Data {
    return buildColumn(this.type, Array.from(codes, (c) => this.distinct[c]));
  }
}

export function createColumnDictionary(type: DataType): ColumnDictionary {
  switch (type.kind) {
    case 'int32':
    case 'date':
    case 'boolean':
      return new Int32Dictionary(type);
    case 'int64':
    case 'timestamp':
    case 'float64':
      return new Int64Dictionary(type);
    case 'string':
      return new BytesDictionary();
    case 'null':
    case 'array':
      return new GenericDictionary(type);
  }
}

// Per-column dictionaries: map each distinct value of a column (NULL included) to a dense code 0, 1, 2… in first-seen order.
// Primitive and string keys live in the native module's hash tables (-0.0 = 0.0, NaNs one key); arrays go through JS values.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords } from '../../execution/decimal-data.js';
import { boolBits, decimalLowWords, fixedValues, keyKindOf, native, stringBuffers, validityArg } from '../../execution/kernels.js';
import { primitiveData, stringData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { buildColumn, valueReader } from '../eval/values.js';

export interface ColumnDictionary {
  /** Number of distinct values seen (NULL counts as one). */
  readonly size: number;
  /** Writes the code of rows [0, n) of `d` into out[0, n). */
  encode(d: arrow.Data, n: number, out: Int32Array): void;
  /** The values whose codes are `codes`, as a column. */
  values(codes: Int32Array): arrow.Data;
  /** Frees native memory now (the dictionary is unusable afterwards). */
  release(): void;
}

export function grownInt32(a: Int32Array, min: number): Int32Array {
  if (min <= a.length) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** int32, date, boolean, int64, timestamp, double and string keys: the native module's hash dictionary. */
class NativeDictionary implements ColumnDictionary {
  private handle: native.KeyDictionary;
  size = 0;

  constructor(private readonly type: DataType, private readonly kind: native.KeyKindCode) {
    this.handle = native.keyDictionaryNew(kind);
  }

  encode(d: arrow.Data, n: number, out: Int32Array): void {
    const [bm, off] = validityArg(d);
    switch (this.type.kind) {
      case 'boolean':
        this.size = native.keyDictionaryEncode(this.handle, boolBits(d), null, d.offset, bm, off, n, out);
        return;
      case 'string':
      case 'binary': {
        const { offsets, bytes } = stringBuffers(d);
        this.size = native.keyDictionaryEncode(this.handle, bytes, offsets, 0, bm, off, n, out);
        return;
      }
      case 'decimal': {
        if (this.kind === native.KeyKind.int64) {
          // Up to 18 digits the low word is the whole value.
          this.size = native.keyDictionaryEncode(this.handle, decimalLowWords(d), null, 0, bm, off, n, out);
          return;
        }
        // Wider: equal values have equal 16-byte rows, so the rows are byte-string keys.
        const w = decimalWords(d);
        const offsets = new Int32Array(n + 1);
        for (let i = 1; i <= n; i++) offsets[i] = 16 * i;
        this.size = native.keyDictionaryEncode(this.handle, new Uint8Array(w.buffer, w.byteOffset, 16 * n), offsets, 0, bm, off, n, out);
        return;
      }
      default:
        this.size = native.keyDictionaryEncode(this.handle, fixedValues(d, this.type), null, 0, bm, off, n, out);
    }
  }

  values(codes: Int32Array): arrow.Data {
    const r = native.keyDictionaryValues(this.handle, codes);
    if (this.type.kind === 'string') return stringData(codes.length, r.offsets!, r.values as Uint8Array, r.validity);
    if (this.type.kind === 'decimal') {
      const n = codes.length;
      const words = new BigInt64Array(2 * n);
      const dst = new Int32Array(words.buffer);
      if (this.kind === native.KeyKind.int64) {
        // Back from int64 keys to Decimal128 rows: the high word is the sign extension.
        const lo = r.values as BigInt64Array;
        const src = new Int32Array(lo.buffer, lo.byteOffset, 2 * lo.length);
        for (let i = 0; i < n; i++) {
          const hi = src[2 * i + 1]!;
          dst[4 * i] = src[2 * i]!;
          dst[4 * i + 1] = hi;
          dst[4 * i + 2] = dst[4 * i + 3] = hi < 0 ? -1 : 0;
        }
      } else {
        // Byte-string keys: a NULL key has no bytes and stays zero.
        const bytes = r.values as Uint8Array;
        const offs = r.offsets!;
        const out = new Uint8Array(words.buffer);
        for (let i = 0; i < n; i++) if (offs[i + 1]! - offs[i]! === 16) out.set(bytes.subarray(offs[i]!, offs[i]! + 16), 16 * i);
      }
      return decimalData(this.type, n, words, r.validity);
    }
    return primitiveData(this.type, codes.length, r.values, r.validity);
  }

  release(): void {
    native.keyTableRelease(this.handle);
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

  release(): void {
    this.codes.clear();
  }
}

export function createColumnDictionary(type: DataType): ColumnDictionary {
  const kind = keyKindOf(type);
  // Wide decimals have no native key kind for ordering, but dictionaries only need equality: 16-byte strings.
  if (type.kind === 'decimal' && kind === undefined) return new NativeDictionary(type, native.KeyKind.string);
  return kind === undefined ? new GenericDictionary(type) : new NativeDictionary(type, kind);
}

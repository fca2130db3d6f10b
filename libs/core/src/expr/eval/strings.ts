// UTF-8 helpers over Arrow string buffers: decoding, byte-order comparison and a growable string-column builder.
import type * as arrow from 'apache-arrow';
import { stringData } from '../../execution/vectors.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Decodes bytes[start, end) as UTF-8; short ASCII strings skip TextDecoder, which is slow per call. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len === 0) return '';
  if (len <= 32) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Compares two byte ranges as unsigned bytes (UTF-8 byte order = code point order); returns -1, 0 or 1. */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const x = a[as + k]!;
    const y = b[bs + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

export function bytesEqual(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let k = 0; k < ae - as; k++) if (a[as + k] !== b[bs + k]) return false;
  return true;
}

/** Number of characters (code points) in bytes[start, end): bytes that are not UTF-8 continuation bytes. */
export function countChars(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) n++;
  return n;
}

/** Byte position of the `k`-th character at or after `start` (clamped to `end`). */
export function charPos(bytes: Uint8Array, start: number, end: number, k: number): number {
  let i = start;
  while (k > 0 && i < end) {
    i++;
    while (i < end && (bytes[i]! & 0xc0) === 0x80) i++;
    k--;
  }
  return i;
}

/** Appends strings row by row into growable buffers; `finish` yields a Utf8 Data. */
export class StringBuilder {
  private bytes: Uint8Array;
  private offsets: Int32Array;
  private validity: Uint8Array;
  private pos = 0;
  private n = 0;
  private nulls = 0;

  constructor(expectedRows: number, expectedBytes = expectedRows * 8) {
    this.bytes = new Uint8Array(Math.max(16, expectedBytes));
    this.offsets = new Int32Array(expectedRows + 1);
    this.validity = new Uint8Array((expectedRows + 7) >> 3);
  }

  get length(): number {
    return this.n;
  }

  private ensureRows(): void {
    if (this.n + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2 + 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    if ((this.n >> 3) >= this.validity.length) {
      const v = new Uint8Array(this.validity.length * 2 + 1);
      v.set(this.validity);
      this.validity = v;
    }
  }

  private ensureBytes(extra: number): void {
    if (this.pos + extra <= this.bytes.length) return;
    const b = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + extra));
    b.set(this.bytes.subarray(0, this.pos));
    this.bytes = b;
  }

  /** Appends bytes src[start, end) as one string. */
  appendBytes(src: Uint8Array, start: number, end: number): void {
    this.ensureRows();
    const len = end - start;
    this.ensureBytes(len);
    if (len < 16) for (let k = 0; k < len; k++) this.bytes[this.pos + k] = src[start + k]!;
    else this.bytes.set(src.subarray(start, end), this.pos);
    this.pos += len;
    this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  /** Appends the concatenation of several byte ranges as one string (ranges as [src, start, end] triples). */
  appendParts(parts: readonly (readonly [Uint8Array, number, number])[]): void {
    this.ensureRows();
    let len = 0;
    for (const p of parts) len += p[2] - p[1];
    this.ensureBytes(len);
    for (const [src, s, e] of parts) {
      this.bytes.set(src.subarray(s, e), this.pos);
      this.pos += e - s;
    }
    this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  /** Appends src[start, end) with every byte mapped through `table` (256 entries). */
  appendMapped(src: Uint8Array, start: number, end: number, table: Uint8Array): void {
    this.ensureRows();
    const len = end - start;
    this.ensureBytes(len);
    for (let k = 0; k < len; k++) this.bytes[this.pos + k] = table[src[start + k]!]!;
    this.pos += len;
    this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  appendString(s: string): void {
    this.ensureRows();
    // A UTF-16 unit encodes to at most 3 UTF-8 bytes.
    this.ensureBytes(s.length * 3);
    let written = 0;
    if (s.length <= 32) {
      // Short ASCII strings (numbers, dates, words) are copied unit by unit: encodeInto costs more per call.
      const bytes = this.bytes;
      const at = this.pos;
      for (; written < s.length; written++) {
        const c = s.charCodeAt(written);
        if (c >= 0x80) break;
        bytes[at + written] = c;
      }
      if (written < s.length) written = encoder.encodeInto(s, bytes.subarray(at)).written;
    } else written = encoder.encodeInto(s, this.bytes.subarray(this.pos)).written;
    this.pos += written;
    this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  /** Adds src[start, end) to the row being assembled; `endRow` finishes it (rows built from several pieces). */
  extend(src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    this.ensureBytes(len);
    if (len < 16) for (let k = 0; k < len; k++) this.bytes[this.pos + k] = src[start + k]!;
    else this.bytes.set(src.subarray(start, end), this.pos);
    this.pos += len;
  }

  /** Adds one byte to the row being assembled. */
  extendByte(b: number): void {
    this.ensureBytes(1);
    this.bytes[this.pos++] = b;
  }

  /** Adds the UTF-8 encoding of `s` to the row being assembled. */
  extendString(s: string): void {
    this.ensureBytes(s.length * 3);
    this.pos += encoder.encodeInto(s, this.bytes.subarray(this.pos)).written;
  }

  /** Ends the row assembled by `extend…` calls as one non-NULL value. */
  endRow(): void {
    this.ensureRows();
    this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  /** Drops the bytes of the row being assembled and makes it NULL. */
  discardRow(): void {
    this.pos = this.offsets[this.n]!;
    this.appendNull();
  }

  appendNull(): void {
    this.ensureRows();
    this.nulls++;
    this.n++;
    this.offsets[this.n] = this.pos;
  }

  /** The built column: Utf8, or Binary when `binary`. */
  finish(binary = false): arrow.Data {
    const offsets = this.offsets.length === this.n + 1 ? this.offsets : this.offsets.slice(0, this.n + 1);
    return stringData(this.n, offsets, this.bytes.subarray(0, this.pos), this.nulls === 0 ? null : this.validity, binary);
  }
}

// A small pickle (protocol 2) encoder for result rows: the classic slow path, as Spark's Pyrolite writes it.
// Output unpickles in Python to a list of tuples of None/bool/int/float/str/date/datetime/list.
import * as arrow from 'apache-arrow';
import type { DataType } from '@kindling/core';
import { decimalWords, formatDecimal, readDecimal } from '@kindling/core/internal';

const PROTO = 0x80;
const STOP = 0x2e; // .
const MARK = 0x28; // (
const EMPTY_LIST = 0x5d; // ]
const APPENDS = 0x65; // e
const TUPLE = 0x74; // t
const EMPTY_DICT = 0x7d; // }
const SETITEMS = 0x75; // u
const EMPTY_TUPLE = 0x29; // )
const NONE = 0x4e; // N
const NEWTRUE = 0x88;
const NEWFALSE = 0x89;
const BININT = 0x4a; // J
const LONG1 = 0x8a;
const BINFLOAT = 0x47; // G
const BINUNICODE = 0x58; // X
const GLOBAL = 0x63; // c
const REDUCE = 0x52; // R
const BINPUT = 0x71; // q
const BINGET = 0x68; // h

// APPENDS in chunks, as CPython's pickler does, so the unpickler's mark stack stays small.
const BATCH = 1000;

/** A growable byte buffer with the pickle primitives. */
export class PickleWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private readonly memo = new Map<string, number>();
  private static readonly encoder = new TextEncoder();

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  none(): void { this.byte(NONE); }
  bool(v: boolean): void { this.byte(v ? NEWTRUE : NEWFALSE); }

  int(v: number | bigint): void {
    if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) {
      this.ensure(5);
      this.buf[this.len] = BININT;
      this.view.setInt32(this.len + 1, v, true);
      this.len += 5;
      return;
    }
    const big = BigInt(v);
    if (big >= -2147483648n && big <= 2147483647n) return this.int(Number(big));
    // LONG1: little-endian two's complement, minimal length (a sign byte only when needed).
    const bytes: number[] = [];
    let x = big;
    for (;;) {
      const b = Number(x & 0xffn);
      bytes.push(b);
      x >>= 8n;
      if ((x === 0n && (b & 0x80) === 0) || (x === -1n && (b & 0x80) !== 0)) break;
    }
    this.ensure(2 + bytes.length);
    this.buf[this.len++] = LONG1;
    this.buf[this.len++] = bytes.length;
    for (const b of bytes) this.buf[this.len++] = b;
  }

  float(v: number): void {
    this.ensure(9);
    this.buf[this.len] = BINFLOAT;
    this.view.setFloat64(this.len + 1, v, false);
    this.len += 9;
  }

  str(s: string): void {
    this.utf8(PickleWriter.encoder.encode(s));
  }

  /** A str from UTF-8 bytes as they are (Arrow's string data): no decode and re-encode. */
  utf8(bytes: Uint8Array): void {
    this.ensure(5 + bytes.length);
    this.buf[this.len] = BINUNICODE;
    this.view.setUint32(this.len + 1, bytes.length, true);
    this.buf.set(bytes, this.len + 5);
    this.len += 5 + bytes.length;
  }

  /** `module.name` via GLOBAL, memoised after the first use. */
  global(module: string, name: string): void {
    const key = `${module}\n${name}\n`;
    const id = this.memo.get(key);
    if (id !== undefined && id < 256) {
      this.byte(BINGET);
      this.byte(id);
      return;
    }
    const bytes = PickleWriter.encoder.encode(key);
    this.ensure(1 + bytes.length);
    this.buf[this.len++] = GLOBAL;
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    if (this.memo.size < 256) {
      const n = this.memo.size;
      this.memo.set(key, n);
      this.byte(BINPUT);
      this.byte(n);
    }
  }

  /** `datetime.date(y, m, d)`. */
  date(days: number): void {
    const [y, m, d] = civilFromDays(days);
    this.global('datetime', 'date');
    this.byte(MARK);
    this.int(y);
    this.int(m);
    this.int(d);
    this.byte(TUPLE);
    this.byte(REDUCE);
  }

  /** `decimal.Decimal('1.50')` from its plain text (every scale digit kept, as PySpark's rows hold it). */
  decimal(text: string): void {
    this.global('decimal', 'Decimal');
    this.byte(MARK);
    this.str(text);
    this.byte(TUPLE);
    this.byte(REDUCE);
  }

  /** `bytearray(...)` (PySpark collects BinaryType so): protocol 2 spells it from a latin-1 string. */
  bytearray(bytes: Uint8Array): void {
    this.global('__builtin__', 'bytearray');
    this.byte(MARK);
    let s = '';
    for (let k = 0; k < bytes.length; k += 8192) s += String.fromCharCode(...bytes.subarray(k, k + 8192));
    this.str(s);
    this.str('latin-1');
    this.byte(TUPLE);
    this.byte(REDUCE);
  }

  /** `datetime.datetime(y, mo, d, h, mi, s, us)`, naive UTC. */
  datetime(micros: bigint): void {
    const dayMicros = 86_400_000_000n;
    let days = micros / dayMicros;
    let rest = micros - days * dayMicros;
    if (rest < 0n) {
      rest += dayMicros;
      days -= 1n;
    }
    const [y, mo, d] = civilFromDays(Number(days));
    const r = Number(rest);
    const us = r % 1_000_000;
    const secs = Math.floor(r / 1_000_000);
    this.global('datetime', 'datetime');
    this.byte(MARK);
    this.int(y);
    this.int(mo);
    this.int(d);
    this.int(Math.floor(secs / 3600));
    this.int(Math.floor(secs / 60) % 60);
    this.int(secs % 60);
    this.int(us);
    this.byte(TUPLE);
    this.byte(REDUCE);
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Days since 1970-01-01 → [year, month, day] (proleptic Gregorian; H. Hinnant's algorithm). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

type CellWriter = (w: PickleWriter, i: number) => void;

function isValid(d: arrow.Data, i: number): boolean {
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) return true;
  const j = d.offset + i;
  return (d.nullBitmap[j >> 3]! & (1 << (j & 7))) !== 0;
}

/** A writer for the cells of one column (values/offsets of a sliced Data are pre-sliced; bitmaps use offset). */
/** How struct cells are written: plain tuples (for the client, which names them from the schema) or Rows. */
export interface PickleOptions {
  /** `kindling.sql.types._create_row(names, values)`, what Python workers hand to row UDFs (as PySpark's Rows). */
  readonly structsAsRows?: boolean;
}

function cellWriter(type: DataType, d: arrow.Data, opts: PickleOptions = {}): CellWriter {
  if (d.typeId === arrow.Type.Null || type.kind === 'null') return (w) => w.none();
  const guard = (f: CellWriter): CellWriter => (w, i) => (isValid(d, i) ? f(w, i) : w.none());
  switch (type.kind) {
    case 'boolean': {
      const v = d.values as Uint8Array;
      return guard((w, i) => {
        const j = d.offset + i;
        w.bool((v[j >> 3]! & (1 << (j & 7))) !== 0);
      });
    }
    case 'int32': {
      const v = d.values as Int32Array;
      return guard((w, i) => w.int(v[i]!));
    }
    case 'int64': {
      const v = d.values as BigInt64Array;
      return guard((w, i) => w.int(v[i]!));
    }
    case 'float64': {
      const v = d.values as Float64Array;
      return guard((w, i) => w.float(v[i]!));
    }
    case 'decimal': {
      const v = decimalWords(d);
      const scale = type.scale;
      return guard((w, i) => w.decimal(formatDecimal(readDecimal(v, i), scale)));
    }
    case 'string': {
      const o = d.valueOffsets as Int32Array;
      const v = d.values as Uint8Array;
      return guard((w, i) => w.utf8(v.subarray(o[i]!, o[i + 1]!)));
    }
    case 'binary': {
      const o = d.valueOffsets as Int32Array;
      const v = d.values as Uint8Array;
      return guard((w, i) => w.bytearray(v.subarray(o[i]!, o[i + 1]!)));
    }
    case 'date': {
      const v = d.values as Int32Array;
      return guard((w, i) => w.date(v[i]!));
    }
    case 'timestamp': {
      const v = d.values as BigInt64Array;
      return guard((w, i) => w.datetime(v[i]!));
    }
    case 'array': {
      const o = d.valueOffsets as Int32Array;
      const child = d.children[0]!;
      const inner = cellWriter(type.elementType, child, opts);
      return guard((w, i) => {
        w.byte(EMPTY_LIST);
        const from = o[i]!;
        const to = o[i + 1]!;
        if (to > from) {
          w.byte(MARK);
          for (let k = from; k < to; k++) inner(w, k);
          w.byte(APPENDS);
        }
      });
    }
    case 'map': {
      // A dict in entry order, as PySpark gives a map value.
      const o = d.valueOffsets as Int32Array;
      const entries = d.children[0]!;
      const key = cellWriter(type.keyType, entries.children[0]!, opts);
      const value = cellWriter(type.valueType, entries.children[1]!, opts);
      return guard((w, i) => {
        w.byte(EMPTY_DICT);
        const from = o[i]!;
        const to = o[i + 1]!;
        if (to > from) {
          w.byte(MARK);
          for (let k = from; k < to; k++) {
            key(w, k);
            value(w, k);
          }
          w.byte(SETITEMS);
        }
      });
    }
    case 'struct': {
      // A tuple of the field values; the client makes it a Row from the schema's field names.
      const inner = type.fields.map((f, k) => cellWriter(f.dataType, d.children[k]!, opts));
      const values = (w: PickleWriter, i: number) => {
        if (inner.length === 0) return w.byte(EMPTY_TUPLE);
        w.byte(MARK);
        for (const f of inner) f(w, i);
        w.byte(TUPLE);
      };
      if (!opts.structsAsRows) return guard(values);
      return guard((w, i) => {
        w.global('kindling.sql.types', '_create_row');
        w.byte(MARK);
        w.byte(EMPTY_LIST);
        if (type.fields.length > 0) {
          w.byte(MARK);
          for (const f of type.fields) w.str(f.name);
          w.byte(APPENDS);
        }
        values(w, i);
        w.byte(TUPLE);
        w.byte(REDUCE);
      });
    }
  }
}

/** One pickle of `[tuple(row) for row in rows]` over engine batches with the given column types. */
export function pickleRows(types: readonly DataType[], batches: readonly arrow.RecordBatch[], opts: PickleOptions = {}): Uint8Array {
  const w = new PickleWriter();
  w.byte(PROTO);
  w.byte(2);
  w.byte(EMPTY_LIST);
  let inBatch = 0;
  for (const b of batches) {
    const writers = types.map((t, c) => cellWriter(t, b.data.children[c]!, opts));
    for (let i = 0; i < b.numRows; i++) {
      if (inBatch === 0) w.byte(MARK);
      if (writers.length === 0) w.byte(EMPTY_TUPLE);
      else {
        w.byte(MARK);
        for (const write of writers) write(w, i);
        w.byte(TUPLE);
      }
      if (++inBatch === BATCH) {
        w.byte(APPENDS);
        inBatch = 0;
      }
    }
  }
  if (inBatch > 0) w.byte(APPENDS);
  w.byte(STOP);
  return w.bytes();
}

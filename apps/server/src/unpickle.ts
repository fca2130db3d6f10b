// A strict decoder of the pickles the Python client sends for createDataFrame with Arrow off: protocol 2–5 opcodes
// for None, booleans, ints, floats, str, tuples and lists (with memo references) — nothing that names a class.
import { IllegalArgumentError } from '@kindling/core';

/** A str kept as its (validated) UTF-8 bytes, for callers that write Arrow strings: no JS string is made. */
export class Utf8Bytes {
  constructor(readonly bytes: Uint8Array) {}
}

/** A decoded value: what the client's rows hold. Ints beyond ±2^53 are bigints. */
export type PickleValue = null | boolean | number | bigint | string | Utf8Bytes | Uint8Array | PickleValue[];

/** Options of `unpickle`. */
export interface UnpickleOptions {
  /** Return str values as `Utf8Bytes` views into the input instead of JS strings. */
  readonly utf8Bytes?: boolean;
}

/** Most memo entries / stack items one pickle may hold: bounded by its length, and by this. */
const MAX_ITEMS = 50_000_000;

const MARK = Symbol('mark');
type Item = PickleValue | typeof MARK;

function bad(at: number, what: string): IllegalArgumentError {
  return new IllegalArgumentError('INVALID_PICKLED_ROWS', `The pickled rows are malformed at byte ${at}: ${what}.`, { offset: String(at) });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one pickle. Every length and memo index is checked against the input before use, so a truncated or
 * corrupted pickle raises INVALID_PICKLED_ROWS naming the byte offset; any opcode outside the restricted set
 * (GLOBAL, REDUCE, BUILD, dicts, sets, persistent ids, …) is refused the same way, so nothing executes. `bytes`
 * values (binary columns) come back as copies, Uint8Arrays.
 */
export function unpickle(data: Uint8Array, options: UnpickleOptions = {}): PickleValue {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = data.length;
  const stack: Item[] = [];
  const memo: PickleValue[] = [];
  let pos = 0;
  // Lists (mutable, APPEND targets) are told apart from tuples (immutable JS arrays as well).
  const lists = new WeakSet<PickleValue[]>();
  const newList = (items: PickleValue[]): PickleValue[] => {
    lists.add(items);
    return items;
  };

  const need = (k: number, at: number): void => {
    if (pos + k > n) throw bad(at, `truncated (needs ${k} more bytes, ${n - pos} left)`);
  };
  const push = (v: Item): void => {
    if (stack.length >= MAX_ITEMS) throw bad(pos, 'too many items');
    stack.push(v);
  };
  const pop = (at: number): PickleValue => {
    const v = stack.pop();
    if (v === undefined) throw bad(at, 'stack underflow');
    if (v === MARK) throw bad(at, 'unexpected mark');
    return v;
  };
  const popToMark = (at: number): PickleValue[] => {
    let i = stack.length - 1;
    while (i >= 0 && stack[i] !== MARK) i--;
    if (i < 0) throw bad(at, 'no mark');
    const items = stack.splice(i + 1) as PickleValue[];
    stack.pop();
    return items;
  };
  const listOnTop = (at: number): PickleValue[] => {
    const l = stack[stack.length - 1];
    if (!Array.isArray(l) || !lists.has(l)) throw bad(at, 'append to something that is not a list');
    return l;
  };
  const text = (len: number, at: number): string | Utf8Bytes => {
    need(len, at);
    const view = data.subarray(pos, (pos += len));
    if (options.utf8Bytes) {
      // ASCII needs no decoder to be valid UTF-8; anything else is checked by the strict decoder.
      let ascii = true;
      for (let i = 0; i < view.length; i++) if (view[i]! > 0x7f) { ascii = false; break; }
      if (ascii) return new Utf8Bytes(view);
    }
    let s: string;
    try {
      s = utf8.decode(view);
    } catch {
      throw bad(at, 'string is not valid UTF-8');
    }
    return options.utf8Bytes ? new Utf8Bytes(view) : s;
  };
  // A copy: the value outlives the request's buffer (it becomes a binary column).
  const byteString = (len: number, at: number): Uint8Array => {
    need(len, at);
    return data.slice(pos, (pos += len));
  };
  const memoGet = (i: number, at: number): PickleValue => {
    if (i >= memo.length) throw bad(at, `memo entry ${i} does not exist`);
    return memo[i]!;
  };
  const memoPut = (i: number, at: number): void => {
    const top = stack[stack.length - 1];
    if (top === undefined || top === MARK) throw bad(at, 'nothing to memoize');
    if (i > memo.length || i >= MAX_ITEMS) throw bad(at, `memo index ${i} out of order`);
    memo[i] = top;
  };

  while (pos < n) {
    const at = pos;
    const op = data[pos++]!;
    switch (op) {
      case 0x80: // PROTO
        need(1, at);
        if (data[pos]! < 2 || data[pos]! > 5) throw bad(at, `unsupported protocol ${data[pos]}`);
        pos += 1;
        break;
      case 0x95: // FRAME (a length hint only)
        need(8, at);
        pos += 8;
        break;
      case 0x2e: // STOP
        if (stack.length !== 1) throw bad(at, `${stack.length} items left at STOP`);
        if (pos !== n) throw bad(at, `${n - pos} bytes after STOP`);
        return pop(at);
      case 0x28: push(MARK); break; // MARK
      case 0x5d: push(newList([])); break; // EMPTY_LIST
      case 0x61: { // APPEND
        const v = pop(at);
        listOnTop(at).push(v);
        break;
      }
      case 0x65: { // APPENDS
        const items = popToMark(at);
        const l = listOnTop(at);
        for (const v of items) l.push(v);
        break;
      }
      case 0x6c: push(newList(popToMark(at))); break; // LIST
      case 0x29: push([]); break; // EMPTY_TUPLE
      case 0x74: push(popToMark(at)); break; // TUPLE
      case 0x85: push([pop(at)]); break; // TUPLE1
      case 0x86: { const b = pop(at); const a = pop(at); push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(at); const b = pop(at); const a = pop(at); push([a, b, c]); break; } // TUPLE3
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4a: need(4, at); push(dv.getInt32(pos, true)); pos += 4; break; // BININT
      case 0x4b: need(1, at); push(data[pos]!); pos += 1; break; // BININT1
      case 0x4d: need(2, at); push(dv.getUint16(pos, true)); pos += 2; break; // BININT2
      case 0x8a: { // LONG1
        need(1, at);
        const len = data[pos++]!;
        need(len, at);
        push(littleEndianInt(data.subarray(pos, (pos += len))));
        break;
      }
      case 0x8b: { // LONG4
        need(4, at);
        const len = dv.getInt32(pos, true);
        pos += 4;
        if (len < 0 || len > 1024) throw bad(at, `integer of ${len} bytes`);
        need(len, at);
        push(littleEndianInt(data.subarray(pos, (pos += len))));
        break;
      }
      case 0x47: need(8, at); push(dv.getFloat64(pos, false)); pos += 8; break; // BINFLOAT (big-endian)
      case 0x8c: { need(1, at); const len = data[pos++]!; push(text(len, at)); break; } // SHORT_BINUNICODE
      case 0x58: { need(4, at); const len = dv.getUint32(pos, true); pos += 4; push(text(len, at)); break; } // BINUNICODE
      case 0x8d: { // BINUNICODE8
        need(8, at);
        const len = dv.getBigUint64(pos, true);
        pos += 8;
        if (len > BigInt(n - pos)) throw bad(at, 'string overruns the pickle');
        push(text(Number(len), at));
        break;
      }
      case 0x43: { need(1, at); const len = data[pos++]!; push(byteString(len, at)); break; } // SHORT_BINBYTES
      case 0x42: { need(4, at); const len = dv.getUint32(pos, true); pos += 4; push(byteString(len, at)); break; } // BINBYTES
      case 0x8e: { // BINBYTES8
        need(8, at);
        const len = dv.getBigUint64(pos, true);
        pos += 8;
        if (len > BigInt(n - pos)) throw bad(at, 'bytes overrun the pickle');
        push(byteString(Number(len), at));
        break;
      }
      case 0x94: memoPut(memo.length, at); break; // MEMOIZE
      case 0x71: need(1, at); memoPut(data[pos++]!, at); break; // BINPUT
      case 0x72: need(4, at); memoPut(dv.getUint32(pos, true), at); pos += 4; break; // LONG_BINPUT
      case 0x68: need(1, at); push(memoGet(data[pos++]!, at)); break; // BINGET
      case 0x6a: need(4, at); push(memoGet(dv.getUint32(pos, true), at)); pos += 4; break; // LONG_BINGET
      default:
        throw bad(at, `opcode 0x${op.toString(16).padStart(2, '0')} is not allowed in pickled rows`);
    }
  }
  throw bad(pos, 'no STOP opcode');
}

/** A little-endian two's-complement integer (pickle's LONG1/LONG4): a number when safe, else a bigint. */
function littleEndianInt(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) v -= 1n << BigInt(8 * bytes.length);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

// A strict unpickler for the one shape Python workers send back on the pickled (classic) path: a list of tuples
// of None/bool/int/float/str/list, protocol 2–5. Anything else — globals, REDUCE, out-of-range memo refs, a
// truncated stream — is refused with an error; nothing is ever called or allocated beyond what the bytes hold.
import { ExecutionError } from '@kindling/core';

type Value = null | boolean | number | bigint | string | Value[] | Tuple;
class Tuple {
  constructor(readonly items: Value[]) {}
}
const MARK = Symbol('mark');
type StackItem = Value | typeof MARK;

const decoder = new TextDecoder('utf-8', { fatal: true });

function bad(why: string, at: number): ExecutionError {
  return new ExecutionError('PYTHON_WORKER_PROTOCOL', `Malformed pickled result from a Python worker at byte ${at}: ${why}.`);
}

/** Decodes `[tuple, …]` with `width` items per tuple into rows of engine-ready plain values. */
export function unpickleRows(bytes: Uint8Array, width: number): Value[][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: StackItem[] = [];
  const memo: Value[] = [];
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw bad(`truncated (needs ${n} more bytes)`, pos);
  };
  const popMark = (): Value[] => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) throw bad('no MARK on the stack', pos);
    const items = stack.splice(i) as StackItem[];
    items.shift();
    return items as Value[];
  };
  const pop = (): Value => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw bad('stack underflow', pos);
    return v;
  };
  const top = (): Value[] => {
    const t = stack[stack.length - 1];
    if (!Array.isArray(t)) throw bad('APPEND(S) without a list', pos);
    return t;
  };
  const str = (n: number) => {
    need(n);
    try {
      const s = decoder.decode(bytes.subarray(pos, pos + n));
      pos += n;
      return s;
    } catch {
      throw bad('invalid UTF-8 in a string', pos);
    }
  };
  for (;;) {
    need(1);
    const op = bytes[pos++]!;
    switch (op) {
      case 0x80: need(1); pos++; break; // PROTO
      case 0x95: need(8); pos += 8; break; // FRAME (protocol 4+): framing hint only
      case 0x2e: { // STOP
        const result = pop();
        if (!Array.isArray(result)) throw bad('the result is not a list', pos);
        return result.map((row, i) => {
          if (!(row instanceof Tuple) || row.items.length !== width) throw bad(`row ${i} is not a ${width}-tuple`, pos);
          return row.items.map((v) => plain(v, 0, pos));
        });
      }
      case 0x28: stack.push(MARK); break; // MARK
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(new Tuple([])); break; // EMPTY_TUPLE
      case 0x61: { const v = pop(); top().push(v); break; } // APPEND
      case 0x65: { const items = popMark(); top().push(...items); break; } // APPENDS
      case 0x74: stack.push(new Tuple(popMark())); break; // TUPLE
      case 0x85: stack.push(new Tuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(new Tuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(new Tuple([a, b, c])); break; } // TUPLE3
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: need(4); stack.push(view.getInt32(pos, true)); pos += 4; break; // BININT
      case 0x4b: need(1); stack.push(bytes[pos]!); pos += 1; break; // BININT1
      case 0x4d: need(2); stack.push(view.getUint16(pos, true)); pos += 2; break; // BININT2
      case 0x8a: { // LONG1: little-endian two's complement
        need(1);
        const n = bytes[pos++]!;
        need(n);
        if (n > 8) throw bad('integer wider than 64 bits', pos);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[pos + i]!);
        if (n > 0 && bytes[pos + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
        pos += n;
        stack.push(v);
        break;
      }
      case 0x47: need(8); stack.push(view.getFloat64(pos, false)); pos += 8; break; // BINFLOAT (big-endian)
      case 0x58: { need(4); const n = view.getUint32(pos, true); pos += 4; stack.push(str(n)); break; } // BINUNICODE
      case 0x8c: { need(1); const n = bytes[pos++]!; stack.push(str(n)); break; } // SHORT_BINUNICODE
      case 0x8d: { need(8); const n = Number(view.getBigUint64(pos, true)); pos += 8; stack.push(str(n)); break; } // BINUNICODE8
      case 0x71: { need(1); memo[bytes[pos++]!] = peek(); break; } // BINPUT
      case 0x72: { need(4); memo[view.getUint32(pos, true)] = peek(); pos += 4; break; } // LONG_BINPUT
      case 0x94: memo.push(peek()); break; // MEMOIZE
      case 0x68: { need(1); stack.push(memoAt(bytes[pos++]!)); break; } // BINGET
      case 0x6a: { need(4); const i = view.getUint32(pos, true); pos += 4; stack.push(memoAt(i)); break; } // LONG_BINGET
      default:
        throw bad(`opcode 0x${op.toString(16)} is not allowed in a result`, pos - 1);
    }
  }
  function peek(): Value {
    const t = stack[stack.length - 1];
    if (t === undefined || t === MARK) throw bad('memo of an empty stack', pos);
    return t;
  }
  function memoAt(i: number): Value {
    if (!(i in memo)) throw bad(`memo ${i} is not defined`, pos);
    return memo[i]!;
  }
}

/** Results nest at most as deep as array types do; memo references could make a cycle, so depth is bounded. */
const MAX_NESTING = 64;

function plain(v: Value, depth: number, at: number): Value {
  if (depth > MAX_NESTING) throw bad(`values nested deeper than ${MAX_NESTING} levels`, at);
  if (v instanceof Tuple) return v.items.map((x) => plain(x, depth + 1, at));
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1, at));
  return v;
}

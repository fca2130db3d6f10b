// CAST: which casts are legal (`canCast`) and the kernel, with Spark's non-ANSI semantics
// (Java-style narrowing: double→int truncates and saturates, NaN → 0; long→int wraps) and ANSI errors when asked.
import type * as arrow from 'apache-arrow';
import { structData } from '../../execution/struct-data.js';
import { primitiveData, stringData } from '../../execution/vectors.js';
import { type DataType, isNumeric, mapEntriesType, sameType, simpleString } from '../../types/data-type.js';
import { castFromDecimal, castToDecimal } from './cast-decimal.js';
import { castFromString, castToString } from './cast-string.js';
import { bit, boolBitsOf, clearBit, float64Values, int32Values, int64Values, int64Words, listData, nullColumn, validityOf, wordsOf, writableValidity } from './columns.js';
import { timeZoneOf } from './time-zone.js';
import { eachLocal, writeUtcOfLocal } from './timestamp-local.js';
import { castOverflow } from './errors.js';
import { isSafeHi, wordsToNumber, writeDoubleAsLong, writeNumber } from './int64.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const TWO63 = 9223372036854775808;

function numericLike(t: DataType): boolean {
  return isNumeric(t) || t.kind === 'boolean';
}

/** True when `from` can be cast to `to` (Spark's `Cast.canCast`, restricted to Kindling's types). */
export function canCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to)) return true;
  if (from.kind === 'null') return true;
  if (to.kind === 'string') return true;
  if (from.kind === 'struct' && to.kind === 'struct') {
    // Field by field, by position (names may differ), as Spark's Cast.canCast.
    return from.fields.length === to.fields.length && from.fields.every((f, k) => canCast(f.dataType, to.fields[k]!.dataType));
  }
  // Element by element, as Spark's Cast.canCast of arrays (`array()` of NULLs to `array<int>` included).
  if (from.kind === 'array' && to.kind === 'array') return canCast(from.elementType, to.elementType);
  if (from.kind === 'map' && to.kind === 'map') return canCast(from.keyType, to.keyType) && canCast(from.valueType, to.valueType);
  if (from.kind === 'array' || to.kind === 'array' || from.kind === 'struct' || to.kind === 'struct') return false;
  if (from.kind === 'map' || to.kind === 'map') return false;
  if (from.kind === 'string') return to.kind !== 'null';
  if (numericLike(from) && numericLike(to)) return true;
  if (from.kind === 'timestamp') return numericLike(to) || to.kind === 'date';
  if (to.kind === 'timestamp') return numericLike(from) || from.kind === 'date';
  return false;
}

export interface CastOptions {
  readonly ansi: boolean;
  /** The session time zone (`spark.sql.session.timeZone`) of timestamp ↔ date/string casts; absent = UTC. */
  readonly timeZone?: string;
}

/** Casts column `d` of type `from` to `to`. Throws when `canCast(from, to)` is false. */
export function castColumn(d: arrow.Data, from: DataType, to: DataType, n: number, opts: CastOptions): arrow.Data {
  if (sameType(from, to)) return d;
  if (!canCast(from, to)) throw new Error(`cannot cast ${simpleString(from)} to ${simpleString(to)}`);
  if (from.kind === 'null') return nullColumn(to, n);
  if (to.kind === 'decimal') return castToDecimal(d, from, to, n, opts.ansi);
  if (from.kind === 'decimal' && to.kind !== 'string') return castFromDecimal(d, from, to, n, opts.ansi);
  // String and binary share a layout: the cast relabels the same bytes (Spark's casts neither check nor change them).
  if ((from.kind === 'binary' && to.kind === 'string') || (from.kind === 'string' && to.kind === 'binary')) {
    return stringData(n, d.valueOffsets as Int32Array, (d.values as Uint8Array) ?? new Uint8Array(0), validityOf(d), to.kind === 'binary');
  }
  if (from.kind === 'array' && to.kind === 'array') {
    // The offsets stay; the elements (all of the child, which a sliced list shares) are cast as one column.
    const child = d.children[0]!;
    const elements = castColumn(child, from.elementType, to.elementType, child.length, opts);
    return listData(to, n, d.valueOffsets as Int32Array, elements, validityOf(d));
  }
  if (from.kind === 'map' && to.kind === 'map') {
    // Keys and values cast as the entries struct, the offsets kept.
    const child = d.children[0]!;
    const entries = castColumn(child, mapEntriesType(from), mapEntriesType(to), child.length, opts);
    return listData(to, n, d.valueOffsets as Int32Array, entries, validityOf(d));
  }
  if (to.kind === 'string') return castToString(d, from, n, timeZoneOf(opts.timeZone));
  if (from.kind === 'string') return castFromString(d, to, n, opts.ansi, timeZoneOf(opts.timeZone));
  if (from.kind === 'struct' && to.kind === 'struct') {
    const children = to.fields.map((f, k) => castColumn(d.children[k]!, from.fields[k]!.dataType, f.dataType, n, opts));
    return structData(to, n, children, validityOf(d));
  }
  const validity = writableValidity(validityOf(d), n);
  const ok = (i: number) => bit(validity, i);
  const overflow = (i: number, shown: string) => {
    if (ok(i)) throw castOverflow(shown, from, to);
  };
  // Reads row i of a numeric-like or timestamp source as a double (int64 rounds to nearest).
  const asDouble = sourceAsDouble(d, from);
  switch (to.kind) {
    case 'int32': {
      const out = new Int32Array(n);
      if (from.kind === 'int64' || from.kind === 'timestamp') {
        const w = int64Words(d);
        const seconds = from.kind === 'timestamp' ? int64Values(d) : null;
        for (let i = 0; i < n; i++) {
          let lo = w[2 * i]!;
          let hi = w[2 * i + 1]!;
          if (seconds) {
            const s = floorDiv(seconds[i]!, 1000000n);
            lo = Number(BigInt.asIntN(32, s));
            hi = Number(s >> 32n);
          }
          if (opts.ansi && hi !== lo >> 31) overflow(i, seconds ? String(seconds[i]) : `${wordsToBig(lo, hi)}L`);
          out[i] = lo;
        }
      } else if (from.kind === 'float64') {
        const v = float64Values(d);
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          if (opts.ansi && !(Math.floor(x) <= INT_MAX && Math.ceil(x) >= INT_MIN)) overflow(i, `${x}D`);
          out[i] = Number.isNaN(x) ? 0 : x >= INT_MAX ? INT_MAX : x <= INT_MIN ? INT_MIN : Math.trunc(x);
        }
      } else if (from.kind === 'boolean') {
        const b = boolBitsOf(d);
        for (let i = 0; i < n; i++) out[i] = bit(b, i) ? 1 : 0;
      } else break;
      return primitiveData(to, n, out, validity);
    }
    case 'int64': {
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      if (from.kind === 'int32') {
        const v = int32Values(d);
        for (let i = 0; i < n; i++) {
          o[2 * i] = v[i]!;
          o[2 * i + 1] = v[i]! >> 31;
        }
      } else if (from.kind === 'float64') {
        const v = float64Values(d);
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          if (opts.ansi && !(Math.floor(x) < TWO63 && Math.ceil(x) >= -TWO63)) overflow(i, `${x}D`);
          writeDoubleAsLong(o, i, x);
        }
      } else if (from.kind === 'boolean') {
        const b = boolBitsOf(d);
        for (let i = 0; i < n; i++) o[2 * i] = bit(b, i) ? 1 : 0;
      } else if (from.kind === 'timestamp') {
        const w = int64Words(d);
        const v = int64Values(d);
        for (let i = 0; i < n; i++) {
          if (isSafeHi(w[2 * i + 1]!)) writeNumber(o, i, Math.floor(wordsToNumber(w[2 * i]!, w[2 * i + 1]!) / 1000000));
          else out[i] = floorDiv(v[i]!, 1000000n);
        }
      } else break;
      return primitiveData(to, n, out, validity);
    }
    case 'float64': {
      if (!asDouble) break;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = asDouble(i);
      return primitiveData(to, n, out, validity);
    }
    case 'boolean': {
      if (!asDouble) break;
      const out = new Uint8Array((n + 7) >> 3);
      // NaN != 0 is true, as in Java.
      for (let i = 0; i < n; i++) if (asDouble(i) !== 0) out[i >> 3]! |= 1 << (i & 7);
      return primitiveData(to, n, out, validity);
    }
    case 'date': {
      if (from.kind !== 'timestamp') break;
      // The local date in the session zone, as Spark's Cast(TimestampType → DateType) with its timeZoneId.
      const out = new Int32Array(n);
      eachLocal(d, n, timeZoneOf(opts.timeZone), (i, day) => {
        out[i] = day;
      });
      return primitiveData(to, n, out, validity);
    }
    case 'timestamp': {
      const out = new BigInt64Array(n);
      const o = wordsOf(out);
      if (from.kind === 'date') {
        // Midnight of the date in the session zone.
        const v = int32Values(d);
        const zone = timeZoneOf(opts.timeZone);
        for (let i = 0; i < n; i++) writeUtcOfLocal(o, i, zone, v[i]!, 0);
      } else if (from.kind === 'int32') {
        const v = int32Values(d);
        for (let i = 0; i < n; i++) writeNumber(o, i, v[i]! * 1000000);
      } else if (from.kind === 'int64') {
        const v = int64Values(d);
        for (let i = 0; i < n; i++) {
          const x = v[i]! * 1000000n;
          // Seconds → µs saturates like Java's TimeUnit.SECONDS.toMicros.
          out[i] = x > 9223372036854775807n ? 9223372036854775807n : x < -9223372036854775808n ? -9223372036854775808n : x;
        }
      } else if (from.kind === 'float64') {
        const v = float64Values(d);
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          if (!Number.isFinite(x)) {
            if (opts.ansi) overflow(i, `${x}D`);
            clearBit(validity, i);
          } else writeDoubleAsLong(o, i, x * 1000000);
        }
      } else if (from.kind === 'boolean') {
        const b = boolBitsOf(d);
        for (let i = 0; i < n; i++) o[2 * i] = bit(b, i) ? 1 : 0;
      } else break;
      return primitiveData(to, n, out, validity);
    }
    default:
      break;
  }
  throw new Error(`cast from ${simpleString(from)} to ${simpleString(to)} is not implemented`);
}

function sourceAsDouble(d: arrow.Data, from: DataType): ((i: number) => number) | null {
  switch (from.kind) {
    case 'int32': {
      const v = int32Values(d);
      return (i) => v[i]!;
    }
    case 'float64': {
      const v = float64Values(d);
      return (i) => v[i]!;
    }
    case 'int64': {
      const w = int64Words(d);
      return (i) => wordsToNumber(w[2 * i]!, w[2 * i + 1]!);
    }
    case 'timestamp': {
      const w = int64Words(d);
      return (i) => wordsToNumber(w[2 * i]!, w[2 * i + 1]!) / 1000000;
    }
    case 'boolean': {
      const b = boolBitsOf(d);
      return (i) => (bit(b, i) ? 1 : 0);
    }
    default:
      return null;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

function wordsToBig(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

// Casts from strings (parsing, invalid → NULL or CAST_INVALID_INPUT under ANSI) and to strings (Spark's text forms).
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { formatDecimal } from '../../types/decimal.js';
import { formatDate, formatDouble, formatTimestamp } from '../expression.js';
import { bit, boolBitsOf, clearBit, float64Values, int32Values, int64Values, int64Words, stringParts, validityOf, writableValidity } from './columns.js';
import { parseDate, parseTimestamp, trimAll } from './datetime.js';
import { type TimeZone, UTC } from './time-zone.js';
import { castInvalidInput } from './errors.js';
import { isSafeHi, wordsToNumber } from './int64.js';
import { decodeUtf8, StringBuilder } from './strings.js';
import { valueReader } from './values.js';

const INT_RE_LENIENT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d*)$/;
const INT_RE_STRICT = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Spark's `UTF8String.toLong`: digits with an optional sign; non-ANSI also accepts and truncates a decimal part. */
export function parseIntegral(s: string, ansi: boolean, bits: 32 | 64): bigint | null {
  const t = trimAll(s);
  if (!(ansi ? INT_RE_STRICT : INT_RE_LENIENT).test(t) || t === '+' || t === '-') return null;
  const dot = t.indexOf('.');
  let digits = dot < 0 ? t : t.slice(0, dot);
  if (digits === '' || digits === '+' || digits === '-') digits = '0';
  const v = BigInt(digits);
  const limit = bits === 32 ? 2147483648n : 9223372036854775808n;
  if (v >= limit || v < -limit) return null;
  return v;
}

/** Java's `Double.parseDouble` plus Spark's special literals (`inf`, `-infinity`, `nan`, any case). */
export function parseDouble(s: string): number | null {
  const t = trimAll(s);
  if (DOUBLE_RE.test(t)) {
    const body = /[fFdD]$/.test(t) && !t.endsWith('Infinity') ? t.slice(0, -1) : t;
    return Number(body);
  }
  switch (t.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
      return NaN;
    default:
      return null;
  }
}

export function parseBoolean(s: string): boolean | null {
  switch (trimAll(s).toLowerCase()) {
    case 't':
    case 'true':
    case 'y':
    case 'yes':
    case '1':
      return true;
    case 'f':
    case 'false':
    case 'n':
    case 'no':
    case '0':
      return false;
    default:
      return null;
  }
}

/** Casts a string column to int32/int64/float64/boolean/date/timestamp. */
export function castFromString(d: arrow.Data, to: DataType, n: number, ansi: boolean, zone: TimeZone = UTC): arrow.Data {
  const { offsets, bytes } = stringParts(d);
  const validity = writableValidity(validityOf(d), n);
  const text = (i: number) => decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!);
  const fail = (i: number, s: string) => {
    if (ansi) throw castInvalidInput(s, to);
    clearBit(validity, i);
  };
  switch (to.kind) {
    case 'int32':
    case 'date': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (!bit(validity, i)) continue;
        const s = text(i);
        const v = to.kind === 'date' ? parseDate(s) : parseIntegral(s, ansi, 32);
        if (v === null) fail(i, s);
        else out[i] = Number(v);
      }
      return primitiveData(to, n, out, validity);
    }
    case 'int64':
    case 'timestamp': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        if (!bit(validity, i)) continue;
        const s = text(i);
        const v = to.kind === 'timestamp' ? parseTimestamp(s, zone) : parseIntegral(s, ansi, 64);
        if (v === null) fail(i, s);
        else out[i] = v;
      }
      return primitiveData(to, n, out, validity);
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (!bit(validity, i)) continue;
        const s = text(i);
        const v = parseDouble(s);
        if (v === null) fail(i, s);
        else out[i] = v;
      }
      return primitiveData(to, n, out, validity);
    }
    case 'boolean': {
      const out = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        if (!bit(validity, i)) continue;
        const s = text(i);
        const v = parseBoolean(s);
        if (v === null) fail(i, s);
        else if (v) out[i >> 3]! |= 1 << (i & 7);
      }
      return primitiveData(to, n, out, validity);
    }
    default:
      throw new Error(`cannot cast string to ${to.kind}`);
  }
}

/** Spark's string form of one non-null JS value of `type` (arrays as `[1, 2, null]`). */
export function valueToString(v: unknown, type: DataType, zone: TimeZone = UTC): string {
  switch (type.kind) {
    case 'float64':
      return formatDouble(v as number);
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as bigint, zone);
    case 'decimal':
      return formatDecimal(v as bigint, type.scale);
    case 'array': {
      const parts: string[] = [];
      for (const x of v as Iterable<unknown>) parts.push(x === null || x === undefined ? 'null' : valueToString(x, type.elementType, zone));
      return `[${parts.join(', ')}]`;
    }
    case 'map': {
      // Spark's cast of a map to string: `{a -> 1, b -> null}`.
      const str = (x: unknown, t: DataType) => (x === null || x === undefined ? 'null' : valueToString(x, t, zone));
      return `{${(v as readonly (readonly unknown[])[]).map((e) => `${str(e[0], type.keyType)} -> ${str(e[1], type.valueType)}`).join(', ')}}`;
    }
    case 'struct': {
      // Spark's cast of a struct to string: `{1, a, null}`.
      const xs = v as readonly unknown[];
      return `{${type.fields.map((f, k) => (xs[k] === null || xs[k] === undefined ? 'null' : valueToString(xs[k], f.dataType, zone))).join(', ')}}`;
    }
    default:
      return String(v);
  }
}

export function castToString(d: arrow.Data, from: DataType, n: number, zone: TimeZone = UTC): arrow.Data {
  const validity = validityOf(d);
  const b = new StringBuilder(n);
  const ok = (i: number) => validity === null || bit(validity, i);
  switch (from.kind) {
    case 'int32': {
      const v = int32Values(d);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(String(v[i]));
        else b.appendNull();
      }
      break;
    }
    case 'int64': {
      const v = int64Values(d);
      const w = int64Words(d);
      for (let i = 0; i < n; i++) {
        // Number → string is much cheaper than bigint → string when the value is exactly representable.
        if (ok(i)) b.appendString(isSafeHi(w[2 * i + 1]!) ? String(wordsToNumber(w[2 * i]!, w[2 * i + 1]!)) : String(v[i]));
        else b.appendNull();
      }
      break;
    }
    case 'float64': {
      const v = float64Values(d);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(formatDouble(v[i]!));
        else b.appendNull();
      }
      break;
    }
    case 'boolean': {
      const v = boolBitsOf(d);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(bit(v, i) ? 'true' : 'false');
        else b.appendNull();
      }
      break;
    }
    case 'date': {
      const v = int32Values(d);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(formatDate(v[i]!));
        else b.appendNull();
      }
      break;
    }
    case 'timestamp': {
      const v = int64Values(d);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(formatTimestamp(v[i]!, zone));
        else b.appendNull();
      }
      break;
    }
    case 'string':
      return d;
    case 'null':
      for (let i = 0; i < n; i++) b.appendNull();
      break;
    case 'decimal':
    case 'array':
    case 'map':
    case 'struct': {
      const read = valueReader(d, from);
      for (let i = 0; i < n; i++) {
        if (ok(i)) b.appendString(valueToString(read(i), from, zone));
        else b.appendNull();
      }
      break;
    }
  }
  return b.finish();
}

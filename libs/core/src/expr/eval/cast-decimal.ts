// Casts to and from decimal(p, s), Spark's non-ANSI rules: a value that does not fit the target is NULL (ANSI
// raises NUMERIC_VALUE_OUT_OF_RANGE / CAST_OVERFLOW), digits beyond the scale round HALF_UP, decimal → integral
// truncates toward zero and then narrows as Java does.
import type * as arrow from 'apache-arrow';
import { decimalData, decimalWords, readDecimal, writeDecimal } from '../../execution/decimal-data.js';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType, DecimalType } from '../../types/data-type.js';
import { changePrecision, formatDecimal, parseDecimal, pow10 } from '../../types/decimal.js';
import { formatDouble } from '../expression.js';
import { bit, boolBitsOf, clearBit, float64Values, int32Values, int64Values, stringParts, validityOf, writableValidity } from './columns.js';
import { trimAll } from './datetime.js';
import { castInvalidInput, castOverflow, decimalOutOfRange } from './errors.js';
import { decodeUtf8 } from './strings.js';

/** Casts column `d` of a numeric, boolean, string or timestamp type (or another decimal) to decimal `to`. */
export function castToDecimal(d: arrow.Data, from: DataType, to: DecimalType, n: number, ansi: boolean): arrow.Data {
  const validity = writableValidity(validityOf(d), n);
  const out = new BigInt64Array(2 * n);
  // Stores `v` (of scale `scale`) as row i after changePrecision; a miss is NULL, or an error under ANSI.
  const put = (i: number, v: bigint, scale: number) => {
    const r = changePrecision(v, scale, to);
    if (r !== null) writeDecimal(out, i, r);
    else {
      if (ansi) throw decimalOutOfRange(formatDecimal(v, scale), to.precision, to.scale);
      clearBit(validity, i);
    }
  };
  const rows = (f: (i: number) => void) => {
    for (let i = 0; i < n; i++) if (bit(validity, i)) f(i);
  };
  switch (from.kind) {
    case 'decimal': {
      const w = decimalWords(d);
      rows((i) => put(i, readDecimal(w, i), from.scale));
      break;
    }
    case 'int32': {
      const v = int32Values(d);
      rows((i) => put(i, BigInt(v[i]!), 0));
      break;
    }
    case 'int64': {
      const v = int64Values(d);
      rows((i) => put(i, v[i]!, 0));
      break;
    }
    case 'timestamp': {
      // Seconds since the epoch, exactly: µs are the unscaled value at scale 6.
      const v = int64Values(d);
      rows((i) => put(i, v[i]!, 6));
      break;
    }
    case 'boolean': {
      const b = boolBitsOf(d);
      rows((i) => put(i, bit(b, i) ? 1n : 0n, 0));
      break;
    }
    case 'float64': {
      // Spark's Decimal(double) goes through Double.toString: the shortest text that reads back as the double.
      const v = float64Values(d);
      rows((i) => {
        const x = v[i]!;
        const p = Number.isFinite(x) ? parseDecimal(String(x)) : null;
        if (p) put(i, p.unscaled, p.scale);
        else {
          if (ansi) throw castOverflow(formatDouble(x) + 'D', from, to);
          clearBit(validity, i);
        }
      });
      break;
    }
    case 'string': {
      // Java's BigDecimal syntax after trimming (`.5`, `5.`, `1e2`, `+1`); anything else is NULL.
      const { offsets, bytes } = stringParts(d);
      rows((i) => {
        const s = decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!);
        const p = parseDecimal(trimAll(s));
        if (p) put(i, p.unscaled, p.scale);
        else {
          if (ansi) throw castInvalidInput(s, to);
          clearBit(validity, i);
        }
      });
      break;
    }
    default:
      throw new Error(`cast from ${from.kind} to decimal is not implemented`);
  }
  return decimalData(to, n, out, validity);
}

const TWO32 = 1n << 32n;
const TWO64 = 1n << 64n;

/** Casts decimal column `d` to an integral, double, boolean or timestamp type. */
export function castFromDecimal(d: arrow.Data, from: DecimalType, to: DataType, n: number, ansi: boolean): arrow.Data {
  const validity = writableValidity(validityOf(d), n);
  const w = decimalWords(d);
  const rows = (f: (i: number, v: bigint) => void) => {
    for (let i = 0; i < n; i++) if (bit(validity, i)) f(i, readDecimal(w, i));
  };
  const unit = pow10(from.scale);
  // Integral part, truncated toward zero (bigint division truncates).
  const whole = (v: bigint) => v / unit;
  const overflow = (v: bigint) => castOverflow(`${formatDecimal(v, from.scale)}BD`, from, to);
  switch (to.kind) {
    case 'int32': {
      const out = new Int32Array(n);
      rows((i, v) => {
        const x = whole(v);
        if (ansi && (x >= 2147483648n || x < -2147483648n)) throw overflow(v);
        // Java's (int) of the long value: the low 32 bits.
        out[i] = Number(BigInt.asIntN(32, x % TWO32));
      });
      return primitiveData(to, n, out, validity);
    }
    case 'int64': {
      const out = new BigInt64Array(n);
      rows((i, v) => {
        const x = whole(v);
        if (ansi && (x >= 9223372036854775808n || x < -9223372036854775808n)) throw overflow(v);
        out[i] = BigInt.asIntN(64, x % TWO64);
      });
      return primitiveData(to, n, out, validity);
    }
    case 'float64': {
      // The decimal text read as a double is the correctly rounded value, as BigDecimal.doubleValue.
      const out = new Float64Array(n);
      rows((i, v) => {
        out[i] = Number(formatDecimal(v, from.scale));
      });
      return primitiveData(to, n, out, validity);
    }
    case 'boolean': {
      const out = new Uint8Array((n + 7) >> 3);
      rows((i, v) => {
        if (v !== 0n) out[i >> 3]! |= 1 << (i & 7);
      });
      return primitiveData(to, n, out, validity);
    }
    case 'timestamp': {
      // Seconds → µs, the fraction beyond µs truncated (Spark's decimalToTimestamp: longValue of seconds × 10^6).
      const out = new BigInt64Array(n);
      rows((i, v) => {
        const micros = from.scale <= 6 ? v * pow10(6 - from.scale) : v / pow10(from.scale - 6);
        out[i] = BigInt.asIntN(64, micros);
      });
      return primitiveData(to, n, out, validity);
    }
    default:
      throw new Error(`cast from decimal to ${to.kind} is not implemented`);
  }
}

// Text forms of values in CSV and JSON files, as Spark writes and reads them with the default formats:
// dates `yyyy-MM-dd`, timestamps `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in the `timeZone` option's zone (`Z` for UTC),
// doubles as Java prints them.
import { formatDate, formatDouble } from '../expr/expression.js';
import { parseDate, parseTimestamp } from '../expr/eval/datetime.js';
import { formatDecimal, parseDecimal, changePrecision } from '../types/decimal.js';
import type { DataType, DecimalType } from '../types/data-type.js';
import { type TimeZone, UTC, isFixedUtc, timeZoneOf } from '../expr/eval/time-zone.js';
import { type DateTimePattern, compilePattern } from './datetime-pattern.js';
import type { SourceOptions } from './options.js';

/**
 * The `dateFormat` / `timestampFormat` options, compiled (null: Spark's default format), and the `timeZone` option
 * (the session's by default) that timestamps without an offset are read in and that they are written in.
 */
export interface TextFormats {
  readonly date: DateTimePattern | null;
  readonly timestamp: DateTimePattern | null;
  readonly zone: TimeZone;
  /** Spark's default write format in `zone` when that is not UTC (UTC writes through formatTimestampIso). */
  readonly isoTimestamp: DateTimePattern | null;
}

export const DEFAULT_FORMATS: TextFormats = { date: null, timestamp: null, zone: UTC, isoTimestamp: null };

const ISO_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

export function textFormats(o: SourceOptions): TextFormats {
  const d = o.get('dateFormat');
  const t = o.get('timestampFormat');
  const zoneId = o.get('timeZone') ?? 'UTC';
  const zone = timeZoneOf(zoneId);
  return {
    date: d === undefined ? null : compilePattern(d, 'date', zoneId),
    timestamp: t === undefined ? null : compilePattern(t, 'timestamp', zoneId),
    zone,
    // A zone that is UTC at every instant takes the fast path (same text: offset 0 prints as `Z`).
    isoTimestamp: isFixedUtc(zone) ? null : compilePattern(ISO_TIMESTAMP, 'timestamp', zoneId),
  };
}

/** A timestamp's text in the default write format of `f`'s zone, or in its timestampFormat. */
export function timestampText(micros: bigint, f: TextFormats): string {
  if (f.timestamp) return f.timestamp.format(micros);
  return f.isoTimestamp ? f.isoTimestamp.format(micros) : formatTimestampIso(micros);
}

/** Spark's default write format of a timestamp: millisecond precision, `Z` for UTC. */
export function formatTimestampIso(micros: bigint): string {
  const ms = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
  return new Date(Number(ms)).toISOString().replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z$/, '$1Z');
}

/** The text of one non-null plain value of an atomic type, as Spark's CSV writer prints it. */
export function atomicText(v: unknown, t: DataType, f: TextFormats = DEFAULT_FORMATS): string {
  switch (t.kind) {
    case 'float64': return formatDouble(v as number);
    case 'date': return f.date ? f.date.format(v as number) : formatDate(v as number);
    case 'timestamp': return timestampText(v as bigint, f);
    case 'decimal': return formatDecimal(v as bigint, t.scale);
    default: return String(v);
  }
}

const INT_RE = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;
const STRICT_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const STRICT_TS_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export function parseIntText(s: string, bits: 32 | 64): bigint | null {
  if (!INT_RE.test(s)) return null;
  const v = BigInt(s);
  const lim = bits === 32 ? 2147483648n : 9223372036854775808n;
  return v >= lim || v < -lim ? null : v;
}

export function parseDoubleText(s: string, nan = 'NaN', posInf = 'Inf', negInf = '-Inf'): number | null {
  if (s === nan) return NaN;
  if (s === posInf || s === 'Infinity' || s === '+Infinity') return Infinity;
  if (s === negInf || s === '-Infinity') return -Infinity;
  if (!DOUBLE_RE.test(s)) return null;
  return Number(/[fFdD]$/.test(s) ? s.slice(0, -1) : s);
}

export function parseDecimalText(s: string, t: DecimalType): bigint | null {
  const p = parseDecimal(s.trim());
  return p === null ? null : changePrecision(p.unscaled, p.scale, t);
}

/** Converts one token to the plain value of `t`; undefined when it does not parse (a malformed record). */
export function fromText(s: string, t: DataType, o: { nanValue: string; positiveInf: string; negativeInf: string }, f: TextFormats = DEFAULT_FORMATS): unknown {
  switch (t.kind) {
    case 'string': return s;
    case 'int32': { const v = parseIntText(s, 32); return v === null ? undefined : Number(v); }
    case 'int64': return parseIntText(s, 64) ?? undefined;
    case 'float64': return parseDoubleText(s, o.nanValue, o.positiveInf, o.negativeInf) ?? undefined;
    case 'boolean': { const l = s.toLowerCase(); return l === 'true' ? true : l === 'false' ? false : undefined; }
    case 'decimal': return parseDecimalText(s, t) ?? undefined;
    // The default formatters fall back to the cast's parsing, as Spark 3's do.
    // A pattern the user gave is applied strictly, as Spark applies a non-default format.
    case 'date': return (f.date ? f.date.parse(s) : parseDate(s)) ?? undefined;
    case 'timestamp': return (f.timestamp ? f.timestamp.parse(s) : parseTimestamp(s, f.zone)) ?? undefined;
    case 'null': return null;
    default: return undefined;
  }
}

/** CSV inference of one token given the type so far (Spark's CSVInferSchema.inferField, default options). */
export function inferTextType(s: string, so: DataType | null, f: TextFormats = DEFAULT_FORMATS): DataType {
  const order = ['null', 'int32', 'int64', 'decimal', 'float64', 'date', 'timestamp', 'boolean', 'string'];
  const start = so === null ? 0 : Math.max(0, order.indexOf(so.kind));
  for (let k = Math.max(start, 1); k < order.length; k++) {
    switch (order[k]) {
      case 'int32': if (parseIntText(s, 32) !== null) return { kind: 'int32' }; break;
      case 'int64': if (parseIntText(s, 64) !== null) return { kind: 'int64' }; break;
      case 'decimal': {
        // Only integral values too big for a long become decimals (values with a fraction are doubles).
        if (INT_RE.test(s)) {
          const digits = s.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length;
          if (digits <= 38) {
            const prev = so?.kind === 'decimal' ? so.precision : 0;
            return { kind: 'decimal', precision: Math.max(digits, prev), scale: 0 };
          }
        }
        if (so?.kind === 'decimal') break;
        break;
      }
      case 'float64': if (parseDoubleText(s) !== null || s === 'NaN' || s === 'Infinity' || s === '-Infinity') return { kind: 'float64' }; break;
      case 'date':
        if (f.date ? f.date.parse(s) !== null : STRICT_DATE_RE.test(s) && parseDate(s) !== null) return { kind: 'date' };
        break;
      case 'timestamp':
        if (f.timestamp ? f.timestamp.parse(s) !== null : STRICT_TS_RE.test(s) && parseTimestamp(s) !== null) return { kind: 'timestamp' };
        break;
      case 'boolean': if (/^(true|false)$/i.test(s)) return { kind: 'boolean' }; break;
      default: return { kind: 'string' };
    }
  }
  return { kind: 'string' };
}

/** Spark's findTightestCommonType for CSV inference, falling back to string. */
export function mergeTextTypes(a: DataType | null, b: DataType | null): DataType | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.kind === b.kind && a.kind !== 'decimal') return a;
  const num = ['int32', 'int64', 'float64'];
  if (num.includes(a.kind) && num.includes(b.kind)) return num.indexOf(a.kind) > num.indexOf(b.kind) ? a : b;
  if (a.kind === 'decimal' && b.kind === 'decimal') return { kind: 'decimal', precision: Math.max(a.precision, b.precision), scale: 0 };
  if ((a.kind === 'decimal' && (b.kind === 'int32' || b.kind === 'int64')) || (b.kind === 'decimal' && (a.kind === 'int32' || a.kind === 'int64'))) {
    const d = (a.kind === 'decimal' ? a : b) as DecimalType;
    return { kind: 'decimal', precision: Math.max(d.precision, 20), scale: 0 };
  }
  if ((a.kind === 'decimal' && b.kind === 'float64') || (a.kind === 'float64' && b.kind === 'decimal')) return { kind: 'float64' };
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return { kind: 'timestamp' };
  return { kind: 'string' };
}

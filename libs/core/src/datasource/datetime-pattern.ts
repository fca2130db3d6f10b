// The dateFormat / timestampFormat options of the CSV and JSON sources: Spark's datetime patterns through the same
// compiled formatter and parser as date_format / to_timestamp (expr/eval/datetime-format.ts), in UTC unless a
// zone is given (to_json writes in the session's).
import { compilePattern as compileShared, formatLocal, parseLocal } from '../expr/eval/datetime-format.js';
import { timeZoneOf } from '../expr/eval/time-zone.js';
import { localDayAndMicros, utcMicrosOfLocal } from '../expr/eval/timestamp-local.js';

const MICROS_PER_DAY = 86400000000;

export interface DateTimePattern {
  /** Days (date) or µs (timestamp) since the epoch; null when the text does not match. */
  parse(s: string): number | bigint | null;
  format(v: number | bigint): string;
}

/** A pattern for values of `kind`; throws Spark's INVALID_DATETIME_PATTERN / DATETIME_PATTERN_RECOGNITION errors. */
export function compilePattern(pattern: string, kind: 'date' | 'timestamp', zoneId = 'UTC'): DateTimePattern {
  const zone = timeZoneOf(zoneId);
  const parser = compileShared(pattern, true);
  const formatter = compileShared(pattern, false);
  return {
    parse(s: string): number | bigint | null {
      const r = parseLocal(parser, s);
      if (!r) return null;
      if (kind === 'date') return r.day;
      if (r.offset !== null) return BigInt(r.day) * 86400000000n + BigInt(r.micros) - BigInt(r.offset) * 1000000n;
      return utcMicrosOfLocal(r.zone ?? zone, r.day, r.micros);
    },
    format(v: number | bigint): string {
      const micros = kind === 'date' ? BigInt(v) * BigInt(MICROS_PER_DAY) : BigInt(v);
      const local: [number, number] = [0, 0];
      localDayAndMicros(zone, micros, local);
      const utcSeconds = Math.floor(Number(micros) / 1e6);
      return formatLocal(formatter, local[0], local[1], zone, zone.offsetAt(utcSeconds), utcSeconds);
    },
  };
}

// Data source options, as Spark's CaseInsensitiveMap: keys compare without case, values are strings.
import { IllegalArgumentError } from '../errors.js';

/** An option's value as callers give it; it is passed on as its string (`true` → `"true"`), null/undefined dropped. */
export type OptionValue = string | number | boolean | null | undefined;

/** Options of one read or write: keys lower-cased, values as the strings Spark would see. */
export class SourceOptions {
  private readonly map: ReadonlyMap<string, string>;

  constructor(entries: Iterable<readonly [string, string]> = []) {
    const m = new Map<string, string>();
    for (const [k, v] of entries) m.set(k.toLowerCase(), v);
    this.map = m;
  }

  static from(obj: Readonly<Record<string, OptionValue>>): SourceOptions {
    return new SourceOptions(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)] as const));
  }

  get(key: string): string | undefined {
    return this.map.get(key.toLowerCase());
  }

  str(key: string, dflt: string): string {
    return this.get(key) ?? dflt;
  }

  /** A one-character option (`sep`, `quote`); `\t` and `\u0001` escapes are accepted, as Spark's CSVUtils does. */
  char(key: string, dflt: string, allowEmpty = false): string {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const s = v === '\\t' ? '\t' : v.startsWith('\\u') && v.length === 6 ? String.fromCharCode(parseInt(v.slice(2), 16)) : v;
    if (s.length === 0 && allowEmpty) return '\u0000';
    if (s.length !== 1) {
      throw new IllegalArgumentError('INVALID_OPTION', `Option '${key}' must be a single character, got '${v}'.`, { option: key });
    }
    return s;
  }

  bool(key: string, dflt: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const l = v.trim().toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
    throw new IllegalArgumentError('INVALID_OPTION', `${key} should be a boolean, but got '${v}'.`, { option: key });
  }

  int(key: string, dflt: number): number {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new IllegalArgumentError('INVALID_OPTION', `${key} should be an integer, but got '${v}'.`, { option: key });
    return n;
  }

  /** These options with `key` set to `value` where the caller did not set it (a session default such as timeZone). */
  withDefault(key: string, value: string): SourceOptions {
    return this.get(key) === undefined ? new SourceOptions([...this.map.entries(), [key, value]]) : this;
  }

  entries(): [string, string][] {
    return [...this.map.entries()];
  }
}

/** Spark's parse modes of malformed records. */
export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

export function parseMode(o: SourceOptions): ParseMode {
  const m = (o.get('mode') ?? 'PERMISSIVE').toUpperCase();
  // Spark falls back to PERMISSIVE for an unknown mode (ParseMode.fromString logs a warning).
  return m === 'DROPMALFORMED' || m === 'FAILFAST' ? m : 'PERMISSIVE';
}

// Spark 3+/4 datetime patterns (DateTimeFormatter letters, as Spark restricts them): a pattern is compiled once
// into tokens, then formats local date-times to text and parses text to local date-times (plus a zone, if named).
import { ExecutionError } from '../../errors.js';
import { civilFromDays, daysFromCivil, daysInMonth } from './datetime.js';
import { type TimeZone, findTimeZone, offsetText } from './time-zone.js';

const PATTERN_GUIDE = "'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'";

/** Spark's error for a letter DateTimeFormatter does not know (`yyyy-bb`). */
function unrecognized(pattern: string): ExecutionError {
  return new ExecutionError(
    'INVALID_DATETIME_PATTERN.WITH_SUGGESTION',
    `Unrecognized datetime pattern: '${pattern}'. You can form a valid datetime pattern with the guide from ${PATTERN_GUIDE}.`,
    { pattern: `'${pattern}'`, docroot: 'https://spark.apache.org/docs/latest' },
  );
}

/** Spark's SparkUpgradeException for letters Spark 3+ refuses (week-based fields, narrow text, `E` when parsing). */
function notRecognized(pattern: string): ExecutionError {
  return new ExecutionError(
    'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION',
    `You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize '${pattern}' pattern in the DateTimeFormatter.\n1) You can set "spark.sql.legacy.timeParserPolicy" to "LEGACY" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from ${PATTERN_GUIDE}.`,
    { pattern: `'${pattern}'` },
  );
}

export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly count: number };

/** Letters DateTimeFormatter knows; any other ASCII letter is an error. */
const JAVA_LETTERS = new Set('GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZp');
/** Letters Kindling formats and parses. */
const SUPPORTED = new Set('GyDMLdQqEaHhKkmsSVzXxZ');
const MAX_COUNT: Readonly<Record<string, number>> = { G: 4, y: 10, D: 3, M: 4, L: 4, d: 2, Q: 4, q: 4, E: 4, a: 1, H: 2, h: 2, K: 2, k: 2, m: 2, s: 2, S: 9, V: 2, z: 4, X: 5, x: 5, Z: 5 };

export interface CompiledPattern {
  readonly pattern: string;
  readonly tokens: readonly PatternToken[];
}

const CACHE = new Map<string, CompiledPattern>();

/**
 * Compiles `pattern` (cached by text); throws Spark's errors: INVALID_DATETIME_PATTERN for unknown letters,
 * DATETIME_PATTERN_RECOGNITION for the ones Spark 3+ refuses (and, when parsing, E, F, q, Q).
 */
export function compilePattern(pattern: string, forParsing: boolean): CompiledPattern {
  const key = `${forParsing ? 'p' : 'f'}${pattern}`;
  let c = CACHE.get(key);
  if (c) return c;
  c = { pattern, tokens: tokenizePattern(pattern, forParsing) };
  if (CACHE.size > 256) CACHE.clear();
  CACHE.set(key, c);
  return c;
}

function tokenizePattern(pattern: string, forParsing: boolean): PatternToken[] {
  const out: PatternToken[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push({ kind: 'literal', text: lit });
    lit = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        lit += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw unrecognized(pattern);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const count = j - i;
      if (!JAVA_LETTERS.has(ch)) throw unrecognized(pattern);
      if ('YWwuec'.includes(ch) || 'AnNp'.includes(ch) || (forParsing && 'EFqQ'.includes(ch))) throw notRecognized(pattern);
      if ('GMLEQq'.includes(ch) && count >= 5) throw notRecognized(pattern);
      if (ch === 'y' && count >= 11) throw notRecognized(pattern);
      if (!SUPPORTED.has(ch) || count > (MAX_COUNT[ch] ?? 0) || (ch === 'V' && count !== 2)) throw unrecognized(pattern);
      flush();
      out.push({ kind: 'field', letter: ch, count });
      i = j;
      continue;
    }
    if ('[]{}#'.includes(ch)) throw unrecognized(pattern);
    lit += ch;
    i++;
  }
  flush();
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

const pad = (v: number, w: number) => (v < 0 ? `-${String(-v).padStart(w, '0')}` : String(v).padStart(w, '0'));

/** Java's year printing: `yy` the last two digits, `y`–`yyy` at least that wide, `yyyy`+ padded with a `+` past the width. */
function yearText(y: number, count: number): string {
  if (count === 2) return String(((y % 100) + 100) % 100).padStart(2, '0');
  const s = pad(y, count);
  return count >= 4 && y > 0 && String(y).length > count ? `+${s}` : s;
}

/** ISO day of week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
const isoDow = (day: number) => (((day + 3) % 7) + 7) % 7;

function offsetField(offset: number, letter: string, count: number): string {
  if ((letter === 'X' && offset === 0) || (letter === 'Z' && count === 5 && offset === 0)) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = a % 60;
  if (letter === 'Z') {
    if (count <= 3) return `${sign}${hh}${mm}`;
    if (count === 4) return offset === 0 ? 'GMT' : `GMT${sign}${hh}:${mm}${ss ? `:${pad(ss, 2)}` : ''}`;
    return `${sign}${hh}:${mm}${ss ? `:${pad(ss, 2)}` : ''}`;
  }
  // X and x: 1 = +HH[mm], 2 = +HHmm, 3 = +HH:mm, 4 = +HHmm[ss], 5 = +HH:mm[:ss].
  if (count === 1) return mm === '00' ? `${sign}${hh}` : `${sign}${hh}${mm}`;
  if (count === 2) return `${sign}${hh}${mm}`;
  if (count === 3) return `${sign}${hh}:${mm}`;
  if (count === 4) return `${sign}${hh}${mm}${ss ? pad(ss, 2) : ''}`;
  return `${sign}${hh}:${mm}${ss ? `:${pad(ss, 2)}` : ''}`;
}

const shortNames = new Map<string, Intl.DateTimeFormat | null>();

/** `z`: the zone's short name at an instant (Intl's en-US names: `EST`, `PST`; fixed offsets print themselves). */
function zoneName(zone: TimeZone, utcSeconds: number, offset: number, long: boolean): string {
  const id = zone.id;
  const upper = id.toUpperCase();
  if (upper === 'UTC' || upper === 'Z' || upper === 'GMT' || upper === 'UT') return long ? 'Coordinated Universal Time' : upper === 'Z' ? 'Z' : upper;
  const key = `${long ? 'L' : 'S'}${id}`;
  let f = shortNames.get(key);
  if (f === undefined) {
    try {
      f = /[A-Za-z]\//.test(id) ? new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: long ? 'long' : 'short' }) : null;
    } catch {
      f = null;
    }
    shortNames.set(key, f);
  }
  if (!f) return offsetText(offset);
  const part = f.formatToParts(utcSeconds * 1000).find((p) => p.type === 'timeZoneName');
  return part?.value ?? offsetText(offset);
}

/** Formats one local date-time (day since the epoch, µs of the day) of `zone`; `utcSeconds` is its instant, for zone names. */
export function formatLocal(p: CompiledPattern, day: number, micros: number, zone: TimeZone, offset: number, utcSeconds: number): string {
  let out = '';
  let civil: [number, number, number] | null = null;
  const ymd = () => (civil ??= civilFromDays(day));
  const sec = Math.floor(micros / 1000000);
  const hour = Math.floor(sec / 3600);
  for (const t of p.tokens) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += ymd()[0] > 0 ? (n === 4 ? 'Anno Domini' : 'AD') : n === 4 ? 'Before Christ' : 'BC';
        break;
      case 'y':
        out += yearText(ymd()[0], n);
        break;
      case 'D':
        out += pad(day - daysFromCivil(ymd()[0], 1, 1) + 1, n);
        break;
      case 'M':
      case 'L': {
        const m = ymd()[1];
        out += n <= 2 ? pad(m, n) : n === 3 ? MONTHS[m - 1]!.slice(0, 3) : MONTHS[m - 1]!;
        break;
      }
      case 'd':
        out += pad(ymd()[2], n);
        break;
      case 'Q':
      case 'q': {
        const q = Math.floor((ymd()[1] - 1) / 3) + 1;
        out += n <= 2 ? pad(q, n) : n === 3 ? `Q${q}` : QUARTERS[q - 1]!;
        break;
      }
      case 'E': {
        const name = DAYS[isoDow(day)]!;
        out += n === 4 ? name : name.slice(0, 3);
        break;
      }
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(hour, n);
        break;
      case 'k':
        out += pad(hour === 0 ? 24 : hour, n);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case 'K':
        out += pad(hour % 12, n);
        break;
      case 'm':
        out += pad(Math.floor(sec / 60) % 60, n);
        break;
      case 's':
        out += pad(sec % 60, n);
        break;
      case 'S':
        out += String(micros % 1000000).padStart(6, '0').padEnd(9, '0').slice(0, n);
        break;
      case 'V':
        out += zone.id;
        break;
      case 'z':
        out += zoneName(zone, utcSeconds, offset, n === 4);
        break;
      case 'X':
      case 'x':
      case 'Z':
        out += offsetField(offset, t.letter, n);
        break;
      default:
        throw unrecognized(p.pattern);
    }
  }
  return out;
}

/** What parsing found: a local date-time and, when the text named one, its offset or zone. */
export interface ParsedLocal {
  day: number;
  micros: number;
  offset: number | null;
  zone: TimeZone | null;
}

const ZONE_NAMES: Readonly<Record<string, string>> = {
  UTC: 'UTC', GMT: 'GMT', UT: 'UTC', Z: 'UTC', EST: 'America/New_York', EDT: 'America/New_York', CST: 'America/Chicago',
  CDT: 'America/Chicago', MST: 'America/Denver', MDT: 'America/Denver', PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles',
  CET: 'Europe/Paris', CEST: 'Europe/Paris', BST: 'Europe/London', JST: 'Asia/Tokyo', IST: 'Asia/Kolkata', HST: 'Pacific/Honolulu',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', EET: 'Europe/Athens', EEST: 'Europe/Athens', WET: 'Europe/Lisbon',
};

/** Width of a fixed-width numeric field (`MM`, `dd`, `HH`…), or 0 for variable-width ones. */
function fixedWidth(t: PatternToken | undefined): number {
  if (!t || t.kind !== 'field') return 0;
  if ('MLdHhKkms'.includes(t.letter) && t.count === 2) return 2;
  if (t.letter === 'D' && t.count === 3) return 3;
  if (t.letter === 'y' && t.count === 2) return 2;
  if (t.letter === 'S') return t.count;
  return 0;
}

/**
 * Parses `text` with `p` as Spark's DateTimeFormatter (case-insensitive, STRICT resolution, missing fields defaulted
 * to 1970-01-01 00:00:00); null when the text does not match or names an impossible date.
 */
export function parseLocal(p: CompiledPattern, text: string): ParsedLocal | null {
  let pos = 0;
  let year = 1970;
  let month = 1;
  let dom = 1;
  let doy = -1;
  let hour = -1;
  let hour12 = -1;
  let pm = -1;
  let minute = 0;
  let second = 0;
  let frac = 0;
  let offset: number | null = null;
  let zone: TimeZone | null = null;
  let era = 1;
  const toks = p.tokens;
  const digits = (min: number, max: number): number | null => {
    let j = pos;
    while (j < text.length && j - pos < max && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j - pos < min) return null;
    const v = Number(text.slice(pos, j));
    pos = j;
    return v;
  };
  const word = (names: readonly string[]): number => {
    const rest = text.slice(pos).toLowerCase();
    for (let k = 0; k < names.length; k++) {
      if (rest.startsWith(names[k]!.toLowerCase())) {
        pos += names[k]!.length;
        return k;
      }
    }
    return -1;
  };
  for (let ti = 0; ti < toks.length; ti++) {
    const t = toks[ti]!;
    if (t.kind === 'literal') {
      if (text.slice(pos, pos + t.text.length).toLowerCase() !== t.text.toLowerCase()) return null;
      pos += t.text.length;
      continue;
    }
    const n = t.count;
    // A variable-width number leaves room for the fixed-width numbers right after it (Java's adjacent value parsing).
    let reserve = 0;
    for (let k = ti + 1; k < toks.length && fixedWidth(toks[k]) > 0; k++) reserve += fixedWidth(toks[k]);
    const variable = (min: number): number | null => {
      let j = pos;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const avail = j - pos - reserve;
      if (avail < min) return null;
      return digits(min, Math.min(avail, 19));
    };
    let v: number | null;
    switch (t.letter) {
      case 'G': {
        const k = word(n === 4 ? ['Anno Domini', 'Before Christ'] : ['AD', 'BC']);
        if (k < 0) return null;
        era = k === 0 ? 1 : 0;
        break;
      }
      case 'y':
        if (n === 2) {
          v = digits(2, 2);
          if (v === null) return null;
          year = 2000 + v;
        } else {
          let sign = 1;
          if (n >= 4 && (text[pos] === '+' || text[pos] === '-')) {
            sign = text[pos] === '-' ? -1 : 1;
            pos++;
          }
          v = variable(n);
          if (v === null) return null;
          year = sign * v;
        }
        break;
      case 'D':
        v = n === 3 ? digits(3, 3) : variable(n);
        if (v === null) return null;
        doy = v;
        break;
      case 'M':
      case 'L':
        if (n >= 3) {
          const k = word(n === 3 ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS);
          if (k < 0) return null;
          month = k + 1;
        } else {
          v = n === 2 ? digits(2, 2) : variable(1);
          if (v === null) return null;
          month = v;
        }
        break;
      case 'd':
        v = n === 2 ? digits(2, 2) : variable(1);
        if (v === null) return null;
        dom = v;
        break;
      case 'a': {
        const k = word(['AM', 'PM']);
        if (k < 0) return null;
        pm = k;
        break;
      }
      case 'H':
      case 'k':
        v = n === 2 ? digits(2, 2) : variable(1);
        if (v === null) return null;
        if (t.letter === 'k') {
          if (v < 1 || v > 24) return null;
          v = v === 24 ? 0 : v;
        }
        hour = v;
        break;
      case 'h':
      case 'K':
        v = n === 2 ? digits(2, 2) : variable(1);
        if (v === null) return null;
        if (t.letter === 'h' ? v < 1 || v > 12 : v > 11) return null;
        hour12 = v % 12;
        break;
      case 'm':
        v = n === 2 ? digits(2, 2) : variable(1);
        if (v === null || v > 59) return null;
        minute = v;
        break;
      case 's':
        v = n === 2 ? digits(2, 2) : variable(1);
        if (v === null || v > 59) return null;
        second = v;
        break;
      case 'S': {
        // Spark parses a fraction of 1 to n digits (n = the letters), keeping microseconds.
        const start = pos;
        v = digits(1, n);
        if (v === null) return null;
        frac = Number(text.slice(start, pos).padEnd(6, '0').slice(0, 6));
        break;
      }
      case 'V': {
        const m = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+|^(?:UTC|GMT|UT|Z)(?![A-Za-z])/i.exec(text.slice(pos));
        const z = m ? findTimeZone(m[0]) : null;
        if (!z) return null;
        zone = z;
        pos += m![0].length;
        break;
      }
      case 'z': {
        const m = /^[A-Za-z]+/.exec(text.slice(pos));
        const id = m ? ZONE_NAMES[m[0].toUpperCase()] : undefined;
        if (!id) return null;
        zone = findTimeZone(id);
        pos += m![0].length;
        break;
      }
      case 'X':
      case 'x':
      case 'Z': {
        const o = parseOffset(text, pos, t.letter, n);
        if (!o) return null;
        offset = o.offset;
        pos = o.end;
        break;
      }
      default:
        return null;
    }
  }
  if (pos !== text.length) return null;
  if (era === 0) year = 1 - year;
  if (hour12 >= 0) {
    const h = hour12 + (pm === 1 ? 12 : 0);
    if (hour >= 0 && hour !== h) return null;
    hour = h;
  } else if (hour < 0) hour = pm === 1 ? -1 : 0;
  if (hour < 0 || hour > 23) return null;
  let day: number;
  if (doy >= 0) {
    const leap = daysInMonth(year, 2) === 29;
    if (doy < 1 || doy > (leap ? 366 : 365)) return null;
    day = daysFromCivil(year, 1, 1) + doy - 1;
    const [, m2, d2] = civilFromDays(day);
    if (toks.some((t) => t.kind === 'field' && (t.letter === 'M' || t.letter === 'L')) && m2 !== month) return null;
    if (toks.some((t) => t.kind === 'field' && t.letter === 'd') && d2 !== dom) return null;
  } else {
    if (month < 1 || month > 12 || dom < 1 || dom > daysInMonth(year, month)) return null;
    day = daysFromCivil(year, month, dom);
  }
  return { day, micros: ((hour * 60 + minute) * 60 + second) * 1000000 + frac, offset, zone };
}

/** An offset at `pos`: `Z` (X, or ZZZZZ), `+HH`, `+HHmm`, `+HH:mm`, `GMT+HH:mm` (ZZZZ). */
function parseOffset(text: string, pos: number, letter: string, count: number): { offset: number; end: number } | null {
  let i = pos;
  if (letter === 'Z' && count === 4) {
    if (text.slice(i, i + 3).toUpperCase() !== 'GMT') return null;
    i += 3;
    if (text[i] !== '+' && text[i] !== '-') return { offset: 0, end: i };
  }
  if ((letter === 'X' || (letter === 'Z' && count === 5)) && (text[i] === 'Z' || text[i] === 'z')) return { offset: 0, end: i + 1 };
  const m = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(text.slice(i));
  if (!m) return null;
  const colon = m[0].includes(':');
  if ((count === 3 || count === 5 || (letter === 'Z' && count === 4)) !== colon && m[3] !== undefined) return null;
  if ((count === 2 || count === 3 || letter === 'Z') && m[3] === undefined && !(letter === 'Z' && count === 4)) return null;
  const h = Number(m[2]);
  const mi = m[3] === undefined ? 0 : Number(m[3]);
  const s = m[4] === undefined ? 0 : Number(m[4]);
  if (h > 18 || mi > 59 || s > 59) return null;
  return { offset: (m[1] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s), end: i + m[0].length };
}

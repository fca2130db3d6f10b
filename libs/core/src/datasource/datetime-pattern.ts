// Spark's datetime patterns for the dateFormat / timestampFormat options (the common letters: y, M, MMM, d, H, h, a,
// m, s, S…, X/x/Z zones, 'quoted' literals), compiled once into a parser and a formatter. UTC is the session zone.
import { IllegalArgumentError } from '../errors.js';
import { daysFromCivil, civilFromDays } from '../expr/eval/datetime.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MICROS_PER_DAY = 86400000000n;

export interface DateTimePattern {
  /** Days (date) or µs (timestamp) since the epoch; null when the text does not match. */
  parse(s: string): number | bigint | null;
  format(v: number | bigint): string;
}

type Token = { kind: 'lit'; text: string } | { kind: 'field'; letter: string; width: number };

function tokenize(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length;) {
    const c = p[i]!;
    if (c === "'") {
      const end = p.indexOf("'", i + 1);
      const text = end < 0 ? p.slice(i + 1) : p.slice(i + 1, end);
      out.push({ kind: 'lit', text: text === '' ? "'" : text });
      i = end < 0 ? p.length : end + 1;
    } else if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (p[j] === c) j++;
      if (!'yuMLdHhamsSXxZ'.includes(c)) throw new IllegalArgumentError('INVALID_DATETIME_PATTERN', `Unsupported datetime pattern letter '${c}' in '${p}'.`, { pattern: p });
      out.push({ kind: 'field', letter: c === 'u' ? 'y' : c === 'L' ? 'M' : c, width: j - i });
      i = j;
    } else {
      out.push({ kind: 'lit', text: c });
      i++;
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compilePattern(pattern: string, kind: 'date' | 'timestamp'): DateTimePattern {
  const tokens = tokenize(pattern);
  let re = '';
  const fields: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'lit') { re += esc(t.text); continue; }
    fields.push(t);
    switch (t.letter) {
      case 'y': re += t.width === 2 ? '(\\d{2})' : '(\\d{4,})'; break;
      case 'M': re += t.width >= 3 ? '([A-Za-z]{3,9})' : t.width === 2 ? '(\\d{2})' : '(\\d{1,2})'; break;
      case 'S': re += `(\\d{1,${Math.max(t.width, 9)}})`; break;
      case 'a': re += '([AaPp][Mm])'; break;
      case 'X': case 'x': case 'Z': re += '(Z|[+-]\\d{2}(?::?\\d{2})?)'; break;
      default: re += t.width === 2 ? '(\\d{2})' : '(\\d{1,2})';
    }
  }
  const rx = new RegExp(`^${re}$`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return {
    parse(s: string) {
      const m = rx.exec(s.trim());
      if (!m) return null;
      let y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0, micros = 0, pm: boolean | null = null, offset = 0;
      fields.forEach((f, k) => {
        const v = m[k + 1]!;
        if (f.kind !== 'field') return;
        switch (f.letter) {
          case 'y': y = f.width === 2 ? 2000 + Number(v) : Number(v); break;
          case 'M': mo = f.width >= 3 ? MONTHS.indexOf(v.slice(0, 3).toLowerCase()) + 1 : Number(v); break;
          case 'd': d = Number(v); break;
          case 'H': case 'h': h = Number(v); break;
          case 'm': mi = Number(v); break;
          case 's': sec = Number(v); break;
          case 'S': micros = Number(v.slice(0, 6).padEnd(6, '0')); break;
          case 'a': pm = v.toLowerCase() === 'pm'; break;
          default: {
            if (v === 'Z') break;
            const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(v)!;
            offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3] ?? 0) * 60);
          }
        }
      });
      if (pm !== null) h = (h % 12) + (pm ? 12 : 0);
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
      const days = daysFromCivil(y, mo, d);
      if (civilFromDays(days)[2] !== d) return null;
      if (kind === 'date') return days;
      return BigInt(days) * MICROS_PER_DAY + BigInt((h * 3600 + mi * 60 + sec - offset) * 1000000 + micros);
    },
    format(v: number | bigint) {
      let days: number, micros = 0n;
      if (kind === 'date') days = v as number;
      else {
        const t = v as bigint;
        const q = t / MICROS_PER_DAY;
        const dq = t < 0n && q * MICROS_PER_DAY !== t ? q - 1n : q;
        days = Number(dq);
        micros = t - dq * MICROS_PER_DAY;
      }
      const [y, mo, d] = civilFromDays(days);
      const secs = Number(micros / 1000000n);
      const frac = Number(micros % 1000000n);
      const h = Math.floor(secs / 3600), mi = Math.floor((secs % 3600) / 60), s = secs % 60;
      return tokens.map((t) => {
        if (t.kind === 'lit') return t.text;
        switch (t.letter) {
          case 'y': return t.width === 2 ? pad(y % 100, 2) : pad(y, t.width);
          case 'M': return t.width >= 3 ? MONTHS[mo - 1]!.replace(/^./, (c) => c.toUpperCase()) : pad(mo, t.width);
          case 'd': return pad(d, t.width);
          case 'H': return pad(h, t.width);
          case 'h': return pad(h % 12 === 0 ? 12 : h % 12, t.width);
          case 'a': return h < 12 ? 'AM' : 'PM';
          case 'm': return pad(mi, t.width);
          case 's': return pad(s, t.width);
          case 'S': return pad(frac, 6).padEnd(t.width, '0').slice(0, t.width);
          case 'X': return 'Z';
          default: return '+0000';
        }
      }).join('');
    },
  };
}

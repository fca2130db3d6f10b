// An RFC 4180 CSV tokenizer with Spark's options: separator (one or more characters), quote ('\0' turns quoting
// off), escape (a quote after it is literal; a doubled quote is too), comment lines, and multiLine (a quoted field
// may then hold line breaks; otherwise a line break ends the record, as Spark's line-at-a-time parsing does).

export interface CsvSyntax {
  readonly sep: string;
  readonly quote: string;
  readonly escape: string;
  /** '' when comments are off. */
  readonly comment: string;
  readonly multiLine: boolean;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  /** A record separator other than \n, \r\n, \r. */
  readonly lineSep?: string;
}

/** One token: its text, and whether it was quoted (a quoted empty string is not an empty field). */
export interface CsvRecord {
  readonly tokens: string[];
  readonly quoted: boolean[];
  /** The record's text, for `_corrupt_record` and error messages. */
  readonly raw: string;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Splits `text` into records; blank lines are skipped, as Spark skips them. */
export function parseCsv(text: string, s: CsvSyntax): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  const sep = s.sep;
  const sep0 = sep.charCodeAt(0);
  const quote = s.quote === '\u0000' ? -1 : s.quote.charCodeAt(0);
  const escape = s.escape === '\u0000' || s.escape === '' ? -2 : s.escape.charCodeAt(0);
  const lineSep = s.lineSep;
  const atLineSep = (i: number): number => {
    // Length of the line separator at i, or 0.
    if (lineSep !== undefined) return text.startsWith(lineSep, i) ? lineSep.length : 0;
    const c = text.charCodeAt(i);
    if (c === 0x0a) return 1;
    if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    return 0;
  };
  let i = 0;
  while (i < n) {
    const recStart = i;
    // Blank lines and comment lines are skipped.
    const ls = atLineSep(i);
    if (ls > 0) {
      i += ls;
      continue;
    }
    if (s.comment !== '' && text.startsWith(s.comment, i)) {
      while (i < n && atLineSep(i) === 0) i++;
      i += atLineSep(i);
      continue;
    }
    const tokens: string[] = [];
    const quoted: boolean[] = [];
    let done = false;
    while (!done) {
      // One field.
      let j = i;
      if (s.ignoreLeadingWhiteSpace) while (j < n && isWs(text.charCodeAt(j))) j++;
      if (j < n && text.charCodeAt(j) === quote) {
        let val = '';
        let k = j + 1;
        let segStart = k;
        let closed = false;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === escape && escape !== quote && k + 1 < n && (text.charCodeAt(k + 1) === quote || text.charCodeAt(k + 1) === escape)) {
            val += text.slice(segStart, k) + text[k + 1];
            k += 2;
            segStart = k;
          } else if (c === quote) {
            if (text.charCodeAt(k + 1) === quote) {
              val += text.slice(segStart, k + 1);
              k += 2;
              segStart = k;
            } else {
              val += text.slice(segStart, k);
              k++;
              closed = true;
              break;
            }
          } else if (!s.multiLine && atLineSep(k) > 0) {
            break;
          } else k++;
        }
        if (!closed) val += text.slice(segStart, k);
        // Anything between the closing quote and the separator is kept, as univocity keeps it.
        const tailStart = k;
        while (k < n && !text.startsWith(sep, k) && atLineSep(k) === 0) k++;
        let tail = text.slice(tailStart, k);
        if (s.ignoreTrailingWhiteSpace || tail.trim() === '') tail = tail.trimEnd();
        tokens.push(val + tail);
        quoted.push(true);
        i = k;
      } else {
        let k = j;
        if (sep.length === 1) {
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === sep0 || c === 0x0a || c === 0x0d || (lineSep !== undefined && atLineSep(k) > 0)) break;
            k++;
          }
        } else while (k < n && !text.startsWith(sep, k) && atLineSep(k) === 0) k++;
        let tok = text.slice(j, k);
        if (s.ignoreTrailingWhiteSpace) tok = tok.replace(/[ \t]+$/, '');
        tokens.push(tok);
        quoted.push(false);
        i = k;
      }
      if (i < n && text.startsWith(sep, i)) {
        i += sep.length;
        if (i >= n) {
          tokens.push('');
          quoted.push(false);
          done = true;
        }
      } else {
        i += atLineSep(i);
        done = true;
      }
    }
    let rawEnd = i;
    while (rawEnd > recStart && (text.charCodeAt(rawEnd - 1) === 0x0a || text.charCodeAt(rawEnd - 1) === 0x0d)) rawEnd--;
    out.push({ tokens, quoted, raw: text.slice(recStart, rawEnd) });
  }
  return out;
}

/** One value as a CSV field: quoted when it holds the separator, a quote, the escape, a line break, or is empty. */
export function csvField(v: string, s: { sep: string; quote: string; escape: string; quoteAll: boolean; escapeQuotes: boolean }): string {
  const q = s.quote;
  if (q === '\u0000') return v;
  const needs = s.quoteAll || v.length === 0 || v.includes(s.sep) || v.includes(q) || v.includes('\n') || v.includes('\r') || (s.escape !== '\u0000' && v.includes(s.escape) && v.includes(q));
  if (!needs) return v;
  let body = v;
  if (s.escapeQuotes || s.quoteAll) {
    const esc = s.escape === '\u0000' ? q : s.escape;
    if (esc !== q) body = body.split(esc + q).join(esc + esc + q);
    body = body.split(q).join(esc + q);
  }
  return q + body + q;
}

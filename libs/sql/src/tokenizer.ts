// Splits SQL text into tokens with their line and column, following Spark's lexer: backquoted identifiers,
// '…' and "…" strings with backslash escapes, numeric literals with type suffixes, -- and /* */ comments.
import { syntaxError } from './parse-error.js';

export type TokenKind = 'word' | 'quotedIdent' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier/word as written (not case-folded); string contents unescaped; operator text; number text. */
  readonly text: string;
  /** The source text of the token, for error messages. */
  readonly raw: string;
  readonly line: number;
  readonly pos: number;
  readonly offset: number;
}

// Longest first, so `<=>` wins over `<=` and `<`.
const OPERATORS = ['<=>', '->', '<>', '!=', '<=', '>=', '==', '||', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']', ':', '~', '&', '|', '^', '!', '?'];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a', '%': '\\%', _: '\\_' };

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, text: string, start: number, startLine: number, startCol: number) =>
    out.push({ kind, text, raw: sql.slice(start, i), line: startLine, pos: startCol, offset: start });
  const advanceNewlines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (sql[k] === '\n') { line++; lineStart = k + 1; }
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === '\n') { line++; i++; lineStart = i; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    const start = i;
    const startLine = line;
    const col = i - lineStart;
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw syntaxError(sql, null, startLine, col, "unclosed comment '/*'");
      advanceNewlines(i, end + 2);
      i = end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      while (i < sql.length && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
      push('word', sql.slice(start, i), start, startLine, col);
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      if (sql[i] === '.' && /[0-9eE]/.test(sql[i + 1] ?? '') || (sql[i] === '.' && !/[A-Za-z_]/.test(sql[i + 1] ?? ''))) {
        i++;
        while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      }
      if (/[eE]/.test(sql[i] ?? '') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      }
      // Type suffixes: 1L (bigint), 1S, 1Y, 1D (double), 1F, 1BD (decimal).
      const suffix = /^(BD|[LSYDF])(?![A-Za-z0-9_])/i.exec(sql.slice(i));
      if (suffix) i += suffix[0].length;
      if (/[A-Za-z_]/.test(sql[i] ?? '')) {
        // `1a` is an identifier in Spark; we keep it simple and treat it as one word.
        while (i < sql.length && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
        push('word', sql.slice(start, i), start, startLine, col);
        continue;
      }
      push('number', sql.slice(start, i), start, startLine, col);
      continue;
    }
    if (ch === '`') {
      let text = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw syntaxError(sql, sql.slice(start), startLine, col, 'unclosed backquoted identifier');
        if (sql[i] === '`') {
          if (sql[i + 1] === '`') { text += '`'; i += 2; continue; }
          i++;
          break;
        }
        text += sql[i];
        i++;
      }
      advanceNewlines(start, i);
      push('quotedIdent', text, start, startLine, col);
      continue;
    }
    if (ch === "'" || ch === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw syntaxError(sql, sql.slice(start, start + 20), startLine, col, 'unclosed string literal');
        const c = sql[i]!;
        if (c === '\\' && i + 1 < sql.length) {
          const n = sql[i + 1]!;
          if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(sql.slice(i + 2, i + 6))) {
            text += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          text += ESCAPES[n] ?? n;
          i += 2;
          continue;
        }
        if (c === ch) {
          // A doubled quote is one quote inside the literal (`'a''b'` is a'b); quotes apart join literals.
          if (sql[i + 1] === ch) {
            text += ch;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += c;
        i++;
      }
      advanceNewlines(start, i);
      push('string', text, start, startLine, col);
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (!op) throw syntaxError(sql, ch, startLine, col, 'unexpected character');
    i += op.length;
    push('op', op, start, startLine, col);
  }
  out.push({ kind: 'eof', text: '', raw: '', line, pos: i - lineStart, offset: i });
  return out;
}

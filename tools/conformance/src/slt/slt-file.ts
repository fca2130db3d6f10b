// sqllogictest files: `statement ok|error`, `query <types> [rowsort|nosort] [colnames]`, `----`, result lines.
// Parsing keeps each record's line span so `--complete` can rewrite expected output in place.

export type SortMode = 'nosort' | 'rowsort';

export type SltRecord =
  | { readonly kind: 'statement'; readonly sql: string; readonly expectError: string | null; readonly line: number }
  | {
      readonly kind: 'query';
      readonly sql: string;
      /** One letter per column: I integral, R double, T string, B boolean, D date, P timestamp, ? anything. */
      readonly types: string;
      readonly sort: SortMode;
      readonly colnames: boolean;
      readonly expectError: string | null;
      readonly expected: readonly string[];
      readonly line: number;
      /** Lines [start, end) of the file this record spans, for --complete. */
      readonly span: readonly [number, number];
    };

export class SltFormatError extends Error {}

/** Parses an .slt text; `#` lines are comments, records are separated by blank lines. */
export function parseSlt(text: string, file = '<slt>'): SltRecord[] {
  const lines = text.split('\n');
  const out: SltRecord[] = [];
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw new SltFormatError(`${file}:${at + 1}: ${msg}`);
  };
  while (i < lines.length) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) { i++; continue; }
    const start = i;
    const words = line.split(/\s+/);
    const sqlLines: string[] = [];
    const readSql = (stopAtDashes: boolean) => {
      i++;
      while (i < lines.length && lines[i]!.trim() !== '' && !(stopAtDashes && lines[i]!.trim() === '----')) sqlLines.push(lines[i++]!);
      if (sqlLines.length === 0) fail('record without SQL', start);
    };
    if (words[0] === 'statement') {
      let expectError: string | null = null;
      if (words[1] === 'error') expectError = line.replace(/^statement\s+error\s*/, '');
      else if (words[1] !== 'ok') fail(`expected 'statement ok' or 'statement error', got ${JSON.stringify(line)}`, start);
      readSql(false);
      out.push({ kind: 'statement', sql: sqlLines.join('\n'), expectError, line: start + 1 });
      continue;
    }
    if (words[0] === 'query') {
      if (words[1] === 'error') {
        const expectError = line.replace(/^query\s+error\s*/, '');
        readSql(false);
        out.push({ kind: 'query', sql: sqlLines.join('\n'), types: '', sort: 'nosort', colnames: false, expectError, expected: [], line: start + 1, span: [start, i] });
        continue;
      }
      const types = words[1] ?? fail('query without column types', start);
      if (!/^[IRTBDP?]+$/.test(types)) fail(`bad column types ${JSON.stringify(types)} (letters I R T B D P ?)`, start);
      let sort: SortMode = 'nosort';
      let colnames = false;
      for (const w of words.slice(2)) {
        if (w === 'rowsort' || w === 'nosort') sort = w;
        else if (w === 'colnames') colnames = true;
        else fail(`unknown query option ${JSON.stringify(w)}`, start);
      }
      readSql(true);
      const expected: string[] = [];
      if (i < lines.length && lines[i]!.trim() === '----') {
        i++;
        while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!.trimEnd());
      }
      out.push({ kind: 'query', sql: sqlLines.join('\n'), types, sort, colnames, expectError: null, expected, line: start + 1, span: [start, i] });
      continue;
    }
    fail(`unknown record ${JSON.stringify(line)}`, start);
  }
  return out;
}

/** The text of a query record with `results` as its expected output (for --complete). */
export function formatQueryRecord(r: Extract<SltRecord, { kind: 'query' }>, results: readonly string[]): string {
  if (r.expectError !== null) return `query error ${r.expectError}\n${r.sql}`;
  const opts = [r.sort === 'rowsort' ? 'rowsort' : null, r.colnames ? 'colnames' : null].filter(Boolean).join(' ');
  return `query ${r.types}${opts ? ' ' + opts : ''}\n${r.sql}\n----${results.length > 0 ? '\n' + results.join('\n') : ''}`;
}

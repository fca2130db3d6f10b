// Runs .slt records against any SQL executor (the TS engine here, the Python client in python/tests), and
// rewrites expected output with --complete.
import { type SltRecord, formatQueryRecord } from './slt-file.js';
import { renderCell, typeLetter } from './render.js';

/** What a runner needs from an engine: one statement's column names, simpleString types and rows. */
export interface SqlExecutor {
  run(sql: string): Promise<{ columns: string[]; types: string[]; rows: unknown[][] }>;
}

export interface SltFailure {
  readonly line: number;
  readonly sql: string;
  readonly message: string;
}

export interface RecordOutcome {
  readonly record: SltRecord;
  readonly failure: SltFailure | null;
  /** Rendered result lines (queries that ran). */
  readonly actual: string[] | null;
  /** The type letters of the columns that came back (queries that ran). */
  readonly actualTypes?: string;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Result lines: optional column-name line, then rows, each cell rendered and separated by one space. */
export function resultLines(r: Extract<SltRecord, { kind: 'query' }>, res: { columns: string[]; types: string[]; rows: unknown[][] }): string[] {
  const rows = res.rows.map((row) => row.map((v, i) => renderCell(v, res.types[i] ?? '')).join(' ').trimEnd());
  if (r.sort === 'rowsort') rows.sort();
  return r.colnames ? [res.columns.join(' '), ...rows] : rows;
}

export async function runRecord(exec: SqlExecutor, r: SltRecord): Promise<RecordOutcome> {
  const fail = (message: string, actual: string[] | null = null, actualTypes?: string): RecordOutcome =>
    ({ record: r, failure: { line: r.line, sql: r.sql, message }, actual, actualTypes });
  let res;
  try {
    res = await exec.run(r.sql);
  } catch (e) {
    if (r.expectError === null) return fail(`unexpected error: ${errorText(e)}`);
    if (!errorText(e).includes(r.expectError)) return fail(`error ${JSON.stringify(errorText(e))} does not contain ${JSON.stringify(r.expectError)}`);
    return { record: r, failure: null, actual: null };
  }
  if (r.expectError !== null) return fail(`expected an error containing ${JSON.stringify(r.expectError)}, but the statement succeeded`);
  if (r.kind === 'statement') return { record: r, failure: null, actual: null };
  const actual = resultLines(r, res);
  const letters = res.types.map(typeLetter).join('');
  if (letters.length !== r.types.length || [...r.types].some((t, i) => t !== '?' && t !== letters[i])) {
    return fail(`column types ${letters} (${res.types.join(', ')}) differ from the expected ${r.types}`, actual, letters);
  }
  if (actual.length !== r.expected.length || actual.some((l, i) => l !== r.expected[i])) {
    return fail(`results differ\n--- expected\n${r.expected.join('\n')}\n--- actual\n${actual.join('\n')}`, actual, letters);
  }
  return { record: r, failure: null, actual, actualTypes: letters };
}

/** The file text with each query record's expected output replaced by what ran (errors and statements kept). */
export function completeFile(text: string, outcomes: readonly RecordOutcome[]): string {
  const lines = text.split('\n');
  const edits = outcomes
    .filter((o): o is RecordOutcome & { record: Extract<SltRecord, { kind: 'query' }> } => o.record.kind === 'query' && o.record.expectError === null && o.actual !== null)
    .sort((a, b) => b.record.span[0] - a.record.span[0]);
  for (const o of edits) {
    const [s, e] = o.record.span;
    lines.splice(s, e - s, ...formatQueryRecord({ ...o.record, types: o.actualTypes ?? o.record.types }, o.actual!).split('\n'));
  }
  return lines.join('\n');
}

// Spark's ParseException: PARSE_SYNTAX_ERROR naming the offending token, its line and position, and the
// query text with a caret line under the token.
import { AnalysisError } from '@kindling/core';

/** A syntax error in SQL text. `line` is 1-based, `pos` the 0-based column, as Spark reports them. */
export class ParseError extends AnalysisError {
  constructor(
    errorClass: string,
    detail: string,
    readonly line: number,
    readonly pos: number,
    sqlText: string,
    params: Record<string, string> = {},
    caretWidth = 1,
  ) {
    super(errorClass, `${detail}(line ${line}, pos ${pos})\n\n== SQL ==\n${pointAt(sqlText, line, pos, caretWidth)}`, params);
  }
}

/** The query's lines with `---^^^` under the offending token, placed after its line (Spark's layout). */
function pointAt(sqlText: string, line: number, pos: number, width: number): string {
  const lines = sqlText.split('\n');
  const caret = '-'.repeat(pos) + '^'.repeat(Math.max(1, Math.min(width, 3)));
  const out = [...lines.slice(0, line), caret, ...lines.slice(line)];
  return out.join('\n');
}

/** `Syntax error at or near 'tok'` / `… end of input`, Spark's PARSE_SYNTAX_ERROR. */
export function syntaxError(sqlText: string, near: string | null, line: number, pos: number, hint = ''): ParseError {
  const where = near === null ? 'end of input' : `'${near}'`;
  return new ParseError('PARSE_SYNTAX_ERROR', `Syntax error at or near ${where}${hint ? `: ${hint}` : ''}.`, line, pos, sqlText, { error: where, hint }, near?.length ?? 1);
}

// @kindling/sql: Spark SQL text → the logical plans the DataFrame API builds. Importing it installs the front
// end behind `spark.sql(text)`.
import { type DataFrame, type SparkSession } from '@kindling/core';
import { registerSqlFrontEnd } from '@kindling/core/internal';
import { parseStatement } from './parser.js';
import { runStatement } from './plan-commands.js';

export type * from './ast.js';
export { ParseError } from './parse-error.js';
export { parseStatement, parseExpression, type ParsedStatement } from './parser.js';
export { tokenize, type Token, type TokenKind } from './tokenizer.js';

/** `spark.sql(text)`: parses, plans and analyses one statement of `session`. */
export function sql(session: SparkSession, text: string): DataFrame {
  const st = parseStatement(text);
  return runStatement(session, st, st.subqueries);
}

registerSqlFrontEnd({ sql });

// @kindling/sql: Spark SQL text → the logical plans the DataFrame API builds. Importing it installs the front
// end behind `spark.sql(text)`.
import { type DataFrame, type SparkSession } from '@kindling/core';
import { registerSqlFrontEnd } from '@kindling/core/internal';
import { type Expression, alias } from '@kindling/core/internal';
import { parseSelectItem, parseStatement } from './parser.js';
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

/** `F.expr(text)`, `selectExpr`, `filter(text)`: one SQL expression with an optional alias, unresolved. */
export function expression(text: string): Expression {
  const { expr, alias: name, aliases } = parseSelectItem(text);
  if (name === null) return expr;
  const a = alias(expr, name);
  return aliases && aliases.length > 1 ? { ...a, names: aliases } : a;
}

registerSqlFrontEnd({ sql, expression });

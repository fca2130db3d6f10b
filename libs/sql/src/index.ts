// @kindling/sql: Spark SQL text → the logical plans the DataFrame API builds. Importing it installs the front
// end behind `spark.sql(text)`.
import { type DataFrame, type SparkSession } from '@kindling/core';
import { registerSqlFrontEnd } from '@kindling/core/internal';
import { type Expression, type SessionFunctionRegistry, type SqlParameters, type TimeZone, alias } from '@kindling/core/internal';
import { checkWindowsDefined } from './parse-expression.js';
import { parseSelectItem, parseStatement } from './parser.js';
import { runStatement } from './plan-commands.js';

export type * from './ast.js';
export { ParseError } from './parse-error.js';
export { parseStatement, parseExpression, type ParsedStatement } from './parser.js';
export { tokenize, type Token, type TokenKind } from './tokenizer.js';

/** `spark.sql(text, args)`: parses (binding parameter markers to `params`), plans and analyses one statement of `session`. */
export function sql(session: SparkSession, text: string, params?: SqlParameters): DataFrame {
  const st = parseStatement(text, params, session.engine.timeZone);
  return runStatement(session, st, st.subqueries);
}

/**
 * `F.expr(text)`, `selectExpr`, `filter(text)`: one SQL expression with an optional alias, unresolved. Calls of
 * functions registered in `functions` (a session's `spark.udf.register`) become the registered expressions, as
 * in `spark.sql`.
 */
export function expression(text: string, functions?: SessionFunctionRegistry, timeZone?: TimeZone): Expression {
  const item = parseSelectItem(text, timeZone);
  const { alias: name, aliases } = item;
  checkWindowsDefined(item.expr);
  const expr = functions ? functions.expand(item.expr) : item.expr;
  if (name === null) return expr;
  const a = alias(expr, name);
  return aliases && aliases.length > 1 ? { ...a, names: aliases } : a;
}

registerSqlFrontEnd({ sql, expression });

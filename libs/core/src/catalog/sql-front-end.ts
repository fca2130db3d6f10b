// The hook `spark.sql` calls: @kindling/sql registers itself here on import, since the core cannot import it
// (imports flow apps → libs/sql → libs/core).
import type { DataFrame } from '../api/dataframe.js';
import type { SparkSession } from '../api/session.js';
import { IllegalArgumentError } from '../errors.js';
import type { Expression } from '../expr/expression.js';
import type { SessionFunctionRegistry } from './session-functions.js';
import type { TimeZone } from '../expr/eval/time-zone.js';

/** Values bound to a statement's parameter markers: by name (`:lo`) or by position (`?`). */
export type SqlParameters = { readonly named: ReadonlyMap<string, Expression> } | { readonly positional: readonly Expression[] };

/** Turns SQL text into a DataFrame of `session`. */
export interface SqlFrontEnd {
  sql(session: SparkSession, text: string, params?: SqlParameters): DataFrame;
  /**
   * A SQL expression (`"a + 1"`, `"x > 2 AND s LIKE 'a%'"`) as an unresolved expression (`F.expr`, `selectExpr`),
   * with calls of the functions registered in `functions` (the session's, when the caller knows it) expanded.
   */
  expression(text: string, functions?: SessionFunctionRegistry, timeZone?: TimeZone): Expression;
}

let installed: SqlFrontEnd | null = null;

export function registerSqlFrontEnd(frontEnd: SqlFrontEnd): void {
  installed = frontEnd;
}

export function sqlFrontEnd(): SqlFrontEnd {
  if (!installed) {
    throw new IllegalArgumentError('SQL_FRONT_END_MISSING', "spark.sql() needs the SQL front end: import '@kindling/sql' once in the program.");
  }
  return installed;
}

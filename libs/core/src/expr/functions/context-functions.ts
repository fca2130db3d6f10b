// Session context and user errors: current_schema/current_database, current_catalog, current_user (user,
// session_user), raise_error and assert_true (Spark's USER_RAISED_EXCEPTION).
import type * as arrow from 'apache-arrow';
import { userInfo } from 'node:os';
import { ExecutionError } from '../../errors.js';
import { BooleanT, NullT, StringT } from '../../types/data-type.js';
import { type Expression, prettyName } from '../expression.js';
import { bit, boolBitsOf, nullColumn, validityOf } from '../eval/columns.js';
import { broadcastLiteral } from '../eval/literal.js';
import { valueReader } from '../eval/values.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

/** A function of no arguments answering one string; `displayName` fixes how every alias prints. */
function constantString(name: string, value: () => string, description: string, aliases?: string[], displayName?: string): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    resolveArgs(args) {
      if (args.length !== 0) return wrongArgCount(name, '0', args.length);
      return { args, dataType: StringT, nullable: false, ...(displayName ? { displayName } : {}) };
    },
    resolve() {
      throw new Error(`${name} resolves from its arguments`);
    },
    eval: (_args: readonly arrow.Data[], n: number) => broadcastLiteral(value(), StringT, n),
    doc: { description, example: `df.select(${name}())` },
  };
}

/** Kindling's catalog has one database, Spark's default. */
export const currentSchema = constantString('current_schema', () => 'default', 'The current database (schema) of the session.', ['current_database'], 'current_schema');
export const currentCatalog = constantString('current_catalog', () => 'spark_catalog', 'The current catalog of the session.');

function userName(): string {
  const fromEnv = process.env['SPARK_USER'];
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? '';
  }
}

// Three definitions rather than aliases: each prints under its own name, as Spark registers them.
export const currentUser = constantString('current_user', userName, 'The user the engine runs as (SPARK_USER, else the OS user).');
export const user = constantString('user', userName, 'Same as current_user.');
export const sessionUser = constantString('session_user', userName, 'Same as current_user.');

function userRaised(message: string): ExecutionError {
  return new ExecutionError('USER_RAISED_EXCEPTION', message, { errorMessage: message });
}

export const raiseError: ScalarFunctionDef = {
  name: 'raise_error',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('raise_error', '1', argTypes.length);
    if (!castableToString(argTypes[0]!)) return unexpectedType('raise_error', 0, '"STRING"', argTypes[0]!);
    return { argTypes: [StringT], dataType: NullT, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const read = valueReader(args[0]!, StringT);
    for (let i = 0; i < n; i++) throw userRaised((read(i) as string | null) ?? 'null');
    return nullColumn(NullT, n);
  },
  doc: { description: 'Raises an error (USER_RAISED_EXCEPTION) with the message, for every row it is evaluated on.', example: "df.select(raise_error(lit('boom')))" },
};

export const assertTrue: ScalarFunctionDef = {
  name: 'assert_true',
  // Spark's default message names the condition: '(a > 0)' is not true!
  completeArgs: (args: readonly Expression[]) => (args.length === 1 ? [args[0]!, { kind: 'literal', value: `'${prettyName(args[0]!)}' is not true!`, dataType: StringT }] : args),
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('assert_true', '[1, 2]', argTypes.length);
    const [c, m] = argTypes;
    if (c!.kind !== 'boolean' && c!.kind !== 'null') return unexpectedType('assert_true', 0, '"BOOLEAN"', c!);
    if (!castableToString(m!)) return unexpectedType('assert_true', 1, '"STRING"', m!);
    return { argTypes: [BooleanT, StringT], dataType: NullT, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [cond, msg] = args as [arrow.Data, arrow.Data];
    const valid = validityOf(cond);
    const bits = boolBitsOf(cond);
    for (let i = 0; i < n; i++) {
      if ((valid === null || bit(valid, i)) && bit(bits, i)) continue;
      throw userRaised((valueReader(msg, StringT)(i) as string | null) ?? 'null');
    }
    return nullColumn(NullT, n);
  },
  doc: { description: 'NULL when the condition is true; raises USER_RAISED_EXCEPTION with the message otherwise.', example: "df.select(assert_true(col('a') > 0))" },
};

/** Calls that raise for the rows they are evaluated on, so a CASE branch holding one runs only on its own rows. */
export const RAISING_FUNCTIONS: ReadonlySet<string> = new Set(['raise_error', 'assert_true']);

export const CONTEXT_FUNCTIONS: readonly ScalarFunctionDef[] = [currentSchema, currentCatalog, currentUser, user, sessionUser, raiseError, assertTrue];

// Resolves calls of higher-order functions (transform, filter, aggregate…): their value arguments first, then each
// lambda with its parameters bound to the types the function feeds them (Spark's ResolveLambdaVariables).
import { AnalysisError } from '../errors.js';
import {
  type Expression,
  type LambdaFunction,
  type LambdaVariable,
  type UnresolvedFunction,
  containsAggregate,
  containsPythonUdf,
  dataTypeOf,
  newExprId,
  prettyName,
} from '../expr/expression.js';
import { lookupHigherOrderFunction } from '../expr/functions/higher-order.js';
import type { DataType } from '../types/data-type.js';
import { ordinal } from '../expr/functions/function-def.js';

/** Lambda parameters visible in a body, by lower-cased name (case-insensitive) or exact name. */
export type LambdaScope = ReadonlyMap<string, LambdaVariable>;

function lambdaError(cls: string, message: string, params: Record<string, string> = {}): AnalysisError {
  return new AnalysisError(`INVALID_LAMBDA_FUNCTION_CALL.${cls}`, `Invalid lambda function call. ${message}`, params);
}

/** True when `e` is a call with a lambda among its arguments. */
export function hasLambdaArgument(e: Expression): e is UnresolvedFunction {
  return e.kind === 'unresolvedFunction' && e.args.some((a) => a.kind === 'lambda');
}

/**
 * Resolves `call`: `resolve(e, vars)` resolves an expression with the lambda parameters `vars` in scope (the
 * enclosing lambdas' and, for a body, its own), so nested lambdas see the variables of the ones around them.
 */
export function resolveHigherOrderCall(
  call: UnresolvedFunction,
  outer: LambdaScope,
  caseSensitive: boolean,
  resolve: (e: Expression, vars: LambdaScope) => Expression,
): Expression {
  const def = lookupHigherOrderFunction(call.name);
  if (!def) {
    throw lambdaError('NON_HIGHER_ORDER_FUNCTION', `A lambda function should only be used in a higher order function. However, its class is \`${call.name}\`, which is not a higher order function.`, { class: call.name });
  }
  const name = call.name.toLowerCase();
  const n = call.args.length;
  const min = def.values + def.lambdas[0];
  const max = def.values + def.lambdas[1];
  if (n < min || n > max) {
    const expected = min === max ? String(min) : `[${min}, ${max}]`;
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${call.name.toLowerCase()}\` requires ${expected} parameters but the actual number is ${n}.`, { functionName: `\`${call.name.toLowerCase()}\``, expectedNum: expected, actualNum: String(n) });
  }
  const values = call.args.slice(0, def.values).map((a) => resolve(a, outer));
  const given = call.args.slice(def.values);
  const misplaced = values.findIndex((a) => a.kind === 'lambda');
  if (misplaced >= 0) {
    const text = `${name}(${call.args.map(prettyName).join(', ')})`;
    throw new AnalysisError('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', `Cannot resolve "${text}" due to data type mismatch: The ${ordinal(misplaced)} parameter of \`${def.name}\` must be a value, not a lambda function.`, { sqlExpr: text });
  }
  // A plain expression where a lambda goes is a lambda ignoring its parameters, as Spark makes it (`transform(xs, 1)`).
  const lambdas = given.map((a): LambdaFunction => (a.kind === 'lambda' ? a : { kind: 'lambda', params: [], body: a }));
  const sql = () => `${name}(${[...values, ...lambdas].map(prettyName).join(', ')})`;
  const bound = def.bind(values, lambdas.map((l) => l.params.length));
  if ('error' in bound) throw new AnalysisError(bound.errorClass ?? 'DATATYPE_MISMATCH', `Cannot resolve "${sql()}" due to data type mismatch: ${bound.error}`, { sqlExpr: sql() });
  const resolvedLambdas = lambdas.map((l, k) => resolveLambda(l, bound.params[k]!, outer, caseSensitive, resolve));
  const r = def.resolve(bound.values, resolvedLambdas);
  const text = `${name}(${('error' in r && r.args ? r.args : [...bound.values, ...resolvedLambdas]).map(prettyName).join(', ')})`;
  if ('error' in r) throw new AnalysisError(r.errorClass ?? 'DATATYPE_MISMATCH', `Cannot resolve "${text}" due to data type mismatch: ${r.error}`, { sqlExpr: text });
  // Called by an alias (reduce), the call keeps it: generated names print it, as Spark's do.
  return { kind: 'hof', name, args: r.args, dataType: r.dataType, nullable: r.nullable };
}

/** Binds the parameters of `l` to fresh variables of `types` and resolves its body with them in scope. */
function resolveLambda(
  l: LambdaFunction,
  types: readonly { readonly dataType: DataType; readonly nullable: boolean }[],
  outer: LambdaScope,
  caseSensitive: boolean,
  resolve: (e: Expression, vars: LambdaScope) => Expression,
): LambdaFunction {
  // Spark names the parameters it binds for a plain expression `x`; they are never referred to.
  if (l.params.length === 0) l = { ...l, params: types.map((_, k) => ({ kind: 'unresolvedLambdaVar' as const, name: `_${k}` })) };
  if (l.params.length !== types.length) {
    throw lambdaError('NUM_ARGS_MISMATCH', `A higher order function expects ${l.params.length} arguments, but got ${types.length}.`, { expectedNumArgs: String(l.params.length), actualNumArgs: String(types.length) });
  }
  const key = (n: string) => (caseSensitive ? n : n.toLowerCase());
  const names = l.params.map((p) => p.name);
  if (new Set(names.map(key)).size !== names.length) {
    const args = names.map((n) => `\`${n}\``).join(', ');
    throw lambdaError('DUPLICATE_ARG_NAMES', `The lambda function has duplicate arguments ${args}. Please, consider to rename the argument names or set "spark.sql.caseSensitive" to "true".`, { args, caseSensitiveConfig: '"spark.sql.caseSensitive"' });
  }
  const params: LambdaVariable[] = l.params.map((p, k) => ({ kind: 'lambdaVar', name: p.name, dataType: types[k]!.dataType, nullable: types[k]!.nullable, exprId: newExprId() }));
  const scope = new Map(outer);
  for (const p of params) scope.set(key(p.name), p);
  const body = resolve(l.body, scope);
  if (containsPythonUdf(body)) throw new AnalysisError('UNSUPPORTED_FEATURE.LAMBDA_FUNCTION_WITH_PYTHON_UDF', `The feature is not supported: Lambda function with Python UDF ${prettyName(body)} in a higher order function.`);
  if (containsAggregate(body)) throw new AnalysisError('UNSUPPORTED_FEATURE.AGGREGATE_IN_LAMBDA', `The feature is not supported: an aggregate function in the lambda function ${prettyName(body)}.`);
  dataTypeOf(body);
  return { kind: 'lambda', params, body };
}

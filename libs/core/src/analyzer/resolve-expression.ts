// Resolves user-written expressions against the attributes a plan node can see: names, stars, functions, coercion.
import { AnalysisError, suggestions } from '../errors.js';
import {
  type AttributeReference,
  type Expression,
  type NamedExpression,
  alias,
  dataTypeOf,
  exists,
  lit,
  nullableOf,
  children,
  prettyName,
  withNewChildren,
} from '../expr/expression.js';
import { type LambdaScope, hasLambdaArgument, resolveHigherOrderCall } from './resolve-lambda.js';
import { lookupScalarFunction } from '../expr/functions/registry.js';
import { lookupHigherOrderFunction } from '../expr/functions/higher-order.js';
import { aggregateDef, lookupAggregateFunction } from '../expr/aggregates/registry.js';
import { LOGICAL_DEFS } from '../expr/aggregates/logical-registry.js';
import { percentagesOf } from '../expr/aggregates/percentile-accumulator.js';
import { resolveApproxAggregate } from './resolve-approx.js';
import { STATISTICAL_DEFS } from '../expr/aggregates/statistical-registry.js';
import { type LogicalPlan, outputOf, planChildren } from '../plan/logical-plan.js';
import { castTo, coerce } from './type-coercion.js';
import { checkWindowExpression, resolveWindowFunction } from './resolve-window.js';
import { canCast } from '../expr/eval/cast.js';
import { castAliasCall } from './cast-aliases.js';
import { generatorOutsideSelect, isGeneratorCall } from './resolve-generator.js';
import { isGroupingFunction, unsupportedGroupingExpression } from './resolve-grouping.js';
import { simpleString } from '../types/data-type.js';

const isStatisticalName = (fn: string): boolean => Object.hasOwn(STATISTICAL_DEFS, fn) || Object.hasOwn(LOGICAL_DEFS, fn);

/** What a node's expressions may refer to: its input attributes, and the plan (for `df.col()` plan ids). */
export interface ResolutionScope {
  readonly input: readonly AttributeReference[];
  readonly plans: readonly LogicalPlan[];
  readonly caseSensitive: boolean;
}

function quote(parts: readonly string[]): string {
  return '`' + parts.join('`.`') + '`';
}

function nameEq(a: string, b: string, caseSensitive: boolean): boolean {
  return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
}

function findPlanById(plans: readonly LogicalPlan[], planId: number): LogicalPlan | undefined {
  for (const p of plans) {
    if (p.planId === planId) return p;
    const found = findPlanById(planChildren(p), planId);
    if (found) return found;
  }
  return undefined;
}

/** Finds the attribute `nameParts` names among `input`, raising Spark's UNRESOLVED_COLUMN / AMBIGUOUS_REFERENCE. */
export function resolveColumn(nameParts: readonly string[], scope: ResolutionScope, planId?: number): AttributeReference {
  let candidates = scope.input;
  if (planId !== undefined) {
    const target = findPlanById(scope.plans, planId);
    if (target) {
      const ids = new Set(outputOf(target).map((a) => a.exprId));
      const narrowed = scope.input.filter((a) => ids.has(a.exprId));
      if (narrowed.length > 0) candidates = narrowed;
    }
  }
  const cs = scope.caseSensitive;
  const name = nameParts[nameParts.length - 1]!;
  let matches: AttributeReference[];
  if (nameParts.length === 1) {
    matches = candidates.filter((a) => nameEq(a.name, name, cs));
  } else {
    const qual = nameParts.slice(0, -1);
    matches = candidates.filter(
      (a) => nameEq(a.name, name, cs) && a.qualifier.length >= qual.length && qual.every((q, i) => nameEq(a.qualifier[a.qualifier.length - qual.length + i]!, q, cs)),
    );
    // A dotted name may also be a column whose own name contains a dot.
    if (matches.length === 0) matches = candidates.filter((a) => nameEq(a.name, nameParts.join('.'), cs));
  }
  const distinct = new Map(matches.map((m) => [m.exprId, m]));
  if (distinct.size === 1) return [...distinct.values()][0]!;
  if (distinct.size > 1) {
    const names = [...distinct.values()].map((a) => quote([...a.qualifier, a.name])).join(', ');
    throw new AnalysisError(
      'AMBIGUOUS_REFERENCE',
      `Reference ${quote(nameParts)} is ambiguous, could be: [${names}].`,
      { name: quote(nameParts), referenceNames: `[${names}]` },
    );
  }
  const sugg = suggestions(nameParts.join('.'), scope.input.map((a) => [...a.qualifier, a.name].join('.'))).map((s) => quote(s.split('.')));
  if (sugg.length === 0) {
    throw new AnalysisError('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION', `A column, variable, or function parameter with name ${quote(nameParts)} cannot be resolved.`, { objectName: quote(nameParts) });
  }
  throw new AnalysisError(
    'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name ${quote(nameParts)} cannot be resolved. Did you mean one of the following? [${sugg.join(', ')}].`,
    { objectName: quote(nameParts), proposal: sugg.join(', ') },
  );
}

/**
 * Resolves a column name, or, when no column has that name, a column followed by struct fields (`s.a.b`): the longest
 * prefix that names a column, then one `get_field` per remaining part (Spark's resolution of nested fields).
 */
export function resolveColumnOrField(nameParts: readonly string[], scope: ResolutionScope, planId?: number): Expression {
  try {
    return resolveColumn(nameParts, scope, planId);
  } catch (err) {
    if (!(err instanceof AnalysisError) || !err.errorClass.startsWith('UNRESOLVED_COLUMN') || nameParts.length < 2) throw err;
    for (let k = nameParts.length - 1; k >= 1; k--) {
      let base: Expression;
      try {
        base = resolveColumn(nameParts.slice(0, k), scope, planId);
      } catch (inner) {
        if (inner instanceof AnalysisError && inner.errorClass.startsWith('UNRESOLVED_COLUMN')) continue;
        throw inner;
      }
      if (dataTypeOf(base).kind !== 'struct' && dataTypeOf(base).kind !== 'map') continue;
      // A map's part is a key (`m.a` is m['a'], Spark's GetMapValue).
      for (const part of nameParts.slice(k)) base = resolveFunction(dataTypeOf(base).kind === 'map' ? 'subscript' : 'get_field', [base, lit(part)], false);
      return base;
    }
    throw err;
  }
}

/** Expands `*` / `t.*` into the scope's attributes; `s.*` of a struct column `s` into its fields. */
export function expandStar(qualifier: readonly string[] | undefined, scope: ResolutionScope): NamedExpression[] {
  if (!qualifier) return [...scope.input];
  const matches = scope.input.filter((a) => qualifier.every((q, i) => a.qualifier[a.qualifier.length - qualifier.length + i] !== undefined && nameEq(a.qualifier[a.qualifier.length - qualifier.length + i]!, q, scope.caseSensitive)));
  if (matches.length === 0) {
    const struct = structStarBase(qualifier, scope);
    if (struct) {
      const t = dataTypeOf(struct);
      if (t.kind === 'struct') return t.fields.map((f) => alias(resolveFunction('get_field', [struct, lit(f.name)], false), f.name));
    }
    throw new AnalysisError('CANNOT_RESOLVE_STAR_EXPAND', `Cannot resolve ${quote(qualifier)}.* given input columns ${scope.input.map((a) => quote([a.name])).join(', ')}.`, { targetString: quote(qualifier) });
  }
  return matches;
}

/** The struct-typed column (or nested field) `qualifier` names, if any. */
function structStarBase(qualifier: readonly string[], scope: ResolutionScope): Expression | undefined {
  try {
    const e = resolveColumnOrField(qualifier, scope);
    return dataTypeOf(e).kind === 'struct' ? e : undefined;
  } catch (err) {
    if (err instanceof AnalysisError) return undefined;
    throw err;
  }
}

/** Resolves one expression (no stars at top level: callers expand those). */
export function resolveExpression(e: Expression, scope: ResolutionScope): Expression {
  return resolveIn(e, scope, NO_LAMBDA_VARIABLES);
}

const NO_LAMBDA_VARIABLES: LambdaScope = new Map();

/** Bottom-up resolution, except that a higher-order call binds its lambdas' parameters before their bodies resolve. */
function resolveIn(e: Expression, scope: ResolutionScope, vars: LambdaScope): Expression {
  if (hasLambdaArgument(e)) return resolveHigherOrderCall(e, vars, scope.caseSensitive, (x, v) => resolveIn(x, scope, v));
  // A resolved call keeps its bound lambdas as they are.
  if (e.kind === 'hof') return e;
  if (e.kind === 'lambda') throw new AnalysisError('INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION', `Invalid lambda function call. A lambda function should only be used in a higher order function. However, ${prettyName(e)} is not an argument of one.`);
  if (vars.size > 0 && (e.kind === 'unresolvedColumn' || e.kind === 'unresolvedLambdaVar')) {
    const parts = e.kind === 'unresolvedColumn' ? e.nameParts : [e.name];
    const v = vars.get(scope.caseSensitive ? parts[0]! : parts[0]!.toLowerCase());
    // A lambda parameter hides a column of its name, as in Spark; `x.f` is a field of a struct parameter.
    if (v && (e.kind === 'unresolvedLambdaVar' || e.planId === undefined)) {
      let base: Expression = v;
      for (const part of parts.slice(1)) base = resolveFunction('get_field', [base, lit(part)], false);
      return base;
    }
  }
  const rebuilt = withNewChildren(e, children(e).map((c) => resolveIn(c, scope, vars)));
  return resolveNode(rebuilt, scope);
}

function resolveNode(e: Expression, scope: ResolutionScope): Expression {
  switch (e.kind) {
    case 'unresolvedColumn':
      return resolveColumnOrField(e.nameParts, scope, e.planId);
    case 'star':
      throw new AnalysisError('INVALID_USAGE_OF_STAR', `Invalid usage of '*' in expression ${prettyName(e)}.`);
    case 'unresolvedFunction': {
      const cast = castAliasCall(e.name, e.args);
      return cast ? resolveNode(cast, scope) : resolveFunction(e.name, e.args, e.isDistinct);
    }
    case 'cast': {
      const from = dataTypeOf(e.child);
      if (!canCast(from, e.to)) {
        throw new AnalysisError(
          'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION',
          `Cannot resolve "${prettyName(e)}" due to data type mismatch: cannot cast ${JSON.stringify(simpleString(from))} to ${JSON.stringify(simpleString(e.to))}.`,
          { sqlExpr: prettyName(e), srcType: simpleString(from), targetType: simpleString(e.to) },
        );
      }
      return e;
    }
    case 'windowExpr':
      return checkWindowExpression(e);
    case 'unresolvedLambdaVar':
      throw new AnalysisError(
        'UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
        `A column, variable, or function parameter with name \`${e.name}\` cannot be resolved.`,
        { objectName: `\`${e.name}\`` },
      );
    case 'lambdaVar':
    case 'lambda':
    case 'hof':
    case 'attr':
    case 'literal':
    case 'boundRef':
    case 'fn':
    case 'agg':
    case 'windowFn':
    case 'pythonUdf':
    case 'alias':
    case 'sortOrder':
    case 'isNull':
    case 'isNotNull':
      return e;
    default:
      return coerce(e);
  }
}

export function resolveFunction(name: string, givenArgs: readonly Expression[], isDistinct: boolean): Expression {
  const completer = lookupScalarFunction(name)?.completeArgs;
  const args = completer ? completer(givenArgs) : givenArgs;
  // A generator reaching here is not a whole select item (those become a Generate first).
  if (isGeneratorCall({ kind: 'unresolvedFunction', name, args, isDistinct })) throw generatorOutsideSelect(name, args);
  // Grouping analytics replace these before resolving their list: any reaching here is elsewhere.
  if (isGroupingFunction(name)) throw unsupportedGroupingExpression();
  const windowFn = resolveWindowFunction(name, args, isDistinct);
  if (windowFn) return windowFn;
  const agg = lookupAggregateFunction(name);
  const argTypes = args.map(dataTypeOf);
  const sql = `${name}(${isDistinct ? 'DISTINCT ' : ''}${args.map(prettyName).join(', ')})`;
  if (agg) {
    const def = aggregateDef(agg.fn);
    const distinct = agg.distinct || isDistinct;
    const takesFlag = agg.fn === 'first' || agg.fn === 'last' || agg.fn === 'any_value';
    // As Spark's FirstLast.validateIgnoreNullExpr: the flag is read at analysis, so it must be a boolean literal.
    if (takesFlag && (args.length < 1 || args.length > 2)) {
      throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${name}\` requires [1, 2] parameters but the actual number is ${args.length}.`, { functionName: `\`${name}\``, expectedNum: '[1, 2]', actualNum: String(args.length) });
    }
    const flag = args[1];
    if (takesFlag && args.length === 2 && !(flag!.kind === 'literal' && typeof flag!.value === 'boolean')) {
      throw new AnalysisError('_LEGACY_ERROR_TEMP_1210', `The second argument in ${agg.fn} should be a boolean literal.`, { funcName: agg.fn });
    }
    const approx = resolveApproxAggregate(agg.fn, name, args, distinct);
    if (approx) return approx;
    if (agg.fn === 'percentile') return resolvePercentile(name, args, distinct, sql);
    const r = def.resolve(argTypes, distinct, args.map(prettyName), name.toLowerCase());
    if ('error' in r) {
      const cls = r.errorClass ?? 'DATATYPE_MISMATCH';
      throw new AnalysisError(cls, cls.startsWith('DATATYPE_MISMATCH') ? `Cannot resolve "${sql}" due to data type mismatch: ${r.error}` : r.error, { sqlExpr: sql });
    }
    // Called by an alias (first_value, last_value, std, variance), the generated name keeps it, as Spark's registry does.
    const keepsName = takesFlag || isStatisticalName(agg.fn);
    const displayName = keepsName && name.toLowerCase() !== agg.fn ? name.toLowerCase() : undefined;
    return { kind: 'agg', fn: agg.fn, args: args.map((a, i) => castTo(a, r.argTypes[i]!)), distinct, dataType: r.dataType, nullable: r.nullable, ...(displayName ? { displayName } : {}) };
  }
  const fn = lookupScalarFunction(name);
  // A higher-order function called without its lambdas (or with too many arguments) is reported by its own checks.
  const hof = lookupHigherOrderFunction(name);
  // array_sort(xs, 1): an expression where the comparator goes is a lambda ignoring its parameters, as in Spark.
  if (hof && (!fn || args.length > hof.values)) return resolveHigherOrderCall({ kind: 'unresolvedFunction', name, args, isDistinct }, NO_LAMBDA_VARIABLES, false, (x) => x);
  if (!fn) {
    throw new AnalysisError('UNRESOLVED_ROUTINE', `Cannot resolve routine \`${name}\` on search path [\`system\`.\`builtin\`].`, { routineName: `\`${name}\`` });
  }
  if (args.some((a) => a.kind === 'sortOrder')) {
    throw new AnalysisError('INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX', `Invalid SQL syntax: The function \`${name.toLowerCase()}\` does not support WITHIN GROUP (ORDER BY ...).`, { prettyName: `\`${name.toLowerCase()}\`` });
  }
  if (isDistinct) throw new AnalysisError('INVALID_DISTINCT', `DISTINCT is only allowed in aggregate functions, not in ${fn.name}.`);
  if (fn.resolveArgs) {
    const c = fn.resolveArgs(args);
    if ('error' in c) {
      const cls = c.errorClass ?? 'DATATYPE_MISMATCH';
      const msg = cls.startsWith('DATATYPE_MISMATCH') ? `Cannot resolve "${sql}" due to data type mismatch: ${c.error}` : c.error;
      throw new AnalysisError(cls, msg, { sqlExpr: sql });
    }
    return { kind: 'fn', name: c.name ?? fn.name, args: c.args, dataType: c.dataType, nullable: c.nullable, ...(c.displayName ? { displayName: c.displayName } : {}) };
  }
  const r = fn.resolve(argTypes);
  if ('error' in r) throw new AnalysisError('DATATYPE_MISMATCH', `Cannot resolve "${sql}" due to data type mismatch: ${r.error}`, { sqlExpr: sql });
  const castArgs = args.map((a, i) => castTo(a, r.argTypes[i]!));
  const nullable = r.nullable ? r.nullable(castArgs.map(nullableOf)) : castArgs.some(nullableOf);
  // Called by an alias, the generated name keeps it, as Spark's FUNC_ALIAS tag does: ifnull(a, b), ceiling(x), pow(x, 2).
  const displayName = name.toLowerCase() !== fn.name ? name.toLowerCase() : fn.prettyName;
  return { kind: 'fn', name: fn.name, args: castArgs, dataType: r.dataType, nullable, ...(displayName ? { displayName } : {}) };
}

/** Gives an unnamed expression its generated column name (Spark's `toPrettySQL`), keeping attrs and aliases as they are. */
export function toNamed(e: Expression): NamedExpression {
  if (e.kind === 'attr' || e.kind === 'alias') return e;
  // A cast of a named column keeps the column's name, as in Spark.
  if (e.kind === 'cast' && (e.child.kind === 'attr' || e.child.kind === 'alias')) return alias(e, e.child.name);
  return alias(e, prettyName(e));
}


/** percentile(x, p[, frequency]): the default frequency 1 joins the arguments (and the name), p must be a constant in [0, 1]. */
function resolvePercentile(name: string, given: readonly Expression[], distinct: boolean, givenSql: string): Expression {
  const args = given.length === 2 ? [...given, lit(1)] : given;
  const sql = `${name}(${distinct ? 'DISTINCT ' : ''}${args.map(prettyName).join(', ')})`;
  const r = aggregateDef('percentile').resolve(args.map(dataTypeOf), distinct, args.map(prettyName), name.toLowerCase());
  if ('error' in r) {
    const cls = r.errorClass ?? 'DATATYPE_MISMATCH';
    throw new AnalysisError(cls, cls.startsWith('DATATYPE_MISMATCH') ? `Cannot resolve "${sql}" due to data type mismatch: ${r.error}` : r.error, { sqlExpr: givenSql });
  }
  const p = castTo(args[1]!, r.argTypes[1]!);
  const mismatch = (cls: string, text: string) => new AnalysisError(cls, `Cannot resolve "${sql}" due to data type mismatch: ${text}`, { sqlExpr: sql });
  if (exists(p, (x) => x.kind === 'attr' || x.kind === 'agg')) {
    throw mismatch('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `the input \`percentage\` should be a foldable "DOUBLE" expression; however, got "${prettyName(args[1]!)}".`);
  }
  const { values } = percentagesOf(p);
  if (values.some((v) => v === null)) throw mismatch('DATATYPE_MISMATCH.UNEXPECTED_NULL', 'The percentage must not be null.');
  if (values.some((v) => !(Number(v) >= 0 && Number(v) <= 1))) {
    throw mismatch('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `The percentage must be between [0.0, 1.0] (current value = ${values.map((v) => `${Number.isInteger(v) ? `${v}.0` : v}D`).join(',')}).`);
  }
  return { kind: 'agg', fn: 'percentile', args: args.map((a, i) => castTo(a, r.argTypes[i]!)), distinct, dataType: r.dataType, nullable: r.nullable };
}

// Generators in a select list (explode, posexplode, inline and their _outer forms) become a Generate node under
// the Project, as Spark's ExtractGenerator does: `select(a, explode(xs) AS x)` is
// `Project [a, x] <- Generate explode(xs), false, [x] <- child`. SQL's LATERAL VIEW builds the same node over its
// FROM clause (`lateralView`). inline(array of structs) is explode then one column per struct field.
import { AnalysisError } from '../errors.js';
import { type AttributeReference, type Expression, type NamedExpression, alias, attr, dataTypeOf, exists, lit, prettyName } from '../expr/expression.js';
import { type Generate, type LogicalPlan, outputOf } from '../plan/logical-plan.js';
import { IntegerT, simpleString } from '../types/data-type.js';
import { type ResolutionScope, resolveExpression, resolveFunction } from './resolve-expression.js';
import { TUPLE_GENERATORS, tupleGeneratorArray } from './resolve-tuple-generators.js';

const GENERATORS: Readonly<Record<string, { readonly position: boolean; readonly outer: boolean; readonly inline?: boolean }>> = {
  explode: { position: false, outer: false },
  explode_outer: { position: false, outer: true },
  posexplode: { position: true, outer: false },
  posexplode_outer: { position: true, outer: true },
  inline: { position: false, outer: false, inline: true },
  inline_outer: { position: false, outer: true, inline: true },
  json_tuple: { position: false, outer: false, inline: true },
  stack: { position: false, outer: false, inline: true },
};

/** True for an unresolved call of a generator function. */
export function isGeneratorCall(e: Expression): boolean {
  return e.kind === 'unresolvedFunction' && Object.hasOwn(GENERATORS, e.name.toLowerCase());
}

/** The generator call a select item is (possibly under aliases), with the names the aliases give it. */
function topGenerator(e: Expression): { call: Expression & { kind: 'unresolvedFunction' }; names: readonly string[] | undefined } | undefined {
  let names: readonly string[] | undefined;
  let x = e;
  while (x.kind === 'alias') {
    names ??= x.names ?? [x.name];
    x = x.child;
  }
  return x.kind === 'unresolvedFunction' && isGeneratorCall(x) ? { call: x, names } : undefined;
}

/**
 * Splits a select list holding a generator into a Generate over `child` and the list above it; undefined when
 * the list has none. `resolveItem` resolves the other items against the child (stars expanded there).
 */
export function extractGenerator(
  list: readonly Expression[],
  child: LogicalPlan,
  scope: ResolutionScope,
  resolveItem: (e: Expression) => NamedExpression[],
): { projectList: NamedExpression[]; generate: Generate } | undefined {
  const found = list.map(topGenerator);
  const count = found.filter(Boolean).length;
  for (let i = 0; i < list.length; i++) {
    const inner = found[i] ? found[i]!.call.args : [list[i]!];
    const nested = inner.find((a) => exists(a, isGeneratorCall));
    if (nested) {
      throw new AnalysisError('UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS', `The generator is not supported: nested in expressions "${prettyName(list[i]!)}".`, { expression: prettyName(list[i]!) });
    }
  }
  if (count === 0) return undefined;
  if (count > 1) {
    const names = found.filter(Boolean).map((g) => `"${prettyName(g!.call)}"`).join(', ');
    throw new AnalysisError('UNSUPPORTED_GENERATOR.MULTI_GENERATOR', `The generator is not supported: only one generator allowed per SELECT clause but found ${count}: ${names}.`, { num: String(count), generators: names });
  }
  const at = found.findIndex(Boolean);
  const { call, names } = found[at]!;
  const g = buildGenerate(call.name, call.args, names, false, [], child, scope);
  const projectList: NamedExpression[] = [];
  list.forEach((e, i) => {
    if (i === at) projectList.push(...g.columns);
    else projectList.push(...resolveItem(e));
  });
  return { projectList, generate: g.generate };
}

/**
 * The Generate node of `name(args)` over `child` and the columns it yields: its outputs, or for inline one
 * `get_field` of the exploded struct per field. `outer` makes explode/posexplode/inline their _outer forms (LATERAL
 * VIEW OUTER); `qualifier` (the LATERAL VIEW's table alias) lets `t.col` name the outputs.
 */
function buildGenerate(
  name: string,
  args: readonly Expression[],
  names: readonly string[] | undefined,
  outer: boolean,
  qualifier: readonly string[],
  child: LogicalPlan,
  scope: ResolutionScope,
  shownAs?: string,
): { generate: Generate; columns: NamedExpression[] } {
  const fn = name.toLowerCase();
  const kind = GENERATORS[fn]!;
  const isOuter = kind.outer || outer;
  if (TUPLE_GENERATORS.has(fn)) {
    const rows = tupleGeneratorArray(fn, args.map((a) => resolveExpression(a, scope)));
    return buildGenerate('inline', [rows], names, outer, qualifier, child, scope, fn);
  }
  if (args.length !== 1) {
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${fn}\` requires 1 parameters but the actual number is ${args.length}.`, { functionName: `\`${fn}\``, expectedNum: '1', actualNum: String(args.length) });
  }
  const arg = resolveExpression(args[0]!, scope);
  const t = dataTypeOf(arg);
  const element = t.kind === 'array' ? t.elementType : t.kind === 'map' && !kind.inline ? t.keyType : null;
  if (!element || (kind.inline && element.kind !== 'struct')) {
    const sql = `${fn}(${prettyName(arg)})`;
    const expected = kind.inline ? '"ARRAY<STRUCT>"' : '("ARRAY" or "MAP")';
    throw new AnalysisError(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ${expected} type, however "${prettyName(arg)}" has the type "${simpleString(t).toUpperCase()}".`,
      { sqlExpr: sql },
    );
  }
  const fields = element.kind === 'struct' && kind.inline ? element.fields : null;
  // A map explodes to two columns, `key` and `value`.
  const valueCols = t.kind === 'map' ? ['key', 'value'] : ['col'];
  const defaults = fields ? fields.map((f) => f.name) : kind.position ? ['pos', ...valueCols] : valueCols;
  if (names && names.length !== defaults.length) {
    throw new AnalysisError(
      'NUM_GENERATOR_OUTPUT_ALIASES_MISMATCH',
      `The number of aliases supplied in the AS clause does not match the number of columns output by the generator ${shownAs ?? fn}: expected ${defaults.length} aliases but got ${names.join(', ')}.`,
      { aliasesNum: String(names.length), funcName: shownAs ?? fn },
    );
  }
  const chosen = names ?? defaults;
  const elementNullable = (t.kind === 'array' && t.containsNull) || isOuter;
  if (fields) {
    // inline: explode to one struct column, then its fields as columns (NULL fields for an outer row's NULL struct).
    const struct = attr(`__inline_${fn}`, element, elementNullable, qualifier);
    const generate: Generate = { kind: 'generate', generator: arg, position: false, outer: isOuter, generatorOutput: [struct], child };
    const columns = fields.map((f, k): NamedExpression => {
      const a = alias(resolveFunction('get_field', [struct, lit(f.name)], false), chosen[k]!);
      return qualifier.length > 0 ? { ...a, qualifier } : a;
    });
    return { generate, columns };
  }
  const out: AttributeReference[] = [];
  if (kind.position) out.push(attr(chosen[0]!, IntegerT, isOuter, qualifier));
  const first = kind.position ? 1 : 0;
  if (t.kind === 'map') {
    out.push(attr(chosen[first]!, t.keyType, isOuter, qualifier));
    out.push(attr(chosen[first + 1]!, t.valueType, t.valueContainsNull || isOuter, qualifier));
  } else out.push(attr(chosen[first]!, element, elementNullable, qualifier));
  return { generate: { kind: 'generate', generator: arg, position: kind.position, outer: isOuter, generatorOutput: out, child }, columns: out };
}

/**
 * `FROM … LATERAL VIEW [OUTER] gen(args) t AS c1, c2`: the FROM plan joined with the generator's rows, each input
 * row once per generated row (none without OUTER when the array is empty or NULL). A function that is not a
 * generator is UNSUPPORTED_GENERATOR.NOT_GENERATOR, as in Spark.
 */
export function lateralView(
  call: { readonly name: string; readonly args: readonly Expression[] },
  outer: boolean,
  tableAlias: string | null,
  columns: readonly string[],
  child: LogicalPlan,
  scope: ResolutionScope,
): LogicalPlan {
  const fn = call.name.toLowerCase();
  if (!Object.hasOwn(GENERATORS, fn)) {
    // Resolving it names an unknown routine as Spark does; a known one is not a generator.
    resolveFunction(fn, call.args.map((a) => resolveExpression(a, scope)), false);
    throw new AnalysisError('UNSUPPORTED_GENERATOR.NOT_GENERATOR', `The generator is not supported: \`${fn}\` is expected to be a generator. However, it is not a generator.`, { functionName: `\`${fn}\``, classCanonicalName: fn });
  }
  const g = buildGenerate(fn, call.args, columns.length > 0 ? columns : undefined, outer, tableAlias ? [tableAlias] : [], child, scope);
  if (g.columns.every((c) => c.kind === 'attr')) return g.generate;
  return { kind: 'project', projectList: [...outputOf(child), ...g.columns], child: g.generate };
}

/** The error for a generator outside a select list (WHERE, GROUP BY, an aggregate…). */
export function generatorOutsideSelect(name: string, args: readonly Expression[]): AnalysisError {
  const sql = `${name.toLowerCase()}(${args.map(prettyName).join(', ')})`;
  return new AnalysisError('UNSUPPORTED_GENERATOR.OUTSIDE_SELECT', `The generator is not supported: outside the SELECT clause, found: "${sql}".`, { plan: sql });
}

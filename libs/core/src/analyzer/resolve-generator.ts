// Generators in a select list (explode, posexplode and their _outer forms) become a Generate node under the
// Project, as Spark's ExtractGenerator does: `select(a, explode(xs) AS x)` is
// `Project [a, x] <- Generate explode(xs), false, [x] <- child`.
import { AnalysisError } from '../errors.js';
import { type AttributeReference, type Expression, type NamedExpression, attr, dataTypeOf, exists, prettyName } from '../expr/expression.js';
import { type Generate, type LogicalPlan } from '../plan/logical-plan.js';
import { IntegerT, simpleString } from '../types/data-type.js';
import { type ResolutionScope, resolveExpression } from './resolve-expression.js';

const GENERATORS: Readonly<Record<string, { readonly position: boolean; readonly outer: boolean }>> = {
  explode: { position: false, outer: false },
  explode_outer: { position: false, outer: true },
  posexplode: { position: true, outer: false },
  posexplode_outer: { position: true, outer: true },
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
  const kind = GENERATORS[call.name.toLowerCase()]!;
  const fn = call.name.toLowerCase();
  if (call.args.length !== 1) {
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${fn}\` requires 1 parameters but the actual number is ${call.args.length}.`, { functionName: `\`${fn}\``, expectedNum: '1', actualNum: String(call.args.length) });
  }
  const arg = resolveExpression(call.args[0]!, scope);
  const t = dataTypeOf(arg);
  if (t.kind !== 'array') {
    const sql = `${fn}(${prettyName(arg)})`;
    throw new AnalysisError(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ("ARRAY" or "MAP") type, however "${prettyName(arg)}" has the type "${simpleString(t).toUpperCase()}".`,
      { sqlExpr: sql },
    );
  }
  const defaults = kind.position ? ['pos', 'col'] : ['col'];
  if (names && names.length !== defaults.length) {
    throw new AnalysisError(
      'NUM_GENERATOR_OUTPUT_ALIASES_MISMATCH',
      `The number of aliases supplied in the AS clause does not match the number of columns output by the generator ${fn}: expected ${defaults.length} aliases but got ${names.join(', ')}.`,
      { aliasesNum: String(names.length), funcName: fn },
    );
  }
  const [posName, colName] = kind.position ? (names ?? defaults) : [undefined, (names ?? defaults)[0]];
  const out: AttributeReference[] = [];
  if (kind.position) out.push(attr(posName!, IntegerT, kind.outer));
  out.push(attr(colName!, t.elementType, t.containsNull || kind.outer));
  const generate: Generate = { kind: 'generate', generator: arg, position: kind.position, outer: kind.outer, generatorOutput: out, child };
  const projectList: NamedExpression[] = [];
  list.forEach((e, i) => {
    if (i === at) projectList.push(...out);
    else projectList.push(...resolveItem(e));
  });
  return { projectList, generate };
}

/** The error for a generator outside a select list (WHERE, GROUP BY, an aggregate…). */
export function generatorOutsideSelect(name: string, args: readonly Expression[]): AnalysisError {
  const sql = `${name.toLowerCase()}(${args.map(prettyName).join(', ')})`;
  return new AnalysisError('UNSUPPORTED_GENERATOR.OUTSIDE_SELECT', `The generator is not supported: outside the SELECT clause, found: "${sql}".`, { plan: sql });
}

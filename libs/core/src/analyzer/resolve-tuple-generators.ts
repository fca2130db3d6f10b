// json_tuple and stack, generators of a fixed number of columns: each becomes inline() over an array of structs
// built from its arguments, so they run through the Generate node explode/inline use. json_tuple(json, f…) is one
// row of get_json_object(json, $['f']) per field (c0, c1, …); stack(n, v…) is n rows of ceil(#v / n) columns
// (col0, col1, …), short rows padded with NULL.
import { AnalysisError } from '../errors.js';
import { type Expression, dataTypeOf, lit, prettyName } from '../expr/expression.js';
import { type DataType, sameType, simpleString } from '../types/data-type.js';
import { resolveFunction } from './resolve-expression.js';

export const TUPLE_GENERATORS: ReadonlySet<string> = new Set(['json_tuple', 'stack']);

function mismatch(errorClass: string, sql: string, message: string): AnalysisError {
  return new AnalysisError(`DATATYPE_MISMATCH.${errorClass}`, `Cannot resolve "${sql}" due to data type mismatch: ${message}`, { sqlExpr: sql });
}

function wrongArgs(fn: string, n: number): AnalysisError {
  return new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${fn}\` requires > 1 parameters but the actual number is ${n}.`, { functionName: `\`${fn}\``, expectedNum: '> 1', actualNum: String(n) });
}

const typed = (e: Expression, t: DataType): Expression => (sameType(dataTypeOf(e), t) ? e : { kind: 'cast', child: e, to: t });

/** The array<struct> a tuple generator's rows are, from its resolved arguments. */
export function tupleGeneratorArray(fn: string, args: readonly Expression[]): Expression {
  const sql = `${fn}(${args.map(prettyName).join(', ')})`;
  if (args.length < 2) throw wrongArgs(fn, args.length);
  if (fn === 'json_tuple') {
    if (args.some((a) => dataTypeOf(a).kind !== 'string')) throw mismatch('NON_STRING_TYPE', sql, 'all arguments of the function `json_tuple` must be strings.');
    const [json, ...fields] = args as [Expression, ...Expression[]];
    const values = fields.flatMap((f, k) => [lit(`c${k}`), resolveFunction('get_json_object', [json, resolveFunction('concat', [lit("$['"), f, lit("']")], false)], false)]);
    return resolveFunction('array', [resolveFunction('named_struct', values, false)], false);
  }
  const [nArg, ...values] = args as [Expression, ...Expression[]];
  const nt = dataTypeOf(nArg);
  if (nt.kind !== 'int32') {
    throw mismatch('UNEXPECTED_INPUT_TYPE', sql, `The first parameter requires the "INT" type, however "${prettyName(nArg)}" has the type "${simpleString(nt).toUpperCase()}".`);
  }
  if (nArg.kind !== 'literal') throw mismatch('NON_FOLDABLE_INPUT', sql, `the input \`n\` should be a foldable "INT" expression; however, got "${prettyName(nArg)}".`);
  const n = Number(nArg.value);
  if (nArg.value === null || n <= 0) throw mismatch('VALUE_OUT_OF_RANGE', sql, `The \`n\` must be between (0, 2147483647] (current value = ${String(nArg.value).toUpperCase()}).`);
  const cols = Math.ceil(values.length / n);
  // Each column takes the type of its first non-NULL value; the others must have it (or be NULL).
  const types: DataType[] = [];
  for (let c = 0; c < cols; c++) {
    let first = -1;
    for (let r = 0; r < n; r++) {
      const v = values[r * cols + c];
      if (!v || dataTypeOf(v).kind === 'null') continue;
      const t = dataTypeOf(v);
      if (first < 0) {
        first = r * cols + c;
        types[c] = t;
      } else if (!sameType(t, types[c]!)) {
        throw mismatch('STACK_COLUMN_DIFF_TYPES', sql, `The data type of the column (${c}) do not have the same type: "${simpleString(types[c]!).toUpperCase()}" (${first + 1}) <> "${simpleString(t).toUpperCase()}" (${r * cols + c + 1}).`);
      }
    }
    types[c] ??= dataTypeOf(values[c]!);
  }
  const rows: Expression[] = [];
  for (let r = 0; r < n; r++) {
    const fields: Expression[] = [];
    for (let c = 0; c < cols; c++) fields.push(lit(`col${c}`), typed(values[r * cols + c] ?? lit(null), types[c]!));
    rows.push(resolveFunction('named_struct', fields, false));
  }
  return resolveFunction('array', rows, false);
}


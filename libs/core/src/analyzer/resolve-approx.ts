// Resolution of the aggregates with constant options or a WITHIN GROUP order (approx_count_distinct's rsd,
// percentile_approx's percentages and accuracy, mode's flag, listagg's delimiter, percentile_cont/disc): Spark's
// checks and errors, and the calls rewritten to the argument lists their accumulators read.
import { AnalysisError } from '../errors.js';
import { type Expression, type SortOrder, dataTypeOf, exists, lit, prettyName } from '../expr/expression.js';
import { aggregateDef } from '../expr/aggregates/registry.js';
import { APPROX_QUANTILE } from '../expr/aggregates/approx-registry.js';
import { hllPrecision } from '../expr/aggregates/hll-accumulator.js';
import { constantValue, percentagesOf } from '../expr/aggregates/percentile-accumulator.js';
import { sortCode } from '../expr/aggregates/ordered-set-accumulators.js';
import type { AggregateFunctionName } from '../expr/expression.js';
import { DoubleT, IntegerT, simpleString } from '../types/data-type.js';
import { castTo } from './type-coercion.js';

const WITH_ORDER: ReadonlySet<AggregateFunctionName> = new Set(['mode', 'listagg', 'percentile_cont', 'percentile_disc']);

const foldable = (e: Expression): boolean => !exists(e, (x) => x.kind === 'attr' || x.kind === 'agg');

function mismatch(sql: string, cls: string, text: string): AnalysisError {
  return new AnalysisError(cls, `Cannot resolve "${sql}" due to data type mismatch: ${text}`, { sqlExpr: sql });
}

/** The WITHIN GROUP keys the parser appended to a call's arguments, split off. */
export function splitWithinGroup(args: readonly Expression[]): { args: Expression[]; order: SortOrder[] } {
  const order = args.filter((a): a is SortOrder => a.kind === 'sortOrder');
  return { args: args.filter((a) => a.kind !== 'sortOrder'), order };
}

/** Spark's check of a constant percentage (or array of them): foldable, not NULL, in [0, 1]. */
function checkPercentages(sql: string, p: Expression, given: Expression): void {
  if (!foldable(p)) throw mismatch(sql, 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `the input \`percentage\` should be a foldable "DOUBLE" expression; however, got "${prettyName(given)}".`);
  const { values } = percentagesOf(p);
  if (values.some((v) => v === null)) throw mismatch(sql, 'DATATYPE_MISMATCH.UNEXPECTED_NULL', 'The percentage must not be null.');
  if (values.some((v) => !(Number(v) >= 0 && Number(v) <= 1))) {
    throw mismatch(sql, 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `The percentage must be between [0.0, 1.0] (current value = ${values.map((v) => `${Number.isInteger(v) ? `${v}.0` : v}D`).join(',')}).`);
  }
}

function resolved(fn: AggregateFunctionName, calledAs: string, args: readonly Expression[], distinct: boolean, sql: string): Expression {
  const r = aggregateDef(fn).resolve(args.map(dataTypeOf), distinct, args.map(prettyName), calledAs);
  if ('error' in r) {
    const cls = r.errorClass ?? 'DATATYPE_MISMATCH';
    throw new AnalysisError(cls, cls.startsWith('DATATYPE_MISMATCH') ? `Cannot resolve "${sql}" due to data type mismatch: ${r.error}` : r.error, { sqlExpr: sql });
  }
  const displayName = calledAs !== fn ? calledAs : undefined;
  return { kind: 'agg', fn, args: args.map((a, i) => castTo(a, r.argTypes[i]!)), distinct, dataType: r.dataType, nullable: r.nullable, ...(displayName ? { displayName } : {}) };
}

/** Resolves a call of one of these aggregates, or returns undefined for the others (a WITHIN GROUP there is an error). */
export function resolveApproxAggregate(fn: AggregateFunctionName, name: string, given: readonly Expression[], distinct: boolean): Expression | undefined {
  const calledAs = name.toLowerCase();
  const { args, order } = splitWithinGroup(given);
  if (order.length > 0 && !WITH_ORDER.has(fn)) {
    throw new AnalysisError('INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX', `Invalid SQL syntax: The function \`${calledAs}\` does not support WITHIN GROUP (ORDER BY ...).`, { prettyName: `\`${calledAs}\`` });
  }
  const sql = `${calledAs}(${distinct ? 'DISTINCT ' : ''}${args.map(prettyName).join(', ')})`;
  switch (fn) {
    case 'approx_count_distinct': {
      if (args.length === 2) {
        const rsd = args[1]!;
        // A double or decimal literal (0.1 is a decimal in SQL); Spark refuses an int one.
        if (rsd.kind !== 'literal' || (rsd.dataType.kind !== 'float64' && rsd.dataType.kind !== 'decimal')) {
          throw new AnalysisError('_LEGACY_ERROR_TEMP_1104', 'The second argument should be a double literal.');
        }
        // Spark refuses fewer than 4 index bits; past 25 (32 MB of registers a group) Kindling refuses too.
        const p = hllPrecision(Number(constantValue(castTo(rsd, DoubleT))));
        if (!(p >= 4 && p <= 25)) {
          throw new AnalysisError('FAILED_FUNCTION_CALL', `Failed preparing of the function \`${calledAs}\` for call. Please, double check function's arguments.`, { funcName: `\`${calledAs}\`` });
        }
      }
      return resolved(fn, 'approx_count_distinct', args, distinct, sql);
    }
    case 'percentile_approx': {
      const full = args.length === 2 ? [...args, lit(10000)] : args;
      const fullSql = `${calledAs}(${distinct ? 'DISTINCT ' : ''}${full.map(prettyName).join(', ')})`;
      const call = resolved(fn, calledAs, full, distinct, fullSql);
      if (call.kind !== 'agg') return call;
      checkPercentages(fullSql, call.args[1]!, full[1]!);
      const acc = call.args[2]!;
      if (calledAs === APPROX_QUANTILE) return call;
      if (!foldable(acc)) throw mismatch(fullSql, 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `the input \`accuracy\` should be a foldable "INT" expression; however, got "${prettyName(full[2]!)}".`);
      const a = constantValue(acc);
      if (a === null || !(Number(a) > 0 && Number(a) <= 2147483647)) {
        throw mismatch(fullSql, 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `The accuracy must be between (0, 2147483647] (current value = ${String(a)}L).`);
      }
      return call;
    }
    case 'product':
      return resolved(fn, 'product', args, distinct, `product(${distinct ? 'DISTINCT ' : ''}${args.map(prettyName).join(', ')})`);
    case 'mode': {
      if (distinct) throw new AnalysisError('INVALID_WITHIN_GROUP_EXPRESSION.DISTINCT_UNSUPPORTED', `Invalid function \`${calledAs}\` with WITHIN GROUP. The function does not support DISTINCT with WITHIN GROUP.`, { funcName: `\`${calledAs}\`` });
      // Ties: ORDER BY x and the deterministic flag take the smallest value (-1), ORDER BY x DESC the largest (1).
      if (order.length > 0) {
        if (args.length > 0 || order.length !== 1) throw wrongOrderings(calledAs, order.length);
        return resolved(fn, calledAs, [order[0]!.child, lit(order[0]!.direction === 'desc' ? 1 : -1, IntegerT)], false, sql);
      }
      if (args.length === 2) {
        const flag = args[1]!;
        if (flag.kind !== 'literal' || typeof flag.value !== 'boolean') {
          throw new AnalysisError('UNEXPECTED_INPUT_TYPE', `Parameter second of function \`${calledAs}\` requires the "BOOLEAN" type, however "${prettyName(flag)}" has the type "${simpleString(dataTypeOf(flag)).toUpperCase()}".`, { functionName: `\`${calledAs}\`` });
        }
        return resolved(fn, calledAs, [args[0]!, lit(flag.value ? -1 : 0, IntegerT)], false, sql);
      }
      if (args.length !== 1) return resolved(fn, calledAs, args, false, sql);
      return resolved(fn, calledAs, [args[0]!, lit(0, IntegerT)], false, sql);
    }
    case 'listagg': {
      if (args.length < 1 || args.length > 2) {
        throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${calledAs}\` requires [1, 2] parameters but the actual number is ${args.length}.`, { functionName: `\`${calledAs}\`` });
      }
      const x = args[0]!;
      const delim = args[1] ?? lit(null);
      const full = [x, delim];
      const fullSql = `${calledAs}(${distinct ? 'DISTINCT ' : ''}${full.map(prettyName).join(', ')})`;
      if (!foldable(delim)) throw mismatch(fullSql, 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `the input \`delimiter\` should be a foldable "STRING" expression; however, got "${prettyName(delim)}".`);
      if (distinct && order.some((o) => prettyName(o.child) !== prettyName(x))) {
        const bad = order.find((o) => prettyName(o.child) !== prettyName(x))!;
        throw new AnalysisError('INVALID_WITHIN_GROUP_EXPRESSION.MISMATCH_WITH_DISTINCT_INPUT', `Invalid function \`${calledAs}\` with WITHIN GROUP. The function is invoked with DISTINCT and WITHIN GROUP but expressions "${prettyName(x)}" and "${prettyName(bad.child)}" do not match. The WITHIN GROUP ordering expression must be picked from the function inputs.`, { funcName: `\`${calledAs}\`` });
      }
      const t = dataTypeOf(x);
      const value = t.kind === 'binary' || t.kind === 'string' ? x : castTo(x, { kind: 'string' });
      // A delimiter of another type is cast as Spark's implicit cast does (listagg(s, 1) joins with "1").
      const d = dataTypeOf(delim);
      const outKind = t.kind === 'binary' ? 'binary' : 'string';
      const delimiter = d.kind === 'null' || d.kind === outKind ? delim : castTo(delim, { kind: outKind } as never);
      const keys = distinct ? [] : order.flatMap((o) => [o.child, lit(sortCode(o.direction === 'desc', o.nullOrdering === 'nullsLast'), IntegerT)]);
      const call = resolved(fn, calledAs, [value, delimiter, ...keys], distinct, fullSql);
      // DISTINCT sorts its values when ordered by them: kept as one key over the value.
      if (distinct && order.length > 0 && call.kind === 'agg') {
        const o = order[0]!;
        return { ...call, args: [...call.args, call.args[0]!, lit(sortCode(o.direction === 'desc', o.nullOrdering === 'nullsLast'), IntegerT)] };
      }
      return call;
    }
    case 'percentile_cont':
    case 'percentile_disc': {
      if (order.length !== 1) throw wrongOrderings(calledAs, order.length);
      if (args.length !== 1) {
        throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${calledAs}\` requires 1 parameters but the actual number is ${args.length}.`, { functionName: `\`${calledAs}\`` });
      }
      const x = order[0]!.child;
      const p = args[0]!;
      const errSql = `${calledAs}(${prettyName(x)}, ${prettyName(p)})`;
      const pt = dataTypeOf(p);
      const pCast = pt.kind === 'array' ? p : castTo(p, { kind: 'float64' });
      checkPercentages(errSql, pCast, p);
      return resolved(fn, calledAs, [x, pCast, lit(order[0]!.direction === 'desc' ? 1 : 0, IntegerT)], distinct, errSql);
    }
    default:
      return undefined;
  }
}

function wrongOrderings(fn: string, n: number): AnalysisError {
  return new AnalysisError('INVALID_WITHIN_GROUP_EXPRESSION.WRONG_NUM_ORDERINGS', `Invalid function \`${fn}\` with WITHIN GROUP. The function requires 1 orderings in WITHIN GROUP but got ${n}.`, { funcName: `\`${fn}\``, expectedNum: '1', actualNum: String(n) });
}

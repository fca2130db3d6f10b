// The vectorized expression evaluator: a bound, resolved expression over a record batch gives one column.
// Kernels live beside this file; this module only dispatches on the expression kind.
import type * as arrow from 'apache-arrow';
import { columnData } from '../../execution/vectors.js';
import { assertNever } from '../../util/assert.js';
import { type DataType, sameType } from '../../types/data-type.js';
import { dataTypeOf, exists, type Expression, exprToString } from '../expression.js';
import { RAISING_FUNCTIONS } from '../functions/context-functions.js';
import { lookupScalarFunction } from '../functions/registry.js';
import { lookupHigherOrderFunction } from '../functions/higher-order.js';
import { type ArithOperand, arithmetic, negate } from './arithmetic.js';
import { decimalArith } from './arithmetic-decimal.js';
import { castColumn } from './cast.js';
import { nullColumn } from './columns.js';
import { compare, type CompareOperand } from './compare.js';
import { caseWhen, evalIn } from './conditional.js';
import { broadcastLiteral } from './literal.js';
import { and, isNotNull, isNull, not, or, trueMask } from './logic.js';
import { scatterRows, selectRows } from './take.js';

export interface EvalContext {
  /** `spark.sql.ansi.enabled`: raise on overflow, division by zero and malformed casts instead of giving NULL. */
  readonly ansi: boolean;
  /** `spark.sql.mapKeyDedupPolicy` is LAST_WIN: a repeated map key keeps its first position and its last value. */
  readonly mapKeyLastWin?: boolean;
  /** `spark.sql.session.timeZone`: the zone timestamps are read and shown in (absent: UTC). */
  readonly timeZone?: string;
  /** The query's current time (µs), fixed when it is optimized, so current_timestamp() is one value per query. */
  readonly currentMicros?: bigint;
  /** The task's partition index (spark_partition_id, monotonically_increasing_id, rand's seed); 0 when absent. */
  readonly partitionId?: number;
  /** What nondeterministic calls keep across the batches of one task (a random generator, a row count), by call node. */
  readonly state?: Map<object, unknown>;
  /** The file split being read by this task's scan, if any (input_file_name and its siblings). */
  readonly inputFile?: () => { readonly path: string; readonly start: number; readonly length: number } | undefined;
}

export const DEFAULT_EVAL_CONTEXT: EvalContext = Object.freeze({ ansi: false, timeZone: 'UTC' });

/** Evaluates `expr` over `batch`; the result has `batch.numRows` rows. */
export function evaluate(expr: Expression, batch: arrow.RecordBatch, ctx: EvalContext = DEFAULT_EVAL_CONTEXT): arrow.Data {
  const n = batch.numRows;
  const ev = (e: Expression) => evaluate(e, batch, ctx);
  switch (expr.kind) {
    case 'boundRef': {
      const d = columnData(batch, expr.ordinal);
      if (!d) throw new Error(`bound reference ${exprToString(expr)} is out of range: the batch has ${batch.numCols} columns`);
      return d;
    }
    case 'literal':
      return broadcastLiteral(expr.value, expr.dataType, n);
    case 'alias':
    case 'sortOrder':
      return ev(expr.child);
    case 'arith': {
      if (expr.dataType?.kind === 'decimal') {
        const lt = dataTypeOf(expr.left);
        const rt = dataTypeOf(expr.right);
        if (lt.kind !== 'decimal' || rt.kind !== 'decimal') throw new Error(`decimal arithmetic ${exprToString(expr)} needs decimal operands (the analyzer must cast them)`);
        return decimalArith(expr.op, ev(expr.left), lt, ev(expr.right), rt, expr.dataType, n, ctx.ansi);
      }
      const type = dataTypeOf(expr.left);
      return arithmetic(expr.op, operand(expr.left, type, batch, ctx), operand(expr.right, type, batch, ctx), type, n, ctx);
    }
    case 'cmp': {
      const type = dataTypeOf(expr.left);
      return compare(expr.op, operand(expr.left, type, batch, ctx), operand(expr.right, type, batch, ctx), type, n);
    }
    case 'and':
    case 'or': {
      const left = ev(expr.left);
      // Under ANSI the right side only runs where the left does not already decide the result.
      const right = ctx.ansi ? evaluateRows(expr.right, batch, undecidedBy(left, n, expr.kind === 'and'), ctx) : ev(expr.right);
      return expr.kind === 'and' ? and(left, right, n) : or(left, right, n);
    }
    case 'not':
      return not(ev(expr.child), n);
    case 'negate':
      return negate(ev(expr.child), dataTypeOf(expr.child), n, ctx);
    case 'isNull':
      return isNull(ev(expr.child), n);
    case 'isNotNull':
      return isNotNull(ev(expr.child), n);
    case 'cast':
      // try_cast converts as non-ANSI Spark does (NULL where a value does not fit), in the session's zone.
      return castColumn(ev(expr.child), dataTypeOf(expr.child), expr.to, n, expr.try ? { ...ctx, ansi: false } : ctx);
    case 'caseWhen':
      return caseWhen(expr, n, (e, mask) => evaluateRows(e, batch, mask, ctx), ctx.ansi);
    case 'in':
      return evalIn(expr, n, (e, mask) => evaluateRows(e, batch, mask, ctx));
    case 'fn': {
      const def = lookupScalarFunction(expr.name);
      if (!def) throw new Error(`unknown scalar function ${expr.name}`);
      return def.eval(expr.args.map(ev), n, ctx, expr);
    }
    case 'hof': {
      const def = lookupHigherOrderFunction(expr.name);
      if (!def) throw new Error(`unknown higher-order function ${expr.name}`);
      return def.eval(expr, batch, ctx, evaluate);
    }
    case 'lambdaVar':
    case 'lambda':
    case 'unresolvedLambdaVar':
    case 'attr':
    case 'unresolvedColumn':
    case 'star':
    case 'unresolvedFunction':
    case 'agg':
    case 'windowExpr':
    case 'windowFn':
      throw new Error(`Expression ${exprToString(expr)} (${expr.kind}) must be resolved and bound before it can be evaluated`);
    case 'pythonUdf':
      // The planner moves Python UDFs into PythonEval operators; reaching one here is a planner bug.
      throw new Error(`Python UDF ${expr.name} must run in a Python worker, not in the expression evaluator`);
    default:
      return assertNever(expr, 'expression');
  }
}

/** A literal of the operation's type (arithmetic, comparison) goes to the kernel as a scalar instead of a broadcast column. */
function operand(expr: Expression, type: DataType, batch: arrow.RecordBatch, ctx: EvalContext): ArithOperand & CompareOperand {
  // A decimal scalar is an unscaled value: it stands for the operand only at the operation's own scale.
  if (expr.kind === 'literal' && expr.dataType.kind === type.kind && (type.kind !== 'decimal' || sameType(expr.dataType, type))) return { scalar: expr.value };
  return evaluate(expr, batch, ctx);
}

const raising = new WeakMap<Expression, boolean>();

/** True when `expr` calls raise_error / assert_true, which must see only the rows a CASE branch selects, ANSI or not. */
function mayRaise(expr: Expression): boolean {
  let r = raising.get(expr);
  if (r === undefined) {
    r = exists(expr, (x) => x.kind === 'fn' && RAISING_FUNCTIONS.has(x.name));
    raising.set(expr, r);
  }
  return r;
}

/** One byte per row, 1 iff `expr` is TRUE (NULL and FALSE give 0). */
export function evaluatePredicate(expr: Expression, batch: arrow.RecordBatch, ctx: EvalContext = DEFAULT_EVAL_CONTEXT): Uint8Array {
  return trueMask(evaluate(expr, batch, ctx), batch.numRows);
}

/**
 * Evaluates `expr` only for the rows where `mask` is 1 when that matters (ANSI mode, where skipped rows must not raise);
 * rows outside the mask are NULL or arbitrary.
 */
export function evaluateRows(expr: Expression, batch: arrow.RecordBatch, mask: Uint8Array | null, ctx: EvalContext): arrow.Data {
  if ((!ctx.ansi && !mayRaise(expr)) || mask === null || expr.kind === 'literal' || expr.kind === 'boundRef') return evaluate(expr, batch, ctx);
  const n = batch.numRows;
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i]!;
  if (count === n) return evaluate(expr, batch, ctx);
  const type = dataTypeOf(expr);
  if (count === 0) return nullColumn(type, n);
  const sub = selectRows(batch, mask);
  return scatterRows(type, evaluate(expr, sub.batch, ctx), sub.positions, n);
}

/** Rows whose AND (OR) result still depends on the right side: left is NULL or TRUE (NULL or FALSE). */
function undecidedBy(left: arrow.Data, n: number, isAnd: boolean): Uint8Array {
  return trueMask(or(isAnd ? left : not(left, n), isNull(left, n), n), n);
}


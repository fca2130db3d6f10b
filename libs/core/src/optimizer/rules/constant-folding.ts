// Folds expressions whose leaves are all literals into one literal, evaluating them with the engine's own
// evaluator on a one-row batch (so results match run time exactly), and propagates NULL literals through
// null-intolerant operators (arithmetic, comparison, NOT, negation, cast, IN) even when the other operand is not constant.
//
//   Project [(a#1 + (1 + 2)) AS x#3, (CAST(NULL AS INT) + a#1) AS y#4]      Project [(a#1 + 3) AS x#3, NULL AS y#4]
//   +- Filter ((2 * 3) > 5)                                            ==>   +- Filter true
//      +- LocalRelation [a#1]                                                  +- LocalRelation [a#1]
import * as arrow from 'apache-arrow';
import { type Expression, type Literal, type LiteralValue, children, dataTypeOf, lit, transformUp } from '../../expr/expression.js';
import { DEFAULT_EVAL_CONTEXT, type EvalContext, evaluate } from '../../expr/eval/evaluate.js';
import { lookupScalarFunction } from '../../expr/functions/registry.js';
import { decimalWords, readDecimal } from '../../execution/decimal-data.js';
import { makeBatch, isNullAt } from '../../execution/vectors.js';
import { type LogicalPlan, transformPlanUp } from '../../plan/logical-plan.js';
import type { DataType } from '../../types/data-type.js';
import { assertNever } from '../../util/assert.js';
import type { OptimizerRule, OptimizerRun } from '../optimizer.js';
import { isDeterministic, mapPlanExpressions } from '../plan-util.js';

export const constantFolding: OptimizerRule = {
  name: 'constant-folding',
  apply(plan: LogicalPlan, run?: OptimizerRun): LogicalPlan {
    const ctx: EvalContext = { ansi: true, timeZone: run?.timeZone ?? 'UTC', currentMicros: run?.currentMicros ?? BigInt(Date.now()) * 1000n };
    return transformPlanUp(plan, (p) => mapPlanExpressions(p, (e) => foldExpression(e, ctx)));
  },
};

/** Folds every literal-only subtree of `e`; returns `e` itself when nothing folds. */
export function foldExpression(e: Expression, ctx: EvalContext = FOLD_CONTEXT): Expression {
  return transformUp(e, (x) => foldNode(x, ctx));
}

function isNullLiteral(e: Expression): boolean {
  return e.kind === 'literal' && e.value === null;
}

function foldNode(e: Expression, ctx: EvalContext): Expression {
  switch (e.kind) {
    case 'arith':
      if (isNullLiteral(e.left) || isNullLiteral(e.right)) return lit(null, dataTypeOf(e));
      break;
    case 'cmp':
      // `x <=> NULL` is `x IS NULL`, never NULL itself.
      if (e.op !== '<=>' && (isNullLiteral(e.left) || isNullLiteral(e.right))) return lit(null, dataTypeOf(e));
      break;
    case 'negate':
    case 'not':
    case 'cast':
      if (isNullLiteral(e.child)) return lit(null, dataTypeOf(e));
      break;
    case 'in':
      if (isNullLiteral(e.child)) return lit(null, dataTypeOf(e));
      break;
    case 'and':
    case 'or':
    case 'isNull':
    case 'isNotNull':
    case 'caseWhen':
      break;
    case 'fn':
      if (!isDeterministic(e) || lookupScalarFunction(e.name)?.ansiDependent) return e;
      break;
    default:
      // Leaves, aliases (names must survive), aggregates and sort orders are never folded themselves.
      return e;
  }
  if (!children(e).every((c) => c.kind === 'literal')) return e;
  return evaluateToLiteral(e, ctx) ?? e;
}

let oneRowBatch: arrow.RecordBatch | undefined;

/**
 * Folding runs in ANSI mode whatever the session's setting: an expression that evaluates without error there
 * gives the same value in both modes, and one that raises (overflow, division by zero, bad cast) is left for run
 * time, which then raises or returns NULL as the session is configured.
 */
const FOLD_CONTEXT: EvalContext = Object.freeze({ ...DEFAULT_EVAL_CONTEXT, ansi: true });

/** Evaluates a literal-only expression; undefined when the result is not representable or evaluation fails. */
function evaluateToLiteral(e: Expression, ctx: EvalContext): Literal | undefined {
  const type = dataTypeOf(e);
  oneRowBatch ??= makeBatch(new arrow.Schema([]), [], 1);
  let data: arrow.Data;
  try {
    data = evaluate(e, oneRowBatch, ctx);
  } catch {
    return undefined;
  }
  if (data.length < 1) return undefined;
  if (isNullAt(data, 0)) return lit(null, type);
  const value = firstValue(data, type);
  return value === undefined ? undefined : lit(value, type);
}

/**
 * Row 0 of `d` as a literal value of `type`; undefined for types a literal cannot hold. Arrow-js slices value and
 * offset buffers (row 0 is at index 0) but not boolean bits, which stay at bit `offset`.
 */
function firstValue(d: arrow.Data, type: DataType): LiteralValue | undefined {
  const values: unknown = d.values;
  switch (type.kind) {
    case 'boolean':
      return values instanceof Uint8Array ? (values[d.offset >> 3]! & (1 << (d.offset & 7))) !== 0 : undefined;
    case 'int32':
    case 'date':
      return values instanceof Int32Array ? values[0]! : undefined;
    case 'float64':
      return values instanceof Float64Array ? values[0]! : undefined;
    case 'int64':
    case 'timestamp':
      return values instanceof BigInt64Array ? values[0]! : undefined;
    case 'decimal': {
      const words = values instanceof Uint32Array && values.length >= 4 ? decimalWords(d) : undefined;
      return words ? readDecimal(words, 0) : undefined;
    }
    case 'string': {
      const offsets = d.valueOffsets as unknown;
      if (!(offsets instanceof Int32Array) || !(values instanceof Uint8Array)) return undefined;
      return new TextDecoder().decode(values.subarray(offsets[0]!, offsets[1]!));
    }
    case 'null':
      return null;
    case 'binary':
    case 'array':
    case 'map':
    case 'struct':
      return undefined;
    default:
      return assertNever(type, 'data type');
  }
}

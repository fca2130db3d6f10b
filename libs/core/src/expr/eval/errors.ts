// The runtime errors the evaluator raises under ANSI mode, worded as Spark words them.
import { ExecutionError } from '../../errors.js';
import type { DataType } from '../../types/data-type.js';
import { simpleString } from '../../types/data-type.js';

const BYPASS = 'If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.';

export function divideByZero(): ExecutionError {
  return new ExecutionError(
    'DIVIDE_BY_ZERO',
    `Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. ${BYPASS}`,
    { config: '"spark.sql.ansi.enabled"' },
  );
}

export function arithmeticOverflow(what: string): ExecutionError {
  return new ExecutionError('ARITHMETIC_OVERFLOW', `${what} overflow. ${BYPASS}`, { message: `${what} overflow` });
}

/** Spark's NUMERIC_VALUE_OUT_OF_RANGE: a decimal result that does not fit decimal(p, s) under ANSI mode. */
export function decimalOutOfRange(value: string, precision: number, scale: number): ExecutionError {
  return new ExecutionError(
    'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION',
    `${value} cannot be represented as Decimal(${precision}, ${scale}). ${BYPASS}`,
    { value, precision: String(precision), scale: String(scale), config: '"spark.sql.ansi.enabled"' },
  );
}

export function castInvalidInput(value: string, to: DataType): ExecutionError {
  const target = simpleString(to).toUpperCase();
  return new ExecutionError(
    'CAST_INVALID_INPUT',
    `The value '${value}' of the type "STRING" cannot be cast to "${target}" because it is malformed. ` +
      `Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. ${BYPASS}`,
    { expression: `'${value}'`, sourceType: '"STRING"', targetType: `"${target}"` },
  );
}

export function castOverflow(value: string, from: DataType, to: DataType): ExecutionError {
  const source = simpleString(from).toUpperCase();
  const target = simpleString(to).toUpperCase();
  return new ExecutionError(
    'CAST_OVERFLOW',
    `The value ${value} of the type "${source}" cannot be cast to "${target}" due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead. ${BYPASS}`,
    { value, sourceType: `"${source}"`, targetType: `"${target}"` },
  );
}

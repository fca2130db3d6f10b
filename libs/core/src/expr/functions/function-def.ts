// The shape of a scalar function definition, and the argument-checking helpers their `resolve` methods share.
import type * as arrow from 'apache-arrow';
import type { Expression, ScalarFunction } from '../expression.js';
import { type DataType, DoubleT, fromArrowType, isNumeric, sameType, simpleString, StringT } from '../../types/data-type.js';
import { castColumn } from '../eval/cast.js';
import type { EvalContext } from '../eval/evaluate.js';
import { commonType } from './coercion.js';

export type ResolvedSignature = {
  readonly argTypes: readonly DataType[];
  readonly dataType: DataType;
  /** Nullability of the result from that of the arguments; absent = nullable when any argument is. */
  readonly nullable?: (argNullable: readonly boolean[]) => boolean;
};

export type ResolveResult = ResolvedSignature | { readonly error: string };

/** What `resolveArgs` gives: the call's arguments, type, nullability, and optionally its stored and printed names. */
export interface ResolvedCall {
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly name?: string;
  readonly displayName?: string;
}

export interface ScalarFunctionDef {
  /** Spark name, lower case. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** How Spark prints a call in generated column names when that differs from `name` (e.g. `SQRT(d)`, `FLOOR(d)`). */
  readonly prettyName?: string;
  /** Adds the arguments a call may leave out (Spark's default-argument constructors), so names print them too. */
  completeArgs?(args: readonly Expression[]): readonly Expression[];
  /** Checks argument types: returns the types the analyzer must cast each argument to, and the result type; or an error message naming the argument at fault. */
  resolve(argTypes: readonly DataType[]): ResolveResult;
  /**
   * For functions whose result type depends on argument values (struct field names): resolves the call from its
   * resolved arguments instead of `resolve`, and may rewrite them (and the name the call is stored under).
   */
  resolveArgs?(args: readonly Expression[]): ResolvedCall | { readonly error: string; readonly errorClass?: string };
  /** Arguments arrive already cast to the resolved types; `call` is the resolved call being evaluated. */
  eval(args: readonly arrow.Data[], numRows: number, ctx: EvalContext, call?: ScalarFunction): arrow.Data;
  readonly doc: { readonly description: string; readonly example: string };
  /**
   * The result (not only whether it raises) differs between ANSI and non-ANSI mode — size(NULL) is NULL or -1 —
   * so constant folding, which evaluates in ANSI mode, leaves calls of it for run time.
   */
  readonly ansiDependent?: boolean;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** `first`, `second`, … as Spark's messages number parameters. */
export function ordinal(i: number): string {
  return ORDINALS[i] ?? `${i + 1}th`;
}

export function typeText(t: DataType): string {
  return `"${sqlText(t)}"`;
}

/** Spark's DataType.sql where it differs from the upper-cased simpleString: maps print `MAP<INT, STRING>`. */
function sqlText(t: DataType): string {
  if (t.kind === 'map') return `MAP<${sqlText(t.keyType)}, ${sqlText(t.valueType)}>`;
  if (t.kind === 'array') return `ARRAY<${sqlText(t.elementType)}>`;
  return simpleString(t).toUpperCase();
}

/** Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE wording, naming the parameter at fault. */
export function unexpectedType(fn: string, i: number, expected: string, actual: DataType): { error: string } {
  return { error: `The ${ordinal(i)} parameter of \`${fn}\` requires the ${expected} type, however it has the type ${typeText(actual)}.` };
}

/** Spark's WRONG_NUM_ARGS wording. */
export function wrongArgCount(fn: string, expected: string, actual: number): { error: string } {
  return { error: `The \`${fn}\` requires ${expected} parameters but the actual number is ${actual}.` };
}

/** Types Spark implicitly casts to string: every atomic type. */
export function castableToString(t: DataType): boolean {
  return t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct';
}

/** Types Spark implicitly casts to double for math functions: numbers, strings and NULL. */
export function castableToDouble(t: DataType): boolean {
  return isNumeric(t) || t.kind === 'string' || t.kind === 'null';
}

/** Resolves a function whose arguments must all be strings (implicitly cast), returning `dataType`. */
export function allStrings(fn: string, argTypes: readonly DataType[], dataType: DataType): ResolveResult {
  for (let i = 0; i < argTypes.length; i++) {
    if (!castableToString(argTypes[i]!)) return unexpectedType(fn, i, '"STRING"', argTypes[i]!);
  }
  return { argTypes: argTypes.map(() => StringT), dataType };
}

/** The type a numeric argument is cast to: int/bigint/double stay, strings and NULL become double, others are an error. */
export function numericArg(fn: string, t: DataType): DataType | { error: string } {
  if (isNumeric(t)) return t;
  if (castableToDouble(t)) return DoubleT;
  return unexpectedType(fn, 0, '"NUMERIC"', t);
}

export function isError(r: unknown): r is { error: string } {
  return typeof r === 'object' && r !== null && 'error' in r;
}

/**
 * Arguments of a variadic function (coalesce, greatest…) brought to their common type. The analyzer casts them already;
 * this only guards against callers that build the expression by hand with mixed types.
 */
export function conformArgs(args: readonly arrow.Data[], n: number, allowString: boolean, ctx?: EvalContext): { args: readonly arrow.Data[]; type: DataType } {
  const types = args.map((a) => fromArrowType(a.type));
  const type = commonType(types, allowString) ?? types[0] ?? { kind: 'null' };
  if (types.every((t) => sameType(t, type))) return { args, type };
  return { args: args.map((a, i) => castColumn(a, types[i]!, type, n, { ansi: false, timeZone: ctx?.timeZone })), type };
}

// Spark's array functions for the TypeScript SDK, re-exported by `functions`: higher-order functions take a
// TypeScript function of Columns, called once with placeholder variables (`x_0`, `y_1`…) to build the lambda.
import { type Expression, type LambdaFunction, lit as litExpr } from '../expr/expression.js';
import { IllegalArgumentError } from '../errors.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;
type LambdaBody = (...args: Column[]) => Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}

function c(x: ColumnLike, argName = 'col'): Expression {
  return toColumnExpr(x, argName);
}

function valueArg(v: unknown): Expression {
  return v instanceof Column ? v.expr : litExpr(v as never);
}

let nextVarId = 0;

/** `f` as a lambda of as many parameters as it declares (1 to 3), as PySpark's `_create_lambda` builds it. */
function lambda(f: LambdaBody): LambdaFunction {
  if (typeof f !== 'function' || f.length < 1 || f.length > 3) {
    throw new IllegalArgumentError('WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION', `Function \`${f?.name || 'lambda'}\` should take between 1 and 3 arguments, but the provided function takes ${typeof f === 'function' ? f.length : 0}.`);
  }
  const params = ['x', 'y', 'z'].slice(0, f.length).map((n) => ({ kind: 'unresolvedLambdaVar' as const, name: `${n}_${nextVarId++}` }));
  const body = f(...params.map((p) => new Column(p)));
  if (!Column.isColumn(body)) {
    throw new IllegalArgumentError('HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN', `Function \`${f.name || 'lambda'}\` should return Column, got ${typeof body}.`);
  }
  return { kind: 'lambda', params, body: body.expr };
}

/** The array of `f` applied to each element (and its 0-based index, when `f` takes two parameters). */
export function transform(x: ColumnLike, f: LambdaBody): Column { return call('transform', [c(x), lambda(f)]); }
/** The elements for which `f` (of the element, and its index with two parameters) is true. */
export function filter(x: ColumnLike, f: LambdaBody): Column { return call('filter', [c(x), lambda(f)]); }
/** True if `f` holds for some element; NULL if for none but NULL for some. */
export function exists(x: ColumnLike, f: (x: Column) => Column): Column { return call('exists', [c(x), lambda(f)]); }
/** True if `f` holds for every element; NULL if it fails for none but is NULL for some. */
export function forall(x: ColumnLike, f: (x: Column) => Column): Column { return call('forall', [c(x), lambda(f)]); }
/** Folds the array: `merge(acc, x)` from `initialValue`, then `finish(acc)` when given. */
export function aggregate(x: ColumnLike, initialValue: ColumnLike, merge: (acc: Column, x: Column) => Column, finish?: (acc: Column) => Column): Column {
  return call('aggregate', [c(x), c(initialValue, 'initialValue'), lambda(merge), ...(finish ? [lambda(finish)] : [])]);
}
/** `aggregate` by its other name. */
export function reduce(x: ColumnLike, initialValue: ColumnLike, merge: (acc: Column, x: Column) => Column, finish?: (acc: Column) => Column): Column {
  return call('reduce', [c(x), c(initialValue, 'initialValue'), lambda(merge), ...(finish ? [lambda(finish)] : [])]);
}
/** The two arrays merged element-wise by `f`, the shorter padded with NULLs. */
export function zip_with(left: ColumnLike, right: ColumnLike, f: (x: Column, y: Column) => Column): Column {
  return call('zip_with', [c(left, 'left'), c(right, 'right'), lambda(f)]);
}
/** The array sorted ascending with NULLs last, or by `comparator(l, r)` (negative, zero or positive int). */
export function array_sort(x: ColumnLike, comparator?: (l: Column, r: Column) => Column): Column {
  return call('array_sort', comparator ? [c(x), lambda(comparator)] : [c(x)]);
}
void valueArg;

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
export function lambda(f: LambdaBody): LambdaFunction {
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
type IntLike = ColumnLike | number;
const intArg = (x: IntLike, name: string) => (typeof x === 'number' ? litExpr(x) : c(x, name));
const one = (name: string) => (x: ColumnLike): Column => call(name, [c(x)]);

/** The array without duplicates (NULL kept once), in order of first appearance. */
export const array_distinct = one('array_distinct');
/** The greatest non-NULL element (NaN above every number); NULL when there is none. */
export const array_max = one('array_max');
/** The least non-NULL element; NULL when there is none. */
export const array_min = one('array_min');
/** The array without its NULL elements. */
export const array_compact = one('array_compact');
/** The number of elements; NULL for NULL (unlike `size`). */
export const array_size = one('array_size');
/** The arrays of an array of arrays concatenated; NULL if any is NULL. */
export const flatten = one('flatten');
/** The array sorted ascending (NULLs first) or descending (NULLs last). */
export function sort_array(x: ColumnLike, asc = true): Column { return call('sort_array', [c(x), litExpr(asc)]); }
/** The 1-based position (bigint) of the first element equal to `value`; 0 when there is none. */
export function array_position(x: ColumnLike, value: unknown): Column { return call('array_position', [c(x), valueArg(value)]); }
/** The array without the elements equal to `element`. */
export function array_remove(x: ColumnLike, element: unknown): Column { return call('array_remove', [c(x), valueArg(element)]); }
/** The distinct elements of both arrays. */
export function array_union(a: ColumnLike, b: ColumnLike): Column { return call('array_union', [c(a, 'col1'), c(b, 'col2')]); }
/** The distinct elements of `a` that `b` holds too. */
export function array_intersect(a: ColumnLike, b: ColumnLike): Column { return call('array_intersect', [c(a, 'col1'), c(b, 'col2')]); }
/** The distinct elements of `a` that `b` does not hold. */
export function array_except(a: ColumnLike, b: ColumnLike): Column { return call('array_except', [c(a, 'col1'), c(b, 'col2')]); }
/** True if the arrays share a non-NULL element; NULL if not but both are non-empty and one holds a NULL. */
export function arrays_overlap(a: ColumnLike, b: ColumnLike): Column { return call('arrays_overlap', [c(a, 'a1'), c(b, 'a2')]); }
/** The elements as strings joined by `delimiter`; NULLs skipped, or replaced by `nullReplacement`. */
export function array_join(x: ColumnLike, delimiter: string, nullReplacement?: string): Column {
  return call('array_join', [c(x), litExpr(delimiter), ...(nullReplacement === undefined ? [] : [litExpr(nullReplacement)])]);
}
/** `length` elements from the 1-based `start` (negative counts from the end). */
export function slice(x: ColumnLike, start: IntLike, length: IntLike): Column { return call('slice', [c(x), intArg(start, 'start'), intArg(length, 'length')]); }
/** The element at a 1-based index (negative from the end); NULL beyond the array unless ANSI mode is on. */
export function element_at(x: ColumnLike, index: unknown): Column { return call('element_at', [c(x), valueArg(index)]); }
/** As `element_at`, but NULL beyond the array in ANSI mode too. */
export function try_element_at(x: ColumnLike, index: ColumnLike): Column { return call('try_element_at', [c(x), c(index, 'extraction')]); }
/** The element at a 0-based index; NULL outside the array. */
export function get(x: ColumnLike, index: IntLike): Column { return call('get', [c(x), intArg(index, 'index')]); }
/** Structs of the k-th elements of each array, fields named after the columns. */
export function arrays_zip(...cols: ColumnLike[]): Column { return call('arrays_zip', cols.map((x) => c(x, 'cols'))); }
/** The integers (or dates, day by day) from `start` to `stop` inclusive, by `step`. */
export function sequence(start: ColumnLike, stop: ColumnLike, step?: ColumnLike): Column {
  return call('sequence', [c(start, 'start'), c(stop, 'stop'), ...(step === undefined ? [] : [c(step, 'step')])]);
}
/** The array with `value` added at its end. */
export function array_append(x: ColumnLike, value: unknown): Column { return call('array_append', [c(x), valueArg(value)]); }
/** The array with `value` added at its start. */
export function array_prepend(x: ColumnLike, value: unknown): Column { return call('array_prepend', [c(x), valueArg(value)]); }
/** The array with `value` inserted at the 1-based `pos` (negative from the end), NULL-padded beyond it. */
export function array_insert(x: ColumnLike, pos: IntLike, value: unknown): Column { return call('array_insert', [c(x), intArg(pos, 'pos'), valueArg(value)]); }

// Array functions without lambdas (Spark's collectionOperations): set-like operations, sorting, positions and
// slices. Rows are read as JS values (eval/values.ts) and rebuilt with buildColumn; element equality is Spark's
// ordering equivalence (NaN equals NaN, -0.0 equals 0.0), which JS's SameValueZero gives for plain values.
import type * as arrow from 'apache-arrow';
import { ExecutionError, IllegalArgumentError } from '../../errors.js';
import { type ArrayType, type DataType, ArrayT, BooleanT, DateT, IntegerT, LongT, NullT, StringT, StructT, isNumeric, sameType } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit, nullableOf, prettyName } from '../expression.js';
import { listData, validityOf } from '../eval/columns.js';
import type { EvalContext } from '../eval/evaluate.js';
import { castColumn } from '../eval/cast.js';
import { compareValues } from '../eval/compare.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { widerType } from './coercion.js';
import { keyToMapKey, mapValueAt } from './map-functions.js';
import { type ResolvedCall, type ScalarFunctionDef, ordinal, typeText, wrongArgCount } from './function-def.js';

type Failure = { readonly error: string; readonly errorClass?: string };

/** Spark's UNEXPECTED_INPUT_TYPE, naming the argument's SQL text. */
function unexpected(i: number, expected: string, e: Expression): Failure {
  return { error: `The ${ordinal(i)} parameter requires the ${expected} type, however "${prettyName(e)}" has the type ${typeText(dataTypeOf(e))}.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
}

function implicitCast(e: Expression, to: DataType): Expression {
  if (sameType(dataTypeOf(e), to)) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: to };
  return { kind: 'cast', child: e, to, implicit: true };
}

/** An argument that must be an array, or NULL (taken as an array of `fallback`). */
function arrayArg(args: readonly Expression[], i: number, fallback: DataType = NullT): { arg: Expression; type: ArrayType } | Failure {
  const e = args[i]!;
  const t = dataTypeOf(e);
  if (t.kind === 'array') return { arg: e, type: t };
  if (t.kind === 'null') {
    const type = ArrayT(fallback, true);
    return { arg: implicitCast(e, type), type };
  }
  return unexpected(i, '"ARRAY"', e);
}

function failed(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'error' in x;
}

/**
 * A list column whose elements are brought to `to` (Kindling's CAST has no array-to-array casts, so the element
 * conversion Spark's implicit cast makes happens here, over the list's child).
 */
function conformList(list: arrow.Data, from: DataType, to: DataType, n: number, ctx: EvalContext): arrow.Data {
  if (sameType(from, to) || from.kind !== 'array') return list;
  const child = list.children[0]!;
  const elements = castColumn(child, from.elementType, to, child.length, ctx);
  return listData(ArrayT(to), n, list.valueOffsets as Int32Array, elements, validityOf(list));
}

/** The rows of a list column as JS arrays (null for NULL rows). */
function arrayRows(d: arrow.Data, n: number, elementType: DataType): (readonly unknown[] | null)[] {
  const read = valueReader(d, ArrayT(elementType, true));
  const out: (readonly unknown[] | null)[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = read(i) as readonly unknown[] | null;
  return out;
}

function valueRows(d: arrow.Data, n: number, type: DataType): unknown[] {
  const read = valueReader(d, type);
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = read(i);
  return out;
}

/** A Set/Map key under which equal elements meet: plain values as they are, nested ones as text. */
function keyOf(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? 0 : x));
}

function distinct(xs: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const x of xs) {
    const k = keyOf(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

/** A one-array function mapping each row's elements (`f` sees only non-NULL rows). */
function mapRows(d: arrow.Data, n: number, t: ArrayType, out: DataType, f: (xs: readonly unknown[], i: number) => unknown): arrow.Data {
  const rows = arrayRows(d, n, t.elementType);
  return buildColumn(out, rows.map((r, i) => (r === null ? null : f(r, i))));
}

function oneArray(name: string, description: string, example: string, result: (t: ArrayType) => DataType, f: (xs: readonly unknown[], t: ArrayType) => unknown, nullable?: (argNullable: boolean, t: ArrayType) => boolean): ScalarFunctionDef {
  return {
    name,
    resolve() {
      return { error: 'resolved by resolveArgs' };
    },
    resolveArgs(args) {
      if (args.length !== 1) return { ...wrongArgCount(name, '1', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
      const a = arrayArg(args, 0);
      if (failed(a)) return a;
      return { args: [a.arg], dataType: result(a.type), nullable: nullable ? nullable(nullableOf(a.arg), a.type) : true };
    },
    eval(args, n, _ctx, call) {
      const t = dataTypeOf(call!.args[0]!) as ArrayType;
      return mapRows(args[0]!, n, t, call!.dataType, (xs) => f(xs, t));
    },
    doc: { description, example: `df.select(${example})` },
  };
}

export const arrayDistinct = oneArray('array_distinct', 'The array without duplicate elements (NULL kept once), in order of first appearance.', "array_distinct(col('xs'))", (t) => t, (xs) => distinct(xs), (n) => n);

function extreme(name: 'array_max' | 'array_min'): ScalarFunctionDef {
  const sign = name === 'array_max' ? 1 : -1;
  return oneArray(name, `The ${name === 'array_max' ? 'greatest' : 'least'} non-NULL element (NaN is greater than any number); NULL when there is none.`, `${name}(col('xs'))`, (t) => t.elementType, (xs, t) => {
    let best: unknown = null;
    for (const x of xs) if (x !== null && (best === null || sign * compareValues(x, best, t.elementType) > 0)) best = x;
    return best;
  });
}
export const arrayMax = extreme('array_max');
export const arrayMin = extreme('array_min');

export const arrayCompact = oneArray('array_compact', 'The array without its NULL elements.', "array_compact(col('xs'))", (t) => ArrayT(t.elementType, false), (xs) => xs.filter((x) => x !== null), (n) => n);

export const arraySize: ScalarFunctionDef = {
  ...oneArray('array_size', 'The number of elements of the array; NULL for NULL.', "array_size(col('xs'))", () => IntegerT, (xs) => xs.length, (n) => n),
};

export const flatten: ScalarFunctionDef = {
  name: 'flatten',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 1) return { ...wrongArgCount('flatten', '1', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = dataTypeOf(args[0]!);
    if (t.kind !== 'array' || t.elementType.kind !== 'array') {
      return { error: `The first parameter requires the "ARRAY" of "ARRAY" type, however "${prettyName(args[0]!)}" has the type ${typeText(t)}.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    }
    return { args, dataType: t.elementType, nullable: nullableOf(args[0]!) || t.containsNull };
  },
  eval(args, n, _ctx, call) {
    const t = dataTypeOf(call!.args[0]!) as ArrayType;
    return mapRows(args[0]!, n, t, call!.dataType, (xs) => (xs.some((x) => x === null) ? null : (xs as unknown[][]).flat(1)));
  },
  doc: { description: 'The arrays of an array of arrays concatenated; NULL if any of them is NULL.', example: "df.select(flatten(col('xss')))" },
};

/** An array and a value of its element type, both brought to their wider type (Spark's ArrayFunctionDiffTypes check). */
function arrayAndValue(name: string, args: readonly Expression[]): { arr: Expression; value: Expression; element: DataType } | Failure {
  if (args.length !== 2) return { ...wrongArgCount(name, '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
  const at = dataTypeOf(args[0]!);
  const vt = dataTypeOf(args[1]!);
  const element = at.kind === 'array' ? widerType(at.elementType, vt) : undefined;
  if (at.kind !== 'array' || !element) {
    return { error: `Input to \`${name}\` should have been "ARRAY" followed by a value with same element type, but it's [${typeText(at)}, ${typeText(vt)}].`, errorClass: 'DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES' };
  }
  return { arr: args[0]!, value: implicitCast(args[1]!, element), element };
}

function arrayValueFunction(name: string, description: string, example: string, result: (element: DataType, t: ArrayType) => DataType, f: (xs: readonly unknown[], v: unknown, element: DataType) => unknown, nullOnNullValue = true): ScalarFunctionDef {
  return {
    name,
    resolve() {
      return { error: 'resolved by resolveArgs' };
    },
    resolveArgs(args) {
      const r = arrayAndValue(name, args);
      if (failed(r)) return r;
      return { args: [r.arr, r.value], dataType: result(r.element, dataTypeOf(r.arr) as ArrayType), nullable: true };
    },
    eval(args, n, ctx, call) {
      const element = dataTypeOf(call!.args[1]!);
      const rows = arrayRows(conformList(args[0]!, dataTypeOf(call!.args[0]!), element, n, ctx), n, element);
      const values = valueRows(args[1]!, n, element);
      return buildColumn(call!.dataType, rows.map((r, i) => (r === null || (nullOnNullValue && values[i] === null) ? null : f(r, values[i], element))));
    },
    doc: { description, example: `df.select(${example})` },
  };
}

function indexOfValue(xs: readonly unknown[], v: unknown, element: DataType): number {
  for (let k = 0; k < xs.length; k++) if (xs[k] !== null && compareValues(xs[k], v, element) === 0) return k;
  return -1;
}

export const arrayPosition = arrayValueFunction('array_position', 'The 1-based position (a bigint) of the first element equal to the value; 0 when there is none.', "array_position(col('xs'), 2)", () => LongT, (xs, v, e) => BigInt(indexOfValue(xs, v, e) + 1));
export const arrayRemove = arrayValueFunction('array_remove', 'The array without the elements equal to the value.', "array_remove(col('xs'), 2)", (e, t) => ArrayT(e, t.containsNull), (xs, v, e) => xs.filter((x) => x === null || compareValues(x, v, e) !== 0));
export const arrayAppend = arrayValueFunction('array_append', 'The array with the value added at its end.', "array_append(col('xs'), 4)", (e) => ArrayT(e, true), (xs, v) => [...xs, v], false);
export const arrayPrepend = arrayValueFunction('array_prepend', 'The array with the value added at its start.', "array_prepend(col('xs'), 0)", (e) => ArrayT(e, true), (xs, v) => [v, ...xs], false);

/** Two arrays brought to one element type (Spark's BINARY_ARRAY_DIFF_TYPES check). */
function twoArrays(name: string, args: readonly Expression[]): { a: Expression; b: Expression; type: ArrayType } | Failure {
  if (args.length !== 2) return { ...wrongArgCount(name, '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
  const at = dataTypeOf(args[0]!);
  const bt = dataTypeOf(args[1]!);
  const element = at.kind === 'array' && bt.kind === 'array' ? widerType(at.elementType, bt.elementType) : undefined;
  if (!element || at.kind !== 'array' || bt.kind !== 'array') {
    return { error: `Input to function \`${name}\` should have been two "ARRAY" with same element type, but it's [${typeText(at)}, ${typeText(bt)}].`, errorClass: 'DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES' };
  }
  const type = ArrayT(element, at.containsNull || bt.containsNull);
  return { a: args[0]!, b: args[1]!, type };
}

function setFunction(name: string, description: string, example: string, result: (t: ArrayType, a: ArrayType) => DataType, f: (a: readonly unknown[], b: readonly unknown[]) => unknown): ScalarFunctionDef {
  return {
    name,
    resolve() {
      return { error: 'resolved by resolveArgs' };
    },
    resolveArgs(args) {
      const r = twoArrays(name, args);
      if (failed(r)) return r;
      return { args: [r.a, r.b], dataType: result(r.type, ArrayT(r.type.elementType, (dataTypeOf(r.a) as ArrayType).containsNull)), nullable: nullableOf(r.a) || nullableOf(r.b) };
    },
    eval(args, n, ctx, call) {
      const at = dataTypeOf(call!.args[0]!) as ArrayType;
      const bt = dataTypeOf(call!.args[1]!) as ArrayType;
      const element = widerType(at.elementType, bt.elementType)!;
      const a = arrayRows(conformList(args[0]!, at, element, n, ctx), n, element);
      const b = arrayRows(conformList(args[1]!, bt, element, n, ctx), n, element);
      return buildColumn(call!.dataType, a.map((x, i) => (x === null || b[i] === null ? null : f(x, b[i]!))));
    },
    doc: { description, example: `df.select(${example})` },
  };
}

const keys = (xs: readonly unknown[]) => new Set(xs.map(keyOf));

export const arrayUnion = setFunction('array_union', 'The distinct elements of both arrays, those of the first first.', "array_union(col('xs'), col('ys'))", (t) => t, (a, b) => distinct([...a, ...b]));
export const arrayIntersect = setFunction('array_intersect', 'The distinct elements of the first array that the second holds too.', "array_intersect(col('xs'), col('ys'))", (t) => t, (a, b) => {
  const inB = keys(b);
  return distinct(a).filter((x) => inB.has(keyOf(x)));
});
export const arrayExcept = setFunction('array_except', 'The distinct elements of the first array that the second does not hold.', "array_except(col('xs'), col('ys'))", (t, a) => ArrayT(t.elementType, a.containsNull), (a, b) => {
  const inB = keys(b);
  return distinct(a).filter((x) => !inB.has(keyOf(x)));
});
export const arraysOverlap: ScalarFunctionDef = {
  ...setFunction('arrays_overlap', 'True if the arrays share a non-NULL element; NULL if they do not but both are non-empty and one holds a NULL.', "arrays_overlap(col('xs'), col('ys'))", () => BooleanT, (a, b) => {
    const inB = keys(b.filter((x) => x !== null));
    if (a.some((x) => x !== null && inB.has(keyOf(x)))) return true;
    return a.length > 0 && b.length > 0 && (a.includes(null) || b.includes(null)) ? null : false;
  }),
};

/** sort_array(xs[, asc]): NULLs first ascending, last descending; `asc` must be a boolean literal. */
export const sortArray: ScalarFunctionDef = {
  name: 'sort_array',
  completeArgs(args) {
    return args.length === 1 ? [args[0]!, lit(true)] : args;
  },
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 2) return { error: `The \`sort_array\` requires [1, 2] parameters but the actual number is ${args.length}.`, errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const a = arrayArg(args, 0);
    if (failed(a)) return a;
    const asc = args[1]!;
    if (dataTypeOf(asc).kind !== 'boolean') return unexpected(1, '"BOOLEAN"', asc);
    if (asc.kind !== 'literal') return { error: `the input \`ascendingOrder\` should be a foldable "BOOLEAN" expression; however, got "${prettyName(asc)}".`, errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
    return { args: [a.arg, asc], dataType: a.type, nullable: nullableOf(a.arg) };
  },
  eval(args, n, _ctx, call) {
    const t = dataTypeOf(call!.args[0]!) as ArrayType;
    const asc = (call!.args[1] as { value: unknown }).value !== false;
    return mapRows(args[0]!, n, t, t, (xs) => sortElements(xs, t.elementType, asc, asc));
  },
  doc: { description: 'The array sorted ascending (NULLs first) or, with `asc` false, descending (NULLs last).', example: "df.select(sort_array(col('xs'), false))" },
};

function sortElements(xs: readonly unknown[], element: DataType, asc: boolean, nullsFirst: boolean): unknown[] {
  const s = asc ? 1 : -1;
  return [...xs].sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : (a === null) === nullsFirst ? -1 : 1;
    return s * compareValues(a, b, element);
  });
}

/** How Spark prints array_sort's default comparator in generated names (its ArraySort(argument) constructor adds it). */
const DEFAULT_COMPARATOR = (() => {
  const v = 'namedlambdavariable()';
  const ifs = `(IF(((${v} IS NULL) AND (${v} IS NULL)), 0, (IF((${v} IS NULL), 1, (IF((${v} IS NULL), -1, (IF((${v} < ${v}), -1, (IF((${v} > ${v}), 1, 0))))))))))`;
  return `lambdafunction(${ifs}, ${v}, ${v})`;
})();

/**
 * array_sort(xs) without a comparator: ascending, NULLs last, sorted natively here rather than through Spark's
 * default comparator lambda, whose text the call carries (as a string literal) only so that names print it.
 */
export const arraySort: ScalarFunctionDef = {
  name: 'array_sort',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 1) return { error: `The second parameter of \`array_sort\` must be a lambda function (l, r) -> int, however "${prettyName(args[1] ?? lit(null))}" is not one.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    const a = arrayArg(args, 0);
    if (failed(a)) return a;
    return { args: [a.arg, lit(DEFAULT_COMPARATOR)], dataType: a.type, nullable: nullableOf(a.arg) };
  },
  eval(args, n, _ctx, call) {
    const t = dataTypeOf(call!.args[0]!) as ArrayType;
    return mapRows(args[0]!, n, t, t, (xs) => sortElements(xs, t.elementType, true, false));
  },
  doc: { description: 'The array sorted ascending with NULLs last; with a comparator lambda, by it.', example: "df.select(array_sort(col('xs')))" },
};

/** An index argument: an INT (Spark's ElementAt refuses BIGINT, strings and NULL); `get` also takes a BIGINT. */
function intArg(args: readonly Expression[], i: number, allowLong = false): Expression | Failure {
  const t = dataTypeOf(args[i]!);
  if (t.kind !== 'int32' && !(allowLong && t.kind === 'int64')) return unexpected(i, '"INT"', args[i]!);
  return implicitCast(args[i]!, IntegerT);
}

function elementAtDef(name: 'element_at' | 'try_element_at' | 'get', description: string, example: string): ScalarFunctionDef {
  return {
    name,
    resolve() {
      return { error: 'resolved by resolveArgs' };
    },
    resolveArgs(args) {
      if (args.length !== 2) return { ...wrongArgCount(name, '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
      const m = dataTypeOf(args[0]!);
      if (m.kind === 'map' && name !== 'get') {
        // The value under a key (Spark's ElementAt of a map); NULL when the key is absent.
        const k = keyToMapKey(name, args, m);
        if (failed(k)) return k;
        return { args: [k.map, k.key], dataType: m.valueType, nullable: true };
      }
      const a = arrayArg(args, 0);
      if (failed(a)) return a;
      const idx = intArg(args, 1, name === 'get');
      if (failed(idx)) return idx;
      return { args: [a.arg, idx], dataType: a.type.elementType, nullable: true };
    },
    eval(args, n, ctx, call) {
      const first = dataTypeOf(call!.args[0]!);
      if (first.kind === 'map') return mapValueAt(args, n, first, dataTypeOf(call!.args[1]!));
      const element = (first as ArrayType).elementType;
      const rows = arrayRows(args[0]!, n, element);
      const idx = valueRows(args[1]!, n, IntegerT) as (number | null)[];
      return buildColumn(element, rows.map((xs, i) => {
        const k = idx[i];
        if (xs === null || k === null || k === undefined) return null;
        if (name === 'get') return k >= 0 && k < xs.length ? xs[k] : null;
        if (k === 0) throw new ExecutionError('INVALID_INDEX_OF_ZERO', 'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).');
        const j = k > 0 ? k - 1 : xs.length + k;
        if (j < 0 || j >= xs.length) {
          if (ctx.ansi && name === 'element_at') {
            throw new ExecutionError('INVALID_ARRAY_INDEX_IN_ELEMENT_AT', `The index ${k} is out of bounds. The array has ${xs.length} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`, { indexValue: String(k), arraySize: String(xs.length) });
          }
          return null;
        }
        return xs[j];
      }));
    },
    doc: { description, example: `df.select(${example})` },
    ansiDependent: name === 'element_at',
  };
}

export const elementAt = elementAtDef('element_at', 'The element at a 1-based index (negative counts from the end); NULL beyond the array unless ANSI mode is on. Index 0 is an error.', "element_at(col('xs'), 1)");
export const tryElementAt = elementAtDef('try_element_at', 'As element_at, but NULL beyond the array in ANSI mode too.', "try_element_at(col('xs'), 1)");
export const getElement = elementAtDef('get', 'The element at a 0-based index; NULL outside the array.', "get(col('xs'), 0)");

export const slice: ScalarFunctionDef = {
  name: 'slice',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 3) return { ...wrongArgCount('slice', '3', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const a = arrayArg(args, 0);
    if (failed(a)) return a;
    const out: Expression[] = [a.arg];
    for (const i of [1, 2]) {
      const t = dataTypeOf(args[i]!);
      if (!isNumeric(t) && t.kind !== 'null') return unexpected(i, '"INT"', args[i]!);
      out.push(implicitCast(args[i]!, IntegerT));
    }
    return { args: out, dataType: a.type, nullable: true };
  },
  eval(args, n, _ctx, call) {
    const t = dataTypeOf(call!.args[0]!) as ArrayType;
    const rows = arrayRows(args[0]!, n, t.elementType);
    const starts = valueRows(args[1]!, n, IntegerT) as (number | null)[];
    const lengths = valueRows(args[2]!, n, IntegerT) as (number | null)[];
    return buildColumn(t, rows.map((xs, i) => {
      const start = starts[i];
      const length = lengths[i];
      if (xs === null || start === null || length === null || start === undefined || length === undefined) return null;
      if (start === 0) throw new ExecutionError('INVALID_PARAMETER_VALUE.START', 'The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.', { parameter: '`start`', functionName: '`slice`' });
      if (length < 0) throw new ExecutionError('INVALID_PARAMETER_VALUE.LENGTH', `The value of parameter(s) \`length\` in \`slice\` is invalid: Expects \`length\` greater than or equal to 0, but got ${length}.`, { parameter: '`length`', functionName: '`slice`' });
      const from = start > 0 ? start - 1 : xs.length + start;
      if (from < 0 || from >= xs.length) return [];
      return xs.slice(from, from + length);
    }));
  },
  doc: { description: 'The `length` elements from the 1-based `start` (negative counts from the end).', example: "df.select(slice(col('xs'), 2, 3))" },
};

export const arrayJoin: ScalarFunctionDef = {
  name: 'array_join',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 2 && args.length !== 3) return { error: `The \`array_join\` requires [2, 3] parameters but the actual number is ${args.length}.`, errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const a = arrayArg(args, 0, StringT);
    if (failed(a)) return a;
    if (a.type.elementType.kind === 'array' || a.type.elementType.kind === 'struct') return unexpected(0, '"ARRAY<STRING>"', args[0]!);
    const out: Expression[] = [a.arg];
    for (let i = 1; i < args.length; i++) {
      const t = dataTypeOf(args[i]!);
      if (t.kind !== 'string' && t.kind !== 'null') return unexpected(i, '"STRING"', args[i]!);
      out.push(implicitCast(args[i]!, StringT));
    }
    return { args: out, dataType: StringT, nullable: true };
  },
  eval(args, n, ctx, call) {
    // Elements other than strings are cast to strings here, over the list's child, as Spark's implicit cast does.
    const element = (dataTypeOf(call!.args[0]!) as ArrayType).elementType;
    const list = args[0]!;
    const strings = element.kind === 'string' ? list : listData(ArrayT(StringT), n, list.valueOffsets as Int32Array, castColumn(list.children[0]!, element, StringT, list.children[0]!.length, ctx), validityOf(list));
    const rows = arrayRows(strings, n, StringT) as (readonly (string | null)[] | null)[];
    const delims = valueRows(args[1]!, n, StringT) as (string | null)[];
    const repl = call!.args.length > 2 ? (valueRows(args[2]!, n, StringT) as (string | null)[]) : null;
    return buildColumn(StringT, rows.map((xs, i) => {
      const d = delims[i];
      if (xs === null || d === null) return null;
      if (repl && repl[i] === null) return null;
      const parts = repl ? xs.map((x) => x ?? repl[i]!) : xs.filter((x) => x !== null);
      return parts.join(d);
    }));
  },
  doc: { description: 'The elements as strings joined by the delimiter; NULLs are skipped, or replaced by `nullReplacement`.', example: "df.select(array_join(col('xs'), ','))" },
};

export const arrayInsert: ScalarFunctionDef = {
  name: 'array_insert',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 3) return { ...wrongArgCount('array_insert', '3', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const r = arrayAndValue('array_insert', [args[0]!, args[2]!]);
    if (failed(r)) return r;
    const pos = intArg(args, 1);
    if (failed(pos)) return pos;
    return { args: [r.arr, pos, r.value], dataType: ArrayT(r.element, true), nullable: true };
  },
  eval(args, n, ctx, call) {
    const element = dataTypeOf(call!.args[2]!);
    const rows = arrayRows(conformList(args[0]!, dataTypeOf(call!.args[0]!), element, n, ctx), n, element);
    const positions = valueRows(args[1]!, n, IntegerT) as (number | null)[];
    const values = valueRows(args[2]!, n, element);
    return buildColumn(call!.dataType, rows.map((xs, i) => {
      const p = positions[i];
      if (xs === null || p === null || p === undefined) return null;
      if (p === 0) throw new ExecutionError('INVALID_INDEX_OF_ZERO', 'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).');
      const out = [...xs];
      if (p > 0) {
        while (out.length < p - 1) out.push(null);
        out.splice(p - 1, 0, values[i]);
        return out;
      }
      // -1 appends; beyond the start, NULLs pad between the new first element and the old ones.
      const at = out.length + p + 1;
      if (at >= 0) {
        out.splice(at, 0, values[i]);
        return out;
      }
      return [values[i], ...new Array<unknown>(-at).fill(null), ...out];
    }));
  },
  doc: { description: 'The array with the value inserted at a 1-based position (negative counts from the end), padded with NULLs beyond it.', example: "df.select(array_insert(col('xs'), 2, 9))" },
};

export const arraysZip: ScalarFunctionDef = {
  name: 'arrays_zip',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args): ResolvedCall | Failure {
    const fields = [];
    for (let i = 0; i < args.length; i++) {
      const t = dataTypeOf(args[i]!);
      if (t.kind !== 'array') return unexpected(i, '"ARRAY"', args[i]!);
      // A named argument (a column, an alias) names its field; any other its position, as Spark's ArraysZip.
      const e = args[i]!;
      const name = e.kind === 'attr' || e.kind === 'alias' ? e.name : String(i);
      fields.push({ name, dataType: t.elementType, nullable: true });
    }
    return { args, dataType: ArrayT(StructT(fields), false), nullable: args.some(nullableOf) };
  },
  eval(args, n, _ctx, call) {
    const st = (call!.dataType as ArrayType).elementType as DataType & { kind: 'struct' };
    const cols = args.map((a, k) => arrayRows(a, n, st.fields[k]!.dataType));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      if (cols.some((c) => c[i] === null)) {
        out.push(null);
        continue;
      }
      const len = Math.max(0, ...cols.map((c) => c[i]!.length));
      const row: unknown[] = [];
      for (let k = 0; k < len; k++) row.push(cols.map((c) => (k < c[i]!.length ? c[i]![k] : null)));
      out.push(row);
    }
    return buildColumn(call!.dataType, out);
  },
  doc: { description: 'An array of structs whose k-th holds the k-th element of each array (NULL past a shorter one).', example: "df.select(arrays_zip(col('xs'), col('ys')))" },
};

/** Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH. */
const MAX_ELEMENTS = 2_147_483_632;

export const sequence: ScalarFunctionDef = {
  name: 'sequence',
  resolve() {
    return { error: 'resolved by resolveArgs' };
  },
  resolveArgs(args) {
    if (args.length !== 2 && args.length !== 3) return { error: `The \`sequence\` requires [2, 3] parameters but the actual number is ${args.length}.`, errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const types = args.map(dataTypeOf);
    const ends = widerType(types[0]!, types[1]!);
    if (ends?.kind === 'date' && args.length === 2) return { args, dataType: ArrayT(DateT, false), nullable: args.some(nullableOf) };
    const all = types.reduce<DataType | undefined>((t, u) => (t ? widerType(t, u) : undefined), types[0]);
    if (!all || (all.kind !== 'int32' && all.kind !== 'int64')) {
      return {
        error: [
          '`sequence` uses the wrong parameter type. The parameter type must conform to:',
          '1. The start and stop expressions must resolve to the same type.',
          '2. If start and stop expressions resolve to the ("TIMESTAMP" or "TIMESTAMP_NTZ" or "DATE") type, then the step expression must resolve to the ("INTERVAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND") type.',
          '3. Otherwise, if start and stop expressions resolve to the "INTEGRAL" type, then the step expression must resolve to the same type.',
        ].join('\n'),
        errorClass: 'DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES',
      };
    }
    return { args: args.map((a) => implicitCast(a, all)), dataType: ArrayT(all, false), nullable: args.some(nullableOf) };
  },
  eval(args, n, _ctx, call) {
    const t = (call!.dataType as ArrayType).elementType;
    const cols = args.map((a) => valueRows(a, n, t));
    return buildColumn(call!.dataType, cols[0]!.map((_, i) => {
      if (cols.some((c) => c[i] === null)) return null;
      const start = BigInt(cols[0]![i] as number | bigint);
      const stop = BigInt(cols[1]![i] as number | bigint);
      const step = cols[2] ? BigInt(cols[2][i] as number | bigint) : start <= stop ? 1n : -1n;
      if ((step > 0n && start > stop) || (step < 0n && start < stop) || (step === 0n && start !== stop)) {
        throw new IllegalArgumentError('ILLEGAL_SEQUENCE_BOUNDARIES', `requirement failed: Illegal sequence boundaries: ${start} to ${stop} by ${step}`);
      }
      const count = step === 0n ? 1n : (stop - start) / step + 1n;
      if (count > BigInt(MAX_ELEMENTS)) {
        throw new ExecutionError('COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER', `Can't create array with ${count} elements which exceeding the array size limit ${MAX_ELEMENTS}, the value of parameter(s) \`count\` in \`sequence\` is invalid.`);
      }
      const out: unknown[] = [];
      for (let k = 0n, v = start; k < count; k++, v += step) out.push(t.kind === 'int64' ? v : Number(v));
      return out;
    }));
  },
  doc: { description: 'The integers (or dates, day by day) from `start` to `stop` inclusive, by `step` (1 or -1 by default).', example: "df.select(sequence(lit(1), lit(5)))" },
};

export const ARRAY_FUNCTIONS: readonly ScalarFunctionDef[] = [
  arrayDistinct, arrayMax, arrayMin, arrayCompact, arraySize, flatten, arrayPosition, arrayRemove, arrayAppend, arrayPrepend,
  arrayUnion, arrayIntersect, arrayExcept, arraysOverlap, sortArray, arraySort, elementAt, tryElementAt, getElement, slice,
  arrayJoin, arrayInsert, arraysZip, sequence,
];

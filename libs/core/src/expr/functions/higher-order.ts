// Higher-order functions over arrays (Spark's ArrayTransform, ArrayFilter, ArrayExists, ArrayForAll, ArrayAggregate,
// ZipWith, ArraySort with a comparator): each lambda runs once over all the elements of a batch (eval/lambda.ts),
// except aggregate's merge, which runs once per element position across the rows that have one.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { primitiveData } from '../../execution/vectors.js';
import { type ArrayType, type DataType, ArrayT, BooleanT, IntegerT, sameType } from '../../types/data-type.js';
import { type Expression, type HigherOrderFunction, type LambdaFunction, dataTypeOf, nullableOf } from '../expression.js';
import { bit, booleanData, int32Values, listData, validityOf } from '../eval/columns.js';
import type { EvalContext } from '../eval/evaluate.js';
import { type Evaluator, evalLambda, flattenList, iota, takeColumn } from '../eval/lambda.js';
import { trueMask } from '../eval/logic.js';
import { gather } from '../eval/take.js';
import { valueReader } from '../eval/values.js';
import { typeText } from './function-def.js';
import { type Failure, booleanBody, isFailure, keptElements, unexpected } from './higher-order-args.js';
import { MAP_HIGHER_ORDER_FUNCTIONS } from './map-higher-order.js';

/** The type and nullability a higher-order function gives one lambda parameter. */
export interface ParamType { readonly dataType: DataType; readonly nullable: boolean }

/** A refused call; `args` are the arguments its message prints when defaults were added (aggregate's finish). */

export interface HigherOrderFunctionDef {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** How many value arguments come before the lambdas, and how many lambdas it takes (min and max). */
  readonly values: number;
  readonly lambdas: readonly [number, number];
  /** The parameter types of each lambda (for `arity[k]` parameters), from the resolved value arguments. */
  bind(values: readonly Expression[], arity: readonly number[]): { readonly values: readonly Expression[]; readonly params: readonly (readonly ParamType[])[] } | Failure;
  /** The call's arguments (values, then lambdas, with defaults added), type and nullability, from the resolved lambdas. */
  resolve(values: readonly Expression[], lambdas: readonly LambdaFunction[]): { readonly args: readonly Expression[]; readonly dataType: DataType; readonly nullable: boolean } | Failure;
  eval(call: HigherOrderFunction, batch: arrow.RecordBatch, ctx: EvalContext, ev: Evaluator): arrow.Data;
  readonly doc: { readonly description: string; readonly example: string };
}


function arrayArg(values: readonly Expression[], i: number): ArrayType | Failure {
  const t = dataTypeOf(values[i]!);
  return t.kind === 'array' ? t : unexpected(i, '"ARRAY"', values[i]!);
}


/** The lambda of a one- or two-parameter function: the element, and its 0-based index as an int. */
function elementParams(t: ArrayType, arity: number): ParamType[] {
  const p: ParamType[] = [{ dataType: t.elementType, nullable: t.containsNull }];
  if (arity >= 2) p.push({ dataType: IntegerT, nullable: false });
  for (let k = 2; k < arity; k++) p.push({ dataType: IntegerT, nullable: false });
  return p;
}

/** Lambdas of `transform`/`filter` take 1 or 2 parameters: report the count Spark names (1) for any other. */
function elementArity(arity: number): number {
  return arity === 2 ? 2 : 1;
}

/** The body of `l` over every element of the array argument; `withIndex` feeds the position too. */
function overElements(call: HigherOrderFunction, batch: arrow.RecordBatch, ctx: EvalContext, ev: Evaluator) {
  const n = batch.numRows;
  const t = dataTypeOf(call.args[0]!) as ArrayType;
  const flat = flattenList(ev(call.args[0]!, batch, ctx), n, t.elementType);
  const l = call.args[1] as LambdaFunction;
  const args = [flat.elements];
  if (l.params.length === 2) args.push(indexColumn(flat.position));
  return { flat, result: evalLambda(l, batch, flat.parent, args, ctx, ev) };
}

function indexColumn(position: Int32Array): arrow.Data {
  return primitiveData(IntegerT, position.length, position, null);
}

export const transform: HigherOrderFunctionDef = {
  name: 'transform',
  values: 1,
  lambdas: [1, 1],
  bind(values, arity) {
    const t = arrayArg(values, 0);
    if (isFailure(t)) return t;
    return { values, params: [elementParams(t, elementArity(arity[0]!))] };
  },
  resolve(values, [f]) {
    return { args: [...values, f!], dataType: ArrayT(dataTypeOf(f!.body), nullableOf(f!.body)), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const { flat, result } = overElements(call, batch, ctx, ev);
    return listData(call.dataType, batch.numRows, flat.offsets, result, flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The array of the function applied to each element (and its 0-based index, with two parameters).', example: "df.select(transform(col('xs'), lambda x: x + 1))" },
};


export const filter: HigherOrderFunctionDef = {
  name: 'filter',
  values: 1,
  lambdas: [1, 1],
  bind(values, arity) {
    const t = arrayArg(values, 0);
    if (isFailure(t)) return t;
    return { values, params: [elementParams(t, elementArity(arity[0]!))] };
  },
  resolve(values, [f]) {
    const bad = booleanBody(f!);
    if (bad) return bad;
    return { args: [...values, f!], dataType: dataTypeOf(values[0]!), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const { flat, result } = overElements(call, batch, ctx, ev);
    const { offsets, idx } = keptElements(trueMask(result, flat.parent.length), flat.offsets, n);
    const t = call.dataType as ArrayType;
    return listData(t, n, offsets, takeColumn(t.elementType, flat.elements, idx), flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The elements for which the predicate (of the element, and its index with two parameters) is true.', example: "df.select(filter(col('xs'), lambda x: x > 1))" },
};

/** exists / forall: Spark's three-valued answers (an undecided NULL element makes the result NULL). */
function quantifier(name: 'exists' | 'forall', description: string, example: string): HigherOrderFunctionDef {
  const decisive = name === 'exists';
  return {
    name,
    values: 1,
    lambdas: [1, 1],
    bind(values) {
      const t = arrayArg(values, 0);
      if (isFailure(t)) return t;
      return { values, params: [elementParams(t, 1)] };
    },
    resolve(values, [f]) {
      const bad = booleanBody(f!);
      if (bad) return bad;
      return { args: [...values, f!], dataType: BooleanT, nullable: nullableOf(values[0]!) || nullableOf(f!.body) };
    },
    eval(call, batch, ctx, ev) {
      const n = batch.numRows;
      const { flat, result } = overElements(call, batch, ctx, ev);
      const truth = trueMask(result, flat.parent.length);
      const resultValid = validityOf(result);
      const bits = new Uint8Array((n + 7) >> 3);
      const valid = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        if (flat.validity !== null && !bit(flat.validity, i)) continue;
        let found = false;
        let sawNull = false;
        for (let j = flat.offsets[i]!; j < flat.offsets[i + 1]! && !found; j++) {
          if (resultValid !== null && !bit(resultValid, j)) sawNull = true;
          else if ((truth[j] === 1) === decisive) found = true;
        }
        // exists: TRUE if any is true, else NULL if any is NULL; forall: FALSE if any is false, else NULL if any is NULL.
        const value = found ? decisive : !decisive;
        if (value) bits[i >> 3]! |= 1 << (i & 7);
        if (found || !sawNull) valid[i >> 3]! |= 1 << (i & 7);
      }
      return booleanData(n, bits, valid);
    },
    doc: { description, example: `df.select(${example})` },
  };
}

export const exists = quantifier('exists', 'True if the predicate holds for some element; NULL if it holds for none but is NULL for some.', "exists(col('xs'), lambda x: x > 1)");
export const forall = quantifier('forall', 'True if the predicate holds for every element; NULL if it fails for none but is NULL for some.', "forall(col('xs'), lambda x: x > 1)");

/** Spark's identity finish of a three-argument aggregate, printed in its name: `lambdafunction(id, id)`. */
function identityFinish(acc: ParamType): LambdaFunction {
  const id = { kind: 'lambdaVar' as const, name: 'id', dataType: acc.dataType, nullable: acc.nullable, exprId: -1 };
  return { kind: 'lambda', params: [id], body: id };
}

export const aggregate: HigherOrderFunctionDef = {
  name: 'aggregate',
  aliases: ['reduce'],
  values: 2,
  lambdas: [1, 2],
  bind(values, arity) {
    const t = arrayArg(values, 0);
    if (isFailure(t)) return t;
    // As Spark's ArrayAggregate.bind: the accumulator may always be NULL.
    const acc: ParamType = { dataType: dataTypeOf(values[1]!), nullable: true };
    const params: ParamType[][] = [[acc, { dataType: t.elementType, nullable: t.containsNull }]];
    if (arity.length > 1) params.push([acc]);
    return { values, params };
  },
  resolve(values, lambdas) {
    const merge = lambdas[0]!;
    const zero = dataTypeOf(values[1]!);
    const finish = lambdas[1] ?? identityFinish({ dataType: zero, nullable: true });
    if (!sameType(dataTypeOf(merge.body), zero)) return { ...unexpected(2, typeText(zero), merge), args: [...values, merge, finish] };
    return { args: [...values, merge, finish], dataType: dataTypeOf(finish.body), nullable: nullableOf(values[0]!) || nullableOf(finish.body) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const t = dataTypeOf(call.args[0]!) as ArrayType;
    const accType = dataTypeOf(call.args[1]!);
    const flat = flattenList(ev(call.args[0]!, batch, ctx), n, t.elementType);
    const merge = call.args[2] as LambdaFunction;
    const finish = call.args[3] as LambdaFunction;
    // Step k merges element k of every array that has one into that row's accumulator.
    const sources: arrow.Data[] = [ev(call.args[1]!, batch, ctx)];
    const which = new Int32Array(n).fill(-1);
    const at = new Int32Array(n);
    let rows = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (flat.validity !== null && !bit(flat.validity, i)) continue;
      which[i] = 0;
      at[i] = i;
      if (flat.offsets[i + 1]! > flat.offsets[i]!) rows[count++] = i;
    }
    rows = rows.subarray(0, count);
    let acc = sources[0]!;
    let accRows: Int32Array = iota(n); // accumulator row r belongs to outer row accRows[r]
    for (let k = 0; rows.length > 0; k++) {
      const pos = new Int32Array(rows.length);
      const elem = new Int32Array(rows.length);
      let r = 0;
      for (let j = 0; j < rows.length; j++) {
        const row = rows[j]!;
        while (accRows[r] !== row) r++;
        pos[j] = r;
        elem[j] = flat.offsets[row]! + k;
      }
      const merged = evalLambda(merge, batch, rows, [takeColumn(accType, acc, pos), takeColumn(t.elementType, flat.elements, elem)], ctx, ev);
      sources.push(merged);
      for (let j = 0; j < rows.length; j++) {
        which[rows[j]!] = sources.length - 1;
        at[rows[j]!] = j;
      }
      acc = merged;
      accRows = rows;
      let next = 0;
      const still = new Int32Array(rows.length);
      for (let j = 0; j < rows.length; j++) if (flat.offsets[rows[j]! + 1]! - flat.offsets[rows[j]!]! > k + 1) still[next++] = rows[j]!;
      rows = still.subarray(0, next);
    }
    const final = gather(accType, sources, which, at, n);
    const out = isIdentity(finish) ? final : evalLambda(finish, batch, iota(n), [final], ctx, ev);
    // A NULL array gives NULL whatever the finish makes of a NULL accumulator.
    if (flat.validity === null) return out;
    const keep = new Int32Array(n);
    for (let i = 0; i < n; i++) keep[i] = bit(flat.validity, i) ? i : -1;
    return takeColumn(call.dataType, out, keep);
  },
  doc: { description: 'Folds the array into one value: `merge(acc, x)` from `initialValue`, then `finish(acc)` when given.', example: "df.select(aggregate(col('xs'), lit(0), lambda acc, x: acc + x))" },
};

function isIdentity(l: LambdaFunction): boolean {
  const p = l.params[0];
  return l.params.length === 1 && p?.kind === 'lambdaVar' && l.body.kind === 'lambdaVar' && l.body.exprId === p.exprId;
}

export const zipWith: HigherOrderFunctionDef = {
  name: 'zip_with',
  values: 2,
  lambdas: [1, 1],
  bind(values) {
    const l = arrayArg(values, 0);
    if (isFailure(l)) return l;
    const r = arrayArg(values, 1);
    if (isFailure(r)) return r;
    // The shorter array is padded with NULLs, so both parameters may be NULL.
    return { values, params: [[{ dataType: l.elementType, nullable: true }, { dataType: r.elementType, nullable: true }]] };
  },
  resolve(values, [f]) {
    return { args: [...values, f!], dataType: ArrayT(dataTypeOf(f!.body), nullableOf(f!.body)), nullable: nullableOf(values[0]!) || nullableOf(values[1]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const lt = dataTypeOf(call.args[0]!) as ArrayType;
    const rt = dataTypeOf(call.args[1]!) as ArrayType;
    const left = flattenList(ev(call.args[0]!, batch, ctx), n, lt.elementType);
    const right = flattenList(ev(call.args[1]!, batch, ctx), n, rt.elementType);
    const validity = new Uint8Array((n + 7) >> 3);
    const offsets = new Int32Array(n + 1);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const ok = (left.validity === null || bit(left.validity, i)) && (right.validity === null || bit(right.validity, i));
      if (ok) {
        validity[i >> 3]! |= 1 << (i & 7);
        m += Math.max(left.offsets[i + 1]! - left.offsets[i]!, right.offsets[i + 1]! - right.offsets[i]!);
      }
      offsets[i + 1] = m;
    }
    const parent = new Int32Array(m);
    const li = new Int32Array(m);
    const ri = new Int32Array(m);
    for (let i = 0, j = 0; i < n; i++) {
      const len = offsets[i + 1]! - offsets[i]!;
      const ln = left.offsets[i + 1]! - left.offsets[i]!;
      const rn = right.offsets[i + 1]! - right.offsets[i]!;
      for (let k = 0; k < len; k++, j++) {
        parent[j] = i;
        li[j] = k < ln ? left.offsets[i]! + k : -1;
        ri[j] = k < rn ? right.offsets[i]! + k : -1;
      }
    }
    const f = call.args[2] as LambdaFunction;
    const result = evalLambda(f, batch, parent, [takeColumn(lt.elementType, left.elements, li), takeColumn(rt.elementType, right.elements, ri)], ctx, ev);
    return listData(call.dataType, n, offsets, result, validity);
  },
  doc: { description: 'Merges two arrays element-wise with a function, the shorter padded with NULLs.', example: "df.select(zip_with(col('xs'), col('ys'), lambda x, y: x + y))" },
};

/** Arrays up to this length are sorted from one evaluation of the comparator over all their pairs; longer ones pair by pair. */
const ALL_PAIRS_MAX = 1024;

export const arraySortWith: HigherOrderFunctionDef = {
  name: 'array_sort',
  values: 1,
  lambdas: [1, 1],
  bind(values) {
    const t = arrayArg(values, 0);
    if (isFailure(t)) return t;
    const p: ParamType = { dataType: t.elementType, nullable: t.containsNull };
    return { values, params: [[p, p]] };
  },
  resolve(values, [f]) {
    const rt = dataTypeOf(f!.body);
    if (rt.kind !== 'int32') return { error: `The \`lambdafunction\` requires return "INT" type, but the actual is ${typeText(rt)} type.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE' };
    return { args: [...values, f!], dataType: dataTypeOf(values[0]!), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const t = dataTypeOf(call.args[0]!) as ArrayType;
    const flat = flattenList(ev(call.args[0]!, batch, ctx), n, t.elementType);
    const f = call.args[1] as LambdaFunction;
    // Every ordered pair (a, b) of each array's elements, compared in one evaluation.
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      const len = flat.offsets[i + 1]! - flat.offsets[i]!;
      if (len <= ALL_PAIRS_MAX) pairs += len * len;
    }
    const parent = new Int32Array(pairs);
    const a = new Int32Array(pairs);
    const b = new Int32Array(pairs);
    for (let i = 0, p = 0; i < n; i++) {
      const s = flat.offsets[i]!;
      const len = flat.offsets[i + 1]! - s;
      if (len > ALL_PAIRS_MAX) continue;
      for (let x = 0; x < len; x++) {
        for (let y = 0; y < len; y++, p++) {
          parent[p] = i;
          a[p] = s + x;
          b[p] = s + y;
        }
      }
    }
    const cmp = evalLambda(f, batch, parent, [takeColumn(t.elementType, flat.elements, a), takeColumn(t.elementType, flat.elements, b)], ctx, ev);
    const cmpValid = validityOf(cmp);
    const cmpValues = int32Values(cmp);
    const order = new Int32Array(flat.parent.length);
    const read = valueReader(flat.elements, t.elementType);
    for (let i = 0, p = 0; i < n; i++) {
      const s = flat.offsets[i]!;
      const len = flat.offsets[i + 1]! - s;
      const idx = Array.from({ length: len }, (_, k) => k);
      const base = p;
      // A longer array is compared pair by pair as the sort asks (slower, but no len² evaluation).
      const one = len > ALL_PAIRS_MAX ? (x: number, y: number) => evalLambda(f, batch, Int32Array.of(i), [takeColumn(t.elementType, flat.elements, Int32Array.of(s + x)), takeColumn(t.elementType, flat.elements, Int32Array.of(s + y))], ctx, ev) : null;
      idx.sort((x, y) => {
        const r = one ? one(x, y) : null;
        const q = r ? 0 : base + x * len + y;
        const rValid = r ? validityOf(r) : cmpValid;
        if (rValid !== null && !bit(rValid, q)) {
          throw new ExecutionError('COMPARATOR_RETURNS_NULL', `The comparator has returned a NULL for a comparison between ${String(read(s + x))} and ${String(read(s + y))}. It should return a positive integer for "greater than", 0 for "equal" and a negative integer for "less than". To revert to deprecated behavior where NULL is treated as 0 (equal), you must set "spark.sql.legacy.allowNullComparisonResultInArraySort" to "true".`);
        }
        return r ? int32Values(r)[0]! : cmpValues[q]!;
      });
      for (let k = 0; k < len; k++) order[s + k] = s + idx[k]!;
      if (len <= ALL_PAIRS_MAX) p += len * len;
    }
    return listData(call.dataType, n, flat.offsets, takeColumn(t.elementType, flat.elements, order), flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The array sorted by a comparator `f(left, right)` returning a negative, zero or positive int.', example: "df.select(array_sort(col('xs'), lambda l, r: r - l))" },
};

const ALL: readonly HigherOrderFunctionDef[] = [
  transform, filter, exists, forall, aggregate, zipWith, arraySortWith,
  // Map type functions (h-maps).
  ...MAP_HIGHER_ORDER_FUNCTIONS,
];

const BY_NAME = new Map<string, HigherOrderFunctionDef>();
for (const def of ALL) for (const name of [def.name, ...(def.aliases ?? [])]) BY_NAME.set(name, def);

/** The higher-order function registered under `name`, ignoring case. */
export function lookupHigherOrderFunction(name: string): HigherOrderFunctionDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function listHigherOrderFunctions(): readonly HigherOrderFunctionDef[] {
  return ALL;
}

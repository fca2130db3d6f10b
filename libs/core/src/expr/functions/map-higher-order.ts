// Higher-order functions over maps (Spark's TransformKeys, TransformValues, MapFilter, MapZipWith): the lambda runs
// once over all the entries of a batch (eval/lambda.ts), its parameters the entries' key and value columns.
import type * as arrow from 'apache-arrow';
import { structData } from '../../execution/struct-data.js';
import { concatData } from '../../execution/vectors.js';
import { type DataType, type MapType, MapT, mapEntriesType } from '../../types/data-type.js';
import { type Expression, type HigherOrderFunction, type LambdaFunction, dataTypeOf, nullableOf } from '../expression.js';
import { listData } from '../eval/columns.js';
import type { EvalContext } from '../eval/evaluate.js';
import { type Evaluator, evalLambda, flattenList, takeColumn } from '../eval/lambda.js';
import { trueMask } from '../eval/logic.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { typeText } from './function-def.js';
import type { HigherOrderFunctionDef, ParamType } from './higher-order.js';
import { type Failure, booleanBody, isFailure, keptElements, unexpected } from './higher-order-args.js';
import { commonType } from './coercion.js';
import { type Entry, buildMap, implicitCast, keyOf } from './map-functions.js';

function mapArg(values: readonly Expression[], i: number): MapType | Failure {
  const t = dataTypeOf(values[i]!);
  return t.kind === 'map' ? t : unexpected(i, '"MAP"', values[i]!);
}

function entryParams(t: MapType): ParamType[] {
  return [{ dataType: t.keyType, nullable: false }, { dataType: t.valueType, nullable: t.valueContainsNull }];
}

/** The entries of the map argument laid end to end, and the lambda's body over their (key, value). */
function overEntries(call: HigherOrderFunction, batch: arrow.RecordBatch, ctx: EvalContext, ev: Evaluator) {
  const t = dataTypeOf(call.args[0]!) as MapType;
  const flat = flattenList(ev(call.args[0]!, batch, ctx), batch.numRows, mapEntriesType(t));
  const keys = flat.elements.children[0]!;
  const values = flat.elements.children[1]!;
  const result = evalLambda(call.args[1] as LambdaFunction, batch, flat.parent, [keys, values], ctx, ev);
  return { t, flat, keys, values, result };
}

/** Raises NULL_MAP_KEY / DUPLICATED_MAP_KEY for rows of new keys, as Spark's map builder does. */
function checkKeys(keyType: DataType, keys: arrow.Data, offsets: Int32Array, n: number): void {
  const read = valueReader(keys, keyType);
  for (let i = 0; i < n; i++) {
    const row: Entry[] = [];
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) row.push([read(j), null]);
    buildMap(keyType, row);
  }
}

/** Rows of new keys and their values as maps under LAST_WIN (a repeated key keeps its first place, last value). */
function lastWinMaps(type: MapType, keys: arrow.Data, values: arrow.Data, offsets: Int32Array, validity: Uint8Array | null, n: number): arrow.Data {
  const readK = valueReader(keys, type.keyType);
  const readV = valueReader(values, type.valueType);
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) {
      out[i] = null;
      continue;
    }
    const row: Entry[] = [];
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) row.push([readK(j), readV(j)]);
    out[i] = buildMap(type.keyType, row, true);
  }
  return buildColumn(type, out);
}

export const transformKeys: HigherOrderFunctionDef = {
  name: 'transform_keys',
  values: 1,
  lambdas: [1, 1],
  bind(values) {
    const t = mapArg(values, 0);
    if (isFailure(t)) return t;
    return { values, params: [entryParams(t)] };
  },
  resolve(values, [f]) {
    const t = dataTypeOf(values[0]!) as MapType;
    return { args: [...values, f!], dataType: MapT(dataTypeOf(f!.body), t.valueType, t.valueContainsNull), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const { flat, values, result } = overEntries(call, batch, ctx, ev);
    const type = call.dataType as MapType;
    if (ctx.mapKeyLastWin) return lastWinMaps(type, result, values, flat.offsets, flat.validity, n);
    checkKeys(type.keyType, result, flat.offsets, n);
    const entries = structData(mapEntriesType(type), result.length, [result, values], null);
    return listData(type, n, flat.offsets, entries, flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The map with each key replaced by the function of (key, value); NULL or repeated new keys are errors.', example: "df.select(transform_keys(col('m'), lambda k, v: upper(k)))" },
};

export const transformValues: HigherOrderFunctionDef = {
  name: 'transform_values',
  values: 1,
  lambdas: [1, 1],
  bind(values) {
    const t = mapArg(values, 0);
    if (isFailure(t)) return t;
    return { values, params: [entryParams(t)] };
  },
  resolve(values, [f]) {
    const t = dataTypeOf(values[0]!) as MapType;
    return { args: [...values, f!], dataType: MapT(t.keyType, dataTypeOf(f!.body), nullableOf(f!.body)), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const { flat, keys, result } = overEntries(call, batch, ctx, ev);
    const type = call.dataType as MapType;
    const entries = structData(mapEntriesType(type), result.length, [keys, result], null);
    return listData(type, n, flat.offsets, entries, flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The map with each value replaced by the function of (key, value).', example: "df.select(transform_values(col('m'), lambda k, v: v * 10))" },
};

export const mapFilter: HigherOrderFunctionDef = {
  name: 'map_filter',
  values: 1,
  lambdas: [1, 1],
  bind(values) {
    const t = mapArg(values, 0);
    if (isFailure(t)) return t;
    return { values, params: [entryParams(t)] };
  },
  resolve(values, [f]) {
    const bad = booleanBody(f!);
    if (bad) return bad;
    return { args: [...values, f!], dataType: dataTypeOf(values[0]!), nullable: nullableOf(values[0]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const { t, flat, result } = overEntries(call, batch, ctx, ev);
    const { offsets, idx } = keptElements(trueMask(result, flat.parent.length), flat.offsets, n);
    return listData(t, n, offsets, takeColumn(mapEntriesType(t), flat.elements, idx), flat.validity === null ? null : flat.validity.slice());
  },
  doc: { description: 'The entries of the map for which the predicate of (key, value) is true.', example: "df.select(map_filter(col('m'), lambda k, v: v > 1))" },
};

export const mapZipWith: HigherOrderFunctionDef = {
  name: 'map_zip_with',
  values: 2,
  lambdas: [1, 1],
  bind(values) {
    const l = mapArg(values, 0);
    if (isFailure(l)) return l;
    const r = mapArg(values, 1);
    if (isFailure(r)) return r;
    // The key types meet at their wider type (strings included), both maps cast to it, as Spark's coercion does.
    const key = commonType([l.keyType, r.keyType], true);
    if (!key) {
      return { error: `Input to function map_zip_with should have been two maps with compatible key types, but the key types are [${typeText(l.keyType)}, ${typeText(r.keyType)}].`, errorClass: 'DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES' };
    }
    const cast = [implicitCast(values[0]!, MapT(key, l.valueType, l.valueContainsNull)), implicitCast(values[1]!, MapT(key, r.valueType, r.valueContainsNull))];
    // A key in one map only gives NULL for the other's value.
    return { values: cast, params: [[{ dataType: key, nullable: false }, { dataType: l.valueType, nullable: true }, { dataType: r.valueType, nullable: true }]] };
  },
  resolve(values, [f]) {
    const t = dataTypeOf(values[0]!) as MapType;
    return { args: [...values, f!], dataType: MapT(t.keyType, dataTypeOf(f!.body), nullableOf(f!.body)), nullable: nullableOf(values[0]!) || nullableOf(values[1]!) };
  },
  eval(call, batch, ctx, ev) {
    const n = batch.numRows;
    const lt = dataTypeOf(call.args[0]!) as MapType;
    const rt = dataTypeOf(call.args[1]!) as MapType;
    const left = flattenList(ev(call.args[0]!, batch, ctx), n, mapEntriesType(lt));
    const right = flattenList(ev(call.args[1]!, batch, ctx), n, mapEntriesType(rt));
    const readL = valueReader(left.elements.children[0]!, lt.keyType);
    const readR = valueReader(right.elements.children[0]!, rt.keyType);
    const validity = new Uint8Array((n + 7) >> 3);
    const offsets = new Int32Array(n + 1);
    const parent: number[] = [];
    const li: number[] = [];
    const ri: number[] = [];
    const ki: number[] = [];
    const lLen = left.elements.length;
    for (let i = 0; i < n; i++) {
      const ok = (left.validity === null || (left.validity[i >> 3]! & (1 << (i & 7))) !== 0) && (right.validity === null || (right.validity[i >> 3]! & (1 << (i & 7))) !== 0);
      if (ok) {
        validity[i >> 3]! |= 1 << (i & 7);
        // The left map's keys in order, then the right's keys it lacks (Spark's MapZipWith).
        const at = new Map<unknown, number>();
        for (let j = left.offsets[i]!; j < left.offsets[i + 1]!; j++) {
          at.set(keyOf(readL(j)), parent.length);
          parent.push(i);
          li.push(j);
          ri.push(-1);
          ki.push(j);
        }
        for (let j = right.offsets[i]!; j < right.offsets[i + 1]!; j++) {
          const p = at.get(keyOf(readR(j)));
          if (p !== undefined) ri[p] = j;
          else {
            parent.push(i);
            li.push(-1);
            ri.push(j);
            ki.push(lLen + j);
          }
        }
      }
      offsets[i + 1] = parent.length;
    }
    const keys = takeColumn(lt.keyType, concatData(lt.keyType, [left.elements.children[0]!, right.elements.children[0]!]), Int32Array.from(ki));
    const v1 = takeColumn(lt.valueType, left.elements.children[1]!, Int32Array.from(li));
    const v2 = takeColumn(rt.valueType, right.elements.children[1]!, Int32Array.from(ri));
    const result = evalLambda(call.args[2] as LambdaFunction, batch, Int32Array.from(parent), [keys, v1, v2], ctx, ev);
    const type = call.dataType as MapType;
    return listData(type, n, offsets, structData(mapEntriesType(type), parent.length, [keys, result], null), validity);
  },
  doc: { description: 'Merges two maps key by key with a function of (key, value1, value2); a key missing from one map gives NULL for its value.', example: "df.select(map_zip_with(col('a'), col('b'), lambda k, x, y: x + y))" },
};

export const MAP_HIGHER_ORDER_FUNCTIONS: readonly HigherOrderFunctionDef[] = [transformKeys, transformValues, mapFilter, mapZipWith];

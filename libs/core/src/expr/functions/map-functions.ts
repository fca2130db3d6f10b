// Map functions without lambdas (Spark's CreateMap, MapFromArrays, MapFromEntries, MapKeys/MapValues/MapEntries,
// MapConcat, MapContainsKey, StringToMap). A map value is an array of [key, value] pairs (eval/values.ts); maps
// are built through `buildMap`, which raises Spark's NULL_MAP_KEY and DUPLICATED_MAP_KEY (the default
// spark.sql.mapKeyDedupPolicy, EXCEPTION; LAST_WIN keeps a repeated key's last value).
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { type DataType, type MapType, ArrayT, BooleanT, MapT, NullT, StringT, containsMap, mapEntriesType, sameType } from '../../types/data-type.js';
import { type Expression, dataTypeOf, nullableOf, prettyName } from '../expression.js';
import { valueToString } from '../eval/cast-string.js';
import { canCast } from '../eval/cast.js';
import { compareValues } from '../eval/compare.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { commonType } from './coercion.js';
import { type ScalarFunctionDef, ordinal, typeText, wrongArgCount } from './function-def.js';

type Failure = { readonly error: string; readonly errorClass?: string };
export type Entry = readonly [unknown, unknown];

function failed(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'error' in x;
}

function unexpected(i: number, expected: string, e: Expression): Failure {
  return { error: `The ${ordinal(i)} parameter requires the ${expected} type, however "${prettyName(e)}" has the type ${typeText(dataTypeOf(e))}.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
}

export function implicitCast(e: Expression, to: DataType): Expression {
  if (sameType(dataTypeOf(e), to)) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: to };
  return { kind: 'cast', child: e, to, implicit: true };
}

/** An argument that must be a map. */
export function mapArg(args: readonly Expression[], i: number): MapType | Failure {
  const t = dataTypeOf(args[i]!);
  return t.kind === 'map' ? t : unexpected(i, '"MAP"', args[i]!);
}

/** Spark's INVALID_MAP_KEY_TYPE: a map cannot be (or contain) a map key. */
export function invalidKeyType(key: DataType): Failure | undefined {
  if (!containsMap(key)) return undefined;
  return { error: `The key of map cannot be/contain ${typeText(key)}.`, errorClass: 'DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE' };
}

/** A Map key under which equal keys meet: plain values as they are, nested ones (and NaN, -0.0) canonically. */
export function keyOf(v: unknown): unknown {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === 0 ? 0 : v;
  if (v === null || typeof v !== 'object') return v;
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? `b:${Array.from(x).join(',')}` : typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? 0 : x));
}

/**
 * The entries as a map value, as Spark's ArrayBasedMapBuilder: a NULL key is an error; a repeated key is one too,
 * unless `lastWin` (spark.sql.mapKeyDedupPolicy LAST_WIN), where it keeps its first position and takes the last value.
 */
export function buildMap(keyType: DataType, entries: Iterable<Entry>, lastWin = false): Entry[] {
  const seen = new Map<unknown, number>();
  const out: Entry[] = [];
  for (const [k, v] of entries) {
    if (k === null || k === undefined) throw new ExecutionError('NULL_MAP_KEY', 'Cannot use null as map key.');
    const key = keyOf(k);
    const at = seen.get(key);
    if (at !== undefined && lastWin) {
      out[at] = [out[at]![0], v];
      continue;
    }
    if (at !== undefined) {
      throw new ExecutionError(
        'DUPLICATED_MAP_KEY',
        `Duplicate map key ${valueToString(k, keyType)} was found, please check the input data.\nIf you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence.`,
        { key: valueToString(k, keyType), mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"' },
      );
    }
    seen.set(key, out.length);
    out.push([k, v]);
  }
  return out;
}

/** Row readers of the arguments, and a column of `type` from one value per row (null = NULL). */
export function rowsOf(args: readonly arrow.Data[], types: readonly DataType[]): ((i: number) => unknown)[] {
  return args.map((a, k) => valueReader(a, types[k]!));
}

function perRow(type: DataType, n: number, f: (i: number) => unknown): arrow.Data {
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return buildColumn(type, out);
}

function callTypes(call: { args: readonly Expression[] } | undefined): DataType[] {
  if (!call) throw new Error('map functions need their resolved call');
  return call.args.map(dataTypeOf);
}

export const createMap: ScalarFunctionDef = {
  name: 'map',
  resolve: () => ({ error: 'map is resolved from its arguments' }),
  resolveArgs(args) {
    if (args.length % 2 !== 0) return { error: `The \`map\` requires 2n (n > 0) parameters but the actual number is ${args.length}.`, errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const keys = args.filter((_, k) => k % 2 === 0);
    const values = args.filter((_, k) => k % 2 === 1);
    const keyType = keys.length === 0 ? NullT : commonType(keys.map(dataTypeOf), true);
    if (!keyType) return { error: `The given keys of function \`map\` should all be the same type, but they are [${keys.map((e) => typeText(dataTypeOf(e))).join(', ')}].`, errorClass: 'DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES' };
    const valueType = values.length === 0 ? NullT : commonType(values.map(dataTypeOf), true);
    if (!valueType) return { error: `The given values of function \`map\` should all be the same type, but they are [${values.map((e) => typeText(dataTypeOf(e))).join(', ')}].`, errorClass: 'DATATYPE_MISMATCH.CREATE_MAP_VALUE_DIFF_TYPES' };
    const bad = invalidKeyType(keyType);
    if (bad) return bad;
    const cast = args.map((e, k) => implicitCast(e, k % 2 === 0 ? keyType : valueType));
    return { args: cast, dataType: MapT(keyType, valueType, values.some(nullableOf)), nullable: false };
  },
  eval(args, n, ctx, call) {
    const type = call!.dataType as MapType;
    const reads = rowsOf(args, callTypes(call));
    return perRow(type, n, (i) => {
      const entries: Entry[] = [];
      for (let k = 0; k < reads.length; k += 2) entries.push([reads[k]!(i), reads[k + 1]!(i)]);
      return buildMap(type.keyType, entries, ctx?.mapKeyLastWin);
    });
  },
  doc: { description: 'A map of the key/value argument pairs: map(k1, v1, k2, v2, …). NULL or repeated keys are errors.', example: "df.select(create_map(lit('a'), col('x')))" },
};

export const mapFromArrays: ScalarFunctionDef = {
  name: 'map_from_arrays',
  resolve: () => ({ error: 'map_from_arrays is resolved from its arguments' }),
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('map_from_arrays', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const arrays = args.map((e, i) => {
      const t = dataTypeOf(e);
      if (t.kind === 'null') return { arg: implicitCast(e, ArrayT(NullT)), type: ArrayT(NullT) };
      return t.kind === 'array' ? { arg: e, type: t } : unexpected(i, '"ARRAY"', e);
    });
    const [k, v] = arrays as [{ arg: Expression; type: DataType & { kind: 'array' } } | Failure, { arg: Expression; type: DataType & { kind: 'array' } } | Failure];
    if (failed(k)) return k;
    if (failed(v)) return v;
    const bad = invalidKeyType(k.type.elementType);
    if (bad) return bad;
    return { args: [k.arg, v.arg], dataType: MapT(k.type.elementType, v.type.elementType, v.type.containsNull), nullable: args.some(nullableOf) };
  },
  eval(args, n, ctx, call) {
    const type = call!.dataType as MapType;
    const [keys, values] = rowsOf(args, callTypes(call));
    return perRow(type, n, (i) => {
      const ks = keys!(i) as unknown[] | null;
      const vs = values!(i) as unknown[] | null;
      if (ks === null || vs === null) return null;
      if (ks.length !== vs.length) throw new ExecutionError('_LEGACY_ERROR_TEMP_2128', 'The key array and value array of MapData must have the same length.');
      return buildMap(type.keyType, ks.map((x, j): Entry => [x, vs[j]]), ctx?.mapKeyLastWin);
    });
  },
  doc: { description: 'A map whose keys are the first array and values the second, position by position.', example: "df.select(map_from_arrays(col('ks'), col('vs')))" },
};

export const mapFromEntries: ScalarFunctionDef = {
  name: 'map_from_entries',
  resolve: () => ({ error: 'map_from_entries is resolved from its arguments' }),
  resolveArgs(args) {
    if (args.length !== 1) return { ...wrongArgCount('map_from_entries', '1', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = dataTypeOf(args[0]!);
    if (t.kind !== 'array' || t.elementType.kind !== 'struct' || t.elementType.fields.length !== 2) {
      return unexpected(0, '"ARRAY" of pair "STRUCT"', args[0]!);
    }
    const kf = t.elementType.fields[0]!;
    const vf = t.elementType.fields[1]!;
    const bad = invalidKeyType(kf.dataType);
    if (bad) return bad;
    return { args, dataType: MapT(kf.dataType, vf.dataType, vf.nullable), nullable: true };
  },
  eval(args, n, ctx, call) {
    const type = call!.dataType as MapType;
    const [entries] = rowsOf(args, callTypes(call));
    return perRow(type, n, (i) => {
      const xs = entries!(i) as (Entry | null)[] | null;
      // A NULL entry makes the whole map NULL (Spark's MapFromEntries).
      if (xs === null || xs.some((e) => e === null)) return null;
      return buildMap(type.keyType, xs as Entry[], ctx?.mapKeyLastWin);
    });
  },
  doc: { description: 'A map from an array of (key, value) structs; NULL if the array or one of its entries is NULL.', example: "df.select(map_from_entries(col('pairs')))" },
};

function projection(name: 'map_keys' | 'map_values' | 'map_entries', description: string): ScalarFunctionDef {
  return {
    name,
    resolve: () => ({ error: `${name} is resolved from its arguments` }),
    resolveArgs(args) {
      if (args.length !== 1) return { ...wrongArgCount(name, '1', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
      const t = mapArg(args, 0);
      if (failed(t)) return t;
      const dataType = name === 'map_keys' ? ArrayT(t.keyType, false) : name === 'map_values' ? ArrayT(t.valueType, t.valueContainsNull) : ArrayT(mapEntriesType(t), false);
      return { args, dataType, nullable: nullableOf(args[0]!) };
    },
    eval(args, n, _ctx, call) {
      const [m] = rowsOf(args, callTypes(call));
      const pick = name === 'map_keys' ? (e: Entry) => e[0] : name === 'map_values' ? (e: Entry) => e[1] : (e: Entry) => e;
      return perRow(call!.dataType, n, (i) => {
        const xs = m!(i) as Entry[] | null;
        return xs === null ? null : xs.map(pick);
      });
    },
    doc: { description, example: `df.select(${name}(col('m')))` },
  };
}

export const mapKeys = projection('map_keys', 'The keys of a map, as an array in entry order.');
export const mapValues = projection('map_values', 'The values of a map, as an array in entry order.');
export const mapEntries = projection('map_entries', 'The entries of a map, as an array of (key, value) structs.');

export const mapConcat: ScalarFunctionDef = {
  name: 'map_concat',
  resolve: () => ({ error: 'map_concat is resolved from its arguments' }),
  resolveArgs(args) {
    const types = args.map(dataTypeOf);
    if (args.length === 0) return { args, dataType: MapT(StringT, StringT, false), nullable: false };
    const mismatch = { error: `The \`map_concat\` should all be of type map, but it's [${types.map(typeText).join(', ')}].`, errorClass: 'DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES' };
    if (types.some((t) => t.kind !== 'map')) return mismatch;
    const maps = types as MapType[];
    const keyType = commonType(maps.map((m) => m.keyType), true);
    const valueType = commonType(maps.map((m) => m.valueType), true);
    if (!keyType || !valueType) return mismatch;
    const type = MapT(keyType, valueType, maps.some((m) => m.valueContainsNull));
    return { args: args.map((e) => implicitCast(e, type)), dataType: type, nullable: args.some(nullableOf) };
  },
  eval(args, n, ctx, call) {
    const type = call!.dataType as MapType;
    const reads = rowsOf(args, callTypes(call));
    return perRow(type, n, (i) => {
      const maps = reads.map((r) => r(i) as Entry[] | null);
      if (maps.some((m) => m === null)) return null;
      return buildMap(type.keyType, maps.flatMap((m) => m!), ctx?.mapKeyLastWin);
    });
  },
  doc: { description: 'The union of the maps; NULL if one is NULL. A key in more than one map is an error (DUPLICATED_MAP_KEY).', example: "df.select(map_concat(col('a'), col('b')))" },
};

/**
 * The map and key arguments of map_contains_key / element_at / m[key], both brought to the wider of the key types
 * (Spark widens both: map<int,_> probed with a bigint reads its keys as bigint).
 */
export function keyArgs(fn: string, args: readonly Expression[], t: MapType): { map: Expression; key: Expression; type: MapType } | Failure {
  const k = dataTypeOf(args[1]!);
  if (k.kind === 'null') return { error: `Null typed values cannot be used as arguments of \`${fn}\`.`, errorClass: 'DATATYPE_MISMATCH.NULL_TYPE' };
  const common = commonType([t.keyType, k], false);
  if (!common) return { error: `Input to \`${fn}\` should have been "MAP" followed by a value with same key type, but it's [${typeText(t)}, ${typeText(k)}].`, errorClass: 'DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES' };
  const type = MapT(common, t.valueType, t.valueContainsNull);
  return { map: implicitCast(args[0]!, type), key: implicitCast(args[1]!, common), type };
}

/** The key of element_at(map, key) / map[key], implicitly cast to the map's key type as Spark's ElementAt does. */
export function keyToMapKey(fn: string, args: readonly Expression[], t: MapType): { map: Expression; key: Expression } | Failure {
  const k = dataTypeOf(args[1]!);
  if (sameType(k, t.keyType) || k.kind === 'null') return { map: args[0]!, key: implicitCast(args[1]!, t.keyType) };
  if (!canCast(k, t.keyType) || t.keyType.kind === 'map' || t.keyType.kind === 'struct' || (t.keyType.kind === 'array' && k.kind !== 'array')) {
    return { error: `Input to \`${fn}\` should have been "MAP" followed by a value with same key type, but it's [${typeText(t)}, ${typeText(k)}].`, errorClass: 'DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES' };
  }
  return { map: args[0]!, key: implicitCast(args[1]!, t.keyType) };
}

/** The value under `key` in map value `m`. */
export function lookup(m: readonly Entry[], key: unknown): { found: boolean; value: unknown } {
  const want = keyOf(key);
  for (const [k, v] of m) if (keyOf(k) === want) return { found: true, value: v };
  return { found: false, value: null };
}

/** Row i's value under key i (NULL when absent or either is NULL): element_at(map, key) and map[key]. */
export function mapValueAt(args: readonly arrow.Data[], n: number, type: MapType, keyType: DataType): arrow.Data {
  const [m, key] = rowsOf(args, [type, keyType]);
  return perRow(type.valueType, n, (i) => {
    const xs = m!(i) as Entry[] | null;
    const k = key!(i);
    return xs === null || k === null ? null : lookup(xs, k).value;
  });
}

export const mapContainsKey: ScalarFunctionDef = {
  name: 'map_contains_key',
  resolve: () => ({ error: 'map_contains_key is resolved from its arguments' }),
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('map_contains_key', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = mapArg(args, 0);
    if (failed(t)) return t;
    const a = keyArgs('map_contains_key', args, t);
    if (failed(a)) return a;
    return { args: [a.map, a.key], dataType: BooleanT, nullable: args.some(nullableOf) };
  },
  eval(args, n, _ctx, call) {
    const [m, key] = rowsOf(args, callTypes(call));
    return perRow(BooleanT, n, (i) => {
      const xs = m!(i) as Entry[] | null;
      const k = key!(i);
      return xs === null || k === null ? null : lookup(xs, k).found;
    });
  },
  doc: { description: 'True if the map has the key.', example: "df.select(map_contains_key(col('m'), 'a'))" },
};

/** str_to_map's delimiters are regular expressions (Spark splits with String.split). */
function splitRegex(text: string, delim: string, limit?: number): string[] {
  const re = new RegExp(delim, 'gu');
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (limit !== undefined && parts.length === limit - 1) break;
    if (m[0].length === 0) continue;
    parts.push(text.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export const strToMap: ScalarFunctionDef = {
  name: 'str_to_map',
  resolve(argTypes) {
    if (argTypes.length < 1 || argTypes.length > 3) return wrongArgCount('str_to_map', '[1, 2, 3]', argTypes.length);
    return { argTypes: argTypes.map(() => StringT), dataType: MapT(StringT, StringT, true) };
  },
  completeArgs(args) {
    const lit = (s: string): Expression => ({ kind: 'literal', value: s, dataType: StringT });
    return args.length === 1 ? [args[0]!, lit(','), lit(':')] : args.length === 2 ? [args[0]!, args[1]!, lit(':')] : args;
  },
  eval(args, n, ctx) {
    const reads = rowsOf(args, args.map(() => StringT));
    return perRow(MapT(StringT, StringT, true), n, (i) => {
      const [text, pair, kv] = reads.map((r) => r(i) as string | null);
      if (text === null || text === undefined) return null;
      if (pair === null || kv === null || pair === undefined || kv === undefined) return null;
      return buildMap(StringT, splitRegex(text, pair).map((p): Entry => {
        const [k, v] = splitRegex(p, kv, 2);
        return [k!, v ?? null];
      }), ctx?.mapKeyLastWin);
    });
  },
  doc: { description: 'A map<string,string> from text split into pairs by `pairDelim` and each pair by `keyValueDelim` (both regular expressions).', example: "df.select(str_to_map(col('s'), ',', ':'))" },
};

/**
 * A map column with each map's entries sorted by key (Spark's MapSort, which it puts under map grouping keys so
 * that maps equal but for their order group together); other columns as they are.
 */
export function sortedMapColumn(type: DataType, d: arrow.Data): arrow.Data {
  if (type.kind !== 'map') return d;
  const read = valueReader(d, type);
  return perRow(type, d.length, (i) => {
    const m = read(i) as Entry[] | null;
    return m === null ? null : [...m].sort((a, b) => compareValues(a[0], b[0], type.keyType));
  });
}

export const MAP_FUNCTIONS: readonly ScalarFunctionDef[] = [createMap, mapFromArrays, mapFromEntries, mapKeys, mapValues, mapEntries, mapConcat, mapContainsKey, strToMap];

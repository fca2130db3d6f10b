// JSON string functions, as Spark's: get_json_object (JSONPath), json_array_length, json_object_keys, to_json.
// Spark reads JSON with Jackson; the reader here keeps what Jackson's output shows: integers keep their digits
// (any size), other numbers print as Java doubles (`2.50` → `2.5`, `1e10` → `1.0E10`), text after the first
// value is ignored, and malformed input gives NULL.
import type * as arrow from 'apache-arrow';
import { dataFromPlainValues, plainValueAt } from '../../execution/plain-values.js';
import { isNullAt } from '../../execution/vectors.js';
import { ArrayT, type DataType, IntegerT, StringT, fromArrowType } from '../../types/data-type.js';
import { formatDecimal } from '../../types/decimal.js';
import { dataTypeOf, formatDate, formatDouble } from '../expression.js';
import { type CompiledPattern, compilePattern, formatLocal } from '../eval/datetime-format.js';
import { type TimeZone, timeZoneOf } from '../eval/time-zone.js';
import { localDayAndMicros } from '../eval/timestamp-local.js';
import { type ScalarFunctionDef, typeText, unexpectedType, wrongArgCount } from './function-def.js';

/** A parsed JSON value; numbers keep their source text. */
export type JsonValue =
  | { readonly t: 'object'; readonly entries: readonly (readonly [string, JsonValue])[] }
  | { readonly t: 'array'; readonly items: readonly JsonValue[] }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'number'; readonly raw: string }
  | { readonly t: 'boolean'; readonly v: boolean }
  | { readonly t: 'null' };

class Malformed extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The first JSON value of `text` (what follows it is not read, as Jackson's parser stops there); null if malformed. */
export function parseJson(text: string): JsonValue | null {
  let pos = 0;
  const ws = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      pos++;
    }
  };
  const str = (): string => {
    pos++; // the opening quote
    let out = '';
    let from = pos;
    for (;;) {
      if (pos >= text.length) throw new Malformed();
      const c = text[pos]!;
      if (c === '"') break;
      if (c.charCodeAt(0) < 0x20) throw new Malformed();
      if (c !== '\\') {
        pos++;
        continue;
      }
      out += text.slice(from, pos);
      const e = text[pos + 1];
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Malformed();
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        const m = e === undefined ? undefined : ESCAPES[e];
        if (m === undefined) throw new Malformed();
        out += m;
        pos += 2;
      }
      from = pos;
    }
    out += text.slice(from, pos);
    pos++;
    return out;
  };
  const value = (depth: number): JsonValue => {
    if (depth > 1000) throw new Malformed(); // Jackson's default nesting limit is 1000 too
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: [string, JsonValue][] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return { t: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') throw new Malformed();
        const k = str();
        ws();
        if (text[pos] !== ':') throw new Malformed();
        pos++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return { t: 'object', entries };
        } else throw new Malformed();
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonValue[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return { t: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return { t: 'array', items };
        } else throw new Malformed();
      }
    }
    if (c === '"') return { t: 'string', v: str() };
    for (const [word, v] of [['true', { t: 'boolean', v: true }], ['false', { t: 'boolean', v: false }], ['null', { t: 'null' }]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) throw new Malformed();
    pos += m[0].length;
    // Jackson reads digits greedily, so `01` is a leading zero it refuses, not 0 followed by text.
    if (pos < text.length && text.charCodeAt(pos) >= 0x30 && text.charCodeAt(pos) <= 0x39) throw new Malformed();
    return { t: 'number', raw: m[0] };
  };
  try {
    return value(0);
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}

/** A JSON string literal as Jackson writes one: quotes, backslashes and control characters escaped, the rest kept. */
export function quoteJson(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(from, i);
    out += c === 0x22 ? '\\"' : c === 0x5c ? '\\\\' : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : `\\u${c.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return out + s.slice(from) + '"';
}

/** An integer keeps its digits (Jackson reads it as a long or BigInteger); anything else prints as a Java double. */
function numberText(raw: string): string {
  return /^-?\d+$/.test(raw) ? BigInt(raw).toString() : formatDouble(Number(raw));
}

/** Compact JSON, as Jackson's generator copies a parsed value. */
export function writeJson(v: JsonValue): string {
  switch (v.t) {
    case 'object':
      return `{${v.entries.map(([k, x]) => `${quoteJson(k)}:${writeJson(x)}`).join(',')}}`;
    case 'array':
      return `[${v.items.map(writeJson).join(',')}]`;
    case 'string':
      return quoteJson(v.v);
    case 'number':
      return numberText(v.raw);
    case 'boolean':
      return v.v ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

/** One step of a JSONPath as Spark's JsonPathParser reads them: `.name`, `['name']`, `[n]`, `[*]`, `.*`. */
type PathStep = { readonly kind: 'key'; readonly name: string } | { readonly kind: 'index'; readonly i: number } | { readonly kind: 'wildcard' };

/** The steps of `$…`; null when the path is not one Spark accepts (get_json_object then gives NULL). */
export function parseJsonPath(path: string): PathStep[] | null {
  if (!path.startsWith('$')) return null;
  const steps: PathStep[] = [];
  let pos = 1;
  while (pos < path.length) {
    if (path[pos] === '.') {
      pos++;
      if (path[pos] === '*') {
        steps.push({ kind: 'wildcard' });
        pos++;
        continue;
      }
      let end = pos;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      if (end === pos) return null;
      steps.push({ kind: 'key', name: path.slice(pos, end) });
      pos = end;
    } else if (path[pos] === '[') {
      const close = path.indexOf(']', pos);
      if (close < 0) return null;
      const inner = path.slice(pos + 1, close);
      if (inner === '*') steps.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', i: Number(inner) });
      else if (inner.length >= 2 && inner.startsWith("'") && inner.endsWith("'")) steps.push({ kind: 'key', name: inner.slice(1, -1) });
      else return null;
      pos = close + 1;
    } else return null;
  }
  return steps;
}

/**
 * The values a path selects. Without a wildcard that is at most one value; with one, the matches of every branch
 * in document order (a wildcard over an object's fields or an array's elements).
 */
function select(v: JsonValue, steps: readonly PathStep[], at: number, out: JsonValue[]): void {
  if (at === steps.length) {
    out.push(v);
    return;
  }
  const s = steps[at]!;
  if (s.kind === 'key') {
    if (v.t !== 'object') return;
    const hit = v.entries.find(([k]) => k === s.name);
    if (hit) select(hit[1], steps, at + 1, out);
  } else if (s.kind === 'index') {
    if (v.t === 'array' && s.i < v.items.length) select(v.items[s.i]!, steps, at + 1, out);
  } else if (v.t === 'array') {
    for (const x of v.items) select(x, steps, at + 1, out);
  } else if (v.t === 'object') {
    for (const [, x] of v.entries) select(x, steps, at + 1, out);
  }
}

/** get_json_object's answer for one document: a string is given unquoted, anything else as compact JSON. */
export function jsonPathValue(doc: string, steps: readonly PathStep[]): string | null {
  const root = parseJson(doc);
  if (root === null) return null;
  const found: JsonValue[] = [];
  select(root, steps, 0, found);
  let v: JsonValue;
  if (steps.some((s) => s.kind === 'wildcard')) {
    // Spark wraps several matches of a wildcard in an array and returns a single one as it is.
    if (found.length === 0) return null;
    v = found.length === 1 ? found[0]! : { t: 'array', items: found };
  } else {
    if (found.length === 0) return null;
    v = found[0]!;
  }
  if (v.t === 'null') return null;
  return v.t === 'string' ? v.v : writeJson(v);
}

/** These functions expect strings and do not cast to them (Spark's ExpectsInputTypes): `json_array_length(1)` is an error. */
function stringArgs(fn: string, argTypes: readonly DataType[], count: number): { error: string } | null {
  if (argTypes.length !== count) return wrongArgCount(fn, String(count), argTypes.length);
  for (let i = 0; i < count; i++) {
    const t = argTypes[i]!;
    if (t.kind !== 'string' && t.kind !== 'null') return unexpectedType(fn, i, '"STRING"', t);
  }
  return null;
}

function strings(d: arrow.Data, n: number): (string | null)[] {
  return Array.from({ length: n }, (_, i) => plainValueAt(d, StringT, i) as string | null);
}

const getJsonObject: ScalarFunctionDef = {
  name: 'get_json_object',
  resolve(argTypes) {
    return stringArgs('get_json_object', argTypes, 2) ?? { argTypes: [StringT, StringT], dataType: StringT, nullable: () => true };
  },
  eval(args, n) {
    const docs = strings(args[0]!, n);
    const paths = strings(args[1]!, n);
    // A constant path (the usual case) is parsed once.
    const parsed = new Map<string, PathStep[] | null>();
    const out = docs.map((doc, i) => {
      const p = paths[i]!;
      if (doc === null || p === null) return null;
      let steps = parsed.get(p);
      if (steps === undefined) parsed.set(p, (steps = parseJsonPath(p)));
      return steps === null ? null : jsonPathValue(doc, steps);
    });
    return dataFromPlainValues(StringT, out);
  },
  doc: {
    description: "The value a JSONPath (`$.a.b[0]`, `$['k']`, `[*]`) selects in a JSON string: a string value unquoted, others as JSON; NULL when nothing matches or the JSON is malformed.",
    example: "df.select(get_json_object(col('j'), '$.a.b'))",
  },
};

const jsonArrayLength: ScalarFunctionDef = {
  name: 'json_array_length',
  resolve(argTypes) {
    return stringArgs('json_array_length', argTypes, 1) ?? { argTypes: [StringT], dataType: IntegerT, nullable: () => true };
  },
  eval(args, n) {
    return dataFromPlainValues(IntegerT, strings(args[0]!, n).map((s) => {
      const v = s === null ? null : parseJson(s);
      return v !== null && v.t === 'array' ? v.items.length : null;
    }));
  },
  doc: { description: 'The number of elements of the outermost JSON array; NULL for anything else or malformed JSON.', example: "df.select(json_array_length(col('j')))" },
};

const KEYS_TYPE = ArrayT(StringT, false);

const jsonObjectKeys: ScalarFunctionDef = {
  name: 'json_object_keys',
  resolve(argTypes) {
    return stringArgs('json_object_keys', argTypes, 1) ?? { argTypes: [StringT], dataType: KEYS_TYPE, nullable: () => true };
  },
  eval(args, n) {
    return dataFromPlainValues(KEYS_TYPE, strings(args[0]!, n).map((s) => {
      const v = s === null ? null : parseJson(s);
      return v !== null && v.t === 'object' ? v.entries.map(([k]) => k) : null;
    }));
  },
  doc: { description: 'The keys of the outermost JSON object, in order; NULL for anything else or malformed JSON.', example: "df.select(json_object_keys(col('j')))" },
};

const BASE64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** Spark's default JSON timestamp format (its SSS truncates: 23:59:59.9995 → .999), compiled once. */
let timestampPattern: CompiledPattern | undefined;

function jsonTimestamp(micros: bigint, zone: TimeZone): string {
  const local: [number, number] = [0, 0];
  localDayAndMicros(zone, micros, local);
  const utcSeconds = Math.floor(Number(micros) / 1e6);
  timestampPattern ??= compilePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", false);
  return formatLocal(timestampPattern, local[0], local[1], zone, zone.offsetAt(utcSeconds), utcSeconds);
}

/** Row i of `d` as JSON, the way Spark's JacksonGenerator writes it (NULL struct fields left out; timestamps in `zone`). */
function toJsonValue(d: arrow.Data, type: DataType, i: number, zone: TimeZone): string {
  if (isNullAt(d, i)) return 'null';
  switch (type.kind) {
    case 'struct': {
      const parts: string[] = [];
      type.fields.forEach((f, k) => {
        const c = d.children[k]!;
        if (!isNullAt(c, i)) parts.push(`${quoteJson(f.name)}:${toJsonValue(c, f.dataType, i, zone)}`);
      });
      return `{${parts.join(',')}}`;
    }
    case 'array': {
      const offs = d.valueOffsets as Int32Array;
      const items: string[] = [];
      for (let j = offs[i]!; j < offs[i + 1]!; j++) items.push(toJsonValue(d.children[0]!, type.elementType, j, zone));
      return `[${items.join(',')}]`;
    }
    case 'string':
      return quoteJson(plainValueAt(d, type, i) as string);
    case 'binary':
      return quoteJson(BASE64(plainValueAt(d, type, i) as Uint8Array));
    case 'date':
      return quoteJson(formatDate(plainValueAt(d, type, i) as number));
    case 'timestamp':
      return quoteJson(jsonTimestamp(plainValueAt(d, type, i) as bigint, zone));
    case 'float64': {
      const v = plainValueAt(d, type, i) as number;
      // Jackson quotes the non-finite values Spark writes (its writeNumber of NaN gives "NaN").
      return Number.isFinite(v) ? formatDouble(v) : `"${formatDouble(v)}"`;
    }
    case 'decimal':
      return formatDecimal(plainValueAt(d, type, i) as bigint, type.scale);
    case 'null':
      return 'null';
    default:
      return String(plainValueAt(d, type, i));
  }
}

const toJson: ScalarFunctionDef = {
  name: 'to_json',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('to_json', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'struct' && t.kind !== 'array') return { error: `Input schema ${typeText(t)} must be a struct, an array, a map or a variant.` };
    return { argTypes: [t], dataType: StringT };
  },
  eval(args, n, ctx, call) {
    const d = args[0]!;
    const t = call ? dataTypeOf(call.args[0]!) : fromArrowType(d.type);
    const zone = timeZoneOf(ctx?.timeZone);
    return dataFromPlainValues(StringT, Array.from({ length: n }, (_, i) => (isNullAt(d, i) ? null : toJsonValue(d, t, i, zone))));
  },
  doc: { description: 'A struct or array as a JSON string (NULL struct fields are left out, as Spark writes them).', example: "df.select(to_json(struct(col('a'), col('b'))))" },
};

export const JSON_FUNCTIONS: readonly ScalarFunctionDef[] = [getJsonObject, jsonArrayLength, jsonObjectKeys, toJson];

// JSON string functions, as Spark's: get_json_object (JSONPath), json_array_length, json_object_keys, to_json.
// Documents are read by the JSON source's reader (util/json-value.ts), which keeps what Jackson's output shows:
// integers keep their digits, other numbers print as Java doubles (`2.50` → `2.5`); text after the first value is
// ignored, and malformed input gives NULL.
import type * as arrow from 'apache-arrow';
import { dataFromPlainValues, plainValueAt } from '../../execution/plain-values.js';
import { isNullAt } from '../../execution/vectors.js';
import { ArrayT, type DataType, IntegerT, StringT, fromArrowType, parseTypeName } from '../../types/data-type.js';
import { type JsonObject, type JsonValue, jsonText, parseJson } from '../../util/json-value.js';
import { JsonMismatch, canonicalJsonType, convertJson, inferJsonType, rowJson } from '../../datasource/json.js';
import { SourceOptions } from '../../datasource/options.js';
import { type TextFormats, textFormats } from '../../datasource/text-values.js';
import { StructType } from '../../types/schema.js';
import { type Expression, dataTypeOf } from '../expression.js';
import { type ScalarFunctionDef, typeText, unexpectedType, wrongArgCount } from './function-def.js';

/** The first JSON value of `text` (Jackson stops reading there), or null when it is malformed. */
function firstValue(text: string): JsonValue | undefined {
  try {
    return parseJson(text, true);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

const isObject = (v: JsonValue): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

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
    if (!isObject(v)) return;
    const hit = v.entries.find(([k]) => k === s.name);
    if (hit) select(hit[1], steps, at + 1, out);
  } else if (s.kind === 'index') {
    if (Array.isArray(v) && s.i < v.length) select(v[s.i]!, steps, at + 1, out);
  } else if (Array.isArray(v)) {
    for (const x of v) select(x, steps, at + 1, out);
  } else if (isObject(v)) {
    for (const [, x] of v.entries) select(x, steps, at + 1, out);
  }
}

/** get_json_object's answer for one document: a string is given unquoted, anything else as compact JSON. */
export function jsonPathValue(doc: string, steps: readonly PathStep[]): string | null {
  const root = firstValue(doc);
  if (root === undefined) return null;
  const found: JsonValue[] = [];
  select(root, steps, 0, found);
  if (found.length === 0) return null;
  // Spark wraps several matches of a wildcard in an array and returns a single one as it is.
  const v = found.length === 1 || !steps.some((s) => s.kind === 'wildcard') ? found[0]! : found;
  if (v === null) return null;
  return typeof v === 'string' ? v : jsonText(v);
}

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
      const v = s === null ? undefined : firstValue(s);
      return v !== undefined && Array.isArray(v) ? v.length : null;
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
      const v = s === null ? undefined : firstValue(s);
      return v !== undefined && isObject(v) ? v.entries.map(([k]) => k) : null;
    }));
  },
  doc: { description: 'The keys of the outermost JSON object, in order; NULL for anything else or malformed JSON.', example: "df.select(json_object_keys(col('j')))" },
};

/** Spark's default JSON timestamp format (its SSS truncates: 23:59:59.9995 → .999). */
/** The JSON source's default formats in the session time zone, as to_json and from_json use them. */
function sessionFormats(timeZone: string | undefined): TextFormats {
  return textFormats(new SourceOptions([['timeZone', timeZone ?? 'UTC']]));
}

const toJson: ScalarFunctionDef = {
  name: 'to_json',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('to_json', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'struct' && t.kind !== 'array' && t.kind !== 'map') return { error: `Input schema ${typeText(t)} must be a struct, an array, a map or a variant.` };
    return { argTypes: [t], dataType: StringT };
  },
  eval(args, n, ctx, call) {
    const d = args[0]!;
    const t = call ? dataTypeOf(call.args[0]!) : fromArrowType(d.type);
    // The JSON writer's text, with timestamps in the session time zone.
    const formats = sessionFormats(ctx?.timeZone);
    return dataFromPlainValues(StringT, Array.from({ length: n }, (_, i) => (isNullAt(d, i) ? null : rowJson(d, t, i, formats))));
  },
  doc: { description: 'A struct or array as a JSON string (NULL struct fields are left out, as Spark writes them).', example: "df.select(to_json(struct(col('a'), col('b'))))" },
};

/** A constant string argument (the schema of from_json, the document of schema_of_json), or undefined. */
function stringLiteral(e: Expression | undefined): string | undefined {
  if (e === undefined) return undefined;
  if (e.kind === 'literal') return typeof e.value === 'string' ? e.value : undefined;
  // from_json(j, schema_of_json('…')): the schema is foldable, as Spark requires.
  if (e.kind === 'fn' && e.name === 'schema_of_json') {
    const doc = stringLiteral(e.args[0]);
    return doc === undefined ? undefined : inferredSchema(doc);
  }
  return undefined;
}

/** from_json's schema: a DDL field list (`a INT, b STRING`) or one type (`ARRAY<STRUCT<a: INT>>`). */
function schemaOf(text: string): DataType | undefined {
  const one = parseTypeName(text);
  if (one && (one.kind === 'struct' || one.kind === 'array' || (one.kind === 'map' && one.keyType.kind === 'string'))) return one;
  try {
    return { kind: 'struct', fields: StructType.fromDDL(text).fields };
  } catch {
    return undefined;
  }
}

/**
 * A document as a value of `t`, as Spark's PERMISSIVE from_json reads it: malformed JSON or a value of another
 * shape gives a struct of NULLs, a top-level field that does not fit its type is NULL alone (Spark's partial
 * results), and what follows the first value is ignored.
 */
function readDocument(doc: string, t: DataType, formats: TextFormats): unknown {
  let v: JsonValue | undefined;
  try {
    v = parseJson(doc, true);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  if (t.kind === 'struct') {
    const entries = v !== undefined && isObject(v) ? new Map(v.entries) : new Map<string, JsonValue>();
    return t.fields.map((f) => {
      if (!entries.has(f.name)) return null;
      try {
        return convertJson(entries.get(f.name)!, f.dataType, formats);
      } catch (e) {
        if (e instanceof JsonMismatch) return null;
        throw e;
      }
    });
  }
  if (v === undefined) return null;
  try {
    return convertJson(v, t, formats);
  } catch (e) {
    if (e instanceof JsonMismatch) return null;
    throw e;
  }
}

const fromJson: ScalarFunctionDef = {
  name: 'from_json',
  resolve() {
    return { error: 'from_json is resolved from its arguments' };
  },
  // The schema is a constant: it gives the result type and is not printed in the generated name (`from_json(j)`).
  resolveArgs(args) {
    if (args.length !== 2) return wrongArgCount('from_json', '2', args.length);
    const t = dataTypeOf(args[0]!);
    if (t.kind !== 'string' && t.kind !== 'null') return unexpectedType('from_json', 0, '"STRING"', t);
    const text = stringLiteral(args[1]);
    if (text === undefined) return { error: 'The schema of `from_json` should be a string literal, a DDL field list or a type.', errorClass: 'INVALID_SCHEMA.NON_STRING_LITERAL' };
    const schema = schemaOf(text);
    if (!schema) return { error: `The input schema ${JSON.stringify(text)} is not a valid schema string.`, errorClass: 'INVALID_SCHEMA.PARSE_ERROR' };
    return { args: [args[0]!], dataType: schema, nullable: true };
  },
  eval(args, n, ctx, call) {
    const t = call!.dataType;
    // Timestamps without an offset are read in the session time zone, as the JSON source reads them.
    const formats = sessionFormats(ctx?.timeZone);
    return dataFromPlainValues(t, strings(args[0]!, n).map((s) => (s === null ? null : readDocument(s, t, formats))));
  },
  doc: { description: 'A JSON string read as the given struct or array type (a DDL string); malformed input gives a struct of NULLs.', example: "df.select(from_json(col('j'), 'a INT, b STRING'))" },
};

/** A type as Spark's `DataType.sql` writes it: `STRUCT<a: BIGINT, b: ARRAY<DOUBLE>>`. */
export function sqlTypeText(t: DataType): string {
  switch (t.kind) {
    case 'struct':
      return `STRUCT<${t.fields.map((f) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name) ? f.name : `\`${f.name.replace(/`/g, '``')}\``}: ${sqlTypeText(f.dataType)}`).join(', ')}>`;
    case 'array':
      return `ARRAY<${sqlTypeText(t.elementType)}>`;
    case 'map':
      return `MAP<${sqlTypeText(t.keyType)}, ${sqlTypeText(t.valueType)}>`;
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'int64': return 'BIGINT';
    case 'int32': return 'INT';
    case 'float64': return 'DOUBLE';
    case 'null': return 'VOID';
    default: return t.kind.toUpperCase();
  }
}

/** The DDL type text Spark's inference gives a JSON document; undefined when it is malformed. */
function inferredSchema(doc: string): string | undefined {
  let v: JsonValue;
  try {
    v = parseJson(doc, true);
  } catch {
    return undefined;
  }
  return sqlTypeText(canonicalJsonType(inferJsonType(v)) ?? { kind: 'struct', fields: [] });
}

const schemaOfJson: ScalarFunctionDef = {
  name: 'schema_of_json',
  resolve() {
    return { error: 'schema_of_json is resolved from its argument' };
  },
  // Spark infers from a constant document only, and refuses a malformed one at analysis time.
  resolveArgs(args) {
    if (args.length !== 1) return wrongArgCount('schema_of_json', '1', args.length);
    const doc = stringLiteral(args[0]);
    if (doc === undefined) return { error: 'The input json should be a foldable "STRING" expression.', errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
    if (inferredSchema(doc) === undefined) return { error: `Cannot infer the schema of the malformed JSON ${JSON.stringify(doc)}.`, errorClass: 'MALFORMED_RECORD_IN_PARSING' };
    return { args, dataType: StringT, nullable: false };
  },
  eval(args, n) {
    const doc = plainValueAt(args[0]!, StringT, 0) as string;
    return dataFromPlainValues(StringT, new Array<string>(n).fill(inferredSchema(doc)!));
  },
  doc: { description: 'The schema Spark infers for a JSON document, as a DDL type string (`STRUCT<a: BIGINT>`).', example: `df.select(schema_of_json(lit('{"a": 1}')))` },
};

export const JSON_FUNCTIONS: readonly ScalarFunctionDef[] = [getJsonObject, jsonArrayLength, jsonObjectKeys, toJson, fromJson, schemaOfJson];

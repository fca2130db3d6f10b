// JSON lines files (one object per line; multiLine: one document per file, an array of objects being several rows),
// with Spark's schema inference: long/double/decimal/string/boolean, arrays and structs (fields sorted by name),
// types merged across records, NULL-only fields as string, and a `_corrupt_record` column for malformed records.
import type * as arrow from 'apache-arrow';
import { AnalysisError, ExecutionError } from '../errors.js';
import { StructType } from '../types/schema.js';
import { type DataType, type StructField, ArrayT, DoubleT, LongT, StringT, StructT, BooleanT, NullT } from '../types/data-type.js';
import { plainValueAt } from '../execution/plain-values.js';
import { valueToString } from '../expr/eval/cast-string.js';
import { plainColumn } from './plain-column.js';
import { isNullAt, makeBatch } from '../execution/vectors.js';
import { schemaOf } from '../execution/schema-of.js';
import { attr } from '../expr/expression.js';
import { formatDate, formatDouble } from '../expr/expression.js';
import { formatDecimal } from '../types/decimal.js';
import type { FileFormat, ReadRequest } from './file-format.js';
import { type SourceOptions, parseMode } from './options.js';
import type { SourceFile } from './paths.js';
import { decodeText, readSplitBytes, readWholeFile, splitLines } from './split-reader.js';
import { type JsonValue, jsonText, parseJson, quoteJson } from '../util/json-value.js';
import { DEFAULT_FORMATS, type TextFormats, parseDecimalText, textFormats, timestampText } from './text-values.js';
import { parseDate, parseTimestamp } from '../expr/eval/datetime.js';
import { typeText } from '../expr/functions/function-def.js';

const encoder = new TextEncoder();

/** The documents of a text: one per non-blank line, or the whole text with multiLine. */
function documents(text: string, o: SourceOptions): string[] {
  if (o.bool('multiLine', false)) return text.trim() === '' ? [] : [text];
  return splitLines(text, o.get('lineSep')).filter((l) => l.trim() !== '');
}

/** Records of one document: an object, or the objects of a top-level array; null when malformed. */
function records(doc: string): JsonValue[] | null {
  let v: JsonValue;
  try {
    v = parseJson(doc);
  } catch {
    return null;
  }
  if (Array.isArray(v)) return v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? v : null;
  return v !== null && typeof v === 'object' ? [v] : null;
}

// ---------------------------------------------------------------------------------------------- inference

/** The type Spark's schema inference gives one JSON value (schema_of_json; the source merges these over records). */
export function inferJsonType(v: JsonValue): DataType {
  return inferValue(v);
}

function inferValue(v: JsonValue): DataType {
  if (v === null) return NullT;
  if (typeof v === 'boolean') return BooleanT;
  if (typeof v === 'bigint') {
    if (BigInt.asIntN(64, v) === v) return LongT;
    const digits = (v < 0n ? -v : v).toString().length;
    return digits <= 38 ? { kind: 'decimal', precision: digits, scale: 0 } : DoubleT;
  }
  if (typeof v === 'number') return DoubleT;
  if (typeof v === 'string') return StringT;
  if (Array.isArray(v)) return ArrayT(v.reduce<DataType>((t, x) => mergeJsonTypes(t, inferValue(x)), NullT), true);
  return inferObject(v.entries);
}

function inferObject(entries: readonly [string, JsonValue][]): DataType {
  // A key repeated in one object: the last value wins, as Jackson's tree does not keep both.
  const m = new Map<string, JsonValue>();
  for (const [k, x] of entries) m.set(k, x);
  return StructT([...m.entries()].map(([name, x]) => ({ name, dataType: inferValue(x), nullable: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

/** Spark's JsonInferSchema.compatibleType. */
export function mergeJsonTypes(a: DataType, b: DataType): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map<string, DataType>();
    for (const f of a.fields) fields.set(f.name, f.dataType);
    for (const f of b.fields) fields.set(f.name, fields.has(f.name) ? mergeJsonTypes(fields.get(f.name)!, f.dataType) : f.dataType);
    return StructT([...fields.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([name, dataType]) => ({ name, dataType, nullable: true })));
  }
  if (a.kind === 'array' && b.kind === 'array') return ArrayT(mergeJsonTypes(a.elementType, b.elementType), true);
  if (a.kind === b.kind && a.kind !== 'decimal') return a;
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const scale = Math.max(a.scale, b.scale);
    const range = Math.max(a.precision - a.scale, b.precision - b.scale);
    return range + scale > 38 ? DoubleT : { kind: 'decimal', precision: range + scale, scale };
  }
  const isDec = (t: DataType) => t.kind === 'decimal';
  if ((a.kind === 'int64' && b.kind === 'float64') || (a.kind === 'float64' && b.kind === 'int64')) return DoubleT;
  if ((isDec(a) && b.kind === 'float64') || (a.kind === 'float64' && isDec(b))) return DoubleT;
  if ((isDec(a) && b.kind === 'int64') || (a.kind === 'int64' && isDec(b))) {
    const d = (isDec(a) ? a : b) as { precision: number; scale: number };
    return mergeJsonTypes({ kind: 'decimal', precision: 20, scale: 0 }, { kind: 'decimal', precision: d.precision, scale: d.scale });
  }
  return StringT;
}

/** NULL-only types become string; empty structs inside records disappear (Spark's canonicalizeType). */
export function canonicalJsonType(t: DataType): DataType | null {
  return canonical(t);
}

function canonical(t: DataType): DataType | null {
  switch (t.kind) {
    case 'null': return StringT;
    case 'array': { const e = canonical(t.elementType); return e === null ? null : ArrayT(e, true); }
    case 'struct': {
      const fields = t.fields.flatMap((f) => { const c = canonical(f.dataType); return c === null ? [] : [{ ...f, dataType: c }]; });
      return fields.length === 0 ? null : StructT(fields);
    }
    default: return t;
  }
}

// ---------------------------------------------------------------------------------------------- conversion

/** A JSON value that does not fit the type it is read as. */
export class JsonMismatch extends Error {}
const Mismatch = JsonMismatch;

/** A JSON value as the plain value of `t` (Spark's JacksonParser rules); throws JsonMismatch when it cannot be. */
export function convertJson(v: JsonValue, t: DataType, f: TextFormats = DEFAULT_FORMATS): unknown {
  return convert(v, t, f);
}

function convert(v: JsonValue, t: DataType, f: TextFormats): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case 'string': return typeof v === 'string' ? v : jsonText(v);
    case 'int64': if (typeof v === 'bigint' && BigInt.asIntN(64, v) === v) return v; break;
    case 'int32': if (typeof v === 'bigint' && v >= -2147483648n && v <= 2147483647n) return Number(v); break;
    case 'float64':
      if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
      if (v === 'NaN') return NaN;
      if (v === 'Infinity' || v === '+INF' || v === 'INF' || v === '+Infinity') return Infinity;
      if (v === '-Infinity' || v === '-INF') return -Infinity;
      break;
    case 'boolean': if (typeof v === 'boolean') return v; break;
    case 'decimal': {
      if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string') {
        const r = parseDecimalText(String(v), t);
        if (r !== null) return r;
      }
      break;
    }
    case 'date': if (typeof v === 'string') { const d = f.date ? f.date.parse(v) : parseDate(v); if (d !== null) return d; } break;
    case 'timestamp': if (typeof v === 'string') { const d = f.timestamp ? f.timestamp.parse(v) : parseTimestamp(v, f.zone); if (d !== null) return d; } break;
    case 'binary': if (typeof v === 'string') return Uint8Array.from(Buffer.from(v, 'base64')); break;
    case 'null': return null;
    case 'array': if (Array.isArray(v)) return v.map((x) => convert(x, t.elementType, f)); break;
    case 'struct':
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return structValues(v.entries, t.fields, f);
      break;
    case 'map':
      // An object's members as entries (Spark reads JSON maps with string keys only).
      if (t.keyType.kind === 'string' && v !== null && typeof v === 'object' && !Array.isArray(v)) return v.entries.map(([k, x]) => [k, convert(x, t.valueType, f)]);
      break;
  }
  throw new Mismatch();
}

function structValues(entries: readonly [string, JsonValue][], fields: readonly StructField[], fmt: TextFormats): unknown[] {
  const m = new Map(entries);
  return fields.map((f) => (m.has(f.name) ? convert(m.get(f.name)!, f.dataType, fmt) : null));
}

// ---------------------------------------------------------------------------------------------- writing

/** Row i of `d` as a plain value, nested values too in the engine's conventions (dates as days, timestamps µs). */
function valueOf(d: arrow.Data, t: DataType, i: number): unknown {
  if (t.kind === 'array') {
    if (isNullAt(d, i)) return null;
    const offs = d.valueOffsets as Int32Array;
    const out: unknown[] = [];
    for (let j = offs[i]!; j < offs[i + 1]!; j++) out.push(valueOf(d.children[0]!, t.elementType, j));
    return out;
  }
  if (t.kind === 'struct') return isNullAt(d, i) ? null : t.fields.map((f, k) => valueOf(d.children[k]!, f.dataType, i));
  return plainValueAt(d, t, i);
}

/** Row i of `d` (a struct or array) as JSON text, as Spark's JacksonGenerator writes it: to_json and the writer. */
export function rowJson(d: arrow.Data, t: DataType, i: number, f: TextFormats = DEFAULT_FORMATS): string {
  return toJson(valueOf(d, t, i), t, f);
}

function toJson(v: unknown, t: DataType, f: TextFormats = DEFAULT_FORMATS): string {
  switch (t.kind) {
    case 'string': return quoteJson(v as string);
    case 'float64': {
      const d = v as number;
      return Number.isFinite(d) ? formatDouble(d) : `"${formatDouble(d)}"`;
    }
    case 'decimal': return formatDecimal(v as bigint, t.scale);
    case 'date': return `"${f.date ? f.date.format(v as number) : formatDate(v as number)}"`;
    case 'timestamp': return `"${timestampText(v as bigint, f)}"`;
    case 'binary': return `"${Buffer.from(v as Uint8Array).toString('base64')}"`;
    case 'array': return `[${(v as unknown[]).map((x) => (x === null || x === undefined ? 'null' : toJson(x, t.elementType, f))).join(',')}]`;
    case 'struct': return objectJson(v as unknown[], t.fields, true, f);
    case 'map':
      // Keys as their string form; NULL values are written (Spark's JacksonGenerator of a map).
      return `{${(v as [unknown, unknown][]).map(([k, x]) => `${quoteJson(valueToString(k, t.keyType))}:${x === null || x === undefined ? 'null' : toJson(x, t.valueType, f)}`).join(',')}}`;
    default: return String(v);
  }
}

function objectJson(values: readonly unknown[], fields: readonly StructField[], ignoreNulls = true, fmt: TextFormats = DEFAULT_FORMATS): string {
  const parts: string[] = [];
  fields.forEach((f, i) => {
    const x = values[i];
    if (x === null || x === undefined) {
      if (!ignoreNulls) parts.push(`${quoteJson(f.name)}:null`);
    } else parts.push(`${quoteJson(f.name)}:${toJson(x, f.dataType, fmt)}`);
  });
  return `{${parts.join(',')}}`;
}

export const jsonFormat: FileFormat = {
  name: 'json',
  displayName: 'JSON',
  extension: (o) => ((o.get('compression') ?? 'none').toLowerCase() === 'gzip' ? '.json.gz' : '.json'),
  splittable: (o) => !o.bool('multiLine', false) && o.get('lineSep') === undefined,

  async inferSchema(files: readonly SourceFile[], o: SourceOptions): Promise<StructType | null> {
    let t: DataType = StructT([]);
    let corrupt = false;
    let any = false;
    const mode = parseMode(o);
    for (const f of files) {
      const text = decodeText(await readWholeFile(f.path), o.get('encoding'));
      for (const doc of documents(text, o)) {
        const recs = records(doc);
        if (recs === null) {
          if (mode === 'FAILFAST') {
            throw new ExecutionError('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION', `Malformed records are detected in schema inference. Parse Mode: FAILFAST.`, { failFastMode: 'FAILFAST' });
          }
          corrupt = corrupt || mode === 'PERMISSIVE';
          continue;
        }
        for (const r of recs) {
          any = true;
          t = mergeJsonTypes(t, inferValue(r));
        }
      }
    }
    if (!any && !corrupt) return null;
    const fields = t.kind === 'struct' ? t.fields.flatMap((f) => { const c = canonical(f.dataType); return c === null ? [] : [{ ...f, dataType: c }]; }) : [];
    const corruptName = o.str('columnNameOfCorruptRecord', '_corrupt_record');
    return new StructType(corrupt && !fields.some((f) => f.name === corruptName) ? [{ name: corruptName, dataType: StringT, nullable: true }, ...fields] : fields);
  },

  async *read(req: ReadRequest): AsyncGenerator<arrow.RecordBatch> {
    const o = req.options;
    const text = decodeText(await readSplitBytes(req.split), o.get('encoding'));
    const mode = parseMode(o);
    const schema = req.dataSchema;
    const corruptName = o.str('columnNameOfCorruptRecord', '_corrupt_record');
    const formats = textFormats(o);
    const corruptIdx = schema.findIndex((f) => f.name === corruptName && f.dataType.kind === 'string');
    const wanted = req.columns.map((c) => schema[c]!);
    const target = schemaOf(wanted.map((f) => attr(f.name, f.dataType, true)));
    let rows: unknown[][] = [];
    const flush = () => {
      const cols = wanted.map((f, k) => plainColumn(f.dataType, rows.map((r) => r[k])));
      const b = makeBatch(target, cols, rows.length);
      rows = [];
      return b;
    };
    const malformed = (doc: string, partial: unknown[] | null) => {
      if (mode === 'DROPMALFORMED') return;
      if (mode === 'FAILFAST') {
        throw new ExecutionError('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION', `Malformed records are detected in record parsing: [${doc}].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`, { badRecord: doc, failFastMode: 'FAILFAST' });
      }
      const row = partial ?? wanted.map(() => null);
      req.columns.forEach((c, k) => { if (c === corruptIdx) row[k] = doc; });
      rows.push(row);
    };
    for (const doc of documents(text, o)) {
      const recs = records(doc);
      if (recs === null) {
        malformed(doc, null);
        continue;
      }
      for (const r of recs) {
        const m = new Map((r as { entries: [string, JsonValue][] }).entries);
        let bad = false;
        const row = req.columns.map((c) => {
          if (c === corruptIdx) return null;
          const f = schema[c]!;
          const v = m.get(f.name);
          if (v === undefined) return null;
          try {
            return convert(v, f.dataType, formats);
          } catch (e) {
            if (!(e instanceof Mismatch)) throw e;
            bad = true;
            return null;
          }
        });
        if (bad) malformed(doc, row);
        else rows.push(row);
        if (rows.length >= req.batchSize) yield flush();
      }
    }
    if (rows.length > 0) yield flush();
  },

  checkWriteSchema(schema: StructType): void {
    for (const f of schema.fields) {
      if (f.dataType.kind === 'null') {
        throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The JSON datasource doesn't support the column \`${f.name}\` of the type ${typeText(f.dataType)}.`, { columnName: f.name });
      }
    }
  },

  async write(batches: readonly arrow.RecordBatch[], schema: StructType, o: SourceOptions): Promise<Uint8Array> {
    const ignoreNulls = o.bool('ignoreNullFields', true);
    const lineSep = o.str('lineSep', '\n');
    const types = schema.fields.map((f) => f.dataType);
    const formats = textFormats(o);
    const parts: string[] = [];
    for (const b of batches) {
      for (let i = 0; i < b.numRows; i++) {
        const values = types.map((t, c) => valueOf(b.data.children[c]!, t, i));
        parts.push(objectJson(values, schema.fields, ignoreNulls, formats) + lineSep);
      }
    }
    return encoder.encode(parts.join(''));
  },
};

// Turns user data (rows, objects, Arrow tables) into engine batches, inferring or checking the schema.
import * as arrow from 'apache-arrow';
import { AnalysisError, IllegalArgumentError } from '../errors.js';
import { type DataType, BinaryT, BooleanT, DoubleT, LongT, MapT, NullT, StringT, StructT, TimestampT, simpleString } from '../types/data-type.js';
import { type StructField, StructType } from '../types/schema.js';
import { dataFromValues, makeBatch, recordBatch } from '../execution/vectors.js';
import { Row } from '../api/row.js';
import { changePrecision, parseDecimal } from '../types/decimal.js';

export type InputRow = readonly unknown[] | Record<string, unknown> | Row;

function inferType(v: unknown): DataType | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': return BooleanT;
    case 'bigint': return LongT;
    case 'number': return Number.isInteger(v) ? LongT : DoubleT;
    case 'string': return StringT;
    default:
      if (v instanceof Uint8Array) return BinaryT;
      if (v instanceof Date) return TimestampT;
      if (Array.isArray(v)) {
        const el = v.map(inferType).find((t) => t !== null);
        return el ? { kind: 'array', elementType: el, containsNull: true } : null;
      }
      if (v instanceof Map) {
        // Spark infers a map from the first non-null key and value (PySpark's _infer_type of a dict).
        const entries = [...v.entries()];
        const k = entries.map(([x]) => inferType(x)).find((t) => t !== null) ?? NullT;
        const x = entries.map(([, y]) => inferType(y)).find((t) => t !== null) ?? NullT;
        return MapT(k, x);
      }
      if (Row.isRow(v)) {
        const names = v.fieldNames();
        return StructT(v.toArray().map((x, k) => ({ name: names[k] ?? `_${k + 1}`, dataType: inferType(x) ?? NullT, nullable: true })));
      }
      if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        return StructT(Object.entries(v as Record<string, unknown>).map(([name, x]) => ({ name, dataType: inferType(x) ?? NullT, nullable: true })));
      }
      return undefined as never;
  }
}

function merge(a: DataType | null, b: DataType | null, field: string): DataType | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.kind === b.kind) return a;
  if ((a.kind === 'int64' && b.kind === 'float64') || (a.kind === 'float64' && b.kind === 'int64')) return DoubleT;
  throw new IllegalArgumentError('CANNOT_MERGE_TYPE', `Can not merge type ${simpleString(a)} and ${simpleString(b)} in field \`${field}\`.`, { field });
}

function rowValues(r: InputRow, names: readonly string[] | null, index: number): unknown[] {
  if (Row.isRow(r)) return r.toArray();
  if (Array.isArray(r)) return r as unknown[];
  if (typeof r === 'object' && r !== null) {
    if (!names) return Object.values(r);
    return names.map((n) => (r as Record<string, unknown>)[n] ?? null);
  }
  throw new IllegalArgumentError('CANNOT_INFER_SCHEMA_FOR_TYPE', `Row ${index} is a ${r === null ? 'null' : typeof r}; expected an array, an object or a Row.`, { index: String(index) });
}

/** Converts one JS value to what the Arrow builder of `type` expects, or throws naming the column and row. */
function convert(v: unknown, type: DataType, field: string, row: number): unknown {
  if (v === null || v === undefined) return null;
  const bad = () =>
    new IllegalArgumentError(
      'FIELD_DATA_TYPE_UNACCEPTABLE',
      `Field \`${field}\` of row ${row}: ${simpleString(type)} can not accept object ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)} of type ${typeof v}.`,
      { field, row: String(row) },
    );
  switch (type.kind) {
    case 'boolean': if (typeof v === 'boolean') return v; throw bad();
    case 'int32':
      if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
      if (typeof v === 'bigint' && v >= -2147483648n && v <= 2147483647n) return Number(v);
      throw bad();
    case 'int64':
      if (typeof v === 'bigint') return BigInt.asIntN(64, v) === v ? v : (() => { throw bad(); })();
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      throw bad();
    case 'float64':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      throw bad();
    case 'decimal': {
      // Exact text (`'1.50'`), a number (through its shortest text) or an integral bigint; rounded HALF_UP to the
      // scale, and refused when it has more integral digits than the type holds.
      const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? String(v) : null;
      const p = text === null ? null : parseDecimal(text.trim());
      const r = p === null ? null : changePrecision(p.unscaled, p.scale, type);
      if (r === null) throw bad();
      return r;
    }
    case 'string': if (typeof v === 'string') return v; throw bad();
    case 'binary': if (v instanceof Uint8Array) return v; throw bad();
    case 'date':
      if (v instanceof Date) return Math.floor(v.getTime() / 86400000);
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return Math.floor(Date.parse(v + 'T00:00:00Z') / 86400000);
      throw bad();
    case 'timestamp':
      if (v instanceof Date) return BigInt(v.getTime()) * 1000n;
      if (typeof v === 'bigint') return v;
      throw bad();
    case 'null': throw bad();
    case 'array':
      if (Array.isArray(v)) return v.map((x) => convert(x, type.elementType, field, row));
      throw bad();
    case 'map': {
      // A JS Map, a plain object or [key, value] pairs; kept as pairs. Keys are never null.
      const pairs = Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2) ? (v as [unknown, unknown][]) : null;
      const entries = v instanceof Map ? [...v.entries()] : pairs ?? (typeof v === 'object' && !Array.isArray(v) ? Object.entries(v as Record<string, unknown>) : null);
      if (!entries) throw bad();
      return entries.map(([k, x]) => {
        if (k === null || k === undefined) throw new IllegalArgumentError('NULL_MAP_KEY', 'Cannot use null as map key.');
        return [convert(k, type.keyType, `${field}.key`, row), convert(x, type.valueType, `${field}.value`, row)];
      });
    }
    case 'struct': {
      // A Row or an array by position, an object by field name; values are kept positional.
      let values: readonly unknown[];
      if (Row.isRow(v)) values = v.toArray();
      else if (Array.isArray(v)) values = v;
      else if (typeof v === 'object') values = type.fields.map((f) => (v as Record<string, unknown>)[f.name] ?? null);
      else throw bad();
      if (values.length !== type.fields.length) throw bad();
      return type.fields.map((f, k) => convert(values[k], f.dataType, `${field}.${f.name}`, row));
    }
  }
}

/** Rows → (schema, partitions of batches). `schema` may be a StructType, a DDL string, or column names. */
export function batchesFromRows(
  rows: readonly InputRow[],
  schema: StructType | string | readonly string[] | undefined,
  numPartitions: number,
): { schema: StructType; partitions: arrow.RecordBatch[][] } {
  if (!Array.isArray(rows)) throw new IllegalArgumentError('INVALID_TYPE', `createDataFrame expects an array of rows or an Arrow Table, got ${typeof rows}.`);
  let struct: StructType | undefined = typeof schema === 'string' ? StructType.fromDDL(schema) : schema instanceof StructType ? schema : undefined;
  let names: string[] | null = Array.isArray(schema) ? [...(schema as string[])] : struct ? struct.fieldNames : null;
  const first = rows[0];
  if (!names && first !== undefined && !Array.isArray(first) && !Row.isRow(first) && typeof first === 'object' && first !== null) names = Object.keys(first);
  if (!names && first !== undefined && Row.isRow(first)) names = first.fieldNames();
  const valueRows = rows.map((r, i) => rowValues(r, names && !Array.isArray(r) && !Row.isRow(r) ? names : null, i));
  const width = struct?.fields.length ?? names?.length ?? valueRows[0]?.length ?? 0;
  valueRows.forEach((r, i) => {
    if (r.length !== width) {
      throw new IllegalArgumentError('AXIS_LENGTH_MISMATCH', `Row ${i} has ${r.length} values but the schema has ${width} fields.`, { row: String(i) });
    }
  });
  if (!struct) {
    const colNames = names ?? Array.from({ length: width }, (_, i) => `_${i + 1}`);
    const fields: StructField[] = colNames.map((name, c) => {
      let t: DataType | null = null;
      for (const r of valueRows) {
        const vt = inferType(r[c]);
        if (vt === undefined) throw new IllegalArgumentError('CANNOT_INFER_TYPE_FOR_FIELD', `Unable to infer the type of the field \`${name}\`: unsupported value ${String(r[c])}.`, { field_name: name });
        t = merge(t, vt, name);
      }
      if (t === null) throw new AnalysisError('CANNOT_DETERMINE_TYPE', `Some of types cannot be determined after inferring: field \`${name}\` has only NULL values.`, { field: name });
      return { name, dataType: t, nullable: true };
    });
    struct = new StructType(fields);
  }
  const converted = valueRows.map((r, i) => r.map((v, c) => {
    const f = struct!.fields[c]!;
    if ((v === null || v === undefined) && !f.nullable) {
      throw new IllegalArgumentError('FIELD_NOT_NULLABLE', `Field \`${f.name}\` of row ${i} is NULL but the schema says it is not nullable.`, { field: f.name });
    }
    return convert(v, f.dataType, f.name, i);
  }));
  const arrowSchema = struct.toArrow();
  const parts = Math.max(1, Math.min(numPartitions, converted.length || 1));
  const partitions: arrow.RecordBatch[][] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * converted.length) / parts);
    const to = Math.floor(((p + 1) * converted.length) / parts);
    const slice = converted.slice(from, to);
    if (slice.length === 0) {
      partitions.push([]);
      continue;
    }
    const cols = struct.fields.map((f, c) => dataFromValues(f.dataType, slice.map((r) => r[c])));
    partitions.push([makeBatch(arrowSchema, cols, slice.length)]);
  }
  return { schema: struct, partitions };
}

/** An Arrow table → (schema, partitions), re-chunked into `numPartitions` contiguous parts, zero-copy where possible. */
/**
 * Whether data of Arrow type `b` already has the layout of `a`. apache-arrow's compareTypes also compares the
 * classes, and an IPC reader's `Int_(64, signed)` is not an `Int64`: every int64 column read from a client's
 * stream was rebuilt value by value.
 */
function sameLayout(a: arrow.DataType, b: arrow.DataType): boolean {
  return a.typeId === b.typeId && String(a) === String(b);
}

export function batchesFromArrow(table: arrow.Table, numPartitions: number): { schema: StructType; partitions: arrow.RecordBatch[][] } {
  const schema = StructType.fromArrow(table.schema);
  const target = schema.toArrow();
  const casted = schema.fields.some((f, i) => !sameLayout(target.fields[i]!.type, table.schema.fields[i]!.type));
  const source = casted ? normaliseTable(table, schema) : table;
  const n = source.numRows;
  const parts = Math.max(1, Math.min(numPartitions, n || 1));
  const partitions: arrow.RecordBatch[][] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * n) / parts);
    const to = Math.floor(((p + 1) * n) / parts);
    const slice = source.slice(from, to);
    partitions.push(slice.batches.filter((b) => b.numRows > 0).map((b) => recordBatch(target, b.data)));
  }
  return { schema, partitions };
}

/** An Arrow getter's value in the form Arrow's builder for `type` accepts (nested vectors become arrays). */
function toEngineValue(v: unknown, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (type.kind) {
    case 'int64': return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'int32': return Number(v);
    case 'float64': return Number(v);
    case 'array': return [...(v as Iterable<unknown>)].map((x) => toEngineValue(x, type.elementType));
    case 'struct': return type.fields.map((f) => toEngineValue((v as Record<string, unknown>)[f.name], f.dataType));
    case 'map': return [...(v as Iterable<[unknown, unknown]>)].map(([k, x]) => [toEngineValue(k, type.keyType), toEngineValue(x, type.valueType)]);
    default: return v;
  }
}

function normaliseTable(table: arrow.Table, schema: StructType): arrow.Table {
  // Narrow ints/floats widen to Kindling's types; values are copied once. Columns are kept by position: an object
  // keyed by name would put a column named "1" first and merge duplicate names.
  const target = schema.toArrow();
  const children = schema.fields.map((f, i) => {
    const src = table.getChildAt(i)!;
    const values: unknown[] = [];
    for (let k = 0; k < src.length; k++) values.push(toEngineValue(src.get(k), f.dataType));
    return dataFromValues(f.dataType, values);
  });
  const struct = arrow.makeData({ type: new arrow.Struct(target.fields), length: table.numRows, children, nullCount: 0 });
  return new arrow.Table(target, [recordBatch(target, struct)]);
}

// LocalData: an Arrow IPC stream from the client (inline or in a shm segment) → spark.createDataFrame, then the
// optional schema renames and casts the columns (an impossible conversion is an error naming the field).
import * as arrow from 'apache-arrow';
import { fb, decodeSchema } from '@kindling/protocol';
import {
  type DataFrame,
  type StructType,
  AnalysisError,
  Column,
  IllegalArgumentError,
  KindlingError,
  fromArrowType,
  sameType,
  simpleString,
} from '@kindling/core';
import { readClientSegment } from '../shm.js';
import { type PickleValue, unpickle } from '../unpickle.js';
import type { RequestContext } from './context.js';

const DAY_MS = 86_400_000;

/** A decoded pickled value as createDataFrame takes it for `type` (dates arrive as days since the epoch). */
function rowValue(v: PickleValue, type: StructType['fields'][number]['dataType'], field: string, row: number, depth = 0): unknown {
  if (v === null) return null;
  // A pickle can make a list hold itself (memo references): nesting is bounded instead of followed forever.
  if (depth > 64) throw new IllegalArgumentError('INVALID_PICKLED_ROWS', `Field \`${field}\` of row ${row} nests deeper than 64 levels.`, { field, row: String(row) });
  switch (type.kind) {
    case 'date':
      // ±100M days covers every date Python can hold (years 1–9999) with room to spare.
      if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 100_000_000) return new Date(v * DAY_MS);
      break;
    case 'timestamp':
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (typeof v === 'bigint') return v;
      break;
    case 'array':
      if (Array.isArray(v)) return v.map((x) => rowValue(x, type.elementType, field, row, depth + 1));
      break;
    case 'map':
      // The client pickles a map value as a list of (key, value) pairs, in the dict's order.
      if (Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2)) {
        return v.map((e) => {
          const [k, x] = e as PickleValue[];
          if (k === null) throw new IllegalArgumentError('NULL_MAP_KEY', 'Cannot use null as map key.');
          return [rowValue(k!, type.keyType, `${field}.key`, row, depth + 1), rowValue(x!, type.valueType, `${field}.value`, row, depth + 1)];
        });
      }
      break;
    case 'struct':
      // The client pickles a struct value as the tuple of its fields in schema order.
      if (Array.isArray(v) && v.length === type.fields.length) {
        return type.fields.map((f, k) => rowValue(v[k]!, f.dataType, `${field}.${f.name}`, row, depth + 1));
      }
      break;
    case 'binary':
      if (v instanceof Uint8Array) return v;
      break;
    default:
      // Scalars are checked by createDataFrame; a list where a scalar belongs is refused here (it could be cyclic),
      // and so are bytes anywhere but a binary field.
      if (!Array.isArray(v) && !(v instanceof Uint8Array)) return v;
  }
  throw new IllegalArgumentError('FIELD_DATA_TYPE_UNACCEPTABLE', `Field \`${field}\` of row ${row}: ${simpleString(type)} can not accept the pickled value ${typeof v === 'bigint' ? String(v) : JSON.stringify(v)}.`, { field, row: String(row) });
}

/** Pickled row tuples (PySpark's classic createDataFrame path) → a DataFrame of `target`'s schema. */
function pickledRows(ctx: RequestContext, bytes: Uint8Array, target: StructType): DataFrame {
  const rows = unpickle(bytes);
  if (!Array.isArray(rows)) throw new IllegalArgumentError('INVALID_PICKLED_ROWS', 'The pickled rows must be a list of row tuples.');
  const width = target.fields.length;
  const values = rows.map((r, i) => {
    if (!Array.isArray(r) || r.length !== width) {
      throw new IllegalArgumentError('AXIS_LENGTH_MISMATCH', `Pickled row ${i} has ${Array.isArray(r) ? r.length : 'no'} values but the schema has ${width} fields.`, { row: String(i) });
    }
    return r.map((v, c) => rowValue(v, target.fields[c]!.dataType, target.fields[c]!.name, i));
  });
  return ctx.session.spark.createDataFrame(values, target);
}

async function readTable(ctx: RequestContext, segment: { name: string; size: bigint } | null, inline: Uint8Array | null): Promise<arrow.Table> {
  const bytes = segment ? readClientSegment(segment.name, segment.size) : inline;
  if (!bytes || bytes.length === 0) {
    throw new IllegalArgumentError('INVALID_LOCAL_DATA', 'LocalData carries neither Arrow IPC bytes nor a shared-memory segment.');
  }
  // apache-arrow's reader can loop forever on corrupt input: vet the bytes in a worker with a deadline first
  // (parsing is deterministic, so bytes that pass parse here too).
  await ctx.session.ipcGuard.check(bytes);
  let table: arrow.Table;
  try {
    table = arrow.tableFromIPC(bytes);
  } catch (err) {
    throw new IllegalArgumentError('INVALID_ARROW_DATA', `LocalData is not a readable Arrow IPC stream: ${(err as Error).message}`);
  }
  if (table.numCols === 0) throw new IllegalArgumentError('INVALID_LOCAL_DATA', 'LocalData has no columns.');
  // A stream of only a schema: give the table one empty batch (slicing a batch-less table fails in apache-arrow).
  if (table.batches.length === 0) table = new arrow.Table(table.schema, [emptyBatch(table.schema)]);
  return table;
}

function emptyBatch(schema: arrow.Schema): arrow.RecordBatch {
  const children = schema.fields.map((f) => arrow.vectorFromArray([], f.type).data[0]!);
  return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: 0, children }));
}

function kindlingTypeOf(field: arrow.Field): ReturnType<typeof fromArrowType> {
  try {
    return fromArrowType(field.type);
  } catch {
    throw new IllegalArgumentError('UNSUPPORTED_ARROW_TYPE', `Column \`${field.name}\` has Arrow type ${String(field.type)}, which Kindling does not support.`, { field: field.name });
  }
}

/** Renames the table's fields to the target names and nullability (data untouched). */
function renamed(table: arrow.Table, target: StructType): arrow.Table {
  const fields = table.schema.fields.map((f, i) => {
    const t = target.fields[i]!;
    if (!t.nullable && table.getChildAt(i)!.nullCount > 0) {
      throw new IllegalArgumentError('FIELD_NOT_NULLABLE', `Field \`${t.name}\` is not nullable, but the data holds NULLs.`, { field: t.name });
    }
    return new arrow.Field(t.name, f.type, t.nullable);
  });
  const schema = new arrow.Schema(fields);
  return new arrow.Table(schema, table.batches.map((b) => new arrow.RecordBatch(schema, b.data)));
}

export async function localData(ctx: RequestContext, ld: fb.LocalData): Promise<DataFrame> {
  // Read every field of the frame before the first await.
  const shm = ld.shm();
  const segment = shm ? { name: shm.name() ?? '', size: shm.size() } : null;
  const inline = ld.arrowIpcArray();
  const wire = ld.schema();
  const target = wire ? decodeSchema(wire) : null;
  if (ld.pickled()) {
    if (!target) throw new IllegalArgumentError('INVALID_LOCAL_DATA', 'Pickled LocalData needs a schema.');
    const bytes = segment ? readClientSegment(segment.name, segment.size) : ld.pickledRowsArray();
    if (!bytes || bytes.length === 0) throw new IllegalArgumentError('INVALID_LOCAL_DATA', 'Pickled LocalData carries neither rows nor a shared-memory segment.');
    return pickledRows(ctx, bytes, target);
  }
  let table = await readTable(ctx, segment, inline);
  const sourceTypes = table.schema.fields.map(kindlingTypeOf);
  if (target) {
    if (target.fields.length !== table.numCols) {
      throw new IllegalArgumentError(
        'AXIS_LENGTH_MISMATCH',
        `The schema has ${target.fields.length} fields but the Arrow data has ${table.numCols} columns.`,
        { expected: String(target.fields.length), actual: String(table.numCols) },
      );
    }
    table = renamed(table, target);
  }
  const df = ctx.session.spark.createDataFrame(table);
  if (!target) return df;
  const needsCast = target.fields.some((f, i) => !sameType(f.dataType, sourceTypes[i]!));
  if (!needsCast) return df;
  const names = target.fields.map((f) => f.name.toLowerCase());
  if (new Set(names).size !== names.length) {
    throw new IllegalArgumentError('LOCAL_DATA_SCHEMA_MISMATCH', 'Columns must be converted to the schema, which needs distinct field names.');
  }
  const cols = target.fields.map((f, i) => {
    const c = df.col(`\`${f.name.replace(/`/g, '``')}\``);
    return sameType(f.dataType, sourceTypes[i]!) ? c : c.cast(f.dataType).alias(f.name);
  });
  try {
    return df.select(cols);
  } catch (err) {
    if (!(err instanceof AnalysisError)) throw err;
    const bad = target.fields.findIndex((f, i) => {
      if (sameType(f.dataType, sourceTypes[i]!)) return false;
      try {
        df.select(new Column(cols[i]!.expr));
        return false;
      } catch {
        return true;
      }
    });
    const f = target.fields[bad] ?? target.fields[0]!;
    const from = sourceTypes[bad] ? simpleString(sourceTypes[bad]!) : '?';
    throw new IllegalArgumentError(
      'LOCAL_DATA_SCHEMA_MISMATCH',
      `Field \`${f.name}\` cannot be converted from ${from} to ${simpleString(f.dataType)}: ${err instanceof KindlingError ? err.message : String(err)}`,
      { field: f.name },
    );
  }
}

// Converts between core schemas (StructType / DataType) and the protocol's Schema / DataType tables.
import type * as flatbuffers from 'flatbuffers';
import {
  ArrayT, BinaryT, BooleanT, DateT, DecimalT, DoubleT, IntegerT, LongT, MapT, NullT, StringT, StructT, StructType, TimestampT,
  type DataType, type StructField,
} from '@kindling/core';
import * as fb from '../gen/kindling/protocol.js';
import { ProtocolError } from './errors.js';

export interface SchemaFieldInput {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}

function kindOf(t: DataType): fb.TypeKind {
  switch (t.kind) {
    case 'boolean': return fb.TypeKind.Boolean;
    case 'int32': return fb.TypeKind.Int32;
    case 'int64': return fb.TypeKind.Int64;
    case 'float64': return fb.TypeKind.Float64;
    case 'decimal': return fb.TypeKind.Decimal;
    case 'string': return fb.TypeKind.String;
    case 'date': return fb.TypeKind.Date;
    case 'timestamp': return fb.TypeKind.Timestamp;
    case 'null': return fb.TypeKind.Null;
    case 'binary': return fb.TypeKind.Binary;
    case 'array': return fb.TypeKind.Array;
    case 'map': return fb.TypeKind.Map;
    case 'struct': return fb.TypeKind.Struct;
    default: {
      const never: never = t;
      throw new Error(`Unexpected data type ${JSON.stringify(never)}`);
    }
  }
}

/** Writes a DataType table (recursively for arrays and structs) and returns its offset. */
export function encodeDataType(b: flatbuffers.Builder, t: DataType): number {
  const element = t.kind === 'array' ? encodeDataType(b, t.elementType) : 0;
  const fields = t.kind === 'struct' ? fb.DataType.createFieldsVector(b, t.fields.map((f) => encodeField(b, f))) : 0;
  const key = t.kind === 'map' ? encodeDataType(b, t.keyType) : 0;
  const value = t.kind === 'map' ? encodeDataType(b, t.valueType) : 0;
  fb.DataType.startDataType(b);
  fb.DataType.addKind(b, kindOf(t));
  if (t.kind === 'array') {
    fb.DataType.addElement(b, element);
    fb.DataType.addContainsNull(b, t.containsNull);
  }
  if (t.kind === 'struct') fb.DataType.addFields(b, fields);
  if (t.kind === 'map') {
    fb.DataType.addKey(b, key);
    fb.DataType.addValue(b, value);
    fb.DataType.addValueContainsNull(b, t.valueContainsNull);
  }
  if (t.kind === 'decimal') {
    fb.DataType.addPrecision(b, t.precision);
    fb.DataType.addScale(b, t.scale);
  }
  return fb.DataType.endDataType(b);
}

function encodeField(b: flatbuffers.Builder, f: SchemaFieldInput): number {
  const name = b.createString(f.name);
  const type = encodeDataType(b, f.dataType);
  fb.Field.startField(b);
  fb.Field.addName(b, name);
  fb.Field.addType(b, type);
  fb.Field.addNullable(b, f.nullable);
  return fb.Field.endField(b);
}

/** Writes a Schema table holding `fields` in order and returns its offset. */
export function encodeSchema(b: flatbuffers.Builder, fields: readonly SchemaFieldInput[]): number {
  const offsets = fields.map((f) => encodeField(b, f));
  const vec = fb.Schema.createFieldsVector(b, offsets);
  return fb.Schema.createSchema(b, vec);
}

function malformed(message: string): ProtocolError {
  return new ProtocolError('PROTOCOL_MALFORMED_FRAME', message);
}

/** Reads a DataType table; `where` names it in errors. */
export function decodeDataType(t: fb.DataType, where = 'DataType'): DataType {
  const kind = t.kind();
  switch (kind) {
    case fb.TypeKind.Null: return NullT;
    case fb.TypeKind.Boolean: return BooleanT;
    case fb.TypeKind.Int32: return IntegerT;
    case fb.TypeKind.Int64: return LongT;
    case fb.TypeKind.Float64: return DoubleT;
    case fb.TypeKind.Decimal:
      // DecimalT raises Spark's DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION for a precision over 38.
      return DecimalT(t.precision(), t.scale());
    case fb.TypeKind.String: return StringT;
    case fb.TypeKind.Date: return DateT;
    case fb.TypeKind.Timestamp: return TimestampT;
    case fb.TypeKind.Binary: return BinaryT;
    case fb.TypeKind.Array: {
      const element = t.element();
      if (!element) throw malformed(`${where}: an Array type needs an element type`);
      return ArrayT(decodeDataType(element, `${where}.element`), t.containsNull());
    }
    case fb.TypeKind.Map: {
      const key = t.key();
      const value = t.value();
      if (!key || !value) throw malformed(`${where}: a Map type needs a key and a value type`);
      return MapT(decodeDataType(key, `${where}.key`), decodeDataType(value, `${where}.value`), t.valueContainsNull());
    }
    case fb.TypeKind.Struct: {
      const fields: StructField[] = [];
      for (let i = 0; i < t.fieldsLength(); i++) fields.push(decodeField(t.fields(i), `${where}.fields[${i}]`));
      return StructT(fields);
    }
    default:
      throw malformed(`${where}: unknown TypeKind ${String(kind)}`);
  }
}

/** Reads a Schema table into a core StructType. */
export function decodeSchema(s: fb.Schema): StructType {
  const fields: StructField[] = [];
  const n = s.fieldsLength();
  for (let i = 0; i < n; i++) fields.push(decodeField(s.fields(i), `Schema.fields[${i}]`));
  return new StructType(fields);
}

function decodeField(f: fb.Field | null, where: string): StructField {
  const name = f?.name();
  const type = f?.type();
  if (!f || name == null || !type) throw malformed(`${where}: a field needs a name and a type`);
  return { name, dataType: decodeDataType(type, `${where} (${name}).type`), nullable: f.nullable() };
}

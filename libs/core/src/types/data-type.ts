// Kindling's SQL data types and their mapping onto Arrow types.
// Types are plain tagged objects so that plans stay structured-clone-able (they cross to task threads).
import * as arrow from 'apache-arrow';
import { assertNever } from '../util/assert.js';
import { AnalysisError } from '../errors.js';
import { integralAsDecimal, MAX_PRECISION, widerDecimal } from './decimal.js';

export type BooleanType = { readonly kind: 'boolean' };
export type IntegerType = { readonly kind: 'int32' };
export type LongType = { readonly kind: 'int64' };
export type DoubleType = { readonly kind: 'float64' };
/**
 * Spark's DecimalType(precision, scale): exact numbers of up to 38 digits, `scale` of them after the point.
 * Stored as Arrow Decimal128 (two's complement, 16 bytes a row); a value in the engine is its unscaled bigint.
 */
export type DecimalType = { readonly kind: 'decimal'; readonly precision: number; readonly scale: number };
export type StringType = { readonly kind: 'string' };
/** Days since the Unix epoch. */
export type DateType = { readonly kind: 'date' };
/** Microseconds since the Unix epoch, UTC (Spark's TimestampType). */
export type TimestampType = { readonly kind: 'timestamp' };
/** The type of an untyped NULL literal (Spark's `void`). */
export type NullType = { readonly kind: 'null' };
/** Arbitrary bytes (Spark's BinaryType); pickled RDD blocks are a column of it. */
export type BinaryType = { readonly kind: 'binary' };
/** Element type is a nested DataType; produced by `collect_list`. */
export type ArrayType = { readonly kind: 'array'; readonly elementType: DataType; readonly containsNull: boolean };
/**
 * Spark's MapType: keys are never null. Laid out as Arrow's Map (a list of non-null `entries` structs (key, value));
 * a value in the engine is an array of [key, value] pairs in entry order.
 */
export type MapType = { readonly kind: 'map'; readonly keyType: DataType; readonly valueType: DataType; readonly valueContainsNull: boolean };
/** One field of a struct type (and of a schema: `StructType` in schema.ts holds a list of these). */
export interface StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}
/** Spark's StructType as a column type: an ordered list of named, typed fields (`struct(...)`, `named_struct`). */
export type StructDataType = { readonly kind: 'struct'; readonly fields: readonly StructField[] };

export type DataType =
  | BooleanType
  | IntegerType
  | LongType
  | DoubleType
  | DecimalType
  | StringType
  | DateType
  | TimestampType
  | NullType
  | BinaryType
  | ArrayType
  | MapType
  | StructDataType;

export const BooleanT: BooleanType = Object.freeze({ kind: 'boolean' });
export const IntegerT: IntegerType = Object.freeze({ kind: 'int32' });
export const LongT: LongType = Object.freeze({ kind: 'int64' });
export const DoubleT: DoubleType = Object.freeze({ kind: 'float64' });
export const StringT: StringType = Object.freeze({ kind: 'string' });
export const DateT: DateType = Object.freeze({ kind: 'date' });
export const TimestampT: TimestampType = Object.freeze({ kind: 'timestamp' });
export const NullT: NullType = Object.freeze({ kind: 'null' });
export const BinaryT: BinaryType = Object.freeze({ kind: 'binary' });
/** Spark's DecimalType; out-of-range precision or scale is DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION / INVALID_DECIMAL_SCALE. */
export function DecimalT(precision = 10, scale = 0): DecimalType {
  if (!Number.isInteger(precision) || !Number.isInteger(scale)) throw new AnalysisError('INVALID_DECIMAL_TYPE', `decimal(${precision}, ${scale}) needs integer precision and scale.`);
  if (precision > MAX_PRECISION) {
    throw new AnalysisError('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', `Decimal precision ${precision} exceeds max precision ${MAX_PRECISION}.`);
  }
  if (precision < 1) throw new AnalysisError('INVALID_DECIMAL_TYPE', `Decimal precision ${precision} must be at least 1.`);
  if (scale < 0 || scale > precision) {
    throw new AnalysisError('INVALID_DECIMAL_TYPE', `Decimal scale (${scale}) cannot be greater than precision (${precision}).`);
  }
  return Object.freeze({ kind: 'decimal', precision, scale });
}

export function ArrayT(elementType: DataType, containsNull = true): ArrayType {
  return { kind: 'array', elementType, containsNull };
}

export function MapT(keyType: DataType, valueType: DataType, valueContainsNull = true): MapType {
  return { kind: 'map', keyType, valueType, valueContainsNull };
}

/** The struct a map's entries are stored as (`key` never null). */
export function mapEntriesType(t: MapType): StructDataType {
  return StructT([
    { name: 'key', dataType: t.keyType, nullable: false },
    { name: 'value', dataType: t.valueType, nullable: t.valueContainsNull },
  ]);
}

/** The element type of the list layout under an array or a map (a map's is its entries struct). */
export function listElementType(t: ArrayType | MapType): DataType {
  return t.kind === 'array' ? t.elementType : mapEntriesType(t);
}

export function StructT(fields: readonly StructField[]): StructDataType {
  return { kind: 'struct', fields };
}

/** Index of the field called `name` (case-insensitively unless `caseSensitive`), or -1. */
export function fieldIndex(t: StructDataType, name: string, caseSensitive = false): number {
  const i = t.fields.findIndex((f) => f.name === name);
  if (i >= 0 || caseSensitive) return i;
  const lower = name.toLowerCase();
  return t.fields.findIndex((f) => f.name.toLowerCase() === lower);
}

/** True when `t` is or holds a map (which Spark cannot compare, sort, use in set operations, or hash). */
export function containsMap(t: DataType): boolean {
  return t.kind === 'map' || (t.kind === 'array' && containsMap(t.elementType)) || (t.kind === 'struct' && t.fields.some((f) => containsMap(f.dataType)));
}

export function isNumeric(t: DataType): boolean {
  return t.kind === 'int32' || t.kind === 'int64' || t.kind === 'float64' || t.kind === 'decimal';
}
/**
 * The wider type of a decimal and another number: the wider decimal with a decimal or an integral type (int as
 * decimal(10,0), bigint as decimal(20,0)), double with a double (Spark's findWiderTypeForDecimal). Undefined
 * when neither is a decimal or the other is not a number.
 */
export function widerDecimalType(a: DataType, b: DataType): DataType | undefined {
  if ((a.kind !== 'decimal' && b.kind !== 'decimal') || !isNumeric(a) || !isNumeric(b)) return undefined;
  if (a.kind === 'float64' || b.kind === 'float64') return DoubleT;
  const asDecimal = (t: DataType) => (t.kind === 'decimal' ? t : integralAsDecimal(t.kind as 'int32' | 'int64'));
  const w = widerDecimal(asDecimal(a), asDecimal(b));
  return DecimalT(w.precision, w.scale);
}

export function isIntegral(t: DataType): boolean {
  return t.kind === 'int32' || t.kind === 'int64';
}
export function sameType(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'array' && b.kind === 'array') return sameType(a.elementType, b.elementType);
  if (a.kind === 'map' && b.kind === 'map') return sameType(a.keyType, b.keyType) && sameType(a.valueType, b.valueType);
  if (a.kind === 'decimal' && b.kind === 'decimal') return a.precision === b.precision && a.scale === b.scale;
  if (a.kind === 'struct' && b.kind === 'struct') {
    return a.fields.length === b.fields.length && a.fields.every((f, i) => f.name === b.fields[i]!.name && sameType(f.dataType, b.fields[i]!.dataType));
  }
  return true;
}

/** Spark's `simpleString`: the name used in DDL, `printSchema` and error messages. */
export function simpleString(t: DataType): string {
  switch (t.kind) {
    case 'boolean': return 'boolean';
    case 'int32': return 'int';
    case 'int64': return 'bigint';
    case 'float64': return 'double';
    case 'decimal': return `decimal(${t.precision},${t.scale})`;
    case 'string': return 'string';
    case 'date': return 'date';
    case 'timestamp': return 'timestamp';
    case 'null': return 'void';
    case 'binary': return 'binary';
    case 'array': return `array<${simpleString(t.elementType)}>`;
    case 'map': return `map<${simpleString(t.keyType)},${simpleString(t.valueType)}>`;
    case 'struct': return `struct<${t.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`;
    default: return assertNever(t);
  }
}

/** Spark's `typeName` as printed by `printSchema()` (`long`, `integer`, …). */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case 'boolean': return 'boolean';
    case 'int32': return 'integer';
    case 'int64': return 'long';
    case 'float64': return 'double';
    case 'decimal': return `decimal(${t.precision},${t.scale})`;
    case 'string': return 'string';
    case 'date': return 'date';
    case 'timestamp': return 'timestamp';
    case 'null': return 'void';
    case 'binary': return 'binary';
    case 'array': return 'array';
    case 'map': return 'map';
    case 'struct': return 'struct';
    default: return assertNever(t);
  }
}

const DDL_NAMES: Record<string, DataType> = {
  boolean: BooleanT, bool: BooleanT,
  int: IntegerT, integer: IntegerT, int32: IntegerT,
  bigint: LongT, long: LongT, int64: LongT,
  double: DoubleT, float64: DoubleT, float: DoubleT,
  string: StringT, varchar: StringT, text: StringT,
  date: DateT, timestamp: TimestampT,
  void: NullT, null: NullT,
  binary: BinaryT,
};

/** Parses a type name as written in DDL strings or `cast('…')`; returns undefined when unknown. */
export function parseTypeName(name: string): DataType | undefined {
  const trimmed = name.trim();
  const n = trimmed.toLowerCase();
  const arr = /^array\s*<(.+)>$/.exec(n);
  if (arr) {
    const inner = parseTypeName(trimmed.slice(trimmed.indexOf('<') + 1, -1));
    return inner ? ArrayT(inner) : undefined;
  }
  if (/^map\s*<(.+)>$/s.test(n)) {
    const parts = splitTopLevelCommas(trimmed.slice(trimmed.indexOf('<') + 1, -1));
    if (parts.length !== 2) return undefined;
    const k = parseTypeName(parts[0]!);
    const v = parseTypeName(parts[1]!);
    return k && v ? MapT(k, v) : undefined;
  }
  if (/^struct\s*<(.*)>$/s.test(n)) {
    const fields: StructField[] = [];
    for (const part of splitTopLevelCommas(trimmed.slice(trimmed.indexOf('<') + 1, -1))) {
      // `name:type`, `name type`, optionally `NOT NULL`; names may be back-quoted.
      const m = /^\s*(?:`((?:[^`]|``)+)`|([^`:\s]+))\s*(?::\s*|\s+)(.+?)(\s+not\s+null)?\s*$/is.exec(part);
      if (!m) return undefined;
      const dataType = parseTypeName(m[3]!);
      if (!dataType) return undefined;
      fields.push({ name: m[1] !== undefined ? m[1].replace(/``/g, '`') : m[2]!, dataType, nullable: !m[4] });
    }
    return StructT(fields);
  }
  // `decimal`, `dec`, `numeric` alone are decimal(10,0); `decimal(p)` has scale 0 (Spark's DDL).
  const dec = /^(?:decimal|dec|numeric)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(n);
  if (dec) return DecimalT(dec[1] === undefined ? 10 : Number(dec[1]), dec[2] === undefined ? 0 : Number(dec[2]));
  return DDL_NAMES[n];
}

/** Splits `s` at the commas outside `<…>` and `(…)`; empty parts are dropped. */
export function splitTopLevelCommas(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '<' || ch === '(') depth++;
    if (ch === '>' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((p) => p.trim().length > 0);
}

export function toArrowType(t: DataType): arrow.DataType {
  switch (t.kind) {
    case 'boolean': return new arrow.Bool();
    case 'int32': return new arrow.Int32();
    case 'int64': return new arrow.Int64();
    case 'float64': return new arrow.Float64();
    case 'decimal': return new arrow.Decimal(t.scale, t.precision, 128);
    case 'string': return new arrow.Utf8();
    case 'date': return new arrow.DateDay();
    case 'timestamp': return new arrow.TimestampMicrosecond('UTC');
    case 'null': return new arrow.Null();
    case 'binary': return new arrow.Binary();
    case 'array': return new arrow.List(new arrow.Field('element', toArrowType(t.elementType), t.containsNull));
    case 'map': {
      const entries = new arrow.Struct([new arrow.Field('key', toArrowType(t.keyType), false), new arrow.Field('value', toArrowType(t.valueType), t.valueContainsNull)]);
      return new arrow.Map_(new arrow.Field('entries', entries, false), false);
    }
    case 'struct': return new arrow.Struct(t.fields.map((f) => new arrow.Field(f.name, toArrowType(f.dataType), f.nullable)));
    default: return assertNever(t);
  }
}

/** Maps an Arrow type onto a Kindling type; narrower integer and float types widen. */
export function fromArrowType(t: arrow.DataType): DataType {
  switch (t.typeId) {
    case arrow.Type.Bool: return BooleanT;
    case arrow.Type.Int: {
      const it = t as arrow.Int;
      if (it.bitWidth === 64) return LongT;
      if (it.bitWidth === 32 && !it.isSigned) return LongT;
      return IntegerT;
    }
    case arrow.Type.Float: return DoubleT;
    case arrow.Type.Decimal: {
      const dt = t as arrow.Decimal;
      // Decimal32/64/256 would need another layout; pandas and pyarrow give decimal128.
      if (dt.bitWidth !== 128) throw new TypeError(`Arrow type ${String(t)} (a ${dt.bitWidth}-bit decimal) is not supported by Kindling; use decimal128`);
      return DecimalT(dt.precision, dt.scale);
    }
    case arrow.Type.Utf8:
    case arrow.Type.LargeUtf8: return StringT;
    case arrow.Type.Date: return DateT;
    case arrow.Type.Timestamp: return TimestampT;
    case arrow.Type.Null: return NullT;
    case arrow.Type.Binary:
    case arrow.Type.LargeBinary: return BinaryT;
    case arrow.Type.Dictionary: return fromArrowType((t as arrow.Dictionary).dictionary);
    case arrow.Type.List: {
      const child = (t as arrow.List).children[0]!;
      return ArrayT(fromArrowType(child.type), child.nullable);
    }
    case arrow.Type.Map: {
      const entries = (t as arrow.Map_).children[0]!.type as arrow.Struct;
      const [key, value] = entries.children;
      if (!key || !value) throw new TypeError(`Arrow type ${String(t)} is not a map of (key, value) entries`);
      return MapT(fromArrowType(key.type), fromArrowType(value.type), value.nullable);
    }
    case arrow.Type.Struct:
      return StructT((t as arrow.Struct).children.map((f) => ({ name: f.name, dataType: fromArrowType(f.type), nullable: f.nullable })));
    default:
      throw new TypeError(`Arrow type ${String(t)} is not supported by Kindling`);
  }
}

// StructType/StructField: a DataFrame's schema, with Spark's treeString and DDL forms.
import * as arrow from 'apache-arrow';
import { type DataType, type StructField, fromArrowType, parseTypeName, simpleString, splitTopLevelCommas, toArrowType, typeName } from './data-type.js';

export type { StructField } from './data-type.js';

export class StructType {
  readonly fields: readonly StructField[];

  constructor(fields: readonly StructField[]) {
    this.fields = fields;
  }

  get fieldNames(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** Spark's `simpleString`, e.g. `struct<id:bigint,name:string>`. */
  simpleString(): string {
    return `struct<${this.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`;
  }

  /** The text `printSchema()` prints, nested fields and array elements indented as Spark does. */
  treeString(): string {
    const lines = ['root'];
    for (const f of this.fields) fieldTree(f.name, f.dataType, f.nullable, ' |', lines);
    return lines.join('\n') + '\n';
  }

  toArrow(): arrow.Schema {
    return new arrow.Schema(this.fields.map((f) => new arrow.Field(f.name, toArrowType(f.dataType), f.nullable)));
  }

  static fromArrow(schema: arrow.Schema): StructType {
    return new StructType(schema.fields.map((f) => ({ name: f.name, dataType: fromArrowType(f.type), nullable: f.nullable })));
  }

  /**
   * Parses a DDL schema string as Spark accepts it: `"id INT, name STRING"` or `"id: int, name: string"`.
   * Throws a TypeError naming the offending part.
   */
  static fromDDL(ddl: string): StructType {
    const parts = splitTopLevel(ddl);
    if (parts.length === 0) throw new TypeError(`Cannot parse schema DDL ${JSON.stringify(ddl)}: it is empty`);
    const fields = parts.map((part) => {
      const m = /^\s*`?([^`:\s]+)`?\s*:?\s+(.+?)(\s+NOT\s+NULL)?\s*$/i.exec(part) ?? /^\s*`?([^`:\s]+)`?\s*:\s*(.+?)(\s+NOT\s+NULL)?\s*$/i.exec(part);
      if (!m) throw new TypeError(`Cannot parse schema DDL field ${JSON.stringify(part.trim())}: expected "name type"`);
      const dataType = parseTypeName(m[2]!);
      if (!dataType) throw new TypeError(`Unknown data type ${JSON.stringify(m[2])} for field ${JSON.stringify(m[1])} in schema DDL`);
      return { name: m[1]!, dataType, nullable: !m[3] };
    });
    return new StructType(fields);
  }
}

const splitTopLevel = splitTopLevelCommas;

function fieldTree(name: string, t: DataType, nullable: boolean, prefix: string, out: string[]): void {
  out.push(`${prefix}-- ${name}: ${typeName(t)} (nullable = ${nullable})`);
  nestedTree(t, `${prefix}    |`, out);
}

function nestedTree(t: DataType, prefix: string, out: string[]): void {
  if (t.kind === 'array') {
    out.push(`${prefix}-- element: ${typeName(t.elementType)} (containsNull = ${t.containsNull})`);
    nestedTree(t.elementType, `${prefix}    |`, out);
  } else if (t.kind === 'map') {
    out.push(`${prefix}-- key: ${typeName(t.keyType)}`);
    nestedTree(t.keyType, `${prefix}    |`, out);
    out.push(`${prefix}-- value: ${typeName(t.valueType)} (valueContainsNull = ${t.valueContainsNull})`);
    nestedTree(t.valueType, `${prefix}    |`, out);
  } else if (t.kind === 'struct') {
    for (const f of t.fields) fieldTree(f.name, f.dataType, f.nullable, prefix, out);
  }
}

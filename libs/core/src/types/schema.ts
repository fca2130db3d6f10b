// StructType/StructField: a DataFrame's schema, with Spark's treeString and DDL forms.
import * as arrow from 'apache-arrow';
import { type DataType, fromArrowType, parseTypeName, simpleString, toArrowType, typeName } from './data-type.js';

export interface StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}

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

  /** The text `printSchema()` prints. */
  treeString(): string {
    const lines = ['root'];
    for (const f of this.fields) {
      lines.push(` |-- ${f.name}: ${typeName(f.dataType)} (nullable = ${f.nullable})`);
    }
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

function splitTopLevel(s: string): string[] {
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
  if (cur.trim()) out.push(cur);
  return out.filter((p) => p.trim().length > 0);
}

// Row: one result record, readable by position or by name, as PySpark's Row.
import * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { isNullAt } from '../execution/vectors.js';
import { decimalWords, readDecimal } from '../execution/decimal-data.js';
import { formatDecimal } from '../types/decimal.js';

const ROW_BRAND = Symbol.for('kindling.Row');

export class Row {
  /** @internal */
  readonly [ROW_BRAND] = true;
  private readonly _values: readonly unknown[];
  private readonly _fields: readonly string[];
  [field: string]: unknown;

  constructor(fields: readonly string[], values: readonly unknown[]) {
    this._fields = fields;
    this._values = values;
    // Name access (`row.name`) for the first column of each name; positions via get(i).
    fields.forEach((f, i) => {
      if (!Object.prototype.hasOwnProperty.call(this, f) && !(f in Row.prototype)) {
        Object.defineProperty(this, f, { value: values[i], enumerable: true });
      }
    });
  }

  static isRow(x: unknown): x is Row {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[ROW_BRAND] === true;
  }

  /** Builds a Row from an object, keeping its key order (PySpark's `Row(**kwargs)`). */
  static of(obj: Record<string, unknown>): Row {
    return new Row(Object.keys(obj), Object.values(obj));
  }

  get length(): number {
    return this._values.length;
  }

  /** The value at a position or of a column name. */
  get(key: number | string): unknown {
    if (typeof key === 'number') return this._values[key];
    const i = this._fields.indexOf(key);
    if (i < 0) throw new RangeError(`Row has no field ${JSON.stringify(key)}; fields are ${JSON.stringify(this._fields)}`);
    return this._values[i];
  }

  fieldNames(): string[] {
    return [...this._fields];
  }

  toArray(): unknown[] {
    return [...this._values];
  }

  asDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this._fields.forEach((f, i) => (out[f] = this._values[i]));
    return out;
  }

  toJSON(): Record<string, unknown> {
    return this.asDict();
  }

  toString(): string {
    return `Row(${this._fields.map((f, i) => `${f}=${formatValue(this._values[i])}`).join(', ')})`;
  }
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`).join(', ')}}`;
  return String(v);
}

/** The JS value of row `i` of a column: int64 → bigint, decimal → its text, date/timestamp → Date, arrays → JS arrays. */
export function jsValue(type: DataType, d: arrow.Data, i: number): unknown {
  if (isNullAt(d, i)) return null;
  const j = d.offset + i;
  switch (type.kind) {
    case 'boolean': return ((d.values as Uint8Array)[j >> 3]! & (1 << (j & 7))) !== 0;
    case 'int32': return (d.values as Int32Array)[i];
    case 'int64': return (d.values as BigInt64Array)[i];
    case 'float64': return (d.values as Float64Array)[i];
    // JS has no decimal type: the plain text keeps every digit and the scale (`1.50`).
    case 'decimal': return formatDecimal(readDecimal(decimalWords(d), i), type.scale);
    case 'date': return new Date((d.values as Int32Array)[i]! * 86400000);
    case 'timestamp': return new Date(Number((d.values as BigInt64Array)[i]! / 1000n));
    case 'string': {
      const o = d.valueOffsets as Int32Array;
      return decoder.decode((d.values as Uint8Array).subarray(o[i]!, o[i + 1]!));
    }
    case 'binary': {
      const o = d.valueOffsets as Int32Array;
      return (d.values as Uint8Array).slice(o[i]!, o[i + 1]!);
    }
    case 'null': return null;
    case 'array': {
      const v = arrow.makeVector(d).get(i) as arrow.Vector | null;
      if (v === null) return null;
      const child = v.data[0]!;
      const out: unknown[] = [];
      for (let k = 0; k < v.length; k++) out.push(jsValue(type.elementType, child, k));
      return out;
    }
    case 'map': {
      // A JS Map in entry order (PySpark's collect() gives a dict).
      const o = d.valueOffsets as Int32Array;
      const entries = d.children[0]!;
      const out = new Map<unknown, unknown>();
      for (let k = o[i]!; k < o[i + 1]!; k++) out.set(jsValue(type.keyType, entries.children[0]!, k), jsValue(type.valueType, entries.children[1]!, k));
      return out;
    }
    case 'struct':
      // A nested Row, as PySpark's collect() gives.
      return new Row(type.fields.map((f) => f.name), type.fields.map((f, k) => jsValue(f.dataType, d.children[k]!, i)));
  }
}

const decoder = new TextDecoder();

/** Rows of a list of batches, named by `fields`. */
export function rowsOf(fields: readonly string[], types: readonly DataType[], batches: readonly arrow.RecordBatch[]): Row[] {
  const rows: Row[] = [];
  for (const b of batches) {
    const cols = b.data.children;
    for (let i = 0; i < b.numRows; i++) rows.push(new Row(fields, types.map((t, c) => jsValue(t, cols[c]!, i))));
  }
  return rows;
}

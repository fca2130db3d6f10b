// Generic (slow-path) row access with Kindling's JS value conventions: date = days (number), timestamp = µs (bigint),
// decimal = unscaled bigint, array = JS array. Arrow-js's own get/vectorFromArray use epoch milliseconds for both, so they are avoided here.
import type * as arrow from 'apache-arrow';
import { structData, structFieldColumns } from '../../execution/struct-data.js';
import { decimalFromValues, decimalWords, readDecimal } from '../../execution/decimal-data.js';
import { binaryData, primitiveData } from '../../execution/vectors.js';
import { type DataType, listElementType } from '../../types/data-type.js';
import { bit, boolBitsOf, listData, nullColumn, stringParts, validityOf } from './columns.js';
import { decodeUtf8, StringBuilder } from './strings.js';

/** A reader of row values of `d` (null for NULL rows). */
export function valueReader(d: arrow.Data, type: DataType): (i: number) => unknown {
  const validity = validityOf(d);
  const ok = (i: number) => validity === null || bit(validity, i);
  switch (type.kind) {
    case 'int32':
    case 'date':
    case 'float64':
    case 'int64':
    case 'timestamp': {
      const v = d.values as ArrayLike<number | bigint>;
      return (i) => (ok(i) ? v[i]! : null);
    }
    case 'decimal': {
      const w = decimalWords(d);
      return (i) => (ok(i) ? readDecimal(w, i) : null);
    }
    case 'boolean': {
      const v = boolBitsOf(d);
      return (i) => (ok(i) ? bit(v, i) : null);
    }
    case 'string': {
      const { offsets, bytes } = stringParts(d);
      return (i) => (ok(i) ? decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!) : null);
    }
    case 'binary': {
      const { offsets, bytes } = stringParts(d);
      return (i) => (ok(i) ? bytes.slice(offsets[i]!, offsets[i + 1]!) : null);
    }
    case 'null':
      return () => null;
    case 'array':
    case 'map': {
      // A map reads as an array of [key, value] pairs (its entries struct's positional values).
      const offsets = d.valueOffsets as Int32Array;
      const child = d.children[0]!;
      const read = valueReader(child, listElementType(type));
      // List offsets are row-indexed and point into the child, which may itself carry an offset.
      return (i) => {
        if (!ok(i)) return null;
        const out: unknown[] = [];
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) out.push(read(k));
        return out;
      };
    }
    case 'struct': {
      // Positional field values (row i of the struct is row i of each child).
      const reads = type.fields.map((f, k) => valueReader(d.children[k]!, f.dataType));
      return (i) => (ok(i) ? reads.map((r) => r(i)) : null);
    }
  }
}

/** The value of row `i` of `d`. */
export function readValue(d: arrow.Data, type: DataType, i: number): unknown {
  return valueReader(d, type)(i);
}

/** A column from JS values (null = NULL) following Kindling's conventions. */
export function buildColumn(type: DataType, values: readonly unknown[]): arrow.Data {
  const n = values.length;
  if (type.kind === 'null') return nullColumn(type, n);
  const validity = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== undefined) validity[i >> 3]! |= 1 << (i & 7);
  const isValid = (i: number) => values[i] !== null && values[i] !== undefined;
  switch (type.kind) {
    case 'int32':
    case 'date': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) if (isValid(i)) out[i] = Number(values[i]);
      return primitiveData(type, n, out, validity);
    }
    case 'int64':
    case 'timestamp': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) if (isValid(i)) out[i] = BigInt(values[i] as bigint | number);
      return primitiveData(type, n, out, validity);
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) if (isValid(i)) out[i] = Number(values[i]);
      return primitiveData(type, n, out, validity);
    }
    case 'decimal':
      return decimalFromValues(type, values.map((v) => (v === null || v === undefined ? null : BigInt(v as bigint))));
    case 'boolean': {
      const out = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (isValid(i) && values[i]) out[i >> 3]! |= 1 << (i & 7);
      return primitiveData(type, n, out, validity);
    }
    case 'string': {
      const b = new StringBuilder(n);
      for (let i = 0; i < n; i++) {
        if (isValid(i)) b.appendString(String(values[i]));
        else b.appendNull();
      }
      return b.finish();
    }
    case 'binary':
      return binaryData(values.map((v, i) => (isValid(i) ? (v as Uint8Array) : new Uint8Array(0))), validity);
    case 'array':
    case 'map': {
      const offsets = new Int32Array(n + 1);
      const flat: unknown[] = [];
      for (let i = 0; i < n; i++) {
        if (isValid(i)) for (const x of mapOrListItems(type, values[i])) flat.push(x);
        offsets[i + 1] = flat.length;
      }
      return listData(type, n, offsets, buildColumn(listElementType(type), flat), validity);
    }
    case 'struct': {
      const columns = structFieldColumns(type, values);
      return structData(type, n, type.fields.map((f, k) => buildColumn(f.dataType, columns[k]!)), validity);
    }
  }
}

/** The list items of an array value, or the [key, value] entries of a map value (pairs, a JS Map or a plain object). */
function mapOrListItems(type: DataType, v: unknown): Iterable<unknown> {
  if (type.kind !== 'map' || Array.isArray(v)) return v as Iterable<unknown>;
  if (v instanceof Map) return [...v.entries()];
  if (typeof v === 'object' && v !== null) return Object.entries(v);
  throw new TypeError(`A value of type map must be an array of [key, value] pairs or an object, not ${typeof v}`);
}

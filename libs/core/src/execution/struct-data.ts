// Struct columns: an Arrow Struct Data is a validity bitmap over one child Data per field (row i of the struct is
// row i of every child; arrow-js slices the children with the struct). Builders shared by the vector helpers.
import * as arrow from 'apache-arrow';
import { type StructDataType, toArrowType } from '../types/data-type.js';

/** A struct Data of `length` rows from one child per field; `validity` null = no null struct. */
export function structData(type: StructDataType, length: number, children: readonly arrow.Data[], validity: Uint8Array | null): arrow.Data {
  let nullCount = 0;
  if (validity) for (let i = 0; i < length; i++) if ((validity[i >> 3]! & (1 << (i & 7))) === 0) nullCount++;
  return arrow.makeData({
    type: toArrowType(type) as arrow.Struct,
    length,
    nullCount,
    nullBitmap: nullCount === 0 ? undefined : validity!,
    children: children as arrow.Data[],
  });
}

/** Positional field values of JS struct values: an array (by position) or a plain object / Map (by name). */
export function structFieldColumns(type: StructDataType, values: readonly unknown[]): unknown[][] {
  return type.fields.map((f, k) =>
    values.map((v) => {
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) return v[k] ?? null;
      if (v instanceof Map) return v.get(f.name) ?? null;
      if (typeof v === 'object') {
        // arrow-js StructRow and plain objects are read by field name.
        const o = v as Record<string, unknown> & { toJSON?: () => Record<string, unknown> };
        const plain = typeof o.toJSON === 'function' && !(f.name in o) ? o.toJSON() : o;
        return plain[f.name] ?? null;
      }
      throw new TypeError(`A value of struct type ${type.fields.map((x) => x.name).join(', ')} must be an array or an object, not ${typeof v}`);
    }),
  );
}

/** The validity bitmap of JS values (null/undefined = NULL). */
export function validityOfValues(values: readonly unknown[]): Uint8Array {
  const validity = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => { if (v !== null && v !== undefined) validity[i >> 3]! |= 1 << (i & 7); });
  return validity;
}

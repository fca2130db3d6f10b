// A column from plain values in the engine's conventions at every depth (dates as days, timestamps as µs, decimals
// unscaled, structs positional) — also inside arrays, which the generic builder would take in Arrow's conventions.
import * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { listElementType, toArrowType } from '../types/data-type.js';
import { dataFromPlainValues } from '../execution/plain-values.js';
import { structData } from '../execution/struct-data.js';

function validityOf(values: readonly unknown[]): { bits: Uint8Array; nulls: number } {
  const bits = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bits[i >> 3]! |= 1 << (i & 7);
  });
  return { bits, nulls };
}

export function plainColumn(type: DataType, values: readonly unknown[]): arrow.Data {
  if (type.kind === 'array' || type.kind === 'map') {
    // A map is the list of its [key, value] entries structs.
    const offsets = new Int32Array(values.length + 1);
    const flat: unknown[] = [];
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) for (const x of v as readonly unknown[]) flat.push(x);
      offsets[i + 1] = flat.length;
    });
    const { bits, nulls } = validityOf(values);
    return arrow.makeData({
      type: toArrowType(type) as arrow.List,
      length: values.length,
      nullCount: nulls,
      nullBitmap: nulls === 0 ? undefined : bits,
      valueOffsets: offsets,
      child: plainColumn(listElementType(type), flat),
    });
  }
  if (type.kind === 'struct') {
    const { bits, nulls } = validityOf(values);
    const children = type.fields.map((f, k) => plainColumn(f.dataType, values.map((v) => (v === null || v === undefined ? null : (v as readonly unknown[])[k] ?? null))));
    return structData(type, values.length, children, nulls === 0 ? null : bits);
  }
  return dataFromPlainValues(type, values);
}

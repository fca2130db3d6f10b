// Arrow columns read from files (any width of integer, float32, timestamps in any unit, large strings, dictionaries)
// turned into the engine's types: zero-copy when the type already matches, otherwise through plain values.
import * as arrow from 'apache-arrow';
import { AnalysisError } from '../errors.js';
import { type DataType, simpleString, toArrowType } from '../types/data-type.js';
import { dataFromPlainValues } from '../execution/plain-values.js';
import { plainColumn } from './plain-column.js';
import { nullData } from '../execution/vectors.js';
import { parseDecimal, changePrecision } from '../types/decimal.js';

const MICROS_PER: Record<number, [bigint, bigint]> = {
  // [multiply, divide] to reach microseconds from TimeUnit SECOND, MILLISECOND, MICROSECOND, NANOSECOND
  0: [1000000n, 1n],
  1: [1000n, 1n],
  2: [1n, 1n],
  3: [1n, 1000n],
};

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** One value from an Arrow getter, as the engine's plain value of `to` (date as days, timestamp as µs …). */
function plainOf(v: unknown, from: arrow.DataType, to: DataType, column: string): unknown {
  if (v === null || v === undefined) return null;
  const bad = () => new AnalysisError('PARQUET_COLUMN_DATA_TYPE_MISMATCH', `Parquet column cannot be converted in file. Column: [${column}], Expected: ${simpleString(to)}, Found: ${String(from)}.`, { column });
  switch (to.kind) {
    case 'boolean': if (typeof v === 'boolean') return v; throw bad();
    case 'int32': if (typeof v === 'number' || typeof v === 'bigint') return Number(v); throw bad();
    case 'int64': if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v); throw bad();
    case 'float64': if (typeof v === 'number' || typeof v === 'bigint') return Number(v); throw bad();
    case 'string': if (typeof v === 'string') return v; throw bad();
    case 'binary': if (v instanceof Uint8Array) return v; throw bad();
    case 'date':
      if (typeof v === 'number' && from.typeId === arrow.Type.Date) return Math.floor(v / 86400000);
      if (v instanceof Date) return Math.floor(v.getTime() / 86400000);
      throw bad();
    case 'timestamp':
      // Nested timestamps come from the getter as (fractional) milliseconds.
      if (typeof v === 'number') return BigInt(Math.round(v * 1000));
      if (typeof v === 'bigint') return v;
      throw bad();
    case 'decimal': {
      if (typeof v === 'bigint') return v;
      const p = parseDecimal(String(v));
      const r = p === null ? null : changePrecision(p.unscaled, p.scale, to);
      if (r === null) throw bad();
      return r;
    }
    case 'null': return null;
    case 'array': {
      if (from.typeId !== arrow.Type.List) throw bad();
      const el = (from as arrow.List).children[0]!.type;
      return [...(v as Iterable<unknown>)].map((x) => plainOf(x, el, to.elementType, column));
    }
    case 'map': {
      // arrow-js gives a MapRow, iterable as [key, value] pairs.
      if (from.typeId !== arrow.Type.Map) throw bad();
      const [kf, vf] = ((from as arrow.Map_).children[0]!.type as arrow.Struct).children;
      return [...(v as Iterable<[unknown, unknown]>)].map(([k, x]) => [plainOf(k, kf!.type, to.keyType, column), plainOf(x, vf!.type, to.valueType, column)]);
    }
    case 'struct': {
      if (from.typeId !== arrow.Type.Struct) throw bad();
      const kids = (from as arrow.Struct).children;
      const row = v as Record<string, unknown>;
      return to.fields.map((f) => {
        const k = kids.find((c) => c.name === f.name) ?? kids.find((c) => c.name.toLowerCase() === f.name.toLowerCase());
        return k ? plainOf(row[k.name], k.type, f.dataType, `${column}.${f.name}`) : null;
      });
    }
  }
}

/** A column of `to` from an Arrow vector of a possibly different (file) type. */
export function toEngineColumn(vec: arrow.Vector, to: DataType, column: string): arrow.Data {
  const target = toArrowType(to);
  if (vec.data.length === 1 && arrow.util.compareTypes(vec.type, target)) return vec.data[0]!;
  const n = vec.length;
  if (vec.type.typeId === arrow.Type.Timestamp && to.kind === 'timestamp') {
    // Raw int64 values in the file's unit, so nanosecond and microsecond precision survive.
    const [mul, div] = MICROS_PER[(vec.type as arrow.Timestamp).unit]!;
    const out: (bigint | null)[] = new Array(n);
    let i = 0;
    for (const d of vec.data) {
      const vals = d.values as BigInt64Array;
      for (let k = 0; k < d.length; k++, i++) out[i] = d.getValid(k) ? floorDiv(vals[k]! * mul, div) : null;
    }
    return dataFromPlainValues(to, out);
  }
  if (vec.type.typeId === arrow.Type.Null) return nullData(to, n);
  const values: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) values[i] = plainOf(vec.get(i), vec.type.typeId === arrow.Type.Dictionary ? (vec.type as arrow.Dictionary).dictionary : vec.type, to, column);
  return plainColumn(to, values);
}

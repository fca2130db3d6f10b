// Type coercion rules of the function registry: the wider of two types (Spark's `findWiderTypeForTwo`).
import { type DataType, ArrayT, DoubleT, MapT, LongT, StringT, sameType, widerDecimalType } from '../../types/data-type.js';

const NUMERIC_RANK: Partial<Record<DataType['kind'], number>> = { int32: 1, int64: 2, float64: 3 };

/**
 * The narrowest type both `a` and `b` widen to without going through string:
 * NULL adopts the other type; int32 < int64 < float64; date < timestamp; arrays element-wise. Undefined otherwise.
 */
export function widerType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b)) {
    if (a.kind === 'array' && b.kind === 'array') return ArrayT(a.elementType, a.containsNull || b.containsNull);
    if (a.kind === 'map' && b.kind === 'map') return MapT(a.keyType, a.valueType, a.valueContainsNull || b.valueContainsNull);
    return a;
  }
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'decimal' || b.kind === 'decimal') return widerDecimalType(a, b);
  const ra = NUMERIC_RANK[a.kind];
  const rb = NUMERIC_RANK[b.kind];
  if (ra !== undefined && rb !== undefined) {
    const r = Math.max(ra, rb);
    return r === 3 ? DoubleT : r === 2 ? LongT : a;
  }
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return { kind: 'timestamp' };
  if (a.kind === 'array' && b.kind === 'array') {
    const e = widerType(a.elementType, b.elementType);
    return e ? ArrayT(e, a.containsNull || b.containsNull) : undefined;
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const k = widerType(a.keyType, b.keyType);
    const v = widerType(a.valueType, b.valueType);
    return k && v ? MapT(k, v, a.valueContainsNull || b.valueContainsNull) : undefined;
  }
  return undefined;
}

/** As `widerType`, but a string with a number, date or timestamp widens to string (Spark's `stringPromotion`; not booleans). */
export function widerTypeWithString(a: DataType, b: DataType): DataType | undefined {
  const w = widerType(a, b);
  if (w) return w;
  const promotable = (t: DataType) => t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'boolean';
  if ((a.kind === 'string' && promotable(b)) || (b.kind === 'string' && promotable(a))) return StringT;
  return undefined;
}

/** Folds a wider-type rule over several types; undefined when some pair has no common type. */
export function commonType(types: readonly DataType[], allowString: boolean): DataType | undefined {
  if (types.length === 0) return undefined;
  let t: DataType | undefined = types[0]!;
  for (let i = 1; i < types.length && t; i++) t = allowString ? widerTypeWithString(t, types[i]!) : widerType(t, types[i]!);
  return t;
}

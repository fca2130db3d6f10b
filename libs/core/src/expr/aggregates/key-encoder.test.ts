import { describe, expect, it } from 'vitest';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT, type DataType } from '../../types/data-type.js';
import { column, valuesOf } from '../eval/test-util.js';
import { KeyEncoder } from './key-encoder.js';

function encodeAll(types: DataType[], cols: unknown[][]) {
  const enc = new KeyEncoder(types);
  const n = cols[0]!.length;
  const ids = enc.encode(types.map((t, k) => column(t, cols[k]!)), n);
  return { enc, ids: [...ids] };
}

describe('KeyEncoder', () => {
  it('gives dense first-seen ids per type, NULL as its own key, and decodes them back', () => {
    const cases: [DataType, unknown[]][] = [
      [IntegerT, [5, null, 5, -1, null, 0]],
      [DateT, [1, 2, 1, null, 2, 3]],
      [BooleanT, [true, false, null, true, null, false]],
      [LongT, [1n << 40n, -1n, null, 1n << 40n, 0n, -1n]],
      [TimestampT, [0n, 0n, 1n, null, 1n, 2n]],
      [DoubleT, [0, -0, NaN, NaN, null, 2.5]],
      [StringT, ['a', '', null, 'a', 'é', '']],
      [ArrayT(IntegerT), [[1, 2], [], null, [1, 2], [1, null], [1, null]]],
      [NullT, [null, null, null, null, null, null]],
    ];
    for (const [t, v] of cases) {
      const { enc, ids } = encodeAll([t], [v]);
      // Equal values (under grouping equality: -0.0 = 0.0, NaN = NaN) share an id; ids are dense in first-seen order.
      const keyText = (x: unknown) => JSON.stringify(x, (_k, y: unknown) => (typeof y === 'bigint' ? `${y}n` : Number.isNaN(y) ? 'NaN' : y === 0 ? 0 : y));
      const seen = new Map<string, number>();
      const firsts: unknown[] = [];
      const want = v.map((x) => {
        const k = keyText(x);
        if (!seen.has(k)) {
          seen.set(k, seen.size);
          firsts.push(x === 0 ? 0 : x);
        }
        return seen.get(k)!;
      });
      expect(ids, t.kind).toEqual(want);
      const decoded = valuesOf(enc.decodeRange(0, enc.size)[0]!, t);
      expect(decoded, t.kind).toEqual(firsts);
    }
  });

  it('combines several columns and survives table growth', () => {
    const n = 50000;
    const a = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `k${i % 1000}`));
    const b = Array.from({ length: n }, (_, i) => BigInt(i % 37));
    const { enc, ids } = encodeAll([StringT, LongT], [a, b]);
    const keyOf = (i: number) => `${a[i]}|${b[i]}`;
    const byKey = new Map<string, number>();
    ids.forEach((id, i) => {
      const k = keyOf(i);
      if (byKey.has(k)) expect(byKey.get(k)).toBe(id);
      else {
        expect(id).toBe(byKey.size);
        byKey.set(k, id);
      }
    });
    expect(enc.size).toBe(byKey.size);
    const [da, db] = enc.decodeRange(0, enc.size);
    const va = valuesOf(da!, StringT);
    const vb = valuesOf(db!, LongT);
    expect(va.map((x, i) => `${x}|${vb[i]}`)).toEqual([...byKey.keys()]);
  });

  it('keeps ids stable across batches', () => {
    const enc = new KeyEncoder([IntegerT, StringT]);
    const first = enc.encode([column(IntegerT, [1, 2, null]), column(StringT, ['x', 'y', 'x'])], 3);
    const second = enc.encode([column(IntegerT, [null, 2, 3]), column(StringT, ['x', 'y', 'y'])], 3);
    expect([...first, ...second]).toEqual([0, 1, 2, 2, 1, 3]);
  });
});

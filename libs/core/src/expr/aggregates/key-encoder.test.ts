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
      // Equal values (under grouping equality) share an id; ids are dense in first-seen order.
      const firstIndex = v.map((x, i) => v.findIndex((y) => JSON.stringify(y) === JSON.stringify(x) || (Number.isNaN(x) && Number.isNaN(y)) || (x === 0 && y === 0)) === i);
      let next = 0;
      const want: number[] = [];
      const seen = new Map<number, number>();
      v.forEach((_, i) => {
        const f = v.findIndex((y, j) => j <= i && (JSON.stringify(y) === JSON.stringify(v[i]) || (Number.isNaN(y) && Number.isNaN(v[i])) || (y === 0 && v[i] === 0)));
        if (!seen.has(f)) seen.set(f, next++);
        want.push(seen.get(f)!);
      });
      void firstIndex;
      expect(ids, t.kind).toEqual(want);
      const decoded = valuesOf(enc.decodeRange(0, enc.size)[0]!, t);
      const firsts = [...seen.keys()].map((i) => (v[i] === 0 ? 0 : v[i]));
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

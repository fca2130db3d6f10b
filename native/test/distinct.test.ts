// pairTableInsert / pairTableCountLefts / listElementGroups (COUNT(DISTINCT) in hash group-by) against a Set of
// (group, tuple) pairs, on random codes with NULL rows; argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { isValid, randomValidity, rng } from './util.js';

describe('distinct pairs', () => {
  it('inserts the valid pairs and counts them per group', () => {
    const r = rng(601);
    const table = n.pairTableNew();
    const seen = new Set<string>();
    const groups = 37;
    for (let batch = 0; batch < 5; batch++) {
      const len = 500;
      const gids = Int32Array.from({ length: len }, () => (r() < 0.05 ? -1 : Math.floor(r() * groups)));
      const ids = Int32Array.from({ length: len }, () => Math.floor(r() * 20));
      const v1 = randomValidity(r, 3, len, 0.2);
      const v2 = randomValidity(r, 0, len, 0.1);
      const size = n.pairTableInsert(table, gids, ids, len, [v1, 3, v2, 0]);
      for (let i = 0; i < len; i++) if (gids[i]! >= 0 && isValid(v1, 3, i) && isValid(v2, 0, i)) seen.add(`${gids[i]},${ids[i]}`);
      expect(size).toBe(seen.size);
    }
    const counts = new BigInt64Array(groups);
    n.pairTableCountLefts(table, counts);
    const want = new BigInt64Array(groups);
    for (const k of seen) want[Number(k.split(',')[0])]++;
    expect([...counts]).toEqual([...want]);
    expect(() => n.pairTableCountLefts(table, new BigInt64Array(3))).toThrow(/not below counts.length 3/);
    expect(() => n.pairTableInsert(table, Int32Array.of(0), Int32Array.of(-1), 1, [])).toThrow(/bs\[0\] = -1 is negative/);
    expect(() => n.pairTableInsert(table, Int32Array.of(0), Int32Array.of(0), 2, [])).toThrow(RangeError);
    expect(() => n.pairTableInsert(table, Int32Array.of(0), Int32Array.of(0), 1, [new Uint8Array(0), 0])).toThrow(/too few/);
    expect(() => n.pairTableInsert(table, Int32Array.of(0), Int32Array.of(0), 1, [new Uint8Array(1)])).toThrow(/pairs/);
    n.keyTableRelease(table);
    expect(() => n.pairTableCountLefts(table, counts)).toThrow(/released/);
    expect(() => n.pairTableInsert(n.keyDictionaryNew(0) as never, Int32Array.of(0), Int32Array.of(0), 1, [])).toThrow(TypeError);
  });

  it('gives every list element its row group, -1 for NULL rows', () => {
    const offsets = Int32Array.of(2, 4, 4, 7, 8);
    const validity = Uint8Array.of(0b1011 << 1);
    const out = n.listElementGroups(offsets, validity, 1, Int32Array.of(5, 6, 7, 8), 4);
    expect([...out]).toEqual([5, 5, -1, -1, -1, 8]);
    expect(() => n.listElementGroups(Int32Array.of(0, 2, 1), null, 0, Int32Array.of(0, 0), 2)).toThrow(/decrease/);
    expect(() => n.listElementGroups(Int32Array.of(0), null, 0, Int32Array.of(0), 1)).toThrow(/fewer than n \+ 1/);
    expect(() => n.listElementGroups(Int32Array.of(0, 1), null, 0, new Int32Array(0), 1)).toThrow(RangeError);
    expect(n.listElementGroups(new Int32Array(1), null, 0, new Int32Array(0), 0).length).toBe(0);
  });
});

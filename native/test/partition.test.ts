// partitionIdsFromHashes / partitionOrder, takeBoolean / takeString against references, and argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { randomColumn } from './reference.js';
import { getBit, isValid, LENGTHS, randomValidity, rng, validFlags } from './util.js';

describe('partition split', () => {
  it('is a stable counting sort by hash % numPartitions', () => {
    const r = rng(61);
    for (const len of LENGTHS) {
      for (const p of [1, 2, 7, 200]) {
        const hashes = Uint32Array.from({ length: len }, () => Math.floor(r() * 2 ** 32));
        const pids = n.partitionIdsFromHashes(hashes, len, p);
        expect(pids).toEqual(Int32Array.from(hashes, (h) => h % p));
        const { starts, order } = n.partitionOrder(pids, len, p);
        const want = Array.from({ length: p }, (_, q) => [...pids.keys()].filter((i) => pids[i] === q));
        for (let q = 0; q < p; q++) expect([...order.subarray(starts[q], starts[q + 1])]).toEqual(want[q]);
        expect(starts[p]).toBe(len);
      }
    }
  });

  it('checks its arguments', () => {
    expect(() => n.partitionIdsFromHashes(new Uint32Array(2), 3, 2)).toThrow(RangeError);
    expect(() => n.partitionIdsFromHashes(new Uint32Array(2), 2, 0)).toThrow(RangeError);
    expect(() => n.partitionOrder(Int32Array.from([0, 2]), 2, 2)).toThrow(new RangeError('partitionOrder: pids[1] = 2 is not in [0, 2)'));
    expect(() => n.partitionOrder(Int32Array.from([-1]), 1, 2)).toThrow(RangeError);
    expect(() => n.partitionOrder(new Uint32Array(1) as never, 1, 2)).toThrow(TypeError);
  });
});

describe('takeBoolean / takeString', () => {
  it('gathers bits and strings, -1 and null rows giving NULL', () => {
    const r = rng(62);
    for (const len of LENGTHS) {
      for (const off of [0, 3, 8]) {
        const validity = randomValidity(r, off, len, 0.2);
        const idx = Int32Array.from({ length: len + 5 }, () => (len === 0 || r() < 0.1 ? -1 : Math.floor(r() * len)));
        const bits = randomColumn(r, 'boolean', len, 2, off);
        if (bits.kind !== 'boolean') throw new Error('unreachable');
        const tb = n.takeBoolean(bits.bits, off, validity, off, len, idx);
        const wantValid = Array.from(idx, (j) => j >= 0 && isValid(validity, off, j));
        expect(validFlags(tb.validity, idx.length)).toEqual(wantValid);
        expect(tb.nullCount).toBe(wantValid.filter((v) => !v).length);
        for (let i = 0; i < idx.length; i++) if (wantValid[i]) expect(getBit(tb.values, i)).toBe(getBit(bits.bits, off + idx[i]));

        const s = randomColumn(r, 'string', len, 30);
        if (s.kind !== 'string') throw new Error('unreachable');
        const ts = n.takeString(s.offsets, s.bytes, validity, off, len, idx);
        expect(validFlags(ts.validity, idx.length)).toEqual(wantValid);
        const text = (o: Int32Array, b: Uint8Array, i: number) => Buffer.from(b.subarray(o[i], o[i + 1])).toString();
        for (let i = 0; i < idx.length; i++) {
          expect(text(ts.offsets, ts.bytes, i)).toBe(idx[i] >= 0 ? text(s.offsets, s.bytes, idx[i]) : '');
        }
      }
    }
  });

  it('checks its arguments', () => {
    expect(() => n.takeBoolean(new Uint8Array(1), 0, null, 0, 9, new Int32Array(1))).toThrow(RangeError);
    expect(() => n.takeBoolean(new Uint8Array(1), 0, null, 0, 8, Int32Array.from([8]))).toThrow(
      new RangeError('takeBoolean: indices[0] = 8 is out of range for values of length 8 (-1 is the only index meaning null)'),
    );
    const offs = Int32Array.from([0, 1, 2]);
    expect(() => n.takeString(offs, new Uint8Array(2), null, 0, 3, new Int32Array(1))).toThrow(RangeError);
    expect(() => n.takeString(offs, new Uint8Array(2), null, 0, 2, Int32Array.from([2]))).toThrow(RangeError);
    expect(() => n.takeString(Int32Array.from([0, 5, 2]), new Uint8Array(2), null, 0, 2, Int32Array.from([0]))).toThrow(
      /offsets of row 0 are not within bytes of length 2/,
    );
    expect(() => n.takeString(offs, [1, 2] as never, null, 0, 2, Int32Array.from([0]))).toThrow(TypeError);
  });
});

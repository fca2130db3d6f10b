// logic / trueMask against Kleene truth tables (the engine's previous bitmap loops) on random bitmaps at every bit
// offset, with and without validity; argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { boolAt, refKleene } from './reference-expr.js';
import { getBit, randomValidity, rng } from './util.js';

function randomBits(r: () => number, off: number, len: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil((off + len) / 8));
  for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(r() * 256);
  return bits;
}

function resultAt(res: n.BitmapResult, i: number): boolean | null {
  if (res.validity !== null && !getBit(res.validity, i)) return null;
  return getBit(res.values, i);
}

describe('logic', () => {
  it('AND / OR / NOT / IS [NOT] NULL match three-valued logic at any offset', () => {
    const r = rng(401);
    for (let t = 0; t < 60; t++) {
      const len = Math.floor(r() * 200);
      const [ao, avo, bo, bvo] = [0, 0, 0, 0].map(() => Math.floor(r() * 16));
      const a = randomBits(r, ao!, len);
      const b = randomBits(r, bo!, len);
      const av = r() < 0.3 ? null : randomValidity(r, avo!, len, 0.3);
      const bv = r() < 0.3 ? null : randomValidity(r, bvo!, len, 0.3);
      const and = n.logic(n.LogicOp.and, len, a, ao!, av, avo!, b, bo!, bv, bvo!);
      const or = n.logic(n.LogicOp.or, len, a, ao!, av, avo!, b, bo!, bv, bvo!);
      const not = n.logic(n.LogicOp.not, len, a, ao!, av, avo!);
      const isNull = n.logic(n.LogicOp.isNull, len, null, 0, av, avo!);
      const isNotNull = n.logic(n.LogicOp.isNotNull, len, null, 0, av, avo!);
      const mask = n.trueMask(a, ao!, av, avo!, len);
      let andNulls = 0;
      for (let i = 0; i < len; i++) {
        const x = boolAt(a, ao!, av, avo!, i);
        const y = boolAt(b, bo!, bv, bvo!, i);
        const want = refKleene(true, x, y);
        if (want === null) andNulls++;
        expect(resultAt(and, i), `AND row ${i}`).toBe(want);
        expect(resultAt(or, i), `OR row ${i}`).toBe(refKleene(false, x, y));
        expect(resultAt(not, i)).toBe(x === null ? null : !x);
        expect(resultAt(isNull, i)).toBe(x === null);
        expect(resultAt(isNotNull, i)).toBe(x !== null);
        expect(mask[i]).toBe(x === true ? 1 : 0);
      }
      expect(and.nullCount).toBe(andNulls);
      expect(isNull.validity).toBeNull();
      expect(and.values.length).toBe(Math.ceil(len / 8));
    }
  });

  it('rejects bad arguments with TypeError / RangeError', () => {
    const bits = new Uint8Array(2);
    expect(() => n.logic(7 as never, 8, bits, 0, null, 0, bits, 0, null, 0)).toThrow(RangeError);
    expect(() => n.logic(n.LogicOp.and, 8, bits, 0, null, 0, null, 0, null, 0)).toThrow(/argument 'bBits' must be a Uint8Array/);
    expect(() => n.logic(n.LogicOp.and, 17, bits, 0, null, 0, bits, 0, null, 0)).toThrow(/aBits has 2 bytes/);
    expect(() => n.logic(n.LogicOp.not, 8, bits, 9, null, 0)).toThrow(RangeError);
    expect(() => n.logic(n.LogicOp.not, 8, bits, 0, new Uint8Array(0), 0)).toThrow(/aValidity has 0 bytes/);
    expect(() => n.logic(n.LogicOp.not, 8, [1] as never, 0, null, 0)).toThrow(TypeError);
    expect(() => n.trueMask(bits, 0, null, 0, 17)).toThrow(RangeError);
    expect(() => n.trueMask(bits, -1, null, 0, 1)).toThrow(RangeError);
    expect(n.trueMask(new Uint8Array(0), 0, null, 0, 0).length).toBe(0);
  });
});

// arithmetic / negate against the engine's previous arithmetic (reference-expr.ts) on random columns with NULLs,
// bit offsets, extremes and zero divisors; scalars on either side; ANSI stops; argument checks.
import { describe, expect, it } from 'vitest';
import * as n from '../index.js';
import { type ArithKind, type Num, type Op, refArith } from './reference-expr.js';
import { getBit, isValid, randomValidity, rng } from './util.js';

const OPS: Op[] = ['+', '-', '*', '/', '%'];
const CODE: Record<Op, n.ArithOpCode> = { '+': 0, '-': 1, '*': 2, '/': 3, '%': 4 };
const KINDS: ArithKind[] = ['int32', 'int64', 'float64'];

function randomValues(r: () => number, kind: ArithKind, len: number): n.NumericArray {
  const pick = (): Num => {
    const x = r();
    if (kind === 'int32') {
      if (x < 0.1) return 0;
      if (x < 0.15) return -2147483648;
      if (x < 0.2) return 2147483647;
      if (x < 0.25) return -1;
      return Math.floor((r() - 0.5) * (x < 0.6 ? 200 : 2 ** 32));
    }
    if (kind === 'int64') {
      if (x < 0.1) return 0n;
      if (x < 0.15) return -(1n << 63n);
      if (x < 0.2) return (1n << 63n) - 1n;
      if (x < 0.25) return -1n;
      if (x < 0.6) return BigInt(Math.floor((r() - 0.5) * 200));
      return BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
    }
    if (x < 0.1) return 0;
    if (x < 0.13) return -0;
    if (x < 0.16) return NaN;
    if (x < 0.19) return x < 0.175 ? Infinity : -Infinity;
    return (r() - 0.5) * 10 ** Math.floor(r() * 8 - 2);
  };
  const vals = Array.from({ length: len }, pick);
  if (kind === 'int32') return Int32Array.from(vals as number[]);
  if (kind === 'int64') return BigInt64Array.from(vals as bigint[]);
  return Float64Array.from(vals as number[]);
}

const same = (a: Num, b: Num) => (typeof a === 'number' ? Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b as number)) : a === b);

describe('arithmetic', () => {
  it('matches the engine on every op, type, null pattern and scalar side', () => {
    const r = rng(301);
    for (const kind of KINDS) {
      for (const op of OPS) {
        if (op === '/' && kind !== 'float64') continue;
        for (const shape of ['cols', 'aScalar', 'bScalar'] as const) {
          const len = 1 + Math.floor(r() * 300);
          const aOff = Math.floor(r() * 8);
          const bOff = Math.floor(r() * 8);
          const aS = shape === 'aScalar';
          const bS = shape === 'bScalar';
          const a = randomValues(r, kind, aS ? 1 : len);
          const b = randomValues(r, kind, bS ? 1 : len);
          const av = r() < 0.3 ? null : randomValidity(r, aOff, len, 0.2);
          const bv = r() < 0.3 ? null : randomValidity(r, bOff, len, 0.2);
          const out = n.arithmetic(CODE[op], a, av, aOff, aS, b, bv, bOff, bS, len, false);
          expect(out.errorAt).toBe(-1);
          expect(out.values.length).toBe(len);
          let nulls = 0;
          for (let i = 0; i < len; i++) {
            const valid = (aS || isValid(av, aOff, i)) && (bS || isValid(bv, bOff, i));
            const ref = refArith(op, kind, a[aS ? 0 : i]!, b[bS ? 0 : i]!);
            const isNull = !valid || ref.value === null;
            const got = out.validity === null || getBit(out.validity, i);
            expect(got, `${kind} ${op} row ${i} validity`).toBe(!isNull);
            if (isNull) nulls++;
            else if (!same(out.values[i]!, ref.value!)) expect(out.values[i], `${kind} ${op} ${shape} row ${i}`).toBe(ref.value);
          }
          expect(out.nullCount).toBe(nulls);
          if (nulls === 0) expect(out.validity).toBeNull();
        }
      }
    }
  });

  it('under ANSI reports the first valid row that overflows or divides by zero, ignoring NULL rows', () => {
    const r = rng(302);
    for (const kind of KINDS) {
      for (const op of OPS) {
        if (op === '/' && kind !== 'float64') continue;
        for (let t = 0; t < 20; t++) {
          const len = 1 + Math.floor(r() * 60);
          const a = randomValues(r, kind, len);
          const b = randomValues(r, kind, len);
          const av = randomValidity(r, 3, len, 0.3);
          let expected = -1;
          for (let i = 0; i < len && expected < 0; i++) {
            const ref = refArith(op, kind, a[i]!, b[i]!);
            if (isValid(av, 3, i) && (ref.overflow || ref.divByZero)) expected = i;
          }
          expect(n.arithmetic(CODE[op], a, av, 3, false, b, null, 0, false, len, true).errorAt, `${kind} ${op}`).toBe(expected);
        }
      }
    }
  });

  it('negates with wrapping, and reports -MIN under ANSI', () => {
    const r = rng(303);
    for (const kind of KINDS) {
      const len = 200;
      const a = randomValues(r, kind, len);
      const av = randomValidity(r, 5, len, 0.2);
      const out = n.negate(a, av, 5, len, false);
      for (let i = 0; i < len; i++) {
        expect(out.validity === null || getBit(out.validity, i)).toBe(isValid(av, 5, i));
        if (!isValid(av, 5, i)) continue;
        const x = a[i]!;
        const want = kind === 'int32' ? -(x as number) | 0 : kind === 'int64' ? BigInt.asIntN(64, -(x as bigint)) : -(x as number);
        expect(same(out.values[i]!, want), `${kind} row ${i}`).toBe(true);
      }
    }
    expect(n.negate(Int32Array.of(1, -2147483648), null, 0, 2, true).errorAt).toBe(1);
    expect(n.negate(Int32Array.of(1, -2147483648), Uint8Array.of(1), 0, 2, true).errorAt).toBe(-1);
    expect(n.negate(BigInt64Array.of(-(1n << 63n)), null, 0, 1, true).errorAt).toBe(0);
  });

  it('rejects bad arguments with TypeError / RangeError', () => {
    const a = new Int32Array(4);
    expect(() => n.arithmetic(5 as never, a, null, 0, false, a, null, 0, false, 4, false)).toThrow(RangeError);
    expect(() => n.arithmetic(0, a, null, 0, false, new Float64Array(4) as never, null, 0, false, 4, false)).toThrow(TypeError);
    expect(() => n.arithmetic(0, [1, 2] as never, null, 0, false, a, null, 0, false, 2, false)).toThrow(/argument 'a' must be/);
    expect(() => n.arithmetic(0, a, null, 0, false, a, null, 0, false, 5, false)).toThrow(/fewer than length 5/);
    expect(() => n.arithmetic(0, a, null, 0, false, new Int32Array(0), null, 0, true, 4, false)).toThrow(RangeError);
    expect(() => n.arithmetic(3, a, null, 0, false, a, null, 0, false, 4, false)).toThrow(/Float64Array operands only/);
    expect(() => n.arithmetic(0, a, new Uint8Array(0), 0, false, a, null, 0, false, 4, false)).toThrow(/aValidity has 0 bytes/);
    expect(() => n.arithmetic(0, a, null, 0, 'no' as never, a, null, 0, false, 4, false)).toThrow(TypeError);
    expect(() => n.arithmetic(0, a, null, 0, false, a, null, 0, false, -1, false)).toThrow(RangeError);
    expect(() => n.negate(new Uint8Array(2) as never, null, 0, 2, false)).toThrow(TypeError);
    expect(() => n.negate(a, null, 0, 9, false)).toThrow(RangeError);
    // Empty input is fine.
    expect(n.arithmetic(2, new Int32Array(0), null, 0, false, new Int32Array(0), null, 0, false, 0, false).values.length).toBe(0);
  });
});

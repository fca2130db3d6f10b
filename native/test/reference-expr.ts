// Reference implementations of the expression loops the arithmetic, logic and string kernels replaced (libs/core's
// TypeScript evaluator before them, restated over plain arrays): the expected results of the kernel tests.
import { getBit, isValid } from './util.js';

export type Num = number | bigint;
export type ArithKind = 'int32' | 'int64' | 'float64';
export type Op = '+' | '-' | '*' | '/' | '%';

/** One row of a + b under Spark's non-ANSI rules: {value, null}; `overflow` / `divByZero` say what ANSI would raise. */
export function refArith(op: Op, kind: ArithKind, x: Num, y: Num): { value: Num | null; overflow: boolean; divByZero: boolean } {
  if (kind === 'float64') {
    const a = x as number;
    const b = y as number;
    if ((op === '/' || op === '%') && b === 0) return { value: null, overflow: false, divByZero: true };
    const v = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
    return { value: v, overflow: false, divByZero: false };
  }
  const a = BigInt(x);
  const b = BigInt(y);
  const bits = kind === 'int32' ? 32 : 64;
  if (op === '%') {
    if (b === 0n) return { value: null, overflow: false, divByZero: true };
    const r = a % b;
    return { value: kind === 'int32' ? Number(r) : r, overflow: false, divByZero: false };
  }
  const exact = op === '+' ? a + b : op === '-' ? a - b : a * b;
  const wrapped = BigInt.asIntN(bits, exact);
  return { value: kind === 'int32' ? Number(wrapped) : wrapped, overflow: wrapped !== exact, divByZero: false };
}

/** Kleene AND/OR of one row: true, false or null. */
export function refKleene(isAnd: boolean, a: boolean | null, b: boolean | null): boolean | null {
  if (isAnd) {
    if (a === false || b === false) return false;
    return a === null || b === null ? null : true;
  }
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

export function boolAt(bits: Uint8Array, bitOffset: number, validity: Uint8Array | null, vo: number, i: number): boolean | null {
  return isValid(validity, vo, i) ? getBit(bits, bitOffset + i) : null;
}

const ESCAPE = '\\';

function quote(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The engine's previous LIKE: Spark's escapeLikeRegex as a JS regex (null for a malformed pattern). */
export function refLikeRegExp(pattern: string): RegExp | null {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ESCAPE) {
      if (i + 1 >= chars.length) return null;
      const next = chars[++i]!;
      if (next !== '_' && next !== '%' && next !== ESCAPE) return null;
      out += quote(next);
    } else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += quote(c);
  }
  return new RegExp(`^${out}$`, 'su');
}

/** The engine's previous upper/lower: ASCII byte by byte, otherwise JavaScript's whole-string mapping. */
export function refCase(s: string, toUpper: boolean): string {
  return toUpper ? s.toUpperCase() : s.toLowerCase();
}

/** A string column from JS strings (null = NULL): offsets, bytes, validity from bit `off`. */
export function stringColumn(values: readonly (string | null)[], off = 0) {
  const enc = new TextEncoder();
  const parts = values.map((v) => enc.encode(v ?? ''));
  const offsets = new Int32Array(values.length + 1);
  for (let i = 0; i < values.length; i++) offsets[i + 1] = offsets[i]! + parts[i]!.length;
  const bytes = new Uint8Array(offsets[values.length]!);
  parts.forEach((p, i) => bytes.set(p, offsets[i]!));
  const validity = new Uint8Array(Math.ceil((off + values.length) / 8));
  values.forEach((v, i) => {
    if (v !== null) validity[(off + i) >> 3] |= 1 << ((off + i) & 7);
  });
  return { offsets, bytes, validity, off };
}

/** Row i of a result string column (null when its validity bit is clear). */
export function stringAt(offsets: Int32Array, bytes: Uint8Array, validity: Uint8Array | null, i: number): string | null {
  if (validity !== null && !getBit(validity, i)) return null;
  return new TextDecoder().decode(bytes.subarray(offsets[i], offsets[i + 1]));
}

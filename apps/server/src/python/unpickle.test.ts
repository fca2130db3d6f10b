import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Utf8Bytes } from '../unpickle.js';
import { unpickleRows } from './unpickle.js';

const python = fileURLToPath(new URL('../../../../.venv/bin/python', import.meta.url));

/** Rows with their str values (kept as UTF-8 bytes) decoded, for comparison. */
const decoded = (v: unknown): unknown => (v instanceof Utf8Bytes ? new TextDecoder().decode(v.bytes) : Array.isArray(v) ? v.map(decoded) : v);

/** Pickles `expr` (a Python expression) with CPython itself, at `protocol`. */
function pickled(expr: string, protocol: number): Uint8Array {
  const out = execFileSync(python, ['-c', `import pickle,sys; sys.stdout.buffer.write(pickle.dumps(${expr}, protocol=${protocol}))`]);
  return new Uint8Array(out);
}

describe.skipIf(!existsSync(python))('unpickleRows', () => {
  it.each([2, 3, 4, 5])('reads what CPython writes with protocol %i', (protocol) => {
    const rows = decoded(unpickleRows(pickled("[(1, -2, 2**40, -2**63, 1.5, 'héllo ☃', None, True, False, [1, [2, None]]), (0, 255, 65535, 2**31, float('inf'), '', None, False, True, [])]", protocol), 10)) as unknown[][];
    // Ints within ±2^53 come back as numbers, wider ones as bigints (the engine widens per column type).
    expect(rows[0]).toEqual([1, -2, 2 ** 40, -(2n ** 63n), 1.5, 'héllo ☃', null, true, false, [1, [2, null]]]);
    expect(rows[1]).toEqual([0, 255, 65535, 2 ** 31, Infinity, '', null, false, true, []]);
  });

  it('reads shared references (memo) and many rows', () => {
    const rows = decoded(unpickleRows(pickled("[('same', 'same')] * 3000", 2), 2)) as unknown[][];
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual(['same', 'same']);
  });

  it.each([
    ['a global (a function reference)', '[(len, 1)]', 'opcode'],
    ['a dict', "[{'a': 1}]", 'opcode'],
    ['a row of the wrong width', '[(1, 2, 3)]', 'not a 2-tuple'],
    ['a result that is not a list of rows', '(1, 2)', 'not a 2-tuple'],
  ])('refuses %s', (_what, expr, message) => {
    expect(() => unpickleRows(pickled(expr, 2), 2)).toThrow(message);
  });

  it('refuses truncated streams and bad memo references without reading out of bounds', () => {
    const ok = pickled("[(1, 'abc')]", 2);
    for (let n = 0; n < ok.length - 1; n++) expect(() => unpickleRows(ok.subarray(0, n), 2)).toThrow(/Malformed pickled result/);
    expect(() => unpickleRows(new Uint8Array([0x80, 2, 0x68, 9, 0x2e]), 1)).toThrow('memo entry 9 does not exist');
  });

  it('keeps str values as validated UTF-8 bytes', () => {
    const [[ascii, accented]] = unpickleRows(pickled("[('plain', 'héllo')]", 4), 2) as Utf8Bytes[][];
    expect(ascii).toBeInstanceOf(Utf8Bytes);
    expect(new TextDecoder().decode(accented!.bytes)).toBe('héllo');
    // A lone surrogate pickles (surrogatepass) to bytes that are not UTF-8: refused.
    expect(() => unpickleRows(pickled("[('\\ud800',)]", 2), 1)).toThrow(/not valid UTF-8/);
  });

  it('survives random bytes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (rnd() % 40) }, rnd);
      try {
        unpickleRows(bytes, 1);
      } catch (e) {
        expect((e as Error).message).toMatch(/Malformed pickled result/);
      }
    }
  });
});

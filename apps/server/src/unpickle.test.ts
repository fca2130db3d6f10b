// The restricted unpickler: Python's own pickles of row lists decode to the same values; anything else (classes,
// truncation, corruption) is refused with INVALID_PICKLED_ROWS, never another error, never a hang.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IllegalArgumentError } from '@kindling/core';
import { unpickle } from './unpickle.js';

let python: string | null = 'python3';
try {
  execFileSync('python3', ['-c', 'pass']);
} catch {
  python = null;
}

function pickled(expr: string, protocol: number): Uint8Array {
  const py = `import pickle,sys; sys.stdout.buffer.write(pickle.dumps(${expr}, protocol=${protocol}))`;
  return new Uint8Array(execFileSync(python!, ['-c', py]));
}

const ROWS = "[(1, 'a', 1.5, True, None, [1, 2]), (2**62, '☃ naïve', -0.0, False, -5, []), (-(2**70), 'x' * 300, 1e300, True, 70000, [[1], [2, 3]])]";

function expectRefused(bytes: Uint8Array, message: RegExp): void {
  let caught: unknown;
  try {
    unpickle(bytes);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(IllegalArgumentError);
  expect((caught as IllegalArgumentError).errorClass).toBe('INVALID_PICKLED_ROWS');
  expect((caught as Error).message).toMatch(message);
}

describe.skipIf(!python)('unpickle', () => {
  it.each([2, 3, 4, 5])('decodes Python row lists of protocol %i', (protocol) => {
    expect(unpickle(pickled(ROWS, protocol))).toEqual([
      [1, 'a', 1.5, true, null, [1, 2]],
      [2n ** 62n, '☃ naïve', -0, false, -5, []],
      [-(2n ** 70n), 'x'.repeat(300), 1e300, true, 70000, [[1], [2, 3]]],
    ]);
  });

  it('follows memo references and batched appends (more than 1,000 items)', () => {
    expect(unpickle(pickled("[(s, s) for s in ['shared'] * 3]", 2))).toEqual([['shared', 'shared'], ['shared', 'shared'], ['shared', 'shared']]);
    const many = unpickle(pickled('[(i, str(i)) for i in range(2500)]', 4)) as unknown[][];
    expect(many).toHaveLength(2500);
    expect(many[2499]).toEqual([2499, '2499']);
  });

  it('reads bytes (binary columns) as copies, in every length form', () => {
    const long = 'b"\\x00\\xff" * 200';
    expect(unpickle(pickled('[b"raw", b"", None]', 4))).toEqual([new Uint8Array([114, 97, 119]), new Uint8Array(0), null]);
    const v = unpickle(pickled(`[${long}]`, 4)) as Uint8Array[];
    expect(v[0]!.length).toBe(400);
    expect([v[0]![0], v[0]![1]]).toEqual([0, 255]);
  });

  it('refuses classes, dicts and bytearrays: nothing is ever called', () => {
    expectRefused(pickled('[__import__("datetime").date(2020, 1, 1)]', 4), /opcode 0x.. is not allowed/);
    expectRefused(pickled('[{"a": 1}]', 4), /not allowed/);
    expectRefused(pickled('[bytearray(b"raw")]', 4), /not allowed/);
    // os.system via GLOBAL/REDUCE, protocol 0 text form.
    expectRefused(new TextEncoder().encode("cos\nsystem\n(S'true'\ntR."), /not allowed/);
  });

  it('refuses truncated, trailing and malformed pickles with the byte offset', () => {
    const good = pickled(ROWS, 4);
    for (let cut = 0; cut < good.length; cut += 7) expectRefused(good.subarray(0, cut), /at byte \d+/);
    expectRefused(new Uint8Array([...good, 0x4e]), /after STOP/);
    expectRefused(new Uint8Array([0x80, 0x04, 0x68, 0x05, 0x2e]), /memo entry 5 does not exist/);
    expectRefused(new Uint8Array([0x80, 0x04, 0x4e, 0x61, 0x2e]), /not a list|underflow/);
    expectRefused(new Uint8Array([0x80, 0x04, 0x8c, 0x02, 0xff, 0xfe, 0x2e]), /UTF-8/);
    expectRefused(new Uint8Array([0x80, 0x09, 0x4e, 0x2e]), /protocol 9/);
  });

  it('survives 20,000 mutated pickles: each decodes or is refused cleanly', () => {
    const corpus = [pickled(ROWS, 4), pickled('[(i, str(i), i * 0.5) for i in range(300)]', 5), pickled("[('a',) * 3]", 2)];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = new Uint8Array(corpus[rnd(corpus.length)]!);
      const flips = 1 + rnd(4);
      for (let k = 0; k < flips; k++) u[rnd(u.length)] = rnd(256);
      const bytes = rnd(4) === 0 ? u.subarray(0, rnd(u.length)) : u;
      try {
        unpickle(bytes);
      } catch (err) {
        if (!(err instanceof IllegalArgumentError) || err.errorClass !== 'INVALID_PICKLED_ROWS') throw err;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(10_000);
  });
});

// The pickle encoder, checked by unpickling its output with the system's Python 3.
import { execFileSync } from 'node:child_process';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type DataType, ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, StringT, TimestampT } from '@kindling/core';
import { PickleWriter, civilFromDays, pickleRows } from './pickle.js';

let python: string | null = 'python3';
try {
  execFileSync('python3', ['-c', 'pass']);
} catch {
  python = null;
}

function unpickle(bytes: Uint8Array): string {
  const py = 'import pickle,sys; print(repr(pickle.loads(sys.stdin.buffer.read())))';
  return execFileSync(python!, ['-c', py], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).toString().trim();
}

function single(write: (w: PickleWriter) => void): Uint8Array {
  const w = new PickleWriter();
  w.byte(0x80);
  w.byte(2);
  write(w);
  w.byte(0x2e);
  return w.bytes();
}

describe('civilFromDays', () => {
  it('matches the JS calendar across eras', () => {
    for (const days of [-719162, -1, 0, 1, 59, 365, 10957, 19000, 2932896]) {
      const d = new Date(days * 86400000);
      expect(civilFromDays(days)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    }
  });
});

describe.skipIf(!python)('pickle encoder', () => {
  it('encodes ints of every size (BININT and LONG1) exactly', () => {
    const values = [0n, 1n, -1n, 127n, 128n, 255n, 256n, -128n, -129n, 2147483647n, 2147483648n, -2147483648n, -2147483649n, 2n ** 63n - 1n, -(2n ** 63n)];
    for (const v of values) expect(unpickle(single((w) => w.int(v)))).toBe(String(v));
  });

  it('encodes floats, strings, None, booleans, dates and datetimes', () => {
    expect(unpickle(single((w) => w.float(-0.1)))).toBe('-0.1');
    expect(unpickle(single((w) => w.float(Number.POSITIVE_INFINITY)))).toBe('inf');
    expect(unpickle(single((w) => w.str('a"b\'c\n✓')))).toBe(`'a"b\\'c\\n✓'`);
    expect(unpickle(single((w) => w.none()))).toBe('None');
    expect(unpickle(single((w) => w.bool(false)))).toBe('False');
    expect(unpickle(single((w) => w.date(-719162)))).toBe('datetime.date(1, 1, 1)');
    expect(unpickle(single((w) => w.datetime(-1n)))).toBe('datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)');
    expect(unpickle(single((w) => w.datetime(0n)))).toBe('datetime.datetime(1970, 1, 1, 0, 0)');
  });

  it('pickles rows of batches: nulls, arrays, many rows (APPENDS in chunks), empty input', () => {
    const types: DataType[] = [IntegerT, LongT, DoubleT, StringT, BooleanT, DateT, TimestampT, ArrayT(IntegerT)];
    const n = 2500;
    const cols = {
      i: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => (k % 7 === 0 ? null : k)), new arrow.Int32()),
      l: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => BigInt(k) * 10_000_000_000n), new arrow.Int64()),
      d: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => k / 4), new arrow.Float64()),
      s: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => (k % 5 === 0 ? null : `s${k}`)), new arrow.Utf8()),
      b: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => k % 3 === 0), new arrow.Bool()),
      dt: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => new Date(k * 86400000)), new arrow.DateDay()),
      ts: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => new Date(k * 1000)), new arrow.TimestampMicrosecond()),
      a: arrow.vectorFromArray(Array.from({ length: n }, (_, k) => (k % 4 === 0 ? null : k % 4 === 1 ? [] : [k, null])), new arrow.List(new arrow.Field('e', new arrow.Int32(), true))),
    };
    const table = new arrow.Table(cols);
    const bytes = pickleRows(types, table.batches);
    const check = [
      'import pickle,sys,datetime',
      'rows = pickle.loads(sys.stdin.buffer.read())',
      `assert len(rows) == ${n}, len(rows)`,
      'for k, r in enumerate(rows):',
      '    assert r[0] == (None if k % 7 == 0 else k), r',
      '    assert r[1] == k * 10_000_000_000, r',
      '    assert r[2] == k / 4, r',
      "    assert r[3] == (None if k % 5 == 0 else f's{k}'), r",
      '    assert r[4] == (k % 3 == 0), r',
      '    assert r[5] == datetime.date(1970, 1, 1) + datetime.timedelta(days=k), r',
      '    assert r[6] == datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=k), r',
      '    assert r[7] == (None if k % 4 == 0 else [] if k % 4 == 1 else [k, None]), r',
      "print('ok')",
    ].join('\n');
    expect(execFileSync(python!, ['-c', check], { input: bytes }).toString().trim()).toBe('ok');
    expect(unpickle(pickleRows(types, []))).toBe('[]');
    // Sliced batches read their own rows.
    expect(unpickle(pickleRows([IntegerT], new arrow.Table({ x: arrow.vectorFromArray([1, null, 3, 4], new arrow.Int32()) }).slice(1, 3).batches))).toBe('[(None,), (3,)]');
  });
});

// Structural checks of Arrow data read from untrusted bytes.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { checkData, checkTable } from './arrow-check.js';

describe('checkTable', () => {
  it('accepts well-formed tables of every supported type, sliced and empty ones too', () => {
    const t = new arrow.Table({
      b: arrow.vectorFromArray([true, null, false], new arrow.Bool()),
      i8: arrow.vectorFromArray([1, 2, null], new arrow.Int8()),
      i: arrow.vectorFromArray([1, null, 3], new arrow.Int32()),
      l: arrow.vectorFromArray([1n, 2n, null], new arrow.Int64()),
      f: arrow.vectorFromArray([1.5, null, 2], new arrow.Float64()),
      s: arrow.vectorFromArray(['a', null, 'ccc'], new arrow.Utf8()),
      d: arrow.vectorFromArray([new Date(0), null, new Date(86400000)], new arrow.DateDay()),
      ts: arrow.vectorFromArray([new Date(1), new Date(2), null], new arrow.TimestampMicrosecond()),
      li: arrow.vectorFromArray([[1, 2], null, []], new arrow.List(new arrow.Field('e', new arrow.Int32(), true))),
      dict: arrow.vectorFromArray(['x', 'y', 'x'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
      n: arrow.vectorFromArray([null, null, null], new arrow.Null()),
    });
    expect(checkTable(t)).toBeNull();
    expect(checkTable(arrow.tableFromIPC(arrow.tableToIPC(t, 'stream')))).toBeNull();
    expect(checkTable(t.slice(1, 3))).toBeNull();
    expect(checkTable(new arrow.Table({ x: arrow.vectorFromArray([], new arrow.Int32()) }))).toBeNull();
  });

  it('rejects offsets past the values, decreasing offsets, short buffers and bad dictionary indices', () => {
    const bytes = new TextEncoder().encode('abc');
    const utf8 = (offsets: number[]) => arrow.makeData({ type: new arrow.Utf8(), length: offsets.length - 1, valueOffsets: new Int32Array(offsets), data: bytes });
    expect(checkData(utf8([0, 1, 3]))).toBeNull();
    expect(checkData(utf8([0, 1, 9]))).toMatch(/offsets/);
    expect(checkData(utf8([0, 2, 1]))).toMatch(/offsets/);
    expect(checkData(utf8([-1, 2, 3]))).toMatch(/offsets/);
    const short = arrow.makeData({ type: new arrow.Int32(), length: 10, data: new Int32Array(3) });
    expect(checkData(short)).toMatch(/too short/);
    const bm = arrow.makeData({ type: new arrow.Int32(), length: 20, data: new Int32Array(20), nullBitmap: new Uint8Array(1), nullCount: 3 });
    expect(checkData(bm)).toMatch(/bitmap/);
    const dictionary = arrow.vectorFromArray(['p', 'q'], new arrow.Utf8());
    const dict = arrow.makeData({ type: new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), length: 2, data: new Int32Array([1, 5]), dictionary });
    expect(checkData(dict)).toMatch(/dictionary index/);
  });
});

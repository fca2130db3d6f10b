import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BufferRegion, Message, RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';
import { VectorAssembler } from 'apache-arrow/visitor/vectorassembler';
import { IpcDecoder, IpcEncoder } from './ipc.js';

const python = fileURLToPath(new URL('../../../../.venv/bin/python', import.meta.url));

function sample(): arrow.RecordBatch {
  const t = arrow.tableFromArrays({
    i: Int32Array.from([1, 2, 3, 4, 5]),
    l: BigInt64Array.from([10n, -20n, 30n, 40n, 50n]),
    d: Float64Array.from([0.5, Number.NaN, 2.5, 3, -1]),
  });
  const s = arrow.vectorFromArray(['a', null, 'ccc', '', 'é'], new arrow.Utf8());
  const b = arrow.vectorFromArray([true, null, false, true, true], new arrow.Bool());
  const lst = arrow.vectorFromArray([[1, 2], null, [], [3], [4, 5, 6]], new arrow.List(new arrow.Field('element', new arrow.Int32(), true)));
  const st = arrow.vectorFromArray(
    [{ x: 1, y: 'p' }, null, { x: null, y: 'q' }, { x: 4, y: null }, { x: 5, y: 'r' }],
    new arrow.Struct([new arrow.Field('x', new arrow.Int32(), true), new arrow.Field('y', new arrow.Utf8(), true)]),
  );
  const table = new arrow.Table({ i: t.getChild('i')!, l: t.getChild('l')!, d: t.getChild('d')!, s, b, lst, st });
  return table.batches[0]!;
}

function encode(enc: IpcEncoder, batch: arrow.RecordBatch): Uint8Array {
  const plan = enc.plan(batch);
  const out = new Uint8Array(plan.byteLength);
  plan.write(out);
  return out;
}

const rows = (b: arrow.RecordBatch): unknown[] => new arrow.Table(b).toArray().map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

describe('worker Arrow IPC', () => {
  it('round-trips every column type the workers see, and slices of them', () => {
    const enc = new IpcEncoder();
    const dec = new IpcDecoder();
    const batch = sample();
    for (const b of [batch, batch.slice(1, 4), batch.slice(3)]) {
      const bytes = encode(enc, b);
      // The library reads what the encoder writes...
      expect(rows(arrow.tableFromIPC(bytes).batches[0]!)).toEqual(rows(b));
      // ...and the decoder reads what the library writes, and its own output.
      for (const ipc of [bytes, arrow.tableToIPC(new arrow.Table(b), 'stream')]) {
        const got = dec.decode(ipc)!;
        expect(got).toHaveLength(1);
        expect(rows(got[0]!)).toEqual(rows(b));
      }
    }
  });

  it('reads a body that is not 8-byte aligned in its frame', () => {
    const bytes = encode(new IpcEncoder(), sample());
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    expect(rows(new IpcDecoder().decode(shifted)![0]!)).toEqual(rows(sample()));
  });

  it('leaves dictionary-encoded batches to the library', () => {
    const dict = arrow.vectorFromArray(['a', 'b', 'a'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    const b = new arrow.Table({ k: dict }).batches[0]!;
    const bytes = encode(new IpcEncoder(), b);
    expect(arrow.tableFromIPC(bytes).getChild('k')!.toArray()).toEqual(['a', 'b', 'a']);
    expect(new IpcDecoder().decode(arrow.tableToIPC(new arrow.Table(b), 'stream'))).toBeNull();
  });

  it('refuses a batch whose buffer regions lie past its body', () => {
    const batch = sample();
    const asm = VectorAssembler.assemble(batch);
    const regions = asm.bufferRegions.map((r, i) => (i === 1 ? new BufferRegion(r.offset, asm.byteLength + 64) : r));
    const meta = Message.encode(Message.from(new BatchHeader(batch.numRows, asm.nodes, regions, null), asm.byteLength));
    const schema = encode(new IpcEncoder(), batch);
    const schemaEnd = 8 + new DataView(schema.buffer).getInt32(4, true);
    const frame = (m: Uint8Array) => {
      const out = new Uint8Array(8 + m.length);
      new DataView(out.buffer).setUint32(0, 0xffffffff, true);
      new DataView(out.buffer).setInt32(4, m.length, true);
      out.set(m, 8);
      return out;
    };
    const bytes = new Uint8Array([...schema.subarray(0, schemaEnd), ...frame(meta), ...new Uint8Array(asm.byteLength)]);
    expect(() => new IpcDecoder().decode(bytes)).toThrow(/outside its \d+-byte body/);
  });

  it.skipIf(!existsSync(python))('writes streams pyarrow reads', () => {
    const bytes = encode(new IpcEncoder(), sample().slice(1, 5));
    const out = execFileSync(python, ['-c', 'import sys, pyarrow as pa; t = pa.ipc.open_stream(sys.stdin.buffer.read()).read_all(); print(t.to_pylist())'], { input: bytes });
    expect(out.toString().trim()).toBe(
      "[{'i': 2, 'l': -20, 'd': nan, 's': None, 'b': None, 'lst': None, 'st': None}, {'i': 3, 'l': 30, 'd': 2.5, 's': 'ccc', 'b': False, 'lst': [], 'st': {'x': None, 'y': 'q'}}, {'i': 4, 'l': 40, 'd': 3.0, 's': '', 'b': True, 'lst': [3], 'st': {'x': 4, 'y': None}}, {'i': 5, 'l': 50, 'd': -1.0, 's': 'é', 'b': True, 'lst': [4, 5, 6], 'st': {'x': 5, 'y': 'r'}}]",
    );
  });
});

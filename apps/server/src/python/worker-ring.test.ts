import { describe, expect, it } from 'vitest';
import { RING_HEADER_BYTES, RING_MAGIC, WorkerRings, ringBytesOf } from './worker-ring.js';

const R = 65536;

/** A ring pair over plain memory, with the worker's side played by the test through the same bytes. */
function rings() {
  const buf = new Uint8Array(RING_HEADER_BYTES + 2 * R);
  const r = new WorkerRings(buf, R);
  const header = new Uint32Array(buf.buffer, 0, RING_HEADER_BYTES / 4);
  const worker = {
    consumeInput: (position: number, length: number) => (header[16] = (position + length) >>> 0),
    writeOutput: (offset: number, bytes: Uint8Array) => buf.set(bytes, RING_HEADER_BYTES + R + offset),
    input: (offset: number, length: number) => buf.subarray(RING_HEADER_BYTES + offset, RING_HEADER_BYTES + offset + length),
  };
  return { r, header, worker };
}

describe('worker rings', () => {
  it('writes a header the worker checks', () => {
    const { header } = rings();
    expect([header[0], header[1], header[2]]).toEqual([RING_MAGIC, 1, R]);
  });

  it('hands out input slots until the worker falls behind, then none (the batch goes inline)', () => {
    const { r, worker } = rings();
    const a = r.reserveInput(30000)!;
    a.bytes.fill(7);
    const b = r.reserveInput(30000)!;
    expect(b.position).toBe(30000);
    expect(r.reserveInput(30000)).toBeNull(); // 60000 unread bytes: no room for 30000 more
    expect(worker.input(0, 3)).toEqual(new Uint8Array([7, 7, 7]));
    worker.consumeInput(a.position, 30000);
    // Does not fit before the end (60000 + 30000 > 65536): starts again at 0, which the worker has read.
    const c = r.reserveInput(30000)!;
    expect(c.position).toBe(R);
    expect(c.bytes.byteOffset).toBe(RING_HEADER_BYTES);
    expect(r.reserveInput(R + 1)).toBeNull();
  });

  it('keeps positions running past 2^32', () => {
    const { r, worker } = rings();
    const odd: number[] = [];
    let last = 0;
    // 70,000 rings' worth of 60,000-byte batches: the running position wraps past 2^32 on the way.
    for (let i = 0; i < 70000; i++) {
      const s = r.reserveInput(60000);
      if (!s || s.position % R !== 0 || s.bytes.byteOffset !== RING_HEADER_BYTES) odd.push(i);
      else {
        last = s.position;
        worker.consumeInput(s.position, 60000);
      }
    }
    expect(odd).toEqual([]);
    expect(last).toBe((69999 * R) % 2 ** 32);
  });

  it('copies output out, releases it, and refuses positions outside the ring', () => {
    const { r, header, worker } = rings();
    worker.writeOutput(0, new Uint8Array([1, 2, 3, 4]));
    const got = r.takeOutput(0, 4);
    expect([...got]).toEqual([1, 2, 3, 4]);
    expect(header[32]).toBe(4);
    worker.writeOutput(0, new Uint8Array([9, 9, 9, 9])); // the copy is ours: the ring may change under it
    expect([...got]).toEqual([1, 2, 3, 4]);
    expect(() => r.takeOutput(R - 2, 8)).toThrow(/ring position 65534 \(8 bytes\) outside its ring of 65536 bytes/);
    expect(() => r.takeOutput(0, 4)).toThrow(/outside its ring/); // behind what was already read
    expect(() => r.takeOutput(4 + R, 4)).toThrow(/outside its ring/); // a whole ring ahead
    expect(() => r.takeOutput(8, 0)).toThrow(/outside its ring/);
    expect(() => r.takeOutput(8, R + 1)).toThrow(/outside its ring/);
    r.close();
    expect(r.reserveInput(8)).toBeNull();
    expect(() => r.takeOutput(8, 4)).toThrow(/after the ring was closed/);
  });

  it('reads its size from the settings', () => {
    expect(ringBytesOf({})).toBe(1024 * 1024);
    expect(ringBytesOf({ 'spark.kindling.python.worker.ringBytes': '0' })).toBe(0);
    expect(ringBytesOf({ 'spark.kindling.python.worker.ringBytes': '131072' })).toBe(131072);
    for (const bad of ['1000', '-65536', 'lots', '32768', String(2 ** 31)]) {
      expect(() => ringBytesOf({ 'spark.kindling.python.worker.ringBytes': bad })).toThrow(/spark\.kindling\.python\.worker\.ringBytes must be 0 \(off\) or a power of two/);
    }
  });
});

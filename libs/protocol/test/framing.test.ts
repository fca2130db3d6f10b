// Framing: frames split across and merged within chunks, and bad headers rejected before their body arrives.
import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameError, MAX_FRAME_BYTES, encodeFrame } from '../src/index.js';

const payload = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

function errorOf(fn: () => unknown): FrameError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FrameError) return e;
    throw e;
  }
  throw new Error('expected a FrameError');
}

describe('encodeFrame', () => {
  it('prefixes the little-endian length', () => {
    const f = encodeFrame(Uint8Array.of(1, 2, 3));
    expect([...f]).toEqual([3, 0, 0, 0, 1, 2, 3]);
    expect(MAX_FRAME_BYTES).toBe(64 * 1024 * 1024);
  });
  it('refuses an empty payload', () => {
    expect(errorOf(() => encodeFrame(new Uint8Array(0))).errorClass).toBe('PROTOCOL_EMPTY_FRAME');
  });
});

describe('FrameDecoder', () => {
  const frames = [payload(1, 1), payload(300, 2), payload(5, 3), payload(70_000, 4)];
  const stream = Buffer.concat(frames.map((f) => encodeFrame(f)));

  it('returns several frames merged in one chunk, in order', () => {
    const out = new FrameDecoder().push(stream);
    expect(out.map((f) => [...f])).toEqual(frames.map((f) => [...f]));
  });

  it('reassembles frames split at every possible point', () => {
    const small = Buffer.concat(frames.slice(0, 3).map((f) => encodeFrame(f)));
    for (let cut = 0; cut <= small.length; cut++) {
      const d = new FrameDecoder();
      const out = [...d.push(small.subarray(0, cut)), ...d.push(small.subarray(cut))];
      expect(out.map((f) => [...f])).toEqual(frames.slice(0, 3).map((f) => [...f]));
      expect(d.pendingBytes).toBe(0);
    }
  });

  it('reassembles from one-byte chunks and keeps a partial frame pending', () => {
    const d = new FrameDecoder();
    const out: Uint8Array[] = [];
    for (let i = 0; i < stream.length - 2; i++) out.push(...d.push(stream.subarray(i, i + 1)));
    expect(out.map((f) => f.length)).toEqual([1, 300, 5]);
    expect(d.pendingBytes).toBe(70_000 - 2); // the header is already consumed
    out.push(...d.push(stream.subarray(stream.length - 2)));
    expect(Buffer.from(out[3]!).equals(Buffer.from(frames[3]!))).toBe(true);
  });

  it('handles a large frame in many chunks in linear time', () => {
    const big = payload(16 * 1024 * 1024, 9);
    const framed = encodeFrame(big);
    const d = new FrameDecoder();
    const out: Uint8Array[] = [];
    const t0 = performance.now();
    for (let i = 0; i < framed.length; i += 16 * 1024) out.push(...d.push(framed.subarray(i, i + 16 * 1024)));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(out).toHaveLength(1);
    expect(Buffer.from(out[0]!).equals(Buffer.from(big))).toBe(true);
  });

  it('rejects a too-large header as soon as the header is complete, before the body', () => {
    const d = new FrameDecoder();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(MAX_FRAME_BYTES + 1);
    expect(d.push(header.subarray(0, 2))).toEqual([]);
    const e = errorOf(() => d.push(header.subarray(2)));
    expect(e.errorClass).toBe('PROTOCOL_FRAME_TOO_LARGE');
    expect(e.message).toContain(String(MAX_FRAME_BYTES + 1));
    // The decoder stays failed.
    expect(errorOf(() => d.push(Buffer.alloc(10))).errorClass).toBe('PROTOCOL_FRAME_TOO_LARGE');
  });

  it('honours a custom limit and accepts a frame of exactly the limit', () => {
    const d = new FrameDecoder(10);
    expect(d.push(encodeFrame(payload(10, 1)))).toHaveLength(1);
    expect(errorOf(() => d.push(encodeFrame(payload(11, 1)))).errorClass).toBe('PROTOCOL_FRAME_TOO_LARGE');
  });

  it('rejects a zero-length header, also when it follows a good frame in the same chunk', () => {
    const d = new FrameDecoder();
    const good = encodeFrame(payload(3, 1));
    expect(errorOf(() => d.push(Buffer.concat([good, Buffer.alloc(4)]))).errorClass).toBe('PROTOCOL_EMPTY_FRAME');
    const d2 = new FrameDecoder();
    expect(d2.push(good)).toHaveLength(1);
    expect(errorOf(() => d2.push(Buffer.alloc(4))).errorClass).toBe('PROTOCOL_EMPTY_FRAME');
  });
});

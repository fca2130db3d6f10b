// Length-prefixed framing: a frame is a 4-byte little-endian length N followed by N bytes (one Envelope).
import { FrameError } from './errors.js';

/** Default upper bound of one frame's payload (the engine may configure another). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Prefixes a payload with its 4-byte little-endian length. */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length === 0) throw new FrameError('PROTOCOL_EMPTY_FRAME', 'Cannot send an empty frame');
  if (payload.length > 0xffffffff) {
    throw new FrameError('PROTOCOL_FRAME_TOO_LARGE', `Frame of ${payload.length} bytes exceeds the 4 GiB length field`);
  }
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/**
 * Reassembles frames from stream chunks of any size. Chunks are kept as a list and copied at most once per frame,
 * so a large frame arriving in many small chunks costs linear time. A header announcing an invalid length throws
 * at once, before any of the body is buffered; the decoder then stays failed.
 */
export class FrameDecoder {
  private readonly maxFrameBytes: number;
  private chunks: Buffer[] = [];
  private head = 0; // bytes of chunks[0] already consumed
  private buffered = 0; // unconsumed bytes over all chunks
  private need = -1; // payload length of the frame being read, or -1 while reading a header
  private failure: FrameError | null = null;

  constructor(maxFrameBytes: number = MAX_FRAME_BYTES) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes buffered towards the next frame (a header already read no longer counts). */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Adds a chunk; returns the frames it completes (possibly none), in order. */
  push(chunk: Buffer): Uint8Array[] {
    if (this.failure) throw this.failure;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    while (true) {
      if (this.need < 0) {
        if (this.buffered < 4) break;
        const n = this.take(4).readUInt32LE(0);
        if (n === 0) this.fail(new FrameError('PROTOCOL_EMPTY_FRAME', 'Received a frame header announcing 0 bytes'));
        if (n > this.maxFrameBytes) {
          this.fail(new FrameError('PROTOCOL_FRAME_TOO_LARGE', `Received a frame header announcing ${n} bytes; the limit is ${this.maxFrameBytes}`));
        }
        this.need = n;
      }
      if (this.buffered < this.need) break;
      frames.push(this.take(this.need));
      this.need = -1;
    }
    return frames;
  }

  private fail(e: FrameError): never {
    this.failure = e;
    this.chunks = [];
    this.buffered = 0;
    throw e;
  }

  /** Removes n ≤ buffered bytes from the front; a view when they lie in one chunk, else one copy. */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length - this.head >= n) {
      out = first.subarray(this.head, this.head + n);
      this.head += n;
      if (this.head === first.length) {
        this.chunks.shift();
        this.head = 0;
      }
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0]!;
        const k = Math.min(c.length - this.head, n - filled);
        c.copy(out, filled, this.head, this.head + k);
        filled += k;
        this.head += k;
        if (this.head === c.length) {
          this.chunks.shift();
          this.head = 0;
        }
      }
    }
    this.buffered -= n;
    return out;
  }
}

// A Python worker's two byte rings in one shared-memory segment: Arrow batches go to the worker through the input
// ring and come back through the output ring, so the socket carries only the small frames that point into them.
// Each side copies a batch out of the ring when its frame arrives and then publishes how far it has read (a running
// 32-bit count in the segment's header); a writer that finds no room sends that batch inline instead, so a full
// ring never blocks or deadlocks anything. Layout (little-endian):
//   [0, 256)            header: u32 magic "KRNG", u32 version, u32 ring bytes; u32 input consumed at 64 (written by
//                       the worker), u32 output consumed at 128 (written by the engine), each on its own cache line
//   [256, 256 + R)      input ring (engine writes, worker reads)
//   [256 + R, 256 + 2R) output ring (worker writes, engine reads)
import * as native from '@kindling/native';
import { ExecutionError, IllegalArgumentError } from '@kindling/core';

export const RING_HEADER_BYTES = 256;
export const RING_MAGIC = 0x474e524b; // "KRNG" read as a little-endian u32
export const RING_VERSION = 1;
const INPUT_CONSUMED = 64 / 4;
const OUTPUT_CONSUMED = 128 / 4;
/** Default bytes of each ring: a dozen 10,000-row batches of a long column. Larger rings cost a fresh worker more to
 * set up (with spark.python.worker.reuse=false, ~25 ms at 8 MiB against ~2 ms at 1 MiB) and gained nothing measurable. */
export const DEFAULT_RING_BYTES = 1024 * 1024;
const RING_CONF = 'spark.kindling.python.worker.ringBytes';

/** The ring size a task's settings ask for: 0 turns rings off; otherwise a power of two in [64 KiB, 1 GiB]. */
export function ringBytesOf(conf: Readonly<Record<string, string>>): number {
  const raw = conf[RING_CONF];
  if (raw === undefined) return DEFAULT_RING_BYTES;
  const n = Number(raw);
  if (n === 0) return 0;
  if (!Number.isSafeInteger(n) || n < 65536 || n > 2 ** 30 || (n & (n - 1)) !== 0) {
    throw new IllegalArgumentError('INVALID_CONF_VALUE', `${RING_CONF} must be 0 (off) or a power of two from 65536 to 1073741824 bytes; got '${raw}'.`, { key: RING_CONF, value: raw });
  }
  return n;
}

/** Where one batch sits in a ring: a running position (mod 2^32; mod the ring size it is the offset) and length. */
export interface RingSlot {
  readonly position: number;
  readonly bytes: Uint8Array;
}

/** The engine's end of a worker's rings. */
export class WorkerRings {
  private written = 0;
  private readonly header: Uint32Array;
  private readonly input: Uint8Array;
  private readonly output: Uint8Array;
  private closed = false;

  /** Over `buf` (the segment's mapping; in tests any buffer of RING_HEADER_BYTES + 2 * ringBytes). */
  constructor(
    buf: Uint8Array,
    readonly ringBytes: number,
    private readonly handle: native.SegmentHandle | null = null,
  ) {
    if (buf.byteLength < RING_HEADER_BYTES + 2 * ringBytes || buf.byteOffset % 8 !== 0) throw new RangeError(`A ring segment of ${ringBytes}-byte rings needs ${RING_HEADER_BYTES + 2 * ringBytes} aligned bytes.`);
    this.header = new Uint32Array(buf.buffer, buf.byteOffset, RING_HEADER_BYTES / 4);
    this.input = new Uint8Array(buf.buffer, buf.byteOffset + RING_HEADER_BYTES, ringBytes);
    this.output = new Uint8Array(buf.buffer, buf.byteOffset + RING_HEADER_BYTES + ringBytes, ringBytes);
    this.header[0] = RING_MAGIC;
    this.header[1] = RING_VERSION;
    this.header[2] = ringBytes;
  }

  get name(): string {
    return this.handle?.name ?? '';
  }

  /** Creates the segment (mode 0600, under this engine's name prefix so a sweep can remove it after a crash). */
  static create(ringBytes: number, tag: string | number): WorkerRings {
    const handle = native.shmCreate(native.segmentName('ring', tag), RING_HEADER_BYTES + 2 * ringBytes);
    return new WorkerRings(handle.buffer, ringBytes, handle);
  }

  /** Removes the segment's name; the mappings of both sides stay valid. */
  unlink(): void {
    if (!this.handle) return;
    try {
      native.shmUnlink(this.handle.name);
    } catch {
      // Already gone (a sweep, or an earlier unlink).
    }
  }

  /**
   * Room for `length` contiguous bytes of input, or null when the ring cannot take them now (the caller then sends
   * the batch inline). The slot must be filled before the frame that points at it is sent.
   */
  reserveInput(length: number): RingSlot | null {
    if (this.closed) return null;
    const size = this.ringBytes;
    const padded = (length + 7) & ~7;
    if (length <= 0 || padded > size) return null;
    let position = this.written;
    let start = position & (size - 1);
    // A batch never wraps: if it does not fit before the end, it starts at the ring's beginning.
    if (start + padded > size) {
      position = (position + size - start) >>> 0;
      start = 0;
    }
    if (((position + padded - this.header[INPUT_CONSUMED]!) >>> 0) > size) return null;
    this.written = (position + padded) >>> 0;
    return { position, bytes: this.input.subarray(start, start + length) };
  }

  /**
   * Copies an output batch the worker announced out of the ring and releases its bytes. The position and length
   * come from the worker, so they are checked against what the ring can hold before anything is read.
   */
  takeOutput(position: number, length: number, copy = true): Uint8Array {
    if (this.closed) throw new ExecutionError('PYTHON_WORKER_PROTOCOL', 'Python worker sent a batch in its output ring after the ring was closed.');
    const size = this.ringBytes;
    const consumed = this.header[OUTPUT_CONSUMED]!;
    const start = position & (size - 1);
    if (!Number.isInteger(position) || !Number.isInteger(length) || length <= 0 || start + length > size || ((position - consumed) >>> 0) >= size || ((position + length - consumed) >>> 0) > size) {
      throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an output batch at ring position ${position} (${length} bytes) outside its ring of ${size} bytes read up to ${consumed}.`);
    }
    let out = new Uint8Array(0);
    if (copy) {
      // A fresh ArrayBuffer: offset 0 keeps the Arrow buffers aligned, and nothing keeps the ring's bytes alive.
      out = Buffer.allocUnsafeSlow(length);
      out.set(this.output.subarray(start, start + length));
    }
    this.header[OUTPUT_CONSUMED] = (position + length) >>> 0;
    return out;
  }

  /** Unmaps the segment. Only called when no task is using these rings (the runner owns that). */
  close(): void {
    this.closed = true;
    this.handle?.close();
  }
}

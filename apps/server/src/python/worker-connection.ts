// One connection to a Python worker forked by the daemon: mutual HMAC handshake, then verified Envelope frames.
// The worker's death shows up at once as a closed socket, which fails whatever is waiting on it.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { ExecutionError } from '@kindling/core';
import { FrameError, encodeFrame, fb, readEnvelope, buildEnvelope, proofFor, checkProof } from '@kindling/protocol';
import { WorkerRings } from './worker-ring.js';

/** Output frames of a UDF can be large (a whole group of applyInPandas); the client protocol's limit applies. */
const MAX_WORKER_FRAME = 1024 * 1024 * 1024;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const READ_BUFFER_BYTES = 256 * 1024;

export class WorkerLostError extends ExecutionError {}

export class WorkerConnection {
  private readonly frames: fb.Envelope[] = [];
  private waiter: { resolve: (e: fb.Envelope) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  pid = 0;
  /** Tasks this worker finished (for metrics: 0 means the next task is its first). */
  tasksRun = 0;
  /** Broadcast variables this worker holds: id → version. */
  readonly broadcasts = new Map<number, number>();
  /** The shared-memory rings Arrow batches travel through, once the worker has mapped them; null: all inline. */
  rings: WorkerRings | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(null));
  }

  // Incoming bytes land in one reused read buffer (the socket's `onread`) and are copied once into a frame of
  // exactly its length, whose Arrow buffers then serve as the result columns. Reading into fresh 64 KB chunks
  // and joining them into frames allocated three times the data, and the garbage drove the engine's GC.
  private readonly header = Buffer.alloc(4);
  private headerFill = 0;
  private frame: Buffer | null = null;
  private frameFill = 0;

  private onBytes(buf: Uint8Array, n: number): void {
    try {
      let pos = 0;
      while (pos < n && !this.failure) {
        if (!this.frame) {
          const k = Math.min(4 - this.headerFill, n - pos);
          this.header.set(buf.subarray(pos, pos + k), this.headerFill);
          this.headerFill += k;
          pos += k;
          if (this.headerFill < 4) break;
          this.headerFill = 0;
          const len = this.header.readUInt32LE(0);
          if (len === 0) throw new FrameError('PROTOCOL_EMPTY_FRAME', 'Received a frame header announcing 0 bytes');
          if (len > MAX_WORKER_FRAME) throw new FrameError('PROTOCOL_FRAME_TOO_LARGE', `Received a frame header announcing ${len} bytes; the limit is ${MAX_WORKER_FRAME}`);
          this.frame = Buffer.allocUnsafe(len);
          this.frameFill = 0;
        }
        const k = Math.min(this.frame.length - this.frameFill, n - pos);
        this.frame.set(buf.subarray(pos, pos + k), this.frameFill);
        this.frameFill += k;
        pos += k;
        if (this.frameFill === this.frame.length) {
          const f = this.frame;
          this.frame = null;
          this.deliver(readEnvelope(f));
        }
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      this.socket.destroy();
    }
  }

  get closed(): boolean {
    return this.failure !== null;
  }

  private deliver(env: fb.Envelope): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(env);
    } else this.frames.push(env);
  }

  private fail(err: Error | null): void {
    if (this.failure) return;
    const why = err ? err.message : 'the connection closed';
    this.failure = new WorkerLostError('PYTHON_WORKER_CRASHED', `Python worker${this.pid ? ` (pid ${this.pid})` : ''} exited unexpectedly: ${why}.`, { pid: String(this.pid) });
    if (this.waiter) {
      this.waiter.reject(this.failure);
      this.waiter = null;
    }
  }

  /** The next frame from the worker; rejects with WorkerLostError if it dies first. */
  next(): Promise<fb.Envelope> {
    const f = this.frames.shift();
    if (f) return Promise.resolve(f);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Sends one envelope; resolves once the socket can take more (back-pressure from a slow worker). */
  send(payload: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    let ok: boolean;
    if (payload.length < 16 * 1024) ok = this.socket.write(encodeFrame(payload));
    else {
      // A large batch is not copied behind its length prefix: both go out in one writev.
      const header = Buffer.allocUnsafe(4);
      header.writeUInt32LE(payload.length, 0);
      this.socket.cork();
      this.socket.write(header);
      ok = this.socket.write(payload);
      this.socket.uncork();
    }
    if (ok) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = () => (cleanup(), resolve());
      const onClose = () => (cleanup(), reject(this.failure ?? new Error('worker connection closed')));
      const cleanup = () => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
      };
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
    });
  }

  /** Stops the worker process itself (a UDF stuck in a loop never reads its socket). */
  kill(): void {
    this.dropRings();
    if (this.pid > 0) {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.socket.destroy();
  }

  close(): void {
    this.dropRings();
    this.socket.end();
    this.socket.destroy();
  }

  // Called only from the runner's own code paths (never from a socket event), so no synchronous write into a ring
  // can be under way: JS runs one thing at a time.
  private dropRings(): void {
    this.rings?.close();
    this.rings = null;
  }

  /**
   * Offers the worker a segment of two `ringBytes` rings and waits for its answer; the name is unlinked as soon as
   * the worker has mapped it (or refused), so no crash can leave it behind. A worker that cannot map it keeps
   * working over the socket alone.
   */
  async attachRings(ringBytes: number): Promise<void> {
    let rings: WorkerRings;
    try {
      rings = WorkerRings.create(ringBytes, this.pid);
    } catch {
      return; // no shared memory here (or /dev/shm full): the socket carries everything
    }
    try {
      await this.send(buildEnvelope(0n, fb.Body.WorkerRing, (b) => {
        const name = b.createString(rings.name);
        fb.WorkerRing.startWorkerRing(b);
        fb.WorkerRing.addName(b, name);
        fb.WorkerRing.addRingBytes(b, ringBytes);
        return fb.WorkerRing.endWorkerRing(b);
      }));
      const ack = await this.next();
      if (ack.bodyType() !== fb.Body.WorkerRingAck) throw new WorkerLostError('PYTHON_WORKER_PROTOCOL', `Python worker answered the ring offer with body type ${ack.bodyType()}.`);
      if ((ack.body(new fb.WorkerRingAck()) as fb.WorkerRingAck).ok()) {
        this.rings = rings;
        return;
      }
      rings.close();
    } catch (err) {
      rings.close();
      throw err;
    } finally {
      rings.unlink();
    }
  }

  /** Connects to the daemon (which forks a worker for the connection) and authenticates both ways. */
  static async open(socketPath: string, secret: Buffer): Promise<WorkerConnection> {
    // The connection object exists before the socket connects, so no byte can arrive before its reader.
    const holder: { conn: WorkerConnection | null } = { conn: null };
    const s = net.createConnection({ path: socketPath, onread: { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: (n: number, buf: Uint8Array) => (holder.conn!.onBytes(buf, n), true) } });
    const conn = new WorkerConnection(s);
    holder.conn = conn;
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => (s.off('error', reject), resolve()));
      s.once('error', reject);
    }).catch((err: unknown) => {
      throw new WorkerLostError('PYTHON_WORKER_UNAVAILABLE', `Cannot reach the Python worker daemon at ${socketPath}: ${(err as Error).message}.`);
    });
    const timer = setTimeout(() => conn.fail(new Error('the worker did not complete the handshake in time')), HANDSHAKE_TIMEOUT_MS);
    try {
      const hello = await conn.next();
      if (hello.bodyType() !== fb.Body.WorkerHello) throw new Error(`expected WorkerHello, got body type ${hello.bodyType()}`);
      const h = hello.body(new fb.WorkerHello()) as fb.WorkerHello;
      conn.pid = h.pid();
      const workerNonce = h.nonceArray() ?? new Uint8Array(0);
      const nonce = randomBytes(32);
      await conn.send(buildEnvelope(0n, fb.Body.WorkerAuth, (b) => {
        const proof = fb.WorkerAuth.createProofVector(b, proofFor(secret, workerNonce));
        const n = fb.WorkerAuth.createNonceVector(b, nonce);
        return fb.WorkerAuth.createWorkerAuth(b, proof, n);
      }));
      const ok = await conn.next();
      if (ok.bodyType() !== fb.Body.WorkerAuthOk) throw new Error(`expected WorkerAuthOk, got body type ${ok.bodyType()}`);
      const proof = (ok.body(new fb.WorkerAuthOk()) as fb.WorkerAuthOk).proofArray() ?? new Uint8Array(0);
      if (!checkProof(secret, nonce, proof)) throw new Error('the worker could not prove the daemon secret');
      return conn;
    } catch (err) {
      conn.kill();
      if (err instanceof WorkerLostError) throw err;
      throw new WorkerLostError('PYTHON_WORKER_HANDSHAKE', `Python worker handshake failed: ${(err as Error).message}.`);
    } finally {
      clearTimeout(timer);
    }
  }
}

// Vets untrusted Arrow IPC bytes in a worker thread with a deadline before the engine thread parses them:
// apache-arrow's reader can spin forever on some corrupt streams, which must not freeze every session.
import { Worker } from 'node:worker_threads';
import { IllegalArgumentError } from '@kindling/core';
import type { CheckReply } from './arrow-check-worker.js';

/** Deadline of one check: generous for real data (parsing is zero-copy), short for a spinning reader. */
export function checkDeadlineMs(bytes: number): number {
  return 2000 + Math.ceil(bytes / (50 * 1024 * 1024)) * 1000;
}

type Pending = { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout; worker: Worker };

/** One worker per owner (a session), started on first use, replaced after a timeout or crash. */
export class IpcGuard {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  private start(): Worker {
    const w = new Worker(new URL('./arrow-check-worker.js', import.meta.url), {
      // A corrupt length that makes the reader allocate without bound ends this worker, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    w.unref();
    w.on('message', (m: CheckReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error === null) p.resolve();
      else p.reject(invalid(m.error));
    });
    w.on('error', (err) => this.fail(w, err.message));
    w.on('exit', (code) => this.fail(w, `the Arrow reader stopped (exit code ${code})`));
    return w;
  }

  /** Fails every check running on `w` and stops using it. */
  private fail(w: Worker, why: string): void {
    if (this.worker === w) this.worker = null;
    for (const [id, p] of this.pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      p.reject(invalid(why));
      this.pending.delete(id);
    }
    void w.terminate();
  }

  /** Starts the worker ahead of the first check (it takes a few hundred ms to load apache-arrow). */
  warm(): void {
    if (!this.closed) this.worker ??= this.start();
  }

  /** Resolves when `bytes` parse as an Arrow IPC stream with consistent buffers; else IllegalArgumentError. */
  check(bytes: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new IllegalArgumentError('SESSION_CLOSED', 'The session is closed.'));
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    // Copy just these bytes (a view may sit in a larger frame buffer) and hand the copy over without another one.
    // Not bytes.slice(): on a Node Buffer (shm data read from a file) that is a view, and transferring it would
    // detach the caller's bytes.
    const copy = new Uint8Array(bytes);
    const deadline = checkDeadlineMs(bytes.length);
    return new Promise<void>((resolve, reject) => {
      // The reader is stuck: replace the worker; checks queued behind this one on it fail too.
      const timer = setTimeout(() => this.fail(w, `reading it did not finish within ${deadline} ms`), deadline);
      this.pending.set(id, { resolve, reject, timer, worker: w });
      w.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  close(): void {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new IllegalArgumentError('SESSION_CLOSED', 'The session is closed.'));
    }
    this.pending.clear();
    void w?.terminate();
  }
}

function invalid(why: string): IllegalArgumentError {
  return new IllegalArgumentError('INVALID_ARROW_DATA', `LocalData is not a valid Arrow IPC stream: ${why}`, { reason: why });
}

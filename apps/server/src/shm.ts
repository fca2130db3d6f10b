// Shared-memory segments (files under /dev/shm, the tmpfs behind POSIX shm) that carry large results to the client,
// and client data to the engine. The engine tracks what it hands out and removes leftovers; a sweep at start removes
// dead engines'.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IllegalArgumentError } from '@kindling/core';
import { log } from './log.js';

/** Where segments live: /dev/shm (tmpfs) when present, else the temp dir; `KINDLING_SHM_DIR` overrides. */
export function shmDir(): string {
  const override = process.env['KINDLING_SHM_DIR'];
  if (override) return override;
  return fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

// Engine segments are kindling-<engine pid>-…, client segments (LocalData) kindling-client-<client pid>-….
const SEGMENT = /^kindling-(?:client-)?(\d+)-/;

/** Removes `kindling-<pid>-*` and `kindling-client-<pid>-*` segments whose pid is not a live process. Returns the names removed. */
export function sweepStaleSegments(dir = shmDir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = SEGMENT.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
      removed.push(name);
    } catch {
      // Another engine's sweep may have got there first.
    }
  }
  return removed;
}

/** Removes every segment this process created (shutdown: covers anything a session did not clean up). */
export function removeOwnSegments(dir = shmDir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `kindling-${process.pid}-`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      // Already gone.
    }
  }
}

/** True unless `process.kill(pid, 0)` says ESRCH (EPERM: alive, someone else's). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The segments one session handed out; `close()` unlinks those the client has not unlinked yet. */
export class SegmentSet {
  private readonly paths = new Set<string>();
  private next = 0;
  private closed = false;

  constructor(
    private readonly sessionId: bigint,
    private readonly dir = shmDir(),
  ) {}

  /** Writes `bytes` to a new segment (mode 0600, must not exist) and returns its path. */
  write(bytes: Uint8Array): string {
    return this.writeChunks([bytes]);
  }

  /**
   * Writes the concatenation of `chunks` to a new segment (mode 0600, must not exist) and returns its path, so a
   * result serialised as many pieces (an Arrow IPC stream's headers and column buffers) is copied exactly once,
   * straight into the shared pages. writev into the tmpfs file beats filling a fresh mapping (the native module's
   * shmCreate + copy): one kernel copy, no page faults and no zero-fill pass — 110 ms against 220 ms for 230 MB.
   */
  writeChunks(chunks: readonly Uint8Array[]): string {
    if (this.closed) throw new IllegalArgumentError('SESSION_CLOSED', `Session ${this.sessionId} is closed.`);
    const file = path.join(this.dir, `kindling-${process.pid}-${this.sessionId}-${this.next++}`);
    const fd = fs.openSync(file, 'wx', 0o600);
    this.paths.add(file);
    try {
      let pending = chunks.filter((c) => c.byteLength > 0);
      while (pending.length > 0) {
        let n = fs.writevSync(fd, pending.slice(0, 1024));
        const rest: Uint8Array[] = [];
        for (const c of pending) {
          if (n >= c.byteLength) n -= c.byteLength;
          else {
            rest.push(n > 0 ? c.subarray(n) : c);
            n = 0;
          }
        }
        pending = rest;
      }
    } catch (err) {
      fs.closeSync(fd);
      this.unlink(file);
      throw err;
    }
    fs.closeSync(fd);
    return file;
  }

  get size(): number {
    return this.paths.size;
  }

  private unlink(file: string): void {
    this.paths.delete(file);
    try {
      fs.unlinkSync(file);
    } catch (err) {
      // ENOENT: the client unlinked it after mapping, as it should.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`could not remove segment ${file}: ${String(err)}`);
    }
  }

  close(): void {
    this.closed = true;
    for (const file of [...this.paths]) this.unlink(file);
  }
}

/**
 * Reads a segment the client wrote (LocalData.shm) and unlinks it, as the receiver of a segment does.
 * Only `kindling-*` files directly inside the segment directory are accepted.
 */
export function readClientSegment(name: string, size: bigint): Uint8Array {
  const dir = shmDir();
  const base = path.basename(name);
  const resolved = path.isAbsolute(name) ? path.resolve(name) : path.join(dir, base);
  if (!base.startsWith('kindling-') || path.dirname(resolved) !== path.resolve(dir)) {
    throw new IllegalArgumentError('INVALID_SHM_SEGMENT', `Shared-memory segment ${JSON.stringify(name)} is not a kindling-* segment in ${dir}.`, { name });
  }
  let bytes: Buffer;
  try {
    const st = fs.lstatSync(resolved);
    if (!st.isFile()) throw new Error('not a regular file');
    bytes = fs.readFileSync(resolved);
  } catch (err) {
    throw new IllegalArgumentError('INVALID_SHM_SEGMENT', `Cannot read shared-memory segment ${JSON.stringify(name)}: ${(err as Error).message}.`, { name });
  }
  try {
    fs.unlinkSync(resolved);
  } catch {
    // Already gone: the client may unlink it itself.
  }
  if (size > 0n && BigInt(bytes.length) < size) {
    throw new IllegalArgumentError('INVALID_SHM_SEGMENT', `Shared-memory segment ${JSON.stringify(name)} holds ${bytes.length} bytes, fewer than the announced ${size}.`, { name });
  }
  return size > 0n ? bytes.subarray(0, Number(size)) : bytes;
}

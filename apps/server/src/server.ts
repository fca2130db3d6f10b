// The engine's listener: a private 0700 directory with a Unix socket (or 127.0.0.1:0), the live connections and
// sessions, and an orderly shutdown that frees every session and removes the directory and shm segments.
import fs from 'node:fs';
import { PythonDaemon } from './python/daemon.js';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection, type ConnectionHost } from './connection.js';
import { SpinWindow } from './spin-window.js';
import { log, logError } from './log.js';
import type { EngineOptions } from './options.js';
import type { Session } from './session.js';
import { processAlive, removeOwnSegments } from './shm.js';

export interface ListenAddress {
  readonly socket: string | null;
  readonly host: string | null;
  readonly port: number | null;
}

const PID_FILE = 'engine.pid';

/**
 * Removes `kindling-*` directories under the temp dir left by engines that died without cleaning up (SIGKILL):
 * only directories holding an engine.pid whose process is gone. Returns how many were removed.
 */
export function sweepStaleDirectories(tmp = os.tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith('kindling-')) continue;
    const dir = path.join(tmp, name);
    let pid: number;
    try {
      pid = Number(fs.readFileSync(path.join(dir, PID_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // Not ours to remove after all (permissions), or already gone.
    }
  }
  return removed;
}

/** How long shutdown waits for sessions to stop their executor threads before giving up on them. */
const SHUTDOWN_GRACE_MS = 3000;

export class EngineServer implements ConnectionHost {
  private readonly server = net.createServer({ noDelay: true });
  private dir: string | null = null;
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Set<Session>();
  private nextSession = 1n;
  private shutdownPromise: Promise<void> | null = null;
  /** Python UDF workers: one daemon per engine, shared by its sessions, started when a plan first needs it. */
  readonly python = new PythonDaemon(process.env['KINDLING_PYTHON'] || 'python3', () => this.dir);
  readonly spin: SpinWindow;

  /** `onStop` runs when a Stop from an owning client asks the engine to end (main.ts exits the process). */
  constructor(
    readonly options: EngineOptions,
    private readonly onStop: (reason: string) => void = () => undefined,
  ) {
    this.spin = new SpinWindow(options.spinMicros);
    this.server.on('connection', (socket) => {
      if (this.shutdownPromise) {
        socket.destroy();
        return;
      }
      try {
        const c = new Connection(socket, this);
        this.connections.add(c);
        socket.on('close', () => this.connections.delete(c));
      } catch (err) {
        logError('accepting a connection', err);
        socket.destroy();
      }
    });
    this.server.on('error', (err) => logError('listener error', err));
  }

  get directory(): string | null {
    return this.dir;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  async listen(): Promise<ListenAddress> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kindling-'));
    await fs.promises.chmod(dir, 0o700);
    this.dir = dir;
    // Marks the directory as this engine's, so a later engine can remove it if this one dies without cleanup.
    await fs.promises.writeFile(path.join(dir, PID_FILE), String(process.pid), { mode: 0o600 });
    if (this.options.transport === 'unix') {
      const socket = path.join(dir, 'engine.sock');
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(socket, () => {
          this.server.off('error', reject);
          resolve();
        });
      });
      return { socket, host: null, port: null };
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: '127.0.0.1', port: 0 }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address() as net.AddressInfo;
    return { socket: null, host: '127.0.0.1', port: addr.port };
  }

  newSessionId(): bigint {
    return this.nextSession++;
  }

  sessionOpened(session: Session): void {
    this.sessions.add(session);
  }

  sessionClosed(session: Session): void {
    this.sessions.delete(session);
  }

  stopRequested(session: Session): void {
    if (this.options.owner) this.onStop(`Stop request from session ${session.id}`);
  }

  /** Closes the listener and every connection, stops every session, removes the directory and own segments. */
  shutdown(reason: string): Promise<void> {
    this.shutdownPromise ??= (async () => {
      log(`shutting down: ${reason}`);
      this.server.close();
      const closing = [...this.sessions].map((s) => s.close());
      for (const c of [...this.connections]) c.close();
      await Promise.race([
        Promise.allSettled(closing),
        new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref()),
      ]);
      this.python.stop();
      removeOwnSegments();
      if (this.dir) {
        try {
          fs.rmSync(this.dir, { recursive: true, force: true });
        } catch (err) {
          logError(`removing ${this.dir}`, err);
        }
      }
    })();
    return this.shutdownPromise;
  }
}

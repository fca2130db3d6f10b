// The engine's one Python worker daemon (`python -m kindling.worker.daemon`): started on first need with the
// client's interpreter and environment, it imports pandas/pyarrow once and forks a worker per connection.
// It lives as long as the engine: its stdin is our pipe, so it exits (killing its workers) when we do.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionError, type PythonSupport } from '@kindling/core';
import { newSecret } from '@kindling/protocol';
import { log } from '../log.js';
import type { RunnerOptions } from './runner.js';

const READY_TIMEOUT_MS = 30_000;

export class PythonDaemon {
  private proc: ChildProcess | null = null;
  private ready: Promise<RunnerOptions> | null = null;
  private dir: string | null = null;
  private readonly secret = newSecret();
  /** Time from spawn to the daemon's ready line (imports included), for the cold-start figure. */
  startupMs = 0;

  /** `directory` is the engine's private 0700 directory (swept if the engine dies), where the socket lives. */
  constructor(
    private readonly python: string,
    private readonly directory: () => string | null,
  ) {}

  /** The runner plug-in the engine's sessions use: this module's runner, prepared by starting the daemon. */
  support(): PythonSupport {
    return {
      module: new URL('./runner.js', import.meta.url).href,
      prepare: () => this.start(),
    };
  }

  /** Starts the daemon if needed; resolves with what runners need to reach it. */
  start(): Promise<RunnerOptions> {
    if (this.ready && this.proc && this.proc.exitCode === null && this.proc.signalCode === null) return this.ready;
    this.stopProcess();
    const dir = this.directory() ?? (this.dir = mkdtempSync(join(tmpdir(), 'kindling-workers-')));
    const socketPath = join(dir, 'workers.sock');
    rmSync(socketPath, { force: true });
    const t0 = performance.now();
    const proc = spawn(this.python, ['-m', 'kindling.worker.daemon'], {
      // PYTHONHASHSEED fixed (the client's, else 0, as PySpark sets it) so portable_hash of strings puts keys in
      // the same partitions on every run and in every worker.
      env: { ...process.env, PYTHONHASHSEED: process.env.PYTHONHASHSEED ?? '0', KINDLING_WORKER_SOCKET: socketPath, KINDLING_WORKER_SECRET: this.secret.toString('hex') },
      // stdout carries the ready line; stderr (and the workers' prints) goes where the engine's goes: the client.
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.proc = proc;
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void }).unref?.();
    (proc.stdout as unknown as { unref?: () => void }).unref?.();
    const ready = new Promise<RunnerOptions>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new ExecutionError('PYTHON_WORKER_UNAVAILABLE', `The Python worker daemon (${this.python}) did not start within ${READY_TIMEOUT_MS / 1000} s.`)), READY_TIMEOUT_MS);
      timer.unref();
      proc.stdout!.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        if (buf.includes('\n')) {
          clearTimeout(timer);
          const line = buf.slice(0, buf.indexOf('\n')).trim();
          if (line === 'READY') {
            this.startupMs = performance.now() - t0;
            log(`python worker daemon ready in ${this.startupMs.toFixed(0)} ms (pid ${proc.pid})`);
            resolve({ socketPath, secretHex: this.secret.toString('hex') });
          } else reject(new ExecutionError('PYTHON_WORKER_UNAVAILABLE', `The Python worker daemon failed to start: ${line}`));
        }
      });
      proc.once('error', (err) => {
        clearTimeout(timer);
        reject(new ExecutionError('PYTHON_WORKER_UNAVAILABLE', `Cannot start the Python worker daemon with ${this.python}: ${err.message}`));
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new ExecutionError('PYTHON_WORKER_UNAVAILABLE', `The Python worker daemon exited (${signal ?? `code ${code}`}) before it was ready; its stderr is above.`));
        if (this.proc === proc) this.ready = null;
      });
    });
    this.ready = ready;
    ready.catch(() => {
      if (this.ready === ready) this.ready = null;
    });
    return ready;
  }

  private stopProcess(): void {
    const p = this.proc;
    this.proc = null;
    this.ready = null;
    if (p && p.exitCode === null) {
      p.stdin?.end();
      p.kill('SIGTERM');
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  /** Stops the daemon and every worker it forked. */
  stop(): void {
    this.stopProcess();
  }
}

// One client session: its SparkSession, handle table (ulong id → DataFrame), running requests and shm segments.
import { type DataFrame, IllegalArgumentError, type PythonSupport, SparkSession, type TaskMetrics } from '@kindling/core';
import type { EngineOptions } from './options.js';
import { IpcGuard } from './ipc-guard.js';
import { SegmentSet } from './shm.js';
import { logError } from './log.js';

export class Session {
  private sparkSession: SparkSession | null = null;
  private readonly handles = new Map<bigint, DataFrame>();
  private nextHandle = 1n;
  /** Task metrics of the last action on each handle (AnalyzeKind.JobMetrics); dropped with the handle. */
  readonly jobMetrics = new Map<bigint, TaskMetrics[]>();
  /** Requests in progress by request id, for Cancel and for aborting everything at close. */
  readonly running = new Map<bigint, AbortController>();
  readonly segments: SegmentSet;
  /** Vets client Arrow bytes off the engine thread. */
  readonly ipcGuard = new IpcGuard();
  private closing: Promise<void> | null = null;

  constructor(
    readonly id: bigint,
    private readonly options: EngineOptions,
    private readonly python: PythonSupport | null = null,
  ) {
    this.segments = new SegmentSet(id);
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** The session's SparkSession, started after the handshake (or on first use if that failed). */
  get spark(): SparkSession {
    if (this.closing) throw new IllegalArgumentError('SESSION_CLOSED', `Session ${this.id} is closed.`);
    if (!this.sparkSession) {
      const builder = SparkSession.builder();
      if (this.options.master) builder.master(this.options.master);
      for (const [k, v] of Object.entries(this.options.conf)) builder.config(k, v);
      if (this.python) builder.pythonSupport(this.python);
      this.sparkSession = builder.create();
    }
    return this.sparkSession;
  }

  /**
   * Starts the Python worker daemon in the background (it imports pandas and pyarrow once, which takes a few
   * hundred ms) as soon as a plan calls Python, so the first action need not wait for it. Errors surface there.
   */
  prewarmPython(): void {
    this.spark.engine.preparePython();
  }

  /** Stores a DataFrame under a new handle id (ids are never reused). */
  addHandle(df: DataFrame): bigint {
    const id = this.nextHandle++;
    this.handles.set(id, df);
    return id;
  }

  handle(id: bigint): DataFrame {
    const df = this.handles.get(id);
    if (!df) {
      throw new IllegalArgumentError('DATAFRAME_HANDLE_NOT_FOUND', `DataFrame handle ${id} does not exist in this session (never created, or released).`, { handle: String(id) });
    }
    return df;
  }

  get handleCount(): number {
    return this.handles.size;
  }

  release(id: bigint): void {
    this.handles.delete(id);
    this.jobMetrics.delete(id);
  }

  /** Frees everything: aborts running requests, drops handles, unlinks leftover segments, stops the SparkSession. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const c of this.running.values()) c.abort(new IllegalArgumentError('SESSION_CLOSED', `Session ${this.id} closed.`));
      this.running.clear();
      this.handles.clear();
      this.segments.close();
      this.ipcGuard.close();
      const spark = this.sparkSession;
      this.sparkSession = null;
      try {
        await spark?.stop();
      } catch (err) {
        logError(`stopping session ${this.id}`, err);
      }
    })();
    return this.closing;
  }
}

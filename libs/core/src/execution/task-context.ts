// What a running task can see: its identity, its inputs from earlier stages, cancellation, and metrics.
import type * as arrow from 'apache-arrow';
import type { PythonRunner } from './python-runner.js';

export interface TaskMetrics {
  rowsIn: number;
  rowsOut: number;
  batchesOut: number;
  bytesOut: number;
  shuffleBytesWritten: number;
  shuffleBytesRead: number;
  /** Python operators: where the task's time went across the bridge to the Python worker. */
  python?: PythonTaskMetrics;
  /** What Python code in the task added to accumulators (pickled by the worker, read by the client only). */
  accumulatorUpdates?: Uint8Array[];
}

/** Per-task costs of Python UDFs, summed over the task's Python operators. Times in milliseconds. */
export interface PythonTaskMetrics {
  /** The worker was started for this task (fork + handshake) rather than reused. */
  coldStart: boolean;
  /** Connect + fork + handshake time of a fresh worker (0 when reused). */
  workerStartMs: number;
  /** Engine side: encoding input batches for Python and decoding its results. */
  serializeMs: number;
  deserializeMs: number;
  /** Python side: decoding input, the user's function, encoding results. */
  workerDeserializeMs: number;
  computeMs: number;
  workerSerializeMs: number;
  rowsIn: number;
  rowsOut: number;
  bytesSent: number;
  bytesReceived: number;
  /** Of those, the bytes of Arrow batches that went through the worker's shared-memory rings (both ways). */
  ringBytes: number;
}

export interface TaskContext {
  readonly jobId: number;
  readonly stageId: number;
  readonly partitionId: number;
  readonly attempt: number;
  /** Rows per output batch an operator should aim for (`spark.sql.execution.arrow.maxRecordsPerBatch`-like). */
  readonly batchSize: number;
  /** Batches all map tasks of shuffle `shuffleId` wrote for `reducePartition`. */
  shuffleBlocks(shuffleId: number, reducePartition: number): readonly arrow.RecordBatch[];
  /** The whole output of a broadcast, the same for every task. */
  broadcast(broadcastId: number): readonly arrow.RecordBatch[];
  /** Batches of a persisted DataFrame's partition, if materialised. */
  cachedPartition(cacheId: number, partition: number): readonly arrow.RecordBatch[] | undefined;
  readonly metrics: TaskMetrics;
  /** Aborted when the job is cancelled; long loops should check `signal.aborted` between batches. */
  readonly signal: AbortSignal;
  /** Expression evaluation settings (`spark.sql.ansi.enabled`, the session time zone); absent means non-ANSI, UTC. */
  readonly eval?: { readonly ansi: boolean; readonly timeZone?: string; readonly mapKeyLastWin?: boolean };
  /** Runs Python operators; present when the task's plan has any. */
  readonly python?: PythonRunner;
  /** Settings Python workers read (spark.python.*, arrow batch size, traceback mode), for tasks with Python. */
  readonly pythonConf?: Readonly<Record<string, string>>;
  /** Broadcast variables the task's Python functions refer to. */
  readonly pythonBroadcasts?: readonly PythonBroadcastValue[];
  /** The file split the scan is reading now (Spark's InputFileBlockHolder), set by the file scan per batch. */
  inputFile?: InputFileBlock;
}

/** A file scan's current split, for input_file_name(), input_file_block_start() and input_file_block_length(). */
export interface InputFileBlock {
  readonly path: string;
  readonly start: number;
  readonly length: number;
}

/** A broadcast variable's pickled value; `version` changes when it is unpersisted, so workers fetch it again. */
export interface PythonBroadcastValue {
  readonly id: number;
  readonly version: number;
  readonly data: Uint8Array;
}

/** Sums task metrics (e.g. all tasks of an action): counts add up, `coldStarts` counts fresh Python workers. */
export function summarizeTaskMetrics(tasks: readonly TaskMetrics[]): Record<string, number> {
  const out: Record<string, number> = { tasks: tasks.length, rowsIn: 0, rowsOut: 0, bytesOut: 0, shuffleBytesWritten: 0, shuffleBytesRead: 0 };
  const py: Record<string, number> = {};
  for (const t of tasks) {
    out.rowsIn! += t.rowsIn;
    out.rowsOut! += t.rowsOut;
    out.bytesOut! += t.bytesOut;
    out.shuffleBytesWritten! += t.shuffleBytesWritten;
    out.shuffleBytesRead! += t.shuffleBytesRead;
    if (!t.python) continue;
    py.pythonTasks = (py.pythonTasks ?? 0) + 1;
    for (const [k, v] of Object.entries(t.python)) {
      const key = k === 'coldStart' ? 'coldStarts' : k;
      py[key] = (py[key] ?? 0) + (typeof v === 'boolean' ? (v ? 1 : 0) : v);
    }
  }
  return { ...out, ...Object.fromEntries(Object.entries(py).map(([k, v]) => [`python.${k}`, v])) };
}

export function newPythonTaskMetrics(): PythonTaskMetrics {
  return { coldStart: false, workerStartMs: 0, serializeMs: 0, deserializeMs: 0, workerDeserializeMs: 0, computeMs: 0, workerSerializeMs: 0, rowsIn: 0, rowsOut: 0, bytesSent: 0, bytesReceived: 0, ringBytes: 0 };
}

export function newTaskMetrics(): TaskMetrics {
  return { rowsIn: 0, rowsOut: 0, batchesOut: 0, bytesOut: 0, shuffleBytesWritten: 0, shuffleBytesRead: 0 };
}

// What a running task can see: its identity, its inputs from earlier stages, cancellation, and metrics.
import type * as arrow from 'apache-arrow';

export interface TaskMetrics {
  rowsIn: number;
  rowsOut: number;
  batchesOut: number;
  bytesOut: number;
  shuffleBytesWritten: number;
  shuffleBytesRead: number;
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
  /** Expression evaluation settings (`spark.sql.ansi.enabled`); absent means non-ANSI. */
  readonly eval?: { readonly ansi: boolean };
}

export function newTaskMetrics(): TaskMetrics {
  return { rowsIn: 0, rowsOut: 0, batchesOut: 0, bytesOut: 0, shuffleBytesWritten: 0, shuffleBytesRead: 0 };
}

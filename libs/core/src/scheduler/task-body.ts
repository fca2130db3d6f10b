// What one task does, wherever it runs (inline on the driver thread or on an executor thread):
// pull the stage's pipeline for one partition and, for a shuffle-map stage, split the output by partitioning.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../errors.js';
import { execute } from '../execution/execute.js';
import { partitionBatch } from '../execution/partitioner.js';
import type { PythonBroadcastValue, TaskContext } from '../execution/task-context.js';
import { batchBytes } from '../execution/vectors.js';
import type { Partitioning, PhysicalPlan } from '../physical/physical-plan.js';
import type { StageKind } from './stages.js';

const YIELD_EVERY_MS = 20;

export interface TaskSpec {
  readonly jobId: number;
  readonly stageId: number;
  readonly kind: StageKind;
  readonly plan: PhysicalPlan;
  /** Shuffle-map stages: how to split the output. */
  readonly partitioning?: Partitioning;
  /** Range shuffles keep the whole output in bucket 0; the driver splits it once bounds are known. */
  readonly deferSplit: boolean;
  readonly batchSize: number;
  readonly ansi: boolean;
  readonly timeZone: string;
  /** `spark.sql.mapKeyDedupPolicy` is LAST_WIN (absent: EXCEPTION). */
  readonly mapKeyLastWin?: boolean;
  /** Stages with Python operators: the runner module to load, its options, and the Python-facing settings. */
  readonly python?: {
    readonly module: string;
    readonly options: unknown;
    readonly conf: Readonly<Record<string, string>>;
    /** Held in shared memory, so sending them to executor threads copies nothing. */
    readonly broadcasts: readonly PythonBroadcastValue[];
  };
}

export interface TaskOutput {
  /** Result and broadcast stages: the output batches. */
  readonly batches: arrow.RecordBatch[];
  /** Shuffle-map stages: one list of batches per reduce partition. */
  readonly buckets: arrow.RecordBatch[][] | null;
}

export async function runTaskBody(spec: TaskSpec, partition: number, ctx: TaskContext): Promise<TaskOutput> {
  const types = spec.plan.output.map((a) => a.dataType);
  const metrics = ctx.metrics;
  const batches: arrow.RecordBatch[] = [];
  let lastYield = performance.now();
  for await (const b of execute(spec.plan, partition, ctx)) {
    // Operators resolve batches through microtasks only; give the event loop a turn now and then so a
    // cancel message (or, inline, the server's sockets) is seen while a long task runs.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
    if (ctx.signal.aborted) throw new ExecutionError('JOB_CANCELLED', 'The job was cancelled.');
    if (b.numRows === 0) continue;
    batches.push(b);
    metrics.batchesOut++;
  }
  metrics.rowsOut = batches.reduce((s, b) => s + b.numRows, 0);
  metrics.bytesOut = batches.reduce((s, b) => s + batchBytes(b), 0);
  if (spec.kind !== 'shuffleMap') return { batches, buckets: null };
  const partitioning = spec.partitioning!;
  const n = partitioning.kind === 'single' ? 1 : partitioning.numPartitions;
  if (spec.deferSplit || n === 1) return { batches: [], buckets: [batches, ...Array.from({ length: n - 1 }, () => [])] };
  const buckets: arrow.RecordBatch[][] = Array.from({ length: n }, () => []);
  let rr = partition;
  for (const b of batches) {
    const parts = partitionBatch(b, types, partitioning, { roundRobinStart: rr });
    rr += b.numRows;
    parts.forEach((p, i) => {
      if (p.numRows > 0) buckets[i]!.push(p);
    });
  }
  return { batches: [], buckets };
}

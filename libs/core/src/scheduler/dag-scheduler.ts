// The DAG scheduler: runs a job's stages in dependency order, each as one task per partition,
// moving data between stages through the block manager.
import type * as arrow from 'apache-arrow';
import { dataTypeOf } from '../expr/expression.js';
import { computeRangeBounds, partitionBatch } from '../execution/partitioner.js';
import { newTaskMetrics, type TaskContext, type TaskMetrics } from '../execution/task-context.js';
import { batchBytes, takeBatch } from '../execution/vectors.js';
import type { DataType } from '../types/data-type.js';
import type { InMemoryScanExec, PhysicalPlan } from '../physical/physical-plan.js';
import { physicalChildren } from '../physical/physical-plan.js';
import { outputPartitions } from '../physical/planner.js';
import type { BlockManager } from '../storage/block-manager.js';
import type { EventBus } from './events.js';
import { type Stage, buildStages, topologicalStages } from './stages.js';
import { runTasks } from './task-scheduler.js';
import { type TaskOutput, type TaskSpec, runTaskBody } from './task-body.js';
import { type TaskInputs, decodeBatches, encodeBatches, encodePlan } from './wire-task.js';
import type { ExecutorPool } from './executor-pool.js';
import { ExecutionError } from '../errors.js';
import { type PythonRunner, type PythonSupport, loadPythonRunner } from '../execution/python-runner.js';
import type { PythonBroadcastValue } from '../execution/task-context.js';

export interface DAGSchedulerOptions {
  readonly slots: number;
  readonly maxFailures: number;
  readonly batchSize: number;
  readonly ansi: boolean;
  /** `spark.sql.mapKeyDedupPolicy` is LAST_WIN. */
  readonly mapKeyLastWin?: boolean;
  /** `spark.sql.session.timeZone`, for timestamp ↔ local time conversions. */
  readonly timeZone?: string;
  /** Settings Python workers read; sent with tasks that run Python. */
  readonly pythonConf: Readonly<Record<string, string>>;
  /** `take`/`limit` at the root: result partitions scanned first, and the growth factor of later rounds. */
  readonly limitInitialPartitions?: number;
  readonly limitScaleUpFactor?: number;
  /** The session's broadcast variables, by the ids a stage's Python functions name. */
  readonly pythonBroadcasts?: (ids: Iterable<number>) => PythonBroadcastValue[];
}

/** True when a stage plan runs Python functions. */
export function hasPythonOperators(p: PhysicalPlan): boolean {
  if (p.kind === 'pythonEval' || p.kind === 'mapInPython' || p.kind === 'groupedPython') return true;
  if (p.kind === 'inMemoryScan') return false;
  return physicalChildren(p).some(hasPythonOperators);
}

/** Broadcast ids named by the Python functions of a stage plan. */
function broadcastIdsOf(p: PhysicalPlan, out: number[] = []): number[] {
  if (p.kind === 'inMemoryScan') return out;
  const fns = p.kind === 'pythonEval' || p.kind === 'groupedPython' ? p.functions : p.kind === 'mapInPython' ? [p.fn] : [];
  for (const f of fns) out.push(...(f.broadcastIds ?? []));
  for (const c of physicalChildren(p)) broadcastIdsOf(c, out);
  return out;
}

/**
 * `Limit(global) <- Exchange(single) <- Limit(local) <- x`, maybe under Projects: what `take(n)` plans. Gives n
 * and the plan each scanned partition runs (the Projects over the local limit).
 */
function rootTake(root: PhysicalPlan): { limit: number; child: PhysicalPlan } | null {
  if (root.kind === 'project') {
    const inner = rootTake(root.child);
    if (!inner) return null;
    // Bound references index the global limit's output, which is the local limit's: the Project moves down as is.
    return { limit: inner.limit, child: { ...root, child: inner.child } };
  }
  if (root.kind !== 'limit' || !root.global || root.offset) return null;
  const ex = root.child;
  if (ex.kind !== 'shuffleExchange' || ex.partitioning.kind !== 'single') return null;
  if (ex.child.kind !== 'limit' || ex.child.global) return null;
  return { limit: root.limit, child: ex.child };
}

/** Test hook: called before each task attempt; throwing fails that attempt. */
export type TaskHook = (info: { stageId: number; partition: number; attempt: number }) => void;

export class DAGScheduler {
  private stageId = 0;
  private shuffleId = 0;
  private broadcastId = 0;
  private jobId = 0;
  beforeTask: TaskHook | null = null;

  constructor(
    private readonly blocks: BlockManager,
    private readonly events: EventBus,
    private readonly opts: () => DAGSchedulerOptions,
    /** Executor threads, or null to run tasks inline on the driver thread. */
    private readonly pool: () => ExecutorPool | null = () => null,
    /** The host's Python support, for plans with Python UDFs; null when the engine has none. */
    private readonly python: () => PythonSupport | null = () => null,
  ) {}

  /** Runs `root` to completion and returns its output batches, partition by partition. */
  async runJob(root: PhysicalPlan, description: string, signal: AbortSignal, metrics?: TaskMetrics[]): Promise<arrow.RecordBatch[][]> {
    await this.materializeCaches(root, signal, metrics);
    const jobId = this.jobId++;
    const cached = this.cachedResult(root);
    if (cached) {
      // A persisted DataFrame read as it is: its blocks are the result. Tasks would only pass every block to an
      // executor thread and back (≈ 150–250 ms for 10M rows); the job is still reported, with no stage.
      const time = Date.now();
      this.events.emit({ type: 'jobStart', jobId, stageIds: [], description, time });
      this.events.emit({ type: 'jobEnd', jobId, succeeded: true, durationMs: 0, time });
      return cached;
    }
    // A take runs its local limit's partitions in rounds and cuts the rows itself, in place of the global limit.
    const take = rootTake(root);
    const result = buildStages(take ? take.child : root, {
      nextStageId: () => this.stageId++,
      nextShuffleId: () => this.shuffleId++,
      nextBroadcastId: () => this.broadcastId++,
    });
    const stages = topologicalStages(result);
    const started = performance.now();
    this.events.emit({ type: 'jobStart', jobId, stageIds: stages.map((s) => s.id), description, time: Date.now() });
    try {
      let output: arrow.RecordBatch[][] = [];
      for (const stage of stages) {
        if (stage.kind === 'result' && take) output = await this.runTakeStage(jobId, stage, take.limit, signal, metrics);
        else {
          const out = await this.runStage(jobId, stage, signal, metrics);
          if (stage.kind === 'result') output = out;
        }
      }
      this.events.emit({ type: 'jobEnd', jobId, succeeded: true, durationMs: performance.now() - started, time: Date.now() });
      return output;
    } catch (err) {
      this.events.emit({ type: 'jobEnd', jobId, succeeded: false, durationMs: performance.now() - started, error: String(err), time: Date.now() });
      throw err;
    } finally {
      // Shuffle and broadcast blocks live for one job; cached blocks stay until unpersist.
      for (const s of stages) {
        if (s.shuffleId !== undefined) this.blocks.removeShuffle(s.shuffleId);
        if (s.broadcastId !== undefined) this.blocks.removeBroadcast(s.broadcastId);
      }
    }
  }

  /**
   * A take's result stage (`take`, `show`, `limit().collect()` at the root): its partitions are run a few at a
   * time — one, then more by the scale-up factor, estimated from the rows found so far — until `limit` rows are
   * there, as Spark's `executeTake` does. Stages below it (shuffles) run whole, before it.
   */
  private async runTakeStage(jobId: number, stage: Stage, limit: number, signal: AbortSignal, metrics?: TaskMetrics[]): Promise<arrow.RecordBatch[][]> {
    const opts = this.opts();
    const scaleUp = Math.max(2, opts.limitScaleUpFactor ?? 4);
    const out: arrow.RecordBatch[] = [];
    let rows = 0;
    let scanned = 0;
    let next = Math.max(1, opts.limitInitialPartitions ?? 1);
    while (scanned < stage.numTasks && rows < limit) {
      const ids = Array.from({ length: Math.min(next, stage.numTasks - scanned) }, (_, i) => scanned + i);
      const parts = await this.runStage(jobId, stage, signal, metrics, ids);
      for (const batch of parts.flat()) {
        if (rows >= limit) break;
        const keep = Math.min(batch.numRows, limit - rows);
        out.push(keep === batch.numRows ? batch : batch.slice(0, keep));
        rows += keep;
      }
      scanned += ids.length;
      // Spark's estimate: enough partitions for the missing rows at the rate seen (×1.5), capped by the factor.
      next = rows === 0 ? scanned * scaleUp : Math.min(Math.max(Math.ceil((1.5 * limit * scanned) / rows) - scanned, 1), scanned * scaleUp);
    }
    return [out];
  }

  /** The blocks of `root` when it is a scan of a cached DataFrame whose partitions are all in the block manager. */
  private cachedResult(root: PhysicalPlan): arrow.RecordBatch[][] | null {
    if (root.kind !== 'inMemoryScan') return null;
    const n = outputPartitions(root.child);
    if (!this.blocks.isCached(root.cacheId, n)) return null;
    return Array.from({ length: n }, (_, i) => [...(this.blocks.cachedPartition(root.cacheId, i) ?? [])]);
  }

  /** Fills persisted DataFrames the plan reads that are not in the block manager yet (innermost first). */
  private async materializeCaches(root: PhysicalPlan, signal: AbortSignal, metrics?: TaskMetrics[]): Promise<void> {
    const scans: InMemoryScanExec[] = [];
    const visit = (p: PhysicalPlan) => {
      if (p.kind === 'inMemoryScan') {
        scans.push(p);
        visit(p.child);
        return;
      }
      physicalChildren(p).forEach(visit);
    };
    visit(root);
    for (const scan of scans.reverse()) {
      const n = outputPartitions(scan.child);
      if (this.blocks.isCached(scan.cacheId, n)) continue;
      const parts = await this.runJob(scan.child, `cache ${scan.cacheId}`, signal, metrics);
      parts.forEach((batches, i) => this.blocks.putCachedPartition(scan.cacheId, i, batches));
    }
  }

  /** Runs the stage's tasks (only partitions `only`, in that order, when given: a take's rounds). */
  private async runStage(jobId: number, stage: Stage, signal: AbortSignal, sink?: TaskMetrics[], only?: readonly number[]): Promise<arrow.RecordBatch[][]> {
    const opts = this.opts();
    const started = performance.now();
    const numTasks = only ? only.length : stage.numTasks;
    this.events.emit({ type: 'stageSubmitted', jobId, stageId: stage.id, kind: stage.kind, numTasks, time: Date.now() });
    const types = stage.plan.output.map((a) => a.dataType);
    // Range shuffles need the whole map output to sample bounds: tasks keep it unsplit, split afterwards.
    const deferSplit = stage.partitioning?.kind === 'range';
    const python = hasPythonOperators(stage.plan) ? await this.pythonFor(opts, stage.plan) : undefined;
    const spec: TaskSpec = {
      jobId,
      stageId: stage.id,
      kind: stage.kind,
      plan: stage.plan,
      partitioning: stage.partitioning,
      deferSplit,
      batchSize: opts.batchSize,
      ansi: opts.ansi,
      timeZone: opts.timeZone ?? 'UTC',
      ...(opts.mapKeyLastWin ? { mapKeyLastWin: true } : {}),
      ...(python ? { python: python.spec } : {}),
    };
    const pool = this.pool();
    // On executor threads, the plan and the stage's inputs are encoded once per stage; the data stays in shared memory.
    const remote = pool ? { spec: { ...spec, plan: encodePlan(stage.plan) }, inputs: this.stageInputs(stage.plan) } : null;
    const results = await runTasks(
      numTasks,
      { slots: opts.slots, maxFailures: opts.maxFailures },
      signal,
      async ({ partition: task, attempt, signal: taskSignal }) => {
        const partition = only ? only[task]! : task;
        let metrics = newTaskMetrics();
        const t0 = performance.now();
        this.events.emit({ type: 'taskStart', jobId, stageId: stage.id, partition, attempt, time: Date.now() });
        try {
          this.beforeTask?.({ stageId: stage.id, partition, attempt });
          let out: TaskOutput;
          if (pool && remote) {
            const r = await pool.run({ spec: remote.spec, partition, attempt, inputs: remote.inputs }, taskSignal).catch((e: unknown) => {
              if (e && typeof e === 'object' && 'metrics' in e) metrics = (e as { metrics: typeof metrics }).metrics;
              throw e;
            });
            metrics = r.metrics;
            out = { batches: decodeBatches(r.batches), buckets: r.buckets ? r.buckets.map(decodeBatches) : null };
          } else {
            const base = this.taskContext(jobId, stage.id, partition, attempt, metrics, taskSignal, opts);
            const ctx: TaskContext = python?.runner ? { ...base, python: python.runner, pythonConf: opts.pythonConf, pythonBroadcasts: python.spec.broadcasts } : base;
            out = await runTaskBody(spec, partition, ctx);
          }
          if (stage.kind === 'shuffleMap') metrics.shuffleBytesWritten = this.blocks.putShuffleOutput(stage.shuffleId!, partition, out.buckets!);
          this.taskEnd(jobId, stage, partition, attempt, t0, metrics, null);
          sink?.push(metrics);
          return out.batches;
        } catch (err) {
          // Only successful attempts count towards accumulators (Spark's rule for actions).
          delete metrics.accumulatorUpdates;
          this.taskEnd(jobId, stage, partition, attempt, t0, metrics, err);
          sink?.push(metrics);
          throw err;
        }
      },
      (task) => `Task ${only ? only[task]! : task} in stage ${stage.id}.0`,
    );
    if (deferSplit) this.splitRangeShuffle(stage, types);
    if (stage.kind === 'broadcast') this.blocks.putBroadcast(stage.broadcastId!, results.flat());
    let rows = 0;
    let bytes = 0;
    for (const r of results) for (const b of r) {
      rows += b.numRows;
      bytes += batchBytes(b);
    }
    this.events.emit({ type: 'stageCompleted', jobId, stageId: stage.id, durationMs: performance.now() - started, rows, bytes, time: Date.now() });
    return stage.kind === 'result' ? results : [];
  }

  /** Every block a stage's tasks may read (all partitions: unions and coalesces remap partition numbers). */
  private stageInputs(plan: PhysicalPlan): TaskInputs {
    const inputs: TaskInputs = { shuffle: [], broadcast: [], cached: [] };
    const encode = (batches: readonly arrow.RecordBatch[], output: PhysicalPlan['output']) => encodeBatches(batches, { output });
    const visit = (p: PhysicalPlan) => {
      if (p.kind === 'shuffleRead') {
        inputs.shuffle.push([p.shuffleId, Array.from({ length: p.numPartitions }, (_, i) => encode(this.blocks.shuffleBlocks(p.shuffleId, i), p.output))]);
      } else if (p.kind === 'broadcastRead') {
        inputs.broadcast.push([p.broadcastId, encode(this.blocks.broadcast(p.broadcastId), p.output)]);
      } else if (p.kind === 'inMemoryScan') {
        const n = outputPartitions(p.child);
        inputs.cached.push([p.cacheId, Array.from({ length: n }, (_, i) => encode(this.blocks.cachedPartition(p.cacheId, i) ?? [], p.output))]);
        return;
      }
      physicalChildren(p).forEach(visit);
    };
    visit(plan);
    return inputs;
  }

  private splitRangeShuffle(stage: Stage, types: readonly DataType[]): void {
    const partitioning = stage.partitioning!;
    if (partitioning.kind !== 'range') return;
    const outputs = this.blocks.shuffleOutputs(stage.shuffleId!);
    // Sample up to ~100 rows per reduce partition, evenly from every map output.
    const all = [...outputs.values()].flatMap((blocks) => blocks[0]?.batches ?? []);
    const total = all.reduce((s, b) => s + b.numRows, 0);
    const want = Math.max(1, 100 * partitioning.numPartitions);
    const stride = Math.max(1, Math.floor(total / want));
    const sample = all.map((b) => {
      const idx: number[] = [];
      for (let i = 0; i < b.numRows; i += stride) idx.push(i);
      return idx.length === b.numRows ? b : takeBatch(b, types, Int32Array.from(idx));
    });
    const bounds = computeRangeBounds(sample, partitioning.order.map((o) => dataTypeOf(o.child)), partitioning.order, partitioning.numPartitions);
    for (const [mapPartition, blocks] of [...outputs.entries()]) {
      const buckets: arrow.RecordBatch[][] = Array.from({ length: partitioning.numPartitions }, () => []);
      for (const b of blocks[0]?.batches ?? []) {
        partitionBatch(b, types, partitioning, { rangeBounds: bounds }).forEach((p, i) => {
          if (p.numRows > 0) buckets[i]!.push(p);
        });
      }
      this.blocks.putShuffleOutput(stage.shuffleId!, mapPartition, buckets);
    }
  }

  /** Prepares the host's Python support for a stage (starting its workers' daemon if needed). */
  private async pythonFor(opts: DAGSchedulerOptions, plan: PhysicalPlan): Promise<{ spec: NonNullable<TaskSpec['python']>; runner: PythonRunner | undefined }> {
    const support = this.python();
    if (!support) {
      throw new ExecutionError('PYTHON_UNAVAILABLE', 'This plan calls Python functions, but this engine was started without Python workers (Python UDFs need the kindling Python client).');
    }
    const ids = broadcastIdsOf(plan);
    const broadcasts = ids.length > 0 && opts.pythonBroadcasts ? opts.pythonBroadcasts(ids) : [];
    const options = await support.prepare(new Map(Object.entries(opts.pythonConf)));
    // Inline tasks run on this thread and need the runner here; executor threads load their own.
    const runner = this.pool() ? undefined : await loadPythonRunner(support.module, options);
    return { spec: { module: support.module, options, conf: opts.pythonConf, broadcasts }, runner };
  }

  private taskContext(jobId: number, stageId: number, partitionId: number, attempt: number, metrics: TaskMetrics, signal: AbortSignal, opts: DAGSchedulerOptions): TaskContext {
    const blocks = this.blocks;
    return {
      jobId,
      stageId,
      partitionId,
      attempt,
      batchSize: opts.batchSize,
      metrics,
      signal,
      eval: { ansi: opts.ansi, timeZone: opts.timeZone ?? 'UTC', ...(opts.mapKeyLastWin ? { mapKeyLastWin: true } : {}) },
      shuffleBlocks: (shuffleId, reduce) => blocks.shuffleBlocks(shuffleId, reduce),
      broadcast: (id) => blocks.broadcast(id),
      cachedPartition: (cacheId, p) => blocks.cachedPartition(cacheId, p),
    };
  }

  private taskEnd(jobId: number, stage: Stage, partition: number, attempt: number, t0: number, metrics: TaskMetrics, err: unknown): void {
    this.events.emit({
      type: 'taskEnd',
      jobId,
      stageId: stage.id,
      partition,
      attempt,
      durationMs: performance.now() - t0,
      succeeded: err === null,
      ...(err === null ? {} : { error: err instanceof Error ? err.message : String(err) }),
      metrics,
      time: Date.now(),
    });
  }
}

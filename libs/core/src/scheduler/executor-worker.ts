// An executor thread: runs tasks the driver sends, reading inputs from shared memory and
// returning outputs in shared memory, so batches cross threads without being copied again.
import { parentPort } from 'node:worker_threads';
import type * as arrow from 'apache-arrow';
import { newTaskMetrics, type TaskContext } from '../execution/task-context.js';
import { runTaskBody } from './task-body.js';
import { loadPythonRunner } from '../execution/python-runner.js';
import { type DriverMessage, type ExecutorMessage, decodeBatches, decodePlan, encodeBatches, toWireError } from './wire-task.js';
import type { PhysicalPlan } from '../physical/physical-plan.js';

if (!parentPort) throw new Error('executor-worker must run as a worker thread');
const port = parentPort;
const running = new Map<number, AbortController>();
// Stage plans are decoded once per stage, not once per task.
const planCache = new Map<number, { encoded: PhysicalPlan; decoded: PhysicalPlan }>();

function send(m: ExecutorMessage): void {
  port.postMessage(m);
}

port.on('message', (m: DriverMessage) => {
  if (m.type === 'cancel') {
    running.get(m.taskId)?.abort(new Error('task cancelled'));
    return;
  }
  if (m.type === 'preload') {
    // A failure here resurfaces, with its message, when a task loads the module for real.
    import(m.module).catch(() => undefined);
    return;
  }
  void run(m);
});

async function run(m: Extract<DriverMessage, { type: 'run' }>): Promise<void> {
  const abort = new AbortController();
  running.set(m.taskId, abort);
  const metrics = newTaskMetrics();
  try {
    let entry = planCache.get(m.spec.stageId);
    if (!entry || entry.encoded !== m.spec.plan) {
      entry = { encoded: m.spec.plan, decoded: decodePlan(m.spec.plan) };
      planCache.clear();
      planCache.set(m.spec.stageId, entry);
    }
    const shuffle = new Map(m.inputs.shuffle.map(([id, parts]) => [id, parts]));
    const broadcast = new Map(m.inputs.broadcast.map(([id, w]) => [id, decodeBatches(w)]));
    const cached = new Map(m.inputs.cached.map(([id, parts]) => [id, parts]));
    const missing = (what: string): never => {
      throw new Error(`executor: ${what} was not sent with the task`);
    };
    const py = m.spec.python;
    const python = py ? await loadPythonRunner(py.module, py.options) : undefined;
    const ctx: TaskContext = {
      ...(py ? { python, pythonConf: py.conf, pythonBroadcasts: py.broadcasts } : {}),
      jobId: m.spec.jobId,
      stageId: m.spec.stageId,
      partitionId: m.partition,
      attempt: m.attempt,
      batchSize: m.spec.batchSize,
      metrics,
      signal: abort.signal,
      eval: { ansi: m.spec.ansi, timeZone: m.spec.timeZone, ...(m.spec.mapKeyLastWin ? { mapKeyLastWin: true } : {}) },
      shuffleBlocks: (id, p) => decodeBatches(shuffle.get(id)?.[p] ?? missing(`shuffle ${id} partition ${p}`)),
      broadcast: (id) => broadcast.get(id) ?? missing(`broadcast ${id}`),
      cachedPartition: (id, p) => {
        const w = cached.get(id)?.[p];
        return w ? decodeBatches(w) : undefined;
      },
    };
    const spec = { ...m.spec, plan: entry.decoded };
    const out = await runTaskBody(spec, m.partition, ctx);
    const plan = spec.plan;
    const batches = encodeBatches(out.batches, plan);
    const buckets = out.buckets ? out.buckets.map((b: arrow.RecordBatch[]) => encodeBatches(b, plan)) : null;
    send({ type: 'done', taskId: m.taskId, batches, buckets, metrics });
  } catch (err) {
    send({ type: 'failed', taskId: m.taskId, error: toWireError(err), metrics });
  } finally {
    running.delete(m.taskId);
  }
}

send({ type: 'ready' });

// Messages between the driver thread and executor threads: a task with its inputs, and its outcome.
import type * as arrow from 'apache-arrow';
import { AnalysisError, ExecutionError, IllegalArgumentError, KindlingError, PythonError } from '../errors.js';
import type { TaskMetrics } from '../execution/task-context.js';
import { type WireBatch, decodeBatch, encodeBatch } from '../execution/wire-batch.js';
import type { PhysicalPlan } from '../physical/physical-plan.js';
import { physicalChildren, withNewPhysicalChildren } from '../physical/physical-plan.js';
import type { TaskSpec } from './task-body.js';

/** Blocks a stage reads: shuffles and caches by partition, broadcasts whole. */
export interface TaskInputs {
  readonly shuffle: [number, WireBatch[][]][];
  readonly broadcast: [number, WireBatch[]][];
  readonly cached: [number, WireBatch[][]][];
}

export type DriverMessage =
  | { readonly type: 'run'; readonly taskId: number; readonly spec: TaskSpec; readonly partition: number; readonly attempt: number; readonly inputs: TaskInputs }
  | { readonly type: 'cancel'; readonly taskId: number }
  /** Imports a module ahead of need (the Python runner, ~0.3 s of module loading), so no task waits for it. */
  | { readonly type: 'preload'; readonly module: string };

export interface WireError {
  readonly name: string;
  readonly errorClass?: string;
  readonly message: string;
  readonly stack?: string;
  readonly parameters?: Record<string, string>;
}

export type ExecutorMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly taskId: number; readonly batches: WireBatch[]; readonly buckets: WireBatch[][] | null; readonly metrics: TaskMetrics }
  | { readonly type: 'failed'; readonly taskId: number; readonly error: WireError; readonly metrics: TaskMetrics };

export function encodeBatches(batches: readonly arrow.RecordBatch[], plan: { output: readonly { dataType: import('../types/data-type.js').DataType }[] }): WireBatch[] {
  const types = plan.output.map((a) => a.dataType);
  return batches.map((b) => encodeBatch(b, types));
}

export function decodeBatches(wires: readonly WireBatch[]): arrow.RecordBatch[] {
  return wires.map(decodeBatch);
}

/** Replaces local-table data in a plan by its wire form (and back), leaving everything else as is. */
export function mapLocalData(p: PhysicalPlan, f: (batches: readonly unknown[], output: PhysicalPlan['output']) => unknown[]): PhysicalPlan {
  const rec = (n: PhysicalPlan): PhysicalPlan => {
    if (n.kind === 'localTableScan') return { ...n, partitions: n.partitions.map((part) => f(part, n.output)) as never };
    if (n.kind === 'inMemoryScan') return { ...n, child: rec(n.child) };
    const kids = physicalChildren(n);
    return kids.length === 0 ? n : withNewPhysicalChildren(n, kids.map(rec));
  };
  return rec(p);
}

export function encodePlan(p: PhysicalPlan): PhysicalPlan {
  return mapLocalData(p, (batches, output) => encodeBatches(batches as arrow.RecordBatch[], { output }));
}

export function decodePlan(p: PhysicalPlan): PhysicalPlan {
  return mapLocalData(p, (wires) => decodeBatches(wires as WireBatch[]));
}

export function toWireError(err: unknown): WireError {
  if (err instanceof KindlingError) {
    return { name: err.name, errorClass: err.errorClass, message: err.message.replace(/^\[[^\]]+\] /, ''), stack: err.stack, parameters: { ...err.messageParameters } };
  }
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

/** Rebuilds an error raised on an executor thread, keeping its class and error class. */
export function fromWireError(w: WireError): Error {
  const ctors: Record<string, new (c: string, m: string, p?: Record<string, string>) => KindlingError> = {
    AnalysisError,
    ExecutionError,
    IllegalArgumentError,
    KindlingError,
    PythonError,
  };
  const Ctor = w.errorClass !== undefined ? ctors[w.name] : undefined;
  const err = Ctor ? new Ctor(w.errorClass!, w.message, w.parameters ?? {}) : Object.assign(new Error(w.message), { name: w.name });
  if (w.stack) err.stack = w.stack;
  return err;
}

// The engine's side of Python UDFs, as the core sees it: a runner streams a task's input batches to a Python
// worker and yields what Python returns. The implementation (worker pool, wire protocol) is plugged in by the host.
import type * as arrow from 'apache-arrow';
import type { PythonEvalType } from '../expr/expression.js';
import type { PythonFunction } from '../physical/physical-plan.js';
import type { DataType } from '../types/data-type.js';
import type { TaskContext } from './task-context.js';

/** One trip to Python: the functions of one operator in one task. */
export interface PythonTask {
  readonly evalType: PythonEvalType;
  readonly functions: readonly PythonFunction[];
  /** Map and grouped-map functions: the declared output columns. */
  readonly outputSchema?: readonly { readonly name: string; readonly dataType: DataType; readonly nullable: boolean }[];
  /**
   * The partition index the function sees (an RDD's `split`): the operator's own input partition, which under a
   * union or coalesce differs from the task's. Absent: the task's partition.
   */
  readonly partition?: number;
}

/**
 * Runs Python tasks. Scalar eval types yield, in order, batches with one column per output function whose rows
 * line up with the input rows; grouped-aggregate ones one row per input batch (group); map ones any batches of the
 * declared schema. A failure in Python rejects with a `PythonException`-class error naming the function.
 */
export interface PythonRunner {
  run(task: PythonTask, input: AsyncIterable<arrow.RecordBatch>, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch>;
}

/**
 * How an engine gets Python support: `module` (a URL) exports `createPythonRunner(options)`; it is imported on
 * every executor thread (and on the driver for inline tasks). `prepare` runs on the driver before a job with
 * Python operators (it may start the worker daemon) and resolves with those `options`, which travel with the
 * tasks and so must be structured-clone-able.
 */
export interface PythonSupport {
  readonly module: string;
  prepare(conf: ReadonlyMap<string, string>): Promise<unknown>;
}

/** What `module` must export. */
export type CreatePythonRunner = (options: unknown) => PythonRunner;

const runners = new Map<string, Promise<PythonRunner>>();

/** Loads (once per thread and module) the runner a PythonSupport names. */
export function loadPythonRunner(module: string, options: unknown): Promise<PythonRunner> {
  const key = `${module}\u0000${JSON.stringify(options)}`;
  let r = runners.get(key);
  if (!r) {
    r = import(module).then((m: { createPythonRunner?: CreatePythonRunner }) => {
      if (typeof m.createPythonRunner !== 'function') throw new Error(`${module} does not export createPythonRunner`);
      return m.createPythonRunner(options);
    });
    runners.set(key, r);
  }
  return r;
}

// Runs a stage's tasks on a bounded number of task slots, retrying failed tasks up to spark.task.maxFailures.
import { ExecutionError, PythonError } from '../errors.js';

export interface TaskSchedulerOptions {
  /** Concurrent task slots (`local[N]`). */
  readonly slots: number;
  /** Attempts per task before the stage fails (`spark.task.maxFailures`). */
  readonly maxFailures: number;
}

export interface TaskAttempt {
  readonly partition: number;
  readonly attempt: number;
  readonly signal: AbortSignal;
}

/**
 * Runs `run` once per partition with at most `slots` in flight; returns results by partition.
 * A task that throws is retried; after `maxFailures` failed attempts the whole stage fails and
 * the remaining tasks are aborted.
 */
export async function runTasks<T>(
  numTasks: number,
  opts: TaskSchedulerOptions,
  parentSignal: AbortSignal,
  run: (t: TaskAttempt) => Promise<T>,
  describe: (partition: number) => string,
): Promise<T[]> {
  const results = new Array<T>(numTasks);
  const abort = new AbortController();
  const onParentAbort = () =>
    abort.abort(parentSignal.reason instanceof ExecutionError ? parentSignal.reason : new ExecutionError('JOB_CANCELLED', 'The job was cancelled.'));
  parentSignal.addEventListener('abort', onParentAbort, { once: true });
  let next = 0;
  let failure: unknown = null;
  if (parentSignal.aborted) onParentAbort();
  const worker = async () => {
    while (failure === null && next < numTasks) {
      const partition = next++;
      for (let attempt = 0; ; attempt++) {
        if (abort.signal.aborted) {
          failure ??= abort.signal.reason ?? new ExecutionError('JOB_CANCELLED', 'The job was cancelled.');
          return;
        }
        try {
          results[partition] = await run({ partition, attempt, signal: abort.signal });
          break;
        } catch (err) {
          if (abort.signal.aborted) {
            failure ??= abort.signal.reason ?? err;
            return;
          }
          // An exception raised by user code in Python fails the same way again: retrying only repeats it.
          if (attempt + 1 >= opts.maxFailures || err instanceof PythonError) {
            const msg = err instanceof Error ? err.message : String(err);
            failure = new ExecutionError(
              'TASK_FAILED',
              `${describe(partition)} failed ${attempt + 1} times, most recent failure: ${msg}`,
              { partition: String(partition), attempts: String(attempt + 1) },
            );
            (failure as Error).cause = err;
            abort.abort(failure);
            return;
          }
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.slots, numTasks) }, worker));
  } finally {
    parentSignal.removeEventListener('abort', onParentAbort);
  }
  if (failure !== null) throw failure;
  return results;
}

// Job, stage and task events: what the UI, progress bars and cost reports are built from.
import type { TaskMetrics } from '../execution/task-context.js';

export type SchedulerEvent =
  | { readonly type: 'jobStart'; readonly jobId: number; readonly stageIds: readonly number[]; readonly description: string; readonly time: number }
  | { readonly type: 'jobEnd'; readonly jobId: number; readonly succeeded: boolean; readonly durationMs: number; readonly error?: string; readonly time: number }
  | { readonly type: 'stageSubmitted'; readonly jobId: number; readonly stageId: number; readonly kind: string; readonly numTasks: number; readonly time: number }
  | { readonly type: 'stageCompleted'; readonly jobId: number; readonly stageId: number; readonly durationMs: number; readonly rows: number; readonly bytes: number; readonly time: number }
  | { readonly type: 'taskStart'; readonly jobId: number; readonly stageId: number; readonly partition: number; readonly attempt: number; readonly time: number }
  | {
      readonly type: 'taskEnd';
      readonly jobId: number;
      readonly stageId: number;
      readonly partition: number;
      readonly attempt: number;
      readonly durationMs: number;
      readonly succeeded: boolean;
      readonly error?: string;
      readonly metrics: TaskMetrics;
      readonly time: number;
    };

export type SchedulerListener = (event: SchedulerEvent) => void;

/** Fan-out of scheduler events; a throwing listener is reported once on stderr and never fails a job. */
export class EventBus {
  private readonly listeners = new Set<SchedulerListener>();

  on(listener: SchedulerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SchedulerEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        process.stderr.write(`kindling: event listener failed: ${String(err)}\n`);
      }
    }
  }
}

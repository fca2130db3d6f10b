// Limit, union and coalesce: operators that only route batches.
import type * as arrow from 'apache-arrow';
import type { CoalesceExec, LimitExec, UnionExec } from '../../physical/physical-plan.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { makeBatch } from '../vectors.js';
import { outputPartitions } from '../../physical/planner.js';

export async function* executeLimit(plan: LimitExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  let remaining = plan.limit;
  let skip = plan.offset ?? 0;
  if (remaining <= 0) return;
  for await (const whole of exec(plan.child, partition, ctx)) {
    let batch = whole;
    if (skip > 0) {
      if (batch.numRows <= skip) {
        skip -= batch.numRows;
        continue;
      }
      batch = batch.slice(skip, batch.numRows);
      skip = 0;
    }
    if (batch.numRows <= remaining) {
      remaining -= batch.numRows;
      yield batch;
    } else {
      yield batch.slice(0, remaining);
      remaining = 0;
    }
    // Returning closes the child generator, so upstream stops producing.
    if (remaining === 0) return;
  }
}

export async function* executeUnion(plan: UnionExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  let p = partition;
  for (const child of plan.children) {
    const n = outputPartitions(child);
    if (p < n) {
      for await (const b of exec(child, p, ctx)) yield makeBatch(schema, b.data.children, b.numRows);
      return;
    }
    p -= n;
  }
}

export async function* executeCoalesce(plan: CoalesceExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const inputs = outputPartitions(plan.child);
  // Contiguous ranges of input partitions, as Spark's CoalescedRDD does without locality.
  const from = Math.floor((partition * inputs) / plan.numPartitions);
  const to = Math.floor(((partition + 1) * inputs) / plan.numPartitions);
  for (let i = from; i < to; i++) yield* exec(plan.child, i, ctx);
}

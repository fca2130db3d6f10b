// Leaf scans over data already in the engine: local relations, cached partitions, shuffle and broadcast blocks.
import type * as arrow from 'apache-arrow';
import type { BroadcastReadExec, InMemoryScanExec, LocalTableScanExec, ShuffleReadExec } from '../../physical/physical-plan.js';
import { ExecutionError } from '../../errors.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { batchBytes, makeBatch } from '../vectors.js';

/** Re-labels a batch with the operator's output schema (names/nullability differ across plan nodes). */
function relabel(batch: arrow.RecordBatch, schema: arrow.Schema): arrow.RecordBatch {
  if (batch.schema === schema) return batch;
  return makeBatch(schema, batch.data.children, batch.numRows);
}

export async function* executeLocalTableScan(plan: LocalTableScanExec, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  for (const b of plan.partitions[partition] ?? []) {
    ctx.metrics.rowsOut += b.numRows;
    yield relabel(b, schema);
  }
}

export async function* executeInMemoryScan(plan: InMemoryScanExec, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const blocks = ctx.cachedPartition(plan.cacheId, partition);
  if (!blocks) throw new ExecutionError('CACHE_BLOCK_MISSING', `Cached partition ${partition} of cache ${plan.cacheId} is not materialised.`);
  const schema = schemaOf(plan.output);
  for (const b of blocks) {
    ctx.metrics.rowsOut += b.numRows;
    yield relabel(b, schema);
  }
}

export async function* executeShuffleRead(plan: ShuffleReadExec, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  for (const b of ctx.shuffleBlocks(plan.shuffleId, partition)) {
    ctx.metrics.shuffleBytesRead += batchBytes(b);
    ctx.metrics.rowsIn += b.numRows;
    yield relabel(b, schema);
  }
}

export async function* executeBroadcastRead(plan: BroadcastReadExec, _partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  for (const b of ctx.broadcast(plan.broadcastId)) yield relabel(b, schema);
}

export { relabel };

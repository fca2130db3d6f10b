// Sorts one partition: gathers the child's batches, orders the rows (stable, Spark ordering) and emits them
// in batches of the task's batch size. With a limit it keeps only the first rows (top-K) while reading.
import type * as arrow from 'apache-arrow';
import { dataTypeOf } from '../../expr/expression.js';
import type { SortExec } from '../../physical/physical-plan.js';
import type { ExecuteFn } from '../execute-fn.js';
import { evaluateKeys } from '../partitioner.js';
import { schemaOf } from '../schema-of.js';
import { sortIndices } from '../sort-indices.js';
import type { TaskContext } from '../task-context.js';
import { concatBatches, makeBatch, takeData } from '../vectors.js';

/**
 * Runs `plan` over one partition. `limit` (for a Limit over this Sort) keeps only the first `limit` rows of
 * the sorted output, holding about max(2·limit, batchSize) rows in memory instead of the whole partition.
 */
export async function* executeSort(plan: SortExec, partition: number, ctx: TaskContext, exec: ExecuteFn, limit?: number): AsyncGenerator<arrow.RecordBatch> {
  if (limit !== undefined && limit <= 0) return;
  const childSchema = schemaOf(plan.child.output);
  const types = plan.child.output.map((a) => a.dataType);
  const keyExprs = plan.order.map((o) => o.child);
  const keyTypes = keyExprs.map(dataTypeOf);
  const outSchema = schemaOf(plan.output);
  const batchSize = Math.max(1, ctx.batchSize);

  /** Row order of `batch` under the sort order, cut to the limit. */
  const order = (batch: arrow.RecordBatch): Int32Array => {
    const idx = sortIndices(evaluateKeys(keyExprs, batch), keyTypes, plan.order, batch.numRows);
    return limit !== undefined && idx.length > limit ? idx.subarray(0, limit) : idx;
  };
  const take = (schema: arrow.Schema, batch: arrow.RecordBatch, idx: Int32Array) =>
    makeBatch(schema, types.map((t, c) => takeData(t, batch.data.children[c]!, idx)), idx.length);

  let batches: arrow.RecordBatch[] = [];
  let buffered = 0;
  const compactAt = limit === undefined ? Infinity : Math.max(2 * limit, batchSize);
  for await (const b of exec(plan.child, partition, ctx)) {
    if (b.numRows === 0) continue;
    batches.push(b);
    buffered += b.numRows;
    if (buffered >= compactAt) {
      // Top-K: the kept rows stay ahead of later input, so ties keep their input order.
      const all = concatBatches(childSchema, types, batches);
      const top = take(childSchema, all, order(all));
      batches = [top];
      buffered = top.numRows;
    }
  }
  const all = concatBatches(childSchema, types, batches);
  const idx = order(all);
  for (let a = 0; a < idx.length; a += batchSize) {
    ctx.signal.throwIfAborted();
    yield take(outSchema, all, idx.subarray(a, a + batchSize));
  }
}

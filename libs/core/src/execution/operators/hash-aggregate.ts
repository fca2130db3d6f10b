// Hash aggregation (partial / final / complete): dense group ids from a key encoder, per-aggregate state in typed
// arrays indexed by group id, output in batches of at most ctx.batchSize rows once the input is exhausted.
import * as arrow from 'apache-arrow';
import type { Accumulator } from '../../expr/aggregates/accumulator.js';
import { createAccumulator } from '../../expr/aggregates/create-accumulator.js';
import { KeyEncoder } from '../../expr/aggregates/key-encoder.js';
import { aggregateStateTypes } from '../../expr/aggregates/registry.js';
import { DEFAULT_EVAL_CONTEXT, evaluate } from '../../expr/eval/evaluate.js';
import { dataTypeOf } from '../../expr/expression.js';
import { sortedMapColumn } from '../../expr/functions/map-functions.js';
import type { HashAggregateExec } from '../../physical/physical-plan.js';
import { type DataType, toArrowType } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { columnData, makeBatch } from '../vectors.js';

export async function* executeHashAggregate(plan: HashAggregateExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const evalCtx = ctx.eval ?? DEFAULT_EVAL_CONTEXT;
  const keyTypes = plan.groupingExprs.map(dataTypeOf);
  const encoder = keyTypes.length > 0 ? new KeyEncoder(keyTypes) : null;
  const accs: Accumulator[] = plan.aggregates.map(createAccumulator);
  const stateWidths = plan.aggregates.map((c) => aggregateStateTypes(c).length);
  // A global aggregate has its single group from the start, so empty input still yields one row.
  let numGroups = encoder ? 0 : 1;
  for (const a of accs) a.grow(numGroups);
  let zeros = new Int32Array(0);

  // Native key tables are freed as soon as the last batch is out (or the task fails), not at some later GC.
  try {
    for await (const batch of exec(plan.child, partition, ctx)) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('task cancelled');
      const n = batch.numRows;
      ctx.metrics.rowsIn += n;
      if (n === 0) continue;
      let gids: Int32Array;
      if (encoder) {
        // The ids are only read within this iteration: the encoder's scratch buffer is reused.
        // Map keys group by their entries in key order (Spark's MapSort under map grouping keys).
        gids = encoder.encode(plan.groupingExprs.map((e, k) => sortedMapColumn(keyTypes[k]!, evaluate(e, batch, evalCtx))), n, true);
        numGroups = encoder.size;
      } else {
        if (zeros.length < n) zeros = new Int32Array(n);
        gids = zeros;
      }
      if (plan.mode === 'final') {
        let col = plan.groupingExprs.length;
        accs.forEach((acc, k) => {
          const states = Array.from({ length: stateWidths[k]! }, (_, j) => columnData(batch, col + j));
          col += stateWidths[k]!;
          acc.grow(numGroups);
          acc.merge(states, gids, n);
        });
      } else {
        plan.aggregates.forEach((call, k) => {
          const acc = accs[k]!;
          acc.grow(numGroups);
          acc.update(call.args.map((e) => evaluate(e, batch, evalCtx)), gids, n);
        });
      }
    }
    yield* emit(plan, ctx, encoder, accs, numGroups, keyTypes);
  } finally {
    encoder?.release();
    for (const a of accs) a.release?.();
  }
}

function* emit(
  plan: HashAggregateExec,
  ctx: TaskContext,
  encoder: KeyEncoder | null,
  accs: readonly Accumulator[],
  numGroups: number,
  keyTypes: readonly DataType[],
): Generator<arrow.RecordBatch> {
  const evalCtx = ctx.eval ?? DEFAULT_EVAL_CONTEXT;
  const schema = schemaOf(plan.output);
  const virtualSchema =
    plan.mode === 'partial'
      ? null
      : new arrow.Schema([
          ...keyTypes.map((t, i) => new arrow.Field(`key${i}`, toArrowType(t), true)),
          ...plan.aggregates.map((c, i) => new arrow.Field(`agg${i}`, toArrowType(c.dataType), true)),
        ]);
  const step = Math.max(1, ctx.batchSize);
  for (let start = 0; start < numGroups; start += step) {
    const end = Math.min(numGroups, start + step);
    const keys = encoder ? encoder.decodeRange(start, end) : [];
    let columns: arrow.Data[];
    if (virtualSchema === null) {
      columns = [...keys, ...accs.flatMap((a) => a.states(start, end))];
    } else {
      const virtual = makeBatch(virtualSchema, [...keys, ...accs.map((a) => a.result(start, end))], end - start);
      columns = plan.resultExprs.map((e) => evaluate(e, virtual, evalCtx));
    }
    ctx.metrics.rowsOut += end - start;
    yield makeBatch(schema, columns, end - start);
  }
}

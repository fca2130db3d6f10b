// Projection, expand and filter: per-batch expression evaluation.
import type * as arrow from 'apache-arrow';
import { type EvalContext, evaluate, evaluatePredicate } from '../../expr/eval/evaluate.js';
import type { ExpandExec, FilterExec, ProjectExec } from '../../physical/physical-plan.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { filterBatch, makeBatch } from '../vectors.js';

/** One task's evaluation context: its partition and the state its nondeterministic calls keep from batch to batch. */
export function taskEvalContext(ctx: TaskContext, partition: number): EvalContext {
  return { ...ctx.eval, ansi: ctx.eval?.ansi ?? false, partitionId: partition, state: new Map(), inputFile: () => ctx.inputFile };
}

export async function* executeProject(plan: ProjectExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  const evalCtx = taskEvalContext(ctx, partition);
  for await (const batch of exec(plan.child, partition, ctx)) {
    const cols = plan.exprs.map((e) => evaluate(e, batch, evalCtx));
    yield makeBatch(schema, cols, batch.numRows);
  }
}

/** One output batch per projection of each input batch: the rows keep their order within each projection. */
export async function* executeExpand(plan: ExpandExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  for await (const batch of exec(plan.child, partition, ctx)) {
    for (const projection of plan.projections) {
      const cols = projection.map((e) => evaluate(e, batch, ctx.eval));
      yield makeBatch(schema, cols, batch.numRows);
    }
  }
}

export async function* executeFilter(plan: FilterExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const types = plan.output.map((a) => a.dataType);
  const evalCtx = taskEvalContext(ctx, partition);
  for await (const batch of exec(plan.child, partition, ctx)) {
    const mask = evaluatePredicate(plan.condition, batch, evalCtx);
    const out = filterBatch(batch, types, mask);
    if (out.numRows > 0) yield out;
  }
}

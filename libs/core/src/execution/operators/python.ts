// Python operators: the engine's half of a Python UDF. Each streams batches to the task's Python runner (which
// owns the worker and the wire) and stitches what comes back onto the rows it belongs to.
import * as arrow from 'apache-arrow';
import { KeyEncoder } from '../../expr/aggregates/key-encoder.js';
import { DEFAULT_EVAL_CONTEXT, evaluate } from '../../expr/eval/evaluate.js';
import { dataTypeOf } from '../../expr/expression.js';
import { PythonError } from '../../errors.js';
import type { GroupedPythonExec, MapInPythonExec, PythonEvalExec, PythonFunction } from '../../physical/physical-plan.js';
import { toArrowType } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import type { PythonRunner } from '../python-runner.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { columnData, concatBatches, makeBatch, takeBatch } from '../vectors.js';

function runnerOf(ctx: TaskContext): PythonRunner {
  if (!ctx.python) throw new Error('a Python operator ran in a task without a Python runner');
  return ctx.python;
}

function argSchema(exprs: PythonEvalExec['argExprs']): arrow.Schema {
  return new arrow.Schema(exprs.map((e, i) => new arrow.Field(`_${i}`, toArrowType(dataTypeOf(e)), true)));
}

function outputNames(fns: readonly PythonFunction[]): string {
  return fns.filter((f) => f.isOutput).map((f) => f.name).join(', ');
}

/**
 * Scalar UDFs: input batches are queued until Python answers; result rows line up with input rows in order
 * (an iterator UDF may re-chunk them, so results are matched row by row, not batch by batch).
 */
export async function* executePythonEval(plan: PythonEvalExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const runner = runnerOf(ctx);
  const evalCtx = ctx.eval ?? DEFAULT_EVAL_CONTEXT;
  const args = argSchema(plan.argExprs);
  const childTypes = plan.child.output.map((a) => a.dataType);
  const schema = schemaOf(plan.output);
  const queue: arrow.RecordBatch[] = [];
  let headOffset = 0;
  async function* input(): AsyncGenerator<arrow.RecordBatch> {
    for await (const b of exec(plan.child, partition, ctx)) {
      if (b.numRows === 0) continue;
      ctx.metrics.rowsIn += b.numRows;
      queue.push(b);
      yield makeBatch(args, plan.argExprs.map((e) => evaluate(e, b, evalCtx)), b.numRows);
    }
  }
  const task = { evalType: plan.evalType, functions: plan.functions };
  for await (const result of runner.run(task, input(), ctx)) {
    let off = 0;
    while (off < result.numRows) {
      const head = queue[0];
      if (!head) throw new PythonError('PYTHON_UDF_RESULT_LENGTH', `Python UDF ${outputNames(plan.functions)} returned more rows than it was given.`);
      const take = Math.min(head.numRows - headOffset, result.numRows - off);
      const whole = headOffset === 0 && take === head.numRows && off === 0 && take === result.numRows;
      const left = whole ? head : takeBatch(head, childTypes, range(headOffset, take));
      const right = whole ? result : takeBatch(result, plan.functions.filter((f) => f.isOutput).map((f) => f.returnType), range(off, take));
      const cols = [...plan.child.output.map((_, i) => columnData(left, i)), ...right.schema.fields.map((_, i) => columnData(right, i))];
      yield makeBatch(schema, cols, take);
      off += take;
      headOffset += take;
      if (headOffset === head.numRows) {
        queue.shift();
        headOffset = 0;
      }
    }
  }
  if (queue.length > 0) {
    const missing = queue.reduce((s, b) => s + b.numRows, 0) - headOffset;
    throw new PythonError('PYTHON_UDF_RESULT_LENGTH', `Python UDF ${outputNames(plan.functions)} returned ${missing} fewer rows than it was given.`);
  }
}

function range(start: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i;
  return out;
}

/** `mapInPandas` / `mapInArrow`: whole batches in, batches of the declared schema out, in any number. */
export async function* executeMapInPython(plan: MapInPythonExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const runner = runnerOf(ctx);
  async function* input(): AsyncGenerator<arrow.RecordBatch> {
    for await (const b of exec(plan.child, partition, ctx)) {
      if (b.numRows === 0) continue;
      ctx.metrics.rowsIn += b.numRows;
      yield b;
    }
  }
  const outputSchema = plan.output.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }));
  const schema = schemaOf(plan.output);
  for await (const r of runner.run({ evalType: plan.evalType, functions: [plan.fn], outputSchema, partition }, input(), ctx)) {
    yield makeBatch(schema, schema.fields.map((_, i) => columnData(r, i)), r.numRows);
  }
}

/**
 * Grouped Python functions: the partition's rows (all keys of a group are in one partition) are grouped by key,
 * then each group goes to Python as one batch — its full rows for applyInPandas, its argument columns for a
 * grouped-aggregate UDF, which answers one row per group.
 */
export async function* executeGroupedPython(plan: GroupedPythonExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const runner = runnerOf(ctx);
  const evalCtx = ctx.eval ?? DEFAULT_EVAL_CONTEXT;
  const childSchema = schemaOf(plan.child.output);
  const childTypes = plan.child.output.map((a) => a.dataType);
  const batches: arrow.RecordBatch[] = [];
  for await (const b of exec(plan.child, partition, ctx)) {
    if (b.numRows === 0) continue;
    ctx.metrics.rowsIn += b.numRows;
    batches.push(b);
  }
  const all = batches.length === 1 ? batches[0]! : concatBatches(childSchema, childTypes, batches);
  const n = batches.length === 0 ? 0 : all.numRows;
  const keyTypes = plan.groupingExprs.map(dataTypeOf);
  const encoder = keyTypes.length > 0 ? new KeyEncoder(keyTypes) : null;
  // The encoder's key tables live in the native module: freed when the operator ends, however it ends.
  try {
    const gids = n > 0 && encoder ? encoder.encode(plan.groupingExprs.map((e) => evaluate(e, all, evalCtx)), n) : new Int32Array(0);
    const numGroups = encoder ? encoder.size : n > 0 || plan.evalType === 'groupedAggPandas' ? 1 : 0;
    // Row indices of each group, in input order.
    const counts = new Int32Array(numGroups);
    for (let i = 0; i < n; i++) counts[keyTypes.length === 0 ? 0 : gids[i]!]!++;
    const starts = new Int32Array(numGroups + 1);
    for (let g = 0; g < numGroups; g++) starts[g + 1] = starts[g]! + counts[g]!;
    const order = new Int32Array(n);
    const fill = starts.slice(0, numGroups);
    for (let i = 0; i < n; i++) order[fill[keyTypes.length === 0 ? 0 : gids[i]!]!++] = i;
    const rowsOf = (g: number) => order.subarray(starts[g]!, starts[g + 1]!);

    if (plan.evalType === 'groupedMapPandas') {
      // Each group travels with its key columns first (args[0] says how many), for functions taking (key, pdf).
      const keyFields = keyTypes.map((t, i) => new arrow.Field(`_key${i}`, toArrowType(t), true));
      const withKeysSchema = new arrow.Schema([...keyFields, ...childSchema.fields]);
      const withKeysTypes = [...keyTypes, ...childTypes];
      const keyCols = n > 0 ? plan.groupingExprs.map((e) => evaluate(e, all, evalCtx)) : [];
      const withKeys = n > 0 ? makeBatch(withKeysSchema, [...keyCols, ...plan.child.output.map((_, i) => columnData(all, i))], n) : null;
      async function* groups(): AsyncGenerator<arrow.RecordBatch> {
        for (let g = 0; g < numGroups; g++) yield takeBatch(withKeys!, withKeysTypes, rowsOf(g));
      }
      const outputSchema = plan.output.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }));
      const schema = schemaOf(plan.output);
      const functions = plan.functions.map((f) => ({ ...f, args: [keyTypes.length] }));
      for await (const r of runner.run({ evalType: plan.evalType, functions, outputSchema }, groups(), ctx)) {
        yield makeBatch(schema, schema.fields.map((_, i) => columnData(r, i)), r.numRows);
      }
      return;
    }

    // Grouped aggregate: one result row per group, then the result expressions over [keys…, results…].
    const args = argSchema(plan.argExprs);
    const argCols = n > 0 ? plan.argExprs.map((e) => evaluate(e, all, evalCtx)) : [];
    const argTypes = plan.argExprs.map(dataTypeOf);
    const argBatch = n > 0 ? makeBatch(args, argCols, n) : makeBatch(args, argTypes.map((t) => arrow.makeData({ type: toArrowType(t), length: 0, nullCount: 0 } as never)), 0);
    async function* groups(): AsyncGenerator<arrow.RecordBatch> {
      for (let g = 0; g < numGroups; g++) yield n === 0 ? argBatch : takeBatch(argBatch, argTypes, rowsOf(g));
    }
    const results: arrow.RecordBatch[] = [];
    for await (const r of runner.run({ evalType: plan.evalType, functions: plan.functions }, groups(), ctx)) results.push(r);
    const resultTypes = plan.functions.filter((f) => f.isOutput).map((f) => f.returnType);
    const resultSchema = new arrow.Schema(resultTypes.map((t, i) => new arrow.Field(`r${i}`, toArrowType(t), true)));
    const resultAll = results.length === 1 ? results[0]! : concatBatches(resultSchema, resultTypes, results);
    const got = results.length === 0 ? 0 : resultAll.numRows;
    if (got !== numGroups) {
      throw new PythonError('PYTHON_UDF_RESULT_LENGTH', `Grouped aggregate UDF ${outputNames(plan.functions)} returned ${got} rows for ${numGroups} groups.`);
    }
    if (numGroups === 0) return;
    const keys = encoder ? encoder.decodeRange(0, numGroups) : [];
    const virtual = new arrow.Schema([
      ...keyTypes.map((t, i) => new arrow.Field(`key${i}`, toArrowType(t), true)),
      ...resultTypes.map((t, i) => new arrow.Field(`agg${i}`, toArrowType(t), true)),
    ]);
    const v = makeBatch(virtual, [...keys, ...resultTypes.map((_, i) => columnData(resultAll, i))], numGroups);
    ctx.metrics.rowsOut += numGroups;
    yield makeBatch(schemaOf(plan.output), plan.resultExprs.map((e) => evaluate(e, v, evalCtx)), numGroups);
  } finally {
    encoder?.release();
  }
}

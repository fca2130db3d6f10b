// The file scan operator: reads partition i's splits through their format and appends the partition columns'
// constant values, yielding batches of the scan's output columns.
import type * as arrow from 'apache-arrow';
import type { FileScanExec } from '../physical/physical-plan.js';
import type { TaskContext } from '../execution/task-context.js';
import { schemaOf } from '../execution/schema-of.js';
import { makeBatch } from '../execution/vectors.js';
import { dataFromPlainValues } from '../execution/plain-values.js';
import { ExecutionError, KindlingError } from '../errors.js';
import { fileFormat } from './formats.js';
import { SourceOptions } from './options.js';

export async function* executeFileScan(plan: FileScanExec, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const splits = plan.partitions[partition] ?? [];
  if (splits.length === 0) return;
  const format = fileFormat(plan.format);
  // Spark's `timeZone` option defaults to the session's: timestamps without an offset are read in it.
  const options = new SourceOptions(plan.options).withDefault('timeZone', ctx.eval?.timeZone ?? 'UTC');
  const nData = plan.dataSchema.length;
  // The data columns to read (deduplicated, in output order), and where each output column comes from.
  const dataCols = [...new Set(plan.columns.filter((c) => c < nData))];
  const schema = schemaOf(plan.output);
  for (const split of splits) {
    // Read by input_file_name() above the scan while it evaluates this split's batches.
    ctx.inputFile = { path: split.path, start: split.start, length: split.length };
    let batches: AsyncGenerator<arrow.RecordBatch> | null = null;
    if (dataCols.length > 0) batches = format.read({ split, dataSchema: plan.dataSchema, columns: dataCols, options, batchSize: ctx.batchSize });
    try {
      if (batches === null) {
        // Only partition columns are read: the rows still come from the file.
        const all = format.read({ split, dataSchema: plan.dataSchema, columns: [0], options, batchSize: ctx.batchSize });
        for await (const b of all) yield withColumns(b, null);
        continue;
      }
      for await (const b of batches) {
        if (ctx.signal.aborted) throw new ExecutionError('JOB_CANCELLED', 'The job was cancelled.');
        yield withColumns(b, b);
      }
    } catch (err) {
      if (err instanceof KindlingError) throw err;
      const msg = err instanceof Error ? err.message : String(err);
      throw new ExecutionError('FAILED_READ_FILE.NO_HINT', `Encountered error while reading file file:${split.path}. ${msg}`, { path: `file:${split.path}` });
    }
    ctx.inputFile = undefined;

    function withColumns(b: arrow.RecordBatch, data: arrow.RecordBatch | null): arrow.RecordBatch {
      const n = b.numRows;
      const cols = plan.columns.map((c) => {
        if (c < nData && data) return data.data.children[dataCols.indexOf(c)]!;
        const f = plan.partitionSchema[c - nData]!;
        return dataFromPlainValues(f.dataType, new Array(n).fill(split.partitionValues[c - nData] ?? null));
      });
      ctx.metrics.rowsIn += n;
      return makeBatch(schema, cols, n);
    }
  }
}

// ExecuteRequest: Count / Show / Collect / Take. Results as Arrow IPC streams (inline or in a shm segment) or
// pickled rows. Jobs run with the request's AbortSignal, so Cancel stops them.
import * as arrow from 'apache-arrow';
import { fb } from '@kindling/protocol';
import { type DataFrame, IllegalArgumentError, type TaskMetrics } from '@kindling/core';
import { pickleRows } from '../pickle.js';
import { type ExecuteResult, executeResponseOf } from '../wire.js';
import { type RequestContext, intArg, raceAbort } from './context.js';

/** Default inline limit of Arrow results (bytes); larger results go to a shm segment. */
export const DEFAULT_SHM_THRESHOLD = 1024 * 1024;

/**
 * Runs `df`'s job under the request's signal and returns its batches (collect/take need them for both result
 * formats); the race answers a Cancel at once even while an executor thread finishes the batch it is on.
 */
function run(df: DataFrame, description: string, ctx: RequestContext, metrics: TaskMetrics[]): Promise<arrow.RecordBatch[]> {
  return raceAbort(df.queryExecution().execute(description, ctx.signal, metrics), ctx.signal);
}

/** What the action's successful Python tasks added to accumulators, for the client to apply. */
function updatesOf(metrics: readonly TaskMetrics[]): Uint8Array[] {
  return metrics.flatMap((m) => m.accumulatorUpdates ?? []);
}

function numRowsOf(batches: readonly arrow.RecordBatch[]): number {
  let n = 0;
  for (const b of batches) n += b.numRows;
  return n;
}

function shmThreshold(ctx: RequestContext): number {
  const raw = ctx.session.spark.conf.get('spark.kindling.shm.threshold', String(DEFAULT_SHM_THRESHOLD));
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new IllegalArgumentError('INVALID_CONF_VALUE', `The value '${raw}' of the config "spark.kindling.shm.threshold" is invalid: it must be a non-negative integer.`, { confName: 'spark.kindling.shm.threshold' });
  }
  return n;
}

async function count(ctx: RequestContext, df: DataFrame, metrics: TaskMetrics[]): Promise<ExecuteResult> {
  const value = BigInt(await raceAbort(df.count({ signal: ctx.signal, metrics }), ctx.signal));
  return { count: value, numRows: value, schema: df.schema };
}

async function show(ctx: RequestContext, df: DataFrame, req: fb.ExecuteRequest, metrics: TaskMetrics[]): Promise<ExecuteResult> {
  const n = Math.max(0, intArg(req.n(), 'n', -2147483648, 2147483646));
  const truncate = req.truncate();
  if (truncate < 0) throw new IllegalArgumentError('VALUE_OUT_OF_RANGE', `Argument \`truncate\` must be 0 (no truncation) or a positive width, got ${truncate}.`, { argName: 'truncate' });
  const text = await raceAbort(df.showString(n, truncate, req.vertical(), { signal: ctx.signal, metrics }), ctx.signal);
  return { text, numRows: BigInt(n), schema: df.schema };
}

async function rows(ctx: RequestContext, df: DataFrame, req: fb.ExecuteRequest, take: boolean, metrics: TaskMetrics[]): Promise<ExecuteResult> {
  const source = take ? df.limit(intArg(req.n(), 'n', 0, 2147483647)) : df;
  const batches = await run(source, take ? 'take' : 'collect', ctx, metrics);
  const numRows = BigInt(numRowsOf(batches));
  const schema = df.schema;
  if (req.format() === fb.ResultFormat.PickledRows) {
    const data = pickleRows(schema.fields.map((f) => f.dataType), batches);
    // Large pickles take the shared-memory route too (the frame limit would refuse them).
    if (data.length > shmThreshold(ctx)) {
      const name = ctx.session.segments.write(data);
      return { format: fb.ResultFormat.PickledRows, shm: { name, size: BigInt(data.length) }, numRows, schema };
    }
    return { format: fb.ResultFormat.PickledRows, data, numRows, schema };
  }
  if (req.format() !== fb.ResultFormat.Arrow) {
    throw new IllegalArgumentError('INVALID_RESULT_FORMAT', `Unknown result format ${String(req.format())}.`);
  }
  // The SDK's table: duplicate column names kept, no two columns sharing buffers (which the IPC writer mangles).
  const { chunks, size } = await ipcChunks(df.tableOf(batches));
  if (size <= shmThreshold(ctx)) {
    return { format: fb.ResultFormat.Arrow, data: Buffer.concat(chunks, size), numRows, schema };
  }
  const name = ctx.session.segments.writeChunks(chunks);
  return { format: fb.ResultFormat.Arrow, shm: { name, size: BigInt(size) }, numRows, schema };
}

/**
 * The Arrow IPC stream of `table` as the writer's pieces (message headers, views of the column buffers, padding),
 * not concatenated: a large result is then copied once, into its segment (tableToIPC's concatenation cost a
 * 230 MB copy for 10M rows × 4 columns).
 */
export async function ipcChunks(table: arrow.Table): Promise<{ chunks: Uint8Array[]; size: number }> {
  const writer = new arrow.RecordBatchStreamWriter();
  writer.write(table);
  writer.finish();
  let chunks = bufferedChunks(writer);
  if (chunks === null) {
    chunks = [];
    for await (const chunk of writer) chunks.push(chunk);
  }
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  return { chunks, size };
}

/**
 * The pieces a finished writer holds, read from its queue (apache-arrow 21's `_sink._values`) when it has that
 * shape: its async iterator shifts them off one by one, quadratic for the ~10,000 pieces of a 1,000-batch result
 * (≈ 80 ms). null when the shape differs (another apache-arrow version), and the iterator is used instead; a test
 * checks the pieces against tableToIPC's bytes.
 */
function bufferedChunks(writer: arrow.RecordBatchStreamWriter): Uint8Array[] | null {
  const values = (writer as unknown as { _sink?: { _values?: unknown } })._sink?._values;
  if (!Array.isArray(values) || !values.every((v) => v instanceof Uint8Array)) return null;
  return values as Uint8Array[];
}

export async function execute(ctx: RequestContext, req: fb.ExecuteRequest): Promise<Uint8Array> {
  const df = ctx.session.handle(req.df());
  // Kept for AnalyzeKind.JobMetrics, even when the action fails (its failed attempts count too).
  const metrics: TaskMetrics[] = [];
  ctx.session.jobMetrics.set(req.df(), metrics);
  let result: ExecuteResult;
  switch (req.action()) {
    case fb.Action.Count: result = await count(ctx, df, metrics); break;
    case fb.Action.Show: result = await show(ctx, df, req, metrics); break;
    case fb.Action.Collect: result = await rows(ctx, df, req, false, metrics); break;
    case fb.Action.Take: result = await rows(ctx, df, req, true, metrics); break;
    default:
      throw new IllegalArgumentError('INVALID_ACTION', `Unknown action ${String(req.action())}.`);
  }
  // Every action answers what its successful Python tasks added to accumulators.
  return executeResponseOf(ctx.requestId, { ...result, accumulatorUpdates: updatesOf(metrics) });
}

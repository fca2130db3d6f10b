// The Python runner loaded on every executor thread: keeps at most one worker per task slot (this thread), reused
// across tasks while `spark.python.worker.reuse` is on, and runs one task's trip: TaskStart, input batches streamed
// as the worker takes them, results yielded as they arrive, then TaskDone (metrics) or TaskFailed (traceback).
import * as arrow from 'apache-arrow';
import {
  type CreatePythonRunner,
  type DataType,
  ExecutionError,
  type PythonBroadcastValue,
  type PythonEvalType,
  type PythonRunner,
  type PythonTask,
  type PythonTaskMetrics,
  newPythonTaskMetrics,
  PythonError,
  type TaskContext,
  dataFromPlainValues,
  fromArrowType,
  makeBatch,
  sameType,
  simpleString,
  toArrowType,
} from '@kindling/core';
import { type Builder, buildEnvelope, encodeDataType, encodeSchema, fb } from '@kindling/protocol';
import { pickleRows } from '../pickle.js';
import { unpickleRows } from './unpickle.js';
import { type PickleValue, Utf8Bytes } from '../unpickle.js';
import { WorkerConnection } from './worker-connection.js';
import { ringBytesOf, type WorkerRings } from './worker-ring.js';
import { IpcDecoder, IpcEncoder } from './ipc.js';
import * as flatbuffers from 'flatbuffers';
import { FILE_IDENTIFIER } from '@kindling/protocol';

export interface RunnerOptions {
  readonly socketPath: string;
  readonly secretHex: string;
}

/** How long a task stopped early by its consumer may take to end on its own before its worker is killed. */
const DRAIN_MS = 200;

const EVAL_TYPES: Record<PythonEvalType, fb.PythonEvalType> = {
  nonUdf: fb.PythonEvalType.NonUdf,
  batched: fb.PythonEvalType.Batched,
  arrowBatched: fb.PythonEvalType.ArrowBatched,
  scalarPandas: fb.PythonEvalType.ScalarPandas,
  scalarPandasIter: fb.PythonEvalType.ScalarPandasIter,
  groupedAggPandas: fb.PythonEvalType.GroupedAggPandas,
  groupedMapPandas: fb.PythonEvalType.GroupedMapPandas,
  mapPandasIter: fb.PythonEvalType.MapPandasIter,
  mapArrowIter: fb.PythonEvalType.MapArrowIter,
};

class Runner implements PythonRunner {
  private idle: WorkerConnection | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly secret: Buffer;

  constructor(private readonly options: RunnerOptions) {
    this.secret = Buffer.from(options.secretHex, 'hex');
  }

  private async acquire(m: PythonTaskMetrics, ringBytes: number): Promise<WorkerConnection> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const w = this.idle;
    this.idle = null;
    if (w && !w.closed) return w;
    const t0 = performance.now();
    const fresh = await WorkerConnection.open(this.options.socketPath, this.secret);
    if (ringBytes > 0) {
      try {
        await fresh.attachRings(ringBytes);
      } catch (err) {
        fresh.kill();
        throw err;
      }
    }
    m.coldStart = true;
    m.workerStartMs += performance.now() - t0;
    return fresh;
  }

  private park(w: WorkerConnection, conf: Readonly<Record<string, string>>): void {
    // One idle worker per task slot: a task ending after the next one started on this thread (a failed or
    // cancelled task cleans up late) must not leave a second one running.
    if (conf['spark.python.worker.reuse'] === 'false' || w.closed || (this.idle !== null && !this.idle.closed)) {
      w.close();
      return;
    }
    this.idle = w;
    const secs = Number(conf['spark.kindling.python.worker.idleTimeoutSeconds'] ?? '60');
    this.idleTimer = setTimeout(() => {
      if (this.idle === w) this.idle = null;
      w.close();
    }, Math.max(0, Number.isFinite(secs) ? secs : 60) * 1000);
    this.idleTimer.unref();
  }

  /** Reads and drops a stopped task's remaining output until TaskDone, within DRAIN_MS; false if it did not end. */
  private async drain(w: WorkerConnection, stopFeeding: () => Promise<void>, onDone: (env: fb.Envelope) => void, onOutput: (o: fb.OutputBatch) => void): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DRAIN_MS)));
    try {
      if ((await Promise.race([stopFeeding().then(() => 'fed' as const), timeout])) === 'timeout') return false;
      for (;;) {
        const env = await Promise.race([w.next(), timeout]);
        if (env === 'timeout') return false;
        const type = env.bodyType();
        if (type === fb.Body.TaskDone) {
          onDone(env);
          return true;
        }
        if (type !== fb.Body.OutputBatch) return false;
        onOutput(env.body(new fb.OutputBatch()) as fb.OutputBatch); // its ring bytes are released, unread
      }
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async *run(task: PythonTask, input: AsyncIterable<arrow.RecordBatch>, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
    const m = (ctx.metrics.python ??= newPythonTaskMetrics());
    const conf = ctx.pythonConf ?? {};
    const w = await this.acquire(m, ringBytesOf(conf));
    let finished = false;
    const onAbort = () => w.kill();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const pickled = task.evalType === 'batched';
    const outTypes = outputTypes(task);
    const outSchema = resultSchema(outTypes, task);
    let errored = false;
    let feeding: Promise<void> = Promise.resolve();
    let stopFeeding = false;
    const readDone = (env: fb.Envelope) => {
      const done = env.body(new fb.TaskDone()) as fb.TaskDone;
      const updates = done.accumulatorUpdatesArray();
      // Copied: the frame's buffer is reused once this loop reads on.
      if (updates && updates.length > 0) (ctx.metrics.accumulatorUpdates ??= []).push(new Uint8Array(updates));
      const wm = done.metrics();
      if (wm) {
        m.workerDeserializeMs += Number(wm.deserializeNs()) / 1e6;
        m.computeMs += Number(wm.computeNs()) / 1e6;
        m.workerSerializeMs += Number(wm.serializeNs()) / 1e6;
        m.bytesReceived += Number(wm.bytesOut());
      }
    };
    const encoder = new IpcEncoder();
    const decoder = new IpcDecoder();
    try {
      const missing = (ctx.pythonBroadcasts ?? []).filter((v) => w.broadcasts.get(v.id) !== v.version);
      await w.send(taskStart(task, ctx, conf, missing));
      for (const v of missing) w.broadcasts.set(v.id, v.version);
      // Feed input concurrently with reading results; a failure on either side ends the task.
      let feedError: unknown = null;
      feeding = (async () => {
        for await (const b of input) {
          if (stopFeeding) break;
          const t0 = performance.now();
          const payload = pickled ? inputPickled(b) : inputArrow(b, encoder, w.rings, m);
          m.serializeMs += performance.now() - t0;
          m.bytesSent += payload.byteLength;
          m.rowsIn += b.numRows;
          await w.send(payload);
        }
        await w.send(buildEnvelope(0n, fb.Body.EndOfInput, (bb) => fb.EndOfInput.createEndOfInput(bb)));
      })().catch((err: unknown) => {
        feedError = err;
        w.kill();
      });
      for (;;) {
        const env = await w.next().catch((err: unknown) => {
          throw feedError ?? (ctx.signal.aborted ? new ExecutionError('JOB_CANCELLED', 'The job was cancelled.') : err);
        });
        const type = env.bodyType();
        if (type === fb.Body.OutputBatch) {
          const o = env.body(new fb.OutputBatch()) as fb.OutputBatch;
          const t0 = performance.now();
          const batches = pickled ? [outputPickled(o, outTypes, outSchema, task)] : outputArrow(arrowBytesOf(o, w.rings, m, task), outTypes, outSchema, task, decoder);
          m.deserializeMs += performance.now() - t0;
          for (const batch of batches) {
            m.rowsOut += batch.numRows;
            yield batch;
          }
        } else if (type === fb.Body.TaskDone) {
          readDone(env);
          break;
        } else if (type === fb.Body.TaskFailed) {
          const f = env.body(new fb.TaskFailed()) as fb.TaskFailed;
          // The worker drains the rest of the input; stop producing it and end the stream.
          stopFeeding = true;
          await feeding;
          finished = true; // the worker survives a Python exception and may be reused
          throw new PythonError(f.errorClass() || 'PYTHON_EXCEPTION', f.message() ?? 'Python worker failed', {
            udf: f.udfName() ?? '',
            traceback: f.traceback() ?? '',
          });
        } else {
          throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an unexpected frame (body type ${type}).`);
        }
      }
      await feeding;
      if (feedError) throw feedError;
      finished = true;
    } catch (err) {
      errored = true;
      throw err;
    } finally {
      // The consumer stopped early (a limit, a take): the worker may be about to finish anyway. Give it a short
      // while to end the task so it can be reused and its accumulator updates count; past that, it is killed.
      if (!finished && !errored && !ctx.signal.aborted) finished = await this.drain(w, () => {
        stopFeeding = true;
        return feeding;
      }, readDone, (o) => {
        if (o.ringLength() > 0) w.rings?.takeOutput(o.ringPosition(), o.ringLength(), false);
      });
      ctx.signal.removeEventListener('abort', onAbort);
      w.tasksRun++;
      if (finished && !ctx.signal.aborted) this.park(w, conf);
      else w.kill();
    }
  }
}

function outputTypes(task: PythonTask): DataType[] {
  if (task.outputSchema) return task.outputSchema.map((f) => f.dataType);
  return task.functions.filter((f) => f.isOutput).map((f) => f.returnType);
}

function taskStart(task: PythonTask, ctx: TaskContext, conf: Readonly<Record<string, string>>, broadcasts: readonly PythonBroadcastValue[]): Uint8Array {
  return buildEnvelope(0n, fb.Body.TaskStart, (b: Builder) => {
    const udfs = task.functions.map((f) => {
      const name = b.createString(f.name);
      // createByteVector copies in one go; the generated create*Vector helpers add byte by byte.
      const command = b.createByteVector(f.command);
      const rt = encodeDataType(b, f.returnType);
      const args = fb.UdfSpec.createArgsVector(b, [...f.args]);
      fb.UdfSpec.startUdfSpec(b);
      fb.UdfSpec.addName(b, name);
      fb.UdfSpec.addCommand(b, command);
      fb.UdfSpec.addReturnType(b, rt);
      fb.UdfSpec.addArgs(b, args);
      fb.UdfSpec.addIsOutput(b, f.isOutput);
      return fb.UdfSpec.endUdfSpec(b);
    });
    const udfVec = fb.TaskStart.createUdfsVector(b, udfs);
    const schema = task.outputSchema ? encodeSchema(b, task.outputSchema.map((f) => ({ name: f.name, dataType: f.dataType, nullable: f.nullable }))) : 0;
    const kvs = Object.entries(conf).map(([k, v]) => fb.KeyValue.createKeyValue(b, b.createString(k), b.createString(v)));
    const confVec = fb.TaskStart.createConfVector(b, kvs);
    const bcs = broadcasts.map((v) => fb.BroadcastValue.createBroadcastValue(b, BigInt(v.id), v.version, b.createByteVector(v.data)));
    const bcVec = bcs.length > 0 ? fb.TaskStart.createBroadcastsVector(b, bcs) : 0;
    fb.TaskStart.startTaskStart(b);
    fb.TaskStart.addStageId(b, ctx.stageId);
    fb.TaskStart.addPartition(b, task.partition ?? ctx.partitionId);
    fb.TaskStart.addAttempt(b, ctx.attempt);
    fb.TaskStart.addEvalType(b, EVAL_TYPES[task.evalType]);
    fb.TaskStart.addUdfs(b, udfVec);
    if (schema) fb.TaskStart.addOutputSchema(b, schema);
    fb.TaskStart.addConf(b, confVec);
    if (bcVec) fb.TaskStart.addBroadcasts(b, bcVec);
    return fb.TaskStart.endTaskStart(b);
  }, 1024 + broadcasts.reduce((n, v) => n + v.data.byteLength, 0) + task.functions.reduce((n, f) => n + f.command.byteLength, 0));
}

/**
 * An InputBatch envelope whose Arrow stream is written in place: the byte vector is reserved in the builder
 * and filled after the envelope is finished, so the column buffers are copied once, into the frame.
 */
function inputArrow(batch: arrow.RecordBatch, encoder: IpcEncoder, rings: WorkerRings | null, m: PythonTaskMetrics): Uint8Array {
  const plan = encoder.plan(batch);
  const n = plan.byteLength;
  const slot = rings?.reserveInput(n);
  if (slot) {
    slot.bytes.fill(0); // the plan leaves padding unwritten, and the ring holds earlier batches
    plan.write(slot.bytes);
    m.bytesSent += n; // the frame itself is counted by the caller
    m.ringBytes += n;
    return buildEnvelope(0n, fb.Body.InputBatch, (b) => {
      fb.InputBatch.startInputBatch(b);
      fb.InputBatch.addNumRows(b, batch.numRows);
      fb.InputBatch.addRingPosition(b, slot.position);
      fb.InputBatch.addRingLength(b, n);
      return fb.InputBatch.endInputBatch(b);
    }, 64);
  }
  const b = new flatbuffers.Builder(n + 256);
  b.startVector(1, n, 8);
  // What createByteVector does, without the copy: the builder's buffer is sized, so no growth moves it.
  const inner = b as unknown as { space: number; bb: flatbuffers.ByteBuffer };
  inner.space -= n;
  inner.bb.setPosition(inner.space);
  const vec = b.endVector();
  const fromEnd = b.offset() - 4; // the vector's bytes start after its 4-byte length
  fb.InputBatch.startInputBatch(b);
  fb.InputBatch.addArrowIpc(b, vec);
  fb.InputBatch.addNumRows(b, batch.numRows);
  const body = fb.InputBatch.endInputBatch(b);
  fb.Envelope.startEnvelope(b);
  fb.Envelope.addRequestId(b, 0n);
  fb.Envelope.addBodyType(b, fb.Body.InputBatch);
  fb.Envelope.addBody(b, body);
  b.finish(fb.Envelope.endEnvelope(b), FILE_IDENTIFIER);
  const out = b.asUint8Array();
  const start = out.length - fromEnd;
  plan.write(out.subarray(start, start + n));
  return out;
}

function inputPickled(batch: arrow.RecordBatch): Uint8Array {
  const types = batch.schema.fields.map((f) => fromArrowType(f.type));
  const rows = pickleRows(types, [batch], { structsAsRows: true });
  return buildEnvelope(0n, fb.Body.InputBatch, (b) => {
    const v = b.createByteVector(rows);
    fb.InputBatch.startInputBatch(b);
    fb.InputBatch.addPickled(b, v);
    fb.InputBatch.addNumRows(b, batch.numRows);
    return fb.InputBatch.endInputBatch(b);
  }, rows.length + 128);
}

function names(task: PythonTask): string {
  return task.functions.filter((f) => f.isOutput).map((f) => f.name).join(', ');
}

function resultSchema(types: readonly DataType[], task: PythonTask): arrow.Schema {
  const fields = task.outputSchema ? task.outputSchema.map((f, i) => new arrow.Field(f.name, toArrowType(types[i]!), true)) : types.map((t, i) => new arrow.Field(`_${i}`, toArrowType(t), true));
  return new arrow.Schema(fields);
}

/** An output batch's Arrow IPC bytes: copied out of the output ring (which is then free again) or inline in the frame. */
function arrowBytesOf(o: fb.OutputBatch, rings: WorkerRings | null, m: PythonTaskMetrics, task: PythonTask): Uint8Array {
  const inRing = o.ringLength();
  if (inRing > 0) {
    if (!rings) throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an output batch for ${names(task)} in a ring it was never given.`);
    m.ringBytes += inRing;
    return rings.takeOutput(o.ringPosition(), inRing);
  }
  const bytes = o.arrowIpcArray();
  if (!bytes) throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an output batch without data for ${names(task)}.`);
  return bytes;
}

/** Arrow results: the worker already coerced them to the declared types; anything else is refused here. */
function outputArrow(bytes: Uint8Array, types: readonly DataType[], schema: arrow.Schema, task: PythonTask, decoder: IpcDecoder): arrow.RecordBatch[] {
  let table: { readonly batches: readonly arrow.RecordBatch[]; readonly schema: arrow.Schema };
  try {
    const decoded = decoder.decode(bytes);
    table = decoded ? { batches: decoded, schema: decoder.currentSchema ?? schema } : arrow.tableFromIPC(bytes);
  } catch (err) {
    throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an unreadable Arrow batch for ${names(task)}: ${(err as Error).message}.`);
  }
  const numCols = table.schema.fields.length;
  if (numCols !== types.length) {
    throw new PythonError('PYTHON_UDF_RESULT_SCHEMA', `Python function ${names(task)} returned ${numCols} columns; ${types.length} were declared.`);
  }
  table.schema.fields.forEach((f, i) => {
    const got = fromArrowType(f.type);
    if (!sameType(got, types[i]!)) {
      throw new PythonError('PYTHON_UDF_RESULT_SCHEMA', `Python function ${names(task)} returned column ${i} as ${simpleString(got)}; ${simpleString(types[i]!)} was declared.`);
    }
  });
  return table.batches.map((b) => makeBatch(schema, types.map((_, i) => b.data.children[i]!), b.numRows));
}

function outputPickled(o: fb.OutputBatch, types: readonly DataType[], schema: arrow.Schema, task: PythonTask): arrow.RecordBatch {
  const bytes = o.pickledArray();
  if (!bytes) throw new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent an output batch without data for ${names(task)}.`);
  const rows = unpickleRows(bytes, types.length);
  const cols = types.map((t, c) => (t.kind === 'string' ? stringColumn(rows, c, task) : dataFromPlainValues(t, rows.map((r) => toEngineValue(t, r[c]!, task)))));
  return makeBatch(schema, cols, rows.length);
}

/** A string result column straight from the pickle's UTF-8 bytes (no JS strings in between). */
function stringColumn(rows: readonly PickleValue[][], c: number, task: PythonTask): arrow.Data {
  const n = rows.length;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = rows[i]![c]!;
    if (v === null) nulls++;
    else if (v instanceof Utf8Bytes) total += v.bytes.length;
    else throw wrongValue(task, 'string', v);
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  const validity = nulls > 0 ? new Uint8Array((n + 7) >> 3) : null;
  for (let i = 0; i < n; i++) {
    const v = rows[i]![c]!;
    if (v instanceof Utf8Bytes) {
      data.set(v.bytes, offsets[i]!);
      if (validity) validity[i >> 3]! |= 1 << (i & 7);
    }
  }
  return arrow.makeData({ type: new arrow.Utf8(), length: n, nullCount: nulls, valueOffsets: offsets, data, nullBitmap: validity ?? undefined });
}

function wrongValue(task: PythonTask, expected: string, v: unknown): ExecutionError {
  return new ExecutionError('PYTHON_WORKER_PROTOCOL', `Python worker sent a ${v instanceof Utf8Bytes ? 'str' : typeof v} where ${names(task)} returns ${expected}.`);
}

/**
 * Pickled values arrive already coerced by the worker (dates as days, timestamps as µs, decimals as their unscaled
 * integer at the declared scale); ints become bigint where the type is 64-bit or a decimal.
 */
function toEngineValue(t: DataType, v: unknown, task: PythonTask): unknown {
  if (v === null) return null;
  if (v instanceof Utf8Bytes) {
    // Strings nested in arrays come as bytes too.
    if (t.kind !== 'string') throw wrongValue(task, simpleString(t), v);
    return new TextDecoder().decode(v.bytes);
  }
  if ((t.kind === 'int64' || t.kind === 'timestamp' || t.kind === 'decimal') && typeof v === 'number') return BigInt(v);
  if ((t.kind === 'int32' || t.kind === 'date' || t.kind === 'float64') && typeof v === 'bigint') return Number(v);
  if (t.kind === 'array' && Array.isArray(v)) return v.map((x) => toEngineValue(t.elementType, x, task));
  // A map arrives as a list of [key, value] pairs, already coerced by the worker.
  if (t.kind === 'map') {
    if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2)) throw wrongValue(task, simpleString(t), v);
    return v.map((e) => [toEngineValue(t.keyType, (e as unknown[])[0] ?? null, task), toEngineValue(t.valueType, (e as unknown[])[1] ?? null, task)]);
  }
  // A struct arrives as the tuple of its fields, already coerced by the worker.
  if (t.kind === 'struct') {
    if (!Array.isArray(v) || v.length !== t.fields.length) throw wrongValue(task, simpleString(t), v);
    return t.fields.map((f, k) => toEngineValue(f.dataType, v[k] ?? null, task));
  }
  return v;
}

export const createPythonRunner: CreatePythonRunner = (options) => new Runner(options as RunnerOptions);

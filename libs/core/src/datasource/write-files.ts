// The write operator: one task writes its partition's rows as part files into its own attempt directory under the
// job's staging directory, then yields one row per file (staged path, path relative to the target, rows). The
// driver moves the files of successful attempts into place (see commit.ts), so a failed task leaves nothing behind.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as arrow from 'apache-arrow';
import type { WriteFilesExec } from '../physical/physical-plan.js';
import type { ExecuteFn } from '../execution/execute-fn.js';
import type { TaskContext } from '../execution/task-context.js';
import { schemaOf } from '../execution/schema-of.js';
import { dataFromPlainValues, plainValueAt } from '../execution/plain-values.js';
import { makeBatch, takeBatch } from '../execution/vectors.js';
import { valueToString } from '../expr/eval/cast-string.js';
import { LongT, StringT } from '../types/data-type.js';
import { StructType } from '../types/schema.js';
import { fileFormat } from './formats.js';
import { SourceOptions } from './options.js';
import { gzipSync } from 'node:zlib';
import { AnalysisError } from '../errors.js';
import type { FileFormat } from './file-format.js';

export const DEFAULT_PARTITION_NAME = '__HIVE_DEFAULT_PARTITION__';

/** Spark's ExternalCatalogUtils.escapePathName. */
export function escapePathName(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || '"#%\'*/:=?\\{[]^'.includes(ch)) out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

/** The part-file name Spark's committer gives a task's file. */
export function partFileName(partition: number, jobUuid: string, ext: string): string {
  return `part-${String(partition).padStart(5, '0')}-${jobUuid}-c000${ext}`;
}

/** A part file's bytes; line formats are gzip-compressed when `compression` says so (Parquet compresses itself). */
export async function encodeFile(format: FileFormat, batches: readonly arrow.RecordBatch[], schema: StructType, options: SourceOptions): Promise<Uint8Array> {
  checkCodec(format, options);
  const bytes = await format.write(batches, schema, options);
  if (format.name === 'parquet') return bytes;
  return (options.get('compression') ?? 'none').toLowerCase() === 'gzip' ? new Uint8Array(gzipSync(bytes)) : bytes;
}

const PARQUET_CODECS = ['none', 'uncompressed', 'snappy', 'gzip', 'lz4', 'zstd', 'brotli'];
const TEXT_CODECS = ['none', 'uncompressed', 'gzip'];

/** Refuses a `compression` the format cannot write, before any task runs. */
export function checkCodec(format: FileFormat, options: SourceOptions): void {
  const codec = (options.get('compression') ?? options.get('parquet.compression') ?? 'none').toLowerCase();
  const known = format.name === 'parquet' ? PARQUET_CODECS : TEXT_CODECS;
  if (!known.includes(codec)) {
    throw new AnalysisError('CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION', `The codec ${codec} is not available. Available codecs are ${known.join(', ')}.`, { codecName: codec, availableCodecs: known.join(', ') });
  }
}

export async function* executeWriteFiles(plan: WriteFilesExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const format = fileFormat(plan.format);
  // Spark's `timeZone` option defaults to the session's: timestamps are written in it, with their offset.
  const options = new SourceOptions(plan.options).withDefault('timeZone', ctx.eval?.timeZone ?? 'UTC');
  const childOut = plan.child.output;
  const types = childOut.map((a) => a.dataType);
  const partCols = new Set(plan.partitionColumns);
  const dataIdx = childOut.map((_, i) => i).filter((i) => !partCols.has(i));
  const dataOut = dataIdx.map((i) => childOut[i]!);
  const dataSchema = new StructType(dataOut.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })));
  const dataArrow = schemaOf(dataOut);
  // Rows grouped by partition directory (a single group without partitionBy).
  const groups = new Map<string, arrow.RecordBatch[]>();
  let rows = 0;
  for await (const b of exec(plan.child, partition, ctx)) {
    if (b.numRows === 0) continue;
    rows += b.numRows;
    if (plan.partitionColumns.length === 0) {
      const list = groups.get('') ?? [];
      list.push(makeBatch(dataArrow, dataIdx.map((i) => b.data.children[i]!), b.numRows));
      groups.set('', list);
      continue;
    }
    const byDir = new Map<string, number[]>();
    for (let r = 0; r < b.numRows; r++) {
      const dir = plan.partitionColumns.map((c) => {
        const a = childOut[c]!;
        const v = plainValueAt(b.data.children[c]!, types[c]!, r);
        const text = v === null ? '' : valueToString(v, a.dataType);
        return `${escapePathName(a.name)}=${text === '' ? DEFAULT_PARTITION_NAME : escapePathName(text)}`;
      }).join('/');
      const list = byDir.get(dir) ?? [];
      list.push(r);
      byDir.set(dir, list);
    }
    for (const [dir, idx] of byDir) {
      const taken = takeBatch(b, types, Int32Array.from(idx));
      const list = groups.get(dir) ?? [];
      list.push(makeBatch(dataArrow, dataIdx.map((i) => taken.data.children[i]!), taken.numRows));
      groups.set(dir, list);
    }
  }
  // Spark writes no file for an empty partition; the driver writes one for an empty result.
  if (rows === 0 || ctx.signal.aborted) return;
  const attemptDir = path.join(plan.stagingDir, `attempt-${partition}-${ctx.attempt}`);
  const name = partFileName(partition, plan.jobUuid, format.extension(options));
  const staged: string[] = [];
  const relative: string[] = [];
  const counts: bigint[] = [];
  for (const [dir, batches] of groups) {
    const rel = dir === '' ? name : path.join(dir, name);
    const file = path.join(attemptDir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, await encodeFile(format, batches, dataSchema, options));
    staged.push(file);
    relative.push(rel);
    counts.push(BigInt(batches.reduce((s, x) => s + x.numRows, 0)));
  }
  const out = schemaOf(plan.output);
  ctx.metrics.rowsIn += rows;
  yield makeBatch(out, [dataFromPlainValues(StringT, staged), dataFromPlainValues(StringT, relative), dataFromPlainValues(LongT, counts)], staged.length);
}

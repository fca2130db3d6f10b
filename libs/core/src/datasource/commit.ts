// Writing a DataFrame to files on the driver, as Spark's InsertIntoHadoopFsRelationCommand with its committer:
// check the save mode, run one write task per partition into `<target>/_temporary/<job uuid>/`, then move the
// files of the successful attempts into place and write `_SUCCESS`. A failed job removes what it staged (and the
// target directory if the job made it), so it leaves no partial output; the staging directory never outlives a job.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AnalysisError, IllegalArgumentError } from '../errors.js';
import { attr } from '../expr/expression.js';
import type { QueryExecution } from '../session/query-execution.js';
import type { Engine } from '../session/engine.js';
import { plainValueAt } from '../execution/plain-values.js';
import { LongT, StringT, simpleString } from '../types/data-type.js';
import { StructType } from '../types/schema.js';
import type { WriteFilesExec } from '../physical/physical-plan.js';
import { fileFormat } from './formats.js';
import type { SourceOptions } from './options.js';
import { localPath, qualified } from './paths.js';
import { checkCodec, encodeFile, partFileName } from './write-files.js';

/** How long after a failed job its staging directory is swept again (a running task stops within ~250 ms). */
const STRAGGLER_SWEEP_MS = 1000;

export type SaveMode = 'errorifexists' | 'overwrite' | 'append' | 'ignore';

/** Spark's save-mode names (case-insensitive), or its IllegalArgumentException. */
export function saveMode(m: string): SaveMode {
  switch (m.toLowerCase()) {
    case 'error':
    case 'errorifexists':
    case 'default':
      return 'errorifexists';
    case 'overwrite':
      return 'overwrite';
    case 'append':
      return 'append';
    case 'ignore':
      return 'ignore';
    default:
      throw new IllegalArgumentError('INVALID_SAVE_MODE', `Unknown save mode: ${m}. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.`, { mode: m });
  }
}

export interface WriteRequest {
  readonly format: string;
  readonly path: string;
  readonly mode: SaveMode;
  readonly options: SourceOptions;
  readonly partitionBy: readonly string[];
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Checks a write before any file is touched: columns, partition columns, the format's types. */
function prepare(qe: QueryExecution, req: WriteRequest): { partitionColumns: number[] } {
  const out = qe.physical.output;
  const names = out.map((a) => a.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toLowerCase())) throw new AnalysisError('COLUMN_ALREADY_EXISTS', `The column \`${n.toLowerCase()}\` already exists. Choose another name or rename the existing column.`, { columnName: `\`${n.toLowerCase()}\`` });
    seen.add(n.toLowerCase());
  }
  const partitionColumns = req.partitionBy.map((p) => {
    const i = names.findIndex((n) => n.toLowerCase() === p.toLowerCase());
    if (i < 0) {
      const schema = `struct<${out.map((a) => `${a.name}:${simpleString(a.dataType)}`).join(',')}>`;
      throw new AnalysisError('_LEGACY_ERROR_TEMP_1206', `Partition column \`${p}\` not found in schema ${schema}.`, { colName: p });
    }
    const t = out[i]!.dataType.kind;
    if (t === 'array' || t === 'map' || t === 'struct' || t === 'binary') {
      throw new AnalysisError('INVALID_PARTITION_COLUMN_DATA_TYPE', `Cannot use ${simpleString(out[i]!.dataType)} for partition column.`, { type: simpleString(out[i]!.dataType) });
    }
    return i;
  });
  if (partitionColumns.length > 0 && partitionColumns.length === out.length) {
    throw new AnalysisError('ALL_PARTITION_COLUMNS_NOT_ALLOWED', 'Cannot use all columns for partition columns.');
  }
  const parts = new Set(partitionColumns);
  const dataSchema = new StructType(out.filter((_, i) => !parts.has(i)).map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })));
  fileFormat(req.format).checkWriteSchema(dataSchema);
  checkCodec(fileFormat(req.format), req.options);
  return { partitionColumns };
}

/** Runs the write; resolves once the files are in place (`_SUCCESS` written), or when `ignore` finds the path. */
export async function writeFiles(engine: Engine, qe: QueryExecution, req: WriteRequest, signal?: AbortSignal): Promise<void> {
  const format = fileFormat(req.format);
  const target = localPath(req.path);
  const { partitionColumns } = prepare(qe, req);
  const existed = await exists(target);
  if (existed) {
    if (req.mode === 'errorifexists') {
      throw new AnalysisError('PATH_ALREADY_EXISTS', `Path ${qualified(target)} already exists. Set mode as "overwrite" to overwrite the existing path.`, { outputPath: qualified(target) });
    }
    if (req.mode === 'ignore') return;
    const st = await fs.stat(target);
    if (!st.isDirectory()) {
      if (req.mode === 'append') throw new AnalysisError('PATH_ALREADY_EXISTS', `Path ${qualified(target)} already exists and is not a directory.`, { outputPath: qualified(target) });
    }
  }
  const jobUuid = randomUUID();
  // An existing plain file being overwritten goes only once the new output is complete.
  const targetIsFile = existed && !(await fs.stat(target)).isDirectory();
  const stagingRoot = targetIsFile ? `${target}._temporary-${jobUuid}` : path.join(target, '_temporary');
  const staging = path.join(stagingRoot, jobUuid);
  await fs.mkdir(staging, { recursive: true });
  try {
    const plan: WriteFilesExec = {
      kind: 'writeFiles',
      format: format.name,
      options: req.options.entries(),
      stagingDir: staging,
      jobUuid,
      partitionColumns,
      child: qe.physical,
      output: [attr('path', StringT, false), attr('relative', StringT, false), attr('rows', LongT, false)],
    };
    const parts = await engine.scheduler.runJob(plan, `save at ${format.name}`, signal ?? new AbortController().signal);
    const files: [string, string][] = [];
    for (const b of parts.flat()) {
      for (let i = 0; i < b.numRows; i++) {
        files.push([plainValueAt(b.data.children[0]!, StringT, i) as string, plainValueAt(b.data.children[1]!, StringT, i) as string]);
      }
    }
    if (files.length === 0 && partitionColumns.length === 0) {
      // An empty result still gets one file, so the schema (Parquet) or header survives a round trip.
      const parts0 = new Set(partitionColumns);
      const out = qe.physical.output.filter((_, i) => !parts0.has(i));
      const schema = new StructType(out.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })));
      const name = partFileName(0, jobUuid, format.extension(req.options));
      const file = path.join(staging, name);
      await fs.writeFile(file, await encodeFile(format, [], schema, req.options));
      files.push([file, name]);
    }
    // Commit: clear what overwrite replaces, then move the new files in.
    const finalDir = targetIsFile ? `${target}` : target;
    if (targetIsFile) await fs.rm(target, { force: true });
    else if (existed && req.mode === 'overwrite') {
      for (const name of await fs.readdir(target)) if (name !== '_temporary') await fs.rm(path.join(target, name), { recursive: true, force: true });
    }
    for (const [staged, rel] of files) {
      const dest = path.join(finalDir, rel);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.rename(staged, dest);
    }
    await fs.writeFile(path.join(finalDir, '_SUCCESS'), '');
  } catch (err) {
    if (!existed) await fs.rm(target, { recursive: true, force: true });
    // Tasks of a cancelled or failed job may still be finishing on executor threads: sweep once more after they stop.
    setTimeout(() => {
      void fs.rm(staging, { recursive: true, force: true })
        .then(() => fs.rmdir(stagingRoot).catch(() => undefined))
        .then(() => (existed ? undefined : fs.rmdir(target).catch(() => undefined)));
    }, STRAGGLER_SWEEP_MS).unref();
    throw err;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    // The shared `_temporary` goes when no other job is using it.
    await fs.rmdir(stagingRoot).catch(() => undefined);
  }
}

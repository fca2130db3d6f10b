// Making the FileScan of a read on the driver, as Spark's DataSource.resolveRelation: list the files (PATH_NOT_FOUND
// at the call), discover `k=v` partition columns, take or infer the schema, and pack the splits into partitions.
import { AnalysisError } from '../errors.js';
import { attr } from '../expr/expression.js';
import type { FileScan } from '../plan/logical-plan.js';
import type { RuntimeConfig } from '../session/conf.js';
import { type DataType, type StructField, StringT } from '../types/data-type.js';
import { StructType } from '../types/schema.js';
import { fromText, inferTextType, mergeTextTypes } from './text-values.js';
import { fileFormat } from './formats.js';
import type { SourceOptions } from './options.js';
import { type SourceFile, listFiles, localPath, qualified } from './paths.js';
import { planFilePartitions } from './scan-planning.js';

/** Parses Spark's byte sizes: `134217728`, `128m`, `4MB`, `1g`. */
export function byteSize(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const m = /^\s*(\d+)\s*([kmgt]?)b?\s*$/i.exec(v);
  if (!m) return dflt;
  const mult = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30, t: 2 ** 40 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Number(m[1]) * mult;
}

/** Partition columns from the files' `k=v` directories, typed as Spark infers them (int, long, double, date, …). */
function partitionSchemaOf(files: readonly SourceFile[], user: StructType | undefined, infer: boolean): StructField[] {
  if (files.length === 0) return [];
  const names = files[0]!.partitionValues.map(([k]) => k);
  for (const f of files) {
    const ks = f.partitionValues.map(([k]) => k);
    if (ks.length !== names.length || ks.some((k, i) => k.toLowerCase() !== names[i]!.toLowerCase())) {
      throw new AnalysisError('CONFLICTING_DIRECTORY_STRUCTURES', `Conflicting directory structures detected. Suspicious paths:\n\t${qualified(files[0]!.path)}\n\t${qualified(f.path)}\nIf provided paths are partition directories, please set "basePath" in the options of the data source to specify the root directory of the table. If there are multiple root directories, please load them separately and then union them.`);
    }
  }
  return names.map((name, i) => {
    const given = user?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (given) return { name: given.name, dataType: given.dataType, nullable: true };
    if (!infer) return { name, dataType: StringT, nullable: true };
    let t: DataType | null = null;
    for (const f of files) {
      const v = f.partitionValues[i]![1];
      if (v === null) continue;
      let vt = inferTextType(v, null);
      // Partition inference has no booleans, and keeps timestamps only in the cast's full form.
      if (vt.kind === 'boolean') vt = StringT;
      t = mergeTextTypes(t, vt);
    }
    return { name, dataType: t ?? StringT, nullable: true };
  });
}

/** A FileScan over `paths` in `formatName`, its schema given or inferred. Async: it lists and may read files. */
export async function fileRelation(
  formatName: string,
  paths: readonly string[],
  userSchema: StructType | undefined,
  options: SourceOptions,
  conf: RuntimeConfig,
  defaultParallelism: number,
): Promise<FileScan> {
  const format = fileFormat(formatName);
  const all = paths.length > 0 ? paths : options.get('path') !== undefined ? [options.get('path')!] : [];
  if (all.length === 0) {
    throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `Unable to infer schema for ${format.displayName}. It must be specified manually.`, { format: format.displayName });
  }
  const files = await listFiles(all, { recursiveFileLookup: options.bool('recursiveFileLookup', false) });
  const partitionSchema = partitionSchemaOf(files, userSchema, conf.get('spark.sql.sources.partitionColumnTypeInference.enabled', 'true') !== 'false');
  const partNames = new Set(partitionSchema.map((f) => f.name.toLowerCase()));
  let dataFields: StructField[];
  if (userSchema) dataFields = userSchema.fields.filter((f) => !partNames.has(f.name.toLowerCase())).map((f) => ({ ...f, nullable: true }));
  else {
    const inferred = await format.inferSchema(files, options);
    if (inferred === null) {
      throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `Unable to infer schema for ${format.displayName}. It must be specified manually.`, { format: format.displayName });
    }
    dataFields = inferred.fields.filter((f) => !partNames.has(f.name.toLowerCase())).map((f) => ({ ...f, nullable: true }));
  }
  const partitions = planFilePartitions(
    files,
    (f) => partitionSchema.map((ps, i) => {
      const raw = f.partitionValues[i]?.[1] ?? null;
      if (raw === null) return null;
      const v = fromText(raw, ps.dataType, { nanValue: 'NaN', positiveInf: 'Inf', negativeInf: '-Inf' });
      return v === undefined ? null : v;
    }),
    {
      maxPartitionBytes: byteSize(conf.get('spark.sql.files.maxPartitionBytes', ''), 128 << 20),
      openCostInBytes: byteSize(conf.get('spark.sql.files.openCostInBytes', ''), 4 << 20),
      minPartitions: Number(conf.get('spark.sql.files.minPartitionNum', '')) || defaultParallelism,
      splittable: format.splittable(options),
    },
  );
  const fields = [...dataFields, ...partitionSchema];
  return {
    kind: 'fileScan',
    format: format.name,
    options: options.entries(),
    dataSchema: dataFields,
    partitionSchema,
    partitions,
    rootPaths: all.map((p) => qualified(localPath(p))),
    columns: fields.map((_, i) => i),
    output: fields.map((f) => attr(f.name, f.dataType, true)),
  };
}

export { StructType };

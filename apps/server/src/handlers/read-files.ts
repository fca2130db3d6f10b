// ReadFiles: `spark.read…load(paths)` → a DataFrame over the files (listed and typed now, so a missing path or an
// uninferable schema fails at the read, as in PySpark).
import { fb, decodeSchema } from '@kindling/protocol';
import { type DataFrame, IllegalArgumentError, type SparkSession } from '@kindling/core';
import { keyValues } from './write.js';

export async function readFiles(spark: SparkSession, r: fb.ReadFiles): Promise<DataFrame> {
  const format = r.format();
  if (format === null || format === '') throw new IllegalArgumentError('INVALID_RELATION', 'ReadFiles: the field `format` is empty.', { field: 'format' });
  const paths: string[] = [];
  for (let i = 0; i < r.pathsLength(); i++) {
    const p = r.paths(i);
    if (p === null || p === '') throw new IllegalArgumentError('INVALID_RELATION', `ReadFiles: paths[${i}] is empty.`, { field: `paths[${i}]` });
    paths.push(p);
  }
  const reader = spark.read.format(format).options(keyValues('ReadFiles', r.optionsLength(), (i) => r.options(i)));
  const wire = r.schema();
  const ddl = r.schemaDdl();
  if (wire && ddl) throw new IllegalArgumentError('INVALID_RELATION', 'ReadFiles: both `schema` and `schema_ddl` are set; send one.', { field: 'schema' });
  if (wire) reader.schema(decodeSchema(wire));
  else if (ddl) reader.schema(ddl);
  return reader.load(paths);
}

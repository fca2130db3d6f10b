// The file formats by Spark's short name (and the class names Spark also accepts).
import { AnalysisError } from '../errors.js';
import { csvFormat } from './csv.js';
import type { FileFormat } from './file-format.js';
import { jsonFormat } from './json.js';
import { parquetFormat } from './parquet.js';
import { textFormat } from './text.js';

const FORMATS: ReadonlyMap<string, FileFormat> = new Map([
  ['parquet', parquetFormat],
  ['csv', csvFormat],
  ['json', jsonFormat],
  ['text', textFormat],
  ['org.apache.spark.sql.execution.datasources.parquet.parquetfileformat', parquetFormat],
  ['org.apache.spark.sql.execution.datasources.csv.csvfileformat', csvFormat],
  ['org.apache.spark.sql.execution.datasources.json.jsonfileformat', jsonFormat],
  ['org.apache.spark.sql.execution.datasources.text.textfileformat', textFormat],
  ['org.apache.spark.sql.parquet', parquetFormat],
  ['org.apache.spark.sql.csv', csvFormat],
  ['org.apache.spark.sql.json', jsonFormat],
  ['org.apache.spark.sql.text', textFormat],
]);

/** The format of a name, or Spark's DATA_SOURCE_NOT_FOUND. */
export function fileFormat(name: string): FileFormat {
  const f = FORMATS.get(name.toLowerCase());
  if (!f) {
    throw new AnalysisError('DATA_SOURCE_NOT_FOUND', `Failed to find the data source: ${name}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`, { provider: name });
  }
  return f;
}

// The contract every file format implements (parquet, csv, json, text), and the plain-data pieces of a scan
// that travel to executor threads inside the physical plan.
import type * as arrow from 'apache-arrow';
import type { StructField } from '../types/data-type.js';
import type { StructType } from '../types/schema.js';
import type { SourceOptions } from './options.js';
import type { SourceFile } from './paths.js';

/** A byte range of one file that one task reads (Spark's PartitionedFile), with its partition values. */
export interface FileSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  /** The whole file's size: a split ending there reads to the end. */
  readonly fileSize: number;
  /** Values of the partition columns (engine plain values), in partition-schema order. */
  readonly partitionValues: readonly unknown[];
}

/** What a format's reader gets: the split, the file's full schema, and which of its columns to produce. */
export interface ReadRequest {
  readonly split: FileSplit;
  readonly dataSchema: readonly StructField[];
  /** Indices into `dataSchema` of the columns the batches must hold, in this order. */
  readonly columns: readonly number[];
  readonly options: SourceOptions;
  readonly batchSize: number;
}

export interface FileFormat {
  /** Spark's short name: `parquet`, `csv`, `json`, `text`. */
  readonly name: string;
  /** Spark's name in messages (`Parquet`, `CSV`, `JSON`, `Text`). */
  readonly displayName: string;
  /** The part-file suffix Spark writes (`.snappy.parquet`, `.csv`, …). */
  extension(options: SourceOptions): string;
  /** Whether a file may be read in byte ranges (line formats unless multiLine; Parquet by row groups). */
  splittable(options: SourceOptions): boolean;
  /** The schema of the files when the user gave none; null when there is nothing to infer it from. */
  inferSchema(files: readonly SourceFile[], options: SourceOptions): Promise<StructType | null>;
  /** Batches of `req.columns` of one split, read on an executor thread. */
  read(req: ReadRequest): AsyncGenerator<arrow.RecordBatch>;
  /** Refuses, with Spark's error, a schema the format cannot write. */
  checkWriteSchema(schema: StructType): void;
  /** One part file's bytes from a partition's batches (possibly none: the file then holds only a header/schema). */
  write(batches: readonly arrow.RecordBatch[], schema: StructType, options: SourceOptions): Promise<Uint8Array>;
}

// Packs the files of a read into partitions as Spark's FilePartition.getFilePartitions does: files cut into
// splits of at most maxSplitBytes (splittable formats), largest first, each partition filled up to maxSplitBytes
// counting spark.sql.files.openCostInBytes per file, so small files share a task and a large one is read by many.
import type { FileSplit } from './file-format.js';
import type { SourceFile } from './paths.js';

export interface SplitOptions {
  /** spark.sql.files.maxPartitionBytes (128 MiB). */
  readonly maxPartitionBytes: number;
  /** spark.sql.files.openCostInBytes (4 MiB). */
  readonly openCostInBytes: number;
  /** The session's default parallelism (spark.sql.files.minPartitionNum). */
  readonly minPartitions: number;
  readonly splittable: boolean;
}

export function planFilePartitions(files: readonly SourceFile[], partitionValues: (f: SourceFile) => unknown[], o: SplitOptions): FileSplit[][] {
  const total = files.reduce((s, f) => s + f.size + o.openCostInBytes, 0);
  const bytesPerCore = total / Math.max(1, o.minPartitions);
  const maxSplit = Math.min(o.maxPartitionBytes, Math.max(o.openCostInBytes, bytesPerCore));
  const splits: FileSplit[] = [];
  for (const f of files) {
    const pv = partitionValues(f);
    if (o.splittable && !f.path.endsWith('.gz') && f.size > maxSplit) {
      for (let off = 0; off < f.size; off += maxSplit) {
        splits.push({ path: f.path, start: off, length: Math.min(maxSplit, f.size - off), fileSize: f.size, partitionValues: pv });
      }
    } else splits.push({ path: f.path, start: 0, length: f.size, fileSize: f.size, partitionValues: pv });
  }
  splits.sort((a, b) => b.length - a.length);
  const partitions: FileSplit[][] = [];
  let current: FileSplit[] = [];
  let size = 0;
  for (const s of splits) {
    if (current.length > 0 && size + s.length > maxSplit) {
      partitions.push(current);
      current = [];
      size = 0;
    }
    current.push(s);
    size += s.length + o.openCostInBytes;
  }
  if (current.length > 0) partitions.push(current);
  return partitions;
}

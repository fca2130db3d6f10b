// Parquet through parquet-wasm (arrow-rs compiled to WebAssembly): files are read as Arrow IPC, which apache-arrow
// loads, and written from Arrow IPC with Snappy compression, as Spark writes them. A split reads the row groups whose
// midpoint lies in its byte range (Spark's rule), so a large file is read by several tasks.
import fs from 'node:fs';
import * as arrow from 'apache-arrow';
import { AnalysisError } from '../errors.js';
import { StructType } from '../types/schema.js';
import { fromArrowType, toArrowType } from '../types/data-type.js';
import { makeBatch, nullData } from '../execution/vectors.js';
import type { FileFormat, ReadRequest } from './file-format.js';
import type { SourceOptions } from './options.js';
import type { SourceFile } from './paths.js';
import { toEngineColumn } from './arrow-convert.js';

type ParquetWasm = typeof import('parquet-wasm/node');
let wasm: Promise<ParquetWasm> | undefined;

/** The module is ~5 MB of WebAssembly: loaded on first use, once per thread. */
function parquetWasm(): Promise<ParquetWasm> {
  wasm ??= import('parquet-wasm/node').then((m) => ((m as { default?: ParquetWasm }).default ?? m) as ParquetWasm);
  return wasm;
}

function cannotRead(path: string, err: unknown): AnalysisError {
  const msg = err instanceof Error ? err.message : String(err);
  return new AnalysisError('FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER', `Encountered error while reading file file:${path}. Could not read footer for file: file:${path}. ${msg}`, { path: `file:${path}` });
}

async function openFile(pw: ParquetWasm, path: string) {
  try {
    return await pw.ParquetFile.fromFile(await fs.openAsBlob(path));
  } catch (err) {
    throw cannotRead(path, err);
  }
}

/** The Kindling schema of one file's Arrow schema; a type Kindling lacks names its column. */
function schemaOfArrow(schema: arrow.Schema, path: string): StructType {
  return new StructType(schema.fields.map((f) => {
    try {
      return { name: f.name, dataType: fromArrowType(f.type), nullable: true };
    } catch {
      throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The Parquet datasource doesn't support the column \`${f.name}\` of the type "${String(f.type)}" (file:${path}).`, { columnName: f.name });
    }
  }));
}

export const parquetFormat: FileFormat = {
  name: 'parquet',
  displayName: 'Parquet',
  extension: (o) => {
    const c = (o.get('compression') ?? o.get('parquet.compression') ?? 'snappy').toLowerCase();
    return c === 'none' || c === 'uncompressed' ? '.parquet' : `.${c === 'zstd' ? 'zstd' : c}.parquet`;
  },
  splittable: () => true,

  async inferSchema(files: readonly SourceFile[], options: SourceOptions): Promise<StructType | null> {
    if (files.length === 0) return null;
    const pw = await parquetWasm();
    // Spark reads one footer unless mergeSchema is set; then fields of every file, first occurrence first.
    const merge = options.bool('mergeSchema', false);
    let out: StructType | null = null;
    for (const f of merge ? files : files.slice(0, 1)) {
      const pf = await openFile(pw, f.path);
      const s = schemaOfArrow(arrow.tableFromIPC(pf.schema().intoIPCStream()).schema, f.path);
      pf.free();
      if (!out) out = s;
      else {
        const prev: StructType = out;
        const seen = new Set<string>(prev.fields.map((x) => x.name.toLowerCase()));
        out = new StructType([...prev.fields, ...s.fields.filter((x) => !seen.has(x.name.toLowerCase()))]);
      }
    }
    return out;
  },

  async *read(req: ReadRequest): AsyncGenerator<arrow.RecordBatch> {
    const pw = await parquetWasm();
    const { split } = req;
    const pf = await openFile(pw, split.path);
    try {
      const meta = pf.metadata();
      const groups: number[] = [];
      let pos = 4; // after the leading "PAR1"
      for (let g = 0; g < meta.numRowGroups(); g++) {
        const size = meta.rowGroup(g).compressedSize();
        const mid = pos + size / 2;
        if (mid >= split.start && mid < split.start + split.length) groups.push(g);
        pos += size;
      }
      if (groups.length === 0) return;
      const fileSchema = arrow.tableFromIPC(pf.schema().intoIPCStream()).schema;
      const wanted = req.columns.map((c) => req.dataSchema[c]!);
      // Columns match by name, case-insensitively (Spark's default); a column the file lacks reads as NULL.
      const fileNames = wanted.map((f) => fileSchema.fields.find((x) => x.name === f.name)?.name ?? fileSchema.fields.find((x) => x.name.toLowerCase() === f.name.toLowerCase())?.name);
      const present = [...new Set(fileNames.filter((n): n is string => n !== undefined))];
      const target = new arrow.Schema(wanted.map((f) => new arrow.Field(f.name, toArrowType(f.dataType), true)));
      for (const g of groups) {
        const t = await pf.read({ rowGroups: [g], columns: present.length > 0 ? present : undefined, batchSize: req.batchSize });
        const table = arrow.tableFromIPC(t.intoIPCStream());
        const n = table.numRows;
        if (n === 0) continue;
        const cols = wanted.map((f, i) => {
          const name = fileNames[i];
          const vec = name === undefined ? null : table.getChild(name);
          return vec ? toEngineColumn(vec, f.dataType, f.name) : nullData(f.dataType, n);
        });
        yield makeBatch(target, cols, n);
      }
    } finally {
      pf.free();
    }
  },

  checkWriteSchema(): void {
    // Every Kindling type has a Parquet form.
  },

  async write(batches: readonly arrow.RecordBatch[], schema: StructType, options: SourceOptions): Promise<Uint8Array> {
    const pw = await parquetWasm();
    const table = batches.length > 0 ? new arrow.Table(batches as arrow.RecordBatch[]) : new arrow.Table(schema.toArrow());
    const ipc = arrow.tableToIPC(table, 'stream');
    const codec = (options.get('compression') ?? options.get('parquet.compression') ?? 'snappy').toUpperCase();
    const codecs: Record<string, number> = {
      NONE: pw.Compression.UNCOMPRESSED, UNCOMPRESSED: pw.Compression.UNCOMPRESSED, SNAPPY: pw.Compression.SNAPPY,
      GZIP: pw.Compression.GZIP, LZ4: pw.Compression.LZ4_RAW, ZSTD: pw.Compression.ZSTD, BROTLI: pw.Compression.BROTLI,
    };
    const compression = codecs[codec];
    if (compression === undefined) {
      throw new AnalysisError('CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION', `The codec ${codec.toLowerCase()} is not available. Available codecs are brotli, uncompressed, lz4, gzip, snappy, none, zstd.`, { codecName: codec.toLowerCase() });
    }
    const props = new pw.WriterPropertiesBuilder().setCompression(compression).setCreatedBy('kindling').build();
    return pw.writeParquet(pw.Table.fromIPCStream(ipc), props);
  },
};

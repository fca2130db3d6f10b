// Text files: one string column `value`, a row per line (lineSep; wholetext: a row per file); writing takes
// exactly one string column, a line per row.
import type * as arrow from 'apache-arrow';
import { AnalysisError } from '../errors.js';
import { StructType } from '../types/schema.js';
import { StringT } from '../types/data-type.js';
import { dataFromPlainValues, plainValueAt } from '../execution/plain-values.js';
import { makeBatch } from '../execution/vectors.js';
import { schemaOf } from '../execution/schema-of.js';
import { attr } from '../expr/expression.js';
import type { FileFormat, ReadRequest } from './file-format.js';
import type { SourceOptions } from './options.js';
import { decodeText, readSplitBytes, readWholeFile, splitLines } from './split-reader.js';
import { typeText } from '../expr/functions/function-def.js';

const encoder = new TextEncoder();

export const textFormat: FileFormat = {
  name: 'text',
  displayName: 'Text',
  extension: (o) => ((o.get('compression') ?? 'none').toLowerCase() === 'gzip' ? '.txt.gz' : '.txt'),
  splittable: (o) => !o.bool('wholetext', false) && o.get('lineSep') === undefined,

  async inferSchema(): Promise<StructType> {
    return new StructType([{ name: 'value', dataType: StringT, nullable: true }]);
  },

  async *read(req: ReadRequest): AsyncGenerator<arrow.RecordBatch> {
    const o = req.options;
    const whole = o.bool('wholetext', false);
    const text = decodeText(whole ? await readWholeFile(req.split.path) : await readSplitBytes(req.split), undefined);
    const lines = whole ? [text] : splitLines(text, o.get('lineSep'));
    const target = schemaOf(req.columns.map(() => attr('value', StringT, true)));
    for (let off = 0; off < lines.length; off += req.batchSize) {
      const slice = lines.slice(off, off + req.batchSize);
      yield makeBatch(target, req.columns.map(() => dataFromPlainValues(StringT, slice)), slice.length);
    }
  },

  checkWriteSchema(schema: StructType): void {
    if (schema.fields.length !== 1) {
      throw new AnalysisError('_LEGACY_ERROR_TEMP_1213', `Text data source supports only a single column, and you have ${schema.fields.length} columns.`, { numCols: String(schema.fields.length) });
    }
    const f = schema.fields[0]!;
    if (f.dataType.kind !== 'string') {
      throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The Text datasource doesn't support the column \`${f.name}\` of the type ${typeText(f.dataType)}.`, { columnName: f.name });
    }
  },

  async write(batches: readonly arrow.RecordBatch[], _schema: StructType, o: SourceOptions): Promise<Uint8Array> {
    const lineSep = o.str('lineSep', '\n');
    const parts: string[] = [];
    for (const b of batches) {
      const d = b.data.children[0]!;
      for (let i = 0; i < b.numRows; i++) parts.push(((plainValueAt(d, StringT, i) as string | null) ?? '') + lineSep);
    }
    return encoder.encode(parts.join(''));
  },
};

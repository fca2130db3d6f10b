// CSV files with Spark's options (header, sep/delimiter, quote, escape, comment, nullValue, emptyValue, nanValue,
// inferSchema, mode, columnNameOfCorruptRecord, multiLine, lineSep, encoding, quoteAll, escapeQuotes).
import type * as arrow from 'apache-arrow';
import { AnalysisError, ExecutionError } from '../errors.js';
import { StructType } from '../types/schema.js';
import { type DataType, type StructField, StringT, simpleString } from '../types/data-type.js';
import { dataFromPlainValues, plainValueAt } from '../execution/plain-values.js';
import { makeBatch } from '../execution/vectors.js';
import { schemaOf } from '../execution/schema-of.js';
import type { FileFormat, ReadRequest } from './file-format.js';
import { type SourceOptions, parseMode } from './options.js';
import type { SourceFile } from './paths.js';
import { type CsvSyntax, csvField, parseCsv } from './csv-parser.js';
import { decodeText, readSplitBytes, readWholeFile } from './split-reader.js';
import { atomicText, fromText, inferTextType, mergeTextTypes, textFormats } from './text-values.js';
import { attr } from '../expr/expression.js';
import { typeText } from '../expr/functions/function-def.js';

const encoder = new TextEncoder();

function syntax(o: SourceOptions, forWrite: boolean): CsvSyntax {
  const sep = o.get('sep') ?? o.get('delimiter') ?? ',';
  return {
    sep: sep === '\\t' ? '\t' : sep,
    quote: o.char('quote', '"', true),
    escape: o.char('escape', '\\', true),
    comment: o.get('comment') ?? '',
    multiLine: o.bool('multiLine', false),
    ignoreLeadingWhiteSpace: o.bool('ignoreLeadingWhiteSpace', forWrite),
    ignoreTrailingWhiteSpace: o.bool('ignoreTrailingWhiteSpace', forWrite),
    ...(o.get('lineSep') !== undefined ? { lineSep: o.get('lineSep')! } : {}),
  };
}

function encodingOf(o: SourceOptions): string | undefined {
  return o.get('encoding') ?? o.get('charset');
}

/** Header names as Spark makes them: blanks become `_c<i>`, duplicates get their index appended. */
export function headerNames(tokens: readonly string[], nullValue: string, caseSensitive = false): string[] {
  const raw = tokens.map((t, i) => (t === '' || t === nullValue ? `_c${i}` : t));
  const key = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const counts = new Map<string, number>();
  for (const r of raw) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return raw.map((r, i) => ((counts.get(key(r)) ?? 0) > 1 ? `${r}${i}` : r));
}

async function fileRecords(path: string, o: SourceOptions) {
  const text = decodeText(await readWholeFile(path), encodingOf(o));
  return parseCsv(text, syntax(o, false));
}

function unsupportedType(format: string, f: StructField): AnalysisError {
  return new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The ${format} datasource doesn't support the column \`${f.name}\` of the type ${typeText(f.dataType)}.`, {
    columnName: `\`${f.name}\``,
    columnType: `"${simpleString(f.dataType).toUpperCase()}"`,
    format,
  });
}

const ATOMIC = new Set(['boolean', 'int32', 'int64', 'float64', 'decimal', 'string', 'date', 'timestamp', 'null']);

export const csvFormat: FileFormat = {
  name: 'csv',
  displayName: 'CSV',
  extension: (o) => ((o.get('compression') ?? 'none').toLowerCase() === 'gzip' ? '.csv.gz' : '.csv'),
  splittable: (o) => !o.bool('multiLine', false) && o.get('lineSep') === undefined,

  async inferSchema(files: readonly SourceFile[], o: SourceOptions): Promise<StructType | null> {
    if (files.length === 0) return null;
    const header = o.bool('header', false);
    const nullValue = o.str('nullValue', '');
    const infer = o.bool('inferSchema', false);
    const formats = textFormats(o);
    let names: string[] | null = null;
    let types: (DataType | null)[] = [];
    for (const f of files) {
      const recs = await fileRecords(f.path, o);
      if (recs.length === 0) continue;
      let start = 0;
      if (names === null) {
        const first = recs[0]!;
        names = header ? headerNames(first.tokens, nullValue) : first.tokens.map((_, i) => `_c${i}`);
        types = names.map(() => null);
      }
      if (header) start = 1;
      if (!infer) break;
      for (let r = start; r < recs.length; r++) {
        const toks = recs[r]!.tokens;
        for (let c = 0; c < names.length && c < toks.length; c++) {
          const tok = toks[c]!;
          if ((tok === nullValue || tok === '') && !recs[r]!.quoted[c]) continue;
          types[c] = mergeTextTypes(types[c]!, inferTextType(tok, types[c]!, formats));
        }
      }
    }
    if (names === null) return null;
    return new StructType(names.map((name, i) => ({ name, dataType: infer ? types[i] ?? StringT : StringT, nullable: true })));
  },

  async *read(req: ReadRequest): AsyncGenerator<arrow.RecordBatch> {
    const o = req.options;
    const text = decodeText(await readSplitBytes(req.split), encodingOf(o));
    const recs = parseCsv(text, syntax(o, false));
    const skipHeader = o.bool('header', false) && req.split.start === 0;
    const mode = parseMode(o);
    const nullValue = o.str('nullValue', '');
    const emptyValue = o.str('emptyValue', '');
    const num = { nanValue: o.str('nanValue', 'NaN'), positiveInf: o.str('positiveInf', 'Inf'), negativeInf: o.str('negativeInf', '-Inf') };
    const corruptName = o.str('columnNameOfCorruptRecord', '_corrupt_record');
    const formats = textFormats(o);
    const schema = req.dataSchema;
    // The corrupt-record column is not a column of the file: tokens map onto the other fields.
    const corruptIdx = schema.findIndex((f) => f.name === corruptName && f.dataType.kind === 'string');
    const fileFields = schema.map((_, i) => i).filter((i) => i !== corruptIdx);
    const tokenOf = new Map(fileFields.map((fi, t) => [fi, t]));
    const target = schemaOf(req.columns.map((c) => attr(schema[c]!.name, schema[c]!.dataType, true)));
    let rows: unknown[][] = [];
    const flush = () => {
      const cols = req.columns.map((c, k) => dataFromPlainValues(schema[c]!.dataType, rows.map((r) => r[k])));
      const b = makeBatch(target, cols, rows.length);
      rows = [];
      return b;
    };
    for (let r = skipHeader ? 1 : 0; r < recs.length; r++) {
      const rec = recs[r]!;
      let malformed = rec.tokens.length !== fileFields.length;
      const row: unknown[] = new Array(req.columns.length);
      for (let k = 0; k < req.columns.length; k++) {
        const c = req.columns[k]!;
        if (c === corruptIdx) continue;
        const t = tokenOf.get(c)!;
        if (t >= rec.tokens.length) {
          row[k] = null;
          continue;
        }
        const tok = rec.tokens[t]!;
        const f = schema[c]!;
        if (!rec.quoted[t] && (tok === nullValue || tok === '')) row[k] = null; // univocity turns an empty field into nullValue
        else if (rec.quoted[t] && tok === '' ) row[k] = f.dataType.kind === 'string' ? emptyValue : null;
        else {
          const v = fromText(tok, f.dataType, num, formats);
          if (v === undefined) {
            malformed = true;
            row[k] = null;
          } else row[k] = v;
        }
      }
      if (malformed) {
        if (mode === 'DROPMALFORMED') continue;
        if (mode === 'FAILFAST') {
          throw new ExecutionError('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION', `Malformed records are detected in record parsing: [${rec.raw}].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`, { badRecord: rec.raw, failFastMode: 'FAILFAST' });
        }
      }
      const ck = req.columns.indexOf(corruptIdx);
      if (ck >= 0) row[ck] = malformed ? rec.raw : null;
      rows.push(row);
      if (rows.length >= req.batchSize) yield flush();
    }
    if (rows.length > 0) yield flush();
  },

  checkWriteSchema(schema: StructType): void {
    for (const f of schema.fields) if (!ATOMIC.has(f.dataType.kind)) throw unsupportedType('CSV', f);
  },

  async write(batches: readonly arrow.RecordBatch[], schema: StructType, o: SourceOptions): Promise<Uint8Array> {
    const s = syntax(o, true);
    const q = {
      sep: s.sep,
      quote: s.quote,
      escape: s.escape,
      quoteAll: o.bool('quoteAll', false),
      escapeQuotes: o.bool('escapeQuotes', true),
    };
    const nullValue = o.str('nullValue', '');
    const emptyValue = o.get('emptyValue');
    const lineSep = o.str('lineSep', '\n');
    const parts: string[] = [];
    if (o.bool('header', false)) parts.push(schema.fields.map((f) => csvField(f.name, q)).join(s.sep) + lineSep);
    const types = schema.fields.map((f) => f.dataType);
    const formats = textFormats(o);
    for (const b of batches) {
      const cols = types.map((_, c) => b.data.children[c]!);
      for (let i = 0; i < b.numRows; i++) {
        const fields: string[] = [];
        for (let c = 0; c < types.length; c++) {
          const v = plainValueAt(cols[c]!, types[c]!, i);
          if (v === null) fields.push(nullValue);
          else {
            let t = atomicText(v, types[c]!, formats);
            if (s.ignoreLeadingWhiteSpace) t = t.replace(/^\s+/, '');
            if (s.ignoreTrailingWhiteSpace) t = t.replace(/\s+$/, '');
            // An empty string is written as "" (emptyValue), so it reads back as itself and not as NULL.
            fields.push(t === '' ? (emptyValue ?? (q.quote === '\u0000' ? '' : q.quote + q.quote)) : csvField(t, q));
          }
        }
        parts.push(fields.join(s.sep) + lineSep);
      }
    }
    return encoder.encode(parts.join(''));
  },
};

// Spark's `showString`: the exact table layout of `df.show()`, truncation and vertical mode included.
import * as arrow from 'apache-arrow';
import type { DataType } from '../types/data-type.js';
import { formatDate, formatDouble, formatTimestamp } from '../expr/expression.js';
import { isNullAt } from '../execution/vectors.js';
import { decimalWords, readDecimal } from '../execution/decimal-data.js';
import { formatDecimal } from '../types/decimal.js';
import { type TimeZone, UTC } from '../expr/eval/time-zone.js';

/** A cell's text as Spark shows it (NULL, 1.0, 2024-01-01, [1, 2]…). */
export function cellText(type: DataType, d: arrow.Data, i: number, zone: TimeZone = UTC): string {
  if (isNullAt(d, i)) return 'NULL';
  const j = d.offset + i;
  switch (type.kind) {
    case 'boolean': return ((d.values as Uint8Array)[j >> 3]! & (1 << (j & 7))) !== 0 ? 'true' : 'false';
    case 'int32': return String((d.values as Int32Array)[i]);
    case 'int64': return String((d.values as BigInt64Array)[i]);
    case 'float64': return formatDouble((d.values as Float64Array)[i]!);
    case 'decimal': return formatDecimal(readDecimal(decimalWords(d), i), type.scale);
    case 'date': return formatDate((d.values as Int32Array)[i]!);
    case 'timestamp': return formatTimestamp((d.values as BigInt64Array)[i]!, zone);
    case 'string': {
      const o = d.valueOffsets as Int32Array;
      return decoder.decode((d.values as Uint8Array).subarray(o[i]!, o[i + 1]!));
    }
    case 'binary': {
      // Spark shows bytes as upper-case hex pairs: [48 69].
      const o = d.valueOffsets as Int32Array;
      const b = (d.values as Uint8Array).subarray(o[i]!, o[i + 1]!);
      return `[${Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ')}]`;
    }
    case 'null': return 'NULL';
    case 'array': {
      const v = arrow.makeVector(d).get(i) as arrow.Vector;
      const child = v.data[0]!;
      const parts: string[] = [];
      for (let k = 0; k < v.length; k++) parts.push(cellText(type.elementType, child, k, zone));
      return `[${parts.join(', ')}]`;
    }
    case 'map': {
      // Spark shows a map as `{a -> 1, b -> NULL}`.
      const o = d.valueOffsets as Int32Array;
      const entries = d.children[0]!;
      const parts: string[] = [];
      for (let k = o[i]!; k < o[i + 1]!; k++) {
        parts.push(`${cellText(type.keyType, entries.children[0]!, k, zone)} -> ${cellText(type.valueType, entries.children[1]!, k, zone)}`);
      }
      return `{${parts.join(', ')}}`;
    }
    case 'struct':
      // Spark 3.x/4 render a struct as `{1, a}` (field values only, nested NULLs as NULL).
      return `{${type.fields.map((f, k) => cellText(f.dataType, d.children[k]!, i, zone)).join(', ')}}`;
  }
}

const decoder = new TextDecoder();

/** Display width: East Asian wide and full-width characters take two columns (Spark's stringHalfWidth). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += FULL_WIDTH.test(ch) ? 2 : 1;
  return w;
}
const FULL_WIDTH = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

function pad(s: string, width: number, left: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return left ? fill + s : s + fill;
}

function truncateCell(s: string, truncate: number): string {
  if (truncate <= 0 || s.length <= truncate) return s;
  return truncate < 4 ? s.slice(0, truncate) : s.slice(0, truncate - 3) + '...';
}

/**
 * Renders rows (already limited to numRows + 1 to detect more data) as `df.show(numRows, truncate, vertical)` does.
 * `truncate` is 0 for no truncation (left-aligned cells), else the maximum cell width (right-aligned cells).
 */
export function showString(
  fieldNames: readonly string[],
  types: readonly DataType[],
  batches: readonly arrow.RecordBatch[],
  numRows: number,
  truncate: number,
  vertical: boolean,
  /** The session time zone timestamps are shown in (Spark casts cells to string with it). */
  zone: TimeZone = UTC,
): string {
  const all: string[][] = [];
  for (const b of batches) {
    for (let i = 0; i < b.numRows; i++) all.push(types.map((t, c) => truncateCell(cellText(t, b.data.children[c]!, i, zone), truncate)));
  }
  const hasMore = all.length > numRows;
  const rows = all.slice(0, numRows);
  // Spark truncates cells, never the column names.
  const header = [...fieldNames];
  let sb = '';
  if (!vertical) {
    const widths = header.map((h, c) => Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[c]!))));
    const sep = '+' + widths.map((w) => '-'.repeat(w)).join('+') + '+\n';
    const line = (cells: readonly string[]) =>
      '|' + cells.map((s, c) => pad(s, widths[c]!, truncate > 0)).join('|') + '|\n';
    sb += sep + line(header) + sep;
    for (const r of rows) sb += line(r);
    sb += sep;
  } else {
    const nameWidth = Math.max(3, ...header.map((h) => displayWidth(h)));
    const dataWidth = Math.max(3, ...rows.flatMap((r) => r.map((x) => displayWidth(x))));
    rows.forEach((r, i) => {
      sb += `-RECORD ${i}`.padEnd(nameWidth + dataWidth + 5, '-') + '\n';
      sb += r.map((cell, c) => ` ${pad(header[c]!, nameWidth, false)} | ${pad(cell, dataWidth, false)} `).join('\n') + '\n';
    });
    if (rows.length === 0) sb += '(0 rows)\n';
  }
  if (hasMore) sb += `only showing top ${numRows} ${numRows === 1 ? 'row' : 'rows'}\n`;
  return sb;
}

// Structural checks of an Arrow table read from untrusted bytes: every buffer long enough for its length,
// offsets monotonic and inside their values, dictionary indices in range. Returns an error naming the column.
import * as arrow from 'apache-arrow';

function bitsOk(bytes: Uint8Array | null | undefined, bits: number): boolean {
  return !!bytes && bytes.length * 8 >= bits;
}

function offsetsOk(offsets: ArrayLike<number | bigint> | null | undefined, n: number, limit: number): boolean {
  if (!offsets || offsets.length < n + 1) return false;
  let prev = Number(offsets[0]);
  if (!(prev >= 0)) return false;
  for (let i = 1; i <= n; i++) {
    const cur = Number(offsets[i]);
    if (!(cur >= prev)) return false;
    prev = cur;
  }
  return prev <= limit;
}

/** Null when `d` is internally consistent; else what is wrong with it. */
export function checkData(d: arrow.Data, depth = 0): string | null {
  if (depth > 32) return 'nesting is too deep';
  const n = d.length;
  if (!Number.isSafeInteger(n) || n < 0) return 'invalid length';
  // Nothing to read (apache-arrow leaves the offset of some empty data NaN).
  if (n === 0) return null;
  if (!Number.isSafeInteger(d.offset) || d.offset < 0) return 'invalid offset';
  if (d.typeId === arrow.Type.Null) return null;
  if (d.nullBitmap && d.nullBitmap.length > 0 && !bitsOk(d.nullBitmap, d.offset + n)) return 'validity bitmap too short';
  const t = d.type;
  switch (t.typeId) {
    case arrow.Type.Bool:
      return bitsOk(d.values as Uint8Array, d.offset + n) ? null : 'boolean values too short';
    case arrow.Type.Int:
    case arrow.Type.Float:
    case arrow.Type.Date:
    case arrow.Type.Timestamp:
    case arrow.Type.Time:
    case arrow.Type.Duration:
    case arrow.Type.Interval:
    case arrow.Type.Decimal:
    case arrow.Type.FixedSizeBinary: {
      const v = d.values as ArrayLike<unknown> | undefined;
      if (!v) return 'values buffer missing';
      const stride = Math.max(1, (d as unknown as { stride?: number }).stride ?? 1);
      return v.length >= n * stride ? null : 'values buffer too short';
    }
    case arrow.Type.Utf8:
    case arrow.Type.Binary:
    case arrow.Type.LargeUtf8:
    case arrow.Type.LargeBinary:
      return offsetsOk(d.valueOffsets as ArrayLike<number | bigint>, n, (d.values as Uint8Array | undefined)?.length ?? 0) ? null : 'value offsets out of range';
    case arrow.Type.List: {
      const child = d.children[0];
      if (!child) return 'list child missing';
      if (!offsetsOk(d.valueOffsets as ArrayLike<number>, n, child.length)) return 'list offsets out of range';
      const inner = checkData(child, depth + 1);
      return inner ? `list element: ${inner}` : null;
    }
    case arrow.Type.Dictionary: {
      const dict = d.dictionary;
      if (!dict) return 'dictionary missing';
      for (const chunk of dict.data) {
        const inner = checkData(chunk, depth + 1);
        if (inner) return `dictionary: ${inner}`;
      }
      const idx = d.values as ArrayLike<number | bigint> | undefined;
      if (!idx || idx.length < n) return 'dictionary indices too short';
      const size = dict.length;
      for (let i = 0; i < n; i++) {
        const k = Number(idx[i]);
        if (!(k >= 0 && k < size) && !isNull(d, i)) return 'dictionary index out of range';
      }
      return null;
    }
    default:
      // Other types (struct, map, union…) are refused later by the engine's type mapping.
      for (const c of d.children) {
        const inner = checkData(c, depth + 1);
        if (inner) return inner;
      }
      return null;
  }
}

function isNull(d: arrow.Data, i: number): boolean {
  const bm = d.nullBitmap;
  if (!bm || bm.length === 0) return false;
  const j = d.offset + i;
  return (bm[j >> 3]! & (1 << (j & 7))) === 0;
}

/** Checks every column of every batch. */
export function checkTable(table: arrow.Table): string | null {
  const fields = table.schema.fields;
  for (const batch of table.batches) {
    const cols = batch.data.children;
    if (cols.length !== fields.length) return `a record batch has ${cols.length} columns, the schema ${fields.length}`;
    for (let c = 0; c < cols.length; c++) {
      const d = cols[c]!;
      if (d.length < batch.numRows) return `column \`${fields[c]!.name}\`: ${d.length} values for ${batch.numRows} rows`;
      const err = checkData(d);
      if (err) return `column \`${fields[c]!.name}\`: ${err}`;
    }
  }
  return null;
}

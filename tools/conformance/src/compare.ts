// Compares collected rows with expected rows: typed cells, ordered or as multisets.
import type { JsonValue } from './case-types.js';
import { CaseFormatError } from './case-error.js';
import type { SqlType } from './ddl.js';
import { type Canon, actualCanon, canonEquals, canonKey, expectedCanon, showCanon, sortArrayCells } from './values.js';

export interface RowsDiff {
  readonly message: string;
  /** Expected rows no actual row matched (unordered), or expected rows at differing positions (ordered). */
  readonly missing: string[];
  /** Actual rows no expected row matched, or actual rows at differing positions. */
  readonly unexpected: string[];
}

const MAX_SHOWN = 10;

function showRow(r: readonly Canon[]): string {
  return `[${r.map(showCanon).join(', ')}]`;
}

function rowsEqual(types: readonly SqlType[], e: readonly Canon[], a: readonly Canon[]): boolean {
  return e.length === a.length && e.every((x, i) => canonEquals(types[i]!, x, a[i]!));
}

function rowKey(r: readonly Canon[]): string {
  return r.map(canonKey).join('\u0002');
}

/**
 * Null when `actual` (collected JS values) matches `expected` (JSON rows) under `types`; otherwise what differs.
 * Unordered comparison sorts both sides by a canonical key, then matches rows as multisets.
 */
export function compareRows(
  types: readonly SqlType[],
  expected: readonly (readonly JsonValue[])[],
  actual: readonly (readonly unknown[])[],
  opts: { ordered: boolean; sortArrays: boolean },
): RowsDiff | null {
  const prep = (r: readonly Canon[]) => (opts.sortArrays ? r.map(sortArrayCells) : r);
  const exp = expected.map((r, i) => {
    if (r.length !== types.length) throw new CaseFormatError(`expected row ${i} has ${r.length} values for ${types.length} columns`);
    return prep(r.map((v, c) => expectedCanon(v, types[c]!, `expected row ${i} column ${c}`)));
  });
  const act = actual.map((r) => prep(r.map((v, c) => (c < types.length ? actualCanon(v, types[c]!) : { invalid: `extra column value ${String(v)}` }))));

  if (opts.ordered) {
    const missing: string[] = [];
    const unexpected: string[] = [];
    for (let i = 0; i < Math.max(exp.length, act.length); i++) {
      const e = exp[i];
      const a = act[i];
      if (e && a && rowsEqual(types, e, a)) continue;
      if (e) missing.push(`#${i} ${showRow(e)}`);
      if (a) unexpected.push(`#${i} ${showRow(a)}`);
    }
    if (missing.length === 0 && unexpected.length === 0) return null;
    return {
      message: `ordered rows differ (${exp.length} expected, ${act.length} actual); first difference at row ${(missing[0] ?? unexpected[0])!.split(' ')[0]}`,
      missing: missing.slice(0, MAX_SHOWN),
      unexpected: unexpected.slice(0, MAX_SHOWN),
    };
  }

  const byKey = (x: readonly Canon[], y: readonly Canon[]) => (rowKey(x) < rowKey(y) ? -1 : rowKey(x) > rowKey(y) ? 1 : 0);
  const e = [...exp].sort(byKey);
  const a = [...act].sort(byKey);
  const used = new Array<boolean>(a.length).fill(false);
  const missing: string[] = [];
  for (const row of e) {
    const j = a.findIndex((x, k) => !used[k] && rowsEqual(types, row, x));
    if (j < 0) missing.push(showRow(row));
    else used[j] = true;
  }
  const unexpected = a.filter((_, k) => !used[k]).map(showRow);
  if (missing.length === 0 && unexpected.length === 0) return null;
  return {
    message: `rows differ (${exp.length} expected, ${act.length} actual): ${missing.length} expected row(s) not found, ${unexpected.length} unexpected row(s)`,
    missing: missing.slice(0, MAX_SHOWN),
    unexpected: unexpected.slice(0, MAX_SHOWN),
  };
}

import { describe, expect, it } from 'vitest';
import { type AttributeReference, type SortOrder, attr } from '../../expr/expression.js';
import type { SortExec } from '../../physical/physical-plan.js';
import { DoubleT, IntegerT, StringT } from '../../types/data-type.js';
import { compareDoubles } from '../sort-indices.js';
import { executeSort } from './sort.js';
import { batchesOf, bound, collect, prng, rowsOf, scan, testContext, testExec } from './test-util.js';

const output: AttributeReference[] = [attr('s', StringT), attr('d', DoubleT), attr('id', IntegerT)];
const types = output.map((a) => a.dataType);

function randomRows(n: number, seed: number): unknown[][] {
  const r = prng(seed);
  const strs = ['b', 'a', 'ab', '', 'é', 'B'];
  const dbls = [NaN, -0, 0, 1.5, -Infinity, 2];
  return Array.from({ length: n }, (_, i) => [
    r() < 0.2 ? null : strs[Math.floor(r() * strs.length)]!,
    r() < 0.2 ? null : dbls[Math.floor(r() * dbls.length)]!,
    i,
  ]);
}

const order: SortOrder[] = [
  { kind: 'sortOrder', child: bound(0, output[0]!), direction: 'desc', nullOrdering: 'nullsLast' },
  { kind: 'sortOrder', child: bound(1, output[1]!), direction: 'asc', nullOrdering: 'nullsFirst' },
];

/** Reference: s desc nulls last, d asc nulls first, then input order (stable). */
function reference(rows: unknown[][]): unknown[][] {
  return [...rows].sort((a, b) => {
    const [sa, sb] = [a[0] as string | null, b[0] as string | null];
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      const c = Buffer.compare(Buffer.from(sb), Buffer.from(sa));
      if (c !== 0) return c;
    }
    const [da, db] = [a[1] as number | null, b[1] as number | null];
    if (da === null || db === null) {
      if (da !== db) return da === null ? -1 : 1;
    } else {
      const c = compareDoubles(da, db);
      if (c !== 0) return c;
    }
    return (a[2] as number) - (b[2] as number);
  });
}

function plan(rows: unknown[][], inBatch: number): SortExec {
  const child = scan(output, [[], batchesOf(output, rows, inBatch)]);
  return { kind: 'sort', order, child, output };
}

describe('executeSort', () => {
  for (const n of [0, 1, 37, 1500]) {
    it(`sorts ${n} rows stably, emitting batches of the batch size`, async () => {
      const rows = randomRows(n, n);
      const batches = await collect(executeSort(plan(rows, 100), 1, testContext(64), testExec));
      expect(batches.map((b) => b.numRows)).toEqual(Array.from({ length: Math.ceil(n / 64) }, (_, i) => Math.min(64, n - 64 * i)));
      const got = batches.flatMap((b) => rowsOf(b, types));
      expect(got.map((r) => r[2])).toEqual(reference(rows).map((r) => r[2]));
      expect(got).toEqual(reference(rows));
    });
  }

  it('keeps only the first rows with a limit (top-K), same as sorting everything', async () => {
    const rows = randomRows(2000, 7);
    for (const limit of [0, 1, 10, 150, 5000]) {
      const batches = await collect(executeSort(plan(rows, 33), 1, testContext(40), testExec, limit));
      const got = batches.flatMap((b) => rowsOf(b, types));
      expect(got).toEqual(reference(rows).slice(0, limit));
    }
  });
});

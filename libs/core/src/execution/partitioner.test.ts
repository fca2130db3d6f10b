import { describe, expect, it } from 'vitest';
import { type AttributeReference, type SortOrder, attr } from '../expr/expression.js';
import type { Partitioning } from '../physical/physical-plan.js';
import { DoubleT, IntegerT, LongT, StringT, type DataType } from '../types/data-type.js';
import { batchOf, bound, canonicalRows, prng, rowsOf } from './operators/test-util.js';
import { computeRangeBounds, partitionBatch } from './partitioner.js';
import { compareDoubles } from './sort-indices.js';

const output: AttributeReference[] = [attr('k', LongT), attr('s', StringT), attr('d', DoubleT), attr('i', IntegerT)];
const types: DataType[] = output.map((a) => a.dataType);

function randomRows(n: number, seed: number): unknown[][] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => [
    r() < 0.1 ? null : BigInt(Math.floor(r() * 30) - 15),
    r() < 0.1 ? null : pick(['a', 'b', 'ab', '', 'é', 'zz', 'Q']),
    r() < 0.1 ? null : pick([0, -0, NaN, 1.5, -2, Infinity, 3]),
    i,
  ]);
}

const keyText = (row: readonly unknown[], cols: number[]) =>
  JSON.stringify(cols.map((c) => { const v = row[c]; return typeof v === 'bigint' ? `${v}n` : typeof v === 'number' ? (Number.isFinite(v) ? v + 0 : String(v)) : v; }));

function expectSameRows(parts: readonly unknown[][][], rows: readonly unknown[][]): void {
  expect(canonicalRows(parts.flat())).toEqual(canonicalRows(rows));
}

describe('partitionBatch', () => {
  it('hash: every row lands once; equal keys (across batches) land together', () => {
    const rows = randomRows(500, 1);
    const hash: Partitioning = { kind: 'hash', exprs: [bound(0, output[0]!), bound(1, output[1]!), bound(2, output[2]!)], numPartitions: 7 };
    const where = new Map<string, number>();
    for (const chunk of [rows.slice(0, 250), rows.slice(250)]) {
      const parts = partitionBatch(batchOf(output, chunk), types, hash);
      expect(parts).toHaveLength(7);
      const partRows = parts.map((b) => rowsOf(b, types));
      expectSameRows(partRows, chunk);
      partRows.forEach((pr, p) => {
        for (const row of pr) {
          const k = keyText(row, [0, 1, 2]);
          expect(where.get(k) ?? p, k).toBe(p);
          where.set(k, p);
        }
      });
    }
    expect(new Set(where.values()).size).toBeGreaterThan(4);
  });

  it('hash: one partition, empty batch', () => {
    const hash: Partitioning = { kind: 'hash', exprs: [bound(1, output[1]!)], numPartitions: 1 };
    const rows = randomRows(20, 2);
    const parts = partitionBatch(batchOf(output, rows), types, hash);
    expect(parts).toHaveLength(1);
    expect(rowsOf(parts[0]!, types)).toEqual(rows);
    const empty = partitionBatch(batchOf(output, []), types, { ...hash, numPartitions: 3 });
    expect(empty.map((b) => b.numRows)).toEqual([0, 0, 0]);
    expect(empty[2]!.schema.fields.map((f) => f.name)).toEqual(['k', 's', 'd', 'i']);
  });

  it('round robin deals rows out from the start partition, in order', () => {
    const rows = randomRows(10, 3);
    const parts = partitionBatch(batchOf(output, rows), types, { kind: 'roundRobin', numPartitions: 4 }, { roundRobinStart: 2 });
    const ids = parts.map((b) => rowsOf(b, types).map((r) => r[3]));
    expect(ids).toEqual([[2, 6], [3, 7], [0, 4, 8], [1, 5, 9]]);
  });

  it('single returns the batch as is', () => {
    const b = batchOf(output, randomRows(5, 4));
    expect(partitionBatch(b, types, { kind: 'single' })).toEqual([b]);
  });
});

/** Reference comparison of key tuples under `order` (plain values). */
function refCompareRows(a: readonly unknown[], b: readonly unknown[], cols: number[], order: readonly SortOrder[]): number {
  for (let k = 0; k < cols.length; k++) {
    const x = a[cols[k]!];
    const y = b[cols[k]!];
    const o = order[k]!;
    let c: number;
    if (x === null || y === null) {
      c = x === y ? 0 : (x === null) === (o.nullOrdering === 'nullsFirst') ? -1 : 1;
    } else {
      if (typeof x === 'number') c = compareDoubles(x, y as number);
      else if (typeof x === 'bigint') c = x < (y as bigint) ? -1 : x > (y as bigint) ? 1 : 0;
      else c = Buffer.compare(Buffer.from(x as string), Buffer.from(y as string));
      if (o.direction === 'desc') c = -c;
    }
    if (c !== 0) return c;
  }
  return 0;
}

describe('range partitioning', () => {
  const orders: [string, number[], SortOrder[]][] = [
    ['long asc nulls first', [0], [{ kind: 'sortOrder', child: bound(0, output[0]!), direction: 'asc', nullOrdering: 'nullsFirst' }]],
    ['long desc nulls last', [0], [{ kind: 'sortOrder', child: bound(0, output[0]!), direction: 'desc', nullOrdering: 'nullsLast' }]],
    ['double asc nulls last', [2], [{ kind: 'sortOrder', child: bound(2, output[2]!), direction: 'asc', nullOrdering: 'nullsLast' }]],
    ['string desc nulls first, long asc', [1, 0], [
      { kind: 'sortOrder', child: bound(1, output[1]!), direction: 'desc', nullOrdering: 'nullsFirst' },
      { kind: 'sortOrder', child: bound(0, output[0]!), direction: 'asc', nullOrdering: 'nullsLast' },
    ]],
  ];
  for (const [name, cols, order] of orders) {
    it(`orders partitions and keeps equal keys together: ${name}`, () => {
      const rows = randomRows(600, 5);
      const keyTypes = cols.map((c) => types[c]!);
      const sample = [batchOf(output, rows.slice(0, 40)), batchOf(output, rows.slice(100, 160))];
      // Bounds cross thread boundaries: they must survive structured cloning.
      const bounds = structuredClone(computeRangeBounds(sample, keyTypes, order, 5));
      expect(bounds.bounds.length).toBeGreaterThan(1);
      expect(bounds.bounds.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < bounds.bounds.length; i++) {
        expect(refCompareRows(bounds.bounds[i - 1]!, bounds.bounds[i]!, cols.map((_, k) => k), order)).toBeLessThan(0);
      }
      const where = new Map<string, number>();
      const all: unknown[][][] = Array.from({ length: 5 }, () => []);
      for (const chunk of [rows.slice(0, 300), rows.slice(300)]) {
        const parts = partitionBatch(batchOf(output, chunk), types, { kind: 'range', order, numPartitions: 5 }, { rangeBounds: bounds });
        expect(parts).toHaveLength(5);
        parts.forEach((b, p) => all[p]!.push(...rowsOf(b, types)));
      }
      expectSameRows(all, rows);
      all.forEach((pr, p) => {
        for (const row of pr) {
          const k = keyText(row, cols);
          expect(where.get(k) ?? p, k).toBe(p);
          where.set(k, p);
        }
      });
      for (let p = 0; p < 5; p++) {
        for (let q = p + 1; q < 5; q++) {
          for (const a of all[p]!) for (const b of all[q]!) expect(refCompareRows(a, b, cols, order)).toBeLessThan(0);
        }
      }
    });
  }

  it('without a sample (or one partition) sends everything to partition 0', () => {
    const order: SortOrder[] = [{ kind: 'sortOrder', child: bound(0, output[0]!), direction: 'asc', nullOrdering: 'nullsFirst' }];
    expect(computeRangeBounds([], [LongT], order, 4)).toEqual({ bounds: [] });
    expect(computeRangeBounds([batchOf(output, randomRows(10, 6))], [LongT], order, 1)).toEqual({ bounds: [] });
    const rows = randomRows(30, 7);
    const parts = partitionBatch(batchOf(output, rows), types, { kind: 'range', order, numPartitions: 3 }, { rangeBounds: { bounds: [] } });
    expect(parts.map((b) => b.numRows)).toEqual([30, 0, 0]);
  });

  it('dedupes equal bounds when the sample has few distinct keys', () => {
    const order: SortOrder[] = [{ kind: 'sortOrder', child: bound(0, output[0]!), direction: 'asc', nullOrdering: 'nullsFirst' }];
    const rows = Array.from({ length: 40 }, (_, i) => [i < 30 ? 1n : 2n, 'x', 0, i]);
    expect(computeRangeBounds([batchOf(output, rows)], [LongT], order, 8)).toEqual({ bounds: [[1n], [2n]] });
  });

  it('needs bounds', () => {
    const order: SortOrder[] = [{ kind: 'sortOrder', child: bound(0, output[0]!), direction: 'asc', nullOrdering: 'nullsFirst' }];
    expect(() => partitionBatch(batchOf(output, []), types, { kind: 'range', order, numPartitions: 2 })).toThrow(/range bounds/);
  });
});

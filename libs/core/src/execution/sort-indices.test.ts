import { describe, expect, it } from 'vitest';
import { BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT, type DataType } from '../types/data-type.js';
import { prng } from './operators/test-util.js';
import { dataFromPlainValues } from './plain-values.js';
import { type KeyOrder, compareDoubles, makeRowComparator, sortIndices } from './sort-indices.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Reference ordering of plain values of one key (Spark semantics), including nulls. */
function refCompare(x: unknown, y: unknown, o: KeyOrder): number {
  if (x === null || y === null) {
    if (x === y) return 0;
    const nullFirst = o.nullOrdering === 'nullsFirst' ? -1 : 1;
    return x === null ? nullFirst : -nullFirst;
  }
  let c: number;
  if (typeof x === 'number') c = compareDoubles(x, y as number);
  else if (typeof x === 'bigint') c = x < (y as bigint) ? -1 : x > (y as bigint) ? 1 : 0;
  else if (typeof x === 'string') c = Buffer.compare(utf8(x), utf8(y as string));
  else c = Number(x) - Number(y);
  return o.direction === 'desc' ? -c : c;
}

function refSort(cols: unknown[][], order: KeyOrder[], n: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  return idx.sort((a, b) => {
    for (let k = 0; k < cols.length; k++) {
      const c = refCompare(cols[k]![a], cols[k]![b], order[k]!);
      if (c !== 0) return c;
    }
    return a - b;
  });
}

const doubles = [0, -0, 1.5, -1.5, NaN, Infinity, -Infinity, 1e300, -1e-300, 5e-324, 2, 3];
const strings = ['', 'a', 'ab', 'b', 'B', 'é', 'z', '\u{1F600}', '\uFFFF', 'aa', 'abc'];

function randomValue(t: DataType, r: () => number): unknown {
  if (r() < 0.15) return null;
  switch (t.kind) {
    case 'int32': return Math.floor(r() * 20) - 10 + (r() < 0.05 ? 2147483000 : 0) - (r() < 0.05 ? 2147483000 : 0);
    case 'date': return Math.floor(r() * 40) - 20;
    case 'int64': {
      const x = r();
      if (x < 0.03) return -(2n ** 63n);
      if (x < 0.06) return 2n ** 63n - 1n;
      return BigInt(Math.floor(r() * 20) - 10) * (r() < 0.1 ? 10n ** 14n : 1n) * (r() < 0.05 ? 1000n : 1n);
    }
    case 'timestamp': return BigInt(Math.floor(r() * 1e6)) * 1000n - 500000000n;
    case 'float64': return r() < 0.5 ? doubles[Math.floor(r() * doubles.length)]! : Math.round(r() * 100 - 50) / 4;
    case 'string': return strings[Math.floor(r() * strings.length)]!;
    case 'boolean': return r() < 0.5;
    default: return null;
  }
}

const allOrders: KeyOrder[] = [
  { direction: 'asc', nullOrdering: 'nullsFirst' },
  { direction: 'asc', nullOrdering: 'nullsLast' },
  { direction: 'desc', nullOrdering: 'nullsFirst' },
  { direction: 'desc', nullOrdering: 'nullsLast' },
];

function check(types: DataType[], order: KeyOrder[], n: number, seed: number): void {
  const r = prng(seed);
  const vals = types.map((t) => Array.from({ length: n }, () => randomValue(t, r)));
  const cols = types.map((t, k) => dataFromPlainValues(t, vals[k]!));
  const got = Array.from(sortIndices(cols, types, order, n));
  expect(got).toEqual(refSort(vals, order, n));
}

describe('sortIndices', () => {
  const single: DataType[] = [IntegerT, LongT, DoubleT, StringT, BooleanT, DateT, TimestampT];
  for (const t of single) {
    for (const o of allOrders) {
      it(`orders one ${t.kind} key ${o.direction} ${o.nullOrdering}, small and large (radix) inputs`, () => {
        check([t], [o], 50, 1);
        check([t], [o], 3000, 2);
      });
    }
  }

  it('orders multiple keys with mixed directions, stably', () => {
    const combos: DataType[][] = [[IntegerT, StringT], [BooleanT, DoubleT, LongT], [DateT, TimestampT], [StringT, IntegerT, DoubleT]];
    let seed = 10;
    for (const types of combos) {
      for (let rep = 0; rep < 4; rep++) {
        const order = types.map((_, k) => allOrders[(rep + k) % 4]!);
        check(types, order, 80, seed++);
        check(types, order, 2500, seed++);
      }
    }
  });

  it('puts NaN above Infinity and treats -0.0 as 0.0 (stable among them)', () => {
    const vals = [NaN, Infinity, -0, 0, -Infinity, NaN, -0, 1];
    const d = dataFromPlainValues(DoubleT, vals);
    const asc = Array.from(sortIndices([d], [DoubleT], [allOrders[0]!], vals.length));
    expect(asc).toEqual([4, 2, 3, 6, 7, 1, 0, 5]);
    // Same through the radix path: repeat the pattern.
    const big = Array.from({ length: 800 }, (_, i) => vals[i % vals.length]!);
    const bigIdx = sortIndices([dataFromPlainValues(DoubleT, big)], [DoubleT], [allOrders[2]!], big.length);
    const sortedVals = Array.from(bigIdx, (i) => big[i]!);
    expect(sortedVals.slice(0, 200).every(Number.isNaN)).toBe(true);
    expect(sortedVals[200]).toBe(Infinity);
    expect(sortedVals.slice(400, 700).every((x) => x === 0)).toBe(true);
    expect(Array.from(bigIdx.slice(400, 700))).toEqual([...bigIdx.slice(400, 700)].sort((a, b) => a - b));
  });

  it('orders strings by UTF-8 bytes (astral characters after U+FFFF)', () => {
    const vals = ['\u{1F600}', '\uFFFF', 'a', 'é', 'B'];
    const idx = sortIndices([dataFromPlainValues(StringT, vals)], [StringT], [allOrders[0]!], vals.length);
    expect(Array.from(idx, (i) => vals[i])).toEqual(['B', 'a', 'é', '\uFFFF', '\u{1F600}']);
  });

  it('handles empty input, all-null keys, null-typed keys and no keys', () => {
    expect(Array.from(sortIndices([dataFromPlainValues(IntegerT, [])], [IntegerT], [allOrders[0]!], 0))).toEqual([]);
    for (const n of [5, 700]) {
      const nulls = dataFromPlainValues(IntegerT, new Array(n).fill(null));
      const ident = Array.from({ length: n }, (_, i) => i);
      expect(Array.from(sortIndices([nulls], [IntegerT], [allOrders[3]!], n))).toEqual(ident);
      expect(Array.from(sortIndices([dataFromPlainValues(NullT, new Array(n).fill(null))], [NullT], [allOrders[0]!], n))).toEqual(ident);
      expect(Array.from(sortIndices([], [], [], n))).toEqual(ident);
    }
  });

  it('reads sliced key columns at their offset', () => {
    for (const n of [20, 1200]) {
      const r = prng(n);
      for (const t of [IntegerT, LongT, DoubleT, StringT, BooleanT]) {
        const vals = Array.from({ length: n + 7 }, () => randomValue(t, r));
        const d = dataFromPlainValues(t, vals).slice(5, n);
        const got = Array.from(sortIndices([d], [t], [allOrders[1]!], n));
        expect(got).toEqual(refSort([vals.slice(5, 5 + n)], [allOrders[1]!], n));
      }
    }
  });
});

describe('makeRowComparator', () => {
  it('compares rows of two different column sets', () => {
    const a = [dataFromPlainValues(StringT, ['b', null, 'a']), dataFromPlainValues(LongT, [1n, 2n, 3n])];
    const b = [dataFromPlainValues(StringT, ['b', 'a']), dataFromPlainValues(LongT, [5n, 3n])];
    const cmp = makeRowComparator(a, b, [StringT, LongT], [allOrders[1]!, allOrders[2]!]);
    expect(Math.sign(cmp(0, 0))).toBe(1); // ('b',1) vs ('b',5): desc on the second key
    expect(Math.sign(cmp(1, 0))).toBe(1); // NULL last
    expect(cmp(2, 1)).toBe(0);
    expect(Math.sign(cmp(2, 0))).toBe(-1);
  });
});

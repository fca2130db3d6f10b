// The benchmark's cases at kernel level, single-threaded on the generated typed arrays: once with the
// native kernels the engine now calls, once with the TypeScript loops they replaced (ts-loops.ts).
// Batches are 65,536 rows, as the engine's input batches in this benchmark. Each returns the case's answer.
import * as native from '@kindling/native';
import type { KeyedTable } from './data.js';
import { TsInt64Dictionary, tsBuildTable, tsFilter, tsGroupSum, tsHashInt64, tsProbe, tsSum } from './ts-loops.js';

const BATCH = 65_536;
const JOIN_SEED = 0x2f0b5a71;

export type Answer = Record<string, number>;

/** The filter case's predicate as a byte mask (v < 500): the input of filter-by-mask, made outside the timing. */
export function filterMask(t: KeyedTable): Uint8Array {
  const v = t.values.data;
  const mask = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) mask[i] = v[i] < 500 ? 1 : 0;
  return mask;
}

/** As the engine's filterBatch: the mask's selection bitmap, then each column compacted straight from it; per batch. */
export function nativeFilter(t: KeyedTable, mask: Uint8Array): Answer {
  let n = 0;
  let s = 0;
  const v = t.values.data;
  for (let a = 0; a < v.length; a += BATCH) {
    const m = Math.min(BATCH, v.length - a);
    const { selection, count } = native.filterSelection(mask.subarray(a, a + m), m);
    const k = native.filterFixed(t.k.subarray(a, a + m), null, 0, selection, m);
    const vs = native.filterFixed(v.subarray(a, a + m), null, 0, selection, m);
    if (k.values.length !== count) throw new Error('filter: column lengths differ');
    n += count;
    s += native.sumFloat64(vs.values, null, 0, count).sum;
  }
  return { n, s };
}

export function tsFilterCase(t: KeyedTable, mask: Uint8Array): Answer {
  const { k, v } = tsFilter(t.k, t.values.data, mask);
  if (k.length !== v.length) throw new Error('filter: column lengths differ');
  return { n: v.length, s: tsSum(v) };
}

export function nativeSum(t: KeyedTable): Answer {
  return { s: native.sumFloat64(t.values.data, null, 0, t.values.data.length).sum };
}

export function tsSumCase(t: KeyedTable): Answer {
  return { s: tsSum(t.values.data) };
}

export function nativeGroupBy(t: KeyedTable): Answer {
  const d = native.keyDictionaryNew(native.KeyKind.int64);
  const gids = new Int32Array(BATCH);
  let sums = new Float64Array(1024);
  let has = new Uint8Array(1024);
  let size = 0;
  const v = t.values.data;
  try {
    for (let a = 0; a < t.k.length; a += BATCH) {
      const n = Math.min(BATCH, t.k.length - a);
      size = native.keyDictionaryEncode(d, t.k.subarray(a, a + n), null, 0, null, 0, n, gids);
      if (size > sums.length) {
        const s2 = new Float64Array(Math.max(size, 2 * sums.length));
        s2.set(sums);
        sums = s2;
        const h2 = new Uint8Array(s2.length);
        h2.set(has);
        has = h2;
      }
      native.groupSumAsDouble(v.subarray(a, a + n), null, 0, gids, n, sums.subarray(0, size), has);
    }
  } finally {
    native.keyTableRelease(d);
  }
  return { groups: size, total: native.sumFloat64(sums, null, 0, size).sum };
}

export function tsGroupBy(t: KeyedTable): Answer {
  const d = new TsInt64Dictionary();
  const gids = new Int32Array(BATCH);
  let sums = new Float64Array(1024);
  let has = new Uint8Array(1024);
  const v = t.values.data;
  for (let a = 0; a < t.k.length; a += BATCH) {
    const n = Math.min(BATCH, t.k.length - a);
    d.encode(t.k.subarray(a, a + n), n, gids);
    if (d.size > sums.length) {
      const s2 = new Float64Array(Math.max(d.size, 2 * sums.length));
      s2.set(sums);
      sums = s2;
      const h2 = new Uint8Array(s2.length);
      h2.set(has);
      has = h2;
    }
    tsGroupSum(sums, has, v.subarray(a, a + n), gids, n);
  }
  return { groups: d.size, total: tsSum(sums.subarray(0, d.size)) };
}

function nativeHash(keys: BigInt64Array): Uint32Array {
  const acc = new Uint32Array(keys.length).fill(JOIN_SEED);
  native.hashMixInt64(acc, keys, null, 0, keys.length);
  native.hashFinish(acc, 1, keys.length);
  return acc;
}

/** t1 (stream) ⋈ t2 (build) on k; count and sum(v * w) over the pairs (a JS loop in both variants). */
export function nativeJoin(t1: KeyedTable, t2: KeyedTable): Answer {
  const buildKeys: native.JoinKeyColumn[] = [[native.KeyKind.int64, t2.k, null, 0]];
  const table = native.joinTableBuild(nativeHash(t2.k), null, t2.k.length, buildKeys);
  const si = new Int32Array(BATCH);
  const bi = new Int32Array(BATCH);
  const cursor = new Float64Array(2);
  const v = t1.values.data;
  const w = t2.values.data;
  let count = 0;
  let s = 0;
  try {
    for (let a = 0; a < t1.k.length; a += BATCH) {
      const m = Math.min(BATCH, t1.k.length - a);
      const keys = t1.k.subarray(a, a + m);
      const streamKeys: native.JoinKeyColumn[] = [[native.KeyKind.int64, keys, null, 0]];
      const hashes = nativeHash(keys);
      cursor[0] = 0;
      cursor[1] = -1;
      for (let c = native.joinTableProbe(table, hashes, null, m, buildKeys, streamKeys, false, cursor, si, bi); c > 0; ) {
        count += c;
        for (let k = 0; k < c; k++) s += v[a + si[k]] * w[bi[k]];
        c = native.joinTableProbe(table, hashes, null, m, buildKeys, streamKeys, false, cursor, si, bi);
      }
    }
  } finally {
    native.joinTableRelease(table);
  }
  return { n: count, s };
}

export function tsJoin(t1: KeyedTable, t2: KeyedTable): Answer {
  const buildHashes = tsHashInt64(t2.k, JOIN_SEED);
  const table = tsBuildTable(buildHashes);
  const si = new Int32Array(BATCH);
  const bi = new Int32Array(BATCH);
  const v = t1.values.data;
  const w = t2.values.data;
  let count = 0;
  let s = 0;
  for (let a = 0; a < t1.k.length; a += BATCH) {
    const m = Math.min(BATCH, t1.k.length - a);
    const keys = t1.k.subarray(a, a + m);
    const hashes = tsHashInt64(keys, JOIN_SEED);
    const state = { row: 0, cursor: -1, inChain: false };
    for (let c = tsProbe(table, buildHashes, t2.k, hashes, keys, state, si, bi); c > 0; ) {
      count += c;
      for (let k = 0; k < c; k++) s += v[a + si[k]] * w[bi[k]];
      c = tsProbe(table, buildHashes, t2.k, hashes, keys, state, si, bi);
    }
  }
  return { n: count, s };
}

// Micro-benchmark (not a test): each native kernel on 10M rows vs an equivalent plain JS loop (written the
// way libs/core writes its hot loops) vs a memory-bandwidth bound (Buffer.copy of the bytes the kernel reads
// and writes; for random-access take it is only a floor, not a target).
// Single-threaded work is timed in process CPU time (best of several runs), which stays meaningful on a
// shared, loaded machine; the sync/async comparison is wall-clock by nature.
// Usage: node bench/kernels.mjs [rows]   (build first: npm run build)
import { availableParallelism, loadavg } from 'node:os';
import * as k from '../index.js';

const N = Number(process.argv[2] ?? 10_000_000);
const TWO32 = 4294967296;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cpuMs(fn) {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function wallMs(fn) {
  const s = performance.now();
  fn();
  return performance.now() - s;
}

/** Best of `reps` runs after a warm-up (JIT, page faults of fresh outputs), in CPU ms (or wall ms). */
function best(fn, reps, clock = cpuMs) {
  fn();
  let t = Infinity;
  for (let i = 0; i < reps; i++) t = Math.min(t, clock(fn));
  return t;
}

async function bestAsync(fn, reps) {
  await fn();
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    await fn();
    t = Math.min(t, performance.now() - s);
  }
  return t;
}

/** Time to copy `bytes` bytes once: what a kernel that only reads its input could at best approach. */
const copyCache = new Map();
function memcpyMs(bytes) {
  if (!copyCache.has(bytes)) {
    const src = Buffer.alloc(bytes, 1);
    const dst = Buffer.alloc(bytes);
    copyCache.set(bytes, best(() => src.copy(dst), 7));
  }
  return copyCache.get(bytes);
}

const bit = (bm, i) => (bm[i >> 3] & (1 << (i & 7))) !== 0;

// ---- data ----
const r = rng(7);
const i64 = new BigInt64Array(N);
const w64 = new Int32Array(i64.buffer);
for (let i = 0; i < 2 * N; i++) w64[i] = (r() * TWO32) | 0;
const f64 = Float64Array.from({ length: N }, () => r() * 1000 - 500);
const i32 = Int32Array.from({ length: N }, () => (r() * TWO32) | 0);
const validity = new Uint8Array((N + 7) >> 3);
for (let i = 0; i < N; i++) if (r() >= 0.1) validity[i >> 3] |= 1 << (i & 7);
const mask = Uint8Array.from({ length: N }, () => (r() < 0.5 ? 1 : 0));
const indices = Int32Array.from({ length: N }, () => (r() < 0.05 ? -1 : Math.floor(r() * N)));
const keysFew = BigInt64Array.from({ length: N }, () => BigInt(Math.floor(r() * 1000)));
const keysMany = BigInt64Array.from({ length: N }, () => BigInt(Math.floor(r() * 1_000_000)));

// ---- JS loops ----
function jsSumInt64(v, bm, n) {
  // libs/core's SumLongAccumulator style: (lo, hi) word additions with carry.
  const w = new Int32Array(v.buffer, v.byteOffset, n * 2);
  let lo = 0;
  let hi = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (bm !== null && !bit(bm, i)) continue;
    const l = (lo >>> 0) + (w[2 * i] >>> 0);
    lo = l | 0;
    hi = (hi + w[2 * i + 1] + (l >= TWO32 ? 1 : 0)) | 0;
    count++;
  }
  return { lo, hi, count };
}
function jsSumFloat64(v, bm, n) {
  let s = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (bm !== null && !bit(bm, i)) continue;
    s += v[i];
    count++;
  }
  return { s, count };
}
function jsFilter(m, n) {
  let c = 0;
  for (let i = 0; i < n; i++) if (m[i]) c++;
  const out = new Int32Array(c);
  let j = 0;
  for (let i = 0; i < n; i++) if (m[i]) out[j++] = i;
  return out;
}
function jsTake(src, bm, idx, Ctor) {
  // vectors.ts takeData style.
  const n = idx.length;
  const out = new Ctor(n);
  const valid = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const s = idx[i];
    if (s >= 0) out[i] = src[s];
    if (s >= 0 && (bm === null || bit(bm, s))) valid[i >> 3] |= 1 << (i & 7);
  }
  return out;
}
function mixH(h, k) {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
function jsHash(v, bm, n, seed) {
  // hashing.ts style: murmur3 32-bit mixing of the two words, then fmix.
  const w = new Int32Array(v.buffer, v.byteOffset, n * 2);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bm !== null && !bit(bm, i) ? mixH(seed, 0x5bd1e995) : mixH(mixH(seed, w[2 * i]), w[2 * i + 1]);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    out[i] = (h ^ (h >>> 16)) >>> 0;
  }
  return out;
}
function jsGroupBySum(keys, kbm, vals, vbm, n) {
  // Open addressing over (lo, hi) words, dense group ids, typed-array state.
  const w = new Int32Array(keys.buffer, keys.byteOffset, n * 2);
  let cap = 1024;
  let slots = new Int32Array(cap).fill(-1);
  let gk = new Int32Array(2048);
  let sums = new Float64Array(1024);
  let counts = new Float64Array(1024);
  let size = 0;
  let nullGroup = -1;
  const hashOf = (lo, hi) => {
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b9), 0x85ebca6b);
    return h ^ (h >>> 15);
  };
  for (let i = 0; i < n; i++) {
    let g;
    if (kbm !== null && !bit(kbm, i)) {
      if (nullGroup < 0) nullGroup = size++;
      g = nullGroup;
    } else {
      const lo = w[2 * i];
      const hi = w[2 * i + 1];
      let p = hashOf(lo, hi) & (cap - 1);
      for (;;) {
        g = slots[p];
        if (g < 0) {
          g = size++;
          slots[p] = g;
          break;
        }
        if (gk[2 * g] === lo && gk[2 * g + 1] === hi) break;
        p = (p + 1) & (cap - 1);
      }
    }
    if (size * 2 > sums.length) {
      const grow = (a, C) => { const b = new C(a.length * 2); b.set(a); return b; };
      gk = grow(gk, Int32Array);
      sums = grow(sums, Float64Array);
      counts = grow(counts, Float64Array);
    }
    if (size * 2 > cap) {
      cap *= 2;
      slots = new Int32Array(cap).fill(-1);
      for (let q = 0; q < size; q++) {
        if (q === nullGroup) continue;
        let p = hashOf(gk[2 * q], gk[2 * q + 1]) & (cap - 1);
        while (slots[p] >= 0) p = (p + 1) & (cap - 1);
        slots[p] = q;
      }
    }
    if (g !== nullGroup) {
      gk[2 * g] = w[2 * i];
      gk[2 * g + 1] = w[2 * i + 1];
    }
    if (vbm === null || bit(vbm, i)) {
      sums[g] += vals[i];
      counts[g]++;
    }
  }
  return size;
}

// ---- runs ----
const rows = [];
function row(name, nativeMs, jsMs, bytesRead) {
  bytesRead = Math.round(bytesRead);
  rows.push({ name, nativeMs, jsMs, copyMs: memcpyMs(bytesRead), bytesRead });
}
const vb = (N + 7) >> 3;
row('sumInt64 (no nulls)', best(() => k.sumInt64(i64, null, 0, N), 5), best(() => jsSumInt64(i64, null, N), 3), 8 * N);
row('sumInt64 (10% nulls)', best(() => k.sumInt64(i64, validity, 0, N), 5), best(() => jsSumInt64(i64, validity, N), 3), 8 * N + vb);
row('sumFloat64 (no nulls)', best(() => k.sumFloat64(f64, null, 0, N), 5), best(() => jsSumFloat64(f64, null, N), 3), 8 * N);
row('sumFloat64 (10% nulls)', best(() => k.sumFloat64(f64, validity, 0, N), 5), best(() => jsSumFloat64(f64, validity, N), 3), 8 * N + vb);
row('filterMaskToIndices (50%)', best(() => k.filterMaskToIndices(mask, N), 5), best(() => jsFilter(mask, N), 3), N + 4 * N / 2);
row('takeInt64 (random, 5% -1)', best(() => k.takeInt64(i64, validity, 0, indices), 3), best(() => jsTake(i64, validity, indices, BigInt64Array), 3), 4 * N + 8 * N);
row('takeFloat64 (random, 5% -1)', best(() => k.takeFloat64(f64, validity, 0, indices), 3), best(() => jsTake(f64, validity, indices, Float64Array), 3), 4 * N + 8 * N);
row('takeInt32 (random, 5% -1)', best(() => k.takeInt32(i32, validity, 0, indices), 3), best(() => jsTake(i32, validity, indices, Int32Array), 3), 4 * N + 4 * N);
row('hashInt64 (10% nulls)', best(() => k.hashInt64(i64, validity, 0, N, 42), 5), best(() => jsHash(i64, validity, N, 42), 3), 8 * N + vb);
row('groupByInt64Sum (1k groups)', best(() => k.groupByInt64Sum(keysFew, validity, 0, f64, null, 0, N), 3), best(() => jsGroupBySum(keysFew, validity, f64, null, N), 3), 16 * N);
row('groupByInt64Sum (1M groups)', best(() => k.groupByInt64Sum(keysMany, validity, 0, f64, null, 0, N), 3), best(() => jsGroupBySum(keysMany, validity, f64, null, N), 3), 16 * N);

// ---- the engine's kernels (each beside a JS loop written as libs/core wrote it before the kernel) ----
const B = 65_536; // the engine's batch size: kernels that the engine calls per batch are timed per batch
const perBatch = (n, fn) => {
  for (let a = 0; a < n; a += B) fn(a, Math.min(B, n - a));
};
const keys100 = BigInt64Array.from({ length: N }, () => BigInt(Math.floor(r() * 100)));
const gids100 = Int32Array.from(keys100, (x) => Number(x));
const gids1M = Int32Array.from(keysMany, (x) => Number(x));
const sel = k.filterSelection(mask, N).selection;

function jsEncode(keys, n) {
  // Map-keyed first-seen codes (the TS KeyEncoder's fixed-width path before keyDictionary*).
  const m = new Map();
  const out = new Int32Array(B);
  perBatch(n, (a, len) => {
    for (let i = 0; i < len; i++) {
      const x = keys[a + i];
      let c = m.get(x);
      if (c === undefined) m.set(x, (c = m.size));
      out[i] = c;
    }
  });
  return m.size;
}
function nativeEncode(keys, n) {
  const d = k.keyDictionaryNew(k.KeyKind.int64);
  const out = new Int32Array(B);
  let size = 0;
  perBatch(n, (a, len) => (size = k.keyDictionaryEncode(d, keys.subarray(a, a + len), null, 0, null, 0, len, out.subarray(0, len))));
  k.keyTableRelease(d);
  return size;
}
function jsGroupSumAsDouble(v, gids, n, sums, has) {
  for (let i = 0; i < n; i++) {
    const g = gids[i];
    sums[g] += v[i];
    has[g] = 1;
  }
}
function jsGroupMax(v, gids, n, state, valid) {
  for (let i = 0; i < n; i++) {
    const g = gids[i];
    const x = v[i];
    if (!valid[g] || x > state[g] || (x !== x && state[g] === state[g])) {
      state[g] = x;
      valid[g] = 1;
    }
  }
}
function jsFilterCompact(src, m, n, Ctor) {
  return jsTake(src, null, jsFilter(m, n), Ctor);
}
function jsCompareLtScalar(v, bm, c, n) {
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if ((bm === null || bit(bm, i)) && v[i] < c) out[i >> 3] |= 1 << (i & 7);
  return out;
}
function jsAdd(a, b, n) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
  return out;
}
function jsMulWrap(a, b, n) {
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, a[i] * b[i]);
  return out;
}
function jsAnd3(ab, av, bb, bv, n) {
  const out = new Uint8Array((n + 7) >> 3);
  const val = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const aNull = !bit(av, i);
    const bNull = !bit(bv, i);
    const a = bit(ab, i);
    const b = bit(bb, i);
    // FALSE wins over NULL.
    if ((!aNull && !a) || (!bNull && !b)) val[i >> 3] |= 1 << (i & 7);
    else if (!aNull && !bNull) {
      val[i >> 3] |= 1 << (i & 7);
      out[i >> 3] |= 1 << (i & 7);
    }
  }
  return out;
}
function jsTrueMask(bits, bm, n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bit(bits, i) && bit(bm, i) ? 1 : 0;
  return out;
}
function jsSortIndices(v, n) {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  return idx.sort((x, y) => (v[x] < v[y] ? -1 : v[x] > v[y] ? 1 : x - y));
}
function jsJoin(buildKeys, probeKeys) {
  const m = new Map();
  for (let i = 0; i < buildKeys.length; i++) m.set(buildKeys[i], i);
  let c = 0;
  for (let i = 0; i < probeKeys.length; i++) if (m.get(probeKeys[i]) !== undefined) c++;
  return c;
}
function nativeJoin(buildKeys, probeKeys) {
  const hash = (x) => {
    const acc = new Uint32Array(x.length).fill(42);
    k.hashMixInt64(acc, x, null, 0, x.length);
    k.hashFinish(acc, 1, x.length);
    return acc;
  };
  const bk = [[k.KeyKind.int64, buildKeys, null, 0]];
  const t = k.joinTableBuild(hash(buildKeys), null, buildKeys.length, bk);
  const si = new Int32Array(B);
  const bi = new Int32Array(B);
  const cursor = new Float64Array(2);
  let c = 0;
  perBatch(probeKeys.length, (a, len) => {
    const keys = probeKeys.subarray(a, a + len);
    const h = hash(keys);
    cursor[0] = 0;
    cursor[1] = -1;
    for (let got; (got = k.joinTableProbe(t, h, null, len, bk, [[k.KeyKind.int64, keys, null, 0]], false, cursor, si, bi)) > 0; ) c += got;
  });
  k.joinTableRelease(t);
  return c;
}
function jsCountDistinct(gids, vals, n) {
  const s = new Set();
  for (let i = 0; i < n; i++) s.add(gids[i] * 4294967296 + vals[i]);
  return s.size;
}
function nativeCountDistinct(gids, vals, n) {
  const p = k.pairTableNew();
  perBatch(n, (a, len) => k.pairTableInsert(p, gids.subarray(a, a + len), vals.subarray(a, a + len), len, []));
  const counts = new BigInt64Array(100);
  k.pairTableCountLefts(p, counts);
  k.keyTableRelease(p);
  return counts;
}
// Strings: ~2M rows of 4–19 ASCII bytes.
const SN = Math.min(N, 2_000_000);
const words8 = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const strs = Array.from({ length: SN }, () => words8[Math.floor(r() * 8)] + Math.floor(r() * 1e6).toString(36));
const sBytes = Buffer.from(strs.join(''));
const sOffsets = new Int32Array(SN + 1);
for (let i = 0; i < SN; i++) sOffsets[i + 1] = sOffsets[i] + strs[i].length;
const pat = Buffer.from('%lta%');
const pOffsets = Int32Array.from([0, pat.length]);
const sMask = mask.subarray(0, SN);
const sIndices = indices.subarray(0, SN).map((x) => (x < 0 ? -1 : x % SN));
const sSel = k.filterSelection(sMask, SN).selection;
const utf8 = new TextDecoder();
function jsLike(n) {
  const re = /^.*lta.*$/s;
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (re.test(utf8.decode(sBytes.subarray(sOffsets[i], sOffsets[i + 1])))) out[i >> 3] |= 1 << (i & 7);
  return out;
}
function jsUpper(n) {
  const enc = new TextEncoder();
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(enc.encode(utf8.decode(sBytes.subarray(sOffsets[i], sOffsets[i + 1])).toUpperCase()));
  return parts.length;
}
function jsFilterString(m, n) {
  let total = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (!m[i]) continue;
    total += sOffsets[i + 1] - sOffsets[i];
    c++;
  }
  const o = new Int32Array(c + 1);
  const b = new Uint8Array(total);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (!m[i]) continue;
    b.set(sBytes.subarray(sOffsets[i], sOffsets[i + 1]), o[j]);
    o[j + 1] = o[j] + sOffsets[i + 1] - sOffsets[i];
    j++;
  }
  return o;
}
const sortN = Math.min(N, 1_000_000);
const i64s = i64.subarray(0, sortN);
const buildKeys = BigInt64Array.from({ length: N / 10 }, (_, i) => BigInt(2 * i));
const probeKeys = BigInt64Array.from({ length: N }, () => BigInt(Math.floor(r() * (N / 5))));
const bitsA = Uint8Array.from({ length: vb }, () => Math.floor(r() * 256));
const bitsB = Uint8Array.from({ length: vb }, () => Math.floor(r() * 256));
const i64b = BigInt64Array.from({ length: N }, () => BigInt(Math.floor(r() * 1e6)));
const distinctVals = Int32Array.from({ length: N }, () => Math.floor(r() * 1000));

row('filterSelection+filterFixed i64 (50%)', best(() => perBatch(N, (a, len) => k.filterFixed(i64.subarray(a, a + len), null, 0, k.filterSelection(mask.subarray(a, a + len), len).selection, len)), 5), best(() => jsFilterCompact(i64, mask, N, BigInt64Array), 3), N + 8 * N + 4 * N);
row('filterFixed f64 (50%, mask given)', best(() => k.filterFixed(f64, null, 0, sel, N), 5), best(() => jsFilterCompact(f64, mask, N, Float64Array), 3), N / 8 + 8 * N + 4 * N);
row('filterString (50%, strings)', best(() => k.filterString(sOffsets, sBytes, null, 0, sSel, SN), 5), best(() => jsFilterString(sMask, SN), 3), 4 * SN + sBytes.length * 1.5 + 2 * SN);
row('takeString (random, strings)', best(() => k.takeString(sOffsets, sBytes, null, 0, SN, sIndices), 3), 0, 4 * SN + 2 * sBytes.length + 4 * SN);
row('hashMixInt64+hashFinish', best(() => { const acc = new Uint32Array(N).fill(42); k.hashMixInt64(acc, i64, validity, 0, N); k.hashFinish(acc, 1, N); }, 5), best(() => jsHash(i64, validity, N, 42), 3), 8 * N + vb + 8 * N);
row('hashMixString (strings)', best(() => { const acc = new Uint32Array(SN).fill(42); k.hashMixString(acc, sOffsets, sBytes, null, 0, SN); }, 5), 0, 4 * SN + sBytes.length + 8 * SN);
row('keyDictionaryEncode i64, 100 keys', best(() => nativeEncode(keys100, N), 5), best(() => jsEncode(keys100, N), 3), 8 * N + 4 * N);
row('keyDictionaryEncode i64, 1M keys', best(() => nativeEncode(keysMany, N), 3), best(() => jsEncode(keysMany, N), 3), 8 * N + 4 * N);
{
  const s100 = new Float64Array(100), h100 = new Uint8Array(100), s1M = new Float64Array(1_000_000), h1M = new Uint8Array(1_000_000);
  row('groupSumAsDouble, 100 groups', best(() => k.groupSumAsDouble(f64, null, 0, gids100, N, s100, h100), 5), best(() => jsGroupSumAsDouble(f64, gids100, N, s100, h100), 3), 12 * N);
  row('groupSumAsDouble, 1M groups', best(() => k.groupSumAsDouble(f64, null, 0, gids1M, N, s1M, h1M), 5), best(() => jsGroupSumAsDouble(f64, gids1M, N, s1M, h1M), 3), 12 * N);
  const c100 = new BigInt64Array(100);
  row('groupCount, 100 groups', best(() => k.groupCount(gids100, N, c100, null), 5), best(() => { const c = new Float64Array(100); for (let i = 0; i < N; i++) c[gids100[i]]++; }, 3), 4 * N);
  row('groupMinMax max f64, 100 groups', best(() => k.groupMinMax(f64, null, 0, gids100, N, s100, h100, 1), 5), best(() => jsGroupMax(f64, gids100, N, s100, h100), 3), 12 * N);
}
row('pairTableInsert (COUNT DISTINCT, 100×1k)', best(() => nativeCountDistinct(gids100, distinctVals, N), 3), best(() => jsCountDistinct(gids100, distinctVals, N), 3), 8 * N);
row('joinTableBuild+Probe N/10 × N', best(() => nativeJoin(buildKeys, probeKeys), 3), best(() => jsJoin(buildKeys, probeKeys), 3), 8 * (N + N / 10));
row('sortIndices i64 (sort rows)', best(() => k.sortIndices([[k.KeyKind.int64, i64s, null, 0, null, 0, false, false]], sortN), 3), best(() => jsSortIndices(i64s, sortN), 3), 12 * sortN);
row('compareOp f64 < scalar (10% nulls)', best(() => k.compareOp(k.CmpOp.lt, [k.KeyKind.float64, f64, null, 0], validity, 0, false, [k.KeyKind.float64, Float64Array.of(0), null, 0], null, 0, true, N), 5), best(() => jsCompareLtScalar(f64, validity, 0, N), 3), 8 * N + vb + vb);
row('arithmetic f64 + f64', best(() => k.arithmetic(k.ArithOp.add, f64, null, 0, false, f64, null, 0, false, N, false), 5), best(() => jsAdd(f64, f64, N), 3), 24 * N);
row('arithmetic i64 * i64 (wrap)', best(() => k.arithmetic(k.ArithOp.multiply, i64b, null, 0, false, i64b, null, 0, false, N, false), 5), best(() => jsMulWrap(i64b, i64b, N / 10), 1) * 10, 24 * N);
row('logic AND (3VL)', best(() => k.logic(k.LogicOp.and, N, bitsA, 0, validity, 0, bitsB, 0, validity, 0), 5), best(() => jsAnd3(bitsA, validity, bitsB, validity, N), 3), 6 * vb);
row('trueMask', best(() => k.trueMask(bitsA, 0, validity, 0, N), 5), best(() => jsTrueMask(bitsA, validity, N), 3), 2 * vb + N);
row("like '%lta%' (strings)", best(() => k.like(sOffsets, sBytes, null, 0, false, pOffsets, pat, null, 0, true, SN), 5), best(() => jsLike(SN), 3), 4 * SN + sBytes.length + SN / 8);
row('caseMap upper, ASCII (strings)', best(() => k.caseMap(true, sOffsets, sBytes, null, 0, SN, null), 5), best(() => jsUpper(SN), 3), 8 * SN + 2 * sBytes.length);

const fmt = (x, d = 1) => x.toFixed(d).padStart(8);
console.log(
  `\nkernels on ${N.toLocaleString('en')} rows (strings ${SN.toLocaleString('en')}, sort ${sortN.toLocaleString('en')}): best-of-runs CPU ms; node ${process.version}; ` +
    `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores\n`,
);
console.log(`${'kernel'.padEnd(42)}${'native'.padStart(8)}${'JS loop'.padStart(9)}${'JS/nat'.padStart(8)}${'memcpy'.padStart(8)}${'nat/memcpy'.padStart(11)}${'Mrows/s'.padStart(9)}${'GB/s'.padStart(7)}  bytes touched`);
for (const x of rows) {
  const rowsIn = /strings\)/.test(x.name) ? SN : /sort rows/.test(x.name) ? sortN : /N\/10 × N/.test(x.name) ? N + N / 10 : N;
  console.log(
    `${x.name.padEnd(42)}${fmt(x.nativeMs)} ${x.jsMs > 0 ? fmt(x.jsMs) : '       —'}${x.jsMs > 0 ? fmt(x.jsMs / x.nativeMs) : '       —'}${fmt(x.copyMs)}${fmt(x.nativeMs / x.copyMs).padStart(11)}` +
      `${fmt(rowsIn / x.nativeMs / 1000, 0).padStart(9)}${fmt(x.bytesRead / x.nativeMs / 1e6, 2).padStart(7)}  ${(x.bytesRead / 2 ** 20).toFixed(0)} MiB`,
  );
}

// ---- sync vs async group-by ----
console.log('\ngroupByInt64Sum vs groupByInt64SumAsync, 1k groups: best-of-runs WALL ms\n');
console.log(`${'rows'.padStart(11)}${'sync'.padStart(9)}${'async'.padStart(9)}${'2×sync'.padStart(9)}${'2×async ∥'.padStart(11)}${'loop blocked (async)'.padStart(22)}`);
for (const n of [1_000, 10_000, 100_000, 1_000_000, N]) {
  const reps = n <= 100_000 ? 50 : 3;
  const kk = keysFew.subarray(0, n);
  const vv = f64.subarray(0, n);
  const sync = best(() => k.groupByInt64Sum(kk, null, 0, vv, null, 0, n), reps, wallMs);
  const asyncMs = await bestAsync(() => k.groupByInt64SumAsync(kk, null, 0, vv, null, 0, n), reps);
  const twoSync = best(
    () => {
      k.groupByInt64Sum(kk, null, 0, vv, null, 0, n);
      k.groupByInt64Sum(kk, null, 0, vv, null, 0, n);
    },
    reps,
    wallMs,
  );
  const twoAsync = await bestAsync(
    () => Promise.all([k.groupByInt64SumAsync(kk, null, 0, vv, null, 0, n), k.groupByInt64SumAsync(kk, null, 0, vv, null, 0, n)]),
    reps,
  );
  // Longest gap between event-loop turns while one async call runs: how long JS was blocked.
  let maxGap = 0;
  let last = performance.now();
  let done = false;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  await k.groupByInt64SumAsync(kk, null, 0, vv, null, 0, n);
  done = true;
  await new Promise((res) => setImmediate(res));
  console.log(`${n.toLocaleString('en').padStart(11)}${fmt(sync, 2)} ${fmt(asyncMs, 2)} ${fmt(twoSync, 2)} ${fmt(twoAsync, 2).padStart(10)} ${fmt(maxGap, 2).padStart(21)}`);
}

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

const fmt = (x, d = 1) => x.toFixed(d).padStart(8);
console.log(
  `\nkernels on ${N.toLocaleString('en')} rows: best-of-runs CPU ms; node ${process.version}; ` +
    `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores\n`,
);
console.log(`${'kernel'.padEnd(30)}${'native'.padStart(8)}${'JS loop'.padStart(9)}${'JS/nat'.padStart(8)}${'memcpy'.padStart(8)}${'nat/memcpy'.padStart(11)}  bytes touched`);
for (const x of rows) {
  console.log(
    `${x.name.padEnd(30)}${fmt(x.nativeMs)} ${fmt(x.jsMs)}${fmt(x.jsMs / x.nativeMs)}${fmt(x.copyMs)}${fmt(x.nativeMs / x.copyMs).padStart(11)}  ${(x.bytesRead / 2 ** 20).toFixed(0)} MiB`,
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

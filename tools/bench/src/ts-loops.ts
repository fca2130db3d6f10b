// The engine's TypeScript loops before the native kernels replaced them (libs/core, 2026-11-24), kept here
// only so the benchmark can show them beside the kernels. Specialised to the benchmark's column types
// (int64 keys, double values, no NULLs): these are the code paths the engine ran for them.

function hashWords(lo: number, hi: number): number {
  let h = Math.imul(lo, 0xcc9e2d51) ^ Math.imul(hi ^ 0x5bd1e995, 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function grownInt32(a: Int32Array, min: number): Int32Array {
  if (min <= a.length) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

const words = (v: BigInt64Array | Float64Array) => new Int32Array(v.buffer, v.byteOffset, v.length * 2);

/** vectors.filterBatch (mask → indices) + takeData for the int64 and double columns. */
export function tsFilter(k: BigInt64Array, v: Float64Array, mask: Uint8Array): { k: BigInt64Array; v: Float64Array } {
  const rows = mask.length;
  let n = 0;
  for (let i = 0; i < rows; i++) if (mask[i]) n++;
  const idx = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < rows; i++) if (mask[i]) idx[j++] = i;
  const ok = new BigInt64Array(n);
  const ov = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = idx[i];
    if (s >= 0) ok[i] = k[s];
  }
  for (let i = 0; i < n; i++) {
    const s = idx[i];
    if (s >= 0) ov[i] = v[s];
  }
  return { k: ok, v: ov };
}

/** A plain sum loop (the accumulators' global-aggregate path). */
export function tsSum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

/** column-dictionary.Int64Dictionary: dense first-seen codes of int64 keys, as (lo, hi) words. */
export class TsInt64Dictionary {
  size = 0;
  private lo: Int32Array = new Int32Array(16);
  private hi: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(32);

  encode(keys: BigInt64Array, n: number, out: Int32Array): void {
    const w = words(keys);
    let slots = this.slots;
    let mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      const a = w[2 * i];
      const b = w[2 * i + 1];
      let h = hashWords(a, b) & mask;
      for (;;) {
        const s = slots[h];
        if (s === 0) {
          const code = this.size++;
          this.lo = grownInt32(this.lo, this.size);
          this.hi = grownInt32(this.hi, this.size);
          this.lo[code] = a;
          this.hi[code] = b;
          slots[h] = code + 1;
          out[i] = code;
          if (this.size * 2 > slots.length) {
            this.rehash();
            slots = this.slots;
            mask = slots.length - 1;
          }
          break;
        }
        if (this.lo[s - 1] === a && this.hi[s - 1] === b) {
          out[i] = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 0; c < this.size; c++) {
      let h = hashWords(this.lo[c], this.hi[c]) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = c + 1;
    }
    this.slots = slots;
  }
}

/** numeric-accumulators.SumDoubleAccumulator.update. */
export function tsGroupSum(sums: Float64Array, has: Uint8Array, v: Float64Array, gids: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const g = gids[i];
    sums[g] += v[i];
    has[g] = 1;
  }
}

function mixK(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}
function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** hashing.hashColumns over one int64 column. */
export function tsHashInt64(keys: BigInt64Array, seed: number): Uint32Array {
  const n = keys.length;
  const acc = new Int32Array(n).fill(seed | 0);
  const w = words(keys);
  for (let i = 0; i < n; i++) acc[i] = mixH(mixH(acc[i], w[2 * i]), w[2 * i + 1]);
  const out = new Uint32Array(acc.buffer);
  for (let i = 0; i < n; i++) out[i] = fmix(acc[i] ^ 1);
  return out;
}

/** hash-join.buildTable: chains in input order. */
export function tsBuildTable(hashes: Uint32Array): { head: Int32Array; next: Int32Array; mask: number } {
  const n = hashes.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const head = new Int32Array(size).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let r = n - 1; r >= 0; r--) {
    const b = hashes[r] & mask;
    next[r] = head[b];
    head[b] = r;
  }
  return { head, next, mask };
}

/** hash-join.Prober.fill for one int64 key: up to si.length pairs per call, resuming from `state`. */
export function tsProbe(
  table: { head: Int32Array; next: Int32Array; mask: number },
  buildHashes: Uint32Array,
  buildKeys: BigInt64Array,
  streamHashes: Uint32Array,
  streamKeys: BigInt64Array,
  state: { row: number; cursor: number; inChain: boolean },
  si: Int32Array,
  bi: Int32Array,
): number {
  const { head, next, mask } = table;
  const bw = words(buildKeys);
  const sw = words(streamKeys);
  const cap = si.length;
  const m = streamKeys.length;
  let count = 0;
  let s = state.row;
  let c = state.cursor;
  while (s < m) {
    if (!state.inChain) {
      c = head[streamHashes[s] & mask];
      state.inChain = true;
    }
    const h = streamHashes[s];
    while (c !== -1) {
      if (count === cap) {
        state.row = s;
        state.cursor = c;
        return count;
      }
      if (buildHashes[c] === h && bw[2 * c] === sw[2 * s] && bw[2 * c + 1] === sw[2 * s + 1]) {
        si[count] = s;
        bi[count] = c;
        count++;
      }
      c = next[c];
    }
    state.inChain = false;
    s++;
  }
  state.row = s;
  state.cursor = -1;
  return count;
}

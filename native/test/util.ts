// Seeded random Arrow-like columns and straightforward JS reference implementations of the kernels.

/** mulberry32: a small seeded PRNG, so every failure reproduces. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function getBit(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3] >> (i & 7)) & 1) === 1;
}

/**
 * A validity bitmap of exactly ceil((offset + length) / 8) bytes (so any over-read leaves the buffer)
 * with row i valid with probability 1 - nullRate; bits before offset are random garbage.
 */
export function randomValidity(r: () => number, offset: number, length: number, nullRate: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil((offset + length) / 8));
  for (let b = 0; b < offset; b++) if (r() < 0.5) bits[b >> 3] |= 1 << (b & 7);
  for (let i = 0; i < length; i++) {
    const b = offset + i;
    if (r() >= nullRate) bits[b >> 3] |= 1 << (b & 7);
  }
  return bits;
}

export function isValid(validity: Uint8Array | null, offset: number, i: number): boolean {
  return validity === null || getBit(validity, offset + i);
}

export function randomInt64s(r: () => number, length: number, distinct?: number): BigInt64Array {
  const out = new BigInt64Array(length);
  for (let i = 0; i < length; i++) {
    if (distinct !== undefined) {
      out[i] = BigInt(Math.floor(r() * distinct)) - BigInt(distinct >> 1);
    } else {
      // Full 64-bit range, with the extremes now and then, so wrapping sums are exercised.
      const x = r();
      if (x < 0.02) out[i] = -(1n << 63n);
      else if (x < 0.04) out[i] = (1n << 63n) - 1n;
      else out[i] = BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
    }
  }
  return out;
}

export function randomFloat64s(r: () => number, length: number, special = false): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = r();
    if (special && x < 0.01) out[i] = NaN;
    else if (special && x < 0.02) out[i] = -0;
    else out[i] = (r() - 0.5) * 10 ** Math.floor(r() * 12 - 4);
  }
  return out;
}

export function refSumInt64(v: BigInt64Array, validity: Uint8Array | null, off: number, n: number) {
  let sum = 0n;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (isValid(validity, off, i)) {
      sum = BigInt.asIntN(64, sum + v[i]);
      count++;
    }
  }
  return { sum, count };
}

/** The documented 4-lane order of sumFloat64. */
export function refSumFloat64(v: Float64Array, validity: Uint8Array | null, off: number, n: number) {
  const lane = [0, 0, 0, 0];
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (isValid(validity, off, i)) {
      lane[i & 3] += v[i];
      count++;
    }
  }
  return { sum: lane[0] + lane[1] + (lane[2] + lane[3]), count };
}

export function refFilter(mask: Uint8Array, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i] !== 0) out.push(i);
  return Int32Array.from(out);
}

type Typed = BigInt64Array | Float64Array | Int32Array;

/** Plain take: {values (0 at nulls), valid flags per row, nullCount}. */
export function refTake<T extends Typed>(values: T, validity: Uint8Array | null, off: number, idx: Int32Array) {
  const out = new (values.constructor as new (n: number) => T)(idx.length);
  const valid: boolean[] = [];
  let nullCount = 0;
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    if (j >= 0 && isValid(validity, off, j)) {
      out[i] = values[j];
      valid.push(true);
    } else {
      valid.push(false);
      nullCount++;
    }
  }
  return { values: out, valid, nullCount };
}

/** Valid flags of rows [0, n) of a bitmap with offset 0 (null bitmap → all valid). */
export function validFlags(bits: Uint8Array | null, n: number): boolean[] {
  return Array.from({ length: n }, (_, i) => bits === null || getBit(bits, i));
}

const M64 = (1n << 64n) - 1n;
function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & M64;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & M64;
  k ^= k >> 33n;
  return k;
}

export function refHashInt64(v: BigInt64Array, validity: Uint8Array | null, off: number, n: number, seed: number) {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = isValid(validity, off, i)
      ? Number(fmix64((BigInt.asUintN(64, v[i]) + BigInt(seed) * 0x9e3779b97f4a7c15n) & M64) & 0xffffffffn)
      : seed;
  }
  return out;
}

/** Groups in order of first appearance; NULL key = null. */
export function refGroupBySum(
  keys: BigInt64Array,
  kv: Uint8Array | null,
  koff: number,
  vals: Float64Array,
  vv: Uint8Array | null,
  voff: number,
  n: number,
) {
  const groups = new Map<bigint | null, { sum: number; count: bigint }>();
  for (let i = 0; i < n; i++) {
    const k = isValid(kv, koff, i) ? keys[i] : null;
    let g = groups.get(k);
    if (g === undefined) {
      g = { sum: 0, count: 0n };
      groups.set(k, g);
    }
    if (isValid(vv, voff, i)) {
      g.sum += vals[i];
      g.count++;
    }
  }
  return [...groups].map(([key, g]) => ({ key, sum: g.sum, count: g.count }));
}

/** Rows of a native group-by result in the reference's shape. */
export function groupRows(r: {
  keys: BigInt64Array;
  keyValidity: Uint8Array | null;
  sums: Float64Array;
  counts: BigInt64Array;
  numGroups: number;
}) {
  return Array.from({ length: r.numGroups }, (_, g) => ({
    key: r.keyValidity === null || getBit(r.keyValidity, g) ? r.keys[g] : null,
    sum: r.sums[g],
    count: r.counts[g],
  }));
}

/** Lengths around the 64-row block and 8-row byte boundaries, plus a larger one. */
export const LENGTHS = [0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 10_007];
export const OFFSETS = [0, 1, 5, 8, 13];

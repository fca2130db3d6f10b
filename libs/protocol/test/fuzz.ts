// Frame mutators for the verifier fuzz test: a seeded PRNG plus random, bit-flipped, truncated, extended,
// offset-corrupted and spliced variants of valid frames.

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING_U32 = [0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff];

export class Mutator {
  constructor(private readonly rnd: () => number, private readonly corpus: readonly Uint8Array[]) {}

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  randomBytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  /** One fuzz input and the name of the strategy that made it. */
  next(): { bytes: Uint8Array; strategy: string } {
    const r = this.int(100);
    if (r < 5) return { bytes: this.randomBytes(this.int(160)), strategy: 'random' };
    if (r < 10) {
      // Random body behind a plausible header: identifier and a small root offset.
      const u = this.randomBytes(8 + this.int(200));
      new DataView(u.buffer).setUint32(0, 8 + 4 * this.int(8), true);
      u.set([0x4b, 0x44, 0x4c, 0x31], 4);
      return { bytes: u, strategy: 'random-with-header' };
    }
    let u: Uint8Array = this.corpus[this.int(this.corpus.length)]!.slice();
    const rounds = 1 + this.int(3);
    const names: string[] = [];
    for (let k = 0; k < rounds; k++) {
      const m = this.int(8);
      names.push(['bitflip', 'byte', 'truncate', 'extend', 'u32', 'u16', 'splice', 'delta'][m]!);
      u = this.mutate(u, m);
    }
    return { bytes: u, strategy: names.join('+') };
  }

  private mutate(u: Uint8Array, m: number): Uint8Array {
    if (u.length === 0) return u;
    const dv = new DataView(u.buffer, u.byteOffset, u.byteLength);
    switch (m) {
      case 0: { // bit flips
        const flips = 1 + this.int(8);
        for (let i = 0; i < flips; i++) u[this.int(u.length)]! ^= 1 << this.int(8);
        return u;
      }
      case 1: // one byte set to an edge value
        u[this.int(u.length)] = [0, 1, 0x7f, 0x80, 0xfe, 0xff][this.int(6)]!;
        return u;
      case 2: // truncation
        return u.slice(0, this.int(u.length));
      case 3: { // extension with random or zero bytes
        const extra = this.int(2) === 0 ? this.randomBytes(1 + this.int(64)) : new Uint8Array(1 + this.int(64));
        const out = new Uint8Array(u.length + extra.length);
        out.set(u);
        out.set(extra, u.length);
        return out;
      }
      case 4: { // a 4-aligned word (offsets, lengths, soffsets) set to an edge or random value
        if (u.length < 4) return u;
        const at = 4 * this.int(u.length >> 2);
        const v = this.int(2) === 0 ? INTERESTING_U32[this.int(INTERESTING_U32.length)]! : this.int(u.length * 2);
        dv.setUint32(at, v >>> 0, true);
        return u;
      }
      case 5: { // a 2-aligned u16 (vtable entries and sizes)
        if (u.length < 2) return u;
        const at = 2 * this.int(u.length >> 1);
        dv.setUint16(at, [0, 2, 4, 6, 8, 0x7fff, 0x8000, 0xffff, this.int(u.length)][this.int(9)]!, true);
        return u;
      }
      case 6: { // splice with another frame
        const other = this.corpus[this.int(this.corpus.length)]!;
        const cut = this.int(u.length);
        const from = this.int(other.length);
        const out = new Uint8Array(cut + other.length - from);
        out.set(u.subarray(0, cut));
        out.set(other.subarray(from), cut);
        return out;
      }
      default: { // a word nudged by a small delta (off-by-a-few offsets)
        if (u.length < 4) return u;
        const at = 4 * this.int(u.length >> 2);
        dv.setInt32(at, dv.getInt32(at, true) + (this.int(33) - 16), true);
        return u;
      }
    }
  }
}

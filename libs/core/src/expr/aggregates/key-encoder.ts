// Dense ids for multi-column keys: each column gets a dictionary code, and codes are combined pairwise
// ((c1, c2) → id, (id, c3) → id', …) through integer pair tables. Ids are dense and in first-seen order.
import type * as arrow from 'apache-arrow';
import { native } from '../../execution/kernels.js';
import type { DataType } from '../../types/data-type.js';
import { type ColumnDictionary, createColumnDictionary } from './column-dictionary.js';

/** Maps pairs of non-negative ints to dense ids, in first-seen order (a native hash table). */
export class PairTable {
  size = 0;
  readonly handle = native.pairTableNew();

  /** out[i] = id of (as[i], bs[i]) for i < n, creating new ids; `out` may be `as`. */
  encode(as: Int32Array, bs: Int32Array, n: number, out: Int32Array): void {
    this.size = native.pairTableEncode(this.handle, as, bs, n, out);
  }

  /** Adds the pairs of rows i < n with as[i] >= 0 that are valid in every bitmap of `validities` ([bits, offset, ...]). */
  insert(as: Int32Array, bs: Int32Array, n: number, validities: readonly (Uint8Array | number)[]): void {
    this.size = native.pairTableInsert(this.handle, as, bs, n, validities);
  }

  /** The pairs of ids `ids`. */
  decode(ids: Int32Array): { lefts: Int32Array; rights: Int32Array } {
    return native.pairTableDecode(this.handle, ids);
  }

  release(): void {
    native.keyTableRelease(this.handle);
  }
}

/** Dense ids for tuples of column values (NULL is an ordinary value; doubles -0.0/0.0 and NaNs are equal). */
export class KeyEncoder {
  private readonly dicts: ColumnDictionary[];
  private readonly pairs: PairTable[];

  constructor(readonly types: readonly DataType[]) {
    if (types.length === 0) throw new Error('KeyEncoder needs at least one column');
    this.dicts = types.map(createColumnDictionary);
    this.pairs = types.slice(1).map(() => new PairTable());
  }

  /** Number of distinct tuples seen. */
  get size(): number {
    return this.pairs.length === 0 ? this.dicts[0]!.size : this.pairs[this.pairs.length - 1]!.size;
  }

  private idsScratch = new Int32Array(0);
  private codesScratch = new Int32Array(0);

  /**
   * Ids of rows [0, n) of `columns` (one Data per key column). With `reuse`, the result is a view of a buffer
   * the next call overwrites (a batch loop then allocates nothing per batch); without, a fresh array.
   */
  encode(columns: readonly arrow.Data[], n: number, reuse = false): Int32Array {
    let ids: Int32Array;
    if (reuse) {
      if (this.idsScratch.length < n) this.idsScratch = new Int32Array(n);
      ids = this.idsScratch.subarray(0, n);
    } else ids = new Int32Array(n);
    this.dicts[0]!.encode(columns[0]!, n, ids);
    if (this.dicts.length === 1) return ids;
    if (this.codesScratch.length < n) this.codesScratch = new Int32Array(n);
    const codes = this.codesScratch.subarray(0, n);
    for (let k = 1; k < this.dicts.length; k++) {
      this.dicts[k]!.encode(columns[k]!, n, codes);
      this.pairs[k - 1]!.encode(ids, codes, n, ids);
    }
    return ids;
  }

  /** The key columns of tuples `ids`. */
  decode(ids: Int32Array): arrow.Data[] {
    const k = this.dicts.length;
    const perColumn: Int32Array[] = new Array(k);
    let cur = ids;
    for (let j = k - 1; j >= 1; j--) {
      const { lefts, rights } = this.pairs[j - 1]!.decode(cur);
      perColumn[j] = rights;
      cur = lefts;
    }
    perColumn[0] = cur;
    return this.dicts.map((d, j) => d.values(perColumn[j]!));
  }

  /** Frees the native tables now; the encoder is unusable afterwards. */
  release(): void {
    for (const d of this.dicts) d.release();
    for (const p of this.pairs) p.release();
  }

  /** The key columns of ids [start, end). */
  decodeRange(start: number, end: number): arrow.Data[] {
    const ids = new Int32Array(end - start);
    for (let i = 0; i < ids.length; i++) ids[i] = start + i;
    return this.decode(ids);
  }
}

// Dense ids for multi-column keys: each column gets a dictionary code, and codes are combined pairwise
// ((c1, c2) → id, (id, c3) → id', …) through integer pair tables. Ids are dense and in first-seen order.
import type * as arrow from 'apache-arrow';
import type { DataType } from '../../types/data-type.js';
import { hashWords } from '../eval/int64.js';
import { type ColumnDictionary, createColumnDictionary, grownInt32 } from './column-dictionary.js';

/** Maps pairs of non-negative ints to dense ids. */
export class PairTable {
  size = 0;
  lefts: Int32Array = new Int32Array(16);
  rights: Int32Array = new Int32Array(16);
  private slots: Int32Array = new Int32Array(32);

  /** The id of (a, b), created when new. */
  find(a: number, b: number): number {
    let slots = this.slots;
    let mask = slots.length - 1;
    let h = hashWords(a, b) & mask;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      if (this.lefts[s - 1] === a && this.rights[s - 1] === b) return s - 1;
      h = (h + 1) & mask;
    }
    const id = this.size++;
    this.lefts = grownInt32(this.lefts, this.size);
    this.rights = grownInt32(this.rights, this.size);
    this.lefts[id] = a;
    this.rights[id] = b;
    slots[h] = id + 1;
    if (this.size * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      mask = slots.length - 1;
      for (let c = 0; c < this.size; c++) {
        let k = hashWords(this.lefts[c]!, this.rights[c]!) & mask;
        while (slots[k] !== 0) k = (k + 1) & mask;
        slots[k] = c + 1;
      }
      this.slots = slots;
    }
    return id;
  }

  /** out[i] = id of (as[i], bs[i]) for i < n. */
  encode(as: Int32Array, bs: Int32Array, n: number, out: Int32Array): void {
    for (let i = 0; i < n; i++) out[i] = this.find(as[i]!, bs[i]!);
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

  /** Ids of rows [0, n) of `columns` (one Data per key column). */
  encode(columns: readonly arrow.Data[], n: number): Int32Array {
    const ids = new Int32Array(n);
    this.dicts[0]!.encode(columns[0]!, n, ids);
    if (this.dicts.length === 1) return ids;
    const codes = new Int32Array(n);
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
      const p = this.pairs[j - 1]!;
      const left = new Int32Array(cur.length);
      const right = new Int32Array(cur.length);
      for (let i = 0; i < cur.length; i++) {
        left[i] = p.lefts[cur[i]!]!;
        right[i] = p.rights[cur[i]!]!;
      }
      perColumn[j] = right;
      cur = left;
    }
    perColumn[0] = cur;
    return this.dicts.map((d, j) => d.values(perColumn[j]!));
  }

  /** The key columns of ids [start, end). */
  decodeRange(start: number, end: number): arrow.Data[] {
    const ids = new Int32Array(end - start);
    for (let i = 0; i < ids.length; i++) ids[i] = start + i;
    return this.decode(ids);
  }
}

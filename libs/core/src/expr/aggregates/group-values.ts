// One settable value per group (or per appended element), in typed storage chosen by the value's type.
// Backs min/max/first/last states and collect_list elements.
import * as arrow from 'apache-arrow';
import { fixedValues, native, validityArg } from '../../execution/kernels.js';
import { primitiveData } from '../../execution/vectors.js';
import type { DataType } from '../../types/data-type.js';
import { bit, boolBitsOf, float64Values, int32Values, int64Words, stringParts, validityOf, wordsOf } from '../eval/columns.js';
import { compareDoubles, compareValues } from '../eval/compare.js';
import { compareWords } from '../eval/int64.js';
import { compareBytes, StringBuilder } from '../eval/strings.js';
import { buildColumn, valueReader } from '../eval/values.js';

export abstract class GroupValues {
  /** 1 where slot g holds a (non-null) value. */
  protected valid: Uint8Array = new Uint8Array(0);
  protected cap = 0;
  private bound: arrow.Data | null = null;

  constructor(readonly type: DataType) {}

  /** Makes room for slots [0, n). */
  ensure(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(n, this.cap * 2, 16);
    const v = new Uint8Array(c);
    v.set(this.valid);
    this.valid = v;
    this.resize(c);
    this.cap = c;
  }

  isValid(g: number): boolean {
    return this.valid[g] === 1;
  }

  protected abstract resize(cap: number): void;
  /** Prepares cheap row access to `d` for `store` and `cmp`. */
  protected abstract bind(d: arrow.Data): void;
  /** Copies (valid) row i of the bound column into slot g. */
  protected abstract store(g: number, i: number): void;
  /** Sign of (row i of the bound column − slot g). */
  protected abstract cmp(g: number, i: number): number;
  /** A column whose row j is slot idx[j] (-1 or an unset slot gives NULL). */
  abstract take(idx: Int32Array): arrow.Data;

  private use(d: arrow.Data): void {
    if (d !== this.bound) {
      this.bound = d;
      this.bind(d);
    }
  }

  /** Sets slot g to row i of `d` (NULL rows clear the slot). */
  setRow(g: number, d: arrow.Data, i: number, rowValid: boolean): void {
    if (!rowValid) {
      this.valid[g] = 0;
      return;
    }
    this.use(d);
    this.store(g, i);
    this.valid[g] = 1;
  }

  /**
   * Folds rows into slots gids[i], keeping the minimum (sign -1) or maximum (sign 1); NULL rows are skipped.
   * Int, long and double storage override it with the native kernel; this loop serves booleans, strings, arrays.
   */
  minMax(d: arrow.Data, gids: Int32Array, n: number, sign: number): void {
    this.use(d);
    const v = validityOf(d);
    const valid = this.valid;
    for (let i = 0; i < n; i++) {
      if (v && !bit(v, i)) continue;
      const g = gids[i]!;
      if (valid[g] === 0 || this.cmp(g, i) * sign > 0) {
        this.store(g, i);
        valid[g] = 1;
      }
    }
  }

  /**
   * Like `minMax`, but a row equal to the slot also wins (the later row, as Spark's max_by/min_by), and each winning
   * row (i, its group g) is reported to `won` in row order.
   */
  extremumBy(d: arrow.Data, gids: Int32Array, n: number, sign: number, won: (g: number, i: number) => void): void {
    this.use(d);
    const v = validityOf(d);
    const valid = this.valid;
    for (let i = 0; i < n; i++) {
      if (v && !bit(v, i)) continue;
      const g = gids[i]!;
      if (valid[g] === 0 || this.cmp(g, i) * sign >= 0) {
        this.store(g, i);
        valid[g] = 1;
        won(g, i);
      }
    }
  }

  /**
   * Sets each group's slot from its first row (a NULL row counts unless `ignoreNulls`); `isSet` marks decided groups.
   * `rowMask` (a bitmap), when given, excludes rows whose bit is clear.
   */
  first(d: arrow.Data, gids: Int32Array, n: number, isSet: Uint8Array, ignoreNulls: boolean, rowMask: Uint8Array | null): void {
    this.use(d);
    const v = validityOf(d);
    for (let i = 0; i < n; i++) {
      const g = gids[i]!;
      if (isSet[g] || (rowMask && !bit(rowMask, i))) continue;
      const ok = v === null || bit(v, i);
      if (!ok && ignoreNulls) continue;
      if (ok) this.store(g, i);
      this.valid[g] = ok ? 1 : 0;
      isSet[g] = 1;
    }
  }

  /**
   * Sets each group's slot from its latest row (NULL rows are skipped with `ignoreNulls`); `isSet` marks groups that
   * saw a row. `rowMask` (a bitmap), when given, excludes rows whose bit is clear.
   */
  last(d: arrow.Data, gids: Int32Array, n: number, isSet: Uint8Array, ignoreNulls: boolean, rowMask: Uint8Array | null): void {
    this.use(d);
    const v = validityOf(d);
    for (let i = 0; i < n; i++) {
      if (rowMask && !bit(rowMask, i)) continue;
      const ok = v === null || bit(v, i);
      if (!ok && ignoreNulls) continue;
      const g = gids[i]!;
      if (ok) this.store(g, i);
      this.valid[g] = ok ? 1 : 0;
      isSet[g] = 1;
    }
  }

  /** Slots [start, end) as a column. */
  range(start: number, end: number): arrow.Data {
    const idx = new Int32Array(end - start);
    for (let j = 0; j < idx.length; j++) idx[j] = start + j;
    return this.take(idx);
  }

  protected takeValidity(idx: Int32Array): Uint8Array {
    const out = new Uint8Array((idx.length + 7) >> 3);
    for (let j = 0; j < idx.length; j++) {
      const g = idx[j]!;
      if (g >= 0 && this.valid[g]) out[j >> 3]! |= 1 << (j & 7);
    }
    return out;
  }
}

class Int32Values extends GroupValues {
  private vals: Int32Array = new Int32Array(0);
  private src: Int32Array = new Int32Array(0);
  protected resize(cap: number): void {
    const v = new Int32Array(cap);
    v.set(this.vals);
    this.vals = v;
  }
  protected bind(d: arrow.Data): void {
    this.src = int32Values(d) ?? new Int32Array(0);
  }
  protected store(g: number, i: number): void {
    this.vals[g] = this.src[i]!;
  }
  protected cmp(g: number, i: number): number {
    const a = this.src[i]!;
    const b = this.vals[g]!;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  override minMax(d: arrow.Data, gids: Int32Array, n: number, sign: number): void {
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    native.groupMinMax(fixedValues(d, this.type) as Int32Array, bm, off, gids, n, this.vals.subarray(0, this.cap), this.valid, sign > 0 ? 1 : -1);
  }
  take(idx: Int32Array): arrow.Data {
    const out = new Int32Array(idx.length);
    for (let j = 0; j < idx.length; j++) if (idx[j]! >= 0) out[j] = this.vals[idx[j]!]!;
    return primitiveData(this.type, idx.length, out, this.takeValidity(idx));
  }
}

class Int64Values extends GroupValues {
  private vals: BigInt64Array = new BigInt64Array(0);
  private w: Int32Array = new Int32Array(0);
  private src: Int32Array = new Int32Array(0);
  protected resize(cap: number): void {
    const v = new BigInt64Array(cap);
    v.set(this.vals);
    this.vals = v;
    this.w = wordsOf(v);
  }
  protected bind(d: arrow.Data): void {
    this.src = d.values ? int64Words(d) : new Int32Array(0);
  }
  protected store(g: number, i: number): void {
    this.w[2 * g] = this.src[2 * i]!;
    this.w[2 * g + 1] = this.src[2 * i + 1]!;
  }
  protected cmp(g: number, i: number): number {
    return compareWords(this.src[2 * i]!, this.src[2 * i + 1]!, this.w[2 * g]!, this.w[2 * g + 1]!);
  }
  override minMax(d: arrow.Data, gids: Int32Array, n: number, sign: number): void {
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    native.groupMinMax(fixedValues(d, this.type) as BigInt64Array, bm, off, gids, n, this.vals.subarray(0, this.cap), this.valid, sign > 0 ? 1 : -1);
  }
  take(idx: Int32Array): arrow.Data {
    const out = new BigInt64Array(idx.length);
    const o = wordsOf(out);
    for (let j = 0; j < idx.length; j++) {
      const g = idx[j]!;
      if (g < 0) continue;
      o[2 * j] = this.w[2 * g]!;
      o[2 * j + 1] = this.w[2 * g + 1]!;
    }
    return primitiveData(this.type, idx.length, out, this.takeValidity(idx));
  }
}

class Float64Values extends GroupValues {
  private vals: Float64Array = new Float64Array(0);
  private src: Float64Array = new Float64Array(0);
  protected resize(cap: number): void {
    const v = new Float64Array(cap);
    v.set(this.vals);
    this.vals = v;
  }
  protected bind(d: arrow.Data): void {
    this.src = float64Values(d) ?? new Float64Array(0);
  }
  protected store(g: number, i: number): void {
    this.vals[g] = this.src[i]!;
  }
  protected cmp(g: number, i: number): number {
    return compareDoubles(this.src[i]!, this.vals[g]!);
  }
  override minMax(d: arrow.Data, gids: Int32Array, n: number, sign: number): void {
    if (d.typeId === arrow.Type.Null) return;
    const [bm, off] = validityArg(d);
    native.groupMinMax(fixedValues(d, this.type) as Float64Array, bm, off, gids, n, this.vals.subarray(0, this.cap), this.valid, sign > 0 ? 1 : -1);
  }
  take(idx: Int32Array): arrow.Data {
    const out = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++) if (idx[j]! >= 0) out[j] = this.vals[idx[j]!]!;
    return primitiveData(this.type, idx.length, out, this.takeValidity(idx));
  }
}

class BoolValues extends GroupValues {
  private vals: Uint8Array = new Uint8Array(0);
  private src: Uint8Array = new Uint8Array(0);
  protected resize(cap: number): void {
    const v = new Uint8Array(cap);
    v.set(this.vals);
    this.vals = v;
  }
  protected bind(d: arrow.Data): void {
    this.src = boolBitsOf(d);
  }
  protected store(g: number, i: number): void {
    this.vals[g] = bit(this.src, i) ? 1 : 0;
  }
  protected cmp(g: number, i: number): number {
    return (bit(this.src, i) ? 1 : 0) - this.vals[g]!;
  }
  take(idx: Int32Array): arrow.Data {
    const out = new Uint8Array((idx.length + 7) >> 3);
    for (let j = 0; j < idx.length; j++) if (idx[j]! >= 0 && this.vals[idx[j]!]) out[j >> 3]! |= 1 << (j & 7);
    return primitiveData(this.type, idx.length, out, this.takeValidity(idx));
  }
}

class StringValues extends GroupValues {
  private vals: (Uint8Array | null)[] = [];
  private offsets: Int32Array = new Int32Array(1);
  private bytes: Uint8Array = new Uint8Array(0);
  protected resize(cap: number): void {
    this.vals.length = cap;
  }
  protected bind(d: arrow.Data): void {
    const p = stringParts(d);
    this.offsets = p.offsets ?? new Int32Array(1);
    this.bytes = p.bytes;
  }
  protected store(g: number, i: number): void {
    this.vals[g] = this.bytes.slice(this.offsets[i]!, this.offsets[i + 1]!);
  }
  protected cmp(g: number, i: number): number {
    const s = this.vals[g]!;
    return compareBytes(this.bytes, this.offsets[i]!, this.offsets[i + 1]!, s, 0, s.length);
  }
  take(idx: Int32Array): arrow.Data {
    const b = new StringBuilder(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const g = idx[j]!;
      const s = g >= 0 && this.valid[g] ? this.vals[g]! : null;
      if (s) b.appendBytes(s, 0, s.length);
      else b.appendNull();
    }
    return b.finish();
  }
}

class GenericValues extends GroupValues {
  private vals: unknown[] = [];
  private read: (i: number) => unknown = () => null;
  protected resize(cap: number): void {
    this.vals.length = cap;
  }
  protected bind(d: arrow.Data): void {
    this.read = valueReader(d, this.type);
  }
  protected store(g: number, i: number): void {
    this.vals[g] = this.read(i);
  }
  protected cmp(g: number, i: number): number {
    return compareValues(this.read(i), this.vals[g], this.type);
  }
  take(idx: Int32Array): arrow.Data {
    const values = Array.from(idx, (g) => (g >= 0 && this.valid[g] ? this.vals[g] : null));
    return buildColumn(this.type, values);
  }
}

export function createGroupValues(type: DataType): GroupValues {
  switch (type.kind) {
    case 'int32':
    case 'date':
      return new Int32Values(type);
    case 'int64':
    case 'timestamp':
      return new Int64Values(type);
    case 'float64':
      return new Float64Values(type);
    case 'boolean':
      return new BoolValues(type);
    case 'string':
      return new StringValues(type);
    case 'null':
    case 'binary':
    case 'decimal':
    case 'array':
    case 'map':
    case 'struct':
      return new GenericValues(type);
  }
}

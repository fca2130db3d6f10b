// mode, listagg / string_agg, percentile_cont and percentile_disc: each group's rows are kept (values, and listagg's
// WITHIN GROUP keys), as parallel list columns in the partial state, and finished at the end: mode counts them,
// listagg sorts by its keys (stably, so rows keep their input order otherwise) and joins, the percentiles sort.
import type * as arrow from 'apache-arrow';
import { dataFromValues } from '../../execution/vectors.js';
import { ArrayT, type DataType, DoubleT } from '../../types/data-type.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { compareValues } from '../eval/compare.js';
import { valueReader } from '../eval/values.js';
import { type AggregateCall, dataTypeOf } from '../expression.js';
import type { Accumulator } from './accumulator.js';
import { constantValue, percentagesOf } from './percentile-accumulator.js';
import { jvmHashCode, openHashOrder } from './open-hash-order.js';

/** Keeps each group's rows (tuples of `types`), skipping rows whose first value is NULL. */
abstract class RowsAccumulator implements Accumulator {
  protected rows: unknown[][][] = [];

  constructor(protected readonly types: readonly DataType[]) {}

  grow(numGroups: number): void {
    for (let g = this.rows.length; g < numGroups; g++) this.rows.push([]);
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    // DISTINCT feeds only the value column; its order key, if any, is that value.
    const readers = this.types.map((t, k) => valueReader(args[this.argIndex(k)] ?? args[0]!, t));
    for (let i = 0; i < n; i++) {
      const v = readers[0]!(i);
      if (v === null || v === undefined) continue;
      this.rows[gids[i]!]!.push(readers.map((r) => r(i) ?? null));
    }
  }

  /** Which argument holds stored column k (listagg skips its delimiter and order directions). */
  protected argIndex(k: number): number {
    return k;
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const lists = states.map((s) => ({ offsets: s.valueOffsets as Int32Array, v: validityOf(s), read: valueReader(s.children[0]!, this.types[states.indexOf(s)]!) }));
    const first = lists[0]!;
    for (let r = 0; r < n; r++) {
      if (first.v !== null && !bit(first.v, r)) continue;
      const g = this.rows[gids[r]!]!;
      for (let j = first.offsets[r]!; j < first.offsets[r + 1]!; j++) {
        g.push(lists.map((l) => l.read(l.offsets[r]! + (j - first.offsets[r]!)) ?? null));
      }
    }
  }

  states(start: number, end: number): arrow.Data[] {
    return this.types.map((t, k) => {
      const offsets = new Int32Array(end - start + 1);
      const flat: unknown[] = [];
      for (let g = start; g < end; g++) {
        for (const row of this.rows[g]!) flat.push(row[k]);
        offsets[g - start + 1] = flat.length;
      }
      return listData(ArrayT(t, true), end - start, offsets, dataFromValues(t, flat), null);
    });
  }

  abstract result(start: number, end: number): arrow.Data;
}

/** A hashable key for a value of any type (Map keys compare primitives by value). */
function keyOf(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));
}

/** mode(x): the most frequent value; `order` 1 breaks ties to the largest, -1 to the smallest, 0 as Spark's hash order does. */
export class ModeAccumulator extends RowsAccumulator {
  private readonly order: number;

  constructor(call: AggregateCall) {
    super([dataTypeOf(call.args[0]!)]);
    this.order = Number(constantValue(call.args[1]!));
  }

  result(start: number, end: number): arrow.Data {
    const t = this.types[0]!;
    const out: unknown[] = [];
    for (let g = start; g < end; g++) {
      const counts = new Map<unknown, { value: unknown; n: number }>();
      for (const [v] of this.rows[g]!) {
        const k = keyOf(v);
        const c = counts.get(k);
        if (c) c.n++;
        else counts.set(k, { value: v, n: 1 });
      }
      let best: { value: unknown; n: number } | null = null;
      // Without a tie order, Spark takes the first maximum in its hash map's order.
      const hash = this.order === 0 ? jvmHashCode(t) : null;
      const entries = hash ? openHashOrder([...counts.values()], (c) => hash(c.value)) : counts.values();
      for (const c of entries) {
        if (best === null || c.n > best.n || (c.n === best.n && this.order !== 0 && compareValues(c.value, best.value, t) * this.order > 0)) best = c;
      }
      out.push(best === null ? null : best.value);
    }
    return dataFromValues(t, out);
  }
}

/** Direction codes of a WITHIN GROUP key (the analyzer's int literal): bit 1 DESC, bit 0 NULLS LAST. */
export function sortCode(desc: boolean, nullsLast: boolean): number {
  return (desc ? 2 : 0) | (nullsLast ? 1 : 0);
}

/** listagg(x, delimiter[, key, code]...): args are [x, delimiter, key1, code1, …]. */
export class ListaggAccumulator extends RowsAccumulator {
  private readonly delimiter: string | Uint8Array | null;
  private readonly codes: number[];

  constructor(call: AggregateCall) {
    const keys = call.args.slice(2).filter((_, k) => k % 2 === 0);
    super([dataTypeOf(call.args[0]!), ...keys.map(dataTypeOf)]);
    this.delimiter = constantValue(call.args[1]!) as string | Uint8Array | null;
    this.codes = call.args.slice(2).filter((_, k) => k % 2 === 1).map((c) => Number(constantValue(c)));
  }

  protected override argIndex(k: number): number {
    return k === 0 ? 0 : 2 * k;
  }

  result(start: number, end: number): arrow.Data {
    const t = this.types[0]!;
    const out: unknown[] = [];
    for (let g = start; g < end; g++) {
      let rows = this.rows[g]!;
      if (rows.length === 0) {
        out.push(null);
        continue;
      }
      if (this.codes.length > 0) rows = [...rows].sort((a, b) => this.compareKeys(a, b));
      if (t.kind === 'binary') {
        const parts: Uint8Array[] = [];
        const d = (this.delimiter as Uint8Array | null) ?? new Uint8Array(0);
        rows.forEach((r, i) => {
          if (i > 0) parts.push(d);
          parts.push(r[0] as Uint8Array);
        });
        const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        out.push(bytes);
      } else out.push(rows.map((r) => r[0] as string).join((this.delimiter as string | null) ?? ''));
    }
    return dataFromValues(t, out);
  }

  private compareKeys(a: unknown[], b: unknown[]): number {
    for (let k = 0; k < this.codes.length; k++) {
      const code = this.codes[k]!;
      const x = a[k + 1];
      const y = b[k + 1];
      let c: number;
      if (x === null || y === null) {
        if (x === y) continue;
        // NULLS FIRST puts a NULL before any value, whatever the direction.
        c = (x === null) === ((code & 1) === 0) ? -1 : 1;
        return c;
      }
      c = compareValues(x, y, this.types[k + 1]!);
      if (c !== 0) return code & 2 ? -c : c;
    }
    return 0;
  }
}

/** percentile_cont / percentile_disc (p) WITHIN GROUP (ORDER BY x [DESC]): args are [x, p, desc (1 or 0)]. */
export class OrderedPercentileAccumulator extends RowsAccumulator {
  private readonly ps: number[];
  private readonly many: boolean;
  private readonly desc: boolean;

  constructor(private readonly call: AggregateCall) {
    super([DoubleT]);
    const p = percentagesOf(call.args[1]!);
    this.ps = p.values.map(Number);
    this.many = p.many;
    this.desc = Number(constantValue(call.args[2]!)) === 1;
  }

  result(start: number, end: number): arrow.Data {
    const discrete = this.call.fn === 'percentile_disc';
    const out: unknown[] = [];
    for (let g = start; g < end; g++) {
      // Spark sorts in the key's direction and reads position (n - 1) * p there.
      const vals = Float64Array.from(this.rows[g]!, (r) => r[0] as number).sort();
      if (this.desc) vals.reverse();
      if (vals.length === 0) {
        out.push(null);
        continue;
      }
      const n = vals.length;
      const at = this.ps.map((p) => {
        // The first value whose cumulative distribution reaches p.
        if (discrete) return vals[Math.max(Math.ceil(p * n) - 1, 0)]!;
        const position = (n - 1) * p;
        const lo = Math.floor(position);
        const hi = Math.ceil(position);
        if (lo === hi || vals[lo] === vals[hi]) return vals[lo]!;
        return (hi - position) * vals[lo]! + (position - lo) * vals[hi]!;
      });
      out.push(this.many ? at : at[0]);
    }
    return dataFromValues(this.many ? ArrayT(DoubleT, false) : DoubleT, out);
  }
}

/** product(x): the product of the non-NULL doubles. */
export class ProductAccumulator implements Accumulator {
  private products = new Float64Array(0);
  private has = new Uint8Array(0);

  grow(numGroups: number): void {
    if (numGroups <= this.products.length) return;
    const p = new Float64Array(Math.max(numGroups, this.products.length * 2, 16));
    p.set(this.products);
    const h = new Uint8Array(p.length);
    h.set(this.has);
    this.products = p;
    this.has = h;
  }

  update(args: readonly arrow.Data[], gids: Int32Array, n: number): void {
    const read = valueReader(args[0]!, DoubleT);
    for (let i = 0; i < n; i++) {
      const v = read(i) as number | null;
      if (v === null) continue;
      const g = gids[i]!;
      this.products[g] = this.has[g] ? this.products[g]! * v : v;
      this.has[g] = 1;
    }
  }

  merge(states: readonly arrow.Data[], gids: Int32Array, n: number): void {
    this.update(states, gids, n);
  }

  states(start: number, end: number): arrow.Data[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): arrow.Data {
    const out: (number | null)[] = [];
    for (let g = start; g < end; g++) out.push(this.has[g] ? this.products[g]! : null);
    return dataFromValues(DoubleT, out);
  }
}

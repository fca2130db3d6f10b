// Window and WindowSpec: PySpark's builders of `OVER (PARTITION BY … ORDER BY … ROWS/RANGE BETWEEN …)`, used
// with `Column.over(spec)`.
import type { Expression, FrameBound, SortOrder, WindowFrame, WindowSpec as Spec } from '../expr/expression.js';
import { IllegalArgumentError } from '../errors.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

/** Bounds at or beyond ±2^63 (PySpark's Window.unboundedPreceding/Following) are unbounded. */
const UNBOUNDED = 2 ** 63;

function bound(v: number | bigint, name: string): FrameBound {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n) || (Number.isFinite(n) && !Number.isInteger(n))) {
    throw new IllegalArgumentError('NOT_INT', `Window frame ${name} should be an integer, got ${String(v)}.`, { arg_name: name });
  }
  if (n <= -UNBOUNDED) return -Infinity;
  if (n >= UNBOUNDED - 1) return Infinity;
  return n;
}

function flatten(cols: (ColumnLike | readonly ColumnLike[])[]): ColumnLike[] {
  return cols.length === 1 && Array.isArray(cols[0]) ? [...(cols[0] as ColumnLike[])] : (cols as ColumnLike[]);
}

function sortOrder(c: ColumnLike): SortOrder {
  const e = toColumnExpr(c);
  return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, direction: 'asc', nullOrdering: 'nullsFirst' };
}

/** An immutable window specification; every method returns a new one. */
export class WindowSpec {
  /** @internal */
  constructor(readonly spec: Spec) {}

  partitionBy(...cols: (ColumnLike | readonly ColumnLike[])[]): WindowSpec {
    const partitionSpec: Expression[] = flatten(cols).map((c) => toColumnExpr(c));
    return new WindowSpec({ ...this.spec, partitionSpec });
  }

  orderBy(...cols: (ColumnLike | readonly ColumnLike[])[]): WindowSpec {
    return new WindowSpec({ ...this.spec, orderSpec: flatten(cols).map(sortOrder) });
  }

  /** A ROWS frame: offsets in rows from the current row (`Window.currentRow` = 0, negative = preceding). */
  rowsBetween(start: number | bigint, end: number | bigint): WindowSpec {
    const frame: WindowFrame = { frameType: 'rows', lower: bound(start, 'start'), upper: bound(end, 'end') };
    return new WindowSpec({ ...this.spec, frame });
  }

  /** A RANGE frame: offsets in units of the (single, numeric) order key from the current row's value. */
  rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    const frame: WindowFrame = { frameType: 'range', lower: bound(start, 'start'), upper: bound(end, 'end') };
    return new WindowSpec({ ...this.spec, frame });
  }
}

const EMPTY = new WindowSpec({ partitionSpec: [], orderSpec: [], frame: null });

/** Entry points of window specs, as PySpark's `Window`. */
export class Window {
  static readonly unboundedPreceding: number = -(2 ** 63);
  static readonly unboundedFollowing: number = 2 ** 63 - 1;
  static readonly currentRow: number = 0;

  static partitionBy(...cols: (ColumnLike | readonly ColumnLike[])[]): WindowSpec {
    return EMPTY.partitionBy(...cols);
  }

  static orderBy(...cols: (ColumnLike | readonly ColumnLike[])[]): WindowSpec {
    return EMPTY.orderBy(...cols);
  }

  static rowsBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return EMPTY.rowsBetween(start, end);
  }

  static rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return EMPTY.rangeBetween(start, end);
  }
}

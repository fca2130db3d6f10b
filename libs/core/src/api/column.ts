// Column: an unresolved expression the user builds; Spark's Column API with Scala/Java method names.
import {
  type Expression,
  type LiteralValue,
  type SortOrder,
  type WindowSpec,
  alias,
  lit as litExpr,
  prettyName,
  unresolvedColumn,
  parseColumnName,
} from '../expr/expression.js';
import { IllegalArgumentError } from '../errors.js';
import { type DataType, parseTypeName } from '../types/data-type.js';

const COLUMN_BRAND = Symbol.for('kindling.Column');

/** A value accepted where Spark accepts a column or a literal. */
export type ColumnOrValue = Column | LiteralValue | Date;

/** An expression over the columns of a DataFrame. Columns are immutable; every method returns a new Column. */
export class Column {
  /** @internal */
  readonly expr: Expression;
  /** @internal */
  readonly [COLUMN_BRAND] = true;

  /** @internal */
  constructor(expr: Expression) {
    this.expr = expr;
  }

  /** True for a Column of any copy of this package (brand check, not instanceof). */
  static isColumn(x: unknown): x is Column {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[COLUMN_BRAND] === true;
  }

  plus(other: ColumnOrValue): Column { return this.binary('+', other); }
  minus(other: ColumnOrValue): Column { return this.binary('-', other); }
  multiply(other: ColumnOrValue): Column { return this.binary('*', other); }
  divide(other: ColumnOrValue): Column { return this.binary('/', other); }
  mod(other: ColumnOrValue): Column { return this.binary('%', other); }
  /** Unary minus. */
  negate(): Column { return new Column({ kind: 'negate', child: this.expr }); }
  /** Bitwise AND with an integral column or value (SQL `a & b`). */
  bitwiseAND(other: ColumnOrValue): Column { return this.fn('&', toExpr(other)); }
  /** Bitwise OR with an integral column or value (SQL `a | b`). */
  bitwiseOR(other: ColumnOrValue): Column { return this.fn('|', toExpr(other)); }
  /** Bitwise exclusive OR with an integral column or value (SQL `a ^ b`). */
  bitwiseXOR(other: ColumnOrValue): Column { return this.fn('^', toExpr(other)); }
  /** The struct with field `name` (a dotted path reaches nested structs) added or replaced by `value`. */
  withField(name: string, value: Column): Column {
    if (typeof name !== 'string') throw new IllegalArgumentError('NOT_STR', `Argument \`fieldName\` should be a str, got ${typeof name}.`);
    return this.fn('update_fields', litExpr(JSON.stringify([{ with: name }])), value.expr);
  }
  /** The struct without the named fields (dotted paths reach nested structs); missing names are ignored. */
  dropFields(...names: string[]): Column {
    return this.fn('update_fields', litExpr(JSON.stringify(names.map((n) => ({ drop: n })))));
  }
  /** True where the value is NaN (false for NULL). */
  isNaN(): Column { return this.fn('isnan'); }

  equalTo(other: ColumnOrValue): Column { return this.cmp('=', other); }
  notEqual(other: ColumnOrValue): Column { return this.cmp('!=', other); }
  /** Null-safe equality (`<=>`): true when both sides are NULL. */
  eqNullSafe(other: ColumnOrValue): Column { return this.cmp('<=>', other); }
  gt(other: ColumnOrValue): Column { return this.cmp('>', other); }
  geq(other: ColumnOrValue): Column { return this.cmp('>=', other); }
  lt(other: ColumnOrValue): Column { return this.cmp('<', other); }
  leq(other: ColumnOrValue): Column { return this.cmp('<=', other); }

  and(other: ColumnOrValue): Column { return new Column({ kind: 'and', left: this.expr, right: toExpr(other) }); }
  or(other: ColumnOrValue): Column { return new Column({ kind: 'or', left: this.expr, right: toExpr(other) }); }
  not(): Column { return new Column({ kind: 'not', child: this.expr }); }

  isNull(): Column { return new Column({ kind: 'isNull', child: this.expr }); }
  isNotNull(): Column { return new Column({ kind: 'isNotNull', child: this.expr }); }
  /** `col IN (values…)`; accepts values or an array of values. */
  isin(...values: (ColumnOrValue | ColumnOrValue[])[]): Column {
    const flat = values.length === 1 && Array.isArray(values[0]) ? values[0] : (values as ColumnOrValue[]);
    return new Column({ kind: 'in', child: this.expr, list: flat.map(toExpr) });
  }
  /** `lower <= col AND col <= upper`. */
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }

  like(pattern: string): Column { return this.fn('like', litExpr(pattern)); }
  /** Case-insensitive LIKE (`lower(this) LIKE lower(pattern)`). */
  ilike(pattern: string): Column { return this.fn('ilike', litExpr(pattern)); }
  /** True when the string has a match of the Java regular expression `pattern`. */
  rlike(pattern: string): Column { return this.fn('rlike', litExpr(pattern)); }
  startsWith(prefix: ColumnOrValue): Column { return this.fn('startswith', toExpr(prefix)); }
  endsWith(suffix: ColumnOrValue): Column { return this.fn('endswith', toExpr(suffix)); }
  contains(other: ColumnOrValue): Column { return this.fn('contains', toExpr(other)); }
  /** Substring starting at 1-based `pos` of `len` characters. */
  substr(pos: ColumnOrValue, len: ColumnOrValue): Column { return this.fn('substring', toExpr(pos), toExpr(len)); }

  /** Field `name` of a struct column (`s.a` in generated names). */
  getField(name: string): Column { return this.fn('get_field', litExpr(name)); }
  /** A map's value under `key`, an array's element at 0-based index `key`, or a struct's field (Spark's `col[key]`). */
  getItem(key: unknown): Column { return this.fn('subscript', Column.isColumn(key) ? (key as Column).expr : litExpr(key as never)); }

  /** Gives the column a name; a generator with several outputs (`posexplode`) takes one name per output. */
  alias(name: string, ...more: string[]): Column {
    for (const n of [name, ...more]) {
      if (typeof n !== 'string' || n.length === 0) throw new IllegalArgumentError('INVALID_ALIAS', `alias() needs non-empty string names, got ${JSON.stringify(n)}.`);
    }
    const a = alias(this.expr, name);
    return new Column(more.length > 0 ? { ...a, names: [name, ...more] } : a);
  }
  /** Same as `alias`. */
  as(name: string, ...more: string[]): Column { return this.alias(name, ...more); }

  /** This aggregate or window function evaluated over a window: `F.rank().over(Window.orderBy('v'))`. */
  over(window?: { readonly spec: WindowSpec }): Column {
    const spec: WindowSpec = window?.spec ?? { partitionSpec: [], orderSpec: [], frame: null };
    return new Column({ kind: 'windowExpr', fn: this.expr, spec });
  }
  name(name: string): Column { return this.alias(name); }

  /** Converts to another type, given as a DataType or a type name (`'int'`, `'bigint'`, `'string'`, …). */
  cast(to: DataType | string): Column {
    const t = typeof to === 'string' ? parseTypeName(to) : to;
    if (!t) throw new IllegalArgumentError('UNSUPPORTED_DATATYPE', `Unsupported data type ${JSON.stringify(to)} in cast().`, { typeName: String(to) });
    return new Column({ kind: 'cast', child: this.expr, to: t });
  }
  astype(to: DataType | string): Column { return this.cast(to); }
  /** Like `cast`, but NULL where a value does not convert, also under ANSI mode (Spark's `try_cast`). */
  try_cast(to: DataType | string): Column {
    const t = typeof to === 'string' ? parseTypeName(to) : to;
    if (!t) throw new IllegalArgumentError('UNSUPPORTED_DATATYPE', `Unsupported data type ${JSON.stringify(to)} in try_cast().`, { typeName: String(to) });
    return new Column({ kind: 'cast', child: this.expr, to: t, try: true });
  }

  /** Continues a `when(...)` chain. */
  when(condition: Column, value: ColumnOrValue): Column {
    if (this.expr.kind !== 'caseWhen' || this.expr.otherwise !== null) {
      throw new IllegalArgumentError('INVALID_WHEN_USAGE', 'when() can only be applied on a Column previously generated by when() function, and cannot be applied once otherwise() is applied.');
    }
    return new Column({ ...this.expr, branches: [...this.expr.branches, { condition: condition.expr, value: toExpr(value) }] });
  }
  /** Ends a `when(...)` chain with the value for rows no branch matched. */
  otherwise(value: ColumnOrValue): Column {
    if (this.expr.kind !== 'caseWhen' || this.expr.otherwise !== null) {
      throw new IllegalArgumentError('INVALID_WHEN_USAGE', 'otherwise() can only be applied on a Column previously generated by when(), and only once.');
    }
    return new Column({ ...this.expr, otherwise: toExpr(value) });
  }

  asc(): Column { return this.sort('asc', 'nullsFirst'); }
  asc_nulls_first(): Column { return this.sort('asc', 'nullsFirst'); }
  asc_nulls_last(): Column { return this.sort('asc', 'nullsLast'); }
  desc(): Column { return this.sort('desc', 'nullsLast'); }
  desc_nulls_first(): Column { return this.sort('desc', 'nullsFirst'); }
  desc_nulls_last(): Column { return this.sort('desc', 'nullsLast'); }

  toString(): string {
    return `Column<'${renderForUser(this.expr)}'>`;
  }

  private sort(direction: 'asc' | 'desc', nullOrdering: 'nullsFirst' | 'nullsLast'): Column {
    const child = this.expr.kind === 'sortOrder' ? this.expr.child : this.expr;
    const s: SortOrder = { kind: 'sortOrder', child, direction, nullOrdering };
    return new Column(s);
  }
  private binary(op: '+' | '-' | '*' | '/' | '%', other: ColumnOrValue): Column {
    return new Column({ kind: 'arith', op, left: this.expr, right: toExpr(other) });
  }
  private cmp(op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '<=>', other: ColumnOrValue): Column {
    return new Column({ kind: 'cmp', op, left: this.expr, right: toExpr(other) });
  }
  private fn(name: string, ...rest: Expression[]): Column {
    return new Column({ kind: 'unresolvedFunction', name, args: [this.expr, ...rest], isDistinct: false });
  }
}

function renderForUser(e: Expression): string {
  return prettyName(e);
}

/** Converts a Column, a JS value, or a Date (→ timestamp) into an expression; rejects everything else by name. */
export function toExpr(x: ColumnOrValue): Expression {
  if (Column.isColumn(x)) return x.expr;
  if (x instanceof Date) {
    if (Number.isNaN(x.getTime())) throw new IllegalArgumentError('INVALID_LITERAL', 'Invalid Date cannot be used as a literal.');
    return litExpr(BigInt(x.getTime()) * 1000n, { kind: 'timestamp' });
  }
  if (x === undefined) throw new IllegalArgumentError('NOT_COLUMN_OR_VALUE', 'Expected a Column or a literal value, got undefined.');
  if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'bigint' || typeof x === 'string') return litExpr(x);
  throw new IllegalArgumentError('NOT_COLUMN_OR_VALUE', `Expected a Column or a literal value, got ${typeof x === 'object' ? Object.prototype.toString.call(x) : typeof x}.`);
}

/** A column given by name or as a Column. */
export function toColumnExpr(c: string | Column, argName = 'col'): Expression {
  if (typeof c === 'string') {
    if (c === '*') return { kind: 'star' };
    // `t.*` / `s.*`: every column of relation `t`, or every field of struct column `s`.
    if (c.endsWith('.*')) return { kind: 'star', qualifier: parseColumnName(c.slice(0, -2)) };
    return unresolvedColumn(c);
  }
  if (Column.isColumn(c)) return c.expr;
  throw new IllegalArgumentError('NOT_COLUMN_OR_STR', `Argument \`${argName}\` should be a Column or a string, got ${c === null ? 'null' : typeof c}.`, { argName });
}

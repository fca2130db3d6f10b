// Spark's conditional, arithmetic, bitwise and hash functions for the TypeScript SDK, re-exported by `functions`.
// Each wrapper only builds an expression; the engine's registry resolves and implements it.
import { type Expression, lit as litExpr } from '../expr/expression.js';
import { Column, toColumnExpr } from './column.js';

type ColumnLike = string | Column;

function call(name: string, args: Expression[]): Column {
  return new Column({ kind: 'unresolvedFunction', name, args, isDistinct: false });
}

const c = (x: ColumnLike): Expression => toColumnExpr(x, 'col');
/** A column, a column name, or a number (a literal). */
const num = (x: ColumnLike | number): Expression => (typeof x === 'number' ? litExpr(x) : c(x));

// Conditionals
/** NULL when `a` equals `b`, otherwise `a`. */
export function nullif(a: ColumnLike, b: ColumnLike): Column { return call('nullif', [c(a), c(b)]); }
/** NULL when the value is 0, otherwise the value. */
export function nullifzero(x: ColumnLike): Column { return call('nullifzero', [c(x)]); }
/** 0 when the value is NULL, otherwise the value. */
export function zeroifnull(x: ColumnLike): Column { return call('zeroifnull', [c(x)]); }
/** `b` when `a` is not NULL, otherwise `c`. */
export function nvl2(a: ColumnLike, b: ColumnLike, otherwise: ColumnLike): Column { return call('nvl2', [c(a), c(b), c(otherwise)]); }
/** `a <=> b`: true when both are NULL, false when only one is. */
export function equal_null(a: ColumnLike, b: ColumnLike): Column { return call('equal_null', [c(a), c(b)]); }
/** `a` unless it is NaN, then `b` (both doubles). */
export function nanvl(a: ColumnLike, b: ColumnLike): Column { return call('nanvl', [c(a), c(b)]); }

// Arithmetic
/** `a + b`, NULL where it overflows. */
export function try_add(a: ColumnLike, b: ColumnLike): Column { return call('try_add', [c(a), c(b)]); }
/** `a - b`, NULL where it overflows. */
export function try_subtract(a: ColumnLike, b: ColumnLike): Column { return call('try_subtract', [c(a), c(b)]); }
/** `a * b`, NULL where it overflows. */
export function try_multiply(a: ColumnLike, b: ColumnLike): Column { return call('try_multiply', [c(a), c(b)]); }
/** `a / b`, NULL where `b` is 0. */
export function try_divide(a: ColumnLike, b: ColumnLike): Column { return call('try_divide', [c(a), c(b)]); }
/** `a % b`, NULL where `b` is 0. */
export function try_mod(a: ColumnLike, b: ColumnLike): Column { return call('try_mod', [c(a), c(b)]); }
/** The positive remainder of `dividend / divisor`. */
export function pmod(dividend: ColumnLike | number, divisor: ColumnLike | number): Column { return call('pmod', [num(dividend), num(divisor)]); }
/** The remainder of `dividend / divisor` (`%`). */
export function mod(dividend: ColumnLike | number, divisor: ColumnLike | number): Column { return call('mod', [num(dividend), num(divisor)]); }
/** Integral division truncating toward zero, a bigint (SQL `a div b`). */
export function div(dividend: ColumnLike | number, divisor: ColumnLike | number): Column { return call('div', [num(dividend), num(divisor)]); }
/** The negated value. */
export function negative(x: ColumnLike): Column { return call('negative', [c(x)]); }
/** Same as `negative`. */
export const negate = negative;
/** The value itself (unary plus). */
export function positive(x: ColumnLike): Column { return call('positive', [c(x)]); }
/** HALF_EVEN rounding to `scale` decimal places. */
export function bround(x: ColumnLike, scale: number | Column = 0): Column { return call('bround', [c(x), scale instanceof Column ? scale.expr : litExpr(scale)]); }
/** The sign of the value: -1.0, 0.0 or 1.0 (`signum`). */
export function sign(x: ColumnLike): Column { return call('sign', [c(x)]); }
/** The factorial of an int in [0, 20]; NULL outside. */
export function factorial(x: ColumnLike): Column { return call('factorial', [c(x)]); }
/** Converts a number's text from base `fromBase` to base `toBase`. */
export function conv(x: ColumnLike, fromBase: number, toBase: number): Column { return call('conv', [c(x), litExpr(fromBase), litExpr(toBase)]); }
/** The binary digits of a bigint. */
export function bin(x: ColumnLike): Column { return call('bin', [c(x)]); }
/** The bucket of `v` among `numBucket` equal-width buckets over [min, max]. */
export function width_bucket(v: ColumnLike, min: ColumnLike, max: ColumnLike, numBucket: ColumnLike | number): Column {
  return call('width_bucket', [c(v), c(min), c(max), num(numBucket)]);
}
/** The type of the argument as a DDL string. */
export function typeOf(x: ColumnLike): Column { return call('typeof', [c(x)]); }

// Bitwise
/** Bitwise NOT (`~`). */
export function bitwise_not(x: ColumnLike): Column { return call('~', [c(x)]); }
/** Shifts left by `numBits` (`<<`). */
export function shiftleft(x: ColumnLike, numBits: number): Column { return call('shiftleft', [c(x), litExpr(numBits)]); }
/** Shifts right keeping the sign (`>>`). */
export function shiftright(x: ColumnLike, numBits: number): Column { return call('shiftright', [c(x), litExpr(numBits)]); }
/** Shifts right filling with zeros (`>>>`). */
export function shiftrightunsigned(x: ColumnLike, numBits: number): Column { return call('shiftrightunsigned', [c(x), litExpr(numBits)]); }
/** The number of bits set. */
export function bit_count(x: ColumnLike): Column { return call('bit_count', [c(x)]); }
/** The bit at position `pos` (0 = least significant). */
export function bit_get(x: ColumnLike, pos: ColumnLike | number): Column { return call('bit_get', [c(x), num(pos)]); }
/** Same as `bit_get`. */
export function getbit(x: ColumnLike, pos: ColumnLike | number): Column { return call('getbit', [c(x), num(pos)]); }

// Hashes
/** Spark's Murmur3 hash (seed 42) of the columns, an int. */
export function hash(...cols: ColumnLike[]): Column { return call('hash', cols.map(c)); }
/** Spark's xxHash64 (seed 42) of the columns, a bigint. */
export function xxhash64(...cols: ColumnLike[]): Column { return call('xxhash64', cols.map(c)); }

/** Spark's `typeof` (a reserved word in TypeScript, so also exported as `typeOf`). */
export { typeOf as typeof };

// Nondeterministic and context functions
/** Uniform doubles in [0, 1) from `seed` plus the partition index (a random seed when omitted), as Spark's `rand`. */
export function rand(seed?: number | bigint): Column { return call('rand', seed === undefined ? [] : [litExpr(seed)]); }
/** Same as `rand`. */
export const random = rand;
/** Standard normal doubles from `seed` plus the partition index, as Spark's `randn`. */
export function randn(seed?: number | bigint): Column { return call('randn', seed === undefined ? [] : [litExpr(seed)]); }
/** Increasing unique ids: the partition index << 33 plus the row's position in its partition. */
export function monotonically_increasing_id(): Column { return call('monotonically_increasing_id', []); }
/** The partition index of the row. */
export function spark_partition_id(): Column { return call('spark_partition_id', []); }
/** A random UUID string per row. */
export function uuid(): Column { return call('uuid', []); }
/** The current database, `default`. */
export function current_database(): Column { return call('current_database', []); }
/** The current schema, `default`. */
export function current_schema(): Column { return call('current_schema', []); }
/** The current catalog, `spark_catalog`. */
export function current_catalog(): Column { return call('current_catalog', []); }
/** The user the engine runs as. */
export function current_user(): Column { return call('current_user', []); }
/** Same as `current_user`. */
export function user(): Column { return call('user', []); }
/** Same as `current_user`. */
export function session_user(): Column { return call('session_user', []); }
/** NULL where `condition` is true; raises USER_RAISED_EXCEPTION (with `message`, or Spark's default) otherwise. */
export function assert_true(condition: ColumnLike, message?: ColumnLike): Column {
  return call('assert_true', message === undefined ? [c(condition)] : [c(condition), typeof message === 'string' ? litExpr(message) : c(message)]);
}
/** Raises USER_RAISED_EXCEPTION with the message. */
export function raise_error(message: ColumnLike): Column { return call('raise_error', [typeof message === 'string' ? litExpr(message) : c(message)]); }

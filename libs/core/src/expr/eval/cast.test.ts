import { describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors.js';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT, type DataType } from '../../types/data-type.js';
import { type Expression } from '../expression.js';
import { canCast } from './cast.js';
import { evaluate } from './evaluate.js';
import { batch, ref, run, slicedBatch } from './test-util.js';

const ANSI = { ansi: true };

function castValues(from: DataType, to: DataType, values: unknown[], ansi = false): unknown[] {
  const e: Expression = { kind: 'cast', child: ref(0, from), to };
  const plain = run(e, batch([[from, values]]), to, { ansi });
  // The same cast over a sliced column must agree.
  expect(run(e, slicedBatch([[from, values]]), to, { ansi })).toEqual(plain);
  return plain;
}

function castError(from: DataType, to: DataType, values: unknown[]): ExecutionError {
  try {
    evaluate({ kind: 'cast', child: ref(0, from), to }, batch([[from, values]]), ANSI);
  } catch (e) {
    if (e instanceof ExecutionError) return e;
    throw e;
  }
  throw new Error('expected an ExecutionError');
}

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;
const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('canCast', () => {
  it('follows Spark for the supported types', () => {
    expect(canCast(IntegerT, LongT)).toBe(true);
    expect(canCast(DoubleT, IntegerT)).toBe(true);
    expect(canCast(BooleanT, DoubleT)).toBe(true);
    expect(canCast(StringT, DateT)).toBe(true);
    expect(canCast(StringT, TimestampT)).toBe(true);
    expect(canCast(DateT, TimestampT)).toBe(true);
    expect(canCast(TimestampT, DateT)).toBe(true);
    expect(canCast(TimestampT, LongT)).toBe(true);
    expect(canCast(ArrayT(IntegerT), StringT)).toBe(true);
    expect(canCast(NullT, ArrayT(StringT))).toBe(true);
    expect(canCast(ArrayT(IntegerT), ArrayT(IntegerT))).toBe(true);
    expect(canCast(ArrayT(IntegerT), ArrayT(LongT))).toBe(true);
    expect(canCast(ArrayT(NullT), ArrayT(IntegerT))).toBe(true);
    expect(canCast(ArrayT(DateT), ArrayT(IntegerT))).toBe(false);
    expect(canCast(StringT, ArrayT(StringT))).toBe(false);
    expect(canCast(DateT, IntegerT)).toBe(false);
    expect(canCast(BooleanT, DateT)).toBe(false);
    expect(canCast(IntegerT, DateT)).toBe(false);
  });

  it('casts arrays element by element, nested ones and NULLs included', () => {
    expect(castValues(ArrayT(IntegerT), ArrayT(DoubleT), [[1, null, 3], null, []])).toEqual([[1, null, 3], null, []]);
    expect(castValues(ArrayT(StringT), ArrayT(IntegerT), [['1', 'x'], ['2']])).toEqual([[1, null], [2]]);
    expect(castValues(ArrayT(ArrayT(IntegerT)), ArrayT(ArrayT(LongT)), [[[1], [2, 3]], null])).toEqual([[[1n], [2n, 3n]], null]);
    expect(castValues(ArrayT(NullT), ArrayT(IntegerT), [[], [null]])).toEqual([[], [null]]);
  });
});

describe('numeric casts', () => {
  it('bigint → int wraps (ANSI: CAST_OVERFLOW)', () => {
    expect(castValues(LongT, IntegerT, [4294967297n, 2147483648n, -1n, null, -2147483649n])).toEqual([1, -2147483648, -1, null, 2147483647]);
    expect(castError(LongT, IntegerT, [2147483648n]).errorClass).toBe('CAST_OVERFLOW');
    expect(castValues(LongT, IntegerT, [-2147483648n, null], true)).toEqual([-2147483648, null]);
  });
  it('double → int truncates toward zero, saturates, NaN → 0 (ANSI: CAST_OVERFLOW)', () => {
    expect(castValues(DoubleT, IntegerT, [1.9, -1.9, NaN, 1e10, -1e10, Infinity, -0.5, null])).toEqual([1, -1, 0, 2147483647, -2147483648, 2147483647, 0, null]);
    expect(castError(DoubleT, IntegerT, [NaN]).errorClass).toBe('CAST_OVERFLOW');
    expect(castError(DoubleT, IntegerT, [2147483648.0]).errorClass).toBe('CAST_OVERFLOW');
    expect(castValues(DoubleT, IntegerT, [2147483647.5], true)).toEqual([2147483647]);
  });
  it('double → bigint and int → bigint', () => {
    expect(castValues(DoubleT, LongT, [1e19, -1e19, NaN, 1.5e15, -2.5, 2 ** 53 + 2, null])).toEqual([
      9223372036854775807n,
      -9223372036854775808n,
      0n,
      1500000000000000n,
      -2n,
      9007199254740994n,
      null,
    ]);
    expect(castValues(IntegerT, LongT, [-5, 2147483647, null])).toEqual([-5n, 2147483647n, null]);
    expect(castError(DoubleT, LongT, [1e19]).errorClass).toBe('CAST_OVERFLOW');
  });
  it('to double, and booleans both ways', () => {
    expect(castValues(LongT, DoubleT, [9007199254740993n, -3n, null])).toEqual([9007199254740992, -3, null]);
    expect(castValues(IntegerT, DoubleT, [7, null])).toEqual([7, null]);
    expect(castValues(BooleanT, IntegerT, [true, false, null])).toEqual([1, 0, null]);
    expect(castValues(BooleanT, LongT, [true, false])).toEqual([1n, 0n]);
    expect(castValues(BooleanT, DoubleT, [true, false])).toEqual([1, 0]);
    expect(castValues(IntegerT, BooleanT, [0, 5, -1, null])).toEqual([false, true, true, null]);
    expect(castValues(LongT, BooleanT, [0n, 1n << 40n])).toEqual([false, true]);
    expect(castValues(DoubleT, BooleanT, [0, -0, NaN, 0.1])).toEqual([false, false, true, true]);
  });
  it('NULL-typed input casts to an all-NULL column of any type', () => {
    expect(castValues(NullT, IntegerT, [null, null])).toEqual([null, null]);
    expect(castValues(NullT, StringT, [null])).toEqual([null]);
    expect(castValues(NullT, ArrayT(IntegerT), [null])).toEqual([null]);
  });
});

describe('casts to string', () => {
  it('uses Spark text forms', () => {
    expect(castValues(IntegerT, StringT, [1, -20, null])).toEqual(['1', '-20', null]);
    expect(castValues(LongT, StringT, [9223372036854775807n, null])).toEqual(['9223372036854775807', null]);
    expect(castValues(DoubleT, StringT, [1, 1e10, NaN, -0, 0.001, 1e-4, 1.5, Infinity, null])).toEqual([
      '1.0',
      '1.0E10',
      'NaN',
      '-0.0',
      '0.001',
      '1.0E-4',
      '1.5',
      'Infinity',
      null,
    ]);
    expect(castValues(BooleanT, StringT, [true, false, null])).toEqual(['true', 'false', null]);
    expect(castValues(DateT, StringT, [0, -1, day(2024, 2, 29), null])).toEqual(['1970-01-01', '1969-12-31', '2024-02-29', null]);
    expect(castValues(TimestampT, StringT, [0n, 1500000n, -1n, null])).toEqual(['1970-01-01 00:00:00', '1970-01-01 00:00:01.5', '1969-12-31 23:59:59.999999', null]);
    expect(castValues(ArrayT(IntegerT), StringT, [[1, 2, null], [], null])).toEqual(['[1, 2, null]', '[]', null]);
    expect(castValues(ArrayT(DateT), StringT, [[0]])).toEqual(['[1970-01-01]']);
  });
});

describe('casts from string', () => {
  it('to int: trimmed, decimal part truncated, invalid or out of range → NULL', () => {
    expect(castValues(StringT, IntegerT, [' 12 ', '1.9', '-0', 'abc', '', '2147483648', '+5', '-2147483648', '1e3', null])).toEqual([
      12,
      1,
      0,
      null,
      null,
      null,
      5,
      -2147483648,
      null,
      null,
    ]);
  });
  it('to int under ANSI: CAST_INVALID_INPUT naming the value and the type', () => {
    const e = castError(StringT, IntegerT, ['abc']);
    expect(e.errorClass).toBe('CAST_INVALID_INPUT');
    expect(e.message).toContain("'abc'");
    expect(e.message).toContain('"INT"');
    expect(castError(StringT, IntegerT, ['1.9']).errorClass).toBe('CAST_INVALID_INPUT');
    expect(castValues(StringT, IntegerT, [' 42', null], true)).toEqual([42, null]);
  });
  it('to bigint', () => {
    expect(castValues(StringT, LongT, ['9223372036854775807', '9223372036854775808', '-9223372036854775808', '12.7', 'x'])).toEqual([
      9223372036854775807n,
      null,
      -9223372036854775808n,
      12n,
      null,
    ]);
    expect(castError(StringT, LongT, ['x']).message).toContain('"BIGINT"');
  });
  it('to double: Java syntax plus Spark special literals', () => {
    expect(castValues(StringT, DoubleT, ['1.5', ' 1e3 ', 'NaN', 'inf', '-Infinity', '+infinity', '1.5d', '.5', 'abc', '', '1.2.3', null])).toEqual([
      1.5,
      1000,
      NaN,
      Infinity,
      -Infinity,
      Infinity,
      1.5,
      0.5,
      null,
      null,
      null,
      null,
    ]);
    expect(castError(StringT, DoubleT, ['abc']).errorClass).toBe('CAST_INVALID_INPUT');
  });
  it('to boolean', () => {
    expect(castValues(StringT, BooleanT, ['t', 'TRUE', 'y', 'Yes', '1', 'f', 'False', 'N', 'no', '0', ' true ', 'maybe', '', null])).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      null,
      null,
      null,
    ]);
    expect(castError(StringT, BooleanT, ['maybe']).message).toContain('"BOOLEAN"');
  });
  it('to date', () => {
    expect(castValues(StringT, DateT, ['2024-02-29', '2023-02-29', '2024-1-5', '2024', '2024-03', '2024-03-05T10:00', '2024-03-05 xyz', '0001-01-01', 'x', '2024-13-01', null])).toEqual([
      day(2024, 2, 29),
      null,
      day(2024, 1, 5),
      day(2024, 1, 1),
      day(2024, 3, 1),
      day(2024, 3, 5),
      day(2024, 3, 5),
      -719162,
      null,
      null,
      null,
    ]);
    expect(castError(StringT, DateT, ['x']).errorClass).toBe('CAST_INVALID_INPUT');
  });
  it('to timestamp (UTC), with optional fraction and zone', () => {
    expect(
      castValues(StringT, TimestampT, [
        '2024-01-02 03:04:05.123456',
        '2024-01-02T03:04:05Z',
        '2024-01-02 03:04:05+02:00',
        '2024-01-02',
        '2024-01-02 03:04',
        '2024-01-02 03:04:05.1234567',
        '2024-01-02 25:00:00',
        'nope',
        null,
      ]),
    ).toEqual([
      micros('2024-01-02T03:04:05Z') + 123456n,
      micros('2024-01-02T03:04:05Z'),
      micros('2024-01-02T01:04:05Z'),
      micros('2024-01-02T00:00:00Z'),
      micros('2024-01-02T03:04:00Z'),
      micros('2024-01-02T03:04:05Z') + 123456n,
      null,
      null,
      null,
    ]);
  });
});

describe('date and timestamp casts', () => {
  it('date ↔ timestamp', () => {
    expect(castValues(DateT, TimestampT, [0, -1, 1, null])).toEqual([0n, -86400000000n, 86400000000n, null]);
    expect(castValues(TimestampT, DateT, [0n, -1n, 86399999999n, 86400000000n, null])).toEqual([0, -1, 0, 1, null]);
  });
  it('timestamp → numbers (seconds, floored) and numbers → timestamp', () => {
    expect(castValues(TimestampT, LongT, [1500000n, -1n, 0n, null])).toEqual([1n, -1n, 0n, null]);
    expect(castValues(TimestampT, IntegerT, [1500000n, -1500000n])).toEqual([1, -2]);
    expect(castValues(TimestampT, DoubleT, [1500000n, -1n])).toEqual([1.5, -0.000001]);
    expect(castValues(IntegerT, TimestampT, [1, -2, null])).toEqual([1000000n, -2000000n, null]);
    expect(castValues(LongT, TimestampT, [3n, 9223372036854775807n])).toEqual([3000000n, 9223372036854775807n]);
    expect(castValues(DoubleT, TimestampT, [1.5, NaN, Infinity, null])).toEqual([1500000n, null, null, null]);
  });
});

// The conditional, arithmetic, bitwise and hash functions, resolved as the analyzer resolves them; expected values are
// PySpark 4.3's (ANSI off).
import { describe, expect, it } from 'vitest';
import { resolveFunction } from '../../analyzer/resolve-expression.js';
import { ArrayT, BinaryT, BooleanT, DateT, DecimalT, DoubleT, IntegerT, LongT, NullT, StringT, StructT, TimestampT, type DataType } from '../../types/data-type.js';
import { attr, dataTypeOf, type Expression, lit, prettyName } from '../expression.js';
import { batch, ref, run, slicedBatch } from '../eval/test-util.js';
import type { EvalContext } from '../eval/evaluate.js';
import { convertBase, roundHalfEven, widthBucket } from './number-functions.js';
import { murmur3Int, xxhashLong } from './hash-functions.js';
import { XorShiftRandom } from './nondeterministic.js';

type Col = readonly [DataType, readonly unknown[]];

/** Resolves `name(columns…)` as the analyzer does and evaluates it, plain and over sliced input (which must agree). */
function callFn(name: string, cols: readonly Col[], ctx?: EvalContext): unknown[] {
  const e: Expression = resolveFunction(name, cols.map(([t], i) => ref(i, t)), false);
  const type = dataTypeOf(e);
  const plain = run(e, batch(cols), type, ctx);
  const sliced = run(e, slicedBatch(cols), type, ctx);
  expect(sliced).toEqual(plain);
  return plain;
}

/** bround(column, scale literal): the scale must be a constant, as in Spark. */
function bround(col: Col, scale: number): unknown[] {
  const e = resolveFunction('bround', [ref(0, col[0]), lit(scale)], false);
  return run(e, batch([col]), dataTypeOf(e));
}

function typeOf(name: string, types: readonly DataType[]): DataType {
  return dataTypeOf(resolveFunction(name, types.map((t, i) => ref(i, t)), false));
}

describe('NULL conditionals', () => {
  it('nullif, nullifzero, nvl2, equal_null, zeroifnull, nanvl', () => {
    expect(callFn('nullif', [[IntegerT, [1, 1, null, 1]], [IntegerT, [1, 2, 1, null]]])).toEqual([null, 1, null, 1]);
    // Compared as doubles, returned as the first argument's type.
    expect(callFn('nullif', [[IntegerT, [1, 2]], [DoubleT, [1.0, 1.5]]])).toEqual([null, 2]);
    expect(callFn('nullifzero', [[DecimalT(1, 1), [0n, 5n]]])).toEqual([null, 5n]);
    expect(callFn('nvl2', [[IntegerT, [null, 1]], [IntegerT, [2, 2]], [IntegerT, [3, 3]]])).toEqual([3, 2]);
    expect(typeOf('nvl2', [IntegerT, StringT, IntegerT])).toEqual(StringT);
    expect(callFn('equal_null', [[IntegerT, [1, null, 1, 1]], [IntegerT, [1, null, null, 2]]])).toEqual([true, true, false, false]);
    expect(callFn('zeroifnull', [[DoubleT, [null, 2.5]]])).toEqual([0, 2.5]);
    expect(typeOf('zeroifnull', [NullT])).toEqual(IntegerT);
    expect(callFn('nanvl', [[DoubleT, [NaN, 2, null, NaN]], [DoubleT, [1.5, 1, 1, null]]])).toEqual([1.5, 2, null, null]);
  });

  it('nullif and equal_null read a string compared with a timestamp in the session time zone', () => {
    // Midnight in Los Angeles is 08:00 UTC.
    const ts: Col = [TimestampT, [1577865600000000n]];
    const text: Col = [StringT, ['2020-01-01 00:00:00']];
    const la = { ansi: false, timeZone: 'America/Los_Angeles' };
    expect(callFn('nullif', [ts, text], la)).toEqual([null]);
    expect(callFn('nullif', [ts, text])).toEqual([1577865600000000n]);
    expect(callFn('equal_null', [ts, text], la)).toEqual([true]);
    expect(callFn('equal_null', [ts, text], { ansi: false })).toEqual([false]);
  });
});

describe('arithmetic by name', () => {
  it('try_ functions give NULL on overflow and division by zero, in either ANSI mode', () => {
    for (const ansi of [false, true]) {
      expect(callFn('try_add', [[IntegerT, [2147483647, 1]], [IntegerT, [1, 2]]], { ansi })).toEqual([null, 3]);
      expect(callFn('try_subtract', [[IntegerT, [-2147483648]], [IntegerT, [1]]], { ansi })).toEqual([null]);
      expect(callFn('try_multiply', [[LongT, [4611686018427387904n, 3n]], [LongT, [2n, 4n]]], { ansi })).toEqual([null, 12n]);
      expect(callFn('try_divide', [[IntegerT, [1, 3]], [IntegerT, [0, 2]]], { ansi })).toEqual([null, 1.5]);
      expect(callFn('try_mod', [[IntegerT, [5, -7]], [IntegerT, [0, 3]]], { ansi })).toEqual([null, -1]);
    }
    expect(typeOf('try_add', [LongT, IntegerT])).toEqual(LongT);
    expect(typeOf('try_divide', [DecimalT(2, 1), IntegerT])).toEqual(DecimalT(13, 12));
    expect(callFn('try_add', [[DateT, [19723]], [IntegerT, [1]]])).toEqual([19724]);
    expect(typeOf('try_add', [DateT, IntegerT])).toEqual(DateT);
  });
  it('pmod, mod and div', () => {
    expect(callFn('pmod', [[IntegerT, [-7, 7, 5, -2147483648]], [IntegerT, [3, -3, 0, -1]]])).toEqual([2, 1, null, 0]);
    expect(callFn('pmod', [[DoubleT, [-7.5]], [DoubleT, [2]]])).toEqual([0.5]);
    expect(callFn('pmod', [[DecimalT(2, 1), [-75n]], [IntegerT, [2]]])).toEqual([5n]);
    expect(callFn('mod', [[IntegerT, [-7, 7]], [IntegerT, [3, 0]]])).toEqual([-1, null]);
    expect(callFn('div', [[IntegerT, [7, -7, 7]], [IntegerT, [2, 2, 0]]])).toEqual([3n, -3n, null]);
    expect(callFn('div', [[DecimalT(2, 1), [75n]], [IntegerT, [2]]])).toEqual([3n]);
    expect(callFn('div', [[LongT, [-9223372036854775808n]], [LongT, [-1n]]])).toEqual([-9223372036854775808n]);
    expect(() => callFn('div', [[IntegerT, [1]], [IntegerT, [0]]], { ansi: true })).toThrow(/DIVIDE_BY_ZERO|division by zero/i);
    // Doubles and strings are not integral-divided, as in Spark.
    expect(() => typeOf('div', [DoubleT, IntegerT])).toThrow('incompatible types ("DOUBLE" and "BIGINT")');
    expect(callFn('negative', [[StringT, ['2.5', 'a']]])).toEqual([-2.5, null]);
  });
  it('negative, positive, bround, factorial', () => {
    expect(callFn('negative', [[IntegerT, [5, -2147483648]]])).toEqual([-5, -2147483648]);
    expect(callFn('positive', [[DoubleT, [-3]]])).toEqual([-3]);
    expect([2.5, 3.5, -2.5, 2.675, 0.125].map((x) => roundHalfEven(x, x === 2.675 ? 2 : x === 0.125 ? 2 : 0))).toEqual([2, 4, -2, 2.68, 0.12]);
    expect(bround([IntegerT, [25, 35]], -1)).toEqual([20, 40]);
    expect(bround([DecimalT(3, 2), [125n, 135n]], 1)).toEqual([12n, 14n]);
    expect(bround([DoubleT, [2.5, 3.5, null]], 0)).toEqual([2, 4, null]);
    expect(typeOf('bround', [DecimalT(3, 1)])).toEqual(DecimalT(3, 0));
    expect(callFn('factorial', [[IntegerT, [5, 0, 20, 21, -1, null]]])).toEqual([120n, 1n, 2432902008176640000n, null, null, null]);
  });
  it('conv, bin, width_bucket, typeof', () => {
    expect(convertBase('100', 2, 10)).toBe('4');
    expect(convertBase('-10', 10, 16)).toBe('FFFFFFFFFFFFFFF6');
    expect(convertBase('-10', 10, -16)).toBe('-A');
    expect(convertBase('zz', 36, 10)).toBe('1295');
    expect(convertBase('12abc', 10, 2)).toBe('1100');
    expect(convertBase('1', 1, 10)).toBeNull();
    expect(convertBase('18446744073709551616', 10, 10)).toBe('18446744073709551615');
    expect(convertBase('-1', 10, 10)).toBe('18446744073709551615');
    expect(callFn('bin', [[LongT, [13n, -13n, 0n, null]]])).toEqual(['1101', '1'.repeat(60) + '0011', '0', null]);
    expect(widthBucket(5.3, 0.2, 10.6, 5n)).toBe(3n);
    expect(widthBucket(-2.1, 1.3, 3.4, 3n)).toBe(0n);
    expect(widthBucket(8.1, 0, 5.7, 4n)).toBe(5n);
    expect(widthBucket(-0.9, 5.2, 0.5, 2n)).toBe(3n);
    expect(widthBucket(5, 0, 10, 0n)).toBeNull();
    expect(widthBucket(5, 1, 1, 3n)).toBeNull();
    expect(callFn('typeof', [[DecimalT(2, 1), [1n]]])).toEqual(['decimal(2,1)']);
    expect(callFn('typeof', [[ArrayT(IntegerT), [[1]]]])).toEqual(['array<int>']);
  });
});

describe('bitwise', () => {
  it('operators, shifts, bit_count, bit_get', () => {
    expect(callFn('&', [[IntegerT, [5]], [IntegerT, [3]]])).toEqual([1]);
    expect(callFn('|', [[LongT, [5n]], [IntegerT, [3]]])).toEqual([7n]);
    expect(callFn('^', [[IntegerT, [5, null]], [IntegerT, [3, 1]]])).toEqual([6, null]);
    expect(callFn('~', [[IntegerT, [5]]])).toEqual([-6]);
    expect(callFn('shiftleft', [[IntegerT, [1, 1]], [IntegerT, [3, 33]]])).toEqual([8, 2]);
    expect(callFn('shiftleft', [[LongT, [1n]], [IntegerT, [40]]])).toEqual([1099511627776n]);
    expect(callFn('shiftrightunsigned', [[IntegerT, [-16]], [IntegerT, [2]]])).toEqual([1073741820]);
    expect(callFn('shiftrightunsigned', [[LongT, [-16n]], [IntegerT, [60]]])).toEqual([15n]);
    expect(callFn('bit_count', [[IntegerT, [7, -1, 0, null]]])).toEqual([3, 64, 0, null]);
    expect(callFn('bit_count', [[LongT, [-1n]]])).toEqual([64]);
    expect(callFn('bit_count', [[BooleanT, [true, false]]])).toEqual([1, 0]);
    expect(callFn('bit_get', [[IntegerT, [5, 5]], [IntegerT, [0, 1]]])).toEqual([1, 0]);
    expect(callFn('getbit', [[LongT, [-1n]], [IntegerT, [63]]])).toEqual([1]);
    expect(() => callFn('bit_get', [[IntegerT, [5]], [IntegerT, [40]]])).toThrow('expects an integer value in [0, 32), but got 40');
  });
});

describe('hash and xxhash64 agree with Spark', () => {
  it('hash of each type', () => {
    expect(murmur3Int(1, 42)).toBe(-559580957);
    expect(callFn('hash', [[IntegerT, [1, null, 2147483647, -1]]])).toEqual([-559580957, 42, 133916647, -1604776387]);
    expect(callFn('hash', [[LongT, [1n, -1n, 9223372036854775807n]]])).toEqual([-1712319331, -939490007, -1604625029]);
    expect(callFn('hash', [[DoubleT, [1.0, -0.0, 0.0, NaN, 1.5]]])).toEqual([-460888942, -1670924195, -1670924195, -1281358385, 1290763749]);
    expect(callFn('hash', [[StringT, ['a', '', 'abc', 'abcd', 'abcde', 'hello world!!', 'é', '日本語テキスト']]])).toEqual(
      [1485273170, 142593372, 1322437556, -396302900, 814637928, 15692593, 2119106806, -675756566]);
    expect(callFn('hash', [[BooleanT, [true, false]]])).toEqual([-559580957, 933211791]);
    expect(callFn('hash', [[DecimalT(10, 1), [15n]]])).toEqual([-18083236]);
    expect(callFn('hash', [[DecimalT(30, 2), [1234567890123456789012n]]])).toEqual([-2030013727]);
    expect(callFn('hash', [[DateT, [19723]]])).toEqual([-456589419]);
    expect(callFn('hash', [[TimestampT, [1704067200000000n]]])).toEqual([1545358984]);
    expect(callFn('hash', [[BinaryT, [Uint8Array.of(1, 2)]]])).toEqual([1964783052]);
    expect(callFn('hash', [[IntegerT, [1, null]], [StringT, ['a', null]]])).toEqual([-936062819, 42]);
    expect(callFn('hash', [[NullT, [null]], [IntegerT, [1]]])).toEqual([-559580957]);
    expect(callFn('hash', [[ArrayT(IntegerT), [[1, 2], [null, 1], [], null]]])).toEqual([-222940379, -559580957, 42, 42]);
    const s = StructT([{ name: 'a', dataType: IntegerT, nullable: true }, { name: 'b', dataType: StringT, nullable: true }]);
    expect(callFn('hash', [[s, [[1, 'a']]]])).toEqual([-936062819]);
  });
  it('xxhash64 of each type', () => {
    expect(xxhashLong(1n, 42n)).toBe(BigInt.asUintN(64, -7001672635703045582n));
    expect(callFn('xxhash64', [[IntegerT, [1, 2147483647, null]]])).toEqual([-6698625589789238999n, 1508894993788531228n, 42n]);
    expect(callFn('xxhash64', [[LongT, [1n, -1n]]])).toEqual([-7001672635703045582n, 3858142552250413010n]);
    expect(callFn('xxhash64', [[DoubleT, [1.0, -0.0, NaN]]])).toEqual([-2162451265447482029n, -5252525462095825812n, -3127944061524951246n]);
    expect(callFn('xxhash64', [[StringT, ['a', '', 'abc', 'abcdefgh', 'abcdefghijklmnopqrstuvwxyz0123456789', 'é', '日本語テキスト']]])).toEqual(
      [-8582455328737087284n, -7444071767201028348n, 1423657621850124518n, 2470326616177429180n, 2724237963427677065n, 2065146811275570100n, 7772424398469540022n]);
    expect(callFn('xxhash64', [[BooleanT, [true]]])).toEqual([-6698625589789238999n]);
    expect(callFn('xxhash64', [[DecimalT(10, 1), [15n]]])).toEqual([3132713209420183794n]);
    expect(callFn('xxhash64', [[DecimalT(30, 2), [1234567890123456789012n]]])).toEqual([4252983850546716758n]);
    expect(callFn('xxhash64', [[DateT, [19723]]])).toEqual([3242891694566951137n]);
    expect(callFn('xxhash64', [[BinaryT, [Uint8Array.of(1, 2)]]])).toEqual([-449066226287847073n]);
    expect(callFn('xxhash64', [[IntegerT, [1]], [StringT, ['a']]])).toEqual([8205864924878002737n]);
    expect(callFn('xxhash64', [[ArrayT(IntegerT), [[1, 2], [null, 1]]]])).toEqual([-8133857028838179022n, -6698625589789238999n]);
  });
});

describe('rand and randn are Spark\'s XORShiftRandom', () => {
  it('gives Spark\'s sequences for a seed', () => {
    const r = new XorShiftRandom(42n);
    expect([r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()]).toEqual(
      [0.619189370225301, 0.5096018842446481, 0.8325259388871524, 0.26322809041172357, 0.6702867696264135]);
    const g = new XorShiftRandom(42n);
    expect([g.nextGaussian(), g.nextGaussian(), g.nextGaussian(), g.nextGaussian(), g.nextGaussian()]).toEqual(
      [2.384479054241165, 0.1920934041293524, 0.7337336533286575, -0.5224480195716871, 2.060084179317831]);
    expect(new XorShiftRandom(0n).nextDouble()).toBe(0.7604953758285915);
    expect(new XorShiftRandom(7n).nextDouble()).toBe(0.28188121484885875);
  });
  it('continues a partition\'s sequence across batches and offsets ids by partition', () => {
    const e = resolveFunction('rand', [lit(42)], false);
    const ctx = { ansi: false, partitionId: 0, state: new Map<object, unknown>() };
    const one = batch([[IntegerT, [0]]]);
    expect([...run(e, one, DoubleT, ctx), ...run(e, one, DoubleT, ctx)]).toEqual([0.619189370225301, 0.5096018842446481]);
    const m = resolveFunction('monotonically_increasing_id', [], false);
    const ctx1 = { ansi: false, partitionId: 1, state: new Map<object, unknown>() };
    const two = batch([[IntegerT, [0, 0]]]);
    expect([...run(m, two, LongT, ctx1), ...run(m, two, LongT, ctx1)]).toEqual([8589934592n, 8589934593n, 8589934594n, 8589934595n]);
  });
});

describe('try_cast', () => {
  it('is NULL on bad input even under ANSI, and prints as TRY_CAST', () => {
    const e: Expression = { kind: 'cast', child: ref(0, StringT), to: IntegerT, try: true };
    expect(run(e, batch([[StringT, ['12', 'x', null]]]), IntegerT, { ansi: true })).toEqual([12, null, null]);
    const plain: Expression = { kind: 'cast', child: ref(0, StringT), to: IntegerT };
    expect(() => run(plain, batch([[StringT, ['x']]]), IntegerT, { ansi: true })).toThrow();
    expect(prettyName({ kind: 'cast', child: lit('x'), to: IntegerT, try: true })).toBe('TRY_CAST(x AS INT)');
  });
});

describe('update_fields (withField / dropFields)', () => {
  const inner = StructT([{ name: 'd', dataType: IntegerT, nullable: true }, { name: 'e', dataType: IntegerT, nullable: true }]);
  const s = StructT([{ name: 'a', dataType: IntegerT, nullable: true }, { name: 'b', dataType: StringT, nullable: true }, { name: 'c', dataType: inner, nullable: true }]);
  const rows = [[1, 'x', [2, 3]], null];
  const update = (ops: object[], values: Expression[]) => resolveFunction('update_fields', [ref(0, s), lit(JSON.stringify(ops)), ...values], false);
  const named = (ops: object[], values: Expression[]) => prettyName(resolveFunction('update_fields', [attr('s', s), lit(JSON.stringify(ops)), ...values], false));
  it('adds, replaces and drops fields, also below dotted paths, as Spark names them', () => {
    const w = update([{ with: 'b' }], [lit('y')]);
    expect(named([{ with: 'b' }], [lit('y')])).toBe('update_fields(s, WithField(y))');
    expect(run(w, batch([[s, rows]]), dataTypeOf(w))).toEqual([[1, 'y', [2, 3]], null]);
    const nested = update([{ with: 'c.d' }], [lit(7)]);
    expect(named([{ with: 'c.d' }], [lit(7)])).toBe('update_fields(s, WithField(update_fields(s.c, WithField(7))))');
    expect(run(nested, batch([[s, rows]]), dataTypeOf(nested))).toEqual([[1, 'x', [7, 3]], null]);
    const drop = update([{ drop: 'c.e' }, { drop: 'b' }], []);
    expect(named([{ drop: 'c.e' }, { drop: 'b' }], [])).toBe('update_fields(s, WithField(update_fields(s.c, dropfield())), dropfield())');
    expect(dataTypeOf(drop)).toEqual(StructT([{ name: 'a', dataType: IntegerT, nullable: true }, { name: 'c', dataType: StructT([inner.fields[0]!]), nullable: true }]));
    expect(run(drop, batch([[s, rows]]), dataTypeOf(drop))).toEqual([[1, [2]], null]);
    // A case-insensitive match takes the new name; a new name goes last.
    expect((dataTypeOf(update([{ with: 'A' }, { with: 'z' }], [lit(5), lit(9)])) as { readonly fields: readonly { name: string }[] }).fields.map((f) => f.name)).toEqual(['A', 'b', 'c', 'z']);
    expect(() => update([{ drop: 'a' }, { drop: 'b' }, { drop: 'c' }], [])).toThrow('CANNOT_DROP_ALL_FIELDS');
    expect(() => update([{ with: 'q.r' }], [lit(1)])).toThrow('No such struct field `q` in `a`, `b`, `c`.');
  });
});

import { describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors.js';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, TimestampT, type DataType } from '../../types/data-type.js';
import { attr, type ArithmeticOp, type ComparisonOp, type Expression, lit } from '../expression.js';
import { evaluate, evaluatePredicate } from './evaluate.js';
import { batch, ref, run, slicedBatch } from './test-util.js';

const ANSI = { ansi: true };
const B3 = [true, true, true, false, false, false, null, null, null];
const C3 = [true, false, null, true, false, null, true, false, null];

function arith(op: ArithmeticOp, left: Expression, right: Expression): Expression {
  return { kind: 'arith', op, left, right };
}
function cmp(op: ComparisonOp, left: Expression, right: Expression): Expression {
  return { kind: 'cmp', op, left, right };
}
function binary(type: DataType, a: unknown[], b: unknown[], sliced = false) {
  return (sliced ? slicedBatch : batch)([
    [type, a],
    [type, b],
  ]);
}

function errorClassOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ExecutionError) return e.errorClass;
    throw e;
  }
  return undefined;
}

describe('three-valued logic', () => {
  for (const sliced of [false, true]) {
    const b = binary(BooleanT, B3, C3, sliced);
    const a = ref(0, BooleanT);
    const c = ref(1, BooleanT);
    it(`AND truth table${sliced ? ' (sliced input)' : ''}`, () => {
      expect(run({ kind: 'and', left: a, right: c }, b, BooleanT)).toEqual([true, false, null, false, false, false, null, false, null]);
    });
    it(`OR truth table${sliced ? ' (sliced input)' : ''}`, () => {
      expect(run({ kind: 'or', left: a, right: c }, b, BooleanT)).toEqual([true, true, true, true, false, null, true, null, null]);
    });
    it(`NOT, IS NULL, IS NOT NULL${sliced ? ' (sliced input)' : ''}`, () => {
      expect(run({ kind: 'not', child: a }, b, BooleanT)).toEqual([false, false, false, true, true, true, null, null, null]);
      expect(run({ kind: 'isNull', child: c }, b, BooleanT)).toEqual([false, false, true, false, false, true, false, false, true]);
      expect(run({ kind: 'isNotNull', child: c }, b, BooleanT)).toEqual([true, true, false, true, true, false, true, true, false]);
    });
    it(`evaluatePredicate gives 1 only for TRUE${sliced ? ' (sliced input)' : ''}`, () => {
      expect([...evaluatePredicate({ kind: 'and', left: a, right: c }, b)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect([...evaluatePredicate(a, b)]).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0]);
    });
  }
  it('ANSI AND/OR skip the right side where the left decides', () => {
    const b = binary(IntegerT, [0, 2, 0], [0, 0, 5]);
    const nonZero = cmp('!=', ref(1, IntegerT), lit(0));
    const div = cmp('=', arith('%', ref(0, IntegerT), ref(1, IntegerT)), lit(0));
    // Row 1 has b = 0 but `b != 0` is FALSE there, so the remainder is never computed for it.
    expect(run({ kind: 'and', left: nonZero, right: div }, b, BooleanT, ANSI)).toEqual([false, false, true]);
    expect(run({ kind: 'or', left: { kind: 'not', child: nonZero }, right: div }, b, BooleanT, ANSI)).toEqual([true, true, true]);
    expect(errorClassOf(() => evaluate({ kind: 'and', left: lit(true), right: div }, b, ANSI))).toBe('DIVIDE_BY_ZERO');
  });
});

describe('arithmetic', () => {
  it('int32 with nulls, wrapping overflow, Java remainder', () => {
    const b = binary(IntegerT, [1, null, 2147483647, -2147483648, -7, 7, 5], [2, 3, 1, -1, 3, -3, null]);
    const [x, y] = [ref(0, IntegerT), ref(1, IntegerT)];
    expect(run(arith('+', x, y), b, IntegerT)).toEqual([3, null, -2147483648, 2147483647, -4, 4, null]);
    expect(run(arith('-', x, y), b, IntegerT)).toEqual([-1, null, 2147483646, -2147483647, -10, 10, null]);
    expect(run(arith('*', x, y), b, IntegerT)).toEqual([2, null, 2147483647, -2147483648, -21, -21, null]);
    expect(run(arith('%', x, y), b, IntegerT)).toEqual([1, null, 0, 0, -1, 1, null]);
  });
  it('int32 ANSI overflow raises ARITHMETIC_OVERFLOW, but not on NULL rows', () => {
    const b = binary(IntegerT, [2147483647, 1], [1, 1]);
    expect(errorClassOf(() => evaluate(arith('+', ref(0, IntegerT), ref(1, IntegerT)), b, ANSI))).toBe('ARITHMETIC_OVERFLOW');
    const m = binary(IntegerT, [65536, 2], [65536, 3]);
    expect(errorClassOf(() => evaluate(arith('*', ref(0, IntegerT), ref(1, IntegerT)), m, ANSI))).toBe('ARITHMETIC_OVERFLOW');
    const nulls = batch([
      [IntegerT, [null, 1]],
      [IntegerT, [2147483647, 1]],
    ]);
    expect(run(arith('+', ref(0, IntegerT), ref(1, IntegerT)), nulls, IntegerT, ANSI)).toEqual([null, 2]);
  });
  it('division and remainder by zero give NULL, or DIVIDE_BY_ZERO under ANSI', () => {
    const d = binary(DoubleT, [1, 0, -1, 7.5, -7.5], [0, 0, -0, 2, 2]);
    expect(run(arith('/', ref(0, DoubleT), ref(1, DoubleT)), d, DoubleT)).toEqual([null, null, null, 3.75, -3.75]);
    expect(run(arith('%', ref(0, DoubleT), ref(1, DoubleT)), d, DoubleT)).toEqual([null, null, null, 1.5, -1.5]);
    expect(errorClassOf(() => evaluate(arith('/', ref(0, DoubleT), ref(1, DoubleT)), d, ANSI))).toBe('DIVIDE_BY_ZERO');
    const i = binary(IntegerT, [5, 5], [0, 2]);
    expect(run(arith('%', ref(0, IntegerT), ref(1, IntegerT)), i, IntegerT)).toEqual([null, 1]);
    expect(errorClassOf(() => evaluate(arith('%', ref(0, IntegerT), ref(1, IntegerT)), i, ANSI))).toBe('DIVIDE_BY_ZERO');
    const l = binary(LongT, [5n, 5n, -9007199254740993n], [0n, 2n, 2n]);
    expect(run(arith('%', ref(0, LongT), ref(1, LongT)), l, LongT)).toEqual([null, 1n, -1n]);
    expect(errorClassOf(() => evaluate(arith('%', ref(0, LongT), ref(1, LongT)), l, ANSI))).toBe('DIVIDE_BY_ZERO');
  });
  it('float64 arithmetic keeps NaN and infinities', () => {
    const d = binary(DoubleT, [NaN, Infinity, 0.1, null], [1, -Infinity, 0.2, 1]);
    expect(run(arith('+', ref(0, DoubleT), ref(1, DoubleT)), d, DoubleT)).toEqual([NaN, NaN, 0.1 + 0.2, null]);
    expect(run(arith('*', ref(0, DoubleT), ref(1, DoubleT)), d, DoubleT)).toEqual([NaN, -Infinity, 0.1 * 0.2, null]);
  });

  const MAX = 9223372036854775807n;
  const MIN = -9223372036854775808n;
  const edges = [0n, 1n, -1n, 2n, -2n, 0xffffffffn, 0x100000000n, -0x100000000n, 0x7fffffffn, -0x80000000n, 9007199254740991n, 9007199254740993n, -9007199254740993n, 3037000499n, 3037000500n, MAX, MIN, MAX - 1n, MIN + 1n, 123456789012345n, -987654321098765n];
  function pairs(): [bigint[], bigint[]] {
    const a: bigint[] = [];
    const b: bigint[] = [];
    for (const x of edges) {
      for (const y of edges) {
        a.push(x);
        b.push(y);
      }
    }
    // A few pseudo-random 64-bit values as well.
    let s = 12345n;
    for (let k = 0; k < 200; k++) {
      s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
      const x = BigInt.asIntN(64, s);
      s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
      const y = BigInt.asIntN(64, s >> BigInt(k % 60));
      a.push(x);
      b.push(y);
    }
    return [a, b];
  }
  it('int64 + - * % wrap exactly like 64-bit two’s complement (checked against BigInt)', () => {
    const [a, b] = pairs();
    for (const sliced of [false, true]) {
      const bt = binary(LongT, a, b, sliced);
      const x = ref(0, LongT);
      const y = ref(1, LongT);
      expect(run(arith('+', x, y), bt, LongT)).toEqual(a.map((v, i) => BigInt.asIntN(64, v + b[i]!)));
      expect(run(arith('-', x, y), bt, LongT)).toEqual(a.map((v, i) => BigInt.asIntN(64, v - b[i]!)));
      expect(run(arith('*', x, y), bt, LongT)).toEqual(a.map((v, i) => BigInt.asIntN(64, v * b[i]!)));
      expect(run(arith('%', x, y), bt, LongT)).toEqual(a.map((v, i) => (b[i] === 0n ? null : v % b[i]!)));
      expect(run({ kind: 'negate', child: x }, bt, LongT)).toEqual(a.map((v) => BigInt.asIntN(64, -v)));
    }
  });
  it('int64 ANSI overflow detection matches BigInt', () => {
    const [a, b] = pairs();
    const ops: [ArithmeticOp, (x: bigint, y: bigint) => bigint][] = [
      ['+', (x, y) => x + y],
      ['-', (x, y) => x - y],
      ['*', (x, y) => x * y],
    ];
    for (const [op, f] of ops) {
      for (let i = 0; i < a.length; i++) {
        const one = binary(LongT, [a[i]], [b[i]]);
        const exact = f(a[i]!, b[i]!);
        const overflows = exact !== BigInt.asIntN(64, exact);
        const cls = errorClassOf(() => evaluate(arith(op, ref(0, LongT), ref(1, LongT)), one, ANSI));
        expect(cls, `${a[i]} ${op} ${b[i]}`).toBe(overflows ? 'ARITHMETIC_OVERFLOW' : undefined);
      }
    }
  });
  it('negation of MIN_VALUE wraps, or raises under ANSI', () => {
    const b = batch([[IntegerT, [-2147483648, 5, null]]]);
    expect(run({ kind: 'negate', child: ref(0, IntegerT) }, b, IntegerT)).toEqual([-2147483648, -5, null]);
    expect(errorClassOf(() => evaluate({ kind: 'negate', child: ref(0, IntegerT) }, b, ANSI))).toBe('ARITHMETIC_OVERFLOW');
    const l = batch([[LongT, [-9223372036854775808n]]]);
    expect(errorClassOf(() => evaluate({ kind: 'negate', child: ref(0, LongT) }, l, ANSI))).toBe('ARITHMETIC_OVERFLOW');
    const d = batch([[DoubleT, [0, 1.5, null]]]);
    expect(run({ kind: 'negate', child: ref(0, DoubleT) }, d, DoubleT)).toEqual([-0, -1.5, null]);
  });
  it('NULL-typed operands give an all-NULL column', () => {
    const b = batch([[IntegerT, [1, 2]]]);
    expect(run(arith('+', lit(null), lit(null)), b, NullT)).toEqual([null, null]);
  });
});

describe('comparisons', () => {
  const OPS: ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>=', '<=>'];
  function table(type: DataType, a: unknown[], b: unknown[], sliced = false): Record<string, unknown[]> {
    const bt = binary(type, a, b, sliced);
    return Object.fromEntries(OPS.map((op) => [op, run(cmp(op, ref(0, type), ref(1, type)), bt, BooleanT)]));
  }
  it('int32 with NULLs; <=> is null-safe', () => {
    const t = table(IntegerT, [1, 2, 3, null, null], [2, 2, 2, 1, null]);
    expect(t).toEqual({
      '=': [false, true, false, null, null],
      '!=': [true, false, true, null, null],
      '<': [true, false, false, null, null],
      '<=': [true, true, false, null, null],
      '>': [false, false, true, null, null],
      '>=': [false, true, true, null, null],
      '<=>': [false, true, false, false, true],
    });
  });
  it('float64 follows Spark: NaN = NaN, NaN above everything, -0.0 = 0.0', () => {
    const t = table(DoubleT, [NaN, NaN, NaN, Infinity, -0, 1], [NaN, 1e308, Infinity, NaN, 0, NaN]);
    expect(t['=']).toEqual([true, false, false, false, true, false]);
    expect(t['>']).toEqual([false, true, true, false, false, false]);
    expect(t['<']).toEqual([false, false, false, true, false, true]);
    expect(t['<=>']).toEqual([true, false, false, false, true, false]);
  });
  it('int64 and timestamp compare signed 64-bit values', () => {
    const a = [-1n, 0xffffffffn, -9223372036854775808n, 5n, 0x100000000n];
    const b = [1n, 0x100000000n, 9223372036854775807n, 5n, 0xffffffffn];
    expect(table(LongT, a, b)['<']).toEqual([true, true, true, false, false]);
    expect(table(TimestampT, a, b, true)['>=']).toEqual([false, false, false, true, true]);
  });
  it('strings compare by UTF-8 bytes (code points), not UTF-16 units', () => {
    const a = ['a', 'ab', '', 'é', '\uFFFD', 'same', null];
    const b = ['b', 'a', 'a', 'z', '😀', 'same', 'x'];
    const t = table(StringT, a, b);
    expect(t['<']).toEqual([true, false, true, false, true, false, null]);
    expect(t['=']).toEqual([false, false, false, false, false, true, null]);
    expect(table(StringT, a, b, true)['<']).toEqual(t['<']);
  });
  it('strings whose first differing bytes, or lengths, differ by more than 127 still order correctly', () => {
    const t = table(StringT, ['é', 'A', 'x'.repeat(256), ''], ['A', 'é', '', 'x'.repeat(300)]);
    expect(t['>']).toEqual([true, false, true, false]);
    expect(t['=']).toEqual([false, false, false, false]);
  });
  it('booleans and dates', () => {
    expect(table(BooleanT, [false, true, true], [true, true, false])['<']).toEqual([true, false, false]);
    expect(table(DateT, [0, 19000, -5], [1, 19000, -6])['<=']).toEqual([true, true, false]);
  });
  it('arrays compare element-wise', () => {
    const t = ArrayT(IntegerT);
    expect(table(t, [[1, 2], [1], [1, null], [3]], [[1, 3], [1, 0], [1, null], [2, 9]])['<']).toEqual([true, true, false, false]);
    expect(table(t, [[1, null]], [[1, null]])['=']).toEqual([true]);
  });
});

describe('literals, aliases, CASE WHEN, IN', () => {
  const b = batch([
    [IntegerT, [1, 2, 3, null, 5]],
    [StringT, ['a', 'b', null, 'd', 'e']],
  ]);
  it('broadcasts literals of every type', () => {
    expect(run(lit('xy'), b, StringT)).toEqual(['xy', 'xy', 'xy', 'xy', 'xy']);
    expect(run(lit(''), b, StringT)).toEqual(['', '', '', '', '']);
    expect(run(lit(7n), b, LongT)).toEqual([7n, 7n, 7n, 7n, 7n]);
    expect(run(lit(null), b, NullT)).toEqual([null, null, null, null, null]);
    expect(run(lit(null, IntegerT), b, IntegerT)).toEqual([null, null, null, null, null]);
    expect(run(lit(false), b, BooleanT)).toEqual([false, false, false, false, false]);
    expect(run(lit(1.5), b, DoubleT)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
  });
  it('alias and sortOrder evaluate their child', () => {
    expect(run({ kind: 'alias', child: ref(0, IntegerT), name: 'x', exprId: 1 }, b, IntegerT)).toEqual([1, 2, 3, null, 5]);
    expect(run({ kind: 'sortOrder', child: ref(1, StringT), direction: 'asc', nullOrdering: 'nullsFirst' }, b, StringT)).toEqual(['a', 'b', null, 'd', 'e']);
  });
  it('CASE WHEN: first TRUE branch wins, NULL conditions are not taken, no ELSE gives NULL', () => {
    const x = ref(0, IntegerT);
    const e: Expression = {
      kind: 'caseWhen',
      branches: [
        { condition: cmp('<', x, lit(3)), value: lit('small') },
        { condition: cmp('<', x, lit(4)), value: ref(1, StringT) },
        { condition: cmp('>', x, lit(0)), value: lit('big') },
      ],
      otherwise: null,
    };
    expect(run(e, b, StringT)).toEqual(['small', 'small', null, null, 'big']);
    expect(run({ ...e, otherwise: lit('other') }, b, StringT)).toEqual(['small', 'small', null, 'other', 'big']);
  });
  it('CASE WHEN under ANSI only evaluates a branch for the rows that reach it', () => {
    const d = batch([
      [IntegerT, [10, 7, 9]],
      [IntegerT, [2, 0, 3]],
    ]);
    const e: Expression = {
      kind: 'caseWhen',
      branches: [{ condition: cmp('!=', ref(1, IntegerT), lit(0)), value: arith('%', ref(0, IntegerT), ref(1, IntegerT)) }],
      otherwise: lit(-1),
    };
    expect(run(e, d, IntegerT, ANSI)).toEqual([0, -1, 0]);
  });
  it('IN follows SQL NULL semantics', () => {
    const x = ref(0, IntegerT);
    expect(run({ kind: 'in', child: x, list: [lit(1), lit(5)] }, b, BooleanT)).toEqual([true, false, false, null, true]);
    expect(run({ kind: 'in', child: x, list: [lit(1), lit(null, IntegerT)] }, b, BooleanT)).toEqual([true, null, null, null, null]);
    expect(run({ kind: 'in', child: x, list: [] }, b, BooleanT)).toEqual([false, false, false, false, false]);
    // Non-literal lists take the general (x = a OR x = b) path.
    const y = batch([
      [IntegerT, [1, 2, null, 4]],
      [IntegerT, [1, null, 3, 5]],
    ]);
    expect(run({ kind: 'in', child: ref(0, IntegerT), list: [ref(1, IntegerT), lit(4)] }, y, BooleanT)).toEqual([true, null, null, true]);
    expect(run({ kind: 'in', child: ref(1, StringT), list: [lit('b'), lit('e')] }, b, BooleanT)).toEqual([false, true, null, false, true]);
  });
  it('IN on doubles matches NaN and -0.0 like equality; on bigint and strings', () => {
    const d = batch([[DoubleT, [NaN, -0, 1, 2]]]);
    expect(run({ kind: 'in', child: ref(0, DoubleT), list: [lit(NaN), lit(0)] }, d, BooleanT)).toEqual([true, true, false, false]);
    const l = batch([[LongT, [1n, 9007199254740993n, null]]]);
    expect(run({ kind: 'in', child: ref(0, LongT), list: [lit(9007199254740993n)] }, l, BooleanT)).toEqual([false, true, null]);
  });
  it('dispatches scalar functions by name', () => {
    expect(run({ kind: 'fn', name: 'UPPER', args: [ref(1, StringT)], dataType: StringT, nullable: true }, b, StringT)).toEqual(['A', 'B', null, 'D', 'E']);
  });
  it('refuses unresolved and unbound expressions', () => {
    expect(() => evaluate(attr('a', IntegerT), b)).toThrow(/must be resolved and bound/);
    expect(() => evaluate({ kind: 'unresolvedColumn', nameParts: ['a'] }, b)).toThrow(/must be resolved and bound/);
    expect(() => evaluate({ kind: 'agg', fn: 'count', args: [], distinct: false, dataType: LongT, nullable: false }, b)).toThrow(/must be resolved and bound/);
  });
  it('handles empty batches', () => {
    const e = batch([[IntegerT, []]]);
    expect(run(arith('+', ref(0, IntegerT), lit(1)), e, IntegerT)).toEqual([]);
    expect(run(lit('x'), e, StringT)).toEqual([]);
  });
});

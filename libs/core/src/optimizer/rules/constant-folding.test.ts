import { describe, expect, it } from 'vitest';
import { BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, alias, attr, lit, type Expression } from '../../expr/expression.js';
import type { DataType } from '../../types/data-type.js';
import { aggCall, aggregate, and, arith, cast, cmp, explain, filter, not, optimizeOnly, project, relation } from '../test-util.js';

const run = (p: Parameters<typeof optimizeOnly>[1]) => optimizeOnly('constant-folding', p);

describe('constant-folding', () => {
  it('folds literal-only subtrees of project expressions, keeping the names and ids of the outputs', () => {
    const a = attr('a', IntegerT);
    const A = `a#${a.exprId}`;
    const caseExpr: Expression = { kind: 'caseWhen', branches: [{ condition: cmp('>', lit(1), lit(2)), value: lit('x') }], otherwise: lit('y') };
    const inExpr: Expression = { kind: 'in', child: lit(2), list: [lit(1), lit(2), lit(null, IntegerT)] };
    const inNull: Expression = { kind: 'in', child: lit(3), list: [lit(1), lit(null, IntegerT)] };
    const es = [
      alias(arith('+', a, arith('+', lit(1), lit(2))), 'x'),
      alias(cmp('>', arith('*', lit(2), lit(3)), lit(5)), 'z'),
      alias(cast(lit('12'), IntegerT), 'c'),
      alias(arith('+', cast(lit(1), DoubleT), lit(0.5)), 'd'),
      alias(arith('*', lit(2n), lit(3n)), 'l'),
      alias(caseExpr, 'cw'),
      alias(inExpr, 'i1'),
      alias(inNull, 'i2'),
      alias({ kind: 'negate', child: lit(5) }, 'neg'),
      alias({ kind: 'isNull', child: lit(null, IntegerT) }, 'isn'),
      alias(cast(lit('2024-01-02'), DateT), 'dt'),
      alias(and(cmp('<', lit(1), lit(2)), lit(null, BooleanT)), 'tv'),
    ];
    const plan = project(es, relation(a));
    const n = (i: number) => `${es[i]!.name}#${es[i]!.exprId}`;
    expect(explain(run(plan))).toBe(
      `Project [(${A} + 3) AS ${n(0)}, true AS ${n(1)}, 12 AS ${n(2)}, 1.5 AS ${n(3)}, 6 AS ${n(4)}L, y AS ${n(5)}, ` +
        `true AS ${n(6)}, NULL AS ${n(7)}, -5 AS ${n(8)}, true AS ${n(9)}, 2024-01-02 AS ${n(10)}, NULL AS ${n(11)}]
+- LocalRelation [${A}]`,
    );
    const out = run(plan);
    if (out.kind !== 'project') throw new Error('expected a project');
    // Folded literals carry the expression's type.
    expect(out.projectList.slice(1).map((e) => (e.kind === 'alias' && e.child.kind === 'literal' ? e.child.dataType.kind : '?'))).toEqual(
      ['boolean', 'int32', 'float64', 'int64', 'string', 'boolean', 'boolean', 'int32', 'boolean', 'date', 'boolean'],
    );
  });

  it('propagates NULL literals through null-intolerant operators over non-constant operands', () => {
    const a = attr('a', IntegerT);
    const A = `a#${a.exprId}`;
    const es = [
      alias(arith('+', cast(lit(null, NullT), IntegerT), a), 'p'),
      alias(cmp('<', a, lit(null, IntegerT)), 'q'),
      alias(cmp('<=>', a, lit(null, IntegerT)), 'r'),
      alias(not(cmp('=', a, lit(null, IntegerT))), 's'),
      alias({ kind: 'in', child: lit(null, IntegerT), list: [a] }, 't'),
      alias(cast(lit(null, StringT), LongT), 'u'),
    ];
    const n = (i: number) => `${es[i]!.name}#${es[i]!.exprId}`;
    const out = run(project(es, relation(a)));
    expect(explain(out)).toBe(
      `Project [NULL AS ${n(0)}, NULL AS ${n(1)}, (${A} <=> NULL) AS ${n(2)}, NULL AS ${n(3)}, NULL AS ${n(4)}, NULL AS ${n(5)}L]
+- LocalRelation [${A}]`,
    );
    if (out.kind !== 'project') throw new Error('expected a project');
    expect(out.projectList.map((e) => (e.kind === 'alias' && e.child.kind === 'literal' ? e.child.dataType.kind : e.kind))).toEqual(
      ['int32', 'boolean', 'alias', 'boolean', 'boolean', 'int64'],
    );
  });

  it('folds filter conditions and aggregate arguments, never the aggregate itself', () => {
    const a = attr('a', IntegerT);
    const A = `a#${a.exprId}`;
    const s = alias(aggCall('sum', [arith('+', lit(1), lit(1))], LongT), 's');
    const plan = aggregate([], [s], filter(cmp('>', arith('*', lit(2), lit(3)), lit(5)), relation(a)));
    expect(explain(run(plan))).toBe(`Aggregate [], [sum(2) AS s#${s.exprId}L]
+- Filter true
   +- LocalRelation [${A}]`);
  });

  it('leaves to run time what would raise: division by zero, overflow, malformed casts', () => {
    const a = attr('a', IntegerT);
    const es = [
      alias(arith('/', lit(1, DoubleT), lit(0, DoubleT)), 'dz'),
      alias(arith('+', lit(2147483647), lit(1)), 'ov'),
      alias(cast(lit('abc'), IntegerT), 'bad'),
    ];
    const plan = project(es, relation(a));
    expect(run(plan)).toBe(plan);
  });

  it('folds deterministic scalar functions of literals, not non-deterministic ones', () => {
    const a = attr('a', IntegerT);
    const fn = (name: string, args: Expression[], dataType: DataType): Expression => ({ kind: 'fn', name, args, dataType, nullable: true });
    const es = [
      alias(fn('coalesce', [lit(null, IntegerT), lit(3)], IntegerT), 'co'),
      alias(fn('upper', [lit('abc')], StringT), 'up'),
      alias(fn('coalesce', [a, arith('+', lit(1), lit(1))], IntegerT), 'partial'),
      alias(fn('rand', [lit(42n)], DoubleT), 'r'),
    ];
    const n = (i: number) => `${es[i]!.name}#${es[i]!.exprId}`;
    expect(explain(run(project(es, relation(a))))).toBe(
      `Project [3 AS ${n(0)}, ABC AS ${n(1)}, coalesce(a#${a.exprId}, 2) AS ${n(2)}, rand(42) AS ${n(3)}]
+- LocalRelation [a#${a.exprId}]`,
    );
  });

  it('returns the same plan when nothing is constant', () => {
    const a = attr('a', IntegerT);
    const plan = filter(cmp('>', arith('+', a, a), lit(1)), relation(a));
    expect(run(plan)).toBe(plan);
  });
});

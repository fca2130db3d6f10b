import { describe, expect, it } from 'vitest';
import { BooleanT, IntegerT, alias, attr, lit } from '../../expr/expression.js';
import { and, cmp, explain, filter, not, optimizeOnly, or, project, relation } from '../test-util.js';

const T = lit(true);
const F = lit(false);

describe('simplify-boolean', () => {
  it('simplifies AND / OR / NOT under three-valued logic', () => {
    const a = attr('a', BooleanT);
    const b = attr('b', BooleanT);
    const es = [
      alias(and(T, a), 'e0'),
      alias(and(a, F), 'e1'),
      alias(or(a, T), 'e2'),
      alias(or(F, a), 'e3'),
      alias(or(a, F), 'e4'),
      alias(not(not(a)), 'e5'),
      alias(not(cmp('=', a, b)), 'e6'),
      alias(and(a, a), 'e7'),
      alias(not(T), 'e8'),
      // x AND NOT x is NULL when x is NULL: must stay.
      alias(and(a, not(a)), 'e9'),
      alias(and(lit(null, BooleanT), a), 'e10'),
      alias(or(cmp('=', a, b), cmp('=', a, b)), 'e11'),
      alias(and(or(F, and(T, b)), T), 'e12'),
    ];
    const plan = project(es, relation(a, b));
    const A = `a#${a.exprId}`;
    const B = `b#${b.exprId}`;
    const id = (i: number) => es[i]!.exprId;
    expect(explain(optimizeOnly('simplify-boolean', plan))).toBe(
      `Project [${A} AS e0#${id(0)}, false AS e1#${id(1)}, true AS e2#${id(2)}, ${A} AS e3#${id(3)}, ${A} AS e4#${id(4)}, ` +
        `${A} AS e5#${id(5)}, (NOT (${A} = ${B})) AS e6#${id(6)}, ${A} AS e7#${id(7)}, false AS e8#${id(8)}, ` +
        `(${A} AND (NOT ${A})) AS e9#${id(9)}, (NULL AND ${A}) AS e10#${id(10)}, (${A} = ${B}) AS e11#${id(11)}, ${B} AS e12#${id(12)}]
+- LocalRelation [${A}, ${B}]`,
    );
  });

  it('removes a filter whose condition simplifies to true', () => {
    const x = attr('x', IntegerT);
    const plan = project([x], filter(or(cmp('>', x, lit(1)), not(F)), relation(x)));
    expect(explain(optimizeOnly('simplify-boolean', plan))).toBe(`Project [x#${x.exprId}]
+- LocalRelation [x#${x.exprId}]`);
  });

  it('replaces a filter on false or NULL by an empty relation with the same output', () => {
    const x = attr('x', IntegerT);
    const y = attr('y', IntegerT);
    const p1 = project([y], filter(and(cmp('>', x, lit(1)), F), relation(x, y)));
    expect(explain(optimizeOnly('simplify-boolean', p1))).toBe(`Project [y#${y.exprId}]
+- LocalRelation [x#${x.exprId}, y#${y.exprId}]`);
    const p2 = filter(lit(null, BooleanT), relation(x, y));
    const out = optimizeOnly('simplify-boolean', p2);
    expect(out).toEqual({ kind: 'localRelation', output: [x, y], partitions: [] });
  });

  it('keeps a filter that cannot be simplified, as the same object', () => {
    const x = attr('x', IntegerT);
    const plan = filter(and(cmp('>', x, lit(1)), cmp('<', x, lit(5))), relation(x));
    expect(optimizeOnly('simplify-boolean', plan)).toBe(plan);
  });
});

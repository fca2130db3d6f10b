import { describe, expect, it } from 'vitest';
import { IntegerT, alias, attr, lit, toAttribute } from '../../expr/expression.js';
import { arith, explain, optimizeOnly, project, relation } from '../test-util.js';

describe('collapse-project', () => {
  it('inlines inner aliases into the outer list, keeping output ids and names', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const x = alias(arith('+', a, lit(1)), 'x');
    const xAttr = toAttribute(x);
    const y = alias(arith('*', xAttr, lit(2)), 'y');
    const plan = project([y, b], project([x, b], relation(a, b)));
    const plan2 = project([xAttr, b], project([x, b], relation(a, b)));
    const A = `a#${a.exprId}`;
    const B = `b#${b.exprId}`;
    expect(explain(optimizeOnly('collapse-project', plan))).toBe(`Project [((${A} + 1) * 2) AS y#${y.exprId}, ${B}]
+- LocalRelation [${A}, ${B}]`);
    // The outer project passes x through: the inner alias itself comes up.
    expect(explain(optimizeOnly('collapse-project', plan2))).toBe(`Project [(${A} + 1) AS x#${x.exprId}, ${B}]
+- LocalRelation [${A}, ${B}]`);
  });

  it('does not duplicate a non-trivial expression used twice, but does inline attributes and literals', () => {
    const a = attr('a', IntegerT);
    const x = alias(arith('+', a, lit(1)), 'x');
    const xAttr = toAttribute(x);
    const y = alias(arith('*', xAttr, lit(2)), 'y');
    const kept = project([xAttr, y], project([x], relation(a)));
    expect(optimizeOnly('collapse-project', kept)).toBe(kept);

    const r = alias(a, 'r');
    const k = alias(lit(7), 'k');
    const rAttr = toAttribute(r);
    const kAttr = toAttribute(k);
    const s = alias(arith('+', rAttr, arith('+', rAttr, kAttr)), 's');
    const t = alias(arith('-', kAttr, rAttr), 't');
    const cheap = project([s, t], project([r, k], relation(a)));
    const A = `a#${a.exprId}`;
    expect(explain(optimizeOnly('collapse-project', cheap))).toBe(`Project [(${A} + (${A} + 7)) AS s#${s.exprId}, (7 - ${A}) AS t#${t.exprId}]
+- LocalRelation [${A}]`);
  });

  it('removes a project that returns its child output unchanged, not one that reorders it', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const rel = relation(a, b);
    expect(optimizeOnly('collapse-project', project([a, b], rel))).toBe(rel);
    const reorder = project([b, a], rel);
    expect(optimizeOnly('collapse-project', reorder)).toBe(reorder);
    const subset = project([a], rel);
    expect(optimizeOnly('collapse-project', subset)).toBe(subset);
  });

  it('collapses a chain of three projects', () => {
    const a = attr('a', IntegerT);
    const x = alias(arith('+', a, lit(1)), 'x');
    const xAttr = toAttribute(x);
    const y = alias(arith('*', xAttr, lit(2)), 'y');
    const yAttr = toAttribute(y);
    const plan = project([yAttr], project([y], project([x], relation(a))));
    expect(explain(optimizeOnly('collapse-project', plan))).toBe(`Project [((a#${a.exprId} + 1) * 2) AS y#${y.exprId}]
+- LocalRelation [a#${a.exprId}]`);
  });
});

import { describe, expect, it } from 'vitest';
import { IntegerT, attr, lit } from '../../expr/expression.js';
import { cmp, explain, filter, optimizeOnly, project, relation } from '../test-util.js';

describe('combine-filters', () => {
  it('merges a chain of filters, inner conditions first, dropping repeated conjuncts', () => {
    const a = attr('a', IntegerT);
    const b = attr('b', IntegerT);
    const plan = filter(
      cmp('<', b, lit(9)),
      filter(cmp('=', b, lit(1)), filter(cmp('>', a, lit(0)), project([a, b], relation(a, b)))),
    );
    // The middle filter repeats the innermost condition: nothing new to add for it.
    const plan2 = filter(cmp('>', a, lit(0)), plan);
    const A = `a#${a.exprId}`;
    const B = `b#${b.exprId}`;
    expect(explain(optimizeOnly('combine-filters', plan2))).toBe(`Filter (((${A} > 0) AND (${B} = 1)) AND (${B} < 9))
+- Project [${A}, ${B}]
   +- LocalRelation [${A}, ${B}]`);
  });

  it('leaves separated filters alone', () => {
    const a = attr('a', IntegerT);
    const plan = filter(cmp('>', a, lit(0)), project([a], filter(cmp('<', a, lit(3)), relation(a))));
    expect(optimizeOnly('combine-filters', plan)).toBe(plan);
  });
});

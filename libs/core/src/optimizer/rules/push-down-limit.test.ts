import { describe, expect, it } from 'vitest';
import { LongT, alias, attr, lit } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { aggCall, aggregate, asc, cmp, explain, filter, join, limit, optimizeOnly, project, range, sort, union } from '../test-util.js';

const run = (p: LogicalPlan) => optimizeOnly('push-down-limit', p);
const RANGE = 'Range (0, 1000, step=1, splits=Some(2))';

describe('push-down-limit', () => {
  it('moves a limit below a project', () => {
    const a = attr('a', LongT, false);
    const x = alias(cmp('>', a, lit(1n)), 'x');
    const plan = limit(5, project([x], range(0, 1000, a)));
    expect(explain(run(plan))).toBe(`Project [(a#${a.exprId}L > 1) AS x#${x.exprId}]
+- GlobalLimit 5
   +- ${RANGE}`);
  });

  it('merges stacked limits into the smallest', () => {
    const a = attr('a', LongT, false);
    const inner = filter(cmp('>', a, lit(1n)), range(0, 1000, a));
    expect(explain(run(limit(5, limit(3, inner))))).toBe(`GlobalLimit 3
+- Filter (a#${a.exprId}L > 1)
   +- ${RANGE}`);
    expect(explain(run(limit(2, project([a], limit(7, inner)))))).toBe(`Project [a#${a.exprId}L]
+- GlobalLimit 2
   +- Filter (a#${a.exprId}L > 1)
      +- ${RANGE}`);
  });

  it('adds a limit to each union child that may exceed it and keeps the global one', () => {
    const a = attr('a', LongT, false);
    const b = attr('b', LongT, false);
    const c = attr('c', LongT, false);
    const plan = limit(5, union(range(0, 1000, a), project([b], range(0, 1000, b)), range(0, 3, c)));
    expect(explain(run(plan))).toBe(`GlobalLimit 5
+- Union false, false
   :- GlobalLimit 5
   :  +- ${RANGE}
   :- Project [b#${b.exprId}L]
   :  +- GlobalLimit 5
   :     +- ${RANGE}
   +- Range (0, 3, step=1, splits=Some(2))`);
  });

  it('limits the preserved side of an outer join and keeps the limit above', () => {
    const a = attr('a', LongT, false);
    const b = attr('b', LongT, false);
    const cond = cmp('=', a, b);
    expect(explain(run(limit(5, join(range(0, 1000, a), range(0, 1000, b), 'left', cond))))).toBe(`GlobalLimit 5
+- Join LeftOuter, (a#${a.exprId}L = b#${b.exprId}L)
   :- GlobalLimit 5
   :  +- ${RANGE}
   +- ${RANGE}`);
    expect(explain(run(limit(5, join(range(0, 1000, a), range(0, 1000, b), 'right', cond))))).toBe(`GlobalLimit 5
+- Join RightOuter, (a#${a.exprId}L = b#${b.exprId}L)
   :- ${RANGE}
   +- GlobalLimit 5
      +- ${RANGE}`);
  });

  it('does not push through filters, aggregates, sorts, inner/full joins', () => {
    const a = attr('a', LongT, false);
    const b = attr('b', LongT, false);
    const plans = [
      limit(5, filter(cmp('>', a, lit(1n)), range(0, 1000, a))),
      limit(5, aggregate([a], [a, alias(aggCall('count', [], LongT, false), 'n')], range(0, 1000, a))),
      limit(5, sort([asc(a)], range(0, 1000, a))),
      limit(5, join(range(0, 1000, a), range(0, 1000, b), 'inner', cmp('=', a, b))),
      limit(5, join(range(0, 1000, a), range(0, 1000, b), 'full', cmp('=', a, b))),
    ];
    for (const p of plans) expect(run(p)).toBe(p);
  });

  it('drops a limit its input can never reach', () => {
    const a = attr('a', LongT, false);
    const small = range(0, 5, a);
    expect(run(limit(10, small))).toBe(small);
    expect(run(limit(5, small))).toBe(small);
    const p = limit(4, small);
    expect(run(p)).toBe(p);
    // A global aggregate returns exactly one row.
    const agg = aggregate([], [alias(aggCall('count', [], LongT, false), 'n')], range(0, 1000, a));
    expect(run(limit(1, agg))).toBe(agg);
  });
});

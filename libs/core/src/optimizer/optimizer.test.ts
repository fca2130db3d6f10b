import { describe, expect, it } from 'vitest';
import { IntegerT, LongT, alias, attr, lit, toAttribute } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { type OptimizerRule, RULE_NAMES, optimize, runBatches } from './optimizer.js';
import { aggCall, aggregate, and, arith, cmp, explain, filter, join, limit, project, range, relation } from './test-util.js';

/** Filter over Project over an inner join of two aliased ranges, with foldable constants. */
function joinPlan() {
  const i1 = attr('id', LongT, false);
  const i2 = attr('id', LongT, false);
  const dbl = alias(arith('*', i2, lit(2n)), 'dbl');
  const three = alias(arith('+', lit(1), lit(2)), 'three');
  const l: LogicalPlan = { kind: 'subqueryAlias', alias: 'l', child: range(0, 100, i1) };
  const r: LogicalPlan = { kind: 'subqueryAlias', alias: 'r', child: range(0, 50, i2) };
  const p = project([i1, dbl, three], join(l, r, 'inner', cmp('=', i1, i2)));
  const f = filter(and(cmp('>', toAttribute(dbl), lit(10n)), cmp('<', i1, arith('+', lit(5n), lit(5n)))), p);
  const plan = project([i1, toAttribute(dbl)], f);
  return { plan, I1: `id#${i1.exprId}L`, I2: `id#${i2.exprId}L`, DBL: `dbl#${dbl.exprId}L` };
}

describe('optimize', () => {
  it('optimizes a filter over a project over a join of two ranges', () => {
    const { plan, I1, I2, DBL } = joinPlan();
    expect(explain(optimize(plan, { verify: true }))).toBe(`Project [${I1}, (${I2} * 2) AS ${DBL}]
+- Join Inner, (${I1} = ${I2})
   :- Filter (${I1} < 10)
   :  +- Range (0, 100, step=1, splits=Some(2))
   +- Filter ((${I2} * 2) > 10)
      +- Range (0, 50, step=1, splits=Some(2))`);
  });

  it('optimizes a limited aggregate: filter below the grouping, limit below the project, pruned inputs', () => {
    const id = attr('id', LongT, false);
    const k = alias(arith('%', id, lit(3n)), 'k');
    const v = alias(id, 'v');
    const cnt = alias(aggCall('count', [], LongT, false), 'cnt');
    const s = alias(aggCall('sum', [toAttribute(v)], LongT), 's');
    const agg = aggregate([toAttribute(k)], [toAttribute(k), cnt, s], project([k, v], range(0, 1000, id)));
    const plan = limit(10, project([toAttribute(k), toAttribute(cnt)], filter(cmp('>', toAttribute(k), lit(1n)), agg)));
    const ID = `id#${id.exprId}L`;
    const K = `k#${k.exprId}L`;
    expect(explain(optimize(plan, { verify: true }))).toBe(`GlobalLimit 10
+- Aggregate [${K}], [${K}, count(1) AS cnt#${cnt.exprId}L]
   +- Project [(${ID} % 3) AS ${K}]
      +- Filter ((${ID} % 3) > 1)
         +- Range (0, 1000, step=1, splits=Some(2))`);
  });

  it('skips disabled rules, by Kindling or Spark name, and reports every rule run with its time', () => {
    const calls: { name: string; ms: number; changed: boolean }[] = [];
    const { plan } = joinPlan();
    const out = optimize(plan, {
      verify: true,
      disabledRules: ['org.apache.spark.sql.catalyst.optimizer.PushDownPredicates', ' collapse-project , prune-columns'],
      onRule: (name, ms, changed) => calls.push({ name, ms, changed }),
    });
    expect(explain(out)).toContain('Filter');
    expect(explain(out).split('\n')[1]).toMatch(/^\+- Filter /);
    const names = new Set(calls.map((c) => c.name));
    expect([...names].sort()).toEqual(
      ['combine-filters', 'constant-folding', 'cost-based-reorder-join', 'eliminate-subquery-aliases', 'push-down-limit', 'push-extra-predicate-through-join', 'reorder-join', 'replace-distinct-with-aggregate', 'simplify-boolean'],
    );
    expect(calls.every((c) => c.ms >= 0 && Number.isFinite(c.ms))).toBe(true);
    expect(calls.find((c) => c.name === 'eliminate-subquery-aliases')!.changed).toBe(true);
    // The fixpoint batch ends with a pass in which no rule changed the plan (the join-reorder batch runs after it).
    const fixpoint = calls.filter((c) => c.name !== 'cost-based-reorder-join');
    expect(fixpoint.slice(-5).map((c) => c.changed)).toEqual([false, false, false, false, false]);
  });

  it('lists every rule once, in order', () => {
    expect(RULE_NAMES).toEqual([
      'eliminate-subquery-aliases',
      'replace-distinct-with-aggregate',
      'constant-folding',
      'simplify-boolean',
      'combine-filters',
      'reorder-join',
      'push-extra-predicate-through-join',
      'push-down-filter',
      'collapse-project',
      'push-down-limit',
      'cost-based-reorder-join',
      'prune-columns',
    ]);
  });

  it('returns the input object when no rule applies', () => {
    const a = attr('a', IntegerT);
    const plan = filter(cmp('>', a, lit(1)), relation(a));
    expect(optimize(plan, { verify: true })).toBe(plan);
  });
});

describe('runBatches', () => {
  const a = attr('a', IntegerT);
  const b = attr('b', IntegerT);
  const base = project([a], relation(a, b));

  it('names the rule that left a dangling attribute reference', () => {
    const broken: OptimizerRule = { name: 'broken-rule', apply: (p) => (p.kind === 'project' ? { ...p, child: relation(b) } : p) };
    expect(() => runBatches(base, [{ name: 'x', strategy: 'once', rules: [broken] }], { verify: true })).toThrow(
      /Optimizer rule 'broken-rule' produced an invalid plan: a#\d+ is not produced by the children of Project/,
    );
    // Without verification the runner trusts the rule.
    expect(() => runBatches(base, [{ name: 'x', strategy: 'once', rules: [broken] }])).not.toThrow();
  });

  it('names the rule that changed the output schema', () => {
    const retype: OptimizerRule = { name: 'retype', apply: (p) => (p === base ? project([alias(cmp('>', a, lit(0)), 'a')], p.child) : p) };
    expect(() => runBatches(base, [{ name: 'x', strategy: 'once', rules: [retype] }], { verify: true })).toThrow(
      /Optimizer rule 'retype' changed the plan output/,
    );
  });

  it('stops a batch that never reaches a fixpoint after 100 iterations', () => {
    let n = 0;
    const churn: OptimizerRule = { name: 'churn', apply: (p) => (n++, { ...p }) };
    runBatches(base, [{ name: 'x', strategy: 'fixpoint', rules: [churn] }], { verify: true });
    expect(n).toBe(100);
  });
});

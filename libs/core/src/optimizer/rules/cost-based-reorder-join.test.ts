import { describe, expect, it } from 'vitest';
import { type AttributeReference, IntegerT, StringT, attr, lit } from '../../expr/expression.js';
import { dataFromValues, makeBatch } from '../../execution/vectors.js';
import { schemaOf } from '../../execution/schema-of.js';
import { type LogicalPlan, outputOf } from '../../plan/logical-plan.js';
import { interpret } from '../test-interpreter.js';
import { and, cmp, explain, filter, join, optimizeOnly } from '../test-util.js';

/** A local relation of `n` rows whose columns hold `f(column, row)`. */
function table(cols: readonly AttributeReference[], n: number, f: (c: number, i: number) => unknown): LogicalPlan {
  const data = cols.map((c, k) => dataFromValues(c.dataType, Array.from({ length: n }, (_, i) => f(k, i))));
  return { kind: 'localRelation', output: cols, partitions: n ? [[makeBatch(schemaOf(cols), data, n)]] : [] };
}

/** Input relations in the order their joins appear, read off a left-deep plan's explain text. */
function joinOrder(p: LogicalPlan, names: ReadonlyMap<number, string>): string[] {
  const out: string[] = [];
  const walk = (q: LogicalPlan): void => {
    if (q.kind === 'join') {
      walk(q.left);
      walk(q.right);
    } else if (q.kind === 'localRelation') out.push(names.get(q.output[0]!.exprId)!);
    else for (const c of q.kind === 'filter' || q.kind === 'project' ? [q.child] : []) walk(c);
  };
  walk(p);
  return out;
}

describe('cost-based-reorder-join', () => {
  const fk1 = attr('f_d1', IntegerT);
  const fk2 = attr('f_d2', IntegerT);
  const d1k = attr('d1_k', IntegerT);
  const d1name = attr('d1_name', StringT);
  const d2k = attr('d2_k', IntegerT);
  const fact = table([fk1, fk2], 5000, (c, i) => (c === 0 ? i % 50 : i % 100));
  const d1 = table([d1k, d1name], 50, (c, i) => (c === 0 ? i : `n${i}`));
  const d2 = table([d2k], 100, (_c, i) => i);
  const names = new Map([[fk1.exprId, 'fact'], [d1k.exprId, 'd1'], [d2k.exprId, 'd2']]);

  it('meets the filtered dimension first', () => {
    // FROM fact, d2, d1 WHERE f_d2 = d2_k AND f_d1 = d1_k AND d1_name = 'n3': written, fact meets d2 first.
    const plan = filter(
      and(and(cmp('=', fk2, d2k), cmp('=', fk1, d1k)), cmp('=', d1name, lit('n3'))),
      join(join(fact, d2, 'inner'), filter(cmp('=', d1name, lit('n3')), d1), 'inner'),
    );
    const out = optimizeOnly('cost-based-reorder-join', plan);
    expect(joinOrder(out, names)).toEqual(['fact', 'd1', 'd2']);
    const rows = (p: LogicalPlan) => interpret(p).map((r) => JSON.stringify(r)).sort();
    expect(rows(out)).toEqual(rows(plan));
    expect(outputOf(out).map((a) => a.exprId)).toEqual(outputOf(plan).map((a) => a.exprId));
  });

  it('does not join two dimensions on a shared foreign key before the fact', () => {
    // As customer and supplier in TPC-H Q5: both carry a nation key, which the chain also equates with the key of a
    // 4-row table, so joining them on it first is seen as the many-to-many join it is.
    const g1 = attr('g1', IntegerT);
    const g2 = attr('g2', IntegerT);
    const gk = attr('gk', IntegerT);
    const a = table([d1k, g1], 50, (c, i) => (c === 0 ? i : i % 4));
    const b = table([d2k, g2], 100, (c, i) => (c === 0 ? i : i % 4));
    const nation = table([gk], 4, (_c, i) => i);
    // The conditions sit on the joins (the reference interpreter would otherwise build the whole cross product).
    const plan = join(
      join(join(a, b, 'inner', cmp('=', g1, g2)), nation, 'inner', cmp('=', g2, gk)),
      fact,
      'inner',
      and(cmp('=', fk1, d1k), cmp('=', fk2, d2k)),
    );
    const out = optimizeOnly('cost-based-reorder-join', plan);
    const order = joinOrder(out, new Map([[fk1.exprId, 'fact'], [d1k.exprId, 'd1'], [d2k.exprId, 'd2'], [gk.exprId, 'nation']]));
    // The fact comes before the second of the two dimensions: they never meet each other first.
    expect(order.indexOf('fact'), explain(out)).toBeLessThan(Math.max(order.indexOf('d1'), order.indexOf('d2')));
    const rows = (p: LogicalPlan) => interpret(p).map((r) => JSON.stringify(r)).sort();
    expect(rows(out)).toEqual(rows(plan));
  });

  it('leaves a chain that needs a cross product, or two inputs, alone', () => {
    const x = attr('x', IntegerT);
    const lone = table([x], 10, (_c, i) => i);
    const plan = filter(cmp('=', fk1, d1k), join(join(fact, d1, 'inner'), lone, 'cross'));
    expect(optimizeOnly('cost-based-reorder-join', plan)).toBe(plan);
    const two = filter(cmp('=', fk1, d1k), join(fact, d1, 'inner'));
    expect(optimizeOnly('cost-based-reorder-join', two)).toBe(two);
  });

  it('gives the same rows as the written order on random chains', () => {
    let s = 11;
    const rnd = (n: number): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s >>> 8) % n;
    };
    let reordered = 0;
    for (let i = 0; i < 300; i++) {
      const inputs = Array.from({ length: 3 + rnd(3) }, (_, k) => {
        const cols = [attr(`x${k}`, IntegerT), attr(`y${k}`, IntegerT)];
        return table(cols, 1 + rnd(6), () => (rnd(6) === 0 ? null : rnd(3)));
      });
      const cols = inputs.map((p) => outputOf(p));
      const conds = Array.from({ length: 2 + rnd(4) }, () => {
        const l = cols[rnd(cols.length)]!;
        const r = cols[rnd(cols.length)]!;
        return cmp(rnd(4) ? '=' : '<', l[rnd(2)]!, r[rnd(2)]!);
      });
      let plan: LogicalPlan = inputs[0]!;
      for (const p of inputs.slice(1)) plan = join(plan, rnd(3) ? p : filter(cmp('>', outputOf(p)[0]!, lit(0)), p), 'inner');
      plan = filter(conds.reduce((x, y) => and(x, y)), plan);
      const out = optimizeOnly('cost-based-reorder-join', plan);
      if (out !== plan) reordered++;
      const rows = (p: LogicalPlan) => interpret(p).map((r) => JSON.stringify(r)).sort();
      expect(rows(out), `${explain(plan)}\n==>\n${explain(out)}`).toEqual(rows(plan));
    }
    expect(reordered).toBeGreaterThan(30);
  });
});

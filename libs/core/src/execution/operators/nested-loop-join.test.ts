import { describe, expect, it } from 'vitest';
import { type AttributeReference, type Expression, attr } from '../../expr/expression.js';
import type { NestedLoopJoinExec } from '../../physical/physical-plan.js';
import type { JoinType } from '../../plan/logical-plan.js';
import { IntegerT, LongT, StringT } from '../../types/data-type.js';
import { executeNestedLoopJoin } from './nested-loop-join.js';
import { batchesOf, bound, canonicalRows, collect, prng, referenceJoin, rowsOf, scan, testContext, testExec } from './test-util.js';

const leftOut: AttributeReference[] = [attr('lk', LongT), attr('ls', StringT), attr('lv', IntegerT)];
const rightOut: AttributeReference[] = [attr('rk', LongT), attr('rs', StringT), attr('rv', IntegerT)];
const W = 3;

function randomRows(n: number, r: () => number): unknown[][] {
  const strs = ['a', 'b', '', 'é'];
  return Array.from({ length: n }, () => [
    r() < 0.15 ? null : BigInt(Math.floor(r() * 5)),
    r() < 0.15 ? null : strs[Math.floor(r() * strs.length)]!,
    r() < 0.15 ? null : Math.floor(r() * 10),
  ]);
}

const lt = (a: unknown, b: unknown) => a !== null && b !== null && (a as number | bigint) < (b as number | bigint);
const conditions: [string, Expression | null, (l: readonly unknown[], r: readonly unknown[]) => boolean][] = [
  ['none', null, () => true],
  ['lv < rv', { kind: 'cmp', op: '<', left: bound(2, leftOut[2]!), right: bound(W + 2, rightOut[2]!) }, (l, r) => lt(l[2], r[2])],
  ['ls = rs', { kind: 'cmp', op: '=', left: bound(1, leftOut[1]!), right: bound(W + 1, rightOut[1]!) }, (l, r) => l[1] !== null && l[1] === r[1]],
  ['lk < rk', { kind: 'cmp', op: '<', left: bound(0, leftOut[0]!), right: bound(W, rightOut[0]!) }, (l, r) => lt(l[0], r[0])],
];
const allTypes: JoinType[] = ['inner', 'cross', 'left', 'right', 'full', 'leftsemi', 'leftanti'];

function plan(joinType: JoinType, condition: Expression | null, left: unknown[][], right: unknown[][], batch: number): NestedLoopJoinExec {
  return {
    kind: 'nestedLoopJoin',
    joinType,
    condition,
    left: scan(leftOut, [[], batchesOf(leftOut, left, batch)]),
    right: scan(rightOut, [[], batchesOf(rightOut, right, batch)]),
    output: joinType === 'leftsemi' || joinType === 'leftanti' ? leftOut : [...leftOut, ...rightOut],
  };
}

describe('executeNestedLoopJoin', () => {
  const sizes: [number, number][] = [[25, 18], [0, 10], [10, 0], [0, 0], [1, 1]];
  for (const joinType of allTypes) {
    it(`${joinType} join: every condition, empty sides, small and large batches`, async () => {
      let seed = 1;
      for (const [nl, nr] of sizes) {
        for (const [cname, condition, matches] of conditions) {
          const r = prng(seed++);
          const left = randomRows(nl, r);
          const right = randomRows(nr, r);
          const expected = referenceJoin(left, right, joinType, W, W, matches);
          for (const batch of [4, 1024]) {
            const p = plan(joinType, condition, left, right, batch);
            const batches = await collect(executeNestedLoopJoin(p, 1, testContext(batch), testExec));
            for (const b of batches) {
              expect(b.numRows).toBeGreaterThan(0);
              expect(b.numRows).toBeLessThanOrEqual(batch);
              expect(b.schema.fields.map((f) => f.name)).toEqual(p.output.map((a) => a.name));
            }
            const got = batches.flatMap((b) => rowsOf(b, p.output.map((a) => a.dataType)));
            expect(canonicalRows(got), `${cname} nl=${nl} nr=${nr} batch=${batch}`).toEqual(canonicalRows(expected));
          }
        }
      }
    });
  }

  it('handles a left side with no batches at all', async () => {
    const right = randomRows(3, prng(9));
    const p: NestedLoopJoinExec = { ...plan('right', null, [], right, 10), left: scan(leftOut, [[], []]) };
    const got = (await collect(executeNestedLoopJoin(p, 1, testContext(), testExec))).flatMap((b) => rowsOf(b, p.output.map((a) => a.dataType)));
    expect(canonicalRows(got)).toEqual(canonicalRows(right.map((r) => [null, null, null, ...r])));
  });
});

import type * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type AttributeReference, type Expression, attr } from '../../expr/expression.js';
import type { HashJoinExec } from '../../physical/physical-plan.js';
import type { JoinType } from '../../plan/logical-plan.js';
import { DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import { chooseBuildSide, executeHashJoin } from './hash-join.js';
import { batchOf, batchesOf, bound, canonicalRows, collect, prng, referenceJoin, rowsOf, scan, testContext, testExec } from './test-util.js';

const leftOut: AttributeReference[] = [attr('lk', LongT), attr('ls', StringT), attr('lv', IntegerT), attr('lid', IntegerT)];
const rightOut: AttributeReference[] = [attr('rk', LongT), attr('rs', StringT), attr('rv', IntegerT), attr('rid', IntegerT)];
const W = 4;

function randomRows(n: number, r: () => number, idBase: number): unknown[][] {
  const strs = ['a', 'b', 'cc', '', 'é'];
  return Array.from({ length: n }, (_, i) => [
    r() < 0.15 ? null : BigInt(Math.floor(r() * 6)),
    r() < 0.15 ? null : strs[Math.floor(r() * strs.length)]!,
    r() < 0.15 ? null : Math.floor(r() * 10),
    idBase + i,
  ]);
}

/** lv < rv, bound over left ++ right. */
const lessThan: Expression = { kind: 'cmp', op: '<', left: bound(2, leftOut[2]!), right: bound(W + 2, rightOut[2]!) };

const keySets: [string, number[]][] = [['int64', [0]], ['string', [1]], ['int64+string', [0, 1]]];
const allTypes: JoinType[] = ['inner', 'cross', 'left', 'right', 'full', 'leftsemi', 'leftanti'];

function plan(joinType: JoinType, keys: number[], condition: Expression | null, buildSide: 'left' | 'right', left: unknown[][], right: unknown[][], batch: number): HashJoinExec {
  // Inputs live in partition 1 (partition 0 holds stray rows) so the operator must pass its partition on.
  const stray = [[5n, 'a', 1, 999]];
  return {
    kind: 'hashJoin',
    strategy: 'shuffled',
    joinType,
    leftKeys: keys.map((c) => bound(c, leftOut[c]!)),
    rightKeys: keys.map((c) => bound(c, rightOut[c]!)),
    condition,
    buildSide,
    left: scan(leftOut, [[batchOf(leftOut, stray)], batchesOf(leftOut, left, batch)]),
    right: scan(rightOut, [[batchOf(rightOut, stray)], batchesOf(rightOut, right, batch)]),
    output: joinType === 'leftsemi' || joinType === 'leftanti' ? leftOut : [...leftOut, ...rightOut],
  };
}

async function run(p: HashJoinExec, batchSize: number): Promise<unknown[][]> {
  const batches = await collect(executeHashJoin(p, 1, testContext(batchSize), testExec));
  const types = p.output.map((a) => a.dataType);
  for (const b of batches) {
    expect(b.numRows).toBeGreaterThan(0);
    expect(b.numRows).toBeLessThanOrEqual(batchSize);
    expect(b.schema.fields.map((f) => f.name)).toEqual(p.output.map((a) => a.name));
  }
  return batches.flatMap((b) => rowsOf(b, types));
}

function keyMatch(keys: number[], cond: boolean) {
  return (l: readonly unknown[], r: readonly unknown[]) =>
    keys.every((c) => l[c] !== null && l[c] === r[c]) && (!cond || (l[2] !== null && r[2] !== null && (l[2] as number) < (r[2] as number)));
}

describe('executeHashJoin', () => {
  const sizes: [string, number, number][] = [['both sides', 60, 45], ['empty left', 0, 30], ['empty right', 30, 0], ['both empty', 0, 0]];
  for (const joinType of allTypes) {
    for (const buildSide of ['right', 'left'] as const) {
      it(`${joinType} join building ${buildSide}: all key kinds, with and without condition, empty sides`, async () => {
        let seed = 1;
        for (const [, nl, nr] of sizes) {
          for (const [kname, keys] of keySets) {
            for (const cond of [false, true]) {
              const r = prng(seed++);
              const left = randomRows(nl, r, 0);
              const right = randomRows(nr, r, 1000);
              const expected = referenceJoin(left, right, joinType, W, W, keyMatch(keys, cond));
              for (const batch of [7, 1024]) {
                const got = await run(plan(joinType, keys, cond ? lessThan : null, buildSide, left, right, batch), batch);
                expect(canonicalRows(got), `${kname} cond=${cond} nl=${nl} nr=${nr} batch=${batch}`).toEqual(canonicalRows(expected));
              }
            }
          }
        }
      });
    }
  }

  it('a shuffled join builds the side with fewer bytes in the partition; a broadcast join its broadcast side', () => {
    const small = batchOf(leftOut, [[1n, 'a', 1, 1]]);
    const big = batchOf(leftOut, Array.from({ length: 50 }, (_, i) => [BigInt(i), 'b', i, i]));
    const blocks: Record<number, arrow.RecordBatch[]> = { 1: [small], 2: [big, big] };
    const ctx = { ...testContext(), shuffleBlocks: (id: number) => blocks[id] ?? [] };
    const read = (shuffleId: number, output: AttributeReference[]) => ({ kind: 'shuffleRead' as const, shuffleId, numPartitions: 2, output });
    const base = plan('leftsemi', [0], null, 'right', [], [], 8);
    expect(chooseBuildSide({ ...base, left: read(1, leftOut), right: read(2, rightOut) }, 0, ctx)).toBe('left');
    expect(chooseBuildSide({ ...base, left: read(2, leftOut), right: read(1, rightOut) }, 0, ctx)).toBe('right');
    expect(chooseBuildSide({ ...base, buildSide: 'left', left: read(3, leftOut), right: read(4, rightOut) }, 0, ctx)).toBe('left');
    expect(chooseBuildSide({ ...base, strategy: 'broadcast', left: read(1, leftOut), right: read(2, rightOut) }, 0, ctx)).toBe('right');
  });

  it('matches heavily duplicated keys across many output batches', async () => {
    const left = Array.from({ length: 50 }, (_, i) => [1n, 'x', i % 3, i]);
    const right = Array.from({ length: 40 }, (_, i) => [1n, 'x', i % 5, 100 + i]);
    for (const joinType of ['inner', 'full', 'leftsemi'] as const) {
      const expected = referenceJoin(left, right, joinType, W, W, keyMatch([0], false));
      const got = await run(plan(joinType, [0, 1], null, 'right', left, right, 16), 16);
      expect(canonicalRows(got)).toEqual(canonicalRows(expected));
    }
  });

  it('joins float keys with NaN = NaN and -0.0 = 0.0, never NULL = NULL', async () => {
    const lo = [attr('a', DoubleT), attr('id', IntegerT)];
    const ro = [attr('b', DoubleT), attr('id', IntegerT)];
    const p: HashJoinExec = {
      kind: 'hashJoin', strategy: 'broadcast', joinType: 'full', condition: null, buildSide: 'right',
      leftKeys: [bound(0, lo[0]!)], rightKeys: [bound(0, ro[0]!)],
      left: scan(lo, [[batchOf(lo, [[NaN, 1], [-0, 2], [null, 3], [1.5, 4]])]]),
      right: scan(ro, [[batchOf(ro, [[NaN, 10], [0, 20], [null, 30], [2.5, 40]])]]),
      output: [...lo, ...ro],
    };
    const got = (await collect(executeHashJoin(p, 0, testContext(), testExec))).flatMap((b) => rowsOf(b, [DoubleT, IntegerT, DoubleT, IntegerT]));
    expect(canonicalRows(got)).toEqual(canonicalRows([
      [NaN, 1, NaN, 10], [-0, 2, 0, 20], [null, 3, null, null], [1.5, 4, null, null], [null, null, null, 30], [null, null, 2.5, 40],
    ]));
  });

  it('does no work before the first batch is pulled', async () => {
    const p = plan('inner', [0], null, 'right', [], [], 5);
    const gen = executeHashJoin({ ...p, right: { ...p.right, kind: 'range' } as never }, 1, testContext(), testExec);
    await expect(gen.next()).rejects.toThrow(/cannot run range/); // the bad child fails only once pulled
  });
});

import { describe, expect, it } from 'vitest';
import { type AttributeReference, type Expression, attr, lit } from '../../expr/expression.js';
import type { ExpandExec } from '../../physical/physical-plan.js';
import { IntegerT, LongT, StringT } from '../../types/data-type.js';
import { executeExpand } from './project.js';
import { batchesOf, bound, collect, rowsOf, scan, testContext, testExec } from './test-util.js';

const input: AttributeReference[] = [attr('k', StringT), attr('v', IntegerT)];
const output: AttributeReference[] = [attr('v', IntegerT), attr('k', StringT), attr('spark_grouping_id', LongT, false)];
const types = output.map((a) => a.dataType);

describe('expand', () => {
  it('emits every input row once per projection, NULLs and literals as the projection says', async () => {
    const rows = [['a', 1], [null, 2], ['b', null]];
    // ROLLUP(k) over [k, v]: (v, k, 0) and (v, NULL, 1).
    const projections: Expression[][] = [
      [bound(1, input[1]!), bound(0, input[0]!), lit(0n)],
      [bound(1, input[1]!), lit(null, StringT), lit(1n)],
    ];
    const plan: ExpandExec = { kind: 'expand', projections, child: scan(input, [batchesOf(input, rows, 2)]), output };
    const batches = await collect(executeExpand(plan, 0, testContext(), testExec));
    // Two input batches (2 + 1 rows), each once per projection, in order.
    expect(batches.map((b) => b.numRows)).toEqual([2, 2, 1, 1]);
    expect(batches.flatMap((b) => rowsOf(b, types))).toEqual([
      [1, 'a', 0n], [2, null, 0n],
      [1, null, 1n], [2, null, 1n],
      [null, 'b', 0n],
      [null, null, 1n],
    ]);
    expect(batches[0]!.schema.fields.map((f) => f.name)).toEqual(['v', 'k', 'spark_grouping_id']);
  });
});

// Join without equi keys: materialises the right side, streams the left, and tests the condition (if any)
// on every pair, a batch of pairs at a time. Unmatched right rows of right/full joins come out at the end.
import type * as arrow from 'apache-arrow';
import { evaluatePredicate } from '../../expr/eval/evaluate.js';
import type { NestedLoopJoinExec } from '../../physical/physical-plan.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { concatBatches, filterBatch } from '../vectors.js';
import { BatchCoalescer, gatherJoined, gatherRows, isSemiOrAnti, nullIndices, preservesLeft, preservesRight, rowsWhere } from './join-util.js';

export async function* executeNestedLoopJoin(plan: NestedLoopJoinExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const { joinType, condition } = plan;
  const semiAnti = isSemiOrAnti(joinType);
  const leftTypes = plan.left.output.map((a) => a.dataType);
  const rightTypes = plan.right.output.map((a) => a.dataType);
  const outSchema = schemaOf(plan.output);
  const outTypes = plan.output.map((a) => a.dataType);
  const pairSchema = semiAnti ? schemaOf([...plan.left.output, ...plan.right.output]) : outSchema;
  const cap = Math.max(1, ctx.batchSize);
  const out = new BatchCoalescer(outSchema, outTypes, cap);

  const rightBatches: arrow.RecordBatch[] = [];
  for await (const b of exec(plan.right, partition, ctx)) rightBatches.push(b);
  const right = concatBatches(schemaOf(plan.right.output), rightTypes, rightBatches);
  const nr = right.numRows;
  const rightMatched = preservesRight(joinType) ? new Uint8Array(nr) : null;
  const leftPreserved = preservesLeft(joinType);
  if (nr === 0 && !leftPreserved && joinType !== 'leftanti') return; // nothing can come out

  for await (const left of exec(plan.left, partition, ctx)) {
    ctx.signal.throwIfAborted();
    const nl = left.numRows;
    if (nl === 0) continue;
    const leftMatched = new Uint8Array(nl);
    if (nr > 0 && semiAnti && !condition) {
      leftMatched.fill(1); // every left row has a partner
    } else if (nr > 0) {
      // Pairs in row-major order (left row, right row), `cap` at a time.
      const total = nl * nr;
      for (let start = 0; start < total; start += cap) {
        const count = Math.min(cap, total - start);
        const li = new Int32Array(count);
        const ri = new Int32Array(count);
        let l = Math.floor(start / nr);
        let r = start - l * nr;
        for (let k = 0; k < count; k++) {
          li[k] = l;
          ri[k] = r;
          if (++r === nr) { r = 0; l++; }
        }
        const candidates = gatherJoined(pairSchema, leftTypes, left, li, rightTypes, right, ri);
        const pass = condition ? evaluatePredicate(condition, candidates) : null;
        for (let k = 0; k < count; k++) {
          if (pass && !pass[k]) continue;
          leftMatched[li[k]!] = 1;
          if (rightMatched) rightMatched[ri[k]!] = 1;
        }
        if (!semiAnti) for (const o of out.push(pass ? filterBatch(candidates, outTypes, pass) : candidates)) yield o;
      }
    }
    if (semiAnti) {
      const keep = rowsWhere(leftMatched, nl, joinType === 'leftsemi' ? 1 : 0);
      for (const o of out.push(gatherRows(outSchema, leftTypes, left, keep))) yield o;
    } else if (leftPreserved) {
      const lone = rowsWhere(leftMatched, nl, 0);
      for (const o of out.push(gatherJoined(outSchema, leftTypes, left, lone, rightTypes, right, nullIndices(lone.length)))) yield o;
    }
  }

  if (rightMatched) {
    const lone = rowsWhere(rightMatched, nr, 0);
    const noLeft = concatBatches(schemaOf(plan.left.output), leftTypes, []);
    for (let a = 0; a < lone.length; a += cap) {
      const part = lone.subarray(a, a + cap);
      for (const o of out.push(gatherJoined(outSchema, leftTypes, noLeft, nullIndices(part.length), rightTypes, right, part))) yield o;
    }
  }
  for (const o of out.flush()) yield o;
}

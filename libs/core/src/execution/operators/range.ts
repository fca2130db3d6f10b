// spark.range: partition i produces its even share of [start, end) by step, in batches.
import type * as arrow from 'apache-arrow';
import { LongT } from '../../types/data-type.js';
import type { RangeExec } from '../../physical/physical-plan.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { makeBatch, primitiveData } from '../vectors.js';

export function rangeSize(start: bigint, end: bigint, step: bigint): bigint {
  if (step > 0n) return end > start ? (end - start + step - 1n) / step : 0n;
  return start > end ? (start - end - step - 1n) / -step : 0n;
}

export async function* executeRange(plan: RangeExec, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  const total = rangeSize(plan.start, plan.end, plan.step);
  const n = BigInt(plan.numPartitions);
  const i = BigInt(partition);
  // Same split as Spark: partition i covers elements [i*total/n, (i+1)*total/n).
  const from = (i * total) / n;
  const to = ((i + 1n) * total) / n;
  const schema = schemaOf(plan.output);
  const size = Number(to - from);
  const step = plan.step;
  let value = plan.start + from * step;
  for (let off = 0; off < size; off += ctx.batchSize) {
    const len = Math.min(ctx.batchSize, size - off);
    const values = new BigInt64Array(len);
    if (step === 1n && value >= BigInt(Number.MIN_SAFE_INTEGER) && value + BigInt(len) <= BigInt(Number.MAX_SAFE_INTEGER)) {
      // Fast path: fill through doubles, exact within the safe-integer range.
      const base = Number(value);
      for (let k = 0; k < len; k++) values[k] = BigInt(base + k);
    } else {
      let v = value;
      for (let k = 0; k < len; k++) {
        values[k] = v;
        v += step;
      }
    }
    value += BigInt(len) * step;
    ctx.metrics.rowsOut += len;
    yield makeBatch(schema, [primitiveData(LongT, len, values, null)], len);
  }
}

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
    const first = Number(value);
    const stepNum = Number(step);
    const last = first + (len - 1) * stepNum;
    if (Number.isSafeInteger(first) && Number.isSafeInteger(stepNum) && Number.isSafeInteger(last)) {
      // Every value is an exact double: write each int64 as its two 32-bit halves (little-endian, as Arrow is),
      // which is ~30x faster than a BigInt per element.
      fillSafeInt64(new Uint32Array(values.buffer, values.byteOffset, len * 2), first, stepNum, len);
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

const TWO_32 = 4294967296;

/** values[k] = first + k * step for doubles that are all safe integers, into the lo/hi words of an int64 array. */
export function fillSafeInt64(words: Uint32Array, first: number, step: number, len: number): void {
  for (let k = 0; k < len; k++) {
    const v = first + k * step;
    const hi = Math.floor(v / TWO_32);
    words[2 * k] = v - hi * TWO_32;
    words[2 * k + 1] = hi; // a negative hi wraps to its two's complement, as ToUint32 does
  }
}

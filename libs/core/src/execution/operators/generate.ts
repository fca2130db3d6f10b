// explode / posexplode: repeats each input row once per element of its array, beside the element (and position).
// Index vectors are built in one pass over the list offsets; the columns are then gathered by the native take
// kernels. When every row's array is kept whole and in order (the usual case: the arrays were made for this
// batch, e.g. by split), the element column is the list's child itself, with no copy.
import type * as arrow from 'apache-arrow';
import { evaluate } from '../../expr/eval/evaluate.js';
import { bit, validityOf } from '../../expr/eval/columns.js';
import { dataTypeOf } from '../../expr/expression.js';
import type { GenerateExec } from '../../physical/physical-plan.js';
import { IntegerT, listElementType } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { columnData, makeBatch, primitiveData, takeData } from '../vectors.js';

export async function* executeGenerate(plan: GenerateExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const schema = schemaOf(plan.output);
  const arrayType = dataTypeOf(plan.generator);
  if (arrayType.kind !== 'array' && arrayType.kind !== 'map') throw new Error(`generate: the generator's input is ${arrayType.kind}, not an array or a map`);
  const elemType = listElementType(arrayType);
  const carryTypes = plan.carry.map((i) => plan.child.output[i]!.dataType);
  for await (const batch of exec(plan.child, partition, ctx)) {
    const n = batch.numRows;
    const arr = evaluate(plan.generator, batch, ctx.eval);
    const offsets = arr.valueOffsets as Int32Array;
    const valid = validityOf(arr);
    const elements = arr.children[0]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const len = valid && !bit(valid, i) ? 0 : offsets[i + 1]! - offsets[i]!;
      total += len === 0 && plan.outer ? 1 : len;
    }
    if (total === 0) continue;
    const parent = new Int32Array(total);
    const element = new Int32Array(total);
    const pos = plan.position ? new Int32Array(total) : null;
    const posValid = plan.position && plan.outer ? new Uint8Array((total + 7) >> 3).fill(0xff) : null;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const start = offsets[i]!;
      const len = valid && !bit(valid, i) ? 0 : offsets[i + 1]! - start;
      if (len === 0) {
        if (!plan.outer) continue;
        parent[k] = i;
        element[k] = -1; // a row of NULLs
        if (posValid) posValid[k >> 3]! &= ~(1 << (k & 7));
        k++;
        continue;
      }
      for (let j = 0; j < len; j++, k++) {
        parent[k] = i;
        element[k] = start + j;
        if (pos) pos[k] = j;
      }
    }
    const whole = element[0] === 0 && element[total - 1] === elements.length - 1 && total === elements.length && !element.includes(-1);
    const cols: arrow.Data[] = plan.carry.map((c, i) => takeData(carryTypes[i]!, columnData(batch, c), parent));
    if (pos) cols.push(primitiveData(IntegerT, total, pos, posValid));
    // (A map's entries struct is always gathered: its children need not line up with a sliced struct.)
    const taken = whole && arrayType.kind === 'array' ? elements : takeData(elemType, elements, element);
    // A map's entries give two columns, key and value.
    if (arrayType.kind === 'map') cols.push(taken.children[0]!, taken.children[1]!);
    else cols.push(taken);
    yield makeBatch(schema, cols, total);
  }
}

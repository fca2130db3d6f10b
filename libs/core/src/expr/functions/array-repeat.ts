// array_repeat(element, count): an array holding `element` `count` times (Spark's ArrayRepeat). A NULL count
// gives NULL, a negative one an empty array; a NULL element is repeated as NULL. The set operations INTERSECT ALL
// and EXCEPT ALL explode it to repeat each surviving row as often as it occurs.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { ArrayT, IntegerT, fromArrowType, isNumeric } from '../../types/data-type.js';
import { takeData } from '../../execution/vectors.js';
import { bit, int32Values, listData, validityOf } from '../eval/columns.js';
import { type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';

/** Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH: no array (nor one column of elements) holds more. */
const MAX_ELEMENTS = 2_147_483_632;

export const arrayRepeat: ScalarFunctionDef = {
  name: 'array_repeat',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('array_repeat', '2', argTypes.length);
    const count = argTypes[1]!;
    // Spark implicitly casts any number or string count to INT.
    if (!isNumeric(count) && count.kind !== 'string' && count.kind !== 'null') return unexpectedType('array_repeat', 1, '"INT"', count);
    return { argTypes: [argTypes[0]!, IntegerT], dataType: ArrayT(argTypes[0]!, true), nullable: (ns) => ns[1]! };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [elem, count] = args as [arrow.Data, arrow.Data];
    const counts = int32Values(count);
    const valid = validityOf(count);
    const offsets = new Int32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (valid === null || bit(valid, i)) total += Math.max(0, counts[i]!);
      if (total > MAX_ELEMENTS) {
        throw new ExecutionError('COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER', `Can't create array with ${total} elements which exceeding the array size limit ${MAX_ELEMENTS}, the value of parameter(s) \`count\` in \`array_repeat\` is invalid.`, { numberOfElements: String(total), maxRoundedArrayLength: String(MAX_ELEMENTS), parameter: '`count`', functionName: '`array_repeat`' });
      }
      offsets[i + 1] = total;
    }
    // Row i's elements are row i of `element`, repeated: one gather builds them all.
    const indices = new Int32Array(total);
    for (let i = 0; i < n; i++) indices.fill(i, offsets[i]!, offsets[i + 1]!);
    const elementType = fromArrowType(elem.type);
    return listData(ArrayT(elementType, true), n, offsets, takeData(elementType, elem, indices), valid === null ? null : valid.slice());
  },
  doc: {
    description: 'An array containing `element` `count` times (NULL when `count` is NULL, empty when it is negative).',
    example: "df.select(array_repeat(col('s'), 3).alias('ss'))",
  },
};

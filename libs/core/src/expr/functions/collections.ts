// array(...), size / cardinality, array_contains: building arrays from columns and asking about their elements,
// as Spark's CreateArray, Size and ArrayContains.
import type * as arrow from 'apache-arrow';
import { concatData, primitiveData, takeData } from '../../execution/vectors.js';
import { plainValueAt } from '../../execution/plain-values.js';
import { ArrayT, BooleanT, IntegerT, NullT, type DataType, fromArrowType, sameType } from '../../types/data-type.js';
import { type Expression, dataTypeOf, nullableOf } from '../expression.js';
import { bit, booleanData, listData, validityOf } from '../eval/columns.js';
import { commonType } from './coercion.js';
import { type ScalarFunctionDef, typeText, unexpectedType, wrongArgCount } from './function-def.js';

export const array: ScalarFunctionDef = {
  name: 'array',
  resolve(argTypes) {
    const element = argTypes.length === 0 ? NullT : commonType(argTypes, true);
    if (!element) return { error: `Input to function \`array\` should all be the same type, but it's [${argTypes.map(typeText).join(', ')}].` };
    return { argTypes: argTypes.map(() => element), dataType: ArrayT(element, true), nullable: () => false };
  },
  // The element type is the arguments' common type; the array holds NULLs only if an argument may be NULL.
  resolveArgs(args: readonly Expression[]) {
    const types = args.map(dataTypeOf);
    const element = args.length === 0 ? NullT : commonType(types, true);
    if (!element) return { error: `Input to function \`array\` should all be the same type, but it's [${types.map(typeText).join(', ')}].`, errorClass: 'DATATYPE_MISMATCH' };
    // Implicit casts, as the analyzer's coercion makes them: generated names do not show them.
    const cast = args.map((a, i): Expression => (sameType(types[i]!, element) ? a : { kind: 'cast', child: a, to: element, implicit: true }));
    return { args: cast, dataType: ArrayT(element, args.some(nullableOf)), nullable: false };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const k = args.length;
    const type = (call?.dataType ?? ArrayT(NullT, true)) as DataType & { kind: 'array' };
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = i * k;
    // Row i is arg0[i], arg1[i], …: one gather over the arguments laid end to end.
    const all = k === 0 ? concatData(type.elementType, []) : concatData(type.elementType, args);
    const indices = new Int32Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) indices[i * k + j] = j * n + i;
    return listData(type, n, offsets, takeData(type.elementType, all, indices), null);
  },
  doc: { description: 'An array of the arguments, brought to their common type.', example: "df.select(array(col('a'), col('b')))" },
};

export const size: ScalarFunctionDef = {
  name: 'size',
  aliases: ['cardinality'],
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('size', '1', argTypes.length);
    const t = argTypes[0]!;
    if (t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'null') return unexpectedType('size', 0, '("ARRAY" or "MAP")', t);
    // Non-ANSI, Spark's legacy sizeOfNull makes size(NULL) = -1, so the result is never NULL there.
    return { argTypes: [t], dataType: IntegerT, nullable: () => false };
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    const d = args[0]!;
    const valid = validityOf(d);
    const out = new Int32Array(n);
    const offs = d.valueOffsets as Int32Array | undefined;
    for (let i = 0; i < n; i++) out[i] = valid && !bit(valid, i) ? -1 : offs ? offs[i + 1]! - offs[i]! : -1;
    // ANSI mode: size(NULL) is NULL.
    return primitiveData(IntegerT, n, out, ctx?.ansi ? validityOf(d) : null);
  },
  doc: { description: 'The number of elements of an array or entries of a map (-1 for NULL unless ANSI mode is on).', example: "df.select(size(col('xs')))" },
  ansiDependent: true,
};

export const arrayContains: ScalarFunctionDef = {
  name: 'array_contains',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('array_contains', '2', argTypes.length);
    const [a, v] = argTypes as [DataType, DataType];
    if (a.kind !== 'array') return unexpectedType('array_contains', 0, '"ARRAY"', a);
    const element = a.elementType;
    if (v.kind !== 'null' && !sameType(v, element) && !commonType([element, v], false)) {
      return { error: `Input to \`array_contains\` should have been "ARRAY" followed by a value with same element type, but it's [${typeText(a)}, ${typeText(v)}].` };
    }
    return { argTypes: [a, element], dataType: BooleanT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [arr, value] = args as [arrow.Data, arrow.Data];
    const type = fromArrowType(arr.type.children[0]!.type);
    const child = arr.children[0]!;
    const offs = arr.valueOffsets as Int32Array;
    const arrValid = validityOf(arr);
    const valValid = validityOf(value);
    const bits = new Uint8Array((n + 7) >> 3);
    const valid = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      if ((arrValid && !bit(arrValid, i)) || (valValid && !bit(valValid, i))) continue;
      const want = plainValueAt(value, type, i);
      let found = false;
      let sawNull = false;
      for (let j = offs[i]!; j < offs[i + 1]! && !found; j++) {
        const x = plainValueAt(child, type, j);
        if (x === null) sawNull = true;
        else if (x === want || (typeof x === 'number' && Number.isNaN(x) && Number.isNaN(want))) found = true;
      }
      // Not found among non-NULL elements, with a NULL among them: unknown, as Spark's three-valued answer.
      if (found) bits[i >> 3]! |= 1 << (i & 7);
      if (found || !sawNull) valid[i >> 3]! |= 1 << (i & 7);
    }
    return booleanData(n, bits, valid);
  },
  doc: { description: 'True if the array holds the value; NULL if it does not but holds a NULL, or either argument is NULL.', example: "df.select(array_contains(col('xs'), 2))" },
};

export const COLLECTIONS: readonly ScalarFunctionDef[] = [array, size, arrayContains];

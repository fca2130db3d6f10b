// `base[key]` (SQL) and Column.getItem / col[key] (Python): Spark's UnresolvedExtractValue, which is the value under a
// key of a map (GetMapValue), the element at a 0-based index of an array (GetArrayItem), or a struct's field.
import { ExecutionError } from '../../errors.js';
import { type ArrayType, IntegerT, isIntegral } from '../../types/data-type.js';
import { dataTypeOf } from '../expression.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { getField } from './struct-functions.js';
import { implicitCast, keyToMapKey, mapValueAt } from './map-functions.js';
import { type ScalarFunctionDef, typeText, wrongArgCount } from './function-def.js';

export const subscript: ScalarFunctionDef = {
  name: 'subscript',
  resolve: () => ({ error: 'subscript is resolved from its arguments' }),
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('subscript', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = dataTypeOf(args[0]!);
    const k = dataTypeOf(args[1]!);
    if (t.kind === 'map') {
      const a = keyToMapKey('subscript', args, t);
      if ('error' in a) return a;
      return { args: [a.map, a.key], dataType: t.valueType, nullable: true };
    }
    if (t.kind === 'array') {
      if (!isIntegral(k) && k.kind !== 'null') return { error: `The argument of the array index must be an integral type, got ${typeText(k)}.`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
      return { args: [args[0]!, implicitCast(args[1]!, IntegerT)], dataType: t.elementType, nullable: true };
    }
    if (t.kind === 'struct') {
      const r = getField.resolveArgs!(args);
      return 'error' in r ? r : { ...r, name: 'get_field' };
    }
    return {
      error: `Can't extract a value from ${'`'}expression${'`'}. Need a complex type [STRUCT, ARRAY, MAP] but got ${typeText(t)}.`,
      errorClass: 'INVALID_EXTRACT_BASE_FIELD_TYPE',
    };
  },
  eval(args, n, ctx, call) {
    const t = dataTypeOf(call!.args[0]!);
    if (t.kind === 'map') return mapValueAt(args, n, t, dataTypeOf(call!.args[1]!));
    const element = (t as ArrayType).elementType;
    const arr = valueReader(args[0]!, t);
    const idx = valueReader(args[1]!, IntegerT);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const xs = arr(i) as unknown[] | null;
      const k = idx(i) as number | null;
      if (xs === null || k === null) out[i] = null;
      else if (k >= 0 && k < xs.length) out[i] = xs[k];
      else if (ctx.ansi) {
        throw new ExecutionError('INVALID_ARRAY_INDEX', `The index ${k} is out of bounds. The array has ${xs.length} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`, { indexValue: String(k), arraySize: String(xs.length) });
      } else out[i] = null;
    }
    return buildColumn(element, out);
  },
  doc: { description: "A map's value under a key, an array's element at a 0-based index, or a struct's field: m['a'], xs[0].", example: "df.select(col('m')['a'])" },
  ansiDependent: true,
};


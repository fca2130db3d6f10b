// NULL- and NaN-replacing conditionals: nullif, nullifzero, nvl2, equal_null, zeroifnull, nanvl. Spark defines them as
// RuntimeReplaceable rewrites (If / Coalesce / EqualNullSafe); here each is one function, with the same results and names.
import type * as arrow from 'apache-arrow';
import { comparisonType } from '../../analyzer/type-coercion.js';
import { type DataType, DoubleT, fromArrowType, IntegerT, sameType, simpleString } from '../../types/data-type.js';
import { castColumn } from '../eval/cast.js';
import type { EvalContext } from '../eval/evaluate.js';
import { bit, boolBitsOf, float64Values, validityOf } from '../eval/columns.js';
import { compare } from '../eval/compare.js';
import { broadcastLiteral } from '../eval/literal.js';
import { gather } from '../eval/take.js';
import { commonType } from './coercion.js';
import { castableToDouble, type ResolveResult, type ScalarFunctionDef, typeText, unexpectedType, wrongArgCount } from './function-def.js';

/** `a = b` (or `a <=> b`) compared in the type Spark's comparison coercion picks, whatever the arguments' own types. */
function equalIn(op: '=' | '<=>', a: arrow.Data, b: arrow.Data, n: number, ctx: EvalContext | undefined): arrow.Data {
  const at = fromArrowType(a.type);
  const bt = fromArrowType(b.type);
  const t = comparisonType(at, bt) ?? at;
  // The session zone matters when a string meets a timestamp; the comparison's casts never raise, as Spark's.
  const cc = { ansi: false, timeZone: ctx?.timeZone };
  const ca = sameType(at, t) ? a : castColumn(a, at, t, n, cc);
  const cb = sameType(bt, t) ? b : castColumn(b, bt, t, n, cc);
  return compare(op, ca, cb, t, n);
}

function comparable(fn: string, a: DataType, b: DataType): ResolveResult | undefined {
  if (comparisonType(a, b) && a.kind !== 'array' && a.kind !== 'struct') return undefined;
  return { error: `Input to \`${fn}\` should have been two comparable types, but got ${typeText(a)} and ${typeText(b)}.` };
}

/** `a`, NULL where `a = b` is true. */
function nullWhereEqual(a: arrow.Data, b: arrow.Data, type: DataType, n: number, ctx: EvalContext | undefined): arrow.Data {
  const eq = equalIn('=', a, b, n, ctx);
  const bits = boolBitsOf(eq);
  const valid = validityOf(eq);
  const which = new Int32Array(n);
  for (let i = 0; i < n; i++) if ((valid === null || bit(valid, i)) && bit(bits, i)) which[i] = -1;
  return gather(type, [a], which, null, n);
}

export const nullif: ScalarFunctionDef = {
  name: 'nullif',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('nullif', '2', argTypes.length);
    const [a, b] = argTypes as [DataType, DataType];
    return comparable('nullif', a, b) ?? { argTypes: [a, b], dataType: a, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    return nullWhereEqual(args[0]!, args[1]!, fromArrowType(args[0]!.type), n, ctx);
  },
  doc: { description: 'NULL when `col1` equals `col2`, otherwise `col1`.', example: "df.select(nullif(col('a'), col('b')))" },
};

export const nullifzero: ScalarFunctionDef = {
  name: 'nullifzero',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('nullifzero', '1', argTypes.length);
    const a = argTypes[0]!;
    return comparable('nullifzero', a, IntegerT) ?? { argTypes: [a], dataType: a, nullable: () => true };
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    return nullWhereEqual(args[0]!, broadcastLiteral(0, IntegerT, n), fromArrowType(args[0]!.type), n, ctx);
  },
  doc: { description: 'NULL when the value is 0, otherwise the value.', example: "df.select(nullifzero(col('a')))" },
};

function sameTypeInputs(fn: string, types: readonly DataType[]): DataType | { error: string } {
  const t = commonType(types, true);
  if (t) return t;
  return { error: `Input to function \`${fn}\` should all be the same type, but it's [${types.map(simpleString).join(', ')}].` };
}

export const nvl2: ScalarFunctionDef = {
  name: 'nvl2',
  resolve(argTypes) {
    if (argTypes.length !== 3) return wrongArgCount('nvl2', '3', argTypes.length);
    const t = sameTypeInputs('nvl2', argTypes.slice(1));
    if ('error' in t) return t;
    return { argTypes: [argTypes[0]!, t, t], dataType: t, nullable: (ns) => ns[1]! || ns[2]! };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [a, b, c] = args as [arrow.Data, arrow.Data, arrow.Data];
    const valid = validityOf(a);
    const which = new Int32Array(n);
    for (let i = 0; i < n; i++) which[i] = valid === null || bit(valid, i) ? 0 : 1;
    return gather(fromArrowType(b.type), [b, c], which, null, n);
  },
  doc: { description: '`col2` when `col1` is not NULL, otherwise `col3`.', example: "df.select(nvl2(col('a'), col('b'), col('c')))" },
};

export const equalNull: ScalarFunctionDef = {
  name: 'equal_null',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('equal_null', '2', argTypes.length);
    const [a, b] = argTypes as [DataType, DataType];
    return comparable('equal_null', a, b) ?? { argTypes: [a, b], dataType: { kind: 'boolean' }, nullable: () => false };
  },
  eval(args: readonly arrow.Data[], n: number, ctx) {
    return equalIn('<=>', args[0]!, args[1]!, n, ctx);
  },
  doc: { description: 'Like `=`, but true when both are NULL and false when one is (the `<=>` operator).', example: "df.select(equal_null(col('a'), col('b')))" },
};

export const zeroifnull: ScalarFunctionDef = {
  name: 'zeroifnull',
  resolve(argTypes) {
    if (argTypes.length !== 1) return wrongArgCount('zeroifnull', '1', argTypes.length);
    const t = sameTypeInputs('zeroifnull', [argTypes[0]!, IntegerT]);
    if ('error' in t) return t;
    return { argTypes: [t], dataType: t, nullable: () => false };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const a = args[0]!;
    const t = fromArrowType(a.type);
    const zero = castColumn(broadcastLiteral(0, IntegerT, n), IntegerT, t, n, { ansi: false });
    const valid = validityOf(a);
    const which = new Int32Array(n);
    for (let i = 0; i < n; i++) which[i] = valid === null || bit(valid, i) ? 0 : 1;
    return gather(t, [a, zero], which, null, n);
  },
  doc: { description: '0 when the value is NULL, otherwise the value.', example: "df.select(zeroifnull(col('a')))" },
};

export const nanvl: ScalarFunctionDef = {
  name: 'nanvl',
  resolve(argTypes) {
    if (argTypes.length !== 2) return wrongArgCount('nanvl', '2', argTypes.length);
    for (let i = 0; i < 2; i++) if (!castableToDouble(argTypes[i]!)) return unexpectedType('nanvl', i, '("DOUBLE" or "FLOAT")', argTypes[i]!);
    return { argTypes: [DoubleT, DoubleT], dataType: DoubleT };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const [a, b] = args as [arrow.Data, arrow.Data];
    const v = float64Values(a);
    const valid = validityOf(a);
    const which = new Int32Array(n);
    for (let i = 0; i < n; i++) which[i] = valid !== null && !bit(valid, i) ? -1 : Number.isNaN(v[i]) ? 1 : 0;
    return gather(DoubleT, [a, b], which, null, n);
  },
  doc: { description: '`col1` unless it is NaN, then `col2`; both doubles.', example: "df.select(nanvl(col('a'), col('b')))" },
};

export const NULL_FUNCTIONS: readonly ScalarFunctionDef[] = [nullif, nullifzero, nvl2, equalNull, zeroifnull, nanvl];

// Implicit casts the analyzer inserts so every operator sees operands of one type (Spark's TypeCoercion, non-ANSI).
import { AnalysisError } from '../errors.js';
import { type Expression, type Cast, dataTypeOf, prettyName } from '../expr/expression.js';
import {
  type DataType, type DecimalType, type StructDataType, type StructField, ArrayT, DecimalT, DoubleT, MapT, StringT, containsMap, StructT, TimestampT, isNumeric, sameType, simpleString, widerDecimalType,
} from '../types/data-type.js';
import { typeText } from '../expr/functions/function-def.js';
import { arithmeticResultType, integerLiteralAsDecimal, integralAsDecimal } from '../types/decimal.js';

const NUMERIC_RANK: Record<string, number> = { int32: 1, int64: 2, float64: 3 };

/** The narrowest type both `a` and `b` widen to without losing the kind of value, or undefined. */
export function tightestCommonType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b)) return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'decimal' || b.kind === 'decimal') return widerDecimalType(a, b);
  if (isNumeric(a) && isNumeric(b)) return NUMERIC_RANK[a.kind]! >= NUMERIC_RANK[b.kind]! ? a : b;
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return TimestampT;
  if (a.kind === 'struct' && b.kind === 'struct') return commonStruct(a, b, tightestCommonType);
  return undefined;
}

/** Structs with the same field names (ignoring case) meet field by field, as Spark's findTightestCommonType. */
function commonStruct(a: StructDataType, b: StructDataType, meet: (x: DataType, y: DataType) => DataType | undefined): DataType | undefined {
  if (a.fields.length !== b.fields.length) return undefined;
  const fields: StructField[] = [];
  for (let k = 0; k < a.fields.length; k++) {
    const fa = a.fields[k]!;
    const fb = b.fields[k]!;
    if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined;
    const t = meet(fa.dataType, fb.dataType);
    if (!t) return undefined;
    fields.push({ name: fa.name, dataType: t, nullable: fa.nullable || fb.nullable });
  }
  return StructT(fields);
}

/** Common type for comparisons: like tightest, plus string vs number → double, string vs date/timestamp → the date type. */
export function comparisonType(a: DataType, b: DataType): DataType | undefined {
  const t = tightestCommonType(a, b);
  if (t) return t;
  // A string meets a decimal as a double: no decimal type fits every string (SPARK-22469).
  if ((a.kind === 'string' && b.kind === 'decimal') || (b.kind === 'string' && a.kind === 'decimal')) return DoubleT;
  if (a.kind === 'string' && isNumeric(b)) return b.kind === 'float64' ? DoubleT : b.kind === 'int64' ? b : b;
  if (b.kind === 'string' && isNumeric(a)) return a;
  if (a.kind === 'string' && (b.kind === 'date' || b.kind === 'timestamp')) return b;
  if (b.kind === 'string' && (a.kind === 'date' || a.kind === 'timestamp')) return a;
  if (a.kind === 'string' && b.kind === 'boolean') return b;
  if (b.kind === 'string' && a.kind === 'boolean') return a;
  // Spark compares booleans with numbers as numbers (true = 1, false = 0).
  if (a.kind === 'boolean' && isNumeric(b)) return b;
  if (b.kind === 'boolean' && isNumeric(a)) return a;
  return undefined;
}

/** Common type of branches (CASE, IN, COALESCE, UNION): tightest, else string when one side is a string. */
export function widerType(a: DataType, b: DataType): DataType | undefined {
  const t = tightestCommonType(a, b);
  if (t) return t;
  // Strings absorb numbers and dates, but Spark has no common type of string and boolean.
  const absorbs = (x: DataType) => x.kind !== 'array' && x.kind !== 'map' && x.kind !== 'struct' && x.kind !== 'boolean';
  if ((a.kind === 'string' && absorbs(b)) || (b.kind === 'string' && absorbs(a))) return StringT;
  // Arrays meet element by element (Spark's findWiderTypeForTwoComplex): array<int> and array<bigint> give array<bigint>.
  if (a.kind === 'array' && b.kind === 'array') {
    const e = widerType(a.elementType, b.elementType);
    return e ? ArrayT(e, a.containsNull || b.containsNull) : undefined;
  }
  // Maps meet key by key and value by value (map() beside map('a', 1) is map<string,int>).
  if (a.kind === 'map' && b.kind === 'map') {
    const k = widerType(a.keyType, b.keyType);
    const v = widerType(a.valueType, b.valueType);
    return k && v ? MapT(k, v, a.valueContainsNull || b.valueContainsNull) : undefined;
  }
  return undefined;
}

export function castTo(e: Expression, t: DataType): Expression {
  const from = dataTypeOf(e);
  if (sameType(from, t)) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: t };
  const c: Cast = { kind: 'cast', child: e, to: t, implicit: true };
  return c;
}

export { containsMap };

/** Spark's DATATYPE_MISMATCH.INVALID_ORDERING_TYPE: `op` (`=`, `sortorder`…) cannot order values of `t`. */
export function invalidOrdering(sqlExpr: string, op: string, t: DataType): AnalysisError {
  return new AnalysisError(
    'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
    `Cannot resolve "${sqlExpr}" due to data type mismatch: The \`${op}\` does not support ordering on type ${typeText(t)}.`,
    { sqlExpr, functionName: `\`${op}\``, dataType: typeText(t) },
  );
}

export function dataTypeMismatch(sqlExpr: string, message: string, params: Record<string, string> = {}): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH', `Cannot resolve "${sqlExpr}" due to data type mismatch: ${message}`, { sqlExpr, ...params });
}

/** Coerces the operands of arithmetic, comparison, boolean and conditional expressions after their children resolved. */
export function coerce(e: Expression): Expression {
  switch (e.kind) {
    case 'arith': {
      const lt = dataTypeOf(e.left);
      const rt = dataTypeOf(e.right);
      const numericOrNullOrString = (t: DataType) => isNumeric(t) || t.kind === 'null' || t.kind === 'string';
      if (!numericOrNullOrString(lt) || !numericOrNullOrString(rt)) {
        const bad = !numericOrNullOrString(lt) ? lt : rt;
        throw dataTypeMismatch(prettyName(e), `the binary operator requires numeric operands, but got ${JSON.stringify(simpleString(bad))}.`);
      }
      // Strings in arithmetic are read as doubles (non-ANSI Spark).
      const l = lt.kind === 'string' ? DoubleT : lt;
      const r = rt.kind === 'string' ? DoubleT : rt;
      if ((l.kind === 'decimal' || r.kind === 'decimal') && l.kind !== 'float64' && r.kind !== 'float64') return coerceDecimalArithmetic(e, l, r);
      let t = tightestCommonType(l, r) ?? DoubleT;
      if (t.kind === 'null') t = e.op === '/' ? DoubleT : { kind: 'int32' };
      if (e.op === '/') t = DoubleT;
      return { ...e, left: castTo(e.left, t), right: castTo(e.right, t) };
    }
    case 'cmp': {
      const lt = dataTypeOf(e.left);
      const rt = dataTypeOf(e.right);
      let t = comparisonType(lt, rt);
      // Booleans meet numbers only in (in)equality (Spark's BooleanEquality), never in ordering.
      const boolVsNumber = (lt.kind === 'boolean' && isNumeric(rt)) || (rt.kind === 'boolean' && isNumeric(lt));
      if (boolVsNumber && e.op !== '=' && e.op !== '!=' && e.op !== '<=>') t = undefined;
      if (t && containsMap(t)) throw invalidOrdering(prettyName(e), e.op === '!=' ? '=' : e.op, t);
      if (!t || t.kind === 'array') {
        throw dataTypeMismatch(prettyName(e), `the left and right operands of the binary operator have incompatible types (${JSON.stringify(simpleString(lt))} and ${JSON.stringify(simpleString(rt))}).`);
      }
      return { ...e, left: castTo(e.left, t), right: castTo(e.right, t) };
    }
    case 'and':
    case 'or': {
      for (const side of [e.left, e.right]) requireBoolean(e, side);
      return { ...e, left: castTo(e.left, { kind: 'boolean' }), right: castTo(e.right, { kind: 'boolean' }) };
    }
    case 'not':
      requireBoolean(e, e.child);
      return { ...e, child: castTo(e.child, { kind: 'boolean' }) };
    case 'negate': {
      const t = dataTypeOf(e.child);
      if (!isNumeric(t) && t.kind !== 'null') throw dataTypeMismatch(prettyName(e), `the unary minus requires a numeric operand, but got ${JSON.stringify(simpleString(t))}.`);
      return t.kind === 'null' ? { ...e, child: castTo(e.child, { kind: 'int32' }) } : e;
    }
    case 'caseWhen': {
      for (const b of e.branches) requireBoolean(e, b.condition);
      const values = [...e.branches.map((b) => b.value), ...(e.otherwise ? [e.otherwise] : [])];
      const t = commonType(e, values.map(dataTypeOf));
      return {
        ...e,
        branches: e.branches.map((b) => ({ condition: castTo(b.condition, { kind: 'boolean' }), value: castTo(b.value, t) })),
        otherwise: e.otherwise ? castTo(e.otherwise, t) : null,
      };
    }
    case 'in': {
      const t = commonType(e, [e.child, ...e.list].map(dataTypeOf), comparisonType);
      return { ...e, child: castTo(e.child, t), list: e.list.map((x) => castTo(x, t)) };
    }
    default:
      return e;
  }
}

/**
 * Decimal arithmetic, as Spark's DecimalPrecision: an integral operand becomes a decimal (an integer literal with
 * just its own digits, a column int → decimal(10,0), bigint → decimal(20,0)), a NULL the other side's type; the
 * operands keep their own precision and scale and the node carries the result type.
 */
function coerceDecimalArithmetic(e: Extract<Expression, { kind: 'arith' }>, l: DataType, r: DataType): Expression {
  const toDecimal = (x: Expression, t: DataType, other: DataType): Expression => {
    if (t.kind === 'decimal') return x;
    if (t.kind === 'null') return castTo(x, other);
    if (t.kind !== 'int32' && t.kind !== 'int64') throw new Error(`unexpected ${simpleString(t)} operand of decimal arithmetic`);
    const ps = x.kind === 'literal' && x.value !== null ? integerLiteralAsDecimal(x.value as number | bigint) : integralAsDecimal(t.kind);
    return castTo(x, DecimalT(ps.precision, ps.scale));
  };
  const left = toDecimal(e.left, l, r);
  const right = toDecimal(e.right, r, l);
  const res = arithmeticResultType(e.op, dataTypeOf(left) as DecimalType, dataTypeOf(right) as DecimalType);
  return { ...e, left, right, dataType: DecimalT(res.precision, res.scale) };
}

function requireBoolean(parent: Expression, e: Expression): void {
  const t = dataTypeOf(e);
  if (t.kind !== 'boolean' && t.kind !== 'null') {
    throw dataTypeMismatch(prettyName(parent), `${JSON.stringify(prettyName(e))} must be of type "boolean", but it is of type ${JSON.stringify(simpleString(t))}.`);
  }
}

function commonType(e: Expression, types: DataType[], widen = widerType): DataType {
  let t: DataType | undefined = types[0];
  for (const x of types.slice(1)) {
    t = t && widen(t, x);
    if (!t) {
      throw dataTypeMismatch(prettyName(e), `the input types must share a common type, but got ${types.map((x) => JSON.stringify(simpleString(x))).join(', ')}.`);
    }
  }
  return t ?? { kind: 'null' };
}

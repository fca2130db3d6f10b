// Struct constructors and field access: `named_struct(name, value, …)`, `struct(col, …)` and `get_field(s, name)`
// (what `col("s.a")`, `col("s")["a"]` and `getField` become). Their result types depend on argument values (names).
import type * as arrow from 'apache-arrow';
import { structData } from '../../execution/struct-data.js';
import { takeData } from '../../execution/vectors.js';
import { type DataType, type StructField, StructT, fieldIndex, simpleString } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit, nullableOf } from '../expression.js';
import { validityOf } from '../eval/columns.js';
import { subscript } from './subscript.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';

/** The error `resolveArgs` gives; `errorClass` is Spark's, when it has one of its own. */
export interface CallError { readonly error: string; readonly errorClass?: string }

function foldableString(e: Expression): string | undefined {
  return e.kind === 'literal' && e.dataType.kind === 'string' && typeof e.value === 'string' ? e.value : undefined;
}

/** The field name `struct(...)` gives an argument: its column or alias name, a nested field's name, else `col<i>`. */
function structFieldName(e: Expression, i: number): string {
  if (e.kind === 'attr' || e.kind === 'alias') return e.name;
  if (e.kind === 'fn' && e.name === 'get_field') return foldableString(e.args[1]!)!;
  return `col${i + 1}`;
}

function fieldsOf(names: readonly string[], values: readonly Expression[]): StructField[] {
  return values.map((v, k) => ({ name: names[k]!, dataType: dataTypeOf(v), nullable: nullableOf(v) }));
}

const evalNamedStruct = (args: readonly arrow.Data[], n: number, _ctx: unknown, call?: { readonly dataType: DataType }): arrow.Data => {
  const type = call?.dataType;
  if (!type || type.kind !== 'struct') throw new Error('named_struct needs its resolved struct type');
  // A constructed struct is never NULL itself; its fields are the argument columns as they are.
  return structData(type, n, args, null);
};

export const namedStruct: ScalarFunctionDef = {
  name: 'named_struct',
  resolve: () => ({ error: 'named_struct is resolved from its arguments, not their types' }),
  resolveArgs(args) {
    if (args.length === 0 || args.length % 2 !== 0) {
      return { ...wrongArgCount('named_struct', '2n (n > 0)', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    }
    const names: string[] = [];
    const values: Expression[] = [];
    for (let k = 0; k < args.length; k += 2) {
      const name = foldableString(args[k]!);
      if (name === undefined) {
        return {
          error: `Only foldable \`STRING\` expressions are allowed to appear at odd position, got: ${simpleString(dataTypeOf(args[k]!)).toUpperCase()} at position ${k + 1}.`,
          errorClass: 'DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
        };
      }
      names.push(name);
      values.push(args[k + 1]!);
    }
    return { args: values, dataType: StructT(fieldsOf(names, values)), nullable: false };
  },
  eval: evalNamedStruct,
  doc: {
    description: 'A struct with the given field names and values: named_struct(name1, value1, name2, value2, …).',
    example: "df.select(named_struct(lit('a'), col('id'), lit('b'), col('name')).alias('s'))",
  },
};

/** `struct(...)`: a named_struct whose names come from the arguments; generated names print it as `struct(…)`. */
export const struct: ScalarFunctionDef = {
  name: 'struct',
  resolve: () => ({ error: 'struct is resolved from its arguments, not their types' }),
  resolveArgs(args) {
    if (args.length === 0) return { ...wrongArgCount('struct', 'at least one', 0), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const names = args.map(structFieldName);
    return { args, dataType: StructT(fieldsOf(names, args)), nullable: false, name: 'named_struct', displayName: 'struct' };
  },
  eval: evalNamedStruct,
  doc: {
    description: 'A struct of the given columns, each field named after its column (or alias); others are col1, col2, ….',
    example: "df.select(struct('name', col('age').alias('years')).alias('person'))",
  },
};

/** `get_field(s, name)`: field `name` of struct `s`; NULL when `s` is NULL. Spark's GetStructField. */
export const getField: ScalarFunctionDef = {
  name: 'get_field',
  aliases: ['getfield'],
  resolve: () => ({ error: 'get_field is resolved from its arguments, not their types' }),
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('get_field', '2', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const t = dataTypeOf(args[0]!);
    const name = foldableString(args[1]!);
    // getField of a map is its value under the key (Spark's extract-value of a map).
    if (t.kind === 'map') {
      const r = subscript.resolveArgs!(args);
      return 'error' in r ? r : { ...r, name: 'subscript' };
    }
    if (t.kind !== 'struct') {
      return {
        error: `Can't extract a value from ${'`'}${renderBase(args[0]!)}${'`'}. Need a complex type [STRUCT, ARRAY, MAP] but got "${simpleString(t).toUpperCase()}".`,
        errorClass: 'INVALID_EXTRACT_BASE_FIELD_TYPE',
      };
    }
    if (name === undefined) return { error: 'The field name of get_field must be a string literal.', errorClass: 'INVALID_EXTRACT_FIELD_TYPE' };
    const k = fieldIndex(t, name);
    if (k < 0) {
      return {
        error: `No such struct field ${'`'}${name}${'`'} in ${t.fields.map((f) => '`' + f.name + '`').join(', ')}.`,
        errorClass: 'FIELD_NOT_FOUND',
      };
    }
    const f = t.fields[k]!;
    // The name kept in the call is the field's own spelling, so evaluation finds it by position.
    return { args: [args[0]!, lit(f.name)], dataType: f.dataType, nullable: nullableOf(args[0]!) || f.nullable };
  },
  eval(args, n, _ctx, call) {
    const s = args[0]!;
    const t = call?.args[0] ? dataTypeOf(call.args[0]) : undefined;
    const name = call ? foldableString(call.args[1]!) : undefined;
    if (!t || t.kind !== 'struct' || name === undefined) throw new Error('get_field needs its resolved call');
    const k = t.fields.findIndex((f) => f.name === name);
    const child = s.children[k]!;
    const sv = validityOf(s);
    if (sv === null) return child;
    // A NULL struct gives NULL whatever its child holds at that row.
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = (sv[i >> 3]! & (1 << (i & 7))) !== 0 ? i : -1;
    return takeData(t.fields[k]!.dataType, child, rows);
  },
  doc: {
    description: "The field of a struct column by name: col('s.a'), col('s')['a'] and col('s').getField('a').",
    example: "df.select(col('person').getField('name'))",
  },
};

function renderBase(e: Expression): string {
  return e.kind === 'attr' || e.kind === 'alias' ? e.name : 'expression';
}


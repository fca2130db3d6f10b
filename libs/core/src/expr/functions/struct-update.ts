// `Column.withField` / `dropFields`: Spark's UpdateFields. A call arrives as `update_fields(s, spec, values…)` with
// `spec` a JSON list of operations (`{"with": "c.d"}` takes the next value, `{"drop": "a"}`); a dotted path becomes
// a WithField of the outer field whose value updates the inner struct, as Spark rewrites it. The resolved call keeps
// one level of operations over field names, so names print as Spark's `update_fields(s, WithField(v), dropfield())`.
// Names match case-insensitively; a matched field takes the new name; a NULL struct stays NULL.
import type * as arrow from 'apache-arrow';
import { structData } from '../../execution/struct-data.js';
import { type DataType, type StructDataType, type StructField, StructT, simpleString } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit, nullableOf, type ScalarFunction } from '../expression.js';
import { validityOf } from '../eval/columns.js';
import type { ResolvedCall, ScalarFunctionDef } from './function-def.js';
import { getField } from './struct-functions.js';

type Op = { readonly with: string } | { readonly drop: string };
type CallError = { readonly error: string; readonly errorClass?: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The fields after the operations: each from the struct's field `k` or from the operation value `v`. */
function applyOps(t: StructDataType, ops: readonly Op[], values: readonly Expression[]): { fields: StructField[]; sources: ({ k: number } | { v: number })[] } {
  let fields: StructField[] = [...t.fields];
  let sources: ({ k: number } | { v: number })[] = t.fields.map((_, k) => ({ k }));
  let next = 0;
  for (const op of ops) {
    if ('with' in op) {
      const v = next++;
      const value = values[v]!;
      const f: StructField = { name: op.with, dataType: dataTypeOf(value), nullable: nullableOf(value) };
      const hits = fields.map((x, i) => (same(x.name, op.with) ? i : -1)).filter((i) => i >= 0);
      if (hits.length === 0) {
        fields = [...fields, f];
        sources = [...sources, { v }];
      } else {
        for (const i of hits) {
          fields[i] = f;
          sources[i] = { v };
        }
      }
    } else {
      const keep = fields.map((x) => !same(x.name, op.drop));
      fields = fields.filter((_, i) => keep[i]);
      sources = sources.filter((_, i) => keep[i]);
    }
  }
  return { fields, sources };
}

function resolvedCall(struct: Expression, ops: readonly Op[], values: readonly Expression[]): ScalarFunction | CallError {
  const t = dataTypeOf(struct);
  if (t.kind !== 'struct') {
    return { error: `The first parameter requires the "STRUCT" type, however "${prettyOf(struct)}" has the type "${simpleString(t).toUpperCase()}".`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
  }
  const { fields } = applyOps(t, ops, values);
  if (fields.length === 0) return { error: 'Cannot drop all fields in struct.', errorClass: 'DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS' };
  return { kind: 'fn', name: 'update_fields', args: [struct, lit(JSON.stringify(ops)), ...values], dataType: StructT(fields), nullable: nullableOf(struct) };
}

function prettyOf(e: Expression): string {
  return e.kind === 'attr' || e.kind === 'alias' ? e.name : e.kind === 'literal' ? String(e.value) : 'expression';
}

/** `s.get_field(name)` resolved; an error when the field is missing or `s` is not a struct. */
function field(struct: Expression, name: string): Expression | CallError {
  const r = getField.resolveArgs!([struct, lit(name)]);
  if ('error' in r) return r;
  return { kind: 'fn', name: 'get_field', args: r.args, dataType: r.dataType, nullable: r.nullable };
}

/** One user operation on `struct` as operations over its own field names (dotted paths nest). */
function lower(struct: Expression, path: readonly string[], value: Expression | null): { op: Op; value?: Expression } | CallError | null {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return value ? { op: { with: head }, value } : { op: { drop: head } };
  const t = dataTypeOf(struct);
  if (t.kind === 'struct' && !t.fields.some((f) => same(f.name, head))) {
    // Dropping below a field that is not there changes nothing; adding below it is Spark's FIELD_NOT_FOUND.
    if (!value) return null;
  }
  const inner = field(struct, head);
  if ('error' in inner) return inner;
  const innerOp = lower(inner, rest, value);
  if (innerOp === null) return null;
  if ('error' in innerOp) return innerOp;
  const updated = resolvedCall(inner, [innerOp.op], innerOp.value ? [innerOp.value] : []);
  if ('error' in updated) return updated;
  const name = (t as StructDataType).fields.find((f) => same(f.name, head))!.name;
  return { op: { with: name }, value: updated };
}

export const updateFields: ScalarFunctionDef = {
  name: 'update_fields',
  resolve: () => ({ error: 'update_fields is resolved from its arguments' }),
  resolveArgs(args): ResolvedCall | CallError {
    const spec = args[1];
    if (args.length < 2 || spec?.kind !== 'literal' || typeof spec.value !== 'string') return { error: 'update_fields needs a struct and its operations.' };
    const userOps = JSON.parse(spec.value) as Op[];
    const struct = args[0]!;
    const t = dataTypeOf(struct);
    if (t.kind !== 'struct') return resolvedCall(struct, [], []) as CallError;
    const ops: Op[] = [];
    const values: Expression[] = [];
    let next = 2;
    for (const u of userOps) {
      const path = ('with' in u ? u.with : u.drop).split('.');
      const value = 'with' in u ? args[next++]! : null;
      const l = lower(struct, path, value);
      if (l === null) continue;
      if ('error' in l) return l;
      ops.push(l.op);
      if (l.value) values.push(l.value);
    }
    const r = resolvedCall(struct, ops, values);
    if ('error' in r) return r;
    return { args: r.args, dataType: r.dataType, nullable: r.nullable };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    if (!call) throw new Error('update_fields needs its resolved call');
    const t = dataTypeOf(call.args[0]!) as StructDataType;
    const ops = JSON.parse((call.args[1] as { value: string }).value) as Op[];
    const { sources } = applyOps(t, ops, call.args.slice(2));
    const s = args[0]!;
    const children = sources.map((src) => ('k' in src ? s.children[src.k]! : args[2 + src.v]!));
    return structData(call.dataType as StructDataType & DataType, n, children, validityOf(s));
  },
  doc: { description: 'The struct with fields added, replaced (withField) or dropped (dropFields), also below dotted paths.', example: "df.select(col('s').withField('b', lit(1)))" },
};

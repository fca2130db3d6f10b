// Test helper for scalar functions: resolves like the analyzer (casting arguments), evaluates, returns JS values.
import { type DataType, sameType } from '../../types/data-type.js';
import type { Expression } from '../expression.js';
import type { EvalContext } from '../eval/evaluate.js';
import { batch, ref, run, slicedBatch } from '../eval/test-util.js';
import { lookupScalarFunction } from './registry.js';

/** Calls function `name` on columns (type, values); checks that sliced input gives the same result. */
export function call(name: string, args: readonly (readonly [DataType, readonly unknown[]])[], ctx?: EvalContext): unknown[] {
  const def = lookupScalarFunction(name);
  if (!def) throw new Error(`no function ${name}`);
  const r = def.resolve(args.map(([t]) => t));
  if ('error' in r) throw new Error(r.error);
  const argExprs: Expression[] = args.map(([t], i) => {
    const to = r.argTypes[i]!;
    return sameType(t, to) ? ref(i, t) : { kind: 'cast', child: ref(i, t), to };
  });
  const e: Expression = { kind: 'fn', name, args: argExprs, dataType: r.dataType, nullable: true };
  const plain = run(e, batch(args), r.dataType, ctx);
  const sliced = run(e, slicedBatch(args), r.dataType, ctx);
  if (JSON.stringify(sliced, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v)) !== JSON.stringify(plain, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v))) {
    throw new Error(`sliced input gave ${String(sliced)} but plain input ${String(plain)}`);
  }
  return plain;
}

/** The resolved result type, or the error message. */
export function resolveType(name: string, types: readonly DataType[]): DataType | string {
  const r = lookupScalarFunction(name)!.resolve(types);
  return 'error' in r ? r.error : r.dataType;
}

// Aggregates over a window frame, on JS values (Kindling's conventions: int64 as bigint): count, sum, avg, min,
// max, first, last and collect_list. Each is a small state that takes values in frame order.
import { type AggregateCall, dataTypeOf } from '../../expr/expression.js';
import { decimalAverage, fitsPrecision, sumResultType } from '../../types/decimal.js';
import { compareValues } from '../sort-indices.js';

export interface FrameAggregate {
  add(v: unknown): void;
  result(): unknown;
}

/** True when `call` has a FrameAggregate here; the others run their Accumulator (`window-accumulate.ts`). */
export function hasFrameAggregate(call: AggregateCall): boolean {
  return frameAggregate(call, false) !== null;
}

/** A fresh state for `call` (its arguments already evaluated to values; `star` = count(*)), or null. */
export function frameAggregate(call: AggregateCall, ignoreNulls: boolean): (() => FrameAggregate) | null {
  const long = call.dataType.kind === 'int64';
  const input = call.args[0] ? dataTypeOf(call.args[0]) : undefined;
  if (input?.kind === 'decimal' && (call.fn === 'sum' || call.fn === 'avg')) {
    // Decimals are unscaled bigints: an exact sum, NULL when it leaves the sum type (as the hash aggregate does).
    const sumType = sumResultType(input);
    return () => {
      let acc = 0n;
      let n = 0n;
      return {
        add: (v) => { if (v !== null) { acc += v as bigint; n++; } },
        result: () => {
          if (n === 0n || !fitsPrecision(acc, sumType.precision)) return null;
          return call.fn === 'sum' ? acc : decimalAverage(acc, input, n);
        },
      };
    };
  }
  switch (call.fn) {
    case 'count':
      return () => {
        let n = 0n;
        return { add: (v) => { if (call.args.length === 0 || v !== null) n++; }, result: () => n };
      };
    case 'sum':
      return () => {
        let acc: number | bigint | null = null;
        return {
          add: (v) => {
            if (v === null) return;
            if (long) acc = ((acc as bigint | null) ?? 0n) + BigInt(v as number | bigint);
            else acc = ((acc as number | null) ?? 0) + Number(v);
          },
          result: () => (long && acc !== null ? BigInt.asIntN(64, acc as bigint) : acc),
        };
      };
    case 'avg':
      return () => {
        let sum = 0;
        let n = 0;
        return { add: (v) => { if (v !== null) { sum += Number(v); n++; } }, result: () => (n === 0 ? null : sum / n) };
      };
    case 'min':
    case 'max': {
      const sign = call.fn === 'min' ? 1 : -1;
      return () => {
        let best: unknown = null;
        return { add: (v) => { if (v !== null && (best === null || sign * compareValues(v, best) < 0)) best = v; }, result: () => best };
      };
    }
    case 'first':
    case 'any_value':
      return () => {
        let seen = false;
        let value: unknown = null;
        return { add: (v) => { if (!seen && (!ignoreNulls || v !== null)) { seen = true; value = v; } }, result: () => value };
      };
    case 'last':
      return () => {
        let value: unknown = null;
        return { add: (v) => { if (!ignoreNulls || v !== null) value = v; }, result: () => value };
      };
    case 'collect_list':
      return () => {
        const out: unknown[] = [];
        return { add: (v) => { if (v !== null) out.push(v); }, result: () => out };
      };
    default:
      return null;
  }
}

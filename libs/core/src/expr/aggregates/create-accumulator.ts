// Picks the accumulator implementing an aggregate call.
import { type AggregateCall, dataTypeOf } from '../expression.js';
import type { Accumulator } from './accumulator.js';
import { CollectListAccumulator } from './collect-accumulator.js';
import { DecimalAvgAccumulator, DecimalSumAccumulator } from './decimal-accumulators.js';
import { DistinctAccumulator } from './distinct-accumulator.js';
import { AvgAccumulator, CountAccumulator, SumDoubleAccumulator, SumLongAccumulator } from './numeric-accumulators.js';
import { ignoresNulls, usesDistinctState } from './registry.js';
import { ExtremumAccumulator, FirstAccumulator } from './value-accumulators.js';

export function createAccumulator(call: AggregateCall): Accumulator {
  const argTypes = call.args.map(dataTypeOf);
  if (usesDistinctState(call)) {
    const types = call.fn === 'count' ? argTypes : argTypes.slice(0, 1);
    return new DistinctAccumulator(types, () => createAccumulator({ ...call, distinct: false }), call.fn === 'count');
  }
  const t = argTypes[0]!;
  switch (call.fn) {
    case 'count':
      return new CountAccumulator();
    case 'sum':
      if (t.kind === 'decimal') return new DecimalSumAccumulator(t);
      return t.kind === 'float64' ? new SumDoubleAccumulator() : new SumLongAccumulator(t);
    case 'avg':
      return t.kind === 'decimal' ? new DecimalAvgAccumulator(t) : new AvgAccumulator(t);
    case 'min':
      return new ExtremumAccumulator(t, -1);
    case 'max':
      return new ExtremumAccumulator(t, 1);
    case 'first':
    case 'any_value':
    case 'last':
      return new FirstAccumulator(t, ignoresNulls(call), call.fn === 'last' ? 'last' : 'first');
    case 'collect_list':
      return new CollectListAccumulator(t);
  }
}

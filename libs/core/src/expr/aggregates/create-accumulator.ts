// Picks the accumulator implementing an aggregate call.
import { type AggregateCall, dataTypeOf } from '../expression.js';
import type { Accumulator } from './accumulator.js';
import { CollectListAccumulator } from './collect-accumulator.js';
import { DecimalAvgAccumulator, DecimalSumAccumulator } from './decimal-accumulators.js';
import { DistinctAccumulator } from './distinct-accumulator.js';
import { AvgAccumulator, CountAccumulator, SumDoubleAccumulator, SumLongAccumulator } from './numeric-accumulators.js';
import { distinctArity, ignoresNulls, usesDistinctState } from './registry.js';
import { BitAccumulator, CountIfAccumulator, ExtremumByAccumulator, TrySumLongAccumulator } from './logical-accumulators.js';
import { PercentileAccumulator } from './percentile-accumulator.js';
import { ApproxPercentileAccumulator } from './approx-percentile-accumulator.js';
import { HllAccumulator } from './hll-accumulator.js';
import { ListaggAccumulator, ModeAccumulator, OrderedPercentileAccumulator, ProductAccumulator } from './ordered-set-accumulators.js';
import { MOMENT_AGGREGATES, MomentAccumulator, PairMaskedAccumulator } from './statistical-accumulators.js';
import { ExtremumAccumulator, FirstAccumulator } from './value-accumulators.js';

export function createAccumulator(call: AggregateCall): Accumulator {
  const argTypes = call.args.map(dataTypeOf);
  if (usesDistinctState(call)) {
    const types = argTypes.slice(0, distinctArity(call));
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
    case 'regr_count':
      return new CountAccumulator();
    case 'regr_avgx':
    case 'regr_avgy': {
      // Spark's Average of one argument over the rows where both are non-NULL.
      const k = call.fn === 'regr_avgx' ? 1 : 0;
      const u = argTypes[k]!;
      return new PairMaskedAccumulator(u.kind === 'decimal' ? new DecimalAvgAccumulator(u) : new AvgAccumulator(u), k);
    }
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
    case 'skewness':
    case 'kurtosis':
    case 'corr':
    case 'covar_pop':
    case 'covar_samp':
    case 'regr_sxx':
    case 'regr_syy':
    case 'regr_sxy':
    case 'regr_slope':
    case 'regr_intercept':
    case 'regr_r2':
      return new MomentAccumulator(MOMENT_AGGREGATES[call.fn]);
    case 'count_if':
      return new CountIfAccumulator();
    // Spark's BoolAnd / BoolOr are Min / Max over booleans.
    case 'bool_and':
      return new ExtremumAccumulator(t, -1);
    case 'bool_or':
      return new ExtremumAccumulator(t, 1);
    case 'bit_and':
    case 'bit_or':
    case 'bit_xor':
      return new BitAccumulator(t, call.fn === 'bit_and' ? 'and' : call.fn === 'bit_or' ? 'or' : 'xor');
    case 'collect_set':
      return new DistinctAccumulator([t], () => new CollectListAccumulator(t));
    case 'max_by':
    case 'min_by':
      return new ExtremumByAccumulator(t, argTypes[1]!, call.fn === 'max_by' ? 1 : -1);
    case 'try_sum':
      if (t.kind === 'decimal') return new DecimalSumAccumulator(t);
      return t.kind === 'float64' ? new SumDoubleAccumulator() : new TrySumLongAccumulator();
    case 'try_avg':
      return t.kind === 'decimal' ? new DecimalAvgAccumulator(t) : new AvgAccumulator(t);
    case 'percentile':
    case 'median':
      return new PercentileAccumulator(call);
    case 'approx_count_distinct':
      return new HllAccumulator(call);
    case 'percentile_approx':
      return new ApproxPercentileAccumulator(call);
    case 'product':
      return new ProductAccumulator();
    case 'mode':
      return new ModeAccumulator(call);
    case 'listagg':
      return new ListaggAccumulator(call);
    case 'percentile_cont':
    case 'percentile_disc':
      return new OrderedPercentileAccumulator(call);
  }
}

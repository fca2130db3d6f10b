import { describe, expect, it } from 'vitest';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT } from '../../types/data-type.js';
import { aggregateDef, listAggregateFunctions, lookupAggregateFunction } from './registry.js';

describe('aggregate registry', () => {
  it('resolves names and aliases case-insensitively', () => {
    expect(lookupAggregateFunction('COUNT')).toEqual({ fn: 'count', distinct: false });
    expect(lookupAggregateFunction('countDistinct')).toEqual({ fn: 'count', distinct: true });
    expect(lookupAggregateFunction('count_distinct')).toEqual({ fn: 'count', distinct: true });
    expect(lookupAggregateFunction('mean')).toEqual({ fn: 'avg', distinct: false });
    expect(lookupAggregateFunction('First_Value')).toEqual({ fn: 'first', distinct: false });
    expect(lookupAggregateFunction('collect_list')).toEqual({ fn: 'collect_list', distinct: false });
    expect(lookupAggregateFunction('upper')).toBeUndefined();
  });
  it('result types follow Spark', () => {
    const r = (fn: Parameters<typeof aggregateDef>[0], types: Parameters<ReturnType<typeof aggregateDef>['resolve']>[0], distinct = false) => aggregateDef(fn).resolve(types, distinct);
    expect(r('count', [])).toEqual({ argTypes: [], dataType: LongT, nullable: false });
    expect(r('count', [StringT, IntegerT], true)).toEqual({ argTypes: [StringT, IntegerT], dataType: LongT, nullable: false });
    expect(r('sum', [IntegerT])).toEqual({ argTypes: [IntegerT], dataType: LongT, nullable: true });
    expect(r('sum', [DoubleT])).toEqual({ argTypes: [DoubleT], dataType: DoubleT, nullable: true });
    expect(r('sum', [NullT])).toEqual({ argTypes: [DoubleT], dataType: DoubleT, nullable: true });
    expect(r('sum', [StringT])).toEqual({ argTypes: [DoubleT], dataType: DoubleT, nullable: true });
    expect(r('avg', [StringT])).toEqual({ argTypes: [DoubleT], dataType: DoubleT, nullable: true });
    expect(r('avg', [LongT])).toEqual({ argTypes: [LongT], dataType: DoubleT, nullable: true });
    expect(r('min', [StringT])).toEqual({ argTypes: [StringT], dataType: StringT, nullable: true });
    expect(r('max', [DateT])).toEqual({ argTypes: [DateT], dataType: DateT, nullable: true });
    // Arrays and structs are orderable (element by element, field by field), as in Spark.
    expect(r('max', [ArrayT(IntegerT)])).toEqual({ argTypes: [ArrayT(IntegerT)], dataType: ArrayT(IntegerT), nullable: true });
    expect(r('first', [StringT, BooleanT])).toEqual({ argTypes: [StringT, BooleanT], dataType: StringT, nullable: true });
    expect(r('collect_list', [IntegerT])).toEqual({ argTypes: [IntegerT], dataType: ArrayT(IntegerT, false), nullable: false });
  });
  it('rejects bad argument types with a message naming the function and the type', () => {
    const err = (x: unknown) => (x as { error?: string }).error;
    expect(err(aggregateDef('sum').resolve([BooleanT], false))).toMatch(/parameter of `sum` requires the "NUMERIC" type, however it has the type "BOOLEAN"/);
    expect(err(aggregateDef('avg').resolve([BooleanT], false))).toMatch(/`avg`.*"BOOLEAN"/);
    expect(err(aggregateDef('first').resolve([IntegerT, IntegerT], false))).toMatch(/second parameter of `first`/);
    expect(err(aggregateDef('count').resolve([], true))).toMatch(/DISTINCT/);
    expect(err(aggregateDef('sum').resolve([IntegerT, IntegerT], false))).toMatch(/requires 1 parameters/);
  });
  it('documents every function', () => {
    expect(listAggregateFunctions().map((d) => d.name).sort()).toEqual(
      ['any_value', 'approx_count_distinct', 'avg', 'bit_and', 'bit_or', 'bit_xor', 'bool_and', 'bool_or', 'collect_list', 'collect_set', 'corr', 'count', 'count_if', 'covar_pop', 'covar_samp',
        'first', 'kurtosis', 'last', 'listagg', 'max', 'max_by', 'median', 'min', 'min_by', 'mode', 'percentile', 'percentile_approx', 'percentile_cont', 'percentile_disc', 'product', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx',
        'regr_sxy', 'regr_syy', 'skewness', 'stddev_pop', 'stddev_samp', 'sum', 'try_avg', 'try_sum', 'var_pop', 'var_samp'],
    );
    for (const d of listAggregateFunctions()) expect(d.doc.example).toMatch(/^df\./);
  });

  it('resolves the statistical aggregates and their aliases', () => {
    expect(lookupAggregateFunction('STD')).toEqual({ fn: 'stddev_samp', distinct: false });
    expect(lookupAggregateFunction('variance')).toEqual({ fn: 'var_samp', distinct: false });
    expect(aggregateDef('corr').resolve([StringT, IntegerT], false)).toEqual({ argTypes: [DoubleT, DoubleT], dataType: DoubleT, nullable: true });
    expect(aggregateDef('regr_count').resolve([IntegerT, StringT], false)).toEqual({ argTypes: [IntegerT, DoubleT], dataType: LongT, nullable: false });
  });

  it('resolves last / last_value / any_value as aggregates of their own', () => {
    expect(lookupAggregateFunction('LAST_VALUE')).toEqual({ fn: 'last', distinct: false });
    expect(lookupAggregateFunction('any_value')).toEqual({ fn: 'any_value', distinct: false });
  });
});

// Array functions without lambdas through the TypeScript SDK on the real engine: Spark's NULL rules, element
// equality (NaN = NaN), sort orders, 1-based and 0-based indexes, generated names and errors.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[1]').create();
afterAll(() => spark.stop());

const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) => (await df.collect()).map((r) => r.toArray());
const df = spark.createDataFrame([[1, [3, 1, null, 2, 1], [2, 5]], [2, null, [1]], [3, [], [null]]], 'k int, xs array<int>, ys array<int>');

describe('array functions', () => {
  it('distinct, max, min, compact, size', async () => {
    const out = df.select(F.array_distinct('xs'), F.array_max('xs'), F.array_min('xs'), F.array_compact('xs'), F.array_size('xs'));
    expect(out.columns).toEqual(['array_distinct(xs)', 'array_max(xs)', 'array_min(xs)', 'array_compact(xs)', 'array_size(xs)']);
    expect(await rows(out)).toEqual([[[3, 1, null, 2], 3, 1, [3, 1, 2, 1], 5], [null, null, null, null, null], [[], null, null, [], 0]]);
  });

  it('sorts: sort_array puts NULLs first ascending, array_sort last; names as Spark prints them', async () => {
    const out = df.select(F.sort_array('xs'), F.sort_array('xs', false), F.array_sort('xs'));
    expect(out.columns[0]).toBe('sort_array(xs, true)');
    expect(out.columns[2]).toMatch(/^array_sort\(xs, lambdafunction\(\(IF\(\(\(namedlambdavariable\(\) IS NULL\) AND/);
    expect((await rows(out))[0]).toEqual([[null, 1, 1, 2, 3], [3, 2, 1, 1, null], [1, 1, 2, 3, null]]);
  });

  it('set operations and overlap keep Spark\'s NULL rules', async () => {
    const out = df.select(F.array_union('xs', 'ys'), F.array_intersect('xs', 'ys'), F.array_except('xs', 'ys'), F.arrays_overlap('xs', 'ys'));
    expect(await rows(out)).toEqual([
      [[3, 1, null, 2, 5], [2], [3, 1, null], true], [null, null, null, null], [[null], [], [], false],
    ]);
  });

  it('positions and element access: 1-based, negative from the end, 0-based get', async () => {
    const out = df.select(F.array_position('xs', 1), F.array_remove('xs', 1), F.element_at('xs', -1), F.get('xs', 0), F.slice('xs', 2, 2));
    expect(await rows(out)).toEqual([[2n, [3, null, 2], 1, 3, [1, null]], [null, null, null, null, null], [0n, [], null, null, []]]);
  });

  it('joins, zips, sequences, inserts', async () => {
    const one = df.filter(col('k').equalTo(1));
    const out = one.select(F.array_join('xs', '-', 'N'), F.size(F.arrays_zip('xs', 'ys')).alias('arrays_zip(xs, ys)'), F.sequence(F.lit(1), F.lit(7), F.lit(3)), F.array_insert('ys', 5, F.lit(9)), F.array_append('ys', F.lit(0)), F.array_prepend('ys', F.lit(0)));
    expect(one.select(F.arrays_zip('xs', 'ys')).columns).toEqual(['arrays_zip(xs, ys)']);
    expect(await rows(out)).toEqual([['3-1-N-2-1', 5, [1, 4, 7], [2, 5, null, null, 9], [2, 5, 0], [0, 2, 5]]]);
  });

  it('raises Spark\'s errors', async () => {
    expect(() => df.select(F.array_max('k'))).toThrow(AnalysisError);
    expect(() => df.select(F.array_max('k'))).toThrow('The first parameter requires the "ARRAY" type, however "k" has the type "INT".');
    await expect(rows(df.select(F.element_at('xs', 0)))).rejects.toThrow('The index 0 is invalid.');
    await expect(rows(df.select(F.slice('xs', 0, 1)))).rejects.toThrow('Expects a positive or a negative value for `start`, but got 0.');
  });
});

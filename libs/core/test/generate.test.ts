// explode / posexplode (and _outer) through the DataFrame API on the real engine: rows, names, NULL and empty
// arrays, arrays that are not laid out for the batch (from an aggregate, from a sliced batch), pruning, errors.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

const docs = spark.createDataFrame([[1, 'a b c'], [2, null], [3, ''], [4, 'x  y']], 'id int, s string');
const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) => (await df.collect()).map((r) => r.toArray());

describe('explode', () => {
  it('gives one row per element beside the other columns', async () => {
    const df = docs.select('id', F.explode(F.split('s', ' ')).alias('w'));
    expect(df.columns).toEqual(['id', 'w']);
    expect(await rows(df.orderBy('id', 'w'))).toEqual([[1, 'a'], [1, 'b'], [1, 'c'], [3, ''], [4, ''], [4, 'x'], [4, 'y']]);
    expect(docs.select(F.explode(F.split('s', ' '))).columns).toEqual(['col']);
    expect(docs.withColumn('w', F.explode(F.split('s', ' '))).columns).toEqual(['id', 's', 'w']);
  });

  it('keeps NULL and empty arrays as NULL rows only when outer', async () => {
    const arrays = spark.createDataFrame([[1, [10, 20]], [2, null], [3, []], [4, [null, 40]]], 'id int, xs array<int>');
    expect(await rows(arrays.select('id', F.explode('xs')).orderBy('id'))).toEqual([[1, 10], [1, 20], [4, null], [4, 40]]);
    expect(await rows(arrays.select('id', F.explode_outer('xs')).orderBy('id', 'col'))).toEqual([[1, 10], [1, 20], [2, null], [3, null], [4, null], [4, 40]]);
    expect(await rows(arrays.select('id', F.posexplode('xs')).orderBy('id', 'pos'))).toEqual([[1, 0, 10], [1, 1, 20], [4, 0, null], [4, 1, 40]]);
    expect(await rows(arrays.select('id', F.posexplode_outer('xs').alias('p', 'v')).orderBy('id', 'p'))).toEqual([
      [1, 0, 10], [1, 1, 20], [2, null, null], [3, null, null], [4, 0, null], [4, 1, 40],
    ]);
    const schema = arrays.select(F.posexplode_outer('xs')).schema.fields.map((f) => [f.name, f.nullable]);
    expect(schema).toEqual([['pos', true], ['col', true]]);
    expect(arrays.select(F.posexplode('xs')).schema.fields.map((f) => [f.name, f.nullable])).toEqual([['pos', false], ['col', true]]);
  });

  it('reads arrays built elsewhere: by an aggregate, and after a filter', async () => {
    const grouped = spark.range(0, 10, 1, 3).groupBy((col('id').mod(3)).alias('k')).agg(F.collect_list('id').alias('ids'));
    const out = await rows(grouped.select('k', F.explode('ids').alias('id')).orderBy('id'));
    expect(out.map((r) => Number(r[1]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out.every((r) => Number(r[0]) === Number(r[1]) % 3)).toBe(true);
    const filtered = docs.select('id', F.split('s', ' ').alias('ws')).filter(col('id').gt(1)).select('id', F.explode('ws'));
    expect(await rows(filtered.orderBy('id', 'col'))).toEqual([[3, ''], [4, ''], [4, 'x'], [4, 'y']]);
  });

  it('counts words as the word-count pipeline does', async () => {
    const lines = spark.createDataFrame(Array.from({ length: 500 }, (_, i) => [`w${i % 7} w${i % 3} w${i % 7}`]), 'line string');
    const counts = await rows(lines.select(F.explode(F.split('line', ' ')).alias('w')).groupBy('w').count().orderBy('w'));
    const expected = new Map<string, number>();
    for (let i = 0; i < 500; i++) for (const w of [`w${i % 7}`, `w${i % 3}`, `w${i % 7}`]) expected.set(w, (expected.get(w) ?? 0) + 1);
    expect(counts).toEqual([...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([w, n]) => [w, BigInt(n)]));
  });

  it('does not repeat columns only the generator reads', () => {
    const plan = docs.select('id', F.explode(F.split('s', ' ')).alias('w')).explainString(true);
    expect(plan).toMatch(/== Analyzed Logical Plan ==[\s\S]*Generate explode\(split\(s#\d+,  , -1\)\), \[\], false, \[w#\d+\]/);
    expect(plan).toMatch(/== Optimized Logical Plan ==\nGenerate explode\(split\(s#\d+,  , -1\)\), \[1\], false, \[w#\d+\]/);
    expect(plan).toMatch(/== Physical Plan ==\nGenerate explode\(split\(s#\d+,  , -1\)\), \[id#\d+\], false, \[w#\d+\]/);
  });

  it('inline gives one column per struct field, NULL fields for an outer row', async () => {
    const people = spark.createDataFrame([[1, 'ann', 30], [1, 'bob', 40], [2, 'cy', null]], 'g int, name string, age int')
      .groupBy('g').agg(F.collect_list(F.struct('name', 'age')).alias('ps'));
    const out = people.select('g', F.inline('ps'));
    expect(out.dtypes).toEqual([['g', 'int'], ['name', 'string'], ['age', 'int']]);
    expect(await rows(out.orderBy('g', 'name'))).toEqual([[1, 'ann', 30], [1, 'bob', 40], [2, 'cy', null]]);
    const none = people.filter(col('g').equalTo(2)).select('g', F.inline_outer(F.array_repeat(F.struct('g'), 0)));
    expect(await rows(none)).toEqual([[2, null]]);
    expect(() => docs.select(F.inline(F.split('s', ' ')))).toThrow(/ARRAY<STRUCT>/);
  });

  it('raises Spark\'s errors for misplaced generators and aliases', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AnalysisError);
        return (e as AnalysisError).errorClass;
      }
      throw new Error('expected an AnalysisError');
    };
    const ws = F.split('s', ' ');
    expect(err(() => docs.select(F.explode('s')))).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(err(() => docs.select(F.explode(ws), F.posexplode(ws)))).toBe('UNSUPPORTED_GENERATOR.MULTI_GENERATOR');
    expect(err(() => docs.select(F.upper(F.explode(ws))))).toBe('UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS');
    expect(err(() => docs.filter(F.explode(ws).equalTo('a')))).toBe('UNSUPPORTED_GENERATOR.OUTSIDE_SELECT');
    expect(err(() => docs.groupBy('id').agg(F.explode(ws)))).toBe('UNSUPPORTED_GENERATOR.OUTSIDE_SELECT');
    expect(err(() => docs.select(F.posexplode(ws).alias('p')))).toBe('NUM_GENERATOR_OUTPUT_ALIASES_MISMATCH');
    expect(err(() => docs.select(col('id').alias('a', 'b')))).toBe('MULTI_ALIAS_WITHOUT_GENERATOR');
  });
});

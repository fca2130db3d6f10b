// Python operators and their planning, with a scripted runner in place of Python workers (test/fixtures): the
// real workers are exercised end to end by the Python client's tests; here the engine's half is checked alone.
import { afterAll, describe, expect, it } from 'vitest';
import { Column, LongT, type PythonEvalType, type PythonSupport, SparkSession, col, functions as F } from '../src/index.js';

const support: PythonSupport = {
  module: new URL('./fixtures/scripted-python-runner.mjs', import.meta.url).href,
  prepare: async () => null,
};
const threads = SparkSession.builder().master('local[2]').pythonSupport(support).create();
const inline = SparkSession.builder().master('local[1]').pythonSupport(support).create();
afterAll(async () => {
  await threads.stop();
  await inline.stop();
});

let nextId = 1;
function udf(spec: object, args: Column[], evalType: PythonEvalType = 'arrowBatched', name = 'f'): Column {
  const command = new TextEncoder().encode(JSON.stringify(spec));
  return new Column({ kind: 'pythonUdf', name, evalType, command, args: args.map((a) => a.expr), dataType: LongT, deterministic: true, udfId: nextId++ });
}

const values = async (df: ReturnType<SparkSession['range']>, name: string) => (await df.collect()).map((r) => Number(r.get(name) as bigint));

describe.each([['threads', threads], ['inline', inline]] as const)('Python operators (%s)', (_mode, spark) => {
  it('runs chained and sibling UDFs of one eval type in one operator', async () => {
    const f = udf({ add: 1 }, [col('id')], 'arrowBatched', 'f');
    const g = udf({ add: 10 }, [f], 'arrowBatched', 'g');
    const df = spark.range(0, 100, 1, 2).select(g.alias('a'), udf({ add: 1 }, [col('id')], 'arrowBatched', 'h').alias('b'));
    const plan = df.explainString();
    expect(plan.match(/ArrowEvalPython/g)).toHaveLength(1);
    expect(plan).toContain('ArrowEvalPython [g, h]');
    expect(await values(df, 'a')).toEqual(Array.from({ length: 100 }, (_, i) => i + 11));
  });

  it('stacks one operator per eval type', async () => {
    const pickled = udf({ add: 1 }, [col('id')], 'batched', 'p');
    const arrowed = udf({ add: 2 }, [pickled], 'arrowBatched', 'q');
    const df = spark.range(5).select(arrowed.alias('y'));
    const plan = df.explainString();
    expect(plan.indexOf('ArrowEvalPython')).toBeLessThan(plan.indexOf('BatchEvalPython'));
    expect(await values(df, 'y')).toEqual([3, 4, 5, 6, 7]);
  });

  it('filters on a UDF result and projects the extra column away', async () => {
    const df = spark.range(0, 20, 1, 2).filter(udf({ add: 100 }, [col('id')]).gt(115));
    expect(df.columns).toEqual(['id']);
    expect(df.explainString()).toMatch(/Filter[^\n]*\n\s*\+- ArrowEvalPython/);
    expect(await values(df, 'id')).toEqual([16, 17, 18, 19]);
  });

  it('matches re-chunked iterator results to their rows across batches', async () => {
    const s = SparkSession.builder().master('local[2]').pythonSupport(support).config('spark.sql.execution.arrow.maxRecordsPerBatch', 4).create();
    try {
      const df = s.range(0, 22, 1, 2).select(col('id'), udf({ add: 1000 }, [col('id')], 'scalarPandasIter').alias('y'));
      const rows = await df.collect();
      expect(rows).toHaveLength(22);
      for (const r of rows) expect(r.get('y')).toBe((r.get('id') as bigint) + 1000n);
    } finally {
      await s.stop();
    }
  });

  it('evaluates UDFs inside aggregate arguments and grouping keys', async () => {
    const bucket = udf({ add: 0 }, [col('id').mod(3)]);
    const df = spark.range(0, 9, 1, 3).groupBy(bucket.alias('b')).agg(F.sum(udf({ add: 1 }, [col('id')])).alias('s')).orderBy('b');
    expect((await df.collect()).map((r) => [Number(r.get('b') as bigint), Number(r.get('s') as bigint)])).toEqual([[0, 12], [1, 15], [2, 18]]);
  });

  it('runs grouped aggregate, grouped map and map functions', async () => {
    const counts = spark.range(0, 10, 1, 3).groupBy(col('id').mod(3).alias('k')).agg(udf({ count: true }, [col('id')], 'groupedAggPandas', 'n').alias('n'));
    const byKey = new Map((await counts.collect()).map((r) => [Number(r.get('k') as bigint), Number(r.get('n') as bigint)]));
    expect(byKey).toEqual(new Map([[0, 4], [1, 3], [2, 3]]));
    const fn = (evalType: PythonEvalType) => udf({}, [], evalType, 'fn').expr as never;
    const first = spark.range(0, 10, 1, 3).groupBy(col('id').mod(5)).flatMapGroupsInPython(fn('groupedMapPandas'), spark.range(1).schema);
    expect((await values(first, 'id')).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    const same = spark.range(0, 10, 1, 3).mapInPython(fn('mapPandasIter'), spark.range(1).schema);
    expect((await values(same, 'id')).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});

it('fails clearly where the engine has no Python support', async () => {
  const plain = SparkSession.builder().master('local[1]').create();
  try {
    await expect(plain.range(3).select(udf({ add: 1 }, [col('id')])).collect()).rejects.toThrow(/PYTHON_UNAVAILABLE/);
  } finally {
    await plain.stop();
  }
});

// End-to-end behaviour of the TypeScript SDK against the real engine: transformations, actions, show(), explain().
import * as arrow from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { IllegalArgumentError, SparkSession, StructType, col, functions as F, lit, when } from '../src/index.js';
import type { TaskMetrics } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

const emp = spark.createDataFrame(
  [
    [1, 'Ann', 'eng', 100.0],
    [2, 'Bob', 'eng', 80.5],
    [3, 'Cid', 'ops', null],
    [4, 'Dee', null, 60.0],
  ],
  'id int, name string, dept string, salary double',
);

describe('DataFrame', () => {
  it('has a schema and dtypes', () => {
    expect(emp.columns).toEqual(['id', 'name', 'dept', 'salary']);
    expect(emp.dtypes).toEqual([['id', 'int'], ['name', 'string'], ['dept', 'string'], ['salary', 'double']]);
    expect(emp.schema.treeString()).toBe(
      'root\n |-- id: integer (nullable = true)\n |-- name: string (nullable = true)\n |-- dept: string (nullable = true)\n |-- salary: double (nullable = true)\n',
    );
  });

  it('counts a range across partitions', async () => {
    expect(await spark.range(0, 1000, 3).count()).toBe(334);
    expect(await spark.range(10).filter(col('id').mod(2).equalTo(0)).count()).toBe(5);
  });

  it('selects, computes and names columns as Spark does', async () => {
    const df = emp.select(col('id').plus(1), F.upper('name'), col('salary').multiply(2).alias('s2'));
    expect(df.columns).toEqual(['(id + 1)', 'upper(name)', 's2']);
    const rows = await df.orderBy('(id + 1)').collect();
    expect(rows.map((r) => r.toArray())).toEqual([
      [2, 'ANN', 200],
      [3, 'BOB', 161],
      [4, 'CID', null],
      [5, 'DEE', 120],
    ]);
  });

  it('groups and aggregates with nulls', async () => {
    const rows = await emp
      .groupBy('dept')
      .agg(F.count('*').alias('n'), F.sum('salary').alias('total'), F.avg('salary').alias('mean'))
      .orderBy('dept')
      .collect();
    expect(rows.map((r) => r.toArray())).toEqual([
      [null, 1n, 60, 60],
      ['eng', 2n, 180.5, 90.25],
      ['ops', 1n, null, null],
    ]);
  });

  it('global aggregate of an empty input is one row', async () => {
    const rows = await emp.filter(lit(false)).agg(F.count('*'), F.max('salary')).collect();
    expect(rows.map((r) => r.toArray())).toEqual([[0n, null]]);
  });

  it('joins with every join type', async () => {
    const depts = spark.createDataFrame([['eng', 'Engineering'], ['hr', 'People']], 'dept string, title string');
    const key = (how: string) =>
      emp.join(depts, 'dept', how).orderBy(col('id').asc_nulls_last()).collect().then((rs) => rs.map((r) => r.toArray()));
    expect(await key('inner')).toEqual([
      ['eng', 1, 'Ann', 100, 'Engineering'],
      ['eng', 2, 'Bob', 80.5, 'Engineering'],
    ]);
    expect((await key('left')).length).toBe(4);
    expect(await key('right')).toEqual([
      ['eng', 1, 'Ann', 100, 'Engineering'],
      ['eng', 2, 'Bob', 80.5, 'Engineering'],
      ['hr', null, null, null, 'People'],
    ]);
    expect((await key('full')).length).toBe(5);
    expect(await emp.join(depts, 'dept', 'left_semi').select('id').orderBy('id').collect().then((r) => r.map((x) => x.get(0)))).toEqual([1, 2]);
    expect(await emp.join(depts, 'dept', 'anti').select('id').orderBy('id').collect().then((r) => r.map((x) => x.get(0)))).toEqual([3, 4]);
    expect(await emp.crossJoin(depts).count()).toBe(8);
  });

  it('sorts with Spark null ordering and limits', async () => {
    const asc = await emp.orderBy('salary').select('id').collect();
    expect(asc.map((r) => r.get('id'))).toEqual([3, 4, 2, 1]);
    const desc = await emp.orderBy(col('salary').desc()).limit(2).select('id').collect();
    expect(desc.map((r) => r.get('id'))).toEqual([1, 2]);
  });

  it('does distinct, union and unionByName', async () => {
    const d = await emp.select('dept').distinct().count();
    expect(d).toBe(3);
    expect(await emp.union(emp).count()).toBe(8);
    const a = spark.createDataFrame([[1, 'x']], 'a int, b string');
    const b = spark.createDataFrame([['y', 2]], 'b string, a int');
    const rows = await a.unionByName(b).orderBy('a').collect();
    expect(rows.map((r) => r.toArray())).toEqual([[1, 'x'], [2, 'y']]);
  });

  it('does intersectAll / exceptAll as multisets and intersect / subtract as sets, NULL equal to NULL', async () => {
    // dept column: eng ×2, ops, NULL; the other side: eng, NULL ×2, hr.
    const other = spark.createDataFrame([['eng'], [null], ['hr'], [null]], 'd string');
    const depts = emp.select('dept');
    const sortedOf = async (df: typeof emp) => (await df.collect()).map((r) => (r.get(0) as string | null) ?? 'NULL').sort();
    expect(await sortedOf(depts.intersectAll(other))).toEqual(['NULL', 'eng']);
    expect(await sortedOf(depts.exceptAll(other))).toEqual(['eng', 'ops']);
    expect(await sortedOf(other.exceptAll(depts))).toEqual(['NULL', 'hr']);
    expect(await sortedOf(depts.intersect(other))).toEqual(['NULL', 'eng']);
    expect(await sortedOf(depts.subtract(other))).toEqual(['ops']);
    expect(await sortedOf(depts.intersectAll(depts))).toEqual(['NULL', 'eng', 'eng', 'ops']);
    // Several columns, a range on one side: ids 1..4 against 0..2 → 1, 2.
    const ids = spark.range(3).select(col('id').cast('int').alias('x'));
    expect((await emp.select('id').intersectAll(ids).orderBy('id').collect()).map((r) => r.get('id'))).toEqual([1, 2]);
    expect(depts.exceptAll(other).columns).toEqual(['dept']);
    expect(() => emp.exceptAll(other)).toThrow(/EXCEPTALL can only be performed on inputs with the same number of columns, but the first input has 4 columns and the second input has 1 columns/);
    expect(() => emp.select('id').intersectAll(spark.range(1).select(F.split(lit('a'), ',')))).toThrow(/INCOMPATIBLE_COLUMN_TYPE/);
  });

  it('withColumn, withColumnRenamed and drop', async () => {
    const df = emp
      .withColumn('band', when(col('salary').geq(90), 'high').when(col('salary').isNull(), 'none').otherwise('low'))
      .withColumnRenamed('name', 'who')
      .drop('dept', 'salary');
    expect(df.columns).toEqual(['id', 'who', 'band']);
    const rows = await df.orderBy('id').collect();
    expect(rows.map((r) => r.get('band'))).toEqual(['high', 'low', 'none', 'low']);
  });

  it('prints show() exactly as Spark', async () => {
    const text = await emp.orderBy('id').showString();
    expect(text).toBe(
      [
        '+---+----+----+------+',
        '| id|name|dept|salary|',
        '+---+----+----+------+',
        '|  1| Ann| eng| 100.0|',
        '|  2| Bob| eng|  80.5|',
        '|  3| Cid| ops|  NULL|',
        '|  4| Dee|NULL|  60.0|',
        '+---+----+----+------+',
        '',
      ].join('\n'),
    );
    expect(await spark.range(5).showString(2)).toBe('+---+\n| id|\n+---+\n|  0|\n|  1|\n+---+\nonly showing top 2 rows\n');
    expect(await emp.select('id', 'name').limit(1).showString(20, true, true)).toBe('-RECORD 0---\n id   | 1   \n name | Ann \n');
  });

  it('explains parsed, analysed, optimized and physical plans', () => {
    const text = emp.filter(col('id').gt(1)).groupBy('dept').count().explainString(true);
    const sections = text.split('\n').filter((l) => l.startsWith('== '));
    expect(sections).toEqual(['== Parsed Logical Plan ==', '== Analyzed Logical Plan ==', '== Optimized Logical Plan ==', '== Physical Plan ==']);
    expect(text).toContain('HashAggregate');
    expect(text).toContain('Exchange hashpartitioning');
  });

  it('takes Arrow tables in and out', async () => {
    const table = arrow.tableFromArrays({ x: Float64Array.from([1, 2, 3]), y: ['a', 'b', 'c'] });
    const df = spark.createDataFrame(table);
    expect(df.dtypes).toEqual([['x', 'double'], ['y', 'string']]);
    const out = await df.filter(col('x').gt(1)).toArrow();
    expect(out.numRows).toBe(2);
    expect(out.getChild('y')!.toArray()).toEqual(['b', 'c']);
  });

  it('caches and frees blocks', async () => {
    const df = spark.range(0, 10000).withColumn('sq', col('id').multiply(col('id'))).cache();
    expect(spark.engine.blocks.memoryUsed).toBe(0);
    expect(await df.count()).toBe(10000);
    const used = spark.engine.blocks.memoryUsed;
    expect(used).toBeGreaterThan(10000 * 16 - 1);
    expect(await df.filter(col('id').lt(10)).count()).toBe(10);
    expect(spark.engine.blocks.memoryUsed).toBe(used);
    df.unpersist();
    expect(spark.engine.blocks.memoryUsed).toBe(0);
  });

  it('reads a cached DataFrame as it is from its blocks, without tasks, with the same rows', async () => {
    const plain = spark.range(0, 5000, 1, 4).withColumn('s', col('id').cast('string'));
    const df = spark.range(0, 5000, 1, 4).withColumn('s', col('id').cast('string')).cache();
    const expected = (await plain.collect()).map((r) => r.toJSON());
    const first: TaskMetrics[] = [];
    expect((await df.collect({ metrics: first })).map((r) => r.toJSON())).toEqual(expected); // materialises
    expect(first.length).toBeGreaterThan(0);
    const again: TaskMetrics[] = [];
    expect((await df.collect({ metrics: again })).map((r) => r.toJSON())).toEqual(expected);
    expect(again).toEqual([]);
    // Anything over the cache still runs tasks.
    const over: TaskMetrics[] = [];
    expect(await df.filter(col('id').lt(10)).count({ metrics: over })).toBe(10);
    expect(over.length).toBeGreaterThan(0);
    df.unpersist();
  });

  it('rejects bad arguments with clear errors', () => {
    expect(() => emp.limit(1.5)).toThrow(IllegalArgumentError);
    expect(() => emp.join(emp, 'id', 'sideways')).toThrow(/Unsupported join type 'sideways'/);
    expect(() => spark.createDataFrame([[1, 'a'], ['b', 2]], 'x int, y string')).toThrow(/Field `x` of row 1/);
    expect(() => col('a').cast('decimal(3')).toThrow(/Unsupported data type/);
    expect(() => StructType.fromDDL('a int, b nosuchtype')).toThrow(/Unknown data type "nosuchtype"/);
  });
});

describe('toArrow', () => {
  it('gives tables that survive an Arrow IPC round trip even when columns share buffers', async () => {
    const spark2 = SparkSession.builder().master('local[1]').create();
    try {
      const df = spark2.range(5).select(col('id'), col('id').alias('again'));
      const table = await df.toArrow();
      const back = arrow.tableFromIPC(arrow.tableToIPC(table, 'stream'));
      expect(back.getChild('again')!.toArray()).toEqual(BigInt64Array.from([0n, 1n, 2n, 3n, 4n]));
      expect(back.getChild('id')!.toArray()).toEqual(BigInt64Array.from([0n, 1n, 2n, 3n, 4n]));
    } finally {
      await spark2.stop();
    }
  });
});

describe('createDataFrame from Arrow', () => {
  it('keeps array values of a table read back from IPC', async () => {
    const spark3 = SparkSession.builder().master('local[1]').create();
    try {
      const df = spark3.createDataFrame([[1, [1, 2, 3]], [2, [4]], [3, null]], 'id int, xs array<int>');
      const back = arrow.tableFromIPC(arrow.tableToIPC(await df.toArrow(), 'stream'));
      const rows = await spark3.createDataFrame(back).collect();
      expect(rows.map((r) => r.toArray())).toEqual([[1, [1, 2, 3]], [2, [4]], [3, null]]);
    } finally {
      await spark3.stop();
    }
  });
});

describe('createDataFrame from an Arrow table that needs widening', () => {
  it('keeps columns in place when one is named like a number', async () => {
    const spark3 = SparkSession.builder().master('local[1]').create();
    try {
      const schema = new arrow.Schema([new arrow.Field('a', new arrow.Int8()), new arrow.Field('1', new arrow.Int64()), new arrow.Field('b', new arrow.Utf8())]);
      const cols = [arrow.vectorFromArray([1, 2], new arrow.Int8()), arrow.vectorFromArray([10n, 20n], new arrow.Int64()), arrow.vectorFromArray(['x', 'y'], new arrow.Utf8())];
      const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: 2, children: cols.map((c) => c.data[0]!), nullCount: 0 });
      const df = spark3.createDataFrame(new arrow.Table(new arrow.RecordBatch(schema, struct)));
      expect(df.dtypes).toEqual([['a', 'int'], ['1', 'bigint'], ['b', 'string']]);
      expect((await df.collect()).map((r) => r.toArray())).toEqual([[1, 10n, 'x'], [2, 20n, 'y']]);
    } finally {
      await spark3.stop();
    }
  });
});

describe('createDataFrame from rows', () => {
  it('takes Uint8Arrays for binary columns, and infers binary from them', async () => {
    const spark3 = SparkSession.builder().master('local[1]').create();
    try {
      const df = spark3.createDataFrame([[1, new Uint8Array([97, 98])], [2, null]], 'id int, b binary');
      expect((await df.collect()).map((r) => r.toArray())).toEqual([[1, new Uint8Array([97, 98])], [2, null]]);
      const inferred = spark3.createDataFrame([[new Uint8Array([0, 255])]]);
      expect(inferred.dtypes).toEqual([['_1', 'binary']]);
      expect(() => spark3.createDataFrame([['text']], 'b binary')).toThrow(/FIELD_DATA_TYPE_UNACCEPTABLE/);
    } finally {
      await spark3.stop();
    }
  });
});

describe('broadcast hash joins', () => {
  it('answer as shuffled ones do, with many tasks sharing one build per thread, and again on a second run', async () => {
    const spark2 = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
    try {
      const big = spark2.range(0, 20000, 1, 8).select(col('id'), col('id').mod(97).alias('k'));
      const small = spark2.range(0, 120, 1, 2).select(col('id').alias('k2'), col('id').multiply(10).alias('v')).filter(col('k2').mod(3).notEqual(0));
      const joined = big.join(small, col('k').equalTo(col('k2')), 'inner').select('id', 'v');
      const leftJoined = big.join(small, col('k').equalTo(col('k2')), 'left').select('id', 'v');
      const rows = async (df: typeof joined) => (await df.collect()).map((r) => `${r.get('id')}:${r.get('v')}`).sort();
      expect(joined.explainString()).toContain('BroadcastHashJoin');
      const broadcastInner = await rows(joined);
      const broadcastLeft = await rows(leftJoined);
      expect(await rows(joined)).toEqual(broadcastInner); // same plan, second job: the build is not stale
      spark2.conf.set('spark.sql.autoBroadcastJoinThreshold', -1);
      expect(await rows(big.join(small, col('k').equalTo(col('k2')), 'inner').select('id', 'v'))).toEqual(broadcastInner);
      expect(await rows(big.join(small, col('k').equalTo(col('k2')), 'left').select('id', 'v'))).toEqual(broadcastLeft);
      expect(broadcastInner.length).toBe([...Array(20000).keys()].filter((i) => i % 97 < 120 && (i % 97) % 3 !== 0).length);
    } finally {
      await spark2.stop();
    }
  });
});

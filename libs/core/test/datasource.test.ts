// spark.read / df.write from the TypeScript SDK against the real engine (executor threads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F, lit } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-ds-'));
afterAll(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const people = spark.createDataFrame([[1, 'Ann', 34.5], [2, 'Bob', null], [3, null, 20.0]], 'id int, name string, score double');
const sorted = async (p: Promise<import('../src/index.js').DataFrame>) => (await (await p).orderBy('id').collect()).map((r) => r.toArray());

describe('DataFrameWriter and DataFrameReader', () => {
  it('round-trips Parquet, CSV and JSON', async () => {
    const expected = [[1, 'Ann', 34.5], [2, 'Bob', null], [3, null, 20]];
    await people.write.mode('overwrite').parquet(path.join(dir, 'p'));
    expect(await sorted(spark.read.parquet(path.join(dir, 'p')))).toEqual(expected);
    await people.write.mode('overwrite').option('header', true).csv(path.join(dir, 'c'));
    expect(await sorted(spark.read.csv(path.join(dir, 'c'), { header: true, inferSchema: true }))).toEqual(expected);
    await people.write.mode('overwrite').json(path.join(dir, 'j'));
    const j = await spark.read.schema('id int, name string, score double').json(path.join(dir, 'j'));
    expect(await sorted(Promise.resolve(j))).toEqual(expected);
  });

  it('writes a part file per partition and _SUCCESS, and nothing else', async () => {
    const out = path.join(dir, 'parts');
    await spark.range(0, 100, 1, 3).write.parquet(out);
    const names = fs.readdirSync(out).sort();
    expect(names[0]).toBe('_SUCCESS');
    expect(names.filter((n) => /^part-0000[0-2]-[0-9a-f-]{36}-c000\.snappy\.parquet$/.test(n))).toHaveLength(3);
    expect(names).toHaveLength(4);
    expect(await (await spark.read.parquet(out)).count()).toBe(100);
  });

  it('plans a file scan with pruned columns', async () => {
    const df = (await spark.read.parquet(path.join(dir, 'p'))).filter(col('id').gt(1)).select('name');
    const text = df.queryExecution().explainString('simple');
    expect(text).toMatch(/FileScan parquet \[id#\d+, name#\d+\] Location: InMemoryFileIndex\(1 paths\)\[file:.*\/p\], ReadSchema: struct<id:int,name:string>/);
    expect((await df.collect()).map((r) => r.toArray())).toEqual([['Bob'], [null]]);
  });

  it('reads empty and BOM-prefixed CSV files', async () => {
    const d = path.join(dir, 'csv-edge');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'a.csv'), '\ufeffx,y\n1,2\n');
    fs.writeFileSync(path.join(d, 'b.csv'), '');
    const df = await spark.read.csv(d, { header: true, inferSchema: true });
    expect(df.dtypes).toEqual([['x', 'int'], ['y', 'int']]);
    expect((await df.collect()).map((r) => r.toArray())).toEqual([[1, 2]]);
  });

  it('raises PATH_NOT_FOUND at the read', async () => {
    await expect(spark.read.json(path.join(dir, 'missing'))).rejects.toThrow(AnalysisError);
    await expect(spark.read.json(path.join(dir, 'missing'))).rejects.toThrow(`[PATH_NOT_FOUND] Path does not exist: file:${path.join(dir, 'missing')}.`);
  });

  // Expected text and instants from PySpark 4.3 (session zone America/Los_Angeles).
  it('reads and writes timestamps in the session time zone unless the timeZone option names another', async () => {
    const s = SparkSession.builder().master('local[1]').config('spark.sql.session.timeZone', 'America/Los_Angeles').create();
    try {
      // The string casts read the literals in the session zone, as Spark's TIMESTAMP '…' does.
      const ts = s.range(1).select(lit('2020-01-01 00:00:00').cast('timestamp').alias('t'), lit('2020-01-02').cast('date').alias('d'));
      const partText = (d: string) => fs.readFileSync(path.join(d, fs.readdirSync(d).find((n) => n.startsWith('part-'))!), 'utf8').trim();
      await ts.write.csv(path.join(dir, 'tz-csv'));
      expect(partText(path.join(dir, 'tz-csv'))).toBe('2020-01-01T00:00:00.000-08:00,2020-01-02');
      await ts.write.json(path.join(dir, 'tz-json'));
      expect(partText(path.join(dir, 'tz-json'))).toBe('{"t":"2020-01-01T00:00:00.000-08:00","d":"2020-01-02"}');
      await ts.write.option('timeZone', 'Asia/Tokyo').csv(path.join(dir, 'tz-tokyo'));
      expect(partText(path.join(dir, 'tz-tokyo'))).toBe('2020-01-01T17:00:00.000+09:00,2020-01-02');

      const d = path.join(dir, 'tz-in');
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'a.csv'), '2020-01-01 00:00:00,2020-01-01T00:00:00Z\n');
      fs.writeFileSync(path.join(d, 'a.json'), '{"a":"2020-01-01 00:00:00","b":"2020-01-01T00:00:00Z"}\n');
      const utcOf = async (df: import('../src/index.js').DataFrame) =>
        (await df.select(F.unix_micros('a').cast('string'), F.unix_micros('b').cast('string')).collect()).map((r) => r.toArray());
      const la = [['1577865600000000', '1577836800000000']]; // 08:00 UTC: read in Los Angeles
      expect(await utcOf(await s.read.schema('a timestamp, b timestamp').csv(path.join(d, 'a.csv')))).toEqual(la);
      expect(await utcOf(await s.read.schema('a timestamp, b timestamp').json(path.join(d, 'a.json')))).toEqual(la);
      const tokyo = await s.read.option('timeZone', 'Asia/Tokyo').schema('a timestamp, b timestamp').json(path.join(d, 'a.json'));
      expect(await utcOf(tokyo)).toEqual([['1577804400000000', '1577836800000000']]);
      const fromJson = s.range(1).select(F.from_json(lit('{"a":"2020-01-01 00:00:00"}'), 'a timestamp').getField('a').alias('a'), lit('2020-01-01T00:00:00Z').cast('timestamp').alias('b'));
      expect(await utcOf(fromJson)).toEqual(la);
      const bad = await s.read.option('timeZone', 'Nowhere/X').schema('a timestamp').csv(path.join(d, 'a.csv'));
      await expect(bad.collect()).rejects.toThrow('[INVALID_TIMEZONE] The timezone: Nowhere/X is invalid.');
    } finally {
      await s.stop();
    }
  });
});

// spark.read / df.write from the TypeScript SDK against the real engine (executor threads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col } from '../src/index.js';

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
});

// The issue 4/6 functions through the TypeScript SDK on the real engine (expected values from PySpark 4.3).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkSession, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[1]').create();
afterAll(() => spark.stop());

const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) => (await df.collect()).map((r) => r.toArray());

describe('more functions in the SDK', () => {
  it('format_string, mask, quote, parse_url', async () => {
    const df = spark.createDataFrame([[5, 'hello', 'http://a.b/p?k=v']], 'a int, b string, u string');
    const out = df.select(F.format_string('%05d|%-7s|', 'a', 'b'), F.mask('b'), F.quote('b'), F.parse_url('u', F.lit('QUERY'), F.lit('k')));
    expect(out.columns).toEqual(['format_string(%05d|%-7s|, a, b)', 'mask(b, X, x, n, NULL)', 'quote(b)', 'parse_url(u, QUERY, k)']);
    expect(await rows(out)).toEqual([['00005|hello  |', 'xxxxx', "'hello'", 'v']]);
  });

  it('stack, json_tuple and randstr', async () => {
    const df = spark.createDataFrame([[1, '{"x":1,"y":"z"}']], 'a int, j string');
    expect(await rows(df.select(F.stack(2, 'a', F.lit(7))))).toEqual([[1], [7]]);
    expect(await rows(df.select(F.json_tuple('j', 'x', 'y')))).toEqual([['1', 'z']]);
    expect(await rows(spark.range(1).select(F.randstr(5, 0)))).toEqual([['ceV0P']]);
  });

  it('input_file_name and its split inside a file scan, empty and -1 elsewhere', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kindling-ifn-')), 'x.csv');
    writeFileSync(path, 'a\n1\n2\n');
    const df = await spark.read.csv(path, { header: true });
    expect(await rows(df.select(F.input_file_name(), F.input_file_block_start(), F.input_file_block_length()))).toEqual([[`file://${path}`, 0n, 6n], [`file://${path}`, 0n, 6n]]);
    expect(await rows(spark.range(1).select(F.input_file_name(), F.input_file_block_start(), F.input_file_block_length()))).toEqual([['', -1n, -1n]]);
  });
});

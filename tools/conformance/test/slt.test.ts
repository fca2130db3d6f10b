// Runs every tools/conformance/slt/*.slt file through spark.sql, one fresh session per file, one test per
// record. With SLT_COMPLETE=1 (`npm run slt -- --complete`) each file's expected output is rewritten instead.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SparkSession, simpleString } from '@kindling/core';
import '@kindling/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordOutcome, type SqlExecutor, completeFile, runRecord } from '../src/slt/run-slt.js';
import { parseSlt } from '../src/slt/slt-file.js';

const dir = fileURLToPath(new URL('../slt', import.meta.url));
const only = process.env.SLT_FILES ? process.env.SLT_FILES.split(',') : null;
const files = readdirSync(dir).filter((f) => f.endsWith('.slt') && (!only || only.includes(f))).sort();
const complete = process.env.SLT_COMPLETE === '1';

function executor(spark: SparkSession): SqlExecutor {
  return {
    async run(sql) {
      const df = spark.sql(sql);
      const rows = await df.collect();
      return { columns: df.columns, types: df.schema.fields.map((f) => simpleString(f.dataType)), rows: rows.map((r) => r.toArray()) };
    },
  };
}

const counts = new Map<string, number>();

for (const file of files) {
  const text = readFileSync(join(dir, file), 'utf8');
  const records = parseSlt(text, file);
  counts.set(file, records.length);
  describe(file, () => {
    let spark: SparkSession;
    const outcomes: RecordOutcome[] = [];
    beforeAll(() => {
      spark = SparkSession.builder().master('local[2]').appName(`slt ${file}`).create();
      spark.conf.set('spark.sql.session.timeZone', 'UTC');
      spark.conf.set('spark.sql.shuffle.partitions', '3');
    });
    afterAll(async () => {
      await spark.stop();
      if (complete) writeFileSync(join(dir, file), completeFile(text, outcomes));
    });
    for (const r of records) {
      it(`line ${r.line}: ${r.sql.split('\n')[0]!.slice(0, 70)}`, async () => {
        const o = await runRecord(executor(spark), r);
        outcomes.push(o);
        if (!complete) expect(o.failure?.message ?? null, `${file}:${r.line}\n${r.sql}`).toBeNull();
      });
    }
  });
}

describe('slt corpus', () => {
  it('holds at least 200 records', () => {
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
  });
});

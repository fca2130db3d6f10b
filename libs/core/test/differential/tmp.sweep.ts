import { DuckDBInstance } from '@duckdb/node-api';
import { it } from 'vitest';
import { SparkSession } from '../../src/index.js';
import { generateCase, type Shape } from './gen-query.js';
import { runCase, formatFailure, type Failure } from './runner.js';
it('sweep', async () => {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await inst.connect();
  const mk = (extra: Record<string, string | number>) => { let b = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3); for (const [k, v] of Object.entries(extra)) b = b.config(k, v); return b.create(); };
  const sessions = [
    { name: 'main', spark: mk({}) },
    { name: 'nobcast', spark: mk({ 'spark.sql.autoBroadcastJoinThreshold': -1 }) },
    { name: 'batch64', spark: mk({ 'spark.sql.execution.arrow.maxRecordsPerBatch': 64, 'spark.sql.autoBroadcastJoinThreshold': -1 }) },
  ];
  const from = Number(process.env['FROM'] ?? 0), to = Number(process.env['TO'] ?? 300);
  const shapes = (process.env['SHAPES'] ?? 'filter,project,aggregate,join,sort').split(',') as Shape[];
  const all: Failure[] = [];
  const t0 = Date.now();
  for (const shape of shapes) for (let s = from; s < to; s++) all.push(...(await runCase(generateCase(shape, s), con, sessions)));
  console.log(`time ${Date.now() - t0} ms, failures ${all.length}`);
  const fs = await import('node:fs');
  fs.writeFileSync(process.env['OUT'] ?? '/tmp/dd/sweep.txt', all.map(formatFailure).join('\n\n'));
});

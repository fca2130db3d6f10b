import { DuckDBInstance } from '@duckdb/node-api';
import { it } from 'vitest';
import { SparkSession } from '../../src/index.js';
import { generateCase, type Shape } from './gen-query.js';
import { runCase, type CaseStats } from './runner.js';
it('stats', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
  for (const [shape, n] of [['filter', 70], ['project', 70], ['aggregate', 80], ['join', 80], ['sort', 50]] as const) {
    const rows: number[] = []; let summ = 0; const ops: Record<string, number> = {};
    for (let s = 0; s < n; s++) {
      const c = generateCase(shape as Shape, s);
      const st: CaseStats = { rows: -1, summarised: false };
      const f = await runCase(c, con, [{ name: 'x', spark }], st);
      if (f.length) console.log('FAIL', f[0]!.message);
      rows.push(st.rows); if (st.summarised) summ++;
      const src = c.pipeline.source; if (src.k === 'join') { const key = `${src.how}/${src.style}${src.extra ? '+extra' : ''}`; ops[key] = (ops[key] ?? 0) + 1; }
    }
    rows.sort((a, b) => a - b);
    console.log(shape, 'zero:', rows.filter((r) => r === 0).length, 'one:', rows.filter((r) => r === 1).length, 'median:', rows[rows.length >> 1], 'max:', rows[rows.length - 1], 'summarised:', summ, JSON.stringify(ops));
  }
}, 300000);

import { DuckDBInstance } from '@duckdb/node-api';
import { it } from 'vitest';
import { generateCase, type Shape } from './gen-query.js';
import { renderSql } from './render-sql.js';
import { colDefs, loadDuck } from './tables.js';
it('nan coverage', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  for (const shape of ['filter', 'project', 'aggregate', 'join', 'sort'] as Shape[]) {
    let withNaN = 0, negZero = 0, total = 0;
    for (let s = 0; s < 150; s++) {
      const c = generateCase(shape, s);
      const defs: any = {}, names: any = {};
      for (const t of c.tables) { defs[t.name] = colDefs(t); names[t.name] = `x_${t.name}`; await loadDuck(con, names[t.name], t); }
      const rows = (await con.runAndReadAll(renderSql(c.pipeline, defs, names))).getRows();
      total++;
      if (rows.some((r) => r.some((v) => typeof v === 'number' && Number.isNaN(v)))) withNaN++;
      if (rows.some((r) => r.some((v) => Object.is(v, -0)))) negZero++;
    }
    console.log(shape, total, 'withNaN', withNaN, 'with -0', negZero);
  }
}, 300000);

import fs from 'node:fs';
import * as arrow from 'apache-arrow';
const b = fs.readFileSync(process.argv[2]);
const step = (s) => process.stdout.write(s + ' ');
step('a'); const t = arrow.tableFromIPC(b); step('b');
step(String(t.numRows)); step(String(t.numCols));
step(String(t.schema));
for (const c of t.batches[0].data.children) step(`[${c.length},${c.nullCount}]`);
console.log('done');

import fs from 'node:fs';
import * as arrow from 'apache-arrow';
const b = fs.readFileSync(process.argv[2]);
const reader = arrow.RecordBatchReader.from(b);
const batches = [...reader];
console.log('batches', batches.length, batches.map(x => x.numRows));
for (const batch of batches) for (const c of batch.data.children) console.log(' child', c.type.toString(), c.length, c.nullCount, c.nullBitmap?.length, Array.from(c.valueOffsets ?? []), Array.from(c.values ?? []));
const t = new arrow.Table(batches);
console.log('table', t.numRows);

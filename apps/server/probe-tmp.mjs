import fs from 'node:fs';
import * as arrow from 'apache-arrow';
import { FrameDecoder, verifyEnvelope, readEnvelope, fb } from '@kindling/protocol';
const frames = new FrameDecoder().push(fs.readFileSync('/tmp/fuzz-frames-0-authed.bin'));
let k = 0;
for (let i = 0; i < 1500; i++) {
  const f = frames[i];
  if (verifyEnvelope(f) !== null) continue;
  const env = readEnvelope(f);
  if (env.bodyType() !== fb.Body.Transform) continue;
  const t = env.body(new fb.Transform());
  if (t.opType() !== fb.RelationOp.LocalData) continue;
  const ld = t.op(new fb.LocalData());
  const bytes = ld.arrowIpcArray();
  if (!bytes) continue;
  fs.writeFileSync(`/tmp/ld-${i}.bin`, bytes);
  k++;
}
console.log('localdata frames', k);

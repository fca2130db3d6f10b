import fs from 'node:fs';
import { it } from 'vitest';
import { FrameDecoder, encodeFrame } from '@kindling/protocol';
import { Client, startEngine } from './client.js';
import { corpus } from './fuzz-corpus.js';
it('replay', async () => {
  const engine = await startEngine({ KINDLING_MASTER: 'local[2]', KINDLING_TRACE: '1' });
  const c = await Client.connect(engine);
  for (const f of corpus()) c.conn.sendRaw(encodeFrame(f));
  await new Promise((r) => setTimeout(r, 1500));
  const frames = new FrameDecoder().push(fs.readFileSync('/tmp/fuzz-frames-0-authed.bin'));
  const before = c.conn.unsolicited.length;
  let i = 0;
  for (const f of frames) {
    const n0 = c.conn.unsolicited.length;
    c.conn.sendRaw(encodeFrame(f));
    // ping with a Config GetAll and wait for it
    const t = Date.now();
    while (Date.now() - t < 20) await new Promise((r) => setTimeout(r, 1));
    i++;
    if (i % 100 === 0) {
      const r = await Promise.race([c.config(3 as never).then(() => 'ok'), new Promise((r) => setTimeout(() => r('timeout'), 3000))]);
      if (r === 'timeout') { console.log('STALL after frame', i, 'last 100 range'); fs.writeFileSync('/tmp/stall.log', engine.stderr()); break; }
    }
  }
  console.log('done', i, c.conn.unsolicited.length - before);
  engine.proc.kill('SIGKILL');
}, 300000);

// Cancel: a long action is aborted by a Cancel on the same connection and answers Error kind Cancelled quickly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb } from '@kindling/protocol';
import { Client, type Engine, errorOf, startEngine } from './client.js';

let engine: Engine;

beforeAll(async () => {
  engine = await startEngine({ KINDLING_MASTER: 'local[2]' });
});

afterAll(async () => {
  await engine.stop();
});

describe('cancel', () => {
  it('cancels a long cross-join count within 1 s; the engine keeps serving', async () => {
    const c = await Client.connect(engine);
    const a = await c.range(0n, 200_000n);
    const b = await c.range(0n, 200_000n);
    const j = await c.join(a.id, b.id, 'cross');
    const { id, response } = c.raw(fb.Body.ExecuteRequest, (bb) => c.executeBody(bb, j.id, fb.Action.Count));
    let settled = false;
    void response.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    const t0 = performance.now();
    await c.cancel(id);
    const env = await response;
    const elapsed = performance.now() - t0;
    expect(env.bodyType()).toBe(fb.Body.Error);
    const e = errorOf(env);
    expect(e.kind).toBe(fb.ErrorKind.Cancelled);
    expect(e.errorClass).toBe('JOB_CANCELLED');
    expect(elapsed).toBeLessThan(1000);
    console.log(`cancel → Error(Cancelled) in ${elapsed.toFixed(1)} ms`);
    // The job really stopped: the same session runs the next job at once; other sessions are unaffected.
    const t1 = performance.now();
    expect(await c.count((await c.range(0n, 10n)).id)).toBe(10n);
    expect(performance.now() - t1).toBeLessThan(5000);
    const other = await Client.connect(engine);
    expect(await other.count((await other.range(0n, 1000n)).id)).toBe(1000n);
    await other.close();
    await c.close();
  });

  it('Cancel of an unknown or finished request is acknowledged', async () => {
    const c = await Client.connect(engine);
    await c.cancel(123456n);
    const r = await c.range(0n, 5n);
    const { id, response } = c.raw(fb.Body.ExecuteRequest, (bb) => c.executeBody(bb, r.id, fb.Action.Count));
    expect((await response).bodyType()).toBe(fb.Body.ExecuteResponse);
    await c.cancel(id);
    expect(await c.count(r.id)).toBe(5n);
    await c.close();
  });

  it('closing the connection mid-action frees the session without disturbing others', async () => {
    const c = await Client.connect(engine);
    const a = await c.range(0n, 200_000n);
    const j = await c.join(a.id, a.id, 'cross');
    void c.raw(fb.Body.ExecuteRequest, (bb) => c.executeBody(bb, j.id, fb.Action.Count)).response.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    await c.close();
    const other = await Client.connect(engine);
    expect(await other.count((await other.range(0n, 10n)).id)).toBe(10n);
    await other.close();
  });
});

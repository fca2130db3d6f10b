// Several clients at once, concurrent requests on one connection, and isolation of one client's faults.
import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb, encodeFrame } from '@kindling/protocol';
import { Client, type Engine, call, col, errorOf, lit, startEngine } from './client.js';

let engine: Engine;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('concurrency and isolation', () => {
  it('serves two clients at once, each with its own handles', async () => {
    const [a, b] = await Promise.all([Client.connect(engine, 'a'), Client.connect(engine, 'b')]);
    const [ra, rb] = await Promise.all([a.range(0n, 100n), b.range(0n, 50n)]);
    // Handle ids are per session: both start at 1 and mean different DataFrames.
    expect(ra.id).toBe(1n);
    expect(rb.id).toBe(1n);
    const [ca, cb] = await Promise.all([a.count(ra.id), b.count(rb.id)]);
    expect([ca, cb]).toEqual([100n, 50n]);
    await Promise.all([a.close(), b.close()]);
  });

  it('one client\'s malformed frames, errors and disconnect do not disturb another session', async () => {
    const good = await Client.connect(engine, 'good');
    const bad = await Client.connect(engine, 'bad');
    const df = await good.filter((await good.range(0n, 1000n)).id, call('<', col('id'), lit(500n)));
    const running = good.count(df.id);
    bad.conn.sendRaw(encodeFrame(new Uint8Array(100).fill(0x41)));
    const protocolError = await bad.conn.nextUnsolicited();
    expect(errorOf(protocolError!).kind).toBe(fb.ErrorKind.Protocol);
    await expect(bad.project(999n, [col('x')])).rejects.toThrow(/DATAFRAME_HANDLE_NOT_FOUND/);
    const zero = Buffer.alloc(4);
    bad.conn.sendRaw(zero);
    await bad.conn.closedPromise;
    expect(await running).toBe(500n);
    const t = arrow.tableFromIPC((await good.execute(df.id, fb.Action.Take, { n: 3n })).dataArray()!);
    expect(t.numRows).toBe(3);
    await good.close();
  });

  it('runs requests of one connection concurrently and matches responses by request id', async () => {
    const c = await Client.connect(engine);
    const r = await c.range(0n, 10_000n);
    const reqs = Array.from({ length: 20 }, (_, i) => c.filter(r.id, call('<', col('id'), lit(BigInt(i * 100)))));
    const handles = await Promise.all(reqs);
    const counts = await Promise.all(handles.map((h) => c.count(h.id)));
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i * 100)));
    // A request id still in progress cannot be reused.
    const slow = await c.join(r.id, r.id, 'cross');
    const first = c.raw(fb.Body.ExecuteRequest, (b) => c.executeBody(b, slow.id, fb.Action.Count), 9000n);
    const dup = c.raw(fb.Body.ExecuteRequest, (b) => c.executeBody(b, r.id, fb.Action.Count), 9000n);
    // Both wait on id 9000: the first answer is the duplicate's Protocol error.
    const env = await dup.response;
    expect(errorOf(env).errorClass).toBe('DUPLICATE_REQUEST_ID');
    void first.response.catch(() => undefined);
    await c.close();
  });
});

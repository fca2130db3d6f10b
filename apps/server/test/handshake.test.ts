// The real engine process: ready line, handshake, and what happens to peers that do not authenticate.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb, encodeFrame, handshakeEnvelope, proofFor, ackEnvelope } from '@kindling/protocol';
import { Client, Conn, type Engine, UNBUNDLED_SERVER_JS, errorOf, startEngine } from './client.js';

let engine: Engine;

beforeAll(async () => {
  engine = await startEngine({ KINDLING_HANDSHAKE_TIMEOUT_MS: '300' });
});

afterAll(async () => {
  await engine.stop();
});

async function helloNonce(conn: Conn): Promise<Uint8Array> {
  const hello = await conn.nextUnsolicited();
  expect(hello?.bodyType()).toBe(fb.Body.Hello);
  const h = hello!.body(new fb.Hello()) as fb.Hello;
  expect(h.protocolVersion()).toBe(1);
  expect(h.nonceLength()).toBe(32);
  return h.nonceArray()!;
}

describe('engine process', () => {
  it('prints one ready line with the socket in a private directory and its start-up time', () => {
    const r = engine.ready;
    expect(r.ready).toBe(true);
    expect(r.pid).toBe(engine.proc.pid);
    expect(r.host).toBeNull();
    expect(r.port).toBeNull();
    expect(r.socket).toMatch(/kindling-[^/]+\/engine\.sock$/);
    const dir = r.socket!.slice(0, -'/engine.sock'.length);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(r.startupMs).toBeGreaterThan(0);
    console.log(`engine start → ready: startupMs=${r.startupMs} (process.uptime: ${r.uptimeMs} ms)`);
  });

  it('completes the handshake and serves requests', async () => {
    const c = await Client.connect(engine);
    expect(c.sessionId).toBeGreaterThan(0n);
    const df = await c.range(0n, 10n);
    expect(df.id).toBe(1n);
    expect(await c.count(df.id)).toBe(10n);
    await c.close();
  });

  it('runs the same from the bundle and from tsc\'s unbundled output: version, executor threads', async () => {
    const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const unbundled = await startEngine({}, UNBUNDLED_SERVER_JS);
    try {
      for (const e of [engine, unbundled]) {
        const c = await Client.connect(e);
        expect(c.engineVersion).toBe(version);
        // A count runs tasks on the executor threads, whose script the bundle keeps beside main.js.
        const df = await c.range(0n, 100_000n, 1n, 4);
        expect(await c.count(df.id)).toBe(100_000n);
        await c.close();
      }
    } finally {
      await unbundled.stop();
    }
  });

  it('gives each connection its own session id', async () => {
    const a = await Client.connect(engine);
    const b = await Client.connect(engine);
    expect(a.sessionId).not.toBe(b.sessionId);
    await Promise.all([a.close(), b.close()]);
  });

  it('answers a wrong proof with AUTHENTICATION_FAILED and closes', async () => {
    const conn = await Conn.open(engine.ready);
    const nonce = await helloNonce(conn);
    const wrong = proofFor(Buffer.alloc(32, 7), nonce);
    const res = await conn.send(1n, handshakeEnvelope(1n, wrong, 'bad'));
    expect(res.bodyType()).toBe(fb.Body.Error);
    const e = errorOf(res);
    expect(e.kind).toBe(fb.ErrorKind.Protocol);
    expect(e.errorClass).toBe('AUTHENTICATION_FAILED');
    await conn.closedPromise;
    expect(conn.closed).toBe(true);
  });

  it('answers a proof of the wrong length with AUTHENTICATION_FAILED and closes', async () => {
    const conn = await Conn.open(engine.ready);
    await helloNonce(conn);
    const res = await conn.send(1n, handshakeEnvelope(1n, new Uint8Array(5), 'short'));
    expect(errorOf(res).errorClass).toBe('AUTHENTICATION_FAILED');
    await conn.closedPromise;
  });

  it('closes a connection whose first frame is a request, not a Handshake', async () => {
    const conn = await Conn.open(engine.ready);
    await helloNonce(conn);
    const res = await conn.send(1n, ackEnvelope(1n)).catch(() => null);
    if (res) expect(errorOf(res).errorClass).toBe('HANDSHAKE_REQUIRED');
    await conn.closedPromise;
    expect(conn.closed).toBe(true);
  });

  it('closes a connection that sends garbage before the handshake', async () => {
    const conn = await Conn.open(engine.ready);
    await helloNonce(conn);
    conn.sendRaw(encodeFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    await conn.closedPromise;
    const err = conn.unsolicited.find((e) => e.bodyType() === fb.Body.Error);
    expect(err && errorOf(err).errorClass).toBe('HANDSHAKE_REQUIRED');
  });

  it('closes a connection that does not complete the handshake before the deadline', async () => {
    // Timed from before connecting: the engine's deadline starts when it accepts, which is after this.
    const t0 = Date.now();
    const conn = await Conn.open(engine.ready);
    await helloNonce(conn);
    await conn.closedPromise;
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3000);
    const err = conn.unsolicited.find((e) => e.bodyType() === fb.Body.Error);
    expect(err && errorOf(err).errorClass).toBe('HANDSHAKE_TIMEOUT');
  });

  it('refuses a frame header over the pre-handshake limit with PROTOCOL_FRAME_TOO_LARGE and closes', async () => {
    const conn = await Conn.open(engine.ready);
    await helloNonce(conn);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(10 * 1024 * 1024);
    conn.sendRaw(header);
    await conn.closedPromise;
    const err = conn.unsolicited.find((e) => e.bodyType() === fb.Body.Error);
    expect(err && errorOf(err).errorClass).toBe('PROTOCOL_FRAME_TOO_LARGE');
  });

  it('closes after a frame header announcing 0 bytes', async () => {
    const c = await Client.connect(engine);
    c.conn.sendRaw(Buffer.alloc(4));
    await c.conn.closedPromise;
    const err = c.conn.unsolicited.find((e) => e.bodyType() === fb.Body.Error);
    expect(err && errorOf(err).errorClass).toBe('PROTOCOL_EMPTY_FRAME');
  });

  it('answers a malformed frame after the handshake with a Protocol error and keeps serving', async () => {
    const c = await Client.connect(engine);
    c.conn.sendRaw(encodeFrame(new Uint8Array(64).fill(0xff)));
    const err = await c.conn.nextUnsolicited();
    expect(err?.bodyType()).toBe(fb.Body.Error);
    expect(errorOf(err!).kind).toBe(fb.ErrorKind.Protocol);
    expect(errorOf(err!).errorClass).toBe('PROTOCOL_MALFORMED_FRAME');
    const df = await c.range(0n, 3n);
    expect(await c.count(df.id)).toBe(3n);
    await c.close();
  });

  it('answers a response-type body from the client with UNEXPECTED_MESSAGE', async () => {
    const c = await Client.connect(engine);
    const res = await c.conn.send(50n, ackEnvelope(50n));
    expect(errorOf(res).errorClass).toBe('UNEXPECTED_MESSAGE');
    expect(errorOf(res).kind).toBe(fb.ErrorKind.Protocol);
    // A second Handshake is out of order too.
    const again = await c.conn.send(51n, handshakeEnvelope(51n, new Uint8Array(32), 'again'));
    expect(errorOf(again).errorClass).toBe('UNEXPECTED_MESSAGE');
    expect(await c.count((await c.range(0n, 2n)).id)).toBe(2n);
    await c.close();
  });
});

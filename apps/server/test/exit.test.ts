// When the engine process ends: stdin EOF, an owner's Stop, signals; it removes its socket dir and segments.
// Also: the TCP transport, and refusing to start without a usable secret.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fb } from '@kindling/protocol';
import { Client, SERVER_JS, startEngine } from './client.js';

const dirOf = (socket: string) => path.dirname(socket);

describe('engine exit', () => {
  it('exits when stdin reaches EOF and removes its socket directory and segments', async () => {
    const engine = await startEngine();
    const dir = dirOf(engine.ready.socket!);
    const c = await Client.connect(engine);
    await c.config(fb.ConfigOp.Set, 'spark.kindling.shm.threshold', '0');
    const seg = (await c.execute((await c.range(0n, 100n)).id, fb.Action.Collect)).shm()!.name()!;
    expect(fs.existsSync(seg)).toBe(true);
    expect(fs.existsSync(dir)).toBe(true);
    const code = await engine.stop();
    expect(code).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(seg)).toBe(false);
    expect(engine.stderr()).toContain('stdin closed');
  });

  it('exits after acknowledging Stop when started by this client (KINDLING_OWNER=1)', async () => {
    const engine = await startEngine({ KINDLING_OWNER: '1' });
    const dir = dirOf(engine.ready.socket!);
    const c = await Client.connect(engine);
    expect(await c.count((await c.range(0n, 5n)).id)).toBe(5n);
    await c.stop();
    expect(await engine.exited).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('without KINDLING_OWNER, Stop ends only that session', async () => {
    const engine = await startEngine();
    const c = await Client.connect(engine);
    await c.stop();
    await c.conn.closedPromise;
    const d = await Client.connect(engine);
    expect(await d.count((await d.range(0n, 3n)).id)).toBe(3n);
    await d.close();
    expect(engine.proc.exitCode).toBeNull();
    await engine.stop();
  });

  it('exits on SIGTERM and SIGINT, cleaning up', async () => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const engine = await startEngine();
      const dir = dirOf(engine.ready.socket!);
      const c = await Client.connect(engine);
      await c.range(0n, 3n);
      engine.proc.kill(sig);
      expect(await engine.exited).toBe(0);
      expect(fs.existsSync(dir)).toBe(false);
    }
  });

  it('a later engine removes the socket directory of an engine that was SIGKILLed', async () => {
    const victim = await startEngine();
    const dir = dirOf(victim.ready.socket!);
    expect(fs.readFileSync(path.join(dir, 'engine.pid'), 'utf8')).toBe(String(victim.ready.pid));
    victim.proc.kill('SIGKILL');
    await victim.exited;
    expect(fs.existsSync(dir)).toBe(true);
    const next = await startEngine();
    try {
      // Gone once a later engine has started. Which engine swept it is not asserted: engines started by other
      // suites running at the same time sweep too.
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      await next.stop();
    }
  });

  it('serves over TCP on 127.0.0.1 with KINDLING_TRANSPORT=tcp', async () => {
    const engine = await startEngine({ KINDLING_TRANSPORT: 'tcp' });
    expect(engine.ready.socket).toBeNull();
    expect(engine.ready.host).toBe('127.0.0.1');
    expect(engine.ready.port).toBeGreaterThan(0);
    const c = await Client.connect(engine);
    expect(await c.count((await c.range(0n, 4n)).id)).toBe(4n);
    await c.close();
    expect(await engine.stop()).toBe(0);
  });

  it('refuses to start without a hex secret', async () => {
    const proc = spawn(process.execPath, [SERVER_JS], { env: { ...process.env, KINDLING_SECRET: 'not-hex' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => proc.on('exit', r));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('KINDLING_SECRET');
  });
});

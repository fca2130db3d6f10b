// Shared-memory segments: cross-process round trip, unlink, permissions, close/GC semantics, crash sweep.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import {
  binaryPath,
  segmentName,
  SegmentHandle,
  shmCreate,
  shmList,
  shmOpen,
  shmSweep,
  shmUnlink,
  writeArrowStream,
} from '../index.js';

const indexUrl = new URL('../index.js', import.meta.url).href;
const created: string[] = [];

function uniqueName(tag: string): string {
  const name = segmentName('test', tag, randomBytes(6).toString('hex'));
  created.push(name);
  return name;
}

afterEach(() => {
  for (const name of created.splice(0)) {
    try {
      shmUnlink(name);
    } catch {
      // already gone
    }
  }
});

/** Runs an ESM snippet in a fresh node process with the package as `m`; returns its stdout. */
function runChild(body: string, flags: string[] = []): string {
  const code = `import * as m from ${JSON.stringify(indexUrl)};\n${body}`;
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout.trim();
}

function devShmPath(name: string): string {
  return `/dev/shm${name}`;
}

describe('shm segments', () => {
  it('round-trips bytes to a second process, and is gone after unlink', () => {
    const name = uniqueName('xproc');
    const payload = randomBytes(1 << 20);
    const seg = shmCreate(name, payload.length);
    expect(seg).toMatchObject({ name, size: payload.length, writable: true, closed: false });
    seg.buffer.set(payload);
    expect(statSync(devShmPath(name)).mode & 0o777).toBe(0o600);
    expect(shmList('/kindling-')).toContain(name);

    const childSum = runChild(`
      import { createHash } from 'node:crypto';
      const s = m.shmOpen(${JSON.stringify(name)});
      process.stdout.write(JSON.stringify({ size: s.size, writable: s.writable,
        sha: createHash('sha256').update(s.buffer).digest('hex') }));
      s.close();`);
    expect(JSON.parse(childSum)).toEqual({
      size: payload.length,
      writable: false,
      sha: createHash('sha256').update(payload).digest('hex'),
    });

    // And the other way: the child writes, this process reads.
    const back = uniqueName('back');
    runChild(`const s = m.shmCreate(${JSON.stringify(back)}, 5); s.buffer.write('hello'); s.close();`);
    const r = shmOpen(back);
    expect(r.buffer.toString()).toBe('hello');
    r.close();

    seg.close();
    shmUnlink(name);
    shmUnlink(back);
    expect(existsSync(devShmPath(name))).toBe(false);
    expect(shmList(name)).toEqual([]);
    expect(() => shmOpen(name)).toThrow(expect.objectContaining({ code: 'ENOENT', syscall: 'shm_open' }));
    expect(() => shmUnlink(name)).toThrow(expect.objectContaining({ code: 'ENOENT', syscall: 'shm_unlink' }));
  });

  it('carries an Arrow IPC stream written with writeArrowStream', () => {
    const name = uniqueName('arrow');
    const table = arrow.tableFromArrays({
      id: BigInt64Array.from([1n, 2n, 3n]),
      x: Float64Array.from([0.5, NaN, -1]),
      s: ['a', 'bb', 'ccc'],
    });
    const bytes = arrow.tableToIPC(table, 'stream');
    expect(writeArrowStream(name, bytes)).toEqual({ name, size: bytes.byteLength });
    const seg = shmOpen(name);
    const back = arrow.tableFromIPC(seg.buffer);
    expect(back.toArray().map((r) => r.toJSON())).toEqual(table.toArray().map((r) => r.toJSON()));
    seg.close();
    shmUnlink(name);
  });

  it('refuses to create a segment twice (O_EXCL) and an empty one', () => {
    const name = uniqueName('excl');
    shmCreate(name, 16).close();
    expect(() => shmCreate(name, 16)).toThrow(expect.objectContaining({ code: 'EEXIST', errno: -17 }));
    expect(() => shmCreate(uniqueName('zero'), 0)).toThrow(new RangeError('shmCreate: size must be at least 1 byte'));
    expect(() => shmCreate(uniqueName('neg'), -1)).toThrow(RangeError);
    expect(() => shmCreate(uniqueName('type'), '1' as never)).toThrow(TypeError);
  });

  it('validates names', () => {
    const bad = ['kindling-x', '/kindling-', '/other-x', '/kindling-a/b', '/kindling-a\0b', `/kindling-${'x'.repeat(241)}`];
    for (const name of bad) {
      expect(() => shmCreate(name, 1), JSON.stringify(name)).toThrow(TypeError);
      expect(() => shmOpen(name), JSON.stringify(name)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
      expect(() => shmUnlink(name)).toThrow(TypeError);
    }
    expect(() => shmCreate(1 as never, 1)).toThrow(new TypeError("shmCreate: argument 'name' must be a string, got number"));
    expect(() => shmList('/tmp')).toThrow(TypeError);
    expect(shmList('/kindling-')).toEqual(expect.any(Array));
    const ok = `/kindling-${'x'.repeat(240)}`;
    expect(ok.length).toBe(250);
    created.push(ok);
    shmCreate(ok, 1).close();
  });

  it('makes the buffer unusable after close, and close is idempotent', () => {
    const name = uniqueName('close');
    const seg = shmCreate(name, 64);
    const buf = seg.buffer;
    expect(seg.buffer).toBe(buf);
    const view = new Float64Array(buf.buffer, buf.byteOffset, 8);
    view[0] = 1.5;
    seg.close();
    seg.close();
    expect(seg.closed).toBe(true);
    expect(buf.length).toBe(0);
    expect(buf.buffer.byteLength).toBe(0);
    expect(view.length).toBe(0);
    expect(view[0]).toBeUndefined();
    expect(() => seg.buffer).toThrow(/is closed/);
    // The data is still in the segment for readers.
    const r = shmOpen(name);
    expect(new Float64Array(r.buffer.buffer, r.buffer.byteOffset, 8)[0]).toBe(1.5);
    r.close();
  });

  it('maps shmOpen copy-on-write: writes neither crash nor reach the segment', () => {
    const name = uniqueName('cow');
    const w = shmCreate(name, 8);
    w.buffer.write('original');
    const r = shmOpen(name);
    r.buffer.write('scribble');
    expect(r.buffer.toString()).toBe('scribble');
    expect(w.buffer.toString()).toBe('original');
    expect(shmOpen(name).buffer.toString()).toBe('original');
    w.close();
    r.close();
  });

  it('rejects foreign handles with a TypeError instead of touching memory', () => {
    const raw = createRequire(import.meta.url)(binaryPath) as Record<string, (...a: unknown[]) => unknown>;
    for (const bad of [{}, null, undefined, 42, 'x', new Uint8Array(8), () => 0]) {
      expect(() => raw.segmentBuffer(bad)).toThrow(TypeError);
      expect(() => raw.segmentClose(bad)).toThrow(/argument 'handle' must be a kindling segment handle/);
    }
    expect(() => new (SegmentHandle as unknown as new (...a: unknown[]) => unknown)(null, '/kindling-x', {})).toThrow(
      TypeError,
    );
  });

  it('unmaps when the buffer and handle are garbage-collected', () => {
    const out = runChild(`
      import { readFileSync } from 'node:fs';
      const maps = () => readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((l) => l.includes('/dev/shm/kindling-')).length;
      const names = [];
      (() => {
        for (let i = 0; i < 20; i++) {
          const name = m.segmentName('gc', i, ${JSON.stringify(randomBytes(4).toString('hex'))});
          names.push(name);
          m.shmCreate(name, 1 << 16).buffer[0] = i;
          m.shmOpen(name).buffer;
        }
      })();
      const before = maps();
      for (let i = 0; i < 10 && maps() > 0; i++) {
        globalThis.gc();
        await new Promise((r) => setImmediate(r));
      }
      for (const n of names) m.shmUnlink(n);
      process.stdout.write(JSON.stringify({ before, after: maps() }));`,
      ['--expose-gc'],
    );
    expect(JSON.parse(out)).toEqual({ before: 40, after: 0 });
  });

  it('leaves a segment behind when the writer is SIGKILLed, which shmList finds and shmSweep removes', async () => {
    const code = `import * as m from ${JSON.stringify(indexUrl)};
      const name = m.segmentName('crash', 'w');
      m.shmCreate(name, 4096).buffer.write('half-written');
      process.stdout.write(name + '\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const name = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (c) => reject(new Error(`child exited early: ${c}`)));
    });
    created.push(name);
    expect(name).toBe(`/kindling-${child.pid}-crash-w`);
    const exited = new Promise((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const prefix = `/kindling-${child.pid}-`;
    expect(shmList(prefix)).toEqual([name]);
    // A sweep spares segments of live processes, including this one.
    const mine = uniqueName('alive');
    shmCreate(mine, 1).close();
    expect(shmSweep(prefix)).toEqual([name]);
    expect(shmList(prefix)).toEqual([]);
    expect(existsSync(devShmPath(name))).toBe(false);
    expect(shmSweep('/kindling-')).not.toContain(mine);
    expect(existsSync(devShmPath(mine))).toBe(true);
  });

  it('loads in worker threads (context-aware addon)', () => {
    const out = runChild(`
      import { Worker } from 'node:worker_threads';
      const w = new Worker(\`
        Promise.all([import('node:worker_threads'), import('${indexUrl}')]).then(([{ parentPort }, m]) => {
          parentPort.postMessage(String(m.sumInt64(BigInt64Array.from([1n, 2n, 3n]), null, 0, 3).sum));
        });\`, { eval: true });
      w.on('message', (v) => { process.stdout.write(v); w.terminate(); });`);
    expect(out).toBe('6');
  });
});

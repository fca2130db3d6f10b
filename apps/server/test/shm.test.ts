// Large results through /dev/shm segments: written 0600, readable as Arrow streams, removed when the client
// unlinks them or when the session ends; client segments as LocalData; stale segments of dead engines swept.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb } from '@kindling/protocol';
import { SegmentSet } from '../src/shm.js';
import { Client, type Engine, ServerError, startEngine } from './client.js';

const SHM = fs.existsSync('/dev/shm') ? '/dev/shm' : null;
const PYTHON = path.resolve(import.meta.dirname, '../../../.venv/bin/python');

let engine: Engine;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

describe.skipIf(!SHM)('shared-memory results', () => {
  it('puts a result over the threshold in a 0600 segment that holds the Arrow stream', async () => {
    const c = await Client.connect(engine);
    await c.config(fb.ConfigOp.Set, 'spark.kindling.shm.threshold', '4096');
    const r = await c.range(0n, 100_000n);
    const res = await c.execute(r.id, fb.Action.Collect);
    expect(res.dataLength()).toBe(0);
    const shm = res.shm()!;
    expect(shm).not.toBeNull();
    const name = shm.name()!;
    expect(path.basename(name)).toMatch(new RegExp(`^kindling-${engine.ready.pid}-${c.sessionId}-\\d+$`));
    const st = fs.statSync(name);
    expect(st.mode & 0o777).toBe(0o600);
    expect(BigInt(st.size)).toBe(shm.size());
    const t = arrow.tableFromIPC(fs.readFileSync(name));
    expect(t.numRows).toBe(100_000);
    expect(res.numRows()).toBe(100_000n);
    let sum = 0n;
    for (const v of t.getChild('id')!) sum += v as bigint;
    expect(sum).toBe((99_999n * 100_000n) / 2n);
    fs.unlinkSync(name);
    expect(fs.existsSync(name)).toBe(false);
    // A small result stays inline.
    const small = await c.execute((await c.range(0n, 10n)).id, fb.Action.Collect);
    expect(small.shm()).toBeNull();
    expect(arrow.tableFromIPC(small.dataArray()!).numRows).toBe(10);
    await c.close();
  });

  it.skipIf(!fs.existsSync(PYTHON))('pyarrow maps the segment and reads the stream, then unlinks it', async () => {
    const c = await Client.connect(engine);
    await c.config(fb.ConfigOp.Set, 'spark.kindling.shm.threshold', '0');
    const res = await c.execute((await c.range(0n, 5000n)).id, fb.Action.Collect);
    const name = res.shm()!.name()!;
    const py = [
      'import os, sys, pyarrow as pa, pyarrow.ipc as ipc',
      'src = pa.memory_map(sys.argv[1]); os.unlink(sys.argv[1])',
      't = ipc.open_stream(src).read_all()',
      'print(t.num_rows, sum(t.column("id").to_pylist()))',
    ].join('\n');
    const out = execFileSync(PYTHON, ['-c', py, name]).toString().trim();
    expect(out).toBe(`5000 ${(4999 * 5000) / 2}`);
    expect(fs.existsSync(name)).toBe(false);
    await c.close();
  });

  it('removes segments the client never unlinked when the session ends', async () => {
    const c = await Client.connect(engine);
    await c.config(fb.ConfigOp.Set, 'spark.kindling.shm.threshold', '0');
    const r = await c.range(0n, 1000n);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push((await c.execute(r.id, fb.Action.Collect)).shm()!.name()!);
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(fs.existsSync(n)).toBe(true);
    await c.close();
    expect(await waitFor(() => names.every((n) => !fs.existsSync(n)))).toBe(true);
  });

  it('reads LocalData from a client segment and unlinks it; refuses paths outside the shm directory', async () => {
    const c = await Client.connect(engine);
    const table = new arrow.Table({ x: arrow.vectorFromArray([1, 2, 3], new arrow.Int32()) });
    const bytes = arrow.tableToIPC(table, 'stream');
    const name = path.join(SHM!, `kindling-${process.pid}-client-${Date.now()}`);
    fs.writeFileSync(name, bytes, { mode: 0o600 });
    const h = await c.localData(null, { name, size: BigInt(bytes.length) });
    expect(await c.count(h.id)).toBe(3n);
    expect(fs.existsSync(name)).toBe(false);
    for (const bad of ['/etc/passwd', path.join(SHM!, '..', 'etc', 'kindling-x'), path.join(SHM!, 'not-kindling')]) {
      const e = await c.localData(null, { name: bad, size: 0n }).then(() => null, (x: unknown) => x as ServerError);
      expect(e?.errorClass).toBe('INVALID_SHM_SEGMENT');
    }
    await c.close();
  });

  it('sweeps segments of dead engines and dead clients at start, keeping live ones', async () => {
    const dead = path.join(SHM!, `kindling-${deadPid()}-1-0`);
    const deadClient = path.join(SHM!, `kindling-client-${deadPid()}-3`);
    const live = path.join(SHM!, `kindling-${process.pid}-77-0`);
    const liveClient = path.join(SHM!, `kindling-client-${process.pid}-4`);
    for (const f of [dead, deadClient, live, liveClient]) fs.writeFileSync(f, 'x');
    try {
      const e2 = await startEngine();
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(deadClient)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
      expect(fs.existsSync(liveClient)).toBe(true);
      await e2.stop();
    } finally {
      for (const f of [dead, deadClient, live, liveClient]) fs.rmSync(f, { force: true });
    }
  });
});

describe('SegmentSet.writeChunks', () => {
  it('writes the exact concatenation of many pieces (more than one writev, empty ones included), mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-shm-'));
    const set = new SegmentSet(5n, dir);
    try {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < 2500; i++) chunks.push(i % 7 === 0 ? new Uint8Array(0) : new Uint8Array(1 + (i % 13)).fill(i & 255));
      // A view into a larger buffer must contribute only its own bytes.
      chunks.push(new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 4));
      const expected = Buffer.concat(chunks);
      const file = set.writeChunks(chunks);
      expect(fs.readFileSync(file).equals(expected)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(set.size).toBe(1);
      set.close();
      expect(fs.existsSync(file)).toBe(false);
      expect(() => set.writeChunks([new Uint8Array(1)])).toThrow(/closed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ipcChunks', () => {
  it("yields exactly tableToIPC's stream, in pieces", async () => {
    const { ipcChunks } = await import('../src/handlers/execute.js');
    const whole = new arrow.Table({
      id: arrow.vectorFromArray(BigInt64Array.from({ length: 4000 }, (_, j) => BigInt(j))),
      s: arrow.vectorFromArray(Array.from({ length: 4000 }, (_, j) => `v${j}`), new arrow.Utf8()),
    });
    const table = new arrow.Table(Array.from({ length: 40 }, (_, i) => whole.batches[0]!.slice(i * 100, (i + 1) * 100)));
    expect(table.batches).toHaveLength(40);
    const { chunks, size } = await ipcChunks(table);
    expect(chunks.length).toBeGreaterThan(40);
    const joined = Buffer.concat(chunks);
    expect(joined.length).toBe(size);
    expect(joined.equals(Buffer.from(arrow.tableToIPC(table, 'stream')))).toBe(true);
  });
});

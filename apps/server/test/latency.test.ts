// Round-trip latency of trivial requests from the TS test client (reported, not asserted against a budget).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb } from '@kindling/protocol';
import { Client, type Engine, call, col, lit, startEngine } from './client.js';

let engine: Engine;
let c: Client;

beforeAll(async () => {
  engine = await startEngine();
  c = await Client.connect(engine);
});

afterAll(async () => {
  await c.close();
  await engine.stop();
});

function percentiles(xs: number[]): { p50: number; p99: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function measure(n: number, op: () => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < 200; i++) await op(); // warm-up (JIT, first analysis)
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

const fmt = (p: { p50: number; p99: number; mean: number }) => `p50=${p.p50.toFixed(3)} ms p99=${p.p99.toFixed(3)} ms mean=${p.mean.toFixed(3)} ms`;

describe('latency', () => {
  it('trivial Transform round trips (p50/p99 over 5000 calls each)', async () => {
    const base = await c.range(0n, 1000n);
    const made: bigint[] = [];
    const keep = async (h: Promise<{ id: bigint }>) => {
      made.push((await h).id);
      if (made.length >= 500) await c.release(made.splice(0));
    };
    const config = await measure(5000, () => c.config(fb.ConfigOp.Get, 'spark.sql.caseSensitive'));
    const range = await measure(5000, () => keep(c.range(0n, 10n)));
    const filter = await measure(5000, () => keep(c.filter(base.id, call('>', col('id'), lit(5n)))));
    console.log(`latency: ConfigRequest Get ${fmt(config)}`);
    console.log(`latency: Transform Range ${fmt(range)}`);
    console.log(`latency: Transform Filter(id > 5) ${fmt(filter)}`);
    expect(range.p50).toBeGreaterThan(0);
  });
});

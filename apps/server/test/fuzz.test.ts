// Robustness: ≥100,000 seeded random and mutated frames (bit flips, truncation, splices, corrupted offsets,
// random bodies of random lengths) sent to ONE engine over many connections, before and after the handshake.
// The engine must never exit, every frame it sends back must verify, and a normal session must work afterwards.
// FUZZ_DEBUG=1 traces the engine's requests to /tmp/fuzz-engine.log and keeps the sent frames in /tmp/fuzz-frames-*.
import fs from 'node:fs';
import net from 'node:net';
import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fb, FrameDecoder, encodeFrame, handshakeEnvelope, proofFor, verifyEnvelope, readEnvelope } from '@kindling/protocol';
import { Client, type Engine, alias, call, col, lit, startEngine } from './client.js';
import { FRAMES_PER_CONNECTION, type Rand, SEED, TARGET_FRAMES, corpus, int, mutate, prng, randomBytes } from './fuzz-corpus.js';

/** A frame with a wrong length prefix, a zero or huge length, or bare noise: the stream desynchronises. */
function badFraming(r: Rand, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set(payload, 4);
  const len = [0, 1 + int(r, 4096), 0xffffffff, 64 * 1024 * 1024 + 1, int(r, 2 ** 32)][int(r, 5)]!;
  new DataView(out.buffer).setUint32(0, len >>> 0, true);
  return r() < 0.2 ? randomBytes(r, 1 + int(r, 64)) : out;
}

interface Stats {
  /** Mutated frames the engine answered (one response each) on authenticated connections. */
  answered: number;
  /** Frames sent before the handshake, and frames with broken framing. */
  preAuth: number;
  badFraming: number;
  responses: number;
  invalidResponses: number;
  connections: number;
  kinds: Map<string, number>;
}

type Mode = 'authed' | 'preauth' | 'framing';

/** One fuzz connection; resolves when the socket is closed (by us or by the engine). */
function fuzzConnection(engine: Engine, r: Rand, mode: Mode, corpusFrames: Uint8Array[], stats: Stats): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(engine.ready.socket!);
    const decoder = new FrameDecoder();
    let closed = false;
    let helloSeen = false;
    let authed = false;
    let expected = -1; // responses expected for the mutated frames (after the corpus)
    let got = 0;
    let corpusLeft = corpusFrames.length;
    const finish = () => {
      if (closed) return;
      closed = true;
      socket.destroy();
      resolve();
    };
    socket.on('error', () => undefined);
    socket.on('close', finish);
    // Long jobs a mutation may have started (huge ranges…) are not waited for: hanging up aborts them.
    setTimeout(finish, 5_000);
    const afterAuth = () => {
      for (const c of corpusFrames) socket.write(encodeFrame(c));
      if (mode === 'framing') {
        const n = 1 + int(r, 5);
        const frames: Uint8Array[] = Array.from({ length: n }, () => encodeFrame(mutate(r, corpusFrames)));
        frames.push(badFraming(r, mutate(r, corpusFrames)));
        stats.badFraming += 1;
        socket.write(Buffer.concat(frames));
        setTimeout(() => socket.end(), 300);
        return;
      }
      expected = FRAMES_PER_CONNECTION;
      let sent = 0;
      const pump = () => {
        while (sent < expected && !closed) {
          const batch: Uint8Array[] = [];
          for (let i = 0; i < 100 && sent < expected; i++, sent++) batch.push(encodeFrame(mutate(r, corpusFrames)));
          if (process.env['FUZZ_DEBUG']) fs.appendFileSync(`/tmp/fuzz-frames-${stats.connections}-${mode}.bin`, Buffer.concat(batch));
          if (!socket.write(Buffer.concat(batch))) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    };
    socket.on('data', (chunk: Buffer) => {
      let frames: Uint8Array[];
      try {
        frames = decoder.push(chunk);
      } catch {
        stats.invalidResponses++;
        finish();
        return;
      }
      for (const f of frames) {
        stats.responses++;
        if (verifyEnvelope(f) !== null) {
          stats.invalidResponses++;
          continue;
        }
        const env = readEnvelope(f);
        const name = fb.Body[env.bodyType()] ?? String(env.bodyType());
        const key = name === 'Error' ? `Error:${(env.body(new fb.Error()) as fb.Error).errorClass()}` : name;
        stats.kinds.set(key, (stats.kinds.get(key) ?? 0) + 1);
        if (!helloSeen) {
          helloSeen = env.bodyType() === fb.Body.Hello;
          if (mode !== 'preauth') {
            const nonce = (env.body(new fb.Hello()) as fb.Hello).nonceArray()!;
            socket.write(encodeFrame(handshakeEnvelope(1_000_000n, proofFor(engine.secret, nonce), 'fuzz')));
          } else {
            // Before the handshake: a few mutated frames (handshakes included); the engine closes after the first.
            const n = 1 + int(r, 3);
            stats.preAuth += n;
            const hs = handshakeEnvelope(1n, randomBytes(r, 32), 'x');
            const pre = Array.from({ length: n }, () => {
              const payload = r() < 0.5 ? mutate(r, corpusFrames) : mutate(r, [hs]);
              return r() < 0.8 ? encodeFrame(payload) : badFraming(r, payload);
            });
            socket.write(Buffer.concat(pre));
          }
        } else if (!authed && mode !== 'preauth') {
          if (env.bodyType() !== fb.Body.HandshakeOk) {
            finish();
            return;
          }
          authed = true;
          afterAuth();
        } else if (corpusLeft > 0) {
          corpusLeft--;
        } else if (expected > 0) {
          got++;
          stats.answered++;
          if (got >= expected) setImmediate(finish);
        }
      }
    });
  });
}

let engine: Engine;

beforeAll(async () => {
  engine = await startEngine({ KINDLING_MASTER: 'local[2]', ...(process.env['FUZZ_DEBUG'] ? { KINDLING_TRACE: '1' } : {}) });
});

afterAll(async () => {
  await engine.stop();
});

describe('fuzz', () => {
  it(`survives ${TARGET_FRAMES} random and mutated frames and then serves a normal session`, async () => {
    const r = prng(SEED);
    const corpusFrames = corpus();
    for (const c of corpusFrames) expect(verifyEnvelope(c)).toBeNull();
    const stats: Stats = { answered: 0, preAuth: 0, badFraming: 0, responses: 0, invalidResponses: 0, connections: 0, kinds: new Map() };
    const t0 = performance.now();
    while (stats.answered + stats.preAuth + stats.badFraming < TARGET_FRAMES) {
      // Two authenticated connections at a time, plus pre-handshake and broken-framing ones.
      const modes: Mode[] = ['authed', 'authed', 'preauth', 'preauth', 'framing', 'framing'];
      await Promise.all(modes.map((m) => fuzzConnection(engine, r, m, corpusFrames, stats)));
      stats.connections += modes.length;
      if (process.env['FUZZ_DEBUG']) fs.writeFileSync('/tmp/fuzz-engine.log', engine.stderr());
      if (process.env['FUZZ_DEBUG']) console.log(`round: ${((performance.now() - t0) / 1000).toFixed(1)} s answered=${stats.answered} preAuth=${stats.preAuth} bad=${stats.badFraming}`);
      expect(engine.proc.exitCode).toBeNull();
    }
    const seconds = (performance.now() - t0) / 1000;
    const total = stats.answered + stats.preAuth + stats.badFraming;
    const top = [...stats.kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`fuzz: ${total} frames (${stats.answered} mutated frames answered after the handshake, ${stats.preAuth} before it, ` +
      `${stats.badFraming} with broken framing) over ${stats.connections} connections in ${seconds.toFixed(1)} s; ` +
      `${stats.responses} responses, ${stats.invalidResponses} invalid; top: ${top.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    expect(total).toBeGreaterThanOrEqual(TARGET_FRAMES);
    expect(stats.invalidResponses).toBe(0);
    expect(engine.proc.exitCode).toBeNull();
    expect(engine.stderr()).not.toMatch(/uncaught exception|unhandled rejection|frame handling failed/);
    const internal = engine.stderr().match(/internal error serving[^\n]*/g) ?? [];
    console.log(`internal errors logged: ${internal.length}${internal.length ? `; first: ${internal.slice(0, 3).join(' | ')}` : ''}`);

    // A normal session afterwards.
    const c = await Client.connect(engine);
    const df = await c.range(0n, 1000n);
    const f = await c.filter(df.id, call('<', col('id'), lit(10n)));
    const a = await c.aggregate(f.id, [], [alias(call('sum', col('id')), 's')]);
    const res = await c.execute(a.id, fb.Action.Collect);
    expect(arrow.tableFromIPC(res.dataArray()!).getChild('s')!.get(0)).toBe(45n);
    expect(await c.count(df.id)).toBe(1000n);
    await c.close();
    expect(engine.proc.exitCode).toBeNull();
  }, 180_000);
});

// Robustness: ≥100,000 seeded random and mutated frames (bit flips, truncation, splices, corrupted offsets,
// random bodies of random lengths) sent to ONE engine over many connections, before and after the handshake.
// The engine must never exit, every frame it sends back must verify, and a normal session must work afterwards.
import net from 'node:net';
import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Builder,
  fb,
  FrameDecoder,
  buildEnvelope,
  encodeFrame,
  handshakeEnvelope,
  proofFor,
  verifyEnvelope,
  readEnvelope,
} from '@kindling/protocol';
import { Client, type E, type Engine, alias, call, col, expr, lit, startEngine } from './client.js';

const SEED = 0x5eed_2024;
const TARGET_FRAMES = 100_000;
const FRAMES_PER_CONNECTION = 2_500;

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function exprVec(b: Builder, es: E[]): number {
  const offs = es.map((e) => expr(b, e));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

function strVec(b: Builder, ss: string[]): number {
  const offs = ss.map((s) => b.createString(s));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

/** Valid request envelopes covering every request and relation type; handles 1 and 2 are small ranges. */
function corpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let id = 1n;
  const add = (type: fb.Body, build: (b: Builder) => number) => out.push(buildEnvelope(id++, type, build));
  const tr = (opType: fb.RelationOp, op: (b: Builder) => number) => add(fb.Body.Transform, (b) => {
    const o = op(b);
    return fb.Transform.createTransform(b, opType, o);
  });
  tr(fb.RelationOp.Range, (b) => fb.Range.createRange(b, 0n, 100n, 1n, 2));
  tr(fb.RelationOp.Range, (b) => fb.Range.createRange(b, 50n, 150n, 1n, 0));
  tr(fb.RelationOp.Project, (b) => fb.Project.createProject(b, 1n, exprVec(b, [
    col('id'), alias(call('+', col('id'), lit(1)), 'x'), { cast: col('id'), to: fb.TypeKind.String },
    { when: [[call('>', col('id'), lit(5n)), lit('big')]], otherwise: lit(null) }, call('upper', lit('s')),
    alias(lit(19000, 'date'), 'd'), lit(1.5), lit(true), { star: true },
  ])));
  tr(fb.RelationOp.Filter, (b) => {
    const c = expr(b, call('and', call('>=', col('id'), lit(3n)), call('in', col('id'), lit(4n), lit(5n), lit(null))));
    fb.Filter.startFilter(b);
    fb.Filter.addInput(b, 1n);
    fb.Filter.addCondition(b, c);
    return fb.Filter.endFilter(b);
  });
  tr(fb.RelationOp.WithColumns, (b) => fb.WithColumns.createWithColumns(b, 1n, strVec(b, ['k']), exprVec(b, [call('%', col('id'), lit(3n))])));
  tr(fb.RelationOp.WithColumnsRenamed, (b) => fb.WithColumnsRenamed.createWithColumnsRenamed(b, 1n, strVec(b, ['id']), strVec(b, ['j'])));
  tr(fb.RelationOp.Drop, (b) => fb.Drop.createDrop(b, 1n, strVec(b, ['id']), exprVec(b, [col('id', 1n)])));
  tr(fb.RelationOp.Aggregate, (b) => fb.Aggregate.createAggregate(b, 1n, exprVec(b, [call('%', col('id'), lit(3n))]), exprVec(b, [call('count'), alias(call('sum', col('id')), 's'), { call: 'count', args: [col('id')], distinct: true }])));
  tr(fb.RelationOp.Join, (b) => {
    const how = b.createString('inner');
    const c = expr(b, call('=', col('id', 1n), col('id', 2n)));
    fb.Join.startJoin(b);
    fb.Join.addLeft(b, 1n);
    fb.Join.addRight(b, 2n);
    fb.Join.addHow(b, how);
    fb.Join.addCondition(b, c);
    return fb.Join.endJoin(b);
  });
  tr(fb.RelationOp.Join, (b) => {
    const how = b.createString('left');
    const using = strVec(b, ['id']);
    fb.Join.startJoin(b);
    fb.Join.addLeft(b, 1n);
    fb.Join.addRight(b, 2n);
    fb.Join.addHow(b, how);
    fb.Join.addUsingColumns(b, using);
    return fb.Join.endJoin(b);
  });
  tr(fb.RelationOp.Sort, (b) => fb.Sort.createSort(b, 1n, exprVec(b, [{ sort: col('id'), desc: true }]), true));
  tr(fb.RelationOp.Limit, (b) => fb.Limit.createLimit(b, 1n, 5n));
  tr(fb.RelationOp.Distinct, (b) => fb.Distinct.createDistinct(b, 1n, strVec(b, ['id'])));
  tr(fb.RelationOp.SetOp, (b) => fb.SetOp.createSetOp(b, 1n, 2n, true, true));
  tr(fb.RelationOp.Repartition, (b) => fb.Repartition.createRepartition(b, 1n, 3, true, exprVec(b, [col('id')])));
  tr(fb.RelationOp.SubqueryAlias, (b) => fb.SubqueryAlias.createSubqueryAlias(b, 1n, b.createString('t')));
  const ipc = arrow.tableToIPC(new arrow.Table({ a: arrow.vectorFromArray([1, 2, null], new arrow.Int32()), s: arrow.vectorFromArray(['x', null, 'z'], new arrow.Utf8()) }), 'stream');
  tr(fb.RelationOp.LocalData, (b) => {
    const data = fb.LocalData.createArrowIpcVector(b, ipc);
    fb.LocalData.startLocalData(b);
    fb.LocalData.addArrowIpc(b, data);
    return fb.LocalData.endLocalData(b);
  });
  for (const action of [fb.Action.Count, fb.Action.Show, fb.Action.Collect, fb.Action.Take]) {
    add(fb.Body.ExecuteRequest, (b) => fb.ExecuteRequest.createExecuteRequest(b, 1n, action, 3n, 20, false, fb.ResultFormat.Arrow));
  }
  add(fb.Body.ExecuteRequest, (b) => fb.ExecuteRequest.createExecuteRequest(b, 3n, fb.Action.Collect, 0n, 20, false, fb.ResultFormat.PickledRows));
  for (const kind of [fb.AnalyzeKind.Schema, fb.AnalyzeKind.Explain, fb.AnalyzeKind.IsCached]) {
    add(fb.Body.AnalyzeRequest, (b) => fb.AnalyzeRequest.createAnalyzeRequest(b, 3n, kind, b.createString('extended')));
  }
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.Set, b.createString('k'), b.createString('v'), 0));
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.Get, b.createString('k'), 0, b.createString('d')));
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.GetAll, 0, 0, 0));
  add(fb.Body.PersistRequest, (b) => fb.PersistRequest.createPersistRequest(b, 2n, fb.PersistOp.Cache));
  add(fb.Body.PersistRequest, (b) => fb.PersistRequest.createPersistRequest(b, 2n, fb.PersistOp.Unpersist));
  add(fb.Body.Release, (b) => fb.Release.createRelease(b, fb.Release.createIdsVector(b, [7n, 99n])));
  add(fb.Body.Cancel, (b) => fb.Cancel.createCancel(b, 3n));
  return out;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);

function randomBytes(r: Rand, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = int(r, 256);
  return out;
}

/** One mutated payload of a corpus envelope (or pure noise). */
function mutate(r: Rand, corpus: Uint8Array[]): Uint8Array {
  const src = corpus[int(r, corpus.length)]!;
  const m = new Uint8Array(src);
  switch (int(r, 8)) {
    case 0: { // bit flips
      const flips = 1 + int(r, 8);
      for (let i = 0; i < flips; i++) {
        const p = int(r, m.length);
        m[p]! ^= 1 << int(r, 8);
      }
      return m;
    }
    case 1: { // random bytes overwritten
      const k = 1 + int(r, 4);
      for (let i = 0; i < k; i++) m[int(r, m.length)] = int(r, 256);
      return m;
    }
    case 2: // truncation
      return m.subarray(0, 1 + int(r, m.length - 1));
    case 3: { // a corrupted 32-bit offset / length at an aligned position
      const p = int(r, m.length >> 2) << 2;
      const v = [0, 0xffffffff, 0x7fffffff, m.length, m.length - 4, int(r, 1 << 16), 0x80000000][int(r, 7)]!;
      new DataView(m.buffer).setUint32(p, v >>> 0, true);
      return m;
    }
    case 4: { // splice of two envelopes
      const other = corpus[int(r, corpus.length)]!;
      const cut = int(r, m.length);
      const out = new Uint8Array(cut + other.length - Math.min(cut, other.length - 1));
      out.set(m.subarray(0, cut));
      out.set(other.subarray(Math.min(cut, other.length - 1)), cut);
      return out;
    }
    case 5: { // appended garbage
      const extra = randomBytes(r, 1 + int(r, 64));
      const out = new Uint8Array(m.length + extra.length);
      out.set(m);
      out.set(extra, m.length);
      return out;
    }
    case 6: { // random body of random length, with the right identifier so the verifier goes deep
      const out = randomBytes(r, 8 + int(r, 4096));
      out.set([0x4b, 0x44, 0x4c, 0x31], 4);
      if (r() < 0.5) new DataView(out.buffer).setUint32(0, 8 + int(r, Math.min(64, out.length - 8)), true);
      return out;
    }
    default: // pure noise, up to a few KB
      return randomBytes(r, 1 + int(r, 4096));
  }
}

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
    setTimeout(finish, 15_000);
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
  engine = await startEngine({ KINDLING_MASTER: 'local[2]' });
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

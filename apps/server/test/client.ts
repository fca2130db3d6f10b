// A tiny test client of the engine built on @kindling/protocol: starts the real server process, speaks the
// handshake, and sends requests built with the generated FlatBuffers builders.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Builder,
  fb,
  FrameDecoder,
  buildEnvelope,
  encodeFrame,
  handshakeEnvelope,
  newSecret,
  proofFor,
  readEnvelope,
  decodeSchema,
} from '@kindling/protocol';
import type { StructType } from '@kindling/core';

/** The engine as users start it: the bundle of dist/ (scripts/bundle.mjs). */
export const SERVER_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/bundle/main.js');

export interface Ready {
  ready: true;
  socket: string | null;
  host: string | null;
  port: number | null;
  pid: number;
  startupMs: number;
  uptimeMs: number;
}

export interface Engine {
  proc: ChildProcessWithoutNullStreams;
  ready: Ready;
  secret: Buffer;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Closes stdin (the engine exits) and waits for the exit. */
  stop(): Promise<number | null>;
}

/** The same engine unbundled (tsc's output), kept runnable for debugging. */
export const UNBUNDLED_SERVER_JS = path.resolve(path.dirname(SERVER_JS), '../main.js');

/** Starts `node dist/bundle/main.js` (or `script`) with a fresh secret and waits for its ready line. */
export async function startEngine(env: Record<string, string> = {}, script = SERVER_JS): Promise<Engine> {
  const secret = newSecret();
  const proc = spawn(process.execPath, [script], {
    env: { ...process.env, KINDLING_SECRET: secret.toString('hex'), KINDLING_MASTER: 'local[2]', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = await new Promise<Ready>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        proc.stdout.off('data', onData);
        try {
          resolve(JSON.parse(out.slice(0, nl)) as Ready);
        } catch (e) {
          reject(e);
        }
      }
    };
    proc.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`engine exited with ${code} before ready: ${err}`)));
  });
  return {
    proc,
    ready,
    secret,
    stderr: () => err,
    exited,
    async stop() {
      proc.stdin.end();
      return exited;
    },
  };
}

export class ServerError extends Error {
  constructor(
    readonly kind: fb.ErrorKind,
    readonly errorClass: string,
    message: string,
    readonly parameters: Record<string, string>,
    readonly requestId: bigint,
  ) {
    super(`[${errorClass}] ${message}`);
  }
}

export function errorOf(env: fb.Envelope): ServerError {
  const e = env.body(new fb.Error()) as fb.Error;
  const params: Record<string, string> = {};
  for (let i = 0; i < e.parametersLength(); i++) {
    const kv = e.parameters(i)!;
    params[kv.key()!] = kv.value() ?? '';
  }
  return new ServerError(e.kind(), e.errorClass() ?? '', e.message() ?? '', params, env.requestId());
}

type Pending = { resolve: (e: fb.Envelope) => void; reject: (e: Error) => void };

/** A raw connection: frames in and out, envelopes matched to request ids. */
export class Conn {
  readonly socket: net.Socket;
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<bigint, Pending>();
  /** Envelopes nobody waited for (Hello, errors with request id 0, …). */
  readonly unsolicited: fb.Envelope[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  readonly closedPromise: Promise<void>;
  private nextId = 1n;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.closedPromise = new Promise((resolve) => socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
      for (const w of this.waiters.splice(0)) w();
      resolve();
    }));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) {
        const env = readEnvelope(new Uint8Array(frame));
        const p = this.pending.get(env.requestId());
        if (p && env.requestId() !== 0n) {
          this.pending.delete(env.requestId());
          p.resolve(env);
        } else {
          this.unsolicited.push(env);
          for (const w of this.waiters.splice(0)) w();
        }
      }
    });
  }

  static open(ready: Ready): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const socket = ready.socket ? net.connect(ready.socket) : net.connect(ready.port!, ready.host!);
      socket.once('connect', () => resolve(new Conn(socket)));
      socket.once('error', reject);
    });
  }

  /** Waits for the next unsolicited envelope (e.g. Hello), or null when the connection closes first. */
  async nextUnsolicited(timeoutMs = 5000): Promise<fb.Envelope | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.unsolicited.length === 0) {
      if (this.closed) return null;
      if (Date.now() > deadline) throw new Error('timed out waiting for a frame');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.unsolicited.shift()!;
  }

  sendRaw(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  allocId(): bigint {
    return this.nextId++;
  }

  /** Sends an envelope and resolves with the response of the same request id. */
  send(requestId: bigint, envelope: Uint8Array): Promise<fb.Envelope> {
    const p = new Promise<fb.Envelope>((resolve, reject) => this.pending.set(requestId, { resolve, reject }));
    this.sendRaw(encodeFrame(envelope));
    return p;
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closedPromise;
  }
}

/** Expressions as plain objects, encoded to fb.Expression by `expr`. */
export type E =
  | { col: string; plan?: bigint }
  | { star: true; qualifier?: string }
  | { lit: null | boolean | number | bigint | string; type?: 'int' | 'long' | 'double' | 'string' | 'bool' | 'date' | 'timestamp' | 'null' }
  | { call: string; args?: E[]; distinct?: boolean }
  | { alias: E; name: string }
  | { cast: E; to: fb.TypeKind }
  | { when: [E, E][]; otherwise?: E }
  | { sort: E; desc?: boolean; nullsFirst?: boolean };

export const col = (name: string, plan?: bigint): E => (plan === undefined ? { col: name } : { col: name, plan });
export const lit = (v: null | boolean | number | bigint | string, type?: Extract<E, { lit: unknown }>['type']): E => ({ lit: v, type });
export const call = (name: string, ...args: E[]): E => ({ call: name, args });
export const alias = (e: E, name: string): E => ({ alias: e, name });

function exprList(b: Builder, es: readonly E[]): number {
  const offs = es.map((e) => expr(b, e));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

function stringList(b: Builder, ss: readonly string[]): number {
  const offs = ss.map((s) => b.createString(s));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

export function expr(b: Builder, e: E): number {
  let type: fb.ExprNode;
  let node: number;
  if ('col' in e) {
    const name = b.createString(e.col);
    fb.ColumnRef.startColumnRef(b);
    fb.ColumnRef.addName(b, name);
    if (e.plan !== undefined) fb.ColumnRef.addPlanId(b, e.plan);
    node = fb.ColumnRef.endColumnRef(b);
    type = fb.ExprNode.ColumnRef;
  } else if ('star' in e) {
    const q = e.qualifier ? b.createString(e.qualifier) : 0;
    fb.Star.startStar(b);
    if (q) fb.Star.addQualifier(b, q);
    node = fb.Star.endStar(b);
    type = fb.ExprNode.Star;
  } else if ('lit' in e) {
    const v = e.lit;
    const t = e.type ?? (v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v === 'bigint' ? 'long' : typeof v === 'string' ? 'string' : Number.isInteger(v) ? 'int' : 'double');
    const s = typeof v === 'string' ? b.createString(v) : 0;
    const kinds = { int: fb.TypeKind.Int32, long: fb.TypeKind.Int64, double: fb.TypeKind.Float64, string: fb.TypeKind.String, bool: fb.TypeKind.Boolean, date: fb.TypeKind.Date, timestamp: fb.TypeKind.Timestamp, null: fb.TypeKind.Null };
    fb.Literal.startLiteral(b);
    fb.Literal.addType(b, kinds[t]);
    if (v === null) fb.Literal.addIsNull(b, true);
    else if (typeof v === 'boolean') fb.Literal.addBoolValue(b, v);
    else if (typeof v === 'bigint') fb.Literal.addLongValue(b, v);
    else if (typeof v === 'number' && (t === 'double')) fb.Literal.addDoubleValue(b, v);
    else if (typeof v === 'number') fb.Literal.addLongValue(b, BigInt(v));
    if (s) fb.Literal.addStringValue(b, s);
    node = fb.Literal.endLiteral(b);
    type = fb.ExprNode.Literal;
  } else if ('call' in e) {
    const name = b.createString(e.call);
    const args = exprList(b, e.args ?? []);
    fb.Call.startCall(b);
    fb.Call.addName(b, name);
    fb.Call.addArgs(b, args);
    if (e.distinct) fb.Call.addDistinct(b, true);
    node = fb.Call.endCall(b);
    type = fb.ExprNode.Call;
  } else if ('alias' in e) {
    const child = expr(b, e.alias);
    const name = b.createString(e.name);
    node = fb.Alias.createAlias(b, child, name, 0);
    type = fb.ExprNode.Alias;
  } else if ('cast' in e) {
    const child = expr(b, e.cast);
    fb.DataType.startDataType(b);
    fb.DataType.addKind(b, e.to);
    const to = fb.DataType.endDataType(b);
    fb.Cast.startCast(b);
    fb.Cast.addChild(b, child);
    fb.Cast.addTo(b, to);
    node = fb.Cast.endCast(b);
    type = fb.ExprNode.Cast;
  } else if ('when' in e) {
    const conds = exprList(b, e.when.map(([c]) => c));
    const vals = exprList(b, e.when.map(([, v]) => v));
    const other = e.otherwise ? expr(b, e.otherwise) : 0;
    fb.CaseWhen.startCaseWhen(b);
    fb.CaseWhen.addConditions(b, conds);
    fb.CaseWhen.addValues(b, vals);
    if (other) fb.CaseWhen.addOtherwise(b, other);
    node = fb.CaseWhen.endCaseWhen(b);
    type = fb.ExprNode.CaseWhen;
  } else {
    const child = expr(b, e.sort);
    node = fb.SortOrder.createSortOrder(b, child, e.desc ?? false, e.nullsFirst ?? !(e.desc ?? false));
    type = fb.ExprNode.SortOrder;
  }
  return fb.Expression.createExpression(b, type, node);
}

export interface Handle {
  id: bigint;
  schema: StructType;
}

/** An authenticated session with request helpers; every helper throws ServerError on an Error response. */
export class Client {
  private constructor(
    readonly conn: Conn,
    readonly sessionId: bigint,
    readonly engineVersion = '',
  ) {}

  static async connect(engine: Pick<Engine, 'ready' | 'secret'>, name = 'vitest'): Promise<Client> {
    const conn = await Conn.open(engine.ready);
    const hello = await conn.nextUnsolicited();
    if (!hello || hello.bodyType() !== fb.Body.Hello) throw new Error('expected Hello');
    const nonce = (hello.body(new fb.Hello()) as fb.Hello).nonceArray()!;
    const id = conn.allocId();
    const res = await conn.send(id, handshakeEnvelope(id, proofFor(engine.secret, nonce), name));
    if (res.bodyType() !== fb.Body.HandshakeOk) throw errorOf(res);
    const ok = res.body(new fb.HandshakeOk()) as fb.HandshakeOk;
    return new Client(conn, ok.sessionId(), ok.engineVersion() ?? '');
  }

  /** Sends one request; resolves with the response envelope (Error included). */
  raw(type: fb.Body, build: (b: Builder) => number, id = this.conn.allocId()): { id: bigint; response: Promise<fb.Envelope> } {
    return { id, response: this.conn.send(id, buildEnvelope(id, type, build)) };
  }

  async request(type: fb.Body, build: (b: Builder) => number): Promise<fb.Envelope> {
    const env = await this.raw(type, build).response;
    if (env.bodyType() === fb.Body.Error) throw errorOf(env);
    return env;
  }

  async transform(opType: fb.RelationOp, op: (b: Builder) => number): Promise<Handle> {
    const env = await this.request(fb.Body.Transform, (b) => {
      const o = op(b);
      return fb.Transform.createTransform(b, opType, o);
    });
    const h = env.body(new fb.DataFrameHandle()) as fb.DataFrameHandle;
    return { id: h.id(), schema: decodeSchema(h.schema()!) };
  }

  range(start: bigint, end: bigint, step = 1n, parts = 0): Promise<Handle> {
    return this.transform(fb.RelationOp.Range, (b) => fb.Range.createRange(b, start, end, step, parts));
  }

  project(input: bigint, exprs: E[]): Promise<Handle> {
    return this.transform(fb.RelationOp.Project, (b) => fb.Project.createProject(b, input, exprList(b, exprs)));
  }

  filter(input: bigint, cond: E): Promise<Handle> {
    return this.transform(fb.RelationOp.Filter, (b) => {
      const c = expr(b, cond);
      fb.Filter.startFilter(b);
      fb.Filter.addInput(b, input);
      fb.Filter.addCondition(b, c);
      return fb.Filter.endFilter(b);
    });
  }

  withColumns(input: bigint, names: string[], exprs: E[]): Promise<Handle> {
    return this.transform(fb.RelationOp.WithColumns, (b) => fb.WithColumns.createWithColumns(b, input, stringList(b, names), exprList(b, exprs)));
  }

  aggregate(input: bigint, grouping: E[], aggregates: E[], groupType: fb.GroupType = fb.GroupType.GroupBy): Promise<Handle> {
    return this.transform(fb.RelationOp.Aggregate, (b) => fb.Aggregate.createAggregate(b, input, exprList(b, grouping), exprList(b, aggregates), groupType, 0));
  }

  join(left: bigint, right: bigint, how: string, condition?: E, using: string[] = []): Promise<Handle> {
    return this.transform(fb.RelationOp.Join, (b) => {
      const h = b.createString(how);
      const c = condition ? expr(b, condition) : 0;
      const u = using.length > 0 ? stringList(b, using) : 0;
      fb.Join.startJoin(b);
      fb.Join.addLeft(b, left);
      fb.Join.addRight(b, right);
      fb.Join.addHow(b, h);
      if (c) fb.Join.addCondition(b, c);
      if (u) fb.Join.addUsingColumns(b, u);
      return fb.Join.endJoin(b);
    });
  }

  sort(input: bigint, order: E[], global = true): Promise<Handle> {
    return this.transform(fb.RelationOp.Sort, (b) => fb.Sort.createSort(b, input, exprList(b, order), global));
  }

  limit(input: bigint, n: bigint): Promise<Handle> {
    return this.transform(fb.RelationOp.Limit, (b) => fb.Limit.createLimit(b, input, n, 0n, false));
  }

  localData(ipc: Uint8Array | null, shm?: { name: string; size: bigint }, schema?: (b: Builder) => number): Promise<Handle> {
    return this.transform(fb.RelationOp.LocalData, (b) => {
      const data = ipc ? fb.LocalData.createArrowIpcVector(b, ipc) : 0;
      let s = 0;
      if (shm) {
        const name = b.createString(shm.name);
        s = fb.ShmRef.createShmRef(b, name, shm.size);
      }
      const sc = schema ? schema(b) : 0;
      fb.LocalData.startLocalData(b);
      if (data) fb.LocalData.addArrowIpc(b, data);
      if (s) fb.LocalData.addShm(b, s);
      if (sc) fb.LocalData.addSchema(b, sc);
      return fb.LocalData.endLocalData(b);
    });
  }

  async execute(df: bigint, action: fb.Action, opts: { n?: bigint; truncate?: number; vertical?: boolean; format?: fb.ResultFormat } = {}): Promise<fb.ExecuteResponse> {
    const env = await this.request(fb.Body.ExecuteRequest, (b) => this.executeBody(b, df, action, opts));
    return env.body(new fb.ExecuteResponse()) as fb.ExecuteResponse;
  }

  executeBody(b: Builder, df: bigint, action: fb.Action, opts: { n?: bigint; truncate?: number; vertical?: boolean; format?: fb.ResultFormat } = {}): number {
    return fb.ExecuteRequest.createExecuteRequest(b, df, action, opts.n ?? 0n, opts.truncate ?? 20, opts.vertical ?? false, opts.format ?? fb.ResultFormat.Arrow);
  }

  async count(df: bigint): Promise<bigint> {
    return (await this.execute(df, fb.Action.Count)).count();
  }

  async show(df: bigint, n = 20n, truncate = 20, vertical = false): Promise<string> {
    return (await this.execute(df, fb.Action.Show, { n, truncate, vertical })).text() ?? '';
  }

  async analyze(df: bigint, kind: fb.AnalyzeKind, explainMode = ''): Promise<fb.AnalyzeResponse> {
    const env = await this.request(fb.Body.AnalyzeRequest, (b) => {
      const m = b.createString(explainMode);
      return fb.AnalyzeRequest.createAnalyzeRequest(b, df, kind, m);
    });
    return env.body(new fb.AnalyzeResponse()) as fb.AnalyzeResponse;
  }

  async persist(df: bigint, op: fb.PersistOp): Promise<void> {
    await this.request(fb.Body.PersistRequest, (b) => fb.PersistRequest.createPersistRequest(b, df, op, 0));
  }

  async release(ids: bigint[]): Promise<void> {
    await this.request(fb.Body.Release, (b) => fb.Release.createRelease(b, fb.Release.createIdsVector(b, ids)));
  }

  async cancel(requestId: bigint): Promise<void> {
    await this.request(fb.Body.Cancel, (b) => fb.Cancel.createCancel(b, requestId));
  }

  async stop(): Promise<void> {
    await this.request(fb.Body.Stop, (b) => fb.Stop.createStop(b) );
  }

  async config(op: fb.ConfigOp, key?: string, value?: string, dflt?: string): Promise<[string, string | null][]> {
    const env = await this.request(fb.Body.ConfigRequest, (b) => {
      const k = key !== undefined ? b.createString(key) : 0;
      const v = value !== undefined ? b.createString(value) : 0;
      const d = dflt !== undefined ? b.createString(dflt) : 0;
      return fb.ConfigRequest.createConfigRequest(b, op, k, v, d);
    });
    const r = env.body(new fb.ConfigResponse()) as fb.ConfigResponse;
    const out: [string, string | null][] = [];
    for (let i = 0; i < r.valuesLength(); i++) out.push([r.values(i)!.key()!, r.values(i)!.value()]);
    return out;
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

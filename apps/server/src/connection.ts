// One client connection: Hello → Handshake (deadline) → serving. Every frame is verified before use; requests
// run concurrently (a Cancel is never stuck behind an action) and each gets exactly one response.
import crypto from 'node:crypto';
import type net from 'node:net';
import { fb, FrameDecoder, encodeFrame, readEnvelope, checkProof } from '@kindling/protocol';
import { KINDLING_VERSION } from './version.js';
import { failureEnvelope } from './errors.js';
import { handleRequest, REQUEST_NAMES } from './handlers/index.js';
import type { RequestContext } from './handlers/context.js';
import { log, logError } from './log.js';
import type { EngineOptions } from './options.js';
import type { PythonSupport } from '@kindling/core';
import { RequestAbort, Session } from './session.js';
import { errorEnvelopeOf, handshakeOkOf, helloOf } from './wire.js';
import type { SpinWindow } from './spin-window.js';

/** KINDLING_TRACE=1 logs every request's start and end to stderr (debugging). */
const TRACE = process.env['KINDLING_TRACE'] === '1';

/** Largest frame accepted before authentication: a Handshake is a few hundred bytes. */
export const PRE_AUTH_MAX_FRAME = 64 * 1024;

/** What a connection needs from the engine that owns it. */
export interface ConnectionHost {
  readonly options: EngineOptions;
  /** Opened after every answer, so the client's next request finds the event loop awake. */
  readonly spin?: SpinWindow;
  /** Where sessions get Python workers; absent in hosts without Python. */
  readonly python?: { support(): PythonSupport };
  newSessionId(): bigint;
  sessionOpened(session: Session): void;
  sessionClosed(session: Session): void;
  /** A Stop request was acknowledged on this session. */
  stopRequested(session: Session): void;
}

type State = 'handshake' | 'serving' | 'closed';

/**
 * The request_id of an Envelope that failed verification, read with explicit bounds checks (root table, its
 * vtable, field 0); 0 when any of them is out of bounds.
 */
export function peekRequestId(b: Uint8Array): bigint {
  if (b.length < 8) return 0n;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const root = dv.getUint32(0, true);
  if (root + 4 > b.length) return 0n;
  const vtable = root - dv.getInt32(root, true);
  if (vtable < 0 || vtable + 4 > b.length) return 0n;
  const vtableSize = dv.getUint16(vtable, true);
  if (vtableSize < 6 || vtable + vtableSize > b.length) return 0n;
  const field = dv.getUint16(vtable + 4, true);
  if (field === 0 || root + field + 8 > b.length) return 0n;
  return dv.getBigUint64(root + field, true);
}

export class Connection {
  private state: State = 'handshake';
  private readonly nonce = crypto.randomBytes(32);
  private decoder: FrameDecoder;
  private session: Session | null = null;
  private handshakeTimer: NodeJS.Timeout | null;

  constructor(
    private readonly socket: net.Socket,
    private readonly host: ConnectionHost,
  ) {
    const opts = host.options;
    this.decoder = new FrameDecoder(Math.min(PRE_AUTH_MAX_FRAME, opts.maxFrameBytes));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') log(`connection error: ${err.message}`);
    });
    socket.on('close', () => this.onClose());
    this.handshakeTimer = setTimeout(() => {
      this.handshakeTimer = null;
      if (this.state === 'handshake') this.reject(0n, 'HANDSHAKE_TIMEOUT', `No valid Handshake within ${opts.handshakeTimeoutMs} ms.`);
    }, opts.handshakeTimeoutMs);
    this.send(helloOf(this.nonce, KINDLING_VERSION));
  }

  get sessionId(): bigint | null {
    return this.session?.id ?? null;
  }

  /** Writes one envelope as a frame; a response too large for a frame becomes an error for the same request. */
  private send(envelopeBytes: Uint8Array, requestId = 0n): void {
    if (this.state === 'closed' || this.socket.destroyed) return;
    let bytes = envelopeBytes;
    if (bytes.length > this.host.options.maxFrameBytes) {
      bytes = errorEnvelopeOf(requestId, fb.ErrorKind.Execution, 'RESULT_TOO_LARGE', `The response of ${bytes.length} bytes exceeds the frame limit of ${this.host.options.maxFrameBytes} bytes; collect Arrow results (shared memory) or fewer rows.`, { bytes: String(bytes.length) });
    }
    // One write per frame: Node keeps the order of writes, so frames never interleave. A peer that does not read
    // its responses stops being read from, rather than growing the engine's write buffer without bound.
    if (!this.socket.write(encodeFrame(bytes)) && !this.socket.isPaused()) {
      this.socket.pause();
      this.socket.once('drain', () => this.socket.resume());
    }
  }

  /** Sends a Protocol error and closes the connection (framing errors, failed or missing handshake). */
  private reject(requestId: bigint, errorClass: string, message: string): void {
    if (this.state === 'closed') return;
    this.send(errorEnvelopeOf(requestId, fb.ErrorKind.Protocol, errorClass, message));
    this.close();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.socket.end();
    // Do not wait for a peer that never reads: the socket goes after a grace period.
    setTimeout(() => this.socket.destroy(), 1000).unref();
    this.onClose();
  }

  private onData(chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      const cls = (err as { errorClass?: string }).errorClass ?? 'PROTOCOL_INVALID_FRAME';
      this.reject(0n, cls, (err as Error).message);
      return;
    }
    for (const frame of frames) {
      if (this.state === 'closed') return;
      try {
        this.onFrame(frame);
      } catch (err) {
        // A bug in our own frame handling: keep serving, but make it visible.
        logError('frame handling failed', err);
      }
    }
  }

  private onFrame(frame: Uint8Array): void {
    let env: fb.Envelope;
    try {
      env = readEnvelope(frame);
    } catch (err) {
      const msg = (err as Error).message;
      // Answer on the request's own id when it can be read safely, so the client's call does not wait forever.
      const requestId = peekRequestId(frame);
      if (this.state === 'handshake') this.reject(requestId, 'HANDSHAKE_REQUIRED', `The first frame must be a valid Handshake: ${msg}`);
      else this.send(errorEnvelopeOf(requestId, fb.ErrorKind.Protocol, 'PROTOCOL_MALFORMED_FRAME', msg), requestId);
      return;
    }
    if (this.state === 'handshake') this.onHandshake(env);
    else this.onRequest(env);
  }

  private onHandshake(env: fb.Envelope): void {
    const requestId = env.requestId();
    if (env.bodyType() !== fb.Body.Handshake) {
      this.reject(requestId, 'HANDSHAKE_REQUIRED', `The first frame must be a Handshake, got body type ${fb.Body[env.bodyType()] ?? env.bodyType()}.`);
      return;
    }
    const hs = env.body(new fb.Handshake()) as fb.Handshake;
    const proof = hs.proofArray() ?? new Uint8Array(0);
    if (!checkProof(this.host.options.secret, this.nonce, proof)) {
      this.reject(requestId, 'AUTHENTICATION_FAILED', 'The handshake proof does not match the session secret.');
      return;
    }
    if (hs.protocolVersion() !== 1) {
      this.reject(requestId, 'PROTOCOL_VERSION_MISMATCH', `The engine speaks protocol version 1; the client asked for ${hs.protocolVersion()}.`);
      return;
    }
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.state = 'serving';
    // Frames after the handshake may be large; the pre-auth decoder has consumed exactly the Handshake frame
    // (clients wait for HandshakeOk before sending more), so a fresh decoder starts at a frame boundary.
    const pending = this.decoder.pendingBytes;
    this.decoder = new FrameDecoder(this.host.options.maxFrameBytes);
    if (pending > 0) {
      this.reject(requestId, 'HANDSHAKE_REQUIRED', 'Requests were sent before HandshakeOk.');
      return;
    }
    this.session = new Session(this.host.newSessionId(), this.host.options, this.host.python?.support() ?? null);
    this.host.sessionOpened(this.session);
    this.send(handshakeOkOf(requestId, this.session.id, KINDLING_VERSION), requestId);
    // Start the SparkSession (its executor threads take a few hundred ms to load) and the LocalData checker while
    // the client prepares its first requests. A failure here (e.g. a bad master URL) answers the first request.
    try {
      void this.session.spark;
    } catch {
      // Reported by the first request that needs the SparkSession.
    }
    this.session.ipcGuard.warm();
  }

  private onRequest(env: fb.Envelope): void {
    const session = this.session!;
    const requestId = env.requestId();
    const type = env.bodyType();
    const name = REQUEST_NAMES.get(type);
    if (!name) {
      const what = fb.Body[type] ?? String(type);
      this.send(errorEnvelopeOf(requestId, fb.ErrorKind.Protocol, 'UNEXPECTED_MESSAGE', `A client may not send ${what} here.`), requestId);
      return;
    }
    if (session.running.has(requestId)) {
      this.send(errorEnvelopeOf(requestId, fb.ErrorKind.Protocol, 'DUPLICATE_REQUEST_ID', `Request id ${requestId} is already in progress.`), requestId);
      return;
    }
    const controller = new RequestAbort();
    // Cancel answers at once and is never the target of another Cancel.
    if (type !== fb.Body.Cancel) session.running.set(requestId, controller);
    const ctx: RequestContext = {
      session,
      requestId,
      get signal() {
        return controller.signal;
      },
      maxFrameBytes: this.host.options.maxFrameBytes,
      stop: () => this.stop(session),
    };
    const done = () => {
      if (session.running.get(requestId) === controller) session.running.delete(requestId);
    };
    const trace = TRACE ? performance.now() : 0;
    if (TRACE) log(`session ${session.id} request ${requestId} ${name} start`);
    // Start on a fresh microtask so one request's synchronous work never runs inside another's frame loop.
    let handled = Promise.resolve().then(() => handleRequest(ctx, env));
    // Only when tracing: each step of the chain is another microtask on every request.
    if (TRACE) handled = handled.finally(() => log(`session ${session.id} request ${requestId} ${name} end ${(performance.now() - trace).toFixed(1)} ms`));
    handled
      .then(
        (response) => {
          done();
          if (controller.aborted) this.send(failureEnvelope(requestId, controller.reason, name, true), requestId);
          else this.send(response, requestId);
          if (type === fb.Body.Stop) ctx.stop();
          else this.host.spin?.touch();
        },
        (err: unknown) => {
          done();
          this.send(failureEnvelope(requestId, err, name, controller.aborted), requestId);
          this.host.spin?.touch();
        },
      )
      .catch((err: unknown) => logError(`sending the response to ${name} ${requestId}`, err));
  }

  private stop(session: Session): void {
    this.host.stopRequested(session);
    this.close();
  }

  private onClose(): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.state = 'closed';
    const session = this.session;
    this.session = null;
    if (session) {
      session
        .close()
        .catch((err: unknown) => logError(`closing session ${session.id}`, err))
        .finally(() => this.host.sessionClosed(session));
    }
  }
}

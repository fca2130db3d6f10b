// Builders of Envelope frames (request id + Body union) and bodyOf, which opens an Envelope's body as its table.
import * as flatbuffers from 'flatbuffers';
import * as fb from '../gen/kindling/protocol.js';
import { LAYOUT } from '../gen/layout.js';
import { ProtocolError } from './errors.js';

/** The protocol version both sides announce in Hello / Handshake. */
export const PROTOCOL_VERSION = 1;
/** The FlatBuffers file identifier every Envelope carries. */
export const FILE_IDENTIFIER: string = LAYOUT.identifier;

/**
 * Builds one Envelope payload (not yet framed): `build` writes the body table into the builder and returns its
 * offset; the buffer is finished with the "KDL1" identifier.
 */
export function buildEnvelope(requestId: bigint, bodyType: fb.Body, build: (b: flatbuffers.Builder) => number, sizeHint = 256): Uint8Array {
  // A builder sized for the payload up front: growing one by doubling copies a large byte vector many times.
  const b = new flatbuffers.Builder(sizeHint);
  const body = build(b);
  fb.Envelope.startEnvelope(b);
  fb.Envelope.addRequestId(b, requestId);
  fb.Envelope.addBodyType(b, bodyType);
  fb.Envelope.addBody(b, body);
  b.finish(fb.Envelope.endEnvelope(b), FILE_IDENTIFIER);
  return b.asUint8Array();
}

/** An Error response; `params` become its `parameters` key/value list, in insertion order. */
export function errorEnvelope(
  requestId: bigint,
  kind: fb.ErrorKind,
  errorClass: string,
  message: string,
  params: Readonly<Record<string, string>> = {},
): Uint8Array {
  return buildEnvelope(requestId, fb.Body.Error, (b) => {
    const kvs = Object.entries(params).map(([k, v]) => {
      const key = b.createString(k);
      const value = b.createString(v);
      return fb.KeyValue.createKeyValue(b, key, value);
    });
    const paramsVec = kvs.length > 0 ? fb.Error.createParametersVector(b, kvs) : 0;
    const cls = b.createString(errorClass);
    const msg = b.createString(message);
    return fb.Error.createError(b, kind, cls, msg, paramsVec);
  });
}

export function ackEnvelope(requestId: bigint): Uint8Array {
  return buildEnvelope(requestId, fb.Body.Ack, (b) => fb.Ack.createAck(b));
}

/** The engine's first frame on a connection (request id 0). */
export function helloEnvelope(nonce: Uint8Array, engineVersion: string): Uint8Array {
  return buildEnvelope(0n, fb.Body.Hello, (b) => {
    const n = fb.Hello.createNonceVector(b, nonce);
    const v = b.createString(engineVersion);
    return fb.Hello.createHello(b, n, PROTOCOL_VERSION, v);
  });
}

/** The client's answer to Hello: `proof` = HMAC-SHA256(secret, nonce). */
export function handshakeEnvelope(requestId: bigint, proof: Uint8Array, client: string): Uint8Array {
  return buildEnvelope(requestId, fb.Body.Handshake, (b) => {
    const p = fb.Handshake.createProofVector(b, proof);
    const c = b.createString(client);
    return fb.Handshake.createHandshake(b, p, c, PROTOCOL_VERSION);
  });
}

/** The table class of every Body member, by type. */
export interface BodyTables {
  [fb.Body.Hello]: fb.Hello;
  [fb.Body.Handshake]: fb.Handshake;
  [fb.Body.HandshakeOk]: fb.HandshakeOk;
  [fb.Body.ConfigRequest]: fb.ConfigRequest;
  [fb.Body.ConfigResponse]: fb.ConfigResponse;
  [fb.Body.Transform]: fb.Transform;
  [fb.Body.DataFrameHandle]: fb.DataFrameHandle;
  [fb.Body.AnalyzeRequest]: fb.AnalyzeRequest;
  [fb.Body.AnalyzeResponse]: fb.AnalyzeResponse;
  [fb.Body.ExecuteRequest]: fb.ExecuteRequest;
  [fb.Body.ExecuteResponse]: fb.ExecuteResponse;
  [fb.Body.PersistRequest]: fb.PersistRequest;
  [fb.Body.Release]: fb.Release;
  [fb.Body.Cancel]: fb.Cancel;
  [fb.Body.Stop]: fb.Stop;
  [fb.Body.Ack]: fb.Ack;
  [fb.Body.Error]: fb.Error;
  [fb.Body.Progress]: fb.Progress;
}

/** An Envelope's body, discriminated by `type` (switch on it to get the right table class). */
export type BodyOf =
  | { [K in keyof BodyTables]: { readonly type: K; readonly value: BodyTables[K] } }[keyof BodyTables]
  | { readonly type: fb.Body.NONE; readonly value: null };

type TableClass = new () => { bb: flatbuffers.ByteBuffer | null; bb_pos: number };
const BODY_CLASSES: (TableClass | null)[] = LAYOUT.unions.Body.map((name) =>
  name === null ? null : ((fb as unknown as Record<string, TableClass>)[name] ?? null),
);

/** Opens the body of a (verified) Envelope as its generated table class. */
export function bodyOf(env: fb.Envelope): BodyOf {
  const type = env.bodyType();
  if (type === fb.Body.NONE) return { type: fb.Body.NONE, value: null };
  const cls = BODY_CLASSES[type];
  if (!cls) throw new ProtocolError('PROTOCOL_MALFORMED_FRAME', `Malformed frame: Envelope.body: unknown Body type ${type}`);
  const value: unknown = env.body(new cls());
  if (value === null) throw new ProtocolError('PROTOCOL_MALFORMED_FRAME', `Malformed frame: Envelope.body: ${fb.Body[type]} value is missing`);
  return { type, value } as BodyOf;
}

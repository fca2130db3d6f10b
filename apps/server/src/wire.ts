// Response envelopes the engine sends, built with the generated FlatBuffers builders.
import * as flatbuffers from 'flatbuffers';
import { fb, ackEnvelope, buildEnvelope, encodeSchema, errorEnvelope, handleEnvelope, helloEnvelope } from '@kindling/protocol';
import type { StructType } from '@kindling/core';

export type Builder = flatbuffers.Builder;

/** Finished envelope bytes (no length prefix) around one body built by `body`. */
export function envelope(requestId: bigint, type: fb.Body, body: (b: Builder) => number): Uint8Array {
  return buildEnvelope(requestId, type, body);
}

function keyValues(b: Builder, pairs: readonly (readonly [string, string | null])[]): number {
  const offs = pairs.map(([k, v]) => {
    const key = b.createString(k);
    const value = v === null ? 0 : b.createString(v);
    fb.KeyValue.startKeyValue(b);
    fb.KeyValue.addKey(b, key);
    if (value) fb.KeyValue.addValue(b, value);
    return fb.KeyValue.endKeyValue(b);
  });
  return vectorOfOffsets(b, offs);
}

function vectorOfOffsets(b: Builder, offs: readonly number[]): number {
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

export function errorEnvelopeOf(requestId: bigint, kind: fb.ErrorKind, errorClass: string, message: string, params: Readonly<Record<string, string>> = {}): Uint8Array {
  return errorEnvelope(requestId, kind, errorClass, message, params);
}

export function ackOf(requestId: bigint): Uint8Array {
  return ackEnvelope(requestId);
}

export function helloOf(nonce: Uint8Array, engineVersion: string): Uint8Array {
  return helloEnvelope(nonce, engineVersion);
}

export function handshakeOkOf(requestId: bigint, sessionId: bigint, engineVersion: string): Uint8Array {
  return envelope(requestId, fb.Body.HandshakeOk, (b) => {
    const v = b.createString(engineVersion);
    fb.HandshakeOk.startHandshakeOk(b);
    fb.HandshakeOk.addSessionId(b, sessionId);
    fb.HandshakeOk.addEngineVersion(b, v);
    return fb.HandshakeOk.endHandshakeOk(b);
  });
}

export function configResponseOf(requestId: bigint, pairs: readonly (readonly [string, string | null])[]): Uint8Array {
  return envelope(requestId, fb.Body.ConfigResponse, (b) => {
    const vs = keyValues(b, pairs);
    fb.ConfigResponse.startConfigResponse(b);
    fb.ConfigResponse.addValues(b, vs);
    return fb.ConfigResponse.endConfigResponse(b);
  });
}

/** The answer of every transformation, written front to back from templates (`handleEnvelope`). */
export function dataFrameHandleOf(requestId: bigint, id: bigint, schema: StructType): Uint8Array {
  return handleEnvelope(requestId, id, schema.fields);
}

export function analyzeResponseOf(requestId: bigint, r: { text?: string; schema?: StructType; flag?: boolean; numPartitions?: number }): Uint8Array {
  return envelope(requestId, fb.Body.AnalyzeResponse, (b) => {
    const t = r.text !== undefined ? b.createString(r.text) : 0;
    const s = r.schema ? encodeSchema(b, r.schema.fields) : 0;
    fb.AnalyzeResponse.startAnalyzeResponse(b);
    if (t) fb.AnalyzeResponse.addText(b, t);
    if (s) fb.AnalyzeResponse.addSchema(b, s);
    if (r.flag !== undefined) fb.AnalyzeResponse.addFlag(b, r.flag);
    if (r.numPartitions !== undefined) fb.AnalyzeResponse.addNumPartitions(b, r.numPartitions);
    return fb.AnalyzeResponse.endAnalyzeResponse(b);
  });
}

export interface ExecuteResult {
  count?: bigint;
  text?: string;
  format?: fb.ResultFormat;
  data?: Uint8Array;
  shm?: { name: string; size: bigint };
  numRows: bigint;
  schema: StructType;
  /** One pickled list of accumulator updates per successful Python task. */
  accumulatorUpdates?: readonly Uint8Array[];
}

export function executeResponseOf(requestId: bigint, r: ExecuteResult): Uint8Array {
  return envelope(requestId, fb.Body.ExecuteResponse, (b) => {
    const t = r.text !== undefined ? b.createString(r.text) : 0;
    const d = r.data ? fb.ExecuteResponse.createDataVector(b, r.data) : 0;
    let shm = 0;
    if (r.shm) {
      const name = b.createString(r.shm.name);
      fb.ShmRef.startShmRef(b);
      fb.ShmRef.addName(b, name);
      fb.ShmRef.addSize(b, r.shm.size);
      shm = fb.ShmRef.endShmRef(b);
    }
    const s = encodeSchema(b, r.schema.fields);
    const updates = r.accumulatorUpdates && r.accumulatorUpdates.length > 0
      ? fb.ExecuteResponse.createAccumulatorUpdatesVector(b, r.accumulatorUpdates.map((u) => fb.AccumulatorUpdates.createAccumulatorUpdates(b, b.createByteVector(u))))
      : 0;
    fb.ExecuteResponse.startExecuteResponse(b);
    if (r.count !== undefined) fb.ExecuteResponse.addCount(b, r.count);
    if (t) fb.ExecuteResponse.addText(b, t);
    if (r.format !== undefined) fb.ExecuteResponse.addFormat(b, r.format);
    if (d) fb.ExecuteResponse.addData(b, d);
    if (shm) fb.ExecuteResponse.addShm(b, shm);
    fb.ExecuteResponse.addNumRows(b, r.numRows);
    fb.ExecuteResponse.addSchema(b, s);
    if (updates) fb.ExecuteResponse.addAccumulatorUpdates(b, updates);
    return fb.ExecuteResponse.endExecuteResponse(b);
  });
}

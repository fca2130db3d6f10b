// @kindling/protocol: the generated FlatBuffers bindings plus framing, the verifier, envelope builders,
// schema conversion and the handshake's proof — everything the engine and its clients share about the wire.
export * as fb from '../gen/kindling/protocol.js';
export { LAYOUT } from '../gen/layout.js';
export { Builder, ByteBuffer } from 'flatbuffers';
export { ProtocolError, FrameError } from './errors.js';
export { MAX_FRAME_BYTES, encodeFrame, FrameDecoder } from './framing.js';
export { verifyEnvelope, readEnvelope, MAX_DEPTH, MAX_TABLES, type Layout, type LayoutField } from './verify.js';
export {
  buildEnvelope, errorEnvelope, ackEnvelope, helloEnvelope, handshakeEnvelope, bodyOf,
  PROTOCOL_VERSION, FILE_IDENTIFIER, type BodyOf, type BodyTables,
} from './envelope.js';
export { encodeSchema, decodeSchema, encodeDataType, decodeDataType, type SchemaFieldInput } from './schema-codec.js';
export { newSecret, proofFor, checkProof } from './auth.js';
export { Template, handleEnvelope } from './forward.js';

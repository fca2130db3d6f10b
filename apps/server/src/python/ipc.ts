// Arrow IPC for the worker wire, written and read without apache-arrow's stream writer and reader: those build
// a writer, a byte queue and a reader per 10,000-row batch, re-encode the schema each time and join the pieces
// into fresh buffers, which cost more than the Python side of a cheap UDF. Here a batch is laid out once
// (VectorAssembler), written straight into the frame that carries it, and results are loaded (VectorLoader)
// as views over the received frame. Dictionary-encoded and compressed batches take the library's path.
import * as arrow from 'apache-arrow';
import { makeBatch } from '@kindling/core';
import { Message, RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';
import { VectorAssembler } from 'apache-arrow/visitor/vectorassembler';
import { VectorLoader } from 'apache-arrow/visitor/vectorloader';

const CONTINUATION = 0xffffffff;

function pad8(n: number): number {
  return (n + 7) & ~7;
}

/** One batch as a stream (schema message, batch message, end-of-stream), sized before it is written. */
export interface IpcPlan {
  readonly byteLength: number;
  /** Writes the stream into `dst`, which must be zeroed (padding is not written). */
  write(dst: Uint8Array): void;
}

function hasDictionaries(schema: arrow.Schema): boolean {
  return schema.dictionaries.size > 0;
}

/** Encodes a task's input batches; the schema message is encoded once per schema. */
export class IpcEncoder {
  private schema: arrow.Schema | null = null;
  private schemaMessage: Uint8Array = new Uint8Array(0);

  plan(batch: arrow.RecordBatch): IpcPlan {
    if (hasDictionaries(batch.schema)) {
      const ipc = arrow.tableToIPC(new arrow.Table(batch), 'stream');
      return { byteLength: ipc.length, write: (dst: Uint8Array) => dst.set(ipc) };
    }
    if (this.schema !== batch.schema) {
      this.schema = batch.schema;
      this.schemaMessage = Message.encode(Message.from(batch.schema));
    }
    const schemaMessage = this.schemaMessage;
    const asm = VectorAssembler.assemble(batch);
    const header = new BatchHeader(batch.numRows, asm.nodes, asm.bufferRegions, null, asm.variadicBufferCounts);
    const meta = Message.encode(Message.from(header, asm.byteLength));
    const schemaLen = 8 + pad8(schemaMessage.length);
    const metaLen = 8 + pad8(meta.length);
    const bodyLen = asm.byteLength;
    const byteLength = schemaLen + metaLen + bodyLen + 8;
    const regions = asm.bufferRegions;
    const buffers = asm.buffers;
    return {
      byteLength,
      write(dst: Uint8Array): void {
        const view = new DataView(dst.buffer, dst.byteOffset, byteLength);
        view.setUint32(0, CONTINUATION, true);
        view.setInt32(4, schemaLen - 8, true);
        dst.set(schemaMessage, 8);
        view.setUint32(schemaLen, CONTINUATION, true);
        view.setInt32(schemaLen + 4, metaLen - 8, true);
        dst.set(meta, schemaLen + 8);
        const body = schemaLen + metaLen;
        for (let i = 0; i < buffers.length; i++) {
          const b = buffers[i]!;
          if (b.byteLength > 0) dst.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), body + regions[i]!.offset);
        }
        view.setUint32(body + bodyLen, CONTINUATION, true);
        view.setInt32(body + bodyLen + 4, 0, true);
      },
    };
  }
}

/**
 * Decodes a task's result streams: the schema is decoded once (and again only if its bytes change); batch
 * buffers are views over the frame when 8-byte aligned, else one copy of the body. Returns null for what
 * it leaves to the library (dictionaries, compression, the pre-0.15 format).
 */
export class IpcDecoder {
  private schemaBytes: Uint8Array | null = null;
  private schema: arrow.Schema | null = null;

  /** The schema of the last stream decoded. */
  get currentSchema(): arrow.Schema | null {
    return this.schema;
  }

  decode(bytes: Uint8Array): arrow.RecordBatch[] | null {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: arrow.RecordBatch[] = [];
    let pos = 0;
    while (pos + 8 <= bytes.length) {
      if (view.getUint32(pos, true) !== CONTINUATION) return null;
      const metaLen = view.getInt32(pos + 4, true);
      pos += 8;
      if (metaLen === 0) break;
      if (metaLen < 0 || pos + metaLen > bytes.length) return null;
      const meta = bytes.subarray(pos, pos + metaLen);
      pos += metaLen;
      if (this.schema && this.schemaBytes && sameBytes(meta, this.schemaBytes)) continue;
      const msg = Message.decode(meta);
      if (msg.isSchema()) {
        const schema = msg.header();
        if (hasDictionaries(schema)) return null;
        this.schema = schema;
        this.schemaBytes = meta.slice();
        continue;
      }
      if (!msg.isRecordBatch() || !this.schema) return null;
      const header = msg.header();
      if (header.compression != null || pos + msg.bodyLength > bytes.length) return null;
      // The loader slices buffers out of the body unchecked: a region past the body's end is refused here.
      for (const r of header.buffers) {
        if (r.offset < 0 || r.length < 0 || r.offset + r.length > msg.bodyLength) {
          throw new RangeError(`Arrow batch buffer [${r.offset}, ${r.offset + r.length}) lies outside its ${msg.bodyLength}-byte body`);
        }
      }
      let body = bytes.subarray(pos, pos + msg.bodyLength);
      pos += msg.bodyLength;
      // Typed-array views need aligned offsets; a body that is not 8-aligned in the frame is copied once.
      if (body.byteOffset % 8 !== 0) body = body.slice();
      const children = new VectorLoader(body, header.nodes, header.buffers, new Map(), arrow.MetadataVersion.V5, header.variadicBufferCounts).visitMany(this.schema.fields);
      out.push(makeBatch(this.schema, children, header.length));
    }
    return out;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

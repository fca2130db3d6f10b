// A ByteBuffer that throws on any read outside the buffer or of invalid UTF-8: the plain runtime would silently
// read `undefined`, so the fuzz test reads accepted frames through this one to prove the verifier's guarantee.
import * as flatbuffers from 'flatbuffers';

const strict = new TextDecoder('utf-8', { fatal: true });

export class CheckedByteBuffer extends flatbuffers.ByteBuffer {
  private check(offset: number, size: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.capacity()) {
      throw new RangeError(`read of ${size} bytes at ${offset} outside a ${this.capacity()}-byte buffer`);
    }
  }
  override readInt8(o: number): number { this.check(o, 1); return super.readInt8(o); }
  override readUint8(o: number): number { this.check(o, 1); return super.readUint8(o); }
  override readInt16(o: number): number { this.check(o, 2); return super.readInt16(o); }
  override readUint16(o: number): number { this.check(o, 2); return super.readUint16(o); }
  override readInt32(o: number): number { this.check(o, 4); return super.readInt32(o); }
  override readUint32(o: number): number { this.check(o, 4); return super.readUint32(o); }
  override readInt64(o: number): bigint { this.check(o, 8); return super.readInt64(o); }
  override readUint64(o: number): bigint { this.check(o, 8); return super.readUint64(o); }
  override readFloat32(o: number): number { this.check(o, 4); return super.readFloat32(o); }
  override readFloat64(o: number): number { this.check(o, 8); return super.readFloat64(o); }
  override __string(offset: number, enc?: flatbuffers.Encoding): string | Uint8Array {
    const start = offset + this.readInt32(offset);
    const len = this.readInt32(start);
    this.check(start + 4, len);
    strict.decode(this.bytes().subarray(start + 4, start + 4 + len));
    return super.__string(offset, enc);
  }
}

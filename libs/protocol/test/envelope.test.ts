// Envelope builders and bodyOf, the schema codec and the handshake proof.
import * as flatbuffers from 'flatbuffers';
import { ArrayT, BooleanT, DateT, DoubleT, IntegerT, LongT, NullT, StringT, StructT, StructType, TimestampT } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import {
  FILE_IDENTIFIER, LAYOUT, PROTOCOL_VERSION, ProtocolError, ackEnvelope, bodyOf, buildEnvelope, checkProof,
  decodeSchema, encodeSchema, errorEnvelope, fb, handshakeEnvelope, helloEnvelope, newSecret, proofFor, readEnvelope,
} from '../src/index.js';
import { validSamples } from './samples.js';

describe('envelope builders', () => {
  it('errorEnvelope carries kind, class, message and ordered parameters', () => {
    const env = readEnvelope(errorEnvelope(12n, fb.ErrorKind.Execution, 'DIVIDE_BY_ZERO', 'Division by zero.', { a: '1', b: 'é' }));
    expect(env.requestId()).toBe(12n);
    const body = bodyOf(env);
    expect(body.type).toBe(fb.Body.Error);
    if (body.type !== fb.Body.Error) throw new Error('unreachable');
    expect(body.value).toBeInstanceOf(fb.Error);
    expect(body.value.kind()).toBe(fb.ErrorKind.Execution);
    expect(body.value.errorClass()).toBe('DIVIDE_BY_ZERO');
    expect(body.value.message()).toBe('Division by zero.');
    const params = Array.from({ length: body.value.parametersLength() }, (_, i) => [body.value.parameters(i)!.key(), body.value.parameters(i)!.value()]);
    expect(params).toEqual([['a', '1'], ['b', 'é']]);
  });

  it('ackEnvelope, helloEnvelope and handshakeEnvelope', () => {
    expect(bodyOf(readEnvelope(ackEnvelope(3n))).type).toBe(fb.Body.Ack);
    const nonce = Uint8Array.from({ length: 32 }, (_, i) => i);
    const hello = readEnvelope(helloEnvelope(nonce, '1.2.3'));
    expect(hello.requestId()).toBe(0n);
    expect(hello.unpack().body).toEqual(new fb.HelloT([...nonce], PROTOCOL_VERSION, '1.2.3'));
    const hs = readEnvelope(handshakeEnvelope(1n, Uint8Array.of(9, 8), 'python'));
    expect(hs.unpack()).toEqual(new fb.EnvelopeT(1n, fb.Body.Handshake, new fb.HandshakeT([9, 8], 'python', 1)));
  });

  it('buildEnvelope finishes with the file identifier', () => {
    const bytes = buildEnvelope(1n, fb.Body.Stop, (b) => fb.Stop.createStop(b));
    expect(FILE_IDENTIFIER).toBe('KDL1');
    expect(Buffer.from(bytes.subarray(4, 8)).toString()).toBe('KDL1');
    expect(fb.Envelope.bufferHasIdentifier(new flatbuffers.ByteBuffer(bytes))).toBe(true);
  });

  it('bodyOf opens every sample body as its generated class', () => {
    for (const s of validSamples()) {
      const env = readEnvelope(s.bytes);
      const { type, value } = bodyOf(env);
      const name = LAYOUT.unions.Body[type]!;
      expect(value, s.name).toBeInstanceOf((fb as unknown as Record<string, new () => unknown>)[name]);
    }
  });

  it('bodyOf of an unknown type is a protocol error (for unverified envelopes)', () => {
    const b = new flatbuffers.Builder(32);
    b.startObject(0);
    const body = b.endObject();
    b.startObject(3);
    b.addFieldInt8(1, 99, 0);
    b.addFieldOffset(2, body, 0);
    b.finish(b.endObject(), 'KDL1');
    const env = fb.Envelope.getRootAsEnvelope(new flatbuffers.ByteBuffer(b.asUint8Array()));
    expect(() => bodyOf(env)).toThrow(ProtocolError);
  });
});

describe('schema codec', () => {
  const roundTrip = (fields: { name: string; dataType: Parameters<typeof encodeSchema>[1][number]['dataType']; nullable: boolean }[]) => {
    const bytes = buildEnvelope(1n, fb.Body.DataFrameHandle, (b) => {
      const schema = encodeSchema(b, fields);
      fb.DataFrameHandle.startDataFrameHandle(b);
      fb.DataFrameHandle.addId(b, 5n);
      fb.DataFrameHandle.addSchema(b, schema);
      return fb.DataFrameHandle.endDataFrameHandle(b);
    });
    const body = bodyOf(readEnvelope(bytes));
    if (body.type !== fb.Body.DataFrameHandle) throw new Error('unreachable');
    return decodeSchema(body.value.schema()!);
  };

  it('round-trips every data type with nullability', () => {
    const fields = [
      { name: 'b', dataType: BooleanT, nullable: true },
      { name: 'i', dataType: IntegerT, nullable: false },
      { name: 'l', dataType: LongT, nullable: true },
      { name: 'd', dataType: DoubleT, nullable: false },
      { name: 's', dataType: StringT, nullable: true },
      { name: 'dt', dataType: DateT, nullable: true },
      { name: 'ts', dataType: TimestampT, nullable: false },
      { name: 'n', dataType: NullT, nullable: true },
      { name: 'a', dataType: ArrayT(LongT, false), nullable: true },
      { name: 'aa', dataType: ArrayT(ArrayT(StringT, true), false), nullable: false },
      { name: 'st', dataType: StructT([{ name: 'x', dataType: LongT, nullable: false }, { name: 'y', dataType: StructT([{ name: 'z', dataType: ArrayT(StringT), nullable: true }]), nullable: true }]), nullable: true },
      { name: 'empty', dataType: StructT([]), nullable: false },
      { name: '', dataType: StringT, nullable: true },
    ];
    const decoded = roundTrip(fields);
    expect(decoded).toBeInstanceOf(StructType);
    expect(decoded.fields).toEqual(fields);
  });

  it('round-trips an empty schema', () => {
    expect(roundTrip([]).fields).toEqual([]);
  });

  it('rejects an Array without element type and an unknown kind', () => {
    const dataType = (b: flatbuffers.Builder, kind: number) => {
      fb.DataType.startDataType(b);
      fb.DataType.addKind(b, kind);
      return fb.DataType.endDataType(b);
    };
    const decodeRaw = (write: (b: flatbuffers.Builder) => number) => {
      const b = new flatbuffers.Builder(64);
      const dt = write(b);
      const name = b.createString('x');
      fb.Field.startField(b);
      fb.Field.addName(b, name);
      fb.Field.addType(b, dt);
      const field = fb.Field.endField(b);
      b.finish(fb.Schema.createSchema(b, fb.Schema.createFieldsVector(b, [field])));
      return decodeSchema(fb.Schema.getRootAsSchema(new flatbuffers.ByteBuffer(b.asUint8Array())));
    };
    expect(() => decodeRaw((b) => dataType(b, fb.TypeKind.Array))).toThrow(/Schema.fields\[0\] \(x\).type: an Array type needs an element type/);
    expect(() => decodeRaw((b) => dataType(b, 99))).toThrow(/unknown TypeKind 99/);
  });
});

describe('auth', () => {
  it('computes HMAC-SHA256 (RFC 4231 test case 2)', () => {
    const proof = proofFor(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?'));
    expect(proof.toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('checks proofs, false on a wrong proof, wrong secret or length mismatch', () => {
    const secret = newSecret();
    expect(secret).toHaveLength(32);
    expect(newSecret().equals(secret)).toBe(false);
    const nonce = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const proof = proofFor(secret, nonce);
    expect(checkProof(secret, nonce, proof)).toBe(true);
    const wrong = Buffer.from(proof);
    wrong[0]! ^= 1;
    expect(checkProof(secret, nonce, wrong)).toBe(false);
    expect(checkProof(newSecret(), nonce, proof)).toBe(false);
    expect(checkProof(secret, nonce, proof.subarray(0, 31))).toBe(false);
    expect(checkProof(secret, nonce, new Uint8Array(0))).toBe(false);
  });
});

// The schema-driven verifier: every valid envelope passes and reads back; each kind of damage is named.
import * as flatbuffers from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { LAYOUT, ProtocolError, buildEnvelope, errorEnvelope, fb, readEnvelope, verifyEnvelope } from '../src/index.js';
import { coveredBodies, everyExpression, everyTransform, validSamples } from './samples.js';

/** Finishes a hand-built root table with the identifier. */
function finish(b: flatbuffers.Builder, root: number, identifier = 'KDL1'): Uint8Array {
  b.finish(root, identifier);
  return b.asUint8Array().slice();
}

/** An Envelope whose body is written by `body` with the low-level builder API (bypassing required checks). */
function rawEnvelope(bodyType: number, body: (b: flatbuffers.Builder) => number, withBody = true): Uint8Array {
  const b = new flatbuffers.Builder(64);
  const off = body(b);
  b.startObject(3);
  b.addFieldInt64(0, 9n, 0n);
  b.addFieldInt8(1, bodyType, 0);
  if (withBody) b.addFieldOffset(2, off, 0);
  return finish(b, b.endObject());
}

const emptyTable = (b: flatbuffers.Builder) => {
  b.startObject(0);
  return b.endObject();
};

/** Wraps expression `e` in `levels` Alias nodes inside a Project transform. */
function nestedAliases(levels: number): Uint8Array {
  let e = new fb.ExpressionT(fb.ExprNode.ColumnRef, new fb.ColumnRefT('a', 0n));
  for (let i = 0; i < levels; i++) e = new fb.ExpressionT(fb.ExprNode.Alias, new fb.AliasT(e, `n${i}`));
  const t = new fb.TransformT(fb.RelationOp.Project, new fb.ProjectT(1n, [e]));
  return buildEnvelope(1n, fb.Body.Transform, (b) => t.pack(b));
}

describe('verifyEnvelope on valid frames', () => {
  const samples = validSamples();

  it('covers every Body, RelationOp and ExprNode member', () => {
    expect(coveredBodies(samples)).toEqual(new Set(LAYOUT.unions.Body.filter((n) => n !== null)));
    expect(new Set(everyTransform().map((t) => fb.RelationOp[t.opType]))).toEqual(new Set(LAYOUT.unions.RelationOp.filter((n) => n !== null)));
    expect(new Set(everyExpression().map((e) => fb.ExprNode[e.nodeType]))).toEqual(new Set(LAYOUT.unions.ExprNode.filter((n) => n !== null)));
  });

  it.each(samples.map((s) => [s.name, s] as const))('accepts %s and reads it back', (_name, s) => {
    expect(verifyEnvelope(s.bytes)).toBeNull();
    const env = readEnvelope(s.bytes).unpack();
    if (s.body) expect(env.body).toEqual(s.body);
  });

  it('accepts a frame that is a view into a larger buffer', () => {
    const s = samples.find((x) => x.name.startsWith('Transform Project'))!;
    const big = new Uint8Array(s.bytes.length + 13);
    big.set(s.bytes, 5);
    expect(verifyEnvelope(big.subarray(5, 5 + s.bytes.length))).toBeNull();
  });

  it('accepts nesting up to the depth limit and names the limit beyond it', () => {
    // Envelope, Transform, Project, an Expression + Alias pair per level, then Expression + ColumnRef:
    // 5 + 2 * levels tables deep, so 125 Alias levels are the most that fit in 256.
    expect(verifyEnvelope(nestedAliases(125))).toBeNull();
    expect(verifyEnvelope(nestedAliases(126))).toMatch(/ColumnRef: nesting deeper than 256 tables$/);
    expect(verifyEnvelope(nestedAliases(126), { maxDepth: 300 })).toBeNull();
  });
});

describe('verifyEnvelope on damaged frames', () => {
  const err = (bytes: Uint8Array) => verifyEnvelope(bytes);

  it('checks the header', () => {
    const ok = errorEnvelope(1n, fb.ErrorKind.Internal, 'X', 'm');
    expect(err(ok.subarray(0, 7))).toMatch(/shorter than a FlatBuffer header/);
    const wrongId = ok.slice();
    wrongId[4] = 'X'.charCodeAt(0);
    expect(err(wrongId)).toMatch(/file identifier "KDL1"/);
    const badRoot = ok.slice();
    new DataView(badRoot.buffer).setUint32(0, ok.length + 4, true);
    expect(err(badRoot)).toMatch(/root offset out of bounds/);
  });

  it('names missing required fields', () => {
    // An Error table without its required message.
    const bytes = rawEnvelope(fb.Body.Error, (b) => {
      const cls = b.createString('C');
      b.startObject(4);
      b.addFieldOffset(1, cls, 0);
      return b.endObject();
    });
    expect(err(bytes)).toBe('Envelope.body > Error.message: required field is missing');
    expect(() => readEnvelope(bytes)).toThrow(ProtocolError);
    try {
      readEnvelope(bytes);
    } catch (e) {
      expect((e as ProtocolError).errorClass).toBe('PROTOCOL_MALFORMED_FRAME');
      expect((e as ProtocolError).message).toContain('Error.message');
    }
  });

  it('checks union types and values', () => {
    expect(err(rawEnvelope(0, emptyTable, false))).toBe('Envelope.body: required field is missing');
    expect(err(rawEnvelope(0, emptyTable))).toMatch(/Envelope.body: value present but type is NONE/);
    expect(err(rawEnvelope(200, emptyTable))).toMatch(/Envelope.body: unknown Body type 200/);
    expect(err(rawEnvelope(LAYOUT.unions.Body.length, emptyTable))).toMatch(/unknown Body type/);
    expect(err(rawEnvelope(fb.Body.Ack, emptyTable))).toBeNull();
    // A non-required union (none in Envelope) is exercised through Transform.op being required and Expression.node.
    const bytes = rawEnvelope(fb.Body.Transform, (b) => {
      b.startObject(2);
      return b.endObject();
    });
    expect(err(bytes)).toBe('Envelope.body > Transform.op: required field is missing');
  });

  it('rejects a union type set without a value', () => {
    const bytes = rawEnvelope(fb.Body.Transform, (b) => {
      b.startObject(2);
      b.addFieldInt8(0, fb.RelationOp.Range, 0);
      return b.endObject();
    });
    expect(err(bytes)).toMatch(/Transform.op: (required field is missing|union type is set)/);
  });

  it('checks strings: UTF-8, NUL terminator, bounds', () => {
    const bad = rawEnvelope(fb.Body.Error, (b) => {
      const msg = b.createString(Uint8Array.of(0x61, 0xff, 0x62));
      b.startObject(4);
      b.addFieldOffset(2, msg, 0);
      return b.endObject();
    });
    expect(err(bad)).toBe('Envelope.body > Error.message: string is not valid UTF-8');
    for (const seq of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      const bytes = rawEnvelope(fb.Body.Error, (b) => {
        const msg = b.createString(Uint8Array.from(seq));
        b.startObject(4);
        b.addFieldOffset(2, msg, 0);
        return b.endObject();
      });
      expect(err(bytes)).toMatch(/not valid UTF-8/);
    }
    const ok = errorEnvelope(1n, fb.ErrorKind.Internal, 'C', 'zzzz');
    const at = Buffer.from(ok).indexOf('zzzz');
    const noNul = ok.slice();
    noNul[at + 4] = 0x41;
    expect(err(noNul)).toMatch(/Error.message: string is not NUL-terminated/);
    const long = ok.slice();
    new DataView(long.buffer).setUint32(at - 4, 1_000_000, true);
    expect(err(long)).toMatch(/Error.message: string of 1000000 bytes overruns the buffer/);
  });

  it('checks vector lengths and the element budget', () => {
    const rel = buildEnvelope(1n, fb.Body.Release, (b) => new fb.ReleaseT([1n, 2n]).pack(b));
    const at = Buffer.from(rel).indexOf(Buffer.from([2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0].slice(8).concat([2, 0, 0, 0, 0, 0, 0, 0])));
    expect(at).toBeGreaterThan(0);
    const grown = rel.slice();
    new DataView(grown.buffer).setUint32(at - 4, 3, true);
    expect(err(grown)).toMatch(/Release.ids: vector of 3 elements overruns the buffer/);
    // 2,000 names all pointing at one 1,000-byte string: 2 MB of string bytes from a ~9 kB frame.
    const b = new flatbuffers.Builder(1024);
    const s = b.createString('x'.repeat(1000));
    const names = fb.WithColumns.createNamesVector(b, new Array(2000).fill(s));
    fb.WithColumns.startWithColumns(b);
    fb.WithColumns.addNames(b, names);
    const wc = fb.WithColumns.endWithColumns(b);
    const t = fb.Transform.createTransform(b, fb.RelationOp.WithColumns, wc);
    const env = fb.Envelope.createEnvelope(b, 1n, fb.Body.Transform, t);
    expect(err(finish(b, env))).toMatch(/WithColumns.names\[\d+\]: too many string bytes/);
  });

  it('bounds the work on shared subtrees (a DAG of offsets)', () => {
    const b = new flatbuffers.Builder(1024);
    const name = b.createString('a');
    let e = fb.Expression.createExpression(b, fb.ExprNode.ColumnRef, fb.ColumnRef.createColumnRef(b, name, 0n));
    const fname = b.createString('f');
    for (let level = 0; level < 6; level++) {
      const args = fb.Call.createArgsVector(b, new Array(100).fill(e));
      e = fb.Expression.createExpression(b, fb.ExprNode.Call, fb.Call.createCall(b, fname, args, false));
    }
    const proj = fb.Project.createProject(b, 1n, fb.Project.createExprsVector(b, [e]));
    const t = fb.Transform.createTransform(b, fb.RelationOp.Project, proj);
    const bytes = finish(b, fb.Envelope.createEnvelope(b, 1n, fb.Body.Transform, t));
    const t0 = performance.now();
    // 100^6 paths: a work bound (vector elements and string bytes ≤ buffer size, tables ≤ 1,000,000) stops it.
    expect(err(bytes)).toMatch(/more than 1000000 tables|too many (vector elements|string bytes) for the buffer size/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('checks tables and vtables', () => {
    const ok = buildEnvelope(3n, fb.Body.Cancel, (b) => fb.Cancel.createCancel(b, 77n));
    const dv = (u: Uint8Array) => new DataView(u.buffer, u.byteOffset, u.byteLength);
    const root = dv(ok).getUint32(0, true);
    const vt = root - dv(ok).getInt32(root, true);
    const cases: [string, (u: Uint8Array) => void, RegExp][] = [
      ['misaligned root', (u) => dv(u).setUint32(0, root + 2, true), /Envelope: table offset out of bounds or misaligned|vtable/],
      ['vtable outside', (u) => dv(u).setInt32(root, root + 1000, true), /Envelope: vtable out of bounds/],
      ['odd vtable size', (u) => dv(u).setUint16(vt, 5, true), /Envelope: bad vtable size 5/],
      ['tiny vtable size', (u) => dv(u).setUint16(vt, 2, true), /Envelope: bad vtable size 2/],
      ['huge vtable size', (u) => dv(u).setUint16(vt, 0x8000, true), /Envelope: bad vtable size/],
      ['table overruns', (u) => dv(u).setUint16(vt + 2, 0xfff0, true), /Envelope: bad table size/],
      ['field outside table', (u) => dv(u).setUint16(vt + 4, dv(u).getUint16(vt + 2, true), true), /Envelope.request_id: field lies outside its table/],
      ['field in soffset', (u) => dv(u).setUint16(vt + 4, 2, true), /Envelope.request_id: field lies outside its table/],
    ];
    for (const [name, damage, expected] of cases) {
      const u = ok.slice();
      damage(u);
      expect(err(u), name).toMatch(expected);
    }
  });

  it('never throws on arbitrary inputs of every small length', () => {
    for (let n = 0; n < 64; n++) {
      expect(typeof err(new Uint8Array(n).fill(0xff))).toBe(n < 8 ? 'string' : 'string');
      const z = new Uint8Array(n);
      if (n >= 8) z.set([0x4b, 0x44, 0x4c, 0x31], 4);
      expect(typeof err(z)).toBe('string');
    }
  });
});

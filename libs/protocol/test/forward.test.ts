// handleEnvelope (the front-to-back DataFrameHandle answer) reads exactly as the generic builder's answer, for
// random schemas of every type kind, nesting and name; it verifies, and templates place every field aligned.
import { ArrayT, BinaryT, BooleanT, DateT, DecimalT, DoubleT, IntegerT, LongT, MapT, NullT, StringT, StructT, TimestampT, type DataType, type StructField } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { LAYOUT, Template, buildEnvelope, decodeSchema, encodeSchema, fb, handleEnvelope, readEnvelope, verifyEnvelope } from '../src/index.js';

const NAMES = ['', 'id', 'naïve ☃', '𝄞 clef', 'x'.repeat(41), 'lone \ud800 surrogate', 'a.b'];
const LEAVES: DataType[] = [NullT, BooleanT, IntegerT, LongT, DoubleT, StringT, DateT, TimestampT, BinaryT, DecimalT(10, 0), DecimalT(38, 18), DecimalT(1, 1)];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomType(r: () => number, depth: number): DataType {
  const p = r();
  if (depth >= 3 || p < 0.6) return LEAVES[Math.floor(r() * LEAVES.length)]!;
  if (p < 0.72) return ArrayT(randomType(r, depth + 1), r() < 0.5);
  if (p < 0.8) return MapT(randomType(r, depth + 1), randomType(r, depth + 1), r() < 0.5);
  return StructT(randomFields(r, depth + 1));
}

function randomFields(r: () => number, depth: number): StructField[] {
  return Array.from({ length: Math.floor(r() * 4) }, () => ({
    name: NAMES[Math.floor(r() * NAMES.length)]!,
    dataType: randomType(r, depth),
    nullable: r() < 0.5,
  }));
}

function handle(bytes: Uint8Array): { requestId: bigint; id: bigint; schema: ReturnType<typeof decodeSchema> } {
  const env = readEnvelope(bytes);
  expect(env.bodyType()).toBe(fb.Body.DataFrameHandle);
  const h = env.body(new fb.DataFrameHandle()) as fb.DataFrameHandle;
  return { requestId: env.requestId(), id: h.id(), schema: decodeSchema(h.schema()!) };
}

describe('handleEnvelope', () => {
  it('reads as the generic builder answer for random schemas', () => {
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const fields = randomFields(r, 0);
      const requestId = [0n, 1n, 2n ** 64n - 1n, BigInt(i)][i % 4]!;
      const id = [0n, 5n, 2n ** 63n][i % 3]!;
      const fast = handleEnvelope(requestId, id, fields);
      const generic = buildEnvelope(requestId, fb.Body.DataFrameHandle, (b) => {
        const s = encodeSchema(b, fields);
        fb.DataFrameHandle.startDataFrameHandle(b);
        fb.DataFrameHandle.addId(b, id);
        fb.DataFrameHandle.addSchema(b, s);
        return fb.DataFrameHandle.endDataFrameHandle(b);
      });
      expect(verifyEnvelope(fast)).toBeNull();
      expect(handle(fast)).toEqual(handle(generic));
      expect(handle(fast).schema.fields.length).toBe(fields.length);
    }
  });

  it('leaves nothing of an earlier answer in the padding (its scratch buffer is reused)', () => {
    const small = [{ name: 'id', dataType: LongT, nullable: false }];
    const first = Buffer.from(handleEnvelope(1n, 2n, small));
    handleEnvelope(9n, 9n, randomFields(rng(3), 0).concat(Array.from({ length: 50 }, (_, i) => ({ name: `c${i}\u00e9`, dataType: StringT, nullable: true }))));
    expect(Buffer.from(handleEnvelope(1n, 2n, small)).equals(first)).toBe(true);
    expect(first.length % 8).toBe(0);
  });

  it('grows past its first buffer', () => {
    const fields = Array.from({ length: 300 }, (_, i) => ({ name: `column_${i}_${'é'.repeat(i % 7)}`, dataType: ArrayT(StructT([{ name: 'x', dataType: LongT, nullable: true }]), true), nullable: i % 2 === 0 }));
    const fast = handleEnvelope(3n, 4n, fields);
    expect(verifyEnvelope(fast)).toBeNull();
    expect(handle(fast).schema.fields.map((f) => f.name)).toEqual(fields.map((f) => f.name));
  });
});

describe('Template', () => {
  it('places every field of every table inside the table, aligned to its width, without overlap', () => {
    for (const [name, t] of Object.entries(LAYOUT.tables)) {
      const tpl = new Template(name, t.fields.map((f) => f.name));
      const dv = new DataView(tpl.blob.buffer);
      const vtSize = dv.getUint16(0, true);
      const tSize = dv.getUint16(2, true);
      expect(tpl.table % 8).toBe(0);
      expect(tpl.size % 8).toBe(0);
      expect(dv.getInt32(tpl.table, true)).toBe(tpl.table);
      const taken = new Set<number>();
      for (const f of t.fields) {
        const width = f.kind === 'scalar' ? f.size! : 4;
        const off = dv.getUint16(4 + 2 * f.slot, true);
        expect(4 + 2 * f.slot).toBeLessThan(vtSize);
        expect(off).toBeGreaterThanOrEqual(4);
        expect(off + width).toBeLessThanOrEqual(tSize);
        expect((tpl.table + off) % width).toBe(0);
        expect(tpl.at[f.name]).toBe(tpl.table + off);
        for (let k = 0; k < width; k++) {
          expect(taken.has(off + k)).toBe(false);
          taken.add(off + k);
        }
      }
    }
  });

  it('names the table or field at fault', () => {
    expect(() => new Template('Nope', [])).toThrow('no table Nope');
    expect(() => new Template('Project', ['nope'])).toThrow('Project has no field nope');
  });
});

// The schema-driven verifier: checks that every offset, table, string and vector an Envelope frame reaches lies in
// bounds before any generated accessor reads it (the flatbuffers runtime does no bounds checks). Driven by LAYOUT.
import * as flatbuffers from 'flatbuffers';
import * as fb from '../gen/kindling/protocol.js';
import { LAYOUT } from '../gen/layout.js';
import { ProtocolError } from './errors.js';

/** Deepest table nesting accepted (the Envelope is depth 1). */
// Each expression level is two tables (Expression + its node): 256 allows 127 levels of nesting.
export const MAX_DEPTH = 256;
/** Most tables one frame may reach (shared subtrees count once per reference). */
export const MAX_TABLES = 1_000_000;

/** The shape of the generated LAYOUT, as the verifier reads it. */
export interface LayoutField {
  readonly name: string;
  readonly slot: number;
  readonly kind: 'scalar' | 'string' | 'table' | 'union' | 'vector_scalar' | 'vector_string' | 'vector_table';
  readonly size?: number;
  readonly table?: string;
  readonly union?: string;
  readonly required: boolean;
}
export interface Layout {
  readonly root: string;
  readonly identifier: string;
  readonly tables: Readonly<Record<string, { readonly fields: readonly LayoutField[] }>>;
  readonly unions: Readonly<Record<string, readonly (string | null)[]>>;
}

const enum K { Scalar, String, Table, Union, VectorScalar, VectorString, VectorTable }
const KINDS: Record<LayoutField['kind'], K> = {
  scalar: K.Scalar, string: K.String, table: K.Table, union: K.Union,
  vector_scalar: K.VectorScalar, vector_string: K.VectorString, vector_table: K.VectorTable,
};

interface CField {
  readonly label: string; // "Table.field"
  readonly voff: number; // byte offset of the field's vtable entry
  readonly kind: K;
  readonly size: number; // scalar or vector element size
  readonly table: number; // referenced table index (table / vector_table)
  readonly members: readonly number[]; // union: table index per type, -1 for NONE
  readonly unionName: string;
  readonly required: boolean;
}
interface CTable {
  readonly name: string;
  readonly fields: CField[];
}

/** Compiles a layout into index-linked tables once, so verification does no name lookups. */
function compile(layout: Layout): { tables: CTable[]; root: number; identifier: Uint8Array } {
  const names = Object.keys(layout.tables);
  const index = new Map(names.map((n, i) => [n, i]));
  const tableIndex = (n: string | undefined | null, where: string): number => {
    const i = n == null ? undefined : index.get(n);
    if (i === undefined) throw new Error(`LAYOUT: ${where} references unknown table ${String(n)}`);
    return i;
  };
  const tables: CTable[] = names.map((name) => ({ name, fields: [] }));
  names.forEach((name, ti) => {
    for (const f of layout.tables[name]!.fields) {
      const label = `${name}.${f.name}`;
      const kind = KINDS[f.kind];
      const unionMembers = f.kind === 'union' ? layout.unions[f.union!] : undefined;
      if (f.kind === 'union' && !unionMembers) throw new Error(`LAYOUT: ${label} references unknown union ${f.union}`);
      tables[ti]!.fields.push({
        label,
        voff: 4 + 2 * f.slot,
        kind,
        size: f.size ?? 4,
        table: kind === K.Table || kind === K.VectorTable ? tableIndex(f.table, label) : -1,
        members: unionMembers ? unionMembers.map((m) => (m === null ? -1 : tableIndex(m, label))) : [],
        unionName: f.union ?? '',
        required: f.required,
      });
    }
  });
  return { tables, root: tableIndex(layout.root, 'root'), identifier: new TextEncoder().encode(layout.identifier) };
}

const COMPILED = compile(LAYOUT);

function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= end || (b[i + 1]! & 0xc0) !== 0x80) return false;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (i + 2 >= end) return false;
      const c1 = b[i + 1]!;
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2]! & 0xc0) !== 0x80) return false;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return false; // overlong / surrogate
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (i + 3 >= end) return false;
      const c1 = b[i + 1]!;
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2]! & 0xc0) !== 0x80 || (b[i + 3]! & 0xc0) !== 0x80) return false;
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return false; // overlong / > U+10FFFF
      i += 4;
    } else return false;
  }
  return true;
}

/** One verification run over one buffer; methods return null when fine or an error naming the part at fault. */
class Run {
  private readonly dv: DataView;
  private readonly len: number;
  private tablesLeft = MAX_TABLES;
  private elemsLeft: number; // vector elements plus string bytes, bounded by the buffer size
  constructor(private readonly buf: Uint8Array, private readonly tables: CTable[], private readonly maxDepth: number) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.len = buf.length;
    this.elemsLeft = buf.length;
  }

  /** Follows the uoffset stored at pos (already checked to be in bounds and aligned); -1 when it leads outside. */
  private deref(pos: number): number {
    const target = pos + this.dv.getUint32(pos, true);
    return target < this.len ? target : -1;
  }

  table(pos: number, ti: number, depth: number): string | null {
    const t = this.tables[ti]!;
    if (depth > this.maxDepth) return `${t.name}: nesting deeper than ${this.maxDepth} tables`;
    if (--this.tablesLeft < 0) return `${t.name}: more than ${MAX_TABLES} tables`;
    if (pos < 0 || pos + 4 > this.len || (pos & 3) !== 0) return `${t.name}: table offset out of bounds or misaligned`;
    const vt = pos - this.dv.getInt32(pos, true);
    if (vt < 0 || vt + 4 > this.len || (vt & 1) !== 0) return `${t.name}: vtable out of bounds or misaligned`;
    const vtSize = this.dv.getUint16(vt, true);
    const tSize = this.dv.getUint16(vt + 2, true);
    // The TS runtime reads vtable entries as int16: sizes and offsets must stay below 0x8000.
    if (vtSize < 4 || (vtSize & 1) !== 0 || vtSize >= 0x8000 || vt + vtSize > this.len) return `${t.name}: bad vtable size ${vtSize}`;
    if (tSize < 4 || pos + tSize > this.len) return `${t.name}: bad table size ${tSize}`;
    for (const f of t.fields) {
      const off = f.voff < vtSize ? this.dv.getUint16(vt + f.voff, true) : 0;
      if (off === 0) {
        if (f.required) return `${f.label}: required field is missing`;
        if (f.kind === K.Union && this.unionType(pos, vt, vtSize, f) !== 0) return `${f.label}: union type is set but the value is missing`;
        continue;
      }
      const width = f.kind === K.Scalar ? f.size : 4;
      if (off < 4 || off >= 0x8000 || off + width > tSize) return `${f.label}: field lies outside its table`;
      const p = pos + off;
      if (p % width !== 0) return `${f.label}: field is misaligned`;
      if (f.kind === K.Scalar) continue;
      const target = this.deref(p);
      if (target < 0) return `${f.label}: offset out of bounds`;
      let err: string | null;
      switch (f.kind) {
        case K.String:
          err = this.string(target);
          break;
        case K.Table:
          err = this.table(target, f.table, depth + 1);
          if (err) return `${f.label} > ${err}`;
          break;
        case K.Union: {
          const type = this.unionType(pos, vt, vtSize, f);
          if (type >= f.members.length) return `${f.label}: unknown ${f.unionName} type ${type}`;
          if (type === 0) return `${f.label}: value present but type is NONE`;
          err = this.table(target, f.members[type]!, depth + 1);
          if (err) return `${f.label} > ${err}`;
          break;
        }
        case K.VectorScalar:
          err = this.vector(target, f.size);
          break;
        case K.VectorString:
        case K.VectorTable: {
          err = this.vector(target, 4);
          if (err) break;
          const n = this.dv.getUint32(target, true);
          for (let i = 0; i < n; i++) {
            const ep = target + 4 + 4 * i;
            const et = this.deref(ep);
            if (et < 0) return `${f.label}[${i}]: offset out of bounds`;
            if (f.kind === K.VectorString) {
              const e = this.string(et);
              if (e) return `${f.label}[${i}]: ${e}`;
            } else {
              const e = this.table(et, f.table, depth + 1);
              if (e) return `${f.label}[${i}] > ${e}`;
            }
          }
          break;
        }
        default:
          return `${f.label}: unknown field kind`;
      }
      if (err) return `${f.label}: ${err}`;
    }
    return null;
  }

  /** The type byte of a union field (stored in the slot before its value; already verified as a scalar). */
  private unionType(pos: number, vt: number, vtSize: number, f: CField): number {
    const toff = f.voff - 2 < vtSize ? this.dv.getUint16(vt + f.voff - 2, true) : 0;
    return toff === 0 ? 0 : this.buf[pos + toff]!;
  }

  private vector(pos: number, elemSize: number): string | null {
    if ((pos & 3) !== 0 || pos + 4 > this.len) return 'vector out of bounds or misaligned';
    const n = this.dv.getUint32(pos, true);
    if (n > (this.len - pos - 4) / elemSize) return `vector of ${n} elements overruns the buffer`;
    if (elemSize === 8 && ((pos + 4) & 7) !== 0) return 'vector elements misaligned';
    this.elemsLeft -= n;
    if (this.elemsLeft < 0) return 'too many vector elements for the buffer size';
    return null;
  }

  private string(pos: number): string | null {
    if ((pos & 3) !== 0 || pos + 4 > this.len) return 'string out of bounds or misaligned';
    const n = this.dv.getUint32(pos, true);
    if (n >= this.len - pos - 4) return `string of ${n} bytes overruns the buffer`;
    if (this.buf[pos + 4 + n] !== 0) return 'string is not NUL-terminated';
    this.elemsLeft -= n;
    if (this.elemsLeft < 0) return 'too many string bytes for the buffer size';
    if (!validUtf8(this.buf, pos + 4, pos + 4 + n)) return 'string is not valid UTF-8';
    return null;
  }
}

/**
 * Checks a frame payload against the schema: returns null when every part an accessor can reach is in bounds and
 * well-formed, else an error naming the table/field at fault. Never throws.
 */
export function verifyEnvelope(bytes: Uint8Array, options: { maxDepth?: number } = {}): string | null {
  try {
    const { tables, root, identifier } = COMPILED;
    if (bytes.length < 8) return `frame of ${bytes.length} bytes is shorter than a FlatBuffer header`;
    for (let i = 0; i < 4; i++) {
      if (bytes[4 + i] !== identifier[i]) return `frame does not carry the file identifier "${LAYOUT.identifier}"`;
    }
    const run = new Run(bytes, tables, options.maxDepth ?? MAX_DEPTH);
    const rootPos = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    if (rootPos >= bytes.length) return 'root offset out of bounds';
    return run.table(rootPos, root, 1);
  } catch (e) {
    return `internal verifier error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Verifies a frame payload, then opens it as an Envelope; throws ProtocolError PROTOCOL_MALFORMED_FRAME if invalid. */
export function readEnvelope(bytes: Uint8Array): fb.Envelope {
  const err = verifyEnvelope(bytes);
  if (err !== null) throw new ProtocolError('PROTOCOL_MALFORMED_FRAME', `Malformed frame: ${err}`);
  return fb.Envelope.getRootAsEnvelope(new flatbuffers.ByteBuffer(bytes));
}

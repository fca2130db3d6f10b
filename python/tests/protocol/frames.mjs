// The TypeScript side of the cross-language protocol tests (run by pytest with node, against libs/protocol/dist):
//   node frames.mjs random <seed> <count>   prints one JSON line {hex, walk} per random valid envelope
//   node frames.mjs check                   reads {hex} lines on stdin, prints {error, walk} per line
// Frames are generated generically from LAYOUT (every table, union member and field kind) and walked with the
// generated accessors into dicts keyed by schema field names, to compare with kindling._protocol.walk.to_dict.
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as flatbuffers from 'flatbuffers';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../../libs/protocol/dist');
const fb = await import(pathToFileURL(join(dist, 'gen/kindling/protocol.js')).href);
const { LAYOUT } = await import(pathToFileURL(join(dist, 'gen/layout.js')).href);
const { verifyEnvelope, readEnvelope } = await import(pathToFileURL(join(dist, 'src/verify.js')).href);

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** JSON-safe value: bigints become numbers when exact, else strings (Python's side does the same). */
const norm = (v) => (typeof v === 'bigint' ? (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v)) : v);

function walk(obj, table) {
  const out = {};
  for (const f of LAYOUT.tables[table].fields) {
    const acc = camel(f.name);
    switch (f.kind) {
      case 'scalar':
        out[f.name] = norm(obj[acc]());
        break;
      case 'string':
        out[f.name] = obj[acc]();
        break;
      case 'table': {
        const child = obj[acc](new fb[f.table]());
        out[f.name] = child === null ? null : walk(child, f.table);
        break;
      }
      case 'union': {
        const t = obj[`${acc}Type`]();
        const member = LAYOUT.unions[f.union][t] ?? null;
        const value = member === null ? null : obj[acc](new fb[member]());
        out[f.name] = value === null ? null : { type: member, ...walk(value, member) };
        break;
      }
      default: {
        const n = obj[`${acc}Length`]();
        const items = [];
        for (let j = 0; j < n; j++) {
          if (f.kind === 'vector_table') items.push(walk(obj[acc](j, new fb[f.table]()), f.table));
          else items.push(norm(obj[acc](j)));
        }
        out[f.name] = items;
      }
    }
  }
  return out;
}

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Fewest levels below a table needed to satisfy its required table/union fields (to stop recursion).
const minDepth = {};
for (let changed = true; changed;) {
  changed = false;
  for (const [name, t] of Object.entries(LAYOUT.tables)) {
    let d = 0;
    for (const f of t.fields) {
      if (!f.required) continue;
      if (f.kind === 'table') d = Math.max(d, 1 + (minDepth[f.table] ?? Infinity));
      if (f.kind === 'union') d = Math.max(d, 1 + Math.min(...LAYOUT.unions[f.union].filter((m) => m).map((m) => minDepth[m] ?? Infinity)));
    }
    if (d !== Infinity && minDepth[name] !== d) {
      minDepth[name] = d;
      changed = true;
    }
  }
}

const WORDS = ['', 'a', 'id', 'naïve', '☃', '𝄞 clef', 'x'.repeat(40), 'spark.sql.shuffle.partitions'];

function randomTable(b, rnd, table, depth) {
  const int = (n) => Math.floor(rnd() * n);
  const deep = depth >= 6;
  const present = (f) => f.required || (!deep && rnd() < 0.7) || (deep && f.kind !== 'table' && f.kind !== 'union' && f.kind !== 'vector_table' && rnd() < 0.5);
  const fields = LAYOUT.tables[table].fields;
  const offsets = new Map();
  const unionTypes = new Map();
  for (const f of fields) {
    if (f.kind === 'scalar' || !present(f)) continue;
    switch (f.kind) {
      case 'string':
        offsets.set(f.name, b.createString(WORDS[int(WORDS.length)]));
        break;
      case 'table':
        offsets.set(f.name, randomTable(b, rnd, f.table, depth + 1));
        break;
      case 'union': {
        const members = LAYOUT.unions[f.union];
        let t = 1 + int(members.length - 1);
        if (deep) t = members.indexOf(members.filter((m) => m).sort((x, y) => minDepth[x] - minDepth[y])[0]);
        unionTypes.set(f.name, t);
        offsets.set(f.name, randomTable(b, rnd, members[t], depth + 1));
        break;
      }
      case 'vector_scalar': {
        const n = deep ? int(3) : int(12);
        const vals = Array.from({ length: n }, () => int(2 ** 31));
        b.startVector(f.size, n, f.size);
        for (let i = n - 1; i >= 0; i--) {
          if (f.size === 1) b.addInt8(vals[i] & 0xff);
          else if (f.size === 2) b.addInt16(vals[i] & 0xffff);
          else if (f.size === 4) b.addInt32(vals[i] | 0);
          else b.addInt64(BigInt(vals[i]));
        }
        offsets.set(f.name, b.endVector());
        break;
      }
      case 'vector_string':
      case 'vector_table': {
        const n = deep ? int(2) : int(4);
        const elems = Array.from({ length: n }, () => (f.kind === 'vector_string' ? b.createString(WORDS[int(WORDS.length)]) : randomTable(b, rnd, f.table, depth + 1)));
        b.startVector(4, n, 4);
        for (let i = n - 1; i >= 0; i--) b.addOffset(elems[i]);
        offsets.set(f.name, b.endVector());
        break;
      }
    }
  }
  b.startObject(fields.length);
  for (const f of fields) {
    if (f.kind === 'scalar') {
      const union = fields.find((u) => u.kind === 'union' && `${u.name}_type` === f.name);
      if (union) {
        if (unionTypes.has(union.name)) b.addFieldInt8(f.slot, unionTypes.get(union.name), 0);
        continue;
      }
      if (rnd() < 0.3) continue;
      const v = int(2 ** 31);
      if (f.size === 1) b.addFieldInt8(f.slot, v & 0xff, 0);
      else if (f.size === 2) b.addFieldInt16(f.slot, v & 0xffff, 0);
      else if (f.size === 4) b.addFieldInt32(f.slot, v | 0, 0);
      else b.addFieldInt64(f.slot, BigInt(v), 0n);
    } else if (offsets.has(f.name)) {
      b.addFieldOffset(f.slot, offsets.get(f.name), 0);
    }
  }
  return b.endObject();
}

function randomEnvelope(rnd) {
  const b = new flatbuffers.Builder(256);
  b.finish(randomTable(b, rnd, LAYOUT.root, 1), LAYOUT.identifier);
  return b.asUint8Array();
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'random') {
  const rnd = prng(Number(args[0]));
  const lines = [];
  for (let i = 0; i < Number(args[1]); i++) {
    const bytes = randomEnvelope(rnd);
    const err = verifyEnvelope(bytes);
    if (err !== null) throw new Error(`generated an invalid frame: ${err}`);
    lines.push(JSON.stringify({ hex: Buffer.from(bytes).toString('hex'), walk: walk(readEnvelope(bytes), LAYOUT.root) }));
  }
  process.stdout.write(lines.join('\n') + '\n');
} else if (mode === 'check') {
  const out = [];
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const bytes = Buffer.from(JSON.parse(line).hex, 'hex');
    const err = verifyEnvelope(bytes);
    out.push(JSON.stringify({ error: err, walk: err === null ? walk(readEnvelope(bytes), LAYOUT.root) : null }));
  }
  process.stdout.write(out.join('\n') + '\n');
} else {
  console.error('usage: node frames.mjs random <seed> <count> | check');
  process.exit(2);
}

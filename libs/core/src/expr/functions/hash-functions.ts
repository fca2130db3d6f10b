// hash (Murmur3 x86_32) and xxhash64 with Spark's seed 42 and Spark's encoding of each type (HashExpression):
// int/date/boolean as 4 bytes, bigint/timestamp as 8, doubles with -0.0 as 0.0 and one NaN, decimals of up to 18
// digits as their unscaled long and wider ones as the unscaled value's big-endian bytes, strings and binary as their
// bytes (Murmur3 with Spark's legacy tail: one byte at a time), arrays and structs element by element. A NULL leaves
// the running hash as it is, and each argument is hashed with the previous one's hash as its seed.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, IntegerT, LongT, containsMap } from '../../types/data-type.js';
import { type Expression, dataTypeOf, dataTypeOf as dataTypeOfArg } from '../expression.js';
import { valueReader } from '../eval/values.js';
import { encodeUtf8 } from '../eval/strings.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';

const SEED = 42;

// ---------------------------------------------------------------------------------------------------------------------
// Murmur3 x86_32 (Spark's Murmur3_x86_32)

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix32(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function murmur3Int(v: number, seed: number): number {
  return fmix32(mixH1(seed, mixK1(v | 0)), 4);
}

export function murmur3Long(v: bigint, seed: number): number {
  const lo = Number(BigInt.asIntN(32, v));
  const hi = Number(BigInt.asIntN(32, v >> 32n));
  return fmix32(mixH1(mixH1(seed, mixK1(lo)), mixK1(hi)), 8);
}

/** Spark's hashUnsafeBytes: little-endian 4-byte words, then each remaining byte (sign-extended) as a word of its own. */
export function murmur3Bytes(b: Uint8Array, seed: number): number {
  const aligned = b.length - (b.length % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) h = mixH1(h, mixK1(b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)));
  for (let i = aligned; i < b.length; i++) h = mixH1(h, mixK1((b[i]! << 24) >> 24));
  return fmix32(h, b.length);
}

// ---------------------------------------------------------------------------------------------------------------------
// xxHash64 (Spark's XXH64), in 64-bit BigInt arithmetic

const M = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
const mul = (a: bigint, b: bigint) => (a * b) & M;

function fmix64(h: bigint): bigint {
  h ^= h >> 33n;
  h = mul(h, P2);
  h ^= h >> 29n;
  h = mul(h, P3);
  return h ^ (h >> 32n);
}

export function xxhashInt(v: number, seed: bigint): bigint {
  let h = (seed + P5 + 4n) & M;
  h ^= mul(BigInt(v >>> 0), P1);
  return fmix64((mul(rotl(h, 23n), P2) + P3) & M);
}

export function xxhashLong(v: bigint, seed: bigint): bigint {
  let h = (seed + P5 + 8n) & M;
  h ^= mul(rotl(mul(v & M, P2), 31n), P1);
  return fmix64((mul(rotl(h, 27n), P1) + P4) & M);
}

function readLong(b: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[at + k]!);
  return v;
}

function round(acc: bigint, lane: bigint): bigint {
  return mul(rotl((acc + mul(lane, P2)) & M, 31n), P1);
}

function mergeRound(h: bigint, v: bigint): bigint {
  return (mul(h ^ round(0n, v), P1) + P4) & M;
}

export function xxhashBytes(b: Uint8Array, seed: bigint): bigint {
  const end = b.length;
  let at = 0;
  let h: bigint;
  if (end >= 32) {
    let v1 = (seed + P1 + P2) & M;
    let v2 = (seed + P2) & M;
    let v3 = seed & M;
    let v4 = (seed - P1) & M;
    do {
      v1 = round(v1, readLong(b, at));
      v2 = round(v2, readLong(b, at + 8));
      v3 = round(v3, readLong(b, at + 16));
      v4 = round(v4, readLong(b, at + 24));
      at += 32;
    } while (at <= end - 32);
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = mergeRound(mergeRound(mergeRound(mergeRound(h, v1), v2), v3), v4);
  } else {
    h = (seed + P5) & M;
  }
  h = (h + BigInt(end)) & M;
  for (; at <= end - 8; at += 8) {
    h ^= round(0n, readLong(b, at));
    h = (mul(rotl(h, 27n), P1) + P4) & M;
  }
  if (at <= end - 4) {
    const w = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    h ^= mul(BigInt(w), P1);
    h = (mul(rotl(h, 23n), P2) + P3) & M;
    at += 4;
  }
  for (; at < end; at++) {
    h ^= mul(BigInt(b[at]!), P5);
    h = mul(rotl(h, 11n), P1);
  }
  return fmix64(h);
}

// ---------------------------------------------------------------------------------------------------------------------
// Spark's per-type encoding

interface Hasher<H> {
  int(v: number, seed: H): H;
  long(v: bigint, seed: H): H;
  bytes(b: Uint8Array, seed: H): H;
}

const MURMUR3: Hasher<number> = { int: murmur3Int, long: murmur3Long, bytes: murmur3Bytes };
const XXHASH64: Hasher<bigint> = { int: xxhashInt, long: xxhashLong, bytes: xxhashBytes };

const f64 = new Float64Array(1);
const f64Bits = new BigInt64Array(f64.buffer);

/** Java's doubleToLongBits of a double, -0.0 first made 0.0 (Spark's HashExpression normalises it). */
function doubleBits(d: number): bigint {
  if (Number.isNaN(d)) return 0x7ff8000000000000n;
  f64[0] = d === 0 ? 0 : d;
  return f64Bits[0]!;
}

/** BigInteger.toByteArray: the shortest big-endian two's complement bytes. */
export function bigIntegerBytes(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = v;
  for (;;) {
    const byte = Number(x & 0xffn);
    out.push(byte);
    x >>= 8n;
    if ((x === 0n && (byte & 0x80) === 0) || (x === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out.reverse());
}

function hashValue<H>(h: Hasher<H>, v: unknown, type: DataType, seed: H): H {
  if (v === null || v === undefined) return seed;
  switch (type.kind) {
    case 'boolean': return h.int(v ? 1 : 0, seed);
    case 'int32':
    case 'date': return h.int(v as number, seed);
    case 'int64':
    case 'timestamp': return h.long(v as bigint, seed);
    case 'float64': return h.long(doubleBits(v as number), seed);
    case 'decimal': return type.precision <= 18 ? h.long(v as bigint, seed) : h.bytes(bigIntegerBytes(v as bigint), seed);
    case 'string': return h.bytes(encodeUtf8(v as string), seed);
    case 'binary': return h.bytes(v as Uint8Array, seed);
    case 'array': {
      let s = seed;
      for (const x of v as unknown[]) s = hashValue(h, x, type.elementType, s);
      return s;
    }
    case 'map': {
      // Key then value, entry by entry (Spark's hash of a map).
      let s = seed;
      for (const [k, x] of v as [unknown, unknown][]) s = hashValue(h, x, type.valueType, hashValue(h, k, type.keyType, s));
      return s;
    }
    case 'struct': {
      let s = seed;
      (v as unknown[]).forEach((x, k) => { s = hashValue(h, x, type.fields[k]!.dataType, s); });
      return s;
    }
    case 'null': return seed;
  }
}

function hashRows<H>(h: Hasher<H>, args: readonly arrow.Data[], types: readonly DataType[], n: number, seed: H): H[] {
  const readers = args.map((a, k) => valueReader(a, types[k]!));
  const out: H[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let s = seed;
    for (let k = 0; k < args.length; k++) s = hashValue(h, readers[k]!(i), types[k]!, s);
    out[i] = s;
  }
  return out;
}

/** Spark's xxhash64 (seed 42) of each row of one column, unsigned; NULL rows are null (HyperLogLog++ skips them). */
export function xxhash64Values(d: arrow.Data, type: DataType, n: number): (bigint | null)[] {
  const read = valueReader(d, type);
  const seed = BigInt(SEED);
  const out: (bigint | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = read(i);
    out[i] = v === null || v === undefined ? null : BigInt.asUintN(64, hashValue(XXHASH64, v, type, seed));
  }
  return out;
}

function checkArgs(name: string, args: readonly Expression[]): { error: string; errorClass?: string } | undefined {
  if (args.length === 0) return wrongArgCount(name, '> 0', 0);
  // Equal maps may hash differently (entry order), so Spark refuses them (spark.sql.legacy.allowHashOnMapType).
  if (args.some((a) => containsMap(dataTypeOf(a)))) {
    return {
      error: `Input to the function \`${name}\` cannot contain elements of the "MAP" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on "MAP" elements. To restore previous behavior set "spark.sql.legacy.allowHashOnMapType" to "true".`,
      errorClass: 'DATATYPE_MISMATCH.HASH_MAP_TYPE',
    };
  }
  return undefined;
}

export const hash: ScalarFunctionDef = {
  name: 'hash',
  resolveArgs(args) {
    return checkArgs('hash', args) ?? { args, dataType: IntegerT, nullable: false };
  },
  resolve() {
    throw new Error('hash resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const types = call!.args.map((a) => dataTypeOfArg(a));
    const out = Int32Array.from(hashRows(MURMUR3, args, types, n, SEED));
    return primitiveData(IntegerT, n, out, null);
  },
  doc: { description: 'The Murmur3 hash (seed 42) of the arguments, as an int; equal to Spark\'s `hash`.', example: "df.select(hash(col('a'), col('b')))" },
};

export const xxhash64: ScalarFunctionDef = {
  name: 'xxhash64',
  resolveArgs(args) {
    return checkArgs('xxhash64', args) ?? { args, dataType: LongT, nullable: false };
  },
  resolve() {
    throw new Error('xxhash64 resolves from its arguments');
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const types = call!.args.map((a) => dataTypeOfArg(a));
    const hashes = hashRows(XXHASH64, args, types, n, BigInt(SEED));
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, hashes[i]!);
    return primitiveData(LongT, n, out, null);
  },
  doc: { description: 'The xxHash64 hash (seed 42) of the arguments, as a bigint; equal to Spark\'s `xxhash64`.', example: "df.select(xxhash64(col('a')))" },
};

export const HASH_FUNCTIONS: readonly ScalarFunctionDef[] = [hash, xxhash64];

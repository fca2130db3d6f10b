// ESM entry of @kindling/native: loads build/Release/kindling_native.node and wraps shm segment handles.
// Kernels are the addon's own functions (no JS wrapper cost); see index.d.ts for the API.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Path of the addon; KINDLING_NATIVE_BINARY overrides it (the ASan build uses that). */
export const binaryPath =
  process.env.KINDLING_NATIVE_BINARY || fileURLToPath(new URL('./build/Release/kindling_native.node', import.meta.url));

function load() {
  if (!existsSync(binaryPath)) {
    return {
      binding: null,
      error: new Error(
        `@kindling/native: the addon ${binaryPath} is missing. Build it with ` +
          '`npx nx run @kindling/native:build` (or `cd native && npm run build`, i.e. `cmake-js compile --out build`).',
      ),
    };
  }
  try {
    return { binding: require(binaryPath), error: null };
  } catch (cause) {
    return {
      binding: null,
      error: new Error(`@kindling/native: failed to load ${binaryPath}: ${cause.message}`, { cause }),
    };
  }
}

const { binding, error } = load();

/** Why the addon could not be loaded, or null when it is loaded. */
export const loadError = error;

/** True when the addon is loaded; callers may fall back to TypeScript loops otherwise. */
export function isAvailable() {
  return binding !== null;
}

function fn(name) {
  if (binding === null) {
    return () => {
      throw loadError;
    };
  }
  return binding[name];
}

export const sumInt64 = fn('sumInt64');
export const sumFloat64 = fn('sumFloat64');
export const filterMaskToIndices = fn('filterMaskToIndices');
export const filterSelection = fn('filterSelection');
export const filterFixed = fn('filterFixed');
export const filterBoolean = fn('filterBoolean');
export const filterString = fn('filterString');
export const takeInt64 = fn('takeInt64');
export const takeFloat64 = fn('takeFloat64');
export const takeInt32 = fn('takeInt32');
export const hashInt64 = fn('hashInt64');
export const groupByInt64Sum = fn('groupByInt64Sum');
export const groupByInt64SumAsync = fn('groupByInt64SumAsync');
export const takeBoolean = fn('takeBoolean');
export const takeString = fn('takeString');
export const hashMixInt32 = fn('hashMixInt32');
export const hashMixInt64 = fn('hashMixInt64');
export const hashMixFloat64 = fn('hashMixFloat64');
export const hashMixBoolean = fn('hashMixBoolean');
export const hashMixString = fn('hashMixString');
export const hashMixNull = fn('hashMixNull');
export const hashFinish = fn('hashFinish');
export const keyDictionaryNew = fn('keyDictionaryNew');
export const keyDictionaryEncode = fn('keyDictionaryEncode');
export const keyDictionaryValues = fn('keyDictionaryValues');
export const keyDictionarySize = fn('keyDictionarySize');
export const pairTableNew = fn('pairTableNew');
export const pairTableEncode = fn('pairTableEncode');
export const pairTableDecode = fn('pairTableDecode');
export const pairTableInsert = fn('pairTableInsert');
export const pairTableCountLefts = fn('pairTableCountLefts');
export const listElementGroups = fn('listElementGroups');
export const keyTableRelease = fn('keyTableRelease');
export const groupSumAsDouble = fn('groupSumAsDouble');
export const groupSumWrapping = fn('groupSumWrapping');
export const groupCount = fn('groupCount');
export const groupMinMax = fn('groupMinMax');
export const joinTableBuild = fn('joinTableBuild');
export const joinTableProbe = fn('joinTableProbe');
export const joinTableRelease = fn('joinTableRelease');
export const partitionIdsFromHashes = fn('partitionIdsFromHashes');
export const partitionOrder = fn('partitionOrder');
export const sortIndices = fn('sortIndices');
export const compareColumns = fn('compareColumns');
export const compareOp = fn('compareOp');
export const arithmetic = fn('arithmetic');
export const negate = fn('negate');
export const logic = fn('logic');
export const trueMask = fn('trueMask');
export const like = fn('like');
export const caseTableNew = fn('caseTableNew');
export const caseMap = fn('caseMap');

/** Operators of arithmetic() and logic(). */
export const ArithOp = Object.freeze({ add: 0, subtract: 1, multiply: 2, divide: 3, remainder: 4 });
/** Operators of compareOp(). */
export const CmpOp = Object.freeze({ eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5, nullSafeEq: 6 });
export const LogicOp = Object.freeze({ and: 0, or: 1, not: 2, isNull: 3, isNotNull: 4 });

/** Key kinds of keyDictionaryNew and join key columns. */
export const KeyKind = Object.freeze({ int32: 0, int64: 1, float64: 2, boolean: 3, string: 4 });
export const shmUnlink = fn('shmUnlink');
export const shmList = fn('shmList');

const nativeShmCreate = fn('shmCreate');
const nativeShmOpen = fn('shmOpen');
const segmentBuffer = fn('segmentBuffer');
const segmentClose = fn('segmentClose');
const token = Symbol('SegmentHandle');

/** A mapped shared-memory segment. Obtain one with shmCreate or shmOpen. */
export class SegmentHandle {
  #handle;
  #buffer = null;
  #closed = false;

  constructor(key, name, raw) {
    if (key !== token) throw new TypeError('SegmentHandle: use shmCreate() or shmOpen()');
    this.name = name;
    this.size = raw.size;
    this.writable = raw.writable;
    this.#handle = raw.handle;
    Object.freeze(this);
  }

  /** A Buffer over the mapping (zero-copy, the same object on every access); throws after close(). */
  get buffer() {
    if (this.#closed) throw new Error(`segment ${this.name} is closed`);
    if (this.#buffer === null) this.#buffer = Buffer.from(segmentBuffer(this.#handle));
    return this.#buffer;
  }

  get closed() {
    return this.#closed;
  }

  /** Unmaps eagerly: the buffer is detached (length 0 for every view of it). Idempotent. */
  close() {
    if (this.#closed) return;
    segmentClose(this.#handle);
    this.#closed = true;
    this.#buffer = null;
  }
}

export function shmCreate(name, size) {
  return new SegmentHandle(token, name, nativeShmCreate(name, size));
}

export function shmOpen(name) {
  return new SegmentHandle(token, name, nativeShmOpen(name));
}

/** A segment name following the engine's convention /kindling-<pid>-<parts...>, which shmSweep understands. */
export function segmentName(...parts) {
  return ['/kindling', process.pid, ...parts].join('-');
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Unlinks the segments under prefix named /kindling-<pid>-... whose process no longer runs (left by a
 * crashed engine or client). Returns the names removed. Segments of this process are never touched.
 */
export function shmSweep(prefix = '/kindling-', alive = isAlive) {
  const removed = [];
  for (const name of shmList(prefix)) {
    const m = /^\/kindling-(\d+)-/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      shmUnlink(name);
      removed.push(name);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  return removed;
}

/**
 * Creates segment `name` holding exactly `bytes` (an Arrow IPC stream) and unmaps it; the reader opens
 * it by name and unlinks it. On failure the segment is removed again.
 */
export function writeArrowStream(name, bytes) {
  if (!ArrayBuffer.isView(bytes)) throw new TypeError('writeArrowStream: bytes must be a Uint8Array');
  const src = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segment = shmCreate(name, src.byteLength);
  try {
    segment.buffer.set(src);
  } catch (e) {
    segment.close();
    shmUnlink(name);
    throw e;
  }
  segment.close();
  return { name, size: src.byteLength };
}

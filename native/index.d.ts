// Types of @kindling/native: null-aware Arrow kernels and POSIX shared-memory segments.
//
// Conventions shared by the kernels:
// - Inputs are the Arrow buffers themselves (zero-copy): `values` a typed array whose element 0 is row 0,
//   `validity` an Arrow validity bitmap (LSB-first, 1 = present) or null (= no nulls), `validityOffset` the
//   bit of row 0 in it (an arrow.Data's `offset`: arrow-js slices `values` but not `nullBitmap`).
// - The bitmap must hold validityOffset + length bits; every buffer must hold `length` elements.
// - Wrong argument types throw TypeError, bad lengths/offsets/indices RangeError; messages name the argument.
// - Each result array is freshly allocated (one allocation per output).

/** Arrow validity bitmap, or null when every value is present. */
export type Validity = Uint8Array | null;

/** Wrapping (two's-complement) sum and count of the non-null values of values[0, length). */
export function sumInt64(
  values: BigInt64Array,
  validity: Validity,
  validityOffset: number,
  length: number,
): { sum: bigint; count: number };

/**
 * Sum and count of the non-null values of values[0, length). Summation order is fixed: row i goes to
 * lane i % 4, each lane adds sequentially from +0, result = (lane0 + lane1) + (lane2 + lane3).
 * sum is 0 when count is 0 (SQL SUM would be NULL: check count).
 */
export function sumFloat64(
  values: Float64Array,
  validity: Validity,
  validityOffset: number,
  length: number,
): { sum: number; count: number };

/** Indices (ascending) of the nonzero bytes of mask[0, length); length <= 2^31. */
export function filterMaskToIndices(mask: Uint8Array, length: number): Int32Array;

/**
 * The nonzero bytes of mask[0, length) as a selection bitmap of 64-row words (bit i of word i >> 6 set =
 * keep row i), and how many rows it keeps: the input of `filterFixed` / `filterBoolean` / `filterString`,
 * which compact a column straight from it (one call per column, one output allocation each).
 */
export function filterSelection(mask: Uint8Array, length: number): { selection: BigInt64Array; count: number };
/** The kept rows of values[0, length) (an Int32Array, BigInt64Array or Float64Array; the result has its type). */
export function filterFixed<T extends Int32Array | BigInt64Array | Float64Array>(
  values: T,
  validity: Uint8Array | null,
  validityOffset: number,
  selection: BigInt64Array,
  length: number,
): { values: T; validity: Uint8Array | null; nullCount: number };
/** The kept rows of a boolean column (bits from bitOffset). */
export function filterBoolean(
  bits: Uint8Array,
  bitOffset: number,
  validity: Uint8Array | null,
  validityOffset: number,
  selection: BigInt64Array,
  length: number,
): { values: Uint8Array; validity: Uint8Array | null; nullCount: number };
/** The kept rows of a string (or binary) column on Arrow's offsets layout (offsets[0, length]). */
export function filterString(
  offsets: Int32Array,
  bytes: Uint8Array,
  validity: Uint8Array | null,
  validityOffset: number,
  selection: BigInt64Array,
  length: number,
): { offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null; nullCount: number };

/**
 * Gathers values[indices[i]]; index -1 (or a null source row) gives null. The input's length is
 * values.length: pass values.subarray(0, data.length) when the buffer is longer than the Data.
 * `validity` of the result is null when nullCount is 0; otherwise a bitmap with offset 0.
 */
export interface TakeResult<T> {
  values: T;
  validity: Uint8Array | null;
  nullCount: number;
}
export function takeInt64(
  values: BigInt64Array,
  validity: Validity,
  validityOffset: number,
  indices: Int32Array,
): TakeResult<BigInt64Array>;
export function takeFloat64(
  values: Float64Array,
  validity: Validity,
  validityOffset: number,
  indices: Int32Array,
): TakeResult<Float64Array>;
export function takeInt32(
  values: Int32Array,
  validity: Validity,
  validityOffset: number,
  indices: Int32Array,
): TakeResult<Int32Array>;

/**
 * out[i] = low 32 bits of fmix64(uint64(values[i]) + seed * 0x9E3779B97F4A7C15) (murmur3's finalizer);
 * a NULL hashes to `seed` itself, so multi-column row hashes chain with seed = previous column's hash.
 * seed is an integer in [0, 2^32 - 1].
 */
export function hashInt64(
  values: BigInt64Array,
  validity: Validity,
  validityOffset: number,
  length: number,
  seed: number,
): Uint32Array;

/**
 * GROUP BY key → SUM(val), COUNT(val). Groups are in order of first appearance; NULL keys form one group
 * (its key slot is 0n and its keyValidity bit 0; keyValidity is null when there is no NULL group);
 * NULL values are skipped (a group with counts[g] == 0n has SQL SUM NULL). Sums add in row order.
 */
export interface GroupByInt64SumResult {
  keys: BigInt64Array;
  keyValidity: Uint8Array | null;
  sums: Float64Array;
  counts: BigInt64Array;
  numGroups: number;
}
export function groupByInt64Sum(
  keys: BigInt64Array,
  keyValidity: Validity,
  keyValidityOffset: number,
  vals: Float64Array,
  valValidity: Validity,
  valValidityOffset: number,
  length: number,
): GroupByInt64SumResult;

/**
 * groupByInt64Sum on a libuv pool thread. Bad arguments throw synchronously. The inputs are kept alive
 * (and a shm segment they live in stays mapped) until the promise settles; do not write to or transfer
 * them meanwhile.
 */
export function groupByInt64SumAsync(
  keys: BigInt64Array,
  keyValidity: Validity,
  keyValidityOffset: number,
  vals: Float64Array,
  valValidity: Validity,
  valValidityOffset: number,
  length: number,
): Promise<GroupByInt64SumResult>;

/** Boolean gather: bits [bitOffset, bitOffset + length) are the source rows; the result's bits start at 0. */
export function takeBoolean(
  bits: Uint8Array,
  bitOffset: number,
  validity: Validity,
  validityOffset: number,
  length: number,
  indices: Int32Array,
): TakeResult<Uint8Array>;

/**
 * String gather over Arrow's layout (offsets[i]..offsets[i + 1] into bytes, offsets.length >= length + 1).
 * Offsets that decrease or reach past bytes are a RangeError.
 */
export function takeString(
  offsets: Int32Array,
  bytes: Uint8Array,
  validity: Validity,
  validityOffset: number,
  length: number,
  indices: Int32Array,
): { offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null; nullCount: number };

// Row hashes, bit for bit the engine's scheme (libs/core execution/hashing.ts): fill acc with the seed,
// mix each key column in (a NULL mixes a fixed word), then hashFinish(acc, numColumns, n).
export function hashMixInt32(acc: Uint32Array, values: Int32Array, validity: Validity, validityOffset: number, n: number): void;
export function hashMixInt64(acc: Uint32Array, values: BigInt64Array, validity: Validity, validityOffset: number, n: number): void;
/** -0.0 mixes as 0.0 and every NaN as the canonical NaN. */
export function hashMixFloat64(acc: Uint32Array, values: Float64Array, validity: Validity, validityOffset: number, n: number): void;
export function hashMixBoolean(
  acc: Uint32Array,
  bits: Uint8Array,
  bitOffset: number,
  validity: Validity,
  validityOffset: number,
  n: number,
): void;
export function hashMixString(
  acc: Uint32Array,
  offsets: Int32Array,
  bytes: Uint8Array,
  validity: Validity,
  validityOffset: number,
  n: number,
): void;
export function hashMixNull(acc: Uint32Array, n: number): void;
export function hashFinish(acc: Uint32Array, numColumns: number, n: number): void;

/** Key kinds: int32 (also date), int64 (also timestamp), float64, boolean, string. */
export const KeyKind: { readonly int32: 0; readonly int64: 1; readonly float64: 2; readonly boolean: 3; readonly string: 4 };
export type KeyKindCode = 0 | 1 | 2 | 3 | 4;

/** A native handle (type-tagged External); passing anything else, or a released one, throws. */
export type KeyDictionary = { readonly __brand: 'KeyDictionary' };
export type PairTable = { readonly __brand: 'PairTable' };
export type JoinTable = { readonly __brand: 'JoinTable' };

/** Dense codes 0, 1, 2… for the distinct values of a key column (NULL is one value), in first-seen order. */
export function keyDictionaryNew(kind: KeyKindCode): KeyDictionary;
/**
 * Writes the codes of rows [0, n) into out; returns the dictionary's size. `values` by kind: Int32Array,
 * BigInt64Array, Float64Array, boolean bits (from `bitOffset`), string bytes (with `offsets`).
 */
export function keyDictionaryEncode(
  dictionary: KeyDictionary,
  values: Int32Array | BigInt64Array | Float64Array | Uint8Array,
  offsets: Int32Array | null,
  bitOffset: number,
  validity: Validity,
  validityOffset: number,
  n: number,
  out: Int32Array,
): number;
/** The values of `codes` (each below the size); validity is null when no code is the NULL one. */
export function keyDictionaryValues(
  dictionary: KeyDictionary,
  codes: Int32Array,
): { values: Int32Array | BigInt64Array | Float64Array | Uint8Array; offsets: Int32Array | null; validity: Uint8Array | null };
export function keyDictionarySize(dictionary: KeyDictionary): number;
/** Dense ids for pairs of non-negative codes, in first-seen order. */
export function pairTableNew(): PairTable;
/** out[i] = id of (as[i], bs[i]); out may be as. Returns the table's size. */
export function pairTableEncode(table: PairTable, as: Int32Array, bs: Int32Array, n: number, out: Int32Array): number;
export function pairTableDecode(table: PairTable, ids: Int32Array): { lefts: Int32Array; rights: Int32Array };
/** Frees a dictionary or pair table now (GC would later); later use throws. Idempotent. */
/**
 * Adds the pairs (as[i], bs[i]) of rows with as[i] >= 0 that are valid in every bitmap of `validities`
 * ([bits, offset, ...]); returns the table's size. DISTINCT aggregates keep (group, tuple) pairs this way.
 */
export function pairTableInsert(table: PairTable, as: Int32Array, bs: Int32Array, n: number, validities: readonly (Uint8Array | number)[]): number;
/** counts[g] += the number of pairs whose left code is g (COUNT(DISTINCT) per group). */
export function pairTableCountLefts(table: PairTable, counts: BigInt64Array): void;
/** For a list column's rows [0, n): the group gids[r] of every element of row r (-1 for NULL rows). */
export function listElementGroups(offsets: Int32Array, validity: Uint8Array | null, validityOffset: number, gids: Int32Array, n: number): Int32Array;
export function keyTableRelease(handle: KeyDictionary | PairTable): void;

/** An Int32Array, BigInt64Array or Float64Array column. */
export type NumericValues = Int32Array | BigInt64Array | Float64Array;

// Group-indexed aggregate folds: row i (when valid) goes to state slot gids[i]; a gid outside the state
// arrays is a RangeError. The state's length is the number of groups.
/** sums[g] += value as a double (int64 rounds to nearest), in row order; has[g] = 1. */
export function groupSumAsDouble(
  values: NumericValues,
  validity: Validity,
  validityOffset: number,
  gids: Int32Array,
  n: number,
  sums: Float64Array,
  has: Uint8Array | null,
): void;
/** sums[g] += value with 64-bit two's-complement wrap; has[g] = 1. */
export function groupSumWrapping(
  values: Int32Array | BigInt64Array,
  validity: Validity,
  validityOffset: number,
  gids: Int32Array,
  n: number,
  sums: BigInt64Array,
  has: Uint8Array | null,
): void;
/** counts[g] += 1 for rows valid in every bitmap of `validities` ([bits, offset, bits, offset, ...]). */
export function groupCount(gids: Int32Array, n: number, counts: BigInt64Array, validities: (Uint8Array | number)[] | null): void;
/** Keeps each group's minimum (sign -1) or maximum (1); doubles in Spark's order (NaN greatest, -0.0 = 0.0). */
export function groupMinMax<T extends NumericValues>(
  values: T,
  validity: Validity,
  validityOffset: number,
  gids: Int32Array,
  n: number,
  state: T,
  valid: Uint8Array,
  sign: -1 | 1,
): void;

/** A join key column: [kind, values, offsets (strings) | null, bitOffset (booleans)]. */
export type JoinKeyColumn = [KeyKindCode, Int32Array | BigInt64Array | Float64Array | Uint8Array, Int32Array | null, number];
/**
 * Hash table over build rows [0, n) grouped by their row hashes; rows with skip[r] != 0 are left out.
 * `buildKeys` are the key columns probes will compare (a single int/long/double key is copied into the table).
 */
export function joinTableBuild(hashes: Uint32Array, skip: Uint8Array | null, n: number, buildKeys: readonly JoinKeyColumn[]): JoinTable;
/**
 * Writes up to si.length key-equal (stream row, build row) pairs, in stream order and, per stream row, in
 * build input order, resuming at cursor = [row, position] (start a batch at [0, -1]); returns the count, 0
 * when done. buildKeys/streamKeys must have the kinds the table was built with. NaN = NaN, -0.0 = 0.0.
 */
export function joinTableProbe(
  table: JoinTable,
  streamHashes: Uint32Array,
  streamSkip: Uint8Array | null,
  m: number,
  buildKeys: readonly JoinKeyColumn[],
  streamKeys: readonly JoinKeyColumn[],
  firstMatchOnly: boolean,
  cursor: Float64Array,
  si: Int32Array,
  bi: Int32Array,
): number;
export function joinTableRelease(table: JoinTable): void;

/** pids[i] = hashes[i] % numPartitions. */
export function partitionIdsFromHashes(hashes: Uint32Array, n: number, numPartitions: number): Int32Array;
/** Rows of partition p are order[starts[p] .. starts[p + 1]), in input order. */
export function partitionOrder(pids: Int32Array, n: number, numPartitions: number): { starts: Int32Array; order: Int32Array };

/** A sort key: a key column (as for joins) with its validity, direction and NULL placement. */
export type SortKeyColumn = [
  KeyKindCode,
  Int32Array | BigInt64Array | Float64Array | Uint8Array,
  Int32Array | null,
  number,
  Validity,
  number,
  boolean,
  boolean,
];
/**
 * The stable permutation ordering rows [0, n) by `keys` ([kind, values, offsets, bitOffset, validity,
 * validityOffset, descending, nullsFirst]): Spark's order (NaN largest, -0.0 = 0.0, strings by UTF-8 bytes).
 * Fixed-width keys only use a radix sort; a string key makes it a comparison sort.
 */
export function sortIndices(keys: readonly SortKeyColumn[], n: number): Int32Array;

/**
 * out[i] = -1, 0 or 1 comparing row i of `a` with row i of `b` (same kind; [kind, values, offsets,
 * bitOffset] as for joins), in Spark's order: NaN = NaN and above everything, -0.0 = 0.0, strings by bytes.
 */
export function compareColumns(a: JoinKeyColumn, b: JoinKeyColumn, n: number, out: Int8Array): void;

export const CmpOp: { readonly eq: 0; readonly ne: 1; readonly lt: 2; readonly le: 3; readonly gt: 4; readonly ge: 5; readonly nullSafeEq: 6 };
export type CmpOpCode = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/**
 * a op b as a boolean column (bits from 0), in the order of compareColumns. A scalar side is its row 0 for every
 * row. NULL on either side gives NULL, except for <=> (nullSafeEq), which is never NULL.
 */
export function compareOp(
  op: CmpOpCode,
  a: JoinKeyColumn,
  aValidity: Uint8Array | null,
  aValidityOffset: number,
  aScalar: boolean,
  b: JoinKeyColumn,
  bValidity: Uint8Array | null,
  bValidityOffset: number,
  bScalar: boolean,
  n: number,
): BitmapResult;

export const ArithOp: { readonly add: 0; readonly subtract: 1; readonly multiply: 2; readonly divide: 3; readonly remainder: 4 };
export type ArithOpCode = 0 | 1 | 2 | 3 | 4;
export type NumericArray = Int32Array | BigInt64Array | Float64Array;
/** A fresh column: values, validity from bit 0 (null when no row is NULL), and, for ANSI mode, the first row that raised. */
export interface ArithResult<T extends NumericArray> {
  values: T;
  validity: Uint8Array | null;
  nullCount: number;
  /** ANSI only: the first valid row that overflows (+ - * on integers) or divides by zero (/ %), else -1. */
  errorAt: number;
}
/**
 * a op b over n rows, Spark's non-ANSI semantics: integers wrap, a zero divisor gives NULL (ansi: errorAt).
 * A scalar operand is one element used for every row (its validity is ignored: pass NULL scalars as NULL
 * columns). Both operands have one array type; `/` is defined on Float64Array only.
 */
export function arithmetic<T extends NumericArray>(
  op: ArithOpCode,
  a: T,
  aValidity: Uint8Array | null,
  aValidityOffset: number,
  aScalar: boolean,
  b: T,
  bValidity: Uint8Array | null,
  bValidityOffset: number,
  bScalar: boolean,
  n: number,
  ansi: boolean,
): ArithResult<T>;
/** Unary minus; -MIN wraps to MIN (ansi: errorAt). */
export function negate<T extends NumericArray>(values: T, validity: Uint8Array | null, validityOffset: number, n: number, ansi: boolean): ArithResult<T>;

export const LogicOp: { readonly and: 0; readonly or: 1; readonly not: 2; readonly isNull: 3; readonly isNotNull: 4 };
export type LogicOpCode = 0 | 1 | 2 | 3 | 4;
export interface BitmapResult {
  values: Uint8Array;
  validity: Uint8Array | null;
  nullCount: number;
}
/**
 * Three-valued AND / OR (FALSE, resp. TRUE, wins over NULL), NOT, IS NULL, IS NOT NULL over boolean
 * bitmaps starting at any bit offset; the result starts at bit 0. aBits may be null for the NULL tests;
 * the b arguments are read by AND / OR only.
 */
export function logic(
  op: LogicOpCode,
  n: number,
  aBits: Uint8Array | null,
  aBitOffset: number,
  aValidity: Uint8Array | null,
  aValidityOffset: number,
  bBits?: Uint8Array | null,
  bBitOffset?: number,
  bValidity?: Uint8Array | null,
  bValidityOffset?: number,
): BitmapResult;
/** One byte per row, 1 where the row is TRUE (NULL and FALSE give 0). */
export function trueMask(bits: Uint8Array, bitOffset: number, validity: Uint8Array | null, validityOffset: number, n: number): Uint8Array;

/**
 * s LIKE p (Spark: '%' any run, '_' one code point, '\\' escapes '_', '%' and itself); NULL if either is NULL.
 * A scalar side is row 0 for every row. badPatternAt is the first row whose pattern is malformed, else -1.
 */
export function like(
  sOffsets: Int32Array,
  sBytes: Uint8Array,
  sValidity: Uint8Array | null,
  sValidityOffset: number,
  sScalar: boolean,
  pOffsets: Int32Array,
  pBytes: Uint8Array,
  pValidity: Uint8Array | null,
  pValidityOffset: number,
  pScalar: boolean,
  n: number,
): BitmapResult & { badPatternAt: number };

/** A native handle (type-tagged External) holding a code point → UTF-8 case mapping. */
export type CaseTable = { readonly __brand: 'CaseTable' };
/** keys: code points above ASCII, strictly ascending; key k maps to bytes[offsets[k] .. offsets[k+1]). */
export function caseTableNew(keys: Int32Array, offsets: Int32Array, bytes: Uint8Array): CaseTable;
/**
 * upper (toUpper) or lower of each string. ASCII rows need no table; null is returned when a row is not
 * ASCII and `table` is null. sigmaRows: rows (lower only) holding U+03A3, mapped to σ here, whose final
 * form ς depends on the context (the caller fixes them in place: both are two bytes).
 */
export function caseMap(
  toUpper: boolean,
  offsets: Int32Array,
  bytes: Uint8Array,
  validity: Uint8Array | null,
  validityOffset: number,
  n: number,
  table: CaseTable | null,
): { offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null; nullCount: number; sigmaRows: Int32Array } | null;

/**
 * A mapped POSIX shared-memory segment. Names start with "/kindling-", have no further '/', at most 250
 * bytes (an invalid name throws TypeError with code ERR_INVALID_ARG_VALUE). System-call failures throw an
 * Error with Node-style `code` ('EEXIST', 'ENOENT', 'ENOSPC'...), `errno` and `syscall`.
 */
export class SegmentHandle {
  private constructor();
  readonly name: string;
  /** Bytes mapped. */
  readonly size: number;
  /** True for shmCreate (writes reach the segment); false for shmOpen (writes stay private, copy-on-write). */
  readonly writable: boolean;
  readonly closed: boolean;
  /** Zero-copy Buffer over the mapping, the same object on every access. Throws after close(). */
  readonly buffer: Buffer;
  /**
   * Unmaps eagerly: detaches the buffer (every view of it becomes length 0) and releases the segment's
   * pages; the address range is returned to the OS once nothing references it. Idempotent.
   * Without close(), the mapping lives until the buffer and the handle are garbage-collected.
   */
  close(): void;
}

/** shm_open(O_CREAT|O_EXCL|O_RDWR, 0600) + ftruncate/posix_fallocate(size) + shared read-write mmap. */
export function shmCreate(name: string, size: number): SegmentHandle;
/** Maps an existing segment (size from fstat) for reading. */
export function shmOpen(name: string): SegmentHandle;
export function shmUnlink(name: string): void;
/** Names of the segments in /dev/shm that start with prefix (itself starting with "/kindling-"), sorted. */
export function shmList(prefix: string): string[];
/** `/kindling-<this pid>-<parts joined by '-'>`: the engine's naming convention, understood by shmSweep. */
export function segmentName(...parts: (string | number)[]): string;
/** Unlinks segments named /kindling-<pid>-... whose pid is not running; returns the names removed. */
export function shmSweep(prefix?: string, alive?: (pid: number) => boolean): string[];
/** Creates segment `name` holding exactly `bytes` and unmaps it; removes it again on failure. */
export function writeArrowStream(name: string, bytes: Uint8Array): { name: string; size: number };

/** Path of the addon binary (env KINDLING_NATIVE_BINARY overrides build/Release/kindling_native.node). */
export const binaryPath: string;
/** Why the addon failed to load, or null. Every function throws this error when the addon is missing. */
export const loadError: Error | null;
export function isAvailable(): boolean;

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

// Greenwald–Khanna quantile summaries as Spark's QuantileSummaries: values gather in a head buffer of 50000, are
// inserted sorted (delta floor(2·ε·count), 0 at either end), compressed once 10000 samples are kept, merged with
// Spark's delta adjustment, and queried by rank with Spark's target error; so answers equal Spark's.

export const DEFAULT_COMPRESS_THRESHOLD = 10000;
const DEFAULT_HEAD_SIZE = 50000;

/** One G-K tuple: a sampled value, its minimum rank jump `g` and rank span `delta`. */
export interface Stats {
  value: number;
  g: number;
  delta: number;
}

/** Spark's double order for sorting (NaN last; -0.0 before 0.0, as java.util.Arrays.sort). */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  if (a === 0 && b === 0) return Object.is(a, -0) ? (Object.is(b, -0) ? 0 : -1) : Object.is(b, -0) ? 1 : 0;
  return 0;
}

export class QuantileSummaries {
  private head: number[] = [];

  constructor(
    readonly compressThreshold: number,
    readonly relativeError: number,
    public sampled: Stats[] = [],
    public count = 0,
    public compressed = false,
  ) {}

  /** Adds a value (to the head buffer; flushed and compressed as Spark does). */
  insert(x: number): void {
    this.head.push(x);
    this.compressed = false;
    if (this.head.length >= DEFAULT_HEAD_SIZE) {
      this.insertHead();
      if (this.sampled.length >= this.compressThreshold) this.compress();
    }
  }

  private insertHead(): void {
    if (this.head.length === 0) return;
    let currentCount = this.count;
    const sorted = this.head.sort(compareDoubles);
    const out: Stats[] = [];
    const sampled = this.sampled;
    let sampleIdx = 0;
    for (let opsIdx = 0; opsIdx < sorted.length; opsIdx++) {
      const x = sorted[opsIdx]!;
      while (sampleIdx < sampled.length && sampled[sampleIdx]!.value <= x) out.push(sampled[sampleIdx++]!);
      currentCount++;
      const delta = out.length === 0 || (sampleIdx === sampled.length && opsIdx === sorted.length - 1) ? 0 : Math.floor(2 * this.relativeError * currentCount);
      out.push({ value: x, g: 1, delta });
    }
    while (sampleIdx < sampled.length) out.push(sampled[sampleIdx++]!);
    this.sampled = out;
    this.count = currentCount;
    this.head = [];
    this.compressed = false;
  }

  /** Flushes the head buffer and runs G-K's COMPRESS. */
  compress(): void {
    this.insertHead();
    this.sampled = compressSamples(this.sampled, 2 * this.relativeError * this.count);
    this.compressed = true;
  }

  /** Spark's merge of two compressed summaries (this one takes the result). */
  merge(other: QuantileSummaries): void {
    if (!this.compressed) this.compress();
    if (!other.compressed) other.compress();
    if (other.count === 0) return;
    if (this.count === 0) {
      this.sampled = other.sampled.map((s) => ({ ...s }));
      this.count = other.count;
      (this as { relativeError: number }).relativeError = other.relativeError;
      return;
    }
    const merged: Stats[] = [];
    const eps = Math.max(this.relativeError, other.relativeError);
    const count = this.count + other.count;
    const addSelf = Math.floor(2 * other.relativeError * other.count);
    const addOther = Math.floor(2 * this.relativeError * this.count);
    const a = this.sampled;
    const b = other.sampled;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i]!.value < b[j]!.value) {
        const s = a[i++]!;
        merged.push({ value: s.value, g: s.g, delta: s.delta + (j > 0 ? addSelf : 0) });
      } else {
        const s = b[j++]!;
        merged.push({ value: s.value, g: s.g, delta: s.delta + (i > 0 ? addOther : 0) });
      }
    }
    while (i < a.length) merged.push({ ...a[i++]! });
    while (j < b.length) merged.push({ ...b[j++]! });
    this.sampled = compressSamples(merged, 2 * eps * count);
    this.count = count;
    (this as { relativeError: number }).relativeError = eps;
    this.compressed = true;
  }

  /** The approximate quantiles at `percentiles` (each in [0, 1]), or null when empty (Spark's batch query). */
  query(percentiles: readonly number[]): number[] | null {
    if (!this.compressed) this.compress();
    const s = this.sampled;
    if (s.length === 0) return null;
    let maxSpan = -Infinity;
    for (const x of s) maxSpan = Math.max(maxSpan, x.delta + x.g);
    // Long division, as Spark's.
    const targetError = Math.trunc(maxSpan / 2);
    let index = 0;
    let minRank = s[0]!.g;
    const order = percentiles.map((p, pos) => ({ p, pos })).sort((x, y) => x.p - y.p);
    const result = new Array<number>(percentiles.length).fill(0);
    for (const { p, pos } of order) {
      if (p <= this.relativeError) result[pos] = s[0]!.value;
      else if (p >= 1 - this.relativeError) result[pos] = s[s.length - 1]!.value;
      else {
        const rank = Math.ceil(p * this.count);
        let i = index;
        let cur = s[i]!;
        let found: number | undefined;
        while (i < s.length - 1) {
          const maxRank = minRank + cur.delta;
          if (maxRank - targetError <= rank && rank <= minRank + targetError) {
            found = cur.value;
            break;
          }
          i++;
          cur = s[i]!;
          minRank += cur.g;
        }
        if (found === undefined) {
          // Spark restarts the rank at 0 here.
          index = s.length - 1;
          minRank = 0;
          result[pos] = s[s.length - 1]!.value;
        } else {
          index = i;
          result[pos] = found;
        }
      }
    }
    return result;
  }

  /** The summary as flat arrays (the partial-aggregate state). */
  toState(): { relativeError: number; count: number; values: Float64Array; gs: Float64Array; deltas: Float64Array } {
    if (!this.compressed) this.compress();
    const s = this.sampled;
    return {
      relativeError: this.relativeError,
      count: this.count,
      values: Float64Array.from(s, (x) => x.value),
      gs: Float64Array.from(s, (x) => x.g),
      deltas: Float64Array.from(s, (x) => x.delta),
    };
  }
}

/** G-K's COMPRESS as Spark's compressImmut: from the top, merge a sample into its successor while g + g' + Δ' < threshold. */
function compressSamples(samples: readonly Stats[], mergeThreshold: number): Stats[] {
  if (samples.length === 0) return [];
  const res: Stats[] = [];
  let head = { ...samples[samples.length - 1]! };
  for (let i = samples.length - 2; i >= 1; i--) {
    const s = samples[i]!;
    if (s.g + head.g + head.delta < mergeThreshold) head.g += s.g;
    else {
      res.push(head);
      head = { ...s };
    }
  }
  res.push(head);
  const first = samples[0]!;
  if (first.value <= head.value && samples.length > 1) res.push({ ...first });
  return res.reverse();
}

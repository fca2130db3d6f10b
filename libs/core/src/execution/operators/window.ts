// Window functions over one partition: the child delivers rows sorted by partition keys, then order keys (the
// planner puts a hash exchange and a sort below). The operator finds each window partition and peer group, then
// computes every window expression per row over its frame; unbounded-preceding frames grow incrementally.
import type * as arrow from 'apache-arrow';
import {
  type Expression,
  type WindowExpression,
  dataTypeOf,
  effectiveFrame,
} from '../../expr/expression.js';
import { valueReader, buildColumn } from '../../expr/eval/values.js';
import type { WindowExec } from '../../physical/physical-plan.js';
import type { ExecuteFn } from '../execute-fn.js';
import { evaluateKeys } from '../partitioner.js';
import { schemaOf } from '../schema-of.js';
import { makeRowComparator } from '../sort-indices.js';
import type { TaskContext } from '../task-context.js';
import { concatBatches, makeBatch } from '../vectors.js';
import { accumulateFrames } from './window-accumulate.js';
import { type FrameAggregate, frameAggregate, hasFrameAggregate } from './window-aggregates.js';

/** Row index ranges of one window partition: [start, end), and each row's peer group [peerStart, peerEnd). */
interface Group {
  readonly start: number;
  readonly end: number;
  readonly peerStart: Int32Array;
  readonly peerEnd: Int32Array;
}

export async function* executeWindow(plan: WindowExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const childSchema = schemaOf(plan.child.output);
  const types = plan.child.output.map((a) => a.dataType);
  const batches: arrow.RecordBatch[] = [];
  for await (const b of exec(plan.child, partition, ctx)) if (b.numRows > 0) batches.push(b);
  if (batches.length === 0) return;
  const all = concatBatches(childSchema, types, batches);
  const n = all.numRows;
  const groups = findGroups(plan, all);
  const columns = plan.exprs.map((e) => {
    ctx.signal.throwIfAborted();
    const w = e as WindowExpression;
    const values = new Array<unknown>(n).fill(null);
    const args = argumentReaders(w.fn, all);
    // Aggregates without a FrameAggregate run their hash-aggregate accumulator over the frames.
    const accumulated = w.fn.kind === 'agg' && !hasFrameAggregate(w.fn) ? evaluateKeys(w.fn.args, all) : null;
    for (const g of groups) {
      if (accumulated && w.fn.kind === 'agg') {
        const frame = effectiveFrame(w.spec);
        accumulateFrames(w.fn, accumulated, { start: g.start, end: g.end, growing: frame.lower === -Infinity, bounds: frameBounds(w, g, all) }, values);
      } else computeGroup(w, g, args, all, values);
    }
    return buildColumn(dataTypeOf(w), values);
  });
  const outSchema = schemaOf(plan.output);
  const batchSize = Math.max(1, ctx.batchSize);
  const childCols = all.data.children as arrow.Data[];
  for (let a = 0; a < n; a += batchSize) {
    const len = Math.min(batchSize, n - a);
    yield makeBatch(outSchema, [...childCols, ...columns].map((d) => d.slice(a, len)), len);
  }
}

function findGroups(plan: WindowExec, batch: arrow.RecordBatch): Group[] {
  const n = batch.numRows;
  const pk = evaluateKeys(plan.partitionSpec, batch);
  const samePartition = makeRowComparator(pk, pk, plan.partitionSpec.map(dataTypeOf), plan.partitionSpec.map(() => ({ direction: 'asc' as const, nullOrdering: 'nullsFirst' as const })));
  const ok = evaluateKeys(plan.orderSpec.map((o) => o.child), batch);
  const samePeer = makeRowComparator(ok, ok, plan.orderSpec.map((o) => dataTypeOf(o.child)), plan.orderSpec);
  const groups: Group[] = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && samePartition(i - 1, i) === 0) continue;
    const peerStart = new Int32Array(i - start);
    const peerEnd = new Int32Array(i - start);
    let ps = start;
    for (let j = start; j < i; j++) {
      if (j > start && samePeer(j - 1, j) !== 0) ps = j;
      peerStart[j - start] = ps;
    }
    let pe = i;
    for (let j = i - 1; j >= start; j--) {
      peerEnd[j - start] = pe;
      if (j > start && samePeer(j - 1, j) !== 0) pe = j;
    }
    groups.push({ start, end: i, peerStart, peerEnd });
    start = i;
  }
  return groups;
}

/** Readers of the window function's arguments over the whole batch. */
function argumentReaders(fn: Expression, batch: arrow.RecordBatch): ((i: number) => unknown)[] {
  const args = fn.kind === 'agg' || fn.kind === 'windowFn' ? fn.args : [];
  return args.map((a) => valueReader(evaluateKeys([a], batch)[0]!, dataTypeOf(a)));
}

function literalArg(fn: Expression, k: number, fallback: unknown): unknown {
  const a = fn.kind === 'windowFn' || fn.kind === 'agg' ? fn.args[k] : undefined;
  return a && a.kind === 'literal' ? a.value : fallback;
}

function computeGroup(w: WindowExpression, g: Group, args: ((i: number) => unknown)[], batch: arrow.RecordBatch, out: unknown[]): void {
  const fn = w.fn;
  const size = g.end - g.start;
  if (fn.kind === 'windowFn') {
    switch (fn.name) {
      case 'row_number':
        for (let i = g.start; i < g.end; i++) out[i] = i - g.start + 1;
        return;
      case 'rank':
        for (let i = g.start; i < g.end; i++) out[i] = g.peerStart[i - g.start]! - g.start + 1;
        return;
      case 'dense_rank': {
        let rank = 0;
        for (let i = g.start; i < g.end; i++) {
          if (g.peerStart[i - g.start] === i) rank++;
          out[i] = rank;
        }
        return;
      }
      case 'percent_rank':
        for (let i = g.start; i < g.end; i++) out[i] = size <= 1 ? 0 : (g.peerStart[i - g.start]! - g.start) / (size - 1);
        return;
      case 'cume_dist':
        for (let i = g.start; i < g.end; i++) out[i] = (g.peerEnd[i - g.start]! - g.start) / size;
        return;
      case 'ntile': {
        // Spark's NTile: the first (size % buckets) buckets hold one row more.
        const buckets = Number(literalArg(fn, 0, 1));
        const small = Math.floor(size / buckets);
        const extra = size % buckets;
        for (let r = 0; r < size; r++) {
          out[g.start + r] = r < extra * (small + 1) ? Math.floor(r / (small + 1)) + 1 : extra + Math.floor((r - extra * (small + 1)) / Math.max(1, small)) + 1;
        }
        return;
      }
      case 'lag':
      case 'lead': {
        const offset = Number(literalArg(fn, 1, 1)) * (fn.name === 'lag' ? -1 : 1);
        const value = args[0]!;
        const dflt = args[2];
        if (literalArg(fn, 3, false) === true && offset !== 0) {
          // IGNORE NULLS: the |offset|-th non-NULL row before (lag) or after (lead) the current one.
          const nonNull: number[] = [];
          for (let i = g.start; i < g.end; i++) if (value(i) !== null) nonNull.push(i);
          let before = 0; // non-NULL rows before row i
          for (let i = g.start; i < g.end; i++) {
            const at = offset < 0 ? before + offset : before + (value(i) !== null ? 1 : 0) + offset - 1;
            out[i] = at >= 0 && at < nonNull.length ? value(nonNull[at]!) : dflt ? dflt(i) : null;
            if (value(i) !== null) before++;
          }
          return;
        }
        for (let i = g.start; i < g.end; i++) {
          const j = i + offset;
          out[i] = j >= g.start && j < g.end ? value(j) : dflt ? dflt(i) : null;
        }
        return;
      }
      case 'nth_value': {
        // The offset-th row of each row's frame (with ignoreNulls the offset-th non-NULL one), else NULL.
        const offset = Number(literalArg(fn, 1, 1));
        const skipNulls = literalArg(fn, 2, false) === true;
        const value = args[0]!;
        const bounds = frameBounds(w, g, batch);
        for (let i = g.start; i < g.end; i++) {
          const [lo, hi] = bounds(i);
          if (!skipNulls) {
            out[i] = lo + offset - 1 < hi ? value(lo + offset - 1) : null;
            continue;
          }
          let seen = 0;
          out[i] = null;
          for (let j = lo; j < hi; j++) {
            if (value(j) !== null && ++seen === offset) {
              out[i] = value(j);
              break;
            }
          }
        }
        return;
      }
      default: {
        const never: never = fn;
        throw new Error(`no window evaluation for ${JSON.stringify(never)}`);
      }
    }
  }
  if (fn.kind !== 'agg') throw new Error(`window expression over ${fn.kind} cannot be evaluated`);
  const ignoreNulls = (fn.fn === 'first' || fn.fn === 'last' || fn.fn === 'any_value') && literalArg(fn, 1, false) === true;
  const value = args[0] ?? (() => 1);
  overFrames(w, g, batch, frameAggregate(fn, ignoreNulls)!, value, out);
}

/** Row i's frame [lo, hi) in group g. */
function frameBounds(w: WindowExpression, g: Group, batch: arrow.RecordBatch): (i: number) => [number, number] {
  const frame = effectiveFrame(w.spec);
  const rangeKey = frame.frameType === 'range' && (Number.isFinite(frame.lower) && frame.lower !== 0 || Number.isFinite(frame.upper) && frame.upper !== 0)
    ? rangeKeyOf(w, batch)
    : null;
  const bounds = (i: number): [number, number] => {
    const r = i - g.start;
    if (frame.frameType === 'rows') {
      const lo = frame.lower === -Infinity ? g.start : Math.max(g.start, i + frame.lower);
      const hi = frame.upper === Infinity ? g.end : Math.min(g.end, i + frame.upper + 1);
      return [lo, hi];
    }
    const lo = frame.lower === -Infinity ? g.start : frame.lower === 0 ? g.peerStart[r]! : rangeBound(rangeKey!, g, i, frame.lower, 'lower');
    const hi = frame.upper === Infinity ? g.end : frame.upper === 0 ? g.peerEnd[r]! : rangeBound(rangeKey!, g, i, frame.upper, 'upper');
    return [lo, hi];
  };
  return bounds;
}

/** Evaluates an aggregate over each row's frame; frames starting at the partition start grow incrementally. */
function overFrames(w: WindowExpression, g: Group, batch: arrow.RecordBatch, make: () => FrameAggregate, value: (i: number) => unknown, out: unknown[]): void {
  const frame = effectiveFrame(w.spec);
  const bounds = frameBounds(w, g, batch);
  if (frame.lower === -Infinity) {
    // Growing frames: add rows as the frame's end moves forward.
    const state = make();
    let added = g.start;
    for (let i = g.start; i < g.end; i++) {
      const [, hi] = bounds(i);
      for (; added < hi; added++) state.add(value(added));
      out[i] = hi <= g.start ? make().result() : state.result();
    }
    return;
  }
  for (let i = g.start; i < g.end; i++) {
    const [lo, hi] = bounds(i);
    const state = make();
    for (let j = lo; j < hi; j++) state.add(value(j));
    out[i] = state.result();
  }
}

interface RangeKey {
  readonly read: (i: number) => unknown;
  readonly descending: boolean;
}

function rangeKeyOf(w: WindowExpression, batch: arrow.RecordBatch): RangeKey {
  const o = w.spec.orderSpec[0]!;
  return { read: valueReader(evaluateKeys([o.child], batch)[0]!, dataTypeOf(o.child)), descending: o.direction === 'desc' };
}

/**
 * RANGE frame bound with an offset: the first row (lower) or one past the last row (upper) whose order key is
 * within `offset` of row i's key, in the sort direction. Rows with a NULL key frame only their NULL peers.
 */
function rangeBound(key: RangeKey, g: Group, i: number, offset: number, side: 'lower' | 'upper'): number {
  const v = key.read(i);
  if (v === null) return side === 'lower' ? g.peerStart[i - g.start]! : g.peerEnd[i - g.start]!;
  const dir = key.descending ? -1 : 1;
  const target = Number(v) + dir * offset;
  const inside = (j: number) => {
    const x = key.read(j);
    if (x === null) return false;
    return side === 'lower' ? dir * (Number(x) - target) >= 0 : dir * (Number(x) - target) <= 0;
  };
  if (side === 'lower') {
    for (let j = g.start; j < g.end; j++) if (inside(j)) return j;
    return g.end;
  }
  for (let j = g.end - 1; j >= g.start; j--) if (inside(j)) return j + 1;
  return g.start;
}

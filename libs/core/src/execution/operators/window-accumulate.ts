// Aggregates over window frames through their hash-aggregate Accumulator (the aggregates without a FrameAggregate:
// the statistical ones…), so each has one implementation. Frames that start at the partition start grow one
// accumulator (one group) row by row; other frames give every output row its own group, fed its frame's rows
// gathered in one pass (in chunks), so a frame costs its size in tight accumulator loops.
import type * as arrow from 'apache-arrow';
import type { Accumulator } from '../../expr/aggregates/accumulator.js';
import { createAccumulator } from '../../expr/aggregates/create-accumulator.js';
import { valueReader } from '../../expr/eval/values.js';
import { type AggregateCall, dataTypeOf } from '../../expr/expression.js';
import { takeData } from '../vectors.js';

/** Rows [start, end) of one window partition; `bounds(i)` is row i's frame [lo, hi). */
export interface FrameRows {
  readonly start: number;
  readonly end: number;
  readonly growing: boolean;
  readonly bounds: (i: number) => [number, number];
}

const CHUNK_PAIRS = 1 << 20;

/** Evaluates `call` over each row's frame into out[start..end); `args` are its arguments over the whole batch. */
export function accumulateFrames(call: AggregateCall, args: readonly arrow.Data[], f: FrameRows, out: unknown[]): void {
  if (f.growing) growingFrames(call, args, f, out);
  else slidingFrames(call, args, f, out);
}

function firstResult(acc: Accumulator, call: AggregateCall): unknown {
  return valueReader(acc.result(0, 1), call.dataType)(0);
}

function growingFrames(call: AggregateCall, args: readonly arrow.Data[], f: FrameRows, out: unknown[]): void {
  const empty = createAccumulator(call);
  empty.grow(1);
  const emptyValue = firstResult(empty, call);
  empty.release?.();
  const acc = createAccumulator(call);
  acc.grow(1);
  let zeros = new Int32Array(0);
  let added = f.start;
  let last: unknown = emptyValue;
  try {
    for (let i = f.start; i < f.end; i++) {
      const [, hi] = f.bounds(i);
      if (hi > added) {
        const m = hi - added;
        if (zeros.length < m) zeros = new Int32Array(Math.max(m, 2 * zeros.length));
        acc.update(args.map((d) => d.slice(added, m)), zeros, m);
        added = hi;
        last = firstResult(acc, call);
      }
      out[i] = hi <= f.start ? emptyValue : last;
    }
  } finally {
    acc.release?.();
  }
}

function slidingFrames(call: AggregateCall, args: readonly arrow.Data[], f: FrameRows, out: unknown[]): void {
  const types = call.args.map(dataTypeOf);
  let rows: number[] = [];
  let groups: number[] = [];
  let chunkStart = f.start;
  const flush = (chunkEnd: number) => {
    const numGroups = chunkEnd - chunkStart;
    if (numGroups === 0) return;
    const acc = createAccumulator(call);
    try {
      acc.grow(numGroups);
      const idx = Int32Array.from(rows);
      if (idx.length > 0) acc.update(args.map((d, k) => takeData(types[k]!, d, idx)), Int32Array.from(groups), idx.length);
      const read = valueReader(acc.result(0, numGroups), call.dataType);
      for (let j = 0; j < numGroups; j++) out[chunkStart + j] = read(j);
    } finally {
      acc.release?.();
    }
    rows = [];
    groups = [];
    chunkStart = chunkEnd;
  };
  for (let i = f.start; i < f.end; i++) {
    const [lo, hi] = f.bounds(i);
    for (let j = lo; j < hi; j++) {
      rows.push(j);
      groups.push(i - chunkStart);
    }
    if (rows.length >= CHUNK_PAIRS) flush(i + 1);
  }
  flush(f.end);
}

// Equi-join by hash: materialises the build side into a chained hash table on its keys (native), streams the other side
// through it batch by batch, and emits unmatched build rows at the end for outer joins that preserve the build side.
import type * as arrow from 'apache-arrow';
import { ExecutionError } from '../../errors.js';
import { evaluatePredicate } from '../../expr/eval/evaluate.js';
import { dataTypeOf } from '../../expr/expression.js';
import type { HashJoinExec } from '../../physical/physical-plan.js';
import type { DataType } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import { hashColumns } from '../hashing.js';
import { joinKeyColumn, keyKindOf, native } from '../kernels.js';
import { evaluateKeys } from '../partitioner.js';
import { schemaOf } from '../schema-of.js';
import type { TaskContext } from '../task-context.js';
import { batchBytes, concatBatches, filterBatch } from '../vectors.js';
import {
  BatchCoalescer, anyNullKey, gatherJoined, gatherRows, isSemiOrAnti, makeArrayKeyEquals, nullIndices, preservesLeft, preservesRight, rowsWhere,
} from './join-util.js';

/** Differs from the partitioning seed: in a shuffled join every row of a partition shares hash % numPartitions. */
const TABLE_SEED = 0x2f0b5a71;

/** The build side: its key columns and the native hash table over their row hashes. */
interface HashTable {
  readonly keys: readonly arrow.Data[];
  /** The key columns the native probe compares (all but null- and array-typed ones), and their indices. */
  readonly nativeCols: readonly native.JoinKeyColumn[];
  readonly nativeKeys: readonly number[];
  readonly native: native.JoinTable;
}

function buildTable(keys: readonly arrow.Data[], keyTypes: readonly DataType[], n: number): HashTable {
  const hashes = hashColumns(keys, keyTypes, n, TABLE_SEED);
  const nativeKeys: number[] = [];
  const nativeCols: native.JoinKeyColumn[] = [];
  keyTypes.forEach((t, k) => {
    const kind = keyKindOf(t);
    if (kind === undefined) return;
    nativeKeys.push(k);
    nativeCols.push(joinKeyColumn(keys[k]!, t, kind));
  });
  // Rows with a NULL key never match an equi-join key, so they are left out of the table.
  return { keys, nativeCols, nativeKeys, native: native.joinTableBuild(hashes, anyNullKey(keys, n), n, nativeCols) };
}

interface BuildSide {
  readonly build: arrow.RecordBatch;
  readonly table: HashTable;
  /** Shared with the stage's other tasks on this thread: never released by one of them. */
  readonly shared: boolean;
}

/**
 * Build sides read from a broadcast, built once per executor thread and stage rather than once per task, as Spark
 * builds a broadcast's hashed relation once. Keyed by the join node: an executor thread decodes a stage's plan once,
 * so every task of the stage there sees the same object (job and stage are checked too, for plans run inline). A
 * replaced or collected entry's native table is freed by its finalizer.
 */
const sharedBuilds = new WeakMap<HashJoinExec, { readonly jobId: number; readonly stageId: number; readonly built: Promise<Omit<BuildSide, 'shared'>> }>();

async function buildSideOf(
  plan: HashJoinExec,
  buildPlan: HashJoinExec['left'],
  partition: number,
  ctx: TaskContext,
  exec: ExecuteFn,
  buildTypes: readonly DataType[],
  buildKeyExprs: HashJoinExec['leftKeys'],
  keyTypes: readonly DataType[],
): Promise<BuildSide> {
  const collect = async () => {
    const batches: arrow.RecordBatch[] = [];
    for await (const b of exec(buildPlan, partition, ctx)) batches.push(b);
    const build = concatBatches(schemaOf(buildPlan.output), buildTypes, batches);
    return { build, table: buildTable(evaluateKeys(buildKeyExprs, build), keyTypes, build.numRows) };
  };
  if (buildPlan.kind !== 'broadcastRead') return { ...(await collect()), shared: false };
  const hit = sharedBuilds.get(plan);
  if (hit && hit.jobId === ctx.jobId && hit.stageId === ctx.stageId) return { ...(await hit.built), shared: true };
  const built = collect();
  sharedBuilds.set(plan, { jobId: ctx.jobId, stageId: ctx.stageId, built });
  // A failed build is not kept: the task's retry builds again.
  built.catch(() => sharedBuilds.delete(plan));
  return { ...(await built), shared: true };
}

/**
 * The side a task builds. A shuffled join whose two inputs are both shuffle reads builds the side with fewer bytes in
 * this partition — known exactly once the map stages are done, as Spark's adaptive execution knows it from map
 * statistics — so a join never hashes the big side because the planner's estimate was off; ties keep the planner's
 * side. Broadcast joins build what was broadcast.
 */
export function chooseBuildSide(plan: HashJoinExec, partition: number, ctx: TaskContext): 'left' | 'right' {
  if (plan.strategy !== 'shuffled' || plan.left.kind !== 'shuffleRead' || plan.right.kind !== 'shuffleRead') return plan.buildSide;
  const bytes = (shuffleId: number) => ctx.shuffleBlocks(shuffleId, partition).reduce((n, b) => n + batchBytes(b), 0);
  const l = bytes(plan.left.shuffleId);
  const r = bytes(plan.right.shuffleId);
  return l === r ? plan.buildSide : l < r ? 'left' : 'right';
}

export async function* executeHashJoin(plan: HashJoinExec, partition: number, ctx: TaskContext, exec: ExecuteFn): AsyncGenerator<arrow.RecordBatch> {
  const { joinType, condition } = plan;
  const semiAnti = isSemiOrAnti(joinType);
  const buildSide = chooseBuildSide(plan, partition, ctx);
  const buildIsLeft = buildSide === 'left';
  const buildPlan = buildIsLeft ? plan.left : plan.right;
  const streamPlan = buildIsLeft ? plan.right : plan.left;
  const buildKeyExprs = buildIsLeft ? plan.leftKeys : plan.rightKeys;
  const streamKeyExprs = buildIsLeft ? plan.rightKeys : plan.leftKeys;
  const keyTypes = buildKeyExprs.map(dataTypeOf);
  streamKeyExprs.forEach((e, k) => {
    if (dataTypeOf(e).kind !== keyTypes[k]!.kind) {
      throw new ExecutionError('INTERNAL_ERROR', `hash join key ${k} has different types on its two sides`);
    }
  });
  const leftTypes = plan.left.output.map((a) => a.dataType);
  const rightTypes = plan.right.output.map((a) => a.dataType);
  const buildTypes = buildIsLeft ? leftTypes : rightTypes;
  const outSchema = schemaOf(plan.output);
  const outTypes = plan.output.map((a) => a.dataType);
  // Candidate pairs are laid out as left ++ right, which is the output layout unless semi/anti.
  const pairSchema = semiAnti ? schemaOf([...plan.left.output, ...plan.right.output]) : outSchema;
  const streamPreserved = buildIsLeft ? preservesRight(joinType) : preservesLeft(joinType);
  // A semi/anti join that builds its left side marks the left rows the stream matches and emits them (or the others) at the end.
  const semiAntiOnBuild = semiAnti && buildIsLeft;
  const buildPreserved = buildIsLeft ? preservesLeft(joinType) || semiAntiOnBuild : preservesRight(joinType);
  const cap = Math.max(1, ctx.batchSize);
  const out = new BatchCoalescer(outSchema, outTypes, cap);

  const { build, table, shared } = await buildSideOf(plan, buildPlan, partition, ctx, exec, buildTypes, buildKeyExprs, keyTypes);
  const nb = build.numRows;
  try {
    if (nb === 0 && !streamPreserved && (joinType !== 'leftanti' || semiAntiOnBuild)) return; // nothing can come out
    yield* probeAll();
  } finally {
    if (!shared) native.joinTableRelease(table.native);
  }

  async function* probeAll(): AsyncGenerator<arrow.RecordBatch> {
    const buildMatched = buildPreserved ? new Uint8Array(nb) : null;

    /** Left/right-ordered gather of stream rows `si` with build rows `bi`. */
    const joined = (schema: arrow.Schema, stream: arrow.RecordBatch, si: Int32Array, bi: Int32Array) =>
      buildIsLeft ? gatherJoined(schema, leftTypes, build, bi, rightTypes, stream, si) : gatherJoined(schema, leftTypes, stream, si, rightTypes, build, bi);

    for await (const stream of exec(streamPlan, partition, ctx)) {
      ctx.signal.throwIfAborted();
      const m = stream.numRows;
      if (m === 0) continue;
      const streamMatched = new Uint8Array(m);
      if (nb > 0) {
        // Building the left side, every matching build row must be marked, not only a stream row's first match.
        const probe = new Prober(table, evaluateKeys(streamKeyExprs, stream), keyTypes, m, semiAnti && !semiAntiOnBuild && !condition);
        const si = new Int32Array(cap);
        const bi = new Int32Array(cap);
        for (let count = probe.fill(si, bi); count > 0; count = probe.fill(si, bi)) {
          const s = si.subarray(0, count);
          const b = bi.subarray(0, count);
          if (!condition) {
            for (let k = 0; k < count; k++) streamMatched[s[k]!] = 1;
            if (buildMatched) for (let k = 0; k < count; k++) buildMatched[b[k]!] = 1;
            if (!semiAnti) for (const o of out.push(joined(outSchema, stream, s, b))) yield o;
            continue;
          }
          const candidates = joined(pairSchema, stream, s, b);
          const pass = evaluatePredicate(condition, candidates);
          for (let k = 0; k < count; k++) {
            if (!pass[k]) continue;
            streamMatched[s[k]!] = 1;
            if (buildMatched) buildMatched[b[k]!] = 1;
          }
          if (!semiAnti) for (const o of out.push(filterBatch(candidates, outTypes, pass))) yield o;
        }
      }
      if (semiAntiOnBuild) continue;
      if (semiAnti) {
        const keep = rowsWhere(streamMatched, m, joinType === 'leftsemi' ? 1 : 0);
        for (const o of out.push(gatherRows(outSchema, leftTypes, stream, keep))) yield o;
      } else if (streamPreserved) {
        const lone = rowsWhere(streamMatched, m, 0);
        for (const o of out.push(joined(outSchema, stream, lone, nullIndices(lone.length)))) yield o;
      }
    }

    if (buildMatched && semiAntiOnBuild) {
      const keep = rowsWhere(buildMatched, nb, joinType === 'leftsemi' ? 1 : 0);
      for (let a = 0; a < keep.length; a += cap) {
        for (const o of out.push(gatherRows(outSchema, leftTypes, build, keep.subarray(a, a + cap)))) yield o;
      }
    } else if (buildMatched) {
      const lone = rowsWhere(buildMatched, nb, 0);
      // The stream side contributes only NULLs here; an empty batch of its schema stands in for it.
      const noStream = concatBatches(schemaOf(streamPlan.output), buildIsLeft ? rightTypes : leftTypes, []);
      for (let a = 0; a < lone.length; a += cap) {
        const part = lone.subarray(a, a + cap);
        for (const o of out.push(joined(outSchema, noStream, nullIndices(part.length), part))) yield o;
      }
    }
    for (const o of out.flush()) yield o;
  }
}

/**
 * Finds key-equal (stream, build) pairs a buffer at a time: the native probe compares every key column of a
 * primitive or string type; array-typed key columns (rare) are compared here, on the pairs it returns.
 */
class Prober {
  /** [next stream row, next table entry of its bucket] (see joinTableProbe). */
  private readonly cursor = new Float64Array([0, -1]);
  private readonly hashes: Uint32Array;
  private readonly skip: Uint8Array | null;
  private readonly streamCols: native.JoinKeyColumn[];
  private readonly arrayEquals: ((buildRow: number, streamRow: number) => boolean) | null;
  private readonly firstMatchOnly: boolean;

  constructor(
    private readonly table: HashTable,
    keys: readonly arrow.Data[],
    keyTypes: readonly DataType[],
    private readonly numRows: number,
    /** Semi/anti without a condition only need to know whether any build row matches. */
    firstMatchOnly: boolean,
  ) {
    this.hashes = hashColumns(keys, keyTypes, numRows, TABLE_SEED);
    this.skip = anyNullKey(keys, numRows);
    this.streamCols = table.nativeKeys.map((k) => joinKeyColumn(keys[k]!, keyTypes[k]!, keyKindOf(keyTypes[k]!)!));
    // Null-typed keys are NULL on every row: such rows are skipped before any comparison.
    const arrayKeys = keyTypes.flatMap((t, k) => (t.kind === 'array' || t.kind === 'struct' ? [k] : []));
    this.arrayEquals = arrayKeys.length === 0 ? null : makeArrayKeyEquals(arrayKeys.map((k) => table.keys[k]!), arrayKeys.map((k) => keys[k]!), arrayKeys.map((k) => keyTypes[k]!));
    // With array keys the native probe sees only some columns, so its first match may not be a real one.
    this.firstMatchOnly = firstMatchOnly && this.arrayEquals === null;
  }

  /** Fills `si`/`bi` with up to their length of pairs; 0 once every stream row is done. */
  fill(si: Int32Array, bi: Int32Array): number {
    for (;;) {
      const count = native.joinTableProbe(
        this.table.native, this.hashes, this.skip, this.numRows, this.table.nativeCols, this.streamCols, this.firstMatchOnly, this.cursor, si, bi,
      );
      const eq = this.arrayEquals;
      if (count === 0 || eq === null) return count;
      let kept = 0;
      for (let k = 0; k < count; k++) {
        if (!eq(bi[k]!, si[k]!)) continue;
        si[kept] = si[k]!;
        bi[kept++] = bi[k]!;
      }
      if (kept > 0) return kept;
    }
  }
}

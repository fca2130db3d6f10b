// Physical plans: what runs. Expressions here are bound (BoundReference ordinals into the child's output).
// Each operator declares its output and partitioning; the DAG scheduler cuts stages at exchanges.
import type * as arrow from 'apache-arrow';
import type { AggregateCall, AttributeReference, Expression, PythonEvalType, SortOrder } from '../expr/expression.js';
import type { DataType } from '../types/data-type.js';
import type { JoinType } from '../plan/logical-plan.js';
import { assertNever } from '../util/assert.js';
import type { StructField } from '../types/data-type.js';
import type { FileSplit } from '../datasource/file-format.js';

/** How an operator's output rows are spread over partitions (Spark's `Partitioning`). */
export type Partitioning =
  | { readonly kind: 'unknown'; readonly numPartitions: number }
  | { readonly kind: 'single' }
  | { readonly kind: 'roundRobin'; readonly numPartitions: number }
  /** Row goes to partition pmod(expr, n): the id was computed in Python by an RDD's partition function. */
  | { readonly kind: 'direct'; readonly expr: Expression; readonly numPartitions: number }
  /** Rows with equal `exprs` values are in the same partition (hash of the bound key columns modulo n). */
  | { readonly kind: 'hash'; readonly exprs: readonly Expression[]; readonly numPartitions: number }
  /** Partition i holds keys ≤ bounds[i] (by `order`); bounds are sampled by the scheduler before the shuffle. */
  | { readonly kind: 'range'; readonly order: readonly SortOrder[]; readonly numPartitions: number };

export function numPartitionsOf(p: Partitioning): number {
  return p.kind === 'single' ? 1 : p.numPartitions;
}

interface ExecBase {
  /** Output columns, in order; the next operator's BoundReferences index into this. */
  readonly output: readonly AttributeReference[];
}

export interface RangeExec extends ExecBase { readonly kind: 'range'; readonly start: bigint; readonly end: bigint; readonly step: bigint; readonly numPartitions: number }
export interface LocalTableScanExec extends ExecBase { readonly kind: 'localTableScan'; readonly partitions: readonly (readonly arrow.RecordBatch[])[] }
/** Reads the splits of partition i of a file scan (Spark's FileSourceScanExec); plain data, so it crosses threads. */
export interface FileScanExec extends ExecBase {
  readonly kind: 'fileScan';
  readonly format: string;
  readonly options: readonly (readonly [string, string])[];
  readonly dataSchema: readonly StructField[];
  readonly partitionSchema: readonly StructField[];
  readonly partitions: readonly (readonly FileSplit[])[];
  readonly rootPaths: readonly string[];
  readonly columns: readonly number[];
}
/**
 * Writes each partition of its child as part files under `stagingDir` (one file per partition, or per partition
 * directory with `partitionBy`), outputting one row per file written: its path relative to `stagingDir`, and rows.
 * The driver commits the files (Spark's FileFormatWriter with the staging committer).
 */
export interface WriteFilesExec extends ExecBase {
  readonly kind: 'writeFiles';
  readonly format: string;
  readonly options: readonly (readonly [string, string])[];
  readonly stagingDir: string;
  readonly jobUuid: string;
  /** Child output ordinals of the partition columns (`partitionBy`), in order. */
  readonly partitionColumns: readonly number[];
  readonly child: PhysicalPlan;
}
/** Reads a persisted DataFrame's partitions from the block manager (materialising `child` on first use). */
export interface InMemoryScanExec extends ExecBase { readonly kind: 'inMemoryScan'; readonly cacheId: number; readonly child: PhysicalPlan }
export interface ProjectExec extends ExecBase { readonly kind: 'project'; readonly exprs: readonly Expression[]; readonly child: PhysicalPlan }
export interface FilterExec extends ExecBase { readonly kind: 'filter'; readonly condition: Expression; readonly child: PhysicalPlan }

/**
 * Hash aggregation in one of three modes:
 * - `partial`: groups input rows by `groupingExprs` (bound to child output) and updates `aggregates`
 *   (args bound to child output). Output = grouping columns, then each aggregate's state columns
 *   (see `aggregateStateTypes`), in order.
 * - `final`: input has the partial layout; merges states of equal groups (the first `groupingExprs.length`
 *   input columns are the keys). Output = `resultExprs` evaluated over [grouping values…, aggregate results…].
 * - `complete`: both at once over raw input (used when the input is already in one partition).
 * With no grouping expressions the output has exactly one row, even for empty input (Spark's global aggregate).
 */
export interface HashAggregateExec extends ExecBase {
  readonly kind: 'hashAggregate';
  readonly mode: 'partial' | 'final' | 'complete';
  readonly groupingExprs: readonly Expression[];
  readonly aggregates: readonly AggregateCall[];
  readonly resultExprs: readonly Expression[];
  readonly child: PhysicalPlan;
}

/** Redistributes rows: the boundary between two stages. */
export interface ShuffleExchangeExec extends ExecBase { readonly kind: 'shuffleExchange'; readonly partitioning: Partitioning; readonly child: PhysicalPlan }
/** Collects the child's whole output and hands it to every task of the consuming stage. */
export interface BroadcastExchangeExec extends ExecBase { readonly kind: 'broadcastExchange'; readonly child: PhysicalPlan }
/** Reads the blocks a finished shuffle-map stage wrote for this partition (inserted by the DAG scheduler). */
export interface ShuffleReadExec extends ExecBase { readonly kind: 'shuffleRead'; readonly shuffleId: number; readonly numPartitions: number }
/** Reads the batches of a finished broadcast (inserted by the DAG scheduler). */
export interface BroadcastReadExec extends ExecBase { readonly kind: 'broadcastRead'; readonly broadcastId: number }

/**
 * Equi-join by hash: builds a hash table on `buildSide` over its key columns, streams the other side.
 * `leftKeys`/`rightKeys` are bound to each side's output; `condition` (extra, non-equi) is bound to
 * left output ++ right output. Output follows the logical join's output (semi/anti: left only).
 * - broadcast: the build side is a BroadcastExchange; the stream side keeps its partitioning.
 * - shuffled: both sides are hash-partitioned on their keys into the same number of partitions.
 */
export interface HashJoinExec extends ExecBase {
  readonly kind: 'hashJoin';
  readonly strategy: 'broadcast' | 'shuffled';
  readonly joinType: JoinType;
  readonly leftKeys: readonly Expression[];
  readonly rightKeys: readonly Expression[];
  readonly condition: Expression | null;
  readonly buildSide: 'left' | 'right';
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}
/** Joins without equi keys (cross joins, pure theta joins): the broadcast side is `right`, streaming `left`. */
export interface NestedLoopJoinExec extends ExecBase {
  readonly kind: 'nestedLoopJoin';
  readonly joinType: JoinType;
  readonly condition: Expression | null;
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}
/** Sorts each partition (a global sort sits on a range or single-partition exchange). */
export interface SortExec extends ExecBase { readonly kind: 'sort'; readonly order: readonly SortOrder[]; readonly child: PhysicalPlan }
/** Takes the first `limit` rows of each partition (`global: false`) or of its single input partition (`global: true`). */
/** `offset` (global limits only): rows skipped before the `limit` taken. */
export interface LimitExec extends ExecBase { readonly kind: 'limit'; readonly limit: number; readonly offset?: number; readonly global: boolean; readonly child: PhysicalPlan }
/** Concatenates the partitions of its children. */
export interface UnionExec extends ExecBase { readonly kind: 'union'; readonly children: readonly PhysicalPlan[] }
/** Merges partitions without a shuffle: output partition i reads input partitions assigned to it. */
export interface CoalesceExec extends ExecBase { readonly kind: 'coalesce'; readonly numPartitions: number; readonly child: PhysicalPlan }

/**
 * Window functions over one partition whose rows arrive sorted by the partition keys, then the order keys; `exprs`
 * are the bound WindowExpressions, one output column each after the child's columns.
 */
export interface WindowExec extends ExecBase {
  readonly kind: 'window';
  readonly exprs: readonly Expression[];
  readonly partitionSpec: readonly Expression[];
  readonly orderSpec: readonly SortOrder[];
  readonly child: PhysicalPlan;
}

/**
 * One Python function of a Python operator. `args[i] >= 0` reads argument column i of the operator's input to
 * the worker; `-(k+1)` is the result of function k of the same operator (chained UDFs, one trip to Python).
 */
export interface PythonFunction {
  readonly name: string;
  readonly command: Uint8Array;
  readonly returnType: DataType;
  readonly args: readonly number[];
  readonly isOutput: boolean;
  /** Broadcast variables the command refers to. */
  readonly broadcastIds?: readonly number[];
}

/**
 * Evaluates Python UDFs of one eval type over each batch (Spark's `BatchEvalPython` / `ArrowEvalPython`):
 * `argExprs` (bound to the child) are computed by the engine and sent; output = child output ++ one column per
 * output function.
 */
export interface PythonEvalExec extends ExecBase {
  readonly kind: 'pythonEval';
  readonly evalType: PythonEvalType;
  readonly argExprs: readonly Expression[];
  readonly functions: readonly PythonFunction[];
  readonly child: PhysicalPlan;
}
/** `mapInPandas` / `mapInArrow`: the child's batches go to Python whole; output is the declared schema. */
export interface MapInPythonExec extends ExecBase {
  readonly kind: 'mapInPython';
  readonly evalType: PythonEvalType;
  readonly fn: PythonFunction;
  readonly child: PhysicalPlan;
}
/**
 * Grouped Python functions over a child hash-partitioned by `groupingExprs` (bound to the child):
 * - `groupedMapPandas` (applyInPandas): each group's rows go to Python; output is the declared schema.
 * - `groupedAggPandas`: each group's `argExprs` go; output = `resultExprs` over [grouping values…, results…].
 */
export interface GroupedPythonExec extends ExecBase {
  readonly kind: 'groupedPython';
  readonly evalType: 'groupedMapPandas' | 'groupedAggPandas';
  readonly groupingExprs: readonly Expression[];
  readonly argExprs: readonly Expression[];
  readonly functions: readonly PythonFunction[];
  readonly resultExprs: readonly Expression[];
  readonly child: PhysicalPlan;
}

/**
 * explode / posexplode: one output row per element of the array `generator` (bound to the child); output = the
 * child columns at ordinals `carry`, then [pos,] col. `outer` keeps NULL/empty arrays as one row of NULLs.
 */
export interface GenerateExec extends ExecBase {
  readonly kind: 'generate';
  readonly generator: Expression;
  readonly position: boolean;
  readonly outer: boolean;
  readonly carry: readonly number[];
  readonly child: PhysicalPlan;
}

/** Each input row once per projection (bound to the child), all projections of a batch in turn: Spark's `ExpandExec`. */
export interface ExpandExec extends ExecBase {
  readonly kind: 'expand';
  readonly projections: readonly (readonly Expression[])[];
  readonly child: PhysicalPlan;
}

export type PhysicalPlan =
  | RangeExec
  | LocalTableScanExec
  | FileScanExec
  | WriteFilesExec
  | InMemoryScanExec
  | ProjectExec
  | FilterExec
  | HashAggregateExec
  | ShuffleExchangeExec
  | BroadcastExchangeExec
  | ShuffleReadExec
  | BroadcastReadExec
  | HashJoinExec
  | NestedLoopJoinExec
  | SortExec
  | LimitExec
  | UnionExec
  | CoalesceExec
  | PythonEvalExec
  | MapInPythonExec
  | GroupedPythonExec
  | GenerateExec
  | ExpandExec
  | WindowExec;

/** Rebuilds `p` with new children (in `physicalChildren` order); leaves are returned as they are. */
export function withNewPhysicalChildren(p: PhysicalPlan, kids: readonly PhysicalPlan[]): PhysicalPlan {
  switch (p.kind) {
    case 'range':
    case 'localTableScan':
    case 'fileScan':
    case 'shuffleRead':
    case 'broadcastRead':
    case 'inMemoryScan':
      return p;
    case 'project':
    case 'filter':
    case 'writeFiles':
    case 'hashAggregate':
    case 'shuffleExchange':
    case 'broadcastExchange':
    case 'sort':
    case 'limit':
    case 'coalesce':
    case 'window':
    case 'pythonEval':
    case 'mapInPython':
    case 'groupedPython':
    case 'generate':
    case 'expand':
      return { ...p, child: kids[0]! };
    case 'hashJoin':
    case 'nestedLoopJoin':
      return { ...p, left: kids[0]!, right: kids[1]! };
    case 'union':
      return { ...p, children: kids };
    default:
      return assertNever(p, 'physical plan');
  }
}

export function physicalChildren(p: PhysicalPlan): PhysicalPlan[] {
  switch (p.kind) {
    case 'range':
    case 'localTableScan':
    case 'fileScan':
    case 'shuffleRead':
    case 'broadcastRead':
      return [];
    case 'inMemoryScan':
      return [];
    case 'project':
    case 'filter':
    case 'writeFiles':
    case 'hashAggregate':
    case 'shuffleExchange':
    case 'broadcastExchange':
    case 'sort':
    case 'limit':
    case 'coalesce':
    case 'window':
    case 'pythonEval':
    case 'mapInPython':
    case 'groupedPython':
    case 'generate':
    case 'expand':
      return [p.child];
    case 'hashJoin':
    case 'nestedLoopJoin':
      return [p.left, p.right];
    case 'union':
      return [...p.children];
    default:
      return assertNever(p, 'physical plan');
  }
}

// Physical planning: picks operators and inserts exchanges where the required distribution changes.
//   Aggregate → HashAggregate(final) ← Exchange(hash keys) ← HashAggregate(partial)
//   Join      → broadcast hash join when a side is under the threshold, else shuffled hash join
//   Sort      → Sort ← Exchange(range)          Limit → Limit(global) ← Exchange(single) ← Limit(local)
import {
  type AggregateCall,
  type AttributeReference,
  type Expression,
  type PythonUdf,
  type SortOrder,
  attr,
  dataTypeOf,
  exists,
  forEachExpr,
  nullableOf,
  prettyName,
  references,
  semanticEquals,
  transformDown,
} from '../expr/expression.js';
import type { Aggregate, Join, Limit, LogicalPlan, Window } from '../plan/logical-plan.js';
import { NO_LIMIT, generateChildOutput, outputOf } from '../plan/logical-plan.js';
import { assertNever } from '../util/assert.js';
import type { DataType } from '../types/data-type.js';
import { aggregateStateTypes } from '../expr/aggregates/registry.js';
import { batchBytes } from '../execution/vectors.js';
import { estimateRows } from '../optimizer/cardinality.js';
import { bindReferences } from './bind.js';
import { ArgumentColumns, extractPythonUdfs, wholeRowFunction } from './plan-python.js';
import { type HashAggregateExec, type Partitioning, type PhysicalPlan, numPartitionsOf } from './physical-plan.js';

export interface PlannerOptions {
  /** `spark.sql.shuffle.partitions`. */
  readonly shufflePartitions: number;
  /** `spark.sql.autoBroadcastJoinThreshold` in bytes; -1 disables broadcast joins. */
  readonly broadcastThreshold: number;
}

export function planPhysical(plan: LogicalPlan, opts: PlannerOptions): PhysicalPlan {
  return new Planner(opts).plan(plan);
}

/** Number of partitions an operator's output has. */
export function outputPartitions(p: PhysicalPlan): number {
  switch (p.kind) {
    case 'range':
      return p.numPartitions;
    case 'localTableScan':
    case 'fileScan':
      return Math.max(1, p.partitions.length);
    case 'writeFiles':
      return outputPartitions(p.child);
    case 'inMemoryScan':
      return outputPartitions(p.child);
    case 'project':
    case 'filter':
    case 'hashAggregate':
    case 'sort':
    case 'window':
      return outputPartitions(p.child);
    case 'limit':
      return p.global ? 1 : outputPartitions(p.child);
    case 'shuffleExchange':
      return numPartitionsOf(p.partitioning);
    case 'broadcastExchange':
    case 'broadcastRead':
      return 1;
    case 'shuffleRead':
      return p.numPartitions;
    case 'hashJoin':
      if (p.strategy === 'broadcast') return outputPartitions(p.buildSide === 'right' ? p.left : p.right);
      return outputPartitions(p.left);
    case 'nestedLoopJoin':
      return outputPartitions(p.left);
    case 'union':
      return p.children.reduce((s, c) => s + outputPartitions(c), 0);
    case 'coalesce':
      return p.numPartitions;
    case 'pythonEval':
    case 'mapInPython':
    case 'groupedPython':
    case 'generate':
    case 'expand':
      return outputPartitions(p.child);
    default:
      return assertNever(p, 'physical plan');
  }
}

/** Spark's `DataType.defaultSize`: the width a size estimate assumes for a value of `t`. */
function defaultSize(t: DataType): number {
  switch (t.kind) {
    case 'boolean':
    case 'null':
      return 1;
    case 'int32':
    case 'date':
      return 4;
    case 'string':
      return 20;
    case 'binary':
      return 100;
    case 'array':
      return defaultSize(t.elementType);
    case 'map':
      return defaultSize(t.keyType) + defaultSize(t.valueType);
    case 'struct':
      return t.fields.reduce((n, f) => n + defaultSize(f.dataType), 0);
    default:
      return 8;
  }
}

/** Spark's `EstimationUtils.getSizePerRow`: 8 bytes of row overhead plus each column's default size. */
export function rowBytes(output: readonly { readonly dataType: DataType }[]): number {
  return 8 + output.reduce((n, a) => n + defaultSize(a.dataType), 0);
}

/** A unary node's size as Spark estimates it without statistics: the child's, scaled by the ratio of row widths. */
function widthScaled(p: LogicalPlan, child: LogicalPlan): number {
  const bytes = estimateBytes(child);
  if (!Number.isFinite(bytes)) return bytes;
  return Math.ceil((bytes * rowBytes(outputOf(p))) / rowBytes(outputOf(child)));
}

/** Rough output size in bytes, for the broadcast decision (Infinity when unknown). */
export function estimateBytes(p: LogicalPlan): number {
  switch (p.kind) {
    case 'range': {
      const n = p.step > 0n ? (p.end - p.start + p.step - 1n) / p.step : (p.start - p.end - p.step - 1n) / -p.step;
      return Number(n > 0n ? n : 0n) * 8;
    }
    case 'localRelation':
      return p.partitions.reduce((s, part) => s + part.reduce((t, b) => t + batchBytes(b), 0), 0);
    case 'cachedRelation':
      return estimateBytes(p.child);
    case 'filter':
    case 'sort':
    case 'distinct':
    case 'repartition':
    case 'subqueryAlias':
      return estimateBytes(p.child);
    case 'aggregate':
      // A global aggregate is one row.
      if (p.groupingExprs.length === 0) return rowBytes(outputOf(p));
      return widthScaled(p, p.child);
    case 'project':
    case 'window':
      return widthScaled(p, p.child);
    case 'expand':
      return estimateBytes(p.child) * p.projections.length;
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'generate':
      return Infinity;
    case 'limit':
      return Math.min(estimateBytes(p.child), p.limit * 64);
    case 'join': {
      if (p.joinType === 'leftsemi' || p.joinType === 'leftanti') return estimateBytes(p.left);
      // An inner join of inputs of known size (small dimensions joined first by cost-based-reorder-join): its
      // estimated rows at its row width, so the result can still be broadcast. Outer joins stay unknown.
      if ((p.joinType !== 'inner' && p.joinType !== 'cross') || !Number.isFinite(estimateBytes(p.left)) || !Number.isFinite(estimateBytes(p.right))) return Infinity;
      return estimateRows(p) * rowBytes(outputOf(p));
    }
    case 'union':
      return p.children.reduce((s, c) => s + estimateBytes(c), 0);
    case 'fileScan': {
      // Spark's HadoopFsRelation.sizeInBytes: the files' bytes (compressed Parquet counts as it is on disk).
      const bytes = p.partitions.reduce((s, part) => s + part.reduce((t, f) => t + f.length, 0), 0);
      return bytes;
    }
    default:
      return assertNever(p, 'logical plan');
  }
}

/**
 * True when `p`'s rows are already hash-partitioned on `keys` by an exchange below Windows, Sorts and Projects of
 * those columns (followed down to the exchange): a second window over the same keys needs no shuffle.
 */
function hashPartitionedOn(p: PhysicalPlan, keys: readonly Expression[]): boolean {
  let q = p;
  let ks: readonly Expression[] = keys;
  for (;;) {
    if (q.kind === 'window' || q.kind === 'sort') q = q.child;
    else if (q.kind === 'project') {
      // Follow pass-through columns to their position below the projection.
      const proj = q;
      const mapped = ks.map((k) => (k.kind === 'boundRef' ? proj.exprs[k.ordinal] : undefined));
      if (mapped.some((m) => m === undefined || m.kind !== 'boundRef')) return false;
      ks = mapped as Expression[];
      q = q.child;
    } else break;
  }
  if (q.kind !== 'shuffleExchange' || q.partitioning.kind !== 'hash') return false;
  const have = q.partitioning.exprs;
  return have.length === ks.length && have.every((e, i) => semanticEquals(e, ks[i]!));
}

/**
 * An aggregate's result expressions, bound to [grouping values…, one value per call…], with the grouping attributes
 * that layout starts with. `calls` are the distinct aggregate calls of `p` (built-in or Python), `resultAttrs` their
 * result columns.
 */
function aggregateResults(p: Aggregate, calls: readonly Expression[], resultAttrs: readonly AttributeReference[]): { groupAttrs: AttributeReference[]; resultExprs: Expression[] } {
  const groupAttrs = p.groupingExprs.map((g) => (g.kind === 'attr' ? g : attr(prettyName(g), dataTypeOf(g), nullableOf(g))));
  const input = [...groupAttrs, ...resultAttrs];
  const resultExprs = p.aggregateExprs.map((e) =>
    bindReferences(
      transformDown(e, (x) => {
        if (x.kind === 'alias') return x;
        const gi = p.groupingExprs.findIndex((g) => semanticEquals(g, x));
        if (gi >= 0) return groupAttrs[gi]!;
        const ci = calls.findIndex((c) => semanticEquals(c, x));
        return ci >= 0 ? resultAttrs[ci]! : x;
      }),
      input,
    ),
  );
  return { groupAttrs, resultExprs };
}

function splitConjuncts(e: Expression): Expression[] {
  return e.kind === 'and' ? [...splitConjuncts(e.left), ...splitConjuncts(e.right)] : [e];
}

class Planner {
  constructor(private readonly opts: PlannerOptions) {}

  plan(p: LogicalPlan): PhysicalPlan {
    const output = outputOf(p);
    switch (p.kind) {
      case 'range':
        return { kind: 'range', start: p.start, end: p.end, step: p.step, numPartitions: p.numPartitions, output };
      case 'localRelation':
        return { kind: 'localTableScan', partitions: p.partitions.length > 0 ? p.partitions : [[]], output };
      case 'fileScan':
        return {
          kind: 'fileScan', format: p.format, options: p.options, dataSchema: p.dataSchema, partitionSchema: p.partitionSchema,
          partitions: p.partitions.length > 0 ? p.partitions : [[]], rootPaths: p.rootPaths, columns: p.columns, output,
        };
      case 'cachedRelation':
        return { kind: 'inMemoryScan', cacheId: p.cacheId, child: this.plan(p.child), output };
      case 'project': {
        const { exprs, child } = extractPythonUdfs(p.projectList, this.plan(p.child));
        return { kind: 'project', exprs: exprs.map((e) => bindReferences(e, child.output)), child, output };
      }
      case 'filter': {
        const planned = this.plan(p.child);
        const { exprs, child } = extractPythonUdfs([p.condition], planned);
        if (child === planned) return { kind: 'filter', condition: bindReferences(p.condition, child.output), child, output };
        // The UDF result columns served the condition only: project them away again.
        const filter: PhysicalPlan = { kind: 'filter', condition: bindReferences(exprs[0]!, child.output), child, output: child.output };
        return { kind: 'project', exprs: output.map((a) => bindReferences(a, child.output)), child: filter, output };
      }
      case 'mapInPython': {
        const child = this.plan(p.child);
        return { kind: 'mapInPython', evalType: p.func.evalType, fn: wholeRowFunction(p.func), child, output };
      }
      case 'generate': {
        // A Python UDF inside the generator (explode(f(x))) runs in a PythonEval below, as for a filter.
        const { exprs, child } = extractPythonUdfs([p.generator], this.plan(p.child));
        const carry = generateChildOutput(p).map((a) => {
          const i = child.output.findIndex((o) => o.exprId === a.exprId);
          if (i < 0) throw new Error(`generate: child column ${a.name}#${a.exprId} is missing from the planned child`);
          return i;
        });
        return { kind: 'generate', generator: bindReferences(exprs[0]!, child.output), position: p.position, outer: p.outer, carry, child, output };
      }
      case 'expand': {
        const child = this.plan(p.child);
        return { kind: 'expand', projections: p.projections.map((q) => q.map((e) => bindReferences(e, child.output))), child, output };
      }
      case 'flatMapGroupsInPython': {
        const planned = this.plan(p.child);
        const child = this.clusteredBy(p.groupingExprs.map((g) => bindReferences(g, planned.output)), planned);
        const groupingExprs = p.groupingExprs.map((e) => bindReferences(e, child.output));
        return { kind: 'groupedPython', evalType: 'groupedMapPandas', groupingExprs, argExprs: [], functions: [wholeRowFunction(p.func)], resultExprs: [], child, output };
      }
      case 'subqueryAlias':
        return this.plan(p.child);
      case 'aggregate':
        return this.planAggregate(p);
      case 'distinct':
        return this.planAggregate({ kind: 'aggregate', groupingExprs: outputOf(p.child), aggregateExprs: outputOf(p.child), child: p.child });
      case 'join':
        return this.planJoin(p);
      case 'sort': {
        const child = this.plan(p.child);
        const order = p.order.map((o) => bindReferences(o, child.output) as SortOrder);
        if (!p.global || outputPartitions(child) === 1) return { kind: 'sort', order, child, output };
        const exchange: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'range', order, numPartitions: this.opts.shufflePartitions }, child, output: child.output };
        return { kind: 'sort', order, child: exchange, output };
      }
      case 'limit': {
        if (p.offset) return this.planOffset(p, output);
        if (p.child.kind === 'sort' && p.child.global) {
          // Top-k: sort and cut each partition, then merge the survivors in one partition.
          const sortChild = this.plan(p.child.child);
          const order = p.child.order.map((o) => bindReferences(o, sortChild.output) as SortOrder);
          const localSort: PhysicalPlan = { kind: 'sort', order, child: sortChild, output };
          if (outputPartitions(sortChild) === 1) return { kind: 'limit', limit: p.limit, global: true, child: localSort, output };
          const local: PhysicalPlan = { kind: 'limit', limit: p.limit, global: false, child: localSort, output };
          const single: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'single' }, child: local, output };
          return { kind: 'limit', limit: p.limit, global: true, child: { kind: 'sort', order, child: single, output }, output };
        }
        const child = this.plan(p.child);
        if (outputPartitions(child) === 1) return { kind: 'limit', limit: p.limit, global: true, child, output };
        const local: PhysicalPlan = { kind: 'limit', limit: p.limit, global: false, child, output };
        const single: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'single' }, child: local, output };
        return { kind: 'limit', limit: p.limit, global: true, child: single, output };
      }
      case 'union':
        return { kind: 'union', children: p.children.map((c) => this.plan(c)), output };
      case 'repartition': {
        const child = this.plan(p.child);
        if (!p.shuffle) {
          return p.numPartitions >= outputPartitions(child) ? child : { kind: 'coalesce', numPartitions: p.numPartitions, child, output };
        }
        const partitioning: Partitioning = p.byRange
          ? { kind: 'range', order: p.partitionExprs.map((e) => bindReferences(e, child.output) as SortOrder), numPartitions: p.numPartitions }
          : p.byPartitionId
          ? { kind: 'direct', expr: bindReferences(p.partitionExprs[0]!, child.output), numPartitions: p.numPartitions }
          : p.partitionExprs.length > 0
          ? { kind: 'hash', exprs: p.partitionExprs.map((e) => bindReferences(e, child.output)), numPartitions: p.numPartitions }
          : { kind: 'roundRobin', numPartitions: p.numPartitions };
        return { kind: 'shuffleExchange', partitioning, child, output };
      }
      case 'window':
        return this.planWindow(p, output);
      default:
        return assertNever(p, 'logical plan');
    }
  }

  /** Window ← Sort(partition keys, order keys) ← Exchange(hash partition keys, or single without keys). */
  /**
   * LIMIT with OFFSET: each partition keeps its first limit + offset rows (sorted first under ORDER BY), one partition
   * gathers them in order (merged by the sort), and there the offset is skipped and the limit taken.
   */
  private planOffset(p: Limit, output: AttributeReference[]): PhysicalPlan {
    const offset = p.offset ?? 0;
    const sorted = p.child.kind === 'sort' && p.child.global ? p.child : null;
    const base = this.plan(sorted ? sorted.child : p.child);
    const order = sorted ? sorted.order.map((o) => bindReferences(o, base.output) as SortOrder) : null;
    let local: PhysicalPlan = order ? { kind: 'sort', order, child: base, output } : base;
    const global = (child: PhysicalPlan): PhysicalPlan => ({ kind: 'limit', limit: p.limit, offset, global: true, child, output });
    if (outputPartitions(base) === 1) return global(local);
    const keep = Math.min(NO_LIMIT, p.limit + offset);
    if (keep < NO_LIMIT) local = { kind: 'limit', limit: keep, global: false, child: local, output };
    const single: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'single' }, child: local, output };
    return global(order ? { kind: 'sort', order, child: single, output } : single);
  }

  private planWindow(p: Window, output: AttributeReference[]): PhysicalPlan {
    const planned = this.plan(p.child);
    const keys = p.partitionSpec.map((e) => bindReferences(e, planned.output));
    const order = p.orderSpec.map((o) => bindReferences(o, planned.output) as SortOrder);
    let child = this.clusteredBy(keys, planned);
    const sortOrder: SortOrder[] = [...keys.map((k): SortOrder => ({ kind: 'sortOrder', child: k, direction: 'asc', nullOrdering: 'nullsFirst' })), ...order];
    if (sortOrder.length > 0) child = { kind: 'sort', order: sortOrder, child, output: child.output };
    const exprs = p.windowExprs.map((a) => bindReferences(a.child, child.output));
    return { kind: 'window', exprs, partitionSpec: keys, orderSpec: order, child, output };
  }

  /**
   * Puts rows with equal `keys` (bound to `child`) in one partition: a hash exchange, or a single partition when
   * there are no keys; nothing when the child is one partition or already hash-partitioned on the keys.
   */
  private clusteredBy(keys: readonly Expression[], child: PhysicalPlan): PhysicalPlan {
    if (outputPartitions(child) === 1 || (keys.length > 0 && hashPartitionedOn(child, keys))) return child;
    const partitioning: Partitioning = keys.length > 0 ? { kind: 'hash', exprs: keys, numPartitions: this.opts.shufflePartitions } : { kind: 'single' };
    return { kind: 'shuffleExchange', partitioning, child, output: child.output };
  }

  /** `groupBy(...).agg(pandas_udf…)`: groups are gathered by a hash exchange and each is sent to Python whole. */
  private planPandasAggregate(p: Aggregate): PhysicalPlan {
    const output = outputOf(p);
    const planned = this.plan(p.child);
    const calls: PythonUdf[] = [];
    p.aggregateExprs.forEach((e) => forEachExpr(e, (x) => {
      if (x.kind === 'pythonUdf' && x.evalType === 'groupedAggPandas' && !calls.some((c) => semanticEquals(c, x))) calls.push(x);
    }));
    // Scalar UDFs inside the aggregate's arguments run first, below the exchange.
    const argList = calls.flatMap((c) => c.args);
    const extracted = extractPythonUdfs(argList, planned);
    const child = this.clusteredBy(p.groupingExprs.map((g) => bindReferences(g, extracted.child.output)), extracted.child);
    const args = new ArgumentColumns();
    let k = 0;
    const functions = calls.map((c) => ({ name: c.name, command: c.command, returnType: c.dataType, args: c.args.map(() => args.index(extracted.exprs[k++]!)), isOutput: true, broadcastIds: c.broadcastIds ?? [] }));
    const { resultExprs } = aggregateResults(p, calls, calls.map((c) => attr(prettyName(c), c.dataType, true)));
    return {
      kind: 'groupedPython',
      evalType: 'groupedAggPandas',
      groupingExprs: p.groupingExprs.map((g) => bindReferences(g, child.output)),
      argExprs: args.exprs.map((e) => bindReferences(e, child.output)),
      functions,
      resultExprs,
      child,
      output,
    };
  }

  private planAggregate(p: Aggregate): PhysicalPlan {
    if (p.aggregateExprs.some((e) => exists(e, (x) => x.kind === 'pythonUdf' && x.evalType === 'groupedAggPandas'))) return this.planPandasAggregate(p);
    // Python UDFs in keys or aggregate arguments (groupBy(f(x)), sum(f(x))) run in a PythonEval below.
    const g = p.groupingExprs.length;
    const extracted = extractPythonUdfs([...p.groupingExprs, ...p.aggregateExprs], this.plan(p.child));
    const child = extracted.child;
    p = { ...p, groupingExprs: extracted.exprs.slice(0, g), aggregateExprs: extracted.exprs.slice(g) };
    const output = outputOf(p);
    // Distinct aggregate calls, in first-seen order.
    const calls: AggregateCall[] = [];
    const collect = (e: Expression): Expression =>
      transformDown(e, (x) => {
        if (x.kind === 'agg' && !calls.some((c) => semanticEquals(c, x))) calls.push(x);
        return x;
      });
    p.aggregateExprs.forEach(collect);
    const { groupAttrs, resultExprs } = aggregateResults(p, calls, calls.map((c) => attr(prettyName(c), c.dataType, c.nullable)));
    const boundGrouping = p.groupingExprs.map((g) => bindReferences(g, child.output));
    const boundCalls = calls.map((c) => ({ ...c, args: c.args.map((a) => bindReferences(a, child.output)) }));
    if (outputPartitions(child) === 1) {
      return { kind: 'hashAggregate', mode: 'complete', groupingExprs: boundGrouping, aggregates: boundCalls, resultExprs, child, output };
    }
    const stateAttrs = calls.flatMap((c, i) => aggregateStateTypes(c).map((t, j) => attr(`${prettyName(c)}#state${i}_${j}`, t, true)));
    const partialOutput = [...groupAttrs.map((a) => ({ ...a })), ...stateAttrs];
    const partial: HashAggregateExec = { kind: 'hashAggregate', mode: 'partial', groupingExprs: boundGrouping, aggregates: boundCalls, resultExprs: [], child, output: partialOutput };
    const keyRefs: Expression[] = groupAttrs.map((a, i) => ({ kind: 'boundRef', ordinal: i, dataType: a.dataType, nullable: a.nullable }));
    const partitioning: Partitioning = keyRefs.length > 0 ? { kind: 'hash', exprs: keyRefs, numPartitions: this.opts.shufflePartitions } : { kind: 'single' };
    const exchange: PhysicalPlan = { kind: 'shuffleExchange', partitioning, child: partial, output: partialOutput };
    return { kind: 'hashAggregate', mode: 'final', groupingExprs: keyRefs, aggregates: boundCalls, resultExprs, child: exchange, output };
  }

  private planJoin(p: Join): PhysicalPlan {
    const left = this.plan(p.left);
    const right = this.plan(p.right);
    const output = outputOf(p);
    const leftIds = new Set(left.output.map((a) => a.exprId));
    const rightIds = new Set(right.output.map((a) => a.exprId));
    const onlyFrom = (e: Expression, ids: Set<number>) => [...references(e).keys()].every((id) => ids.has(id)) && references(e).size > 0;
    const leftKeys: Expression[] = [];
    const rightKeys: Expression[] = [];
    const rest: Expression[] = [];
    for (const c of p.condition ? splitConjuncts(p.condition) : []) {
      if (c.kind === 'cmp' && c.op === '=' && onlyFrom(c.left, leftIds) && onlyFrom(c.right, rightIds)) {
        leftKeys.push(c.left);
        rightKeys.push(c.right);
      } else if (c.kind === 'cmp' && c.op === '=' && onlyFrom(c.left, rightIds) && onlyFrom(c.right, leftIds)) {
        leftKeys.push(c.right);
        rightKeys.push(c.left);
      } else rest.push(c);
    }
    const both = [...left.output, ...right.output];
    const extra = rest.length > 0 ? bindReferences(rest.reduce((a, b) => ({ kind: 'and', left: a, right: b })), both) : null;
    const jt = p.joinType === 'cross' ? 'inner' : p.joinType;
    const threshold = this.opts.broadcastThreshold;
    const small = (x: LogicalPlan) => threshold >= 0 && estimateBytes(x) <= threshold;
    if (leftKeys.length === 0) {
      // No equi keys: nested loop with the right side broadcast; outer joins that preserve the right side need one left partition.
      let l = left;
      if ((jt === 'right' || jt === 'full') && outputPartitions(left) > 1) {
        l = { kind: 'shuffleExchange', partitioning: { kind: 'single' }, child: left, output: left.output };
      }
      const r: PhysicalPlan = { kind: 'broadcastExchange', child: right, output: right.output };
      return { kind: 'nestedLoopJoin', joinType: jt, condition: extra, left: l, right: r, output };
    }
    const lk = leftKeys.map((k) => bindReferences(k, left.output));
    const rk = rightKeys.map((k) => bindReferences(k, right.output));
    const canBuildRight = jt === 'inner' || jt === 'left' || jt === 'leftsemi' || jt === 'leftanti';
    const canBuildLeft = jt === 'inner' || jt === 'right';
    if (canBuildRight && small(p.right) && (!canBuildLeft || !small(p.left) || estimateBytes(p.right) <= estimateBytes(p.left))) {
      const r: PhysicalPlan = { kind: 'broadcastExchange', child: right, output: right.output };
      return { kind: 'hashJoin', strategy: 'broadcast', joinType: jt, leftKeys: lk, rightKeys: rk, condition: extra, buildSide: 'right', left, right: r, output };
    }
    if (canBuildLeft && small(p.left)) {
      const l: PhysicalPlan = { kind: 'broadcastExchange', child: left, output: left.output };
      return { kind: 'hashJoin', strategy: 'broadcast', joinType: jt, leftKeys: lk, rightKeys: rk, condition: extra, buildSide: 'left', left: l, right, output };
    }
    const n = this.opts.shufflePartitions;
    const l: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'hash', exprs: lk, numPartitions: n }, child: left, output: left.output };
    const r: PhysicalPlan = { kind: 'shuffleExchange', partitioning: { kind: 'hash', exprs: rk, numPartitions: n }, child: right, output: right.output };
    const buildSide = jt === 'right' ? 'left' : 'right';
    return { kind: 'hashJoin', strategy: 'shuffled', joinType: jt, leftKeys: lk, rightKeys: rk, condition: extra, buildSide, left: l, right: r, output };
  }
}

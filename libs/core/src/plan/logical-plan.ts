// Logical plans: a closed union of plain objects tagged by `kind`; every switch over it ends in assertNever.
import type * as arrow from 'apache-arrow';
import {
  type Alias,
  type AttributeReference,
  type Expression,
  type NamedExpression,
  type PythonUdf,
  type SortOrder,
  exists,
  exprToString,
  toAttribute,
} from '../expr/expression.js';
import { assertNever } from '../util/assert.js';
import type { StructField } from '../types/data-type.js';
import type { FileSplit } from '../datasource/file-format.js';

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'leftsemi' | 'leftanti' | 'cross';

interface PlanBase {
  /** Identifies the DataFrame that created this node, so `df.col('x')` can resolve against it in a join. */
  readonly planId?: number;
}

/** `spark.range(start, end, step, numPartitions)`: one bigint column `id`. */
export interface Range extends PlanBase {
  readonly kind: 'range';
  readonly start: bigint;
  readonly end: bigint;
  readonly step: bigint;
  readonly numPartitions: number;
  readonly output: readonly AttributeReference[];
}

/** Data held by the engine: rows from `createDataFrame`, already split into partitions of Arrow batches. */
export interface LocalRelation extends PlanBase {
  readonly kind: 'localRelation';
  readonly output: readonly AttributeReference[];
  readonly partitions: readonly (readonly arrow.RecordBatch[])[];
}

/**
 * Files read by a data source (`spark.read.parquet(path)`): the files are listed and the schema is known when the
 * DataFrame is made; `partitions` are the splits each task reads. Spark's LogicalRelation over a HadoopFsRelation.
 */
export interface FileScan extends PlanBase {
  readonly kind: 'fileScan';
  readonly format: string;
  readonly options: readonly (readonly [string, string])[];
  /** The files' columns, then the columns of `k=v` partition directories. */
  readonly dataSchema: readonly StructField[];
  readonly partitionSchema: readonly StructField[];
  readonly partitions: readonly (readonly FileSplit[])[];
  /** The paths as given, for explain. */
  readonly rootPaths: readonly string[];
  /** Per output column, its index in dataSchema ++ partitionSchema (column pruning narrows both lists). */
  readonly columns: readonly number[];
  readonly output: readonly AttributeReference[];
}

/** A persisted DataFrame: reads its partitions from the block manager once materialised. */
export interface CachedRelation extends PlanBase {
  readonly kind: 'cachedRelation';
  readonly output: readonly AttributeReference[];
  readonly cacheId: number;
  /** The plan that fills the cache on first use. */
  readonly child: LogicalPlan;
}

export interface Project extends PlanBase { readonly kind: 'project'; readonly projectList: readonly Expression[]; readonly child: LogicalPlan }
export interface Filter extends PlanBase { readonly kind: 'filter'; readonly condition: Expression; readonly child: LogicalPlan }
export interface Aggregate extends PlanBase {
  readonly kind: 'aggregate';
  readonly groupingExprs: readonly Expression[];
  readonly aggregateExprs: readonly Expression[];
  /**
   * GROUPING SETS / ROLLUP / CUBE, before analysis only: each set lists positions in `groupingExprs`. The analyzer
   * rewrites such an aggregate to one grouped by those expressions and `spark_grouping_id`, over an Expand.
   */
  readonly groupingSets?: readonly (readonly number[])[];
  readonly child: LogicalPlan;
}
export interface Join extends PlanBase {
  readonly kind: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: JoinType;
  readonly condition: Expression | null;
  /** Column names of a `USING` join; the analyzer turns them into a condition plus a projection. */
  readonly usingColumns?: readonly string[];
}
export interface Sort extends PlanBase { readonly kind: 'sort'; readonly order: readonly SortOrder[]; readonly global: boolean; readonly child: LogicalPlan }
/** A Limit's `limit` when only an offset applies (`df.offset(n)`, SQL `OFFSET n` without LIMIT). */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** The child's rows from `offset` (default 0; Spark's `Offset`) on, at most `limit` of them. */
export interface Limit extends PlanBase { readonly kind: 'limit'; readonly limit: number; readonly offset?: number; readonly child: LogicalPlan }
export interface Distinct extends PlanBase { readonly kind: 'distinct'; readonly child: LogicalPlan }
/** UNION ALL of children with the same number of columns, by position (by name once analysed). */
export interface Union extends PlanBase {
  readonly kind: 'union';
  readonly children: readonly LogicalPlan[];
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}
/** `repartition(n[, cols])` (shuffle) or `coalesce(n)` (no shuffle). */
export interface Repartition extends PlanBase {
  readonly kind: 'repartition';
  readonly numPartitions: number;
  readonly shuffle: boolean;
  readonly partitionExprs: readonly Expression[];
  /** RDD shuffles: `partitionExprs[0]` is the partition id, computed in Python (`partitionBy`). */
  readonly byPartitionId?: boolean;
  /** `repartitionByRange`: `partitionExprs` are SortOrders; rows go to ranges of them, bounds sampled. */
  readonly byRange?: boolean;
  readonly child: LogicalPlan;
}
/**
 * Window functions sharing one PARTITION BY / ORDER BY: the child's columns plus one column per window expression
 * (each an Alias of a WindowExpression whose spec has these keys; frames may differ).
 */
export interface Window extends PlanBase {
  readonly kind: 'window';
  readonly windowExprs: readonly Alias[];
  readonly partitionSpec: readonly Expression[];
  readonly orderSpec: readonly SortOrder[];
  readonly child: LogicalPlan;
}
/** `df.alias('t')`: gives the child's columns the qualifier `t`. */
export interface SubqueryAlias extends PlanBase { readonly kind: 'subqueryAlias'; readonly alias: string; readonly child: LogicalPlan }

/**
 * `mapInPandas` / `mapInArrow`: the Python function `func` maps each partition's batches to rows of `output`
 * (declared by the user). Spark's `MapInPandas` / `MapInArrow`.
 */
export interface MapInPython extends PlanBase {
  readonly kind: 'mapInPython';
  readonly func: PythonUdf;
  readonly output: readonly AttributeReference[];
  readonly child: LogicalPlan;
}
/** `groupBy(keys).applyInPandas(func, schema)`: one call of `func` per group with all of its rows (Spark's `FlatMapGroupsInPandas`). */
export interface FlatMapGroupsInPython extends PlanBase {
  readonly kind: 'flatMapGroupsInPython';
  readonly groupingExprs: readonly Expression[];
  readonly func: PythonUdf;
  readonly output: readonly AttributeReference[];
  readonly child: LogicalPlan;
}

/**
 * `explode` / `posexplode` (`_outer`): one output row per element of the array `generator` (bound to the child),
 * the child's columns repeated beside `generatorOutput` ([pos,] col). `outer` keeps rows whose array is NULL or
 * empty, with NULLs. Spark's `Generate`; the analyzer makes it from a generator in a select list.
 */
export interface Generate extends PlanBase {
  readonly kind: 'generate';
  readonly generator: Expression;
  readonly position: boolean;
  readonly outer: boolean;
  readonly generatorOutput: readonly AttributeReference[];
  /** Child columns (exprIds) not carried to the output: only the generator reads them (Spark's `unrequiredChildIndex`). */
  readonly omitChild?: readonly number[];
  readonly child: LogicalPlan;
}

/**
 * Each child row once per projection (all of `output`'s width, bound to the child): Spark's `Expand`, which grouping
 * analytics put under their aggregate, one projection per grouping set.
 */
export interface Expand extends PlanBase {
  readonly kind: 'expand';
  readonly projections: readonly (readonly Expression[])[];
  readonly output: readonly AttributeReference[];
  readonly child: LogicalPlan;
}

export type LogicalPlan =
  | Range
  | LocalRelation
  | FileScan
  | CachedRelation
  | Project
  | Filter
  | Aggregate
  | Join
  | Sort
  | Limit
  | Distinct
  | Union
  | Repartition
  | SubqueryAlias
  | MapInPython
  | FlatMapGroupsInPython
  | Generate
  | Expand
  | Window;

// ---------------------------------------------------------------------------------------------
// Structure

export function planChildren(p: LogicalPlan): LogicalPlan[] {
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
      return [];
    case 'project':
    case 'filter':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'repartition':
    case 'subqueryAlias':
    case 'window':
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'generate':
    case 'expand':
      return [p.child];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return [...p.children];
    default:
      return assertNever(p, 'logical plan');
  }
}

export function withNewPlanChildren(p: LogicalPlan, c: readonly LogicalPlan[]): LogicalPlan {
  const old = planChildren(p);
  if (old.length === c.length && old.every((x, i) => x === c[i])) return p;
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
      return p;
    case 'project':
    case 'filter':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'repartition':
    case 'subqueryAlias':
    case 'window':
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'generate':
    case 'expand':
      return { ...p, child: c[0]! };
    case 'join':
      return { ...p, left: c[0]!, right: c[1]! };
    case 'union':
      return { ...p, children: c };
    default:
      return assertNever(p, 'logical plan');
  }
}

/** Post-order rewrite of a plan tree. */
export function transformPlanUp(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  return f(withNewPlanChildren(p, planChildren(p).map((c) => transformPlanUp(c, f))));
}

/** Pre-order rewrite of a plan tree; children of the node `f` returns are visited too. */
export function transformPlanDown(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const next = f(p);
  return withNewPlanChildren(next, planChildren(next).map((c) => transformPlanDown(c, f)));
}

/** The expressions a node holds directly (not those of its children). */
export function planExpressions(p: LogicalPlan): Expression[] {
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
    case 'limit':
    case 'distinct':
    case 'union':
    case 'subqueryAlias':
      return [];
    case 'project':
      return [...p.projectList];
    case 'filter':
      return [p.condition];
    case 'aggregate':
      return [...p.groupingExprs, ...p.aggregateExprs];
    case 'join':
      return p.condition ? [p.condition] : [];
    case 'sort':
      return [...p.order];
    case 'repartition':
      return [...p.partitionExprs];
    case 'window':
      return [...p.windowExprs, ...p.partitionSpec, ...p.orderSpec];
    case 'mapInPython':
      return [p.func];
    case 'flatMapGroupsInPython':
      return [...p.groupingExprs, p.func];
    case 'generate':
      return [p.generator];
    case 'expand':
      return p.projections.flat();
    default:
      return assertNever(p, 'logical plan');
  }
}

/** The output columns of a resolved plan. */
export function outputOf(p: LogicalPlan): AttributeReference[] {
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'expand':
      return [...p.output];
    case 'project':
      return p.projectList.map((e) => toAttribute(e as NamedExpression));
    case 'aggregate':
      return p.aggregateExprs.map((e) => toAttribute(e as NamedExpression));
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'repartition':
      return outputOf(p.child);
    case 'subqueryAlias':
      return outputOf(p.child).map((a) => ({ ...a, qualifier: [p.alias] }));
    case 'window':
      return [...outputOf(p.child), ...p.windowExprs.map((e) => toAttribute(e))];
    case 'generate':
      return [...generateChildOutput(p), ...p.generatorOutput];
    case 'join': {
      const l = outputOf(p.left);
      const r = outputOf(p.right);
      switch (p.joinType) {
        case 'inner':
        case 'cross':
          return [...l, ...r];
        case 'left':
          return [...l, ...r.map((a) => ({ ...a, nullable: true }))];
        case 'right':
          return [...l.map((a) => ({ ...a, nullable: true })), ...r];
        case 'full':
          return [...l, ...r].map((a) => ({ ...a, nullable: true }));
        case 'leftsemi':
        case 'leftanti':
          return l;
        default:
          return assertNever(p.joinType, 'join type');
      }
    }
    case 'union': {
      // Spark: names and ids from the first child; a column is nullable if it is in any child.
      const first = outputOf(p.children[0]!);
      const rest = p.children.slice(1).map(outputOf);
      return first.map((a, i) => ({ ...a, nullable: a.nullable || rest.some((o) => o[i]?.nullable ?? true) }));
    }
    default:
      return assertNever(p, 'logical plan');
  }
}

/** True when the node itself (not its children) calls Python: a Python UDF, or a map / grouped-map function. */
export function nodeCallsPython(p: LogicalPlan): boolean {
  if (p.kind === 'mapInPython' || p.kind === 'flatMapGroupsInPython') return true;
  return planExpressions(p).some((e) => exists(e, (x) => x.kind === 'pythonUdf'));
}

// ---------------------------------------------------------------------------------------------
// Printing, in the shape of Spark's `treeString`

const JOIN_NAMES: Record<JoinType, string> = {
  inner: 'Inner', left: 'LeftOuter', right: 'RightOuter', full: 'FullOuter', leftsemi: 'LeftSemi', leftanti: 'LeftAnti', cross: 'Cross',
};

function list(es: readonly Expression[]): string {
  return `[${es.map(exprToString).join(', ')}]`;
}

/** One line describing a node, without its children. Unresolved nodes get Spark's leading `'`. */
export function nodeString(p: LogicalPlan, resolved = true): string {
  const q = resolved ? '' : "'";
  switch (p.kind) {
    case 'range':
      return `Range (${p.start}, ${p.end}, step=${p.step}, splits=Some(${p.numPartitions}))`;
    case 'localRelation':
      return `LocalRelation ${list(p.output)}`;
    case 'fileScan':
      return `Relation ${list(p.output)} ${p.format}`;
    case 'cachedRelation':
      return `InMemoryRelation ${list(p.output)}, cacheId=${p.cacheId}`;
    case 'project':
      return `${q}Project ${list(p.projectList)}`;
    case 'filter':
      return `${q}Filter ${exprToString(p.condition)}`;
    case 'aggregate':
      if (p.groupingSets) {
        // Spark prints the unresolved grouping analytics as one groupingsets(...) item.
        const sets = p.groupingSets.map((s) => list(s.map((i) => p.groupingExprs[i]!)));
        return `${q}Aggregate [groupingsets(${sets.join(', ')}, ${list(p.groupingExprs)})], ${list(p.aggregateExprs)}`;
      }
      return `${q}Aggregate ${list(p.groupingExprs)}, ${list(p.aggregateExprs)}`;
    case 'join': {
      const using = p.usingColumns ? `, UsingJoin(${p.usingColumns.join(', ')})` : '';
      return `${q}Join ${JOIN_NAMES[p.joinType]}${p.condition ? `, ${exprToString(p.condition)}` : ''}${using}`;
    }
    case 'sort':
      return `${q}Sort ${list(p.order)}, ${p.global}`;
    case 'limit':
      if (p.offset) return p.limit >= NO_LIMIT ? `${q}Offset ${p.offset}` : `${q}GlobalLimitAndOffset ${p.limit}, ${p.offset}`;
      return `${q}GlobalLimit ${p.limit}`;
    case 'distinct':
      return `${q}Distinct`;
    case 'union':
      return `${q}Union ${p.byName}, ${p.allowMissingColumns}`;
    case 'repartition':
      if (p.byPartitionId) return `${q}RepartitionByPartitionId ${list(p.partitionExprs)}, ${p.numPartitions}`;
      return p.partitionExprs.length > 0
        ? `${q}RepartitionByExpression ${list(p.partitionExprs)}, ${p.numPartitions}`
        : `${q}Repartition ${p.numPartitions}, ${p.shuffle}`;
    case 'subqueryAlias':
      return `SubqueryAlias ${p.alias}`;
    case 'window':
      return `${q}Window ${list(p.windowExprs)}, ${list(p.partitionSpec)}, ${list(p.orderSpec)}`;
    case 'mapInPython':
      return `${q}${p.func.evalType === 'mapArrowIter' ? 'MapInArrow' : 'MapInPandas'} ${exprToString(p.func)}, ${list(p.output)}`;
    case 'flatMapGroupsInPython':
      return `${q}FlatMapGroupsInPandas ${list(p.groupingExprs)}, ${exprToString(p.func)}, ${list(p.output)}`;
    case 'expand':
      return `${q}Expand [${p.projections.map(list).join(', ')}], ${list(p.output)}`;
    case 'generate':
    {
      // Spark's form: the ordinals of the child columns not carried (unrequiredChildIndex), then outer.
      const omit = new Set(p.omitChild ?? []);
      const unrequired = outputOf(p.child).flatMap((a, i) => (omit.has(a.exprId) ? [i] : []));
      return `${q}Generate ${generatorName(p)}(${exprToString(p.generator)}), [${unrequired.join(', ')}], ${p.outer}, ${list(p.generatorOutput)}`;
    }
    default:
      return assertNever(p, 'logical plan');
  }
}

/** The child columns a Generate carries to its output. */
export function generateChildOutput(p: Generate): AttributeReference[] {
  const child = outputOf(p.child);
  if (!p.omitChild || p.omitChild.length === 0) return child;
  const omit = new Set(p.omitChild);
  return child.filter((a) => !omit.has(a.exprId));
}

/** The Spark name of a Generate's function: explode, posexplode, explode_outer, posexplode_outer. */
export function generatorName(p: Pick<Generate, 'position' | 'outer'>): string {
  return `${p.position ? 'posexplode' : 'explode'}${p.outer ? '_outer' : ''}`;
}

/** Renders any tree with Spark's `+-`/`:-` connectors. */
export function treeString<T>(root: T, line: (n: T) => string, kids: (n: T) => readonly T[]): string {
  const out: string[] = [];
  const walk = (n: T, prefix: string, lastFlags: boolean[]) => {
    let indent = '';
    for (let i = 0; i < lastFlags.length - 1; i++) indent += lastFlags[i] ? '   ' : ':  ';
    if (lastFlags.length > 0) indent += lastFlags[lastFlags.length - 1] ? '+- ' : ':- ';
    out.push(prefix + indent + line(n));
    const cs = kids(n);
    cs.forEach((c, i) => walk(c, prefix, [...lastFlags, i === cs.length - 1]));
  };
  walk(root, '', []);
  return out.join('\n');
}

export function logicalPlanString(p: LogicalPlan, resolved = true): string {
  return treeString(p, (n) => nodeString(n, resolved), planChildren);
}

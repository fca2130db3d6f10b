// Questions about a DataFrame's plan rather than its rows: PySpark's `inputFiles()`, `isLocal()` and the canonical
// form behind `sameSemantics` / `semanticHash`.
import { type LogicalPlan, logicalPlanString, planChildren } from '../plan/logical-plan.js';
import type { DataFrame } from './dataframe.js';

/** Identities of local relations' data: two createDataFrame calls are different relations even with equal rows. */
const dataIds = new WeakMap<object, number>();
let nextDataId = 0;

function leaves(p: LogicalPlan, out: LogicalPlan[] = []): LogicalPlan[] {
  const children = planChildren(p);
  if (children.length === 0) out.push(p);
  for (const c of children) leaves(c, out);
  return out;
}

/** The files every file source under the plan reads, each once, in plan order (Spark's `Dataset.inputFiles`). */
export function inputFiles(df: DataFrame): string[] {
  const seen = new Set<string>();
  for (const leaf of leaves(df.queryExecution().analyzed)) {
    if (leaf.kind !== 'fileScan') continue;
    for (const part of leaf.partitions) for (const split of part) seen.add(split.path);
  }
  return [...seen];
}

/** Whether collect() can answer without running tasks: the plan is only local data (Spark's `Dataset.isLocal`). */
export function isLocal(df: DataFrame): boolean {
  return df.queryExecution().analyzed.kind === 'localRelation';
}

/**
 * The optimised plan with expression ids renumbered in order of appearance, followed by the identity of each leaf's
 * data: equal for plans that compute the same result the same way (Spark's canonicalized plan, for `sameSemantics`).
 */
export function semanticString(df: DataFrame): string {
  const optimized = df.queryExecution().optimized;
  const ids = new Map<string, number>();
  const text = logicalPlanString(optimized).replace(/#(\d+)/g, (_, id: string) => {
    let n = ids.get(id);
    if (n === undefined) ids.set(id, (n = ids.size));
    return `#${n}`;
  });
  const sources = leaves(optimized).map((leaf) => {
    if (leaf.kind !== 'localRelation') return leaf.kind;
    let id = dataIds.get(leaf.partitions);
    if (id === undefined) dataIds.set(leaf.partitions, (id = nextDataId++));
    return `localRelation@${id}`;
  });
  return `${text}\n-- sources: ${sources.join(', ')}`;
}

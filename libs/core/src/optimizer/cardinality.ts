// Row-count estimates for join ordering, without collected statistics: exact counts where the engine holds the
// rows (local relations, ranges), file bytes over the row width otherwise. A filter over rows the engine holds is
// measured on a sample of them (as dynamic sampling does); others get System R's default selectivities (= 1/10,
// a range 1/3, ...). The estimates only need to rank join orders, not to be right.
import { type Expression, containsPythonUdf } from '../expr/expression.js';
import { evaluatePredicate } from '../expr/eval/evaluate.js';
import { takeBatch } from '../execution/vectors.js';
import { type LocalRelation, type LogicalPlan, outputOf } from '../plan/logical-plan.js';
import { bindReferences } from '../physical/bind.js';
import { estimateBytes, rowBytes } from '../physical/planner.js';
import { isDeterministic, maxRows } from './plan-util.js';

/** Rows a filter's selectivity is measured on, spread over the relation's batches. */
const SAMPLE_ROWS = 1024;

/**
 * Estimated rows of `p`; Infinity when nothing is known (Python operators, generators). `filtered` false leaves
 * filters out: the rows the input holds before them.
 */
export function estimateRows(p: LogicalPlan, filtered = true): number {
  switch (p.kind) {
    case 'localRelation':
    case 'range':
      return maxRows(p) ?? Infinity;
    case 'fileScan':
      return Math.max(1, Math.ceil(estimateBytes(p) / rowBytes(outputOf(p))));
    case 'cachedRelation':
      return estimateRows(p.child, filtered);
    case 'filter': {
      const rows = estimateRows(p.child, filtered);
      if (!filtered) return rows;
      const measured = p.child.kind === 'localRelation' ? sampledSelectivity(p.condition, p.child) : null;
      return rows * (measured ?? selectivity(p.condition));
    }
    case 'project':
    case 'sort':
    case 'window':
    case 'repartition':
    case 'subqueryAlias':
      return estimateRows(p.child, filtered);
    case 'distinct':
      return estimateRows(p.child, filtered) * 0.5;
    case 'aggregate':
      return p.groupingExprs.length === 0 ? 1 : estimateRows(p.child, filtered) * 0.5;
    case 'limit':
      return Math.min(estimateRows(p.child, filtered), p.limit);
    case 'union':
      return p.children.reduce((s, c) => s + estimateRows(c, filtered), 0);
    case 'expand':
      return estimateRows(p.child, filtered) * p.projections.length;
    case 'join': {
      const l = estimateRows(p.left, filtered);
      if (p.joinType === 'leftsemi' || p.joinType === 'leftanti') return l * (filtered ? 0.5 : 1);
      const r = estimateRows(p.right, filtered);
      // Without key information a join keeps the larger side's rows (a foreign key meeting its primary key).
      return p.condition ? Math.max(l, r) : l * r;
    }
    default:
      return Infinity;
  }
}

/** The fraction of rows `e` keeps, by System R's defaults. */
export function selectivity(e: Expression): number {
  switch (e.kind) {
    case 'and':
      return selectivity(e.left) * selectivity(e.right);
    case 'or': {
      const a = selectivity(e.left);
      const b = selectivity(e.right);
      return a + b - a * b;
    }
    case 'not':
      return 1 - selectivity(e.child);
    case 'cmp':
      return e.op === '=' || e.op === '<=>' ? 0.1 : e.op === '!=' ? 0.9 : 1 / 3;
    case 'in':
      return Math.min(1, 0.1 * e.list.length);
    case 'isNull':
      return 0.1;
    case 'isNotNull':
      return 0.9;
    case 'literal':
      return e.value === true ? 1 : 0;
    default:
      // LIKE, function calls and the rest.
      return 0.25;
  }
}

/**
 * The fraction of a sample of `rel`'s rows that `cond` keeps (half a row when none is, so no estimate is 0); null
 * when it cannot be measured safely (nondeterministic, Python, or it fails to evaluate).
 */
function sampledSelectivity(cond: Expression, rel: LocalRelation): number | null {
  if (!isDeterministic(cond) || containsPythonUdf(cond)) return null;
  const total = estimateRows(rel);
  if (total === 0) return null;
  const types = rel.output.map((a) => a.dataType);
  let seen = 0;
  let kept = 0;
  try {
    const bound = bindReferences(cond, rel.output);
    for (const part of rel.partitions) {
      for (const b of part) {
        const k = Math.min(b.numRows, Math.ceil((SAMPLE_ROWS * b.numRows) / total));
        if (k === 0) continue;
        const stride = b.numRows / k;
        const sample = takeBatch(b, types, Int32Array.from({ length: k }, (_, i) => Math.floor(i * stride)));
        const mask = evaluatePredicate(bound, sample);
        for (let i = 0; i < k; i++) kept += mask[i]!;
        seen += k;
      }
    }
  } catch {
    return null;
  }
  return seen === 0 ? null : Math.max(kept, 0.5) / seen;
}

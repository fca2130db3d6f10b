// Expression and plan helpers shared by the optimizer rules: conjunct splitting, alias substitution,
// reference sets, identity-preserving expression rewrites of a plan node, and row-count bounds.
import {
  type Expression,
  type NamedExpression,
  forEachExpr,
  transformUp,
  exists,
} from '../expr/expression.js';
import { type JoinType, type LogicalPlan, NO_LIMIT, outputOf } from '../plan/logical-plan.js';
import { assertNever } from '../util/assert.js';

/** `a AND b AND c` → [a, b, c] (left to right). */
export function splitConjuncts(e: Expression): Expression[] {
  if (e.kind === 'and') return [...splitConjuncts(e.left), ...splitConjuncts(e.right)];
  return [e];
}

/** The left-deep AND of `es`, or null when empty. */
export function conjunction(es: readonly Expression[]): Expression | null {
  let out: Expression | null = null;
  for (const e of es) out = out === null ? e : { kind: 'and', left: out, right: e };
  return out;
}

/** The exprIds of the attributes `e` references. */
export function refIds(e: Expression): Set<number> {
  const out = new Set<number>();
  forEachExpr(e, (x) => {
    if (x.kind === 'attr') out.add(x.exprId);
  });
  return out;
}

export function isSubset(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function outputIds(p: LogicalPlan): Set<number> {
  return new Set(outputOf(p).map((a) => a.exprId));
}

/** Functions whose result differs between calls with the same arguments; never folded, moved or duplicated. */
const NON_DETERMINISTIC_FUNCTIONS = new Set(['rand', 'randn', 'uuid', 'shuffle', 'monotonically_increasing_id', 'spark_partition_id', 'input_file_name', 'input_file_block_start', 'input_file_block_length', 'randstr', 'uniform']);

export function isDeterministic(e: Expression): boolean {
  return !exists(e, (x) => (x.kind === 'fn' && NON_DETERMINISTIC_FUNCTIONS.has(x.name.toLowerCase())) || (x.kind === 'pythonUdf' && !x.deterministic));
}

/** exprId → the aliased expression, for the Alias entries of a project or aggregate list. */
export function aliasMap(list: readonly Expression[], keep: (child: Expression) => boolean = () => true): Map<number, Expression> {
  const m = new Map<number, Expression>();
  for (const e of list) if (e.kind === 'alias' && keep(e.child)) m.set(e.exprId, e.child);
  return m;
}

/** Replaces attributes by exprId (Spark's `replaceAlias`); identity-preserving when nothing matches. */
export function substitute(e: Expression, m: ReadonlyMap<number, Expression>): Expression {
  if (m.size === 0) return e;
  return transformUp(e, (x) => (x.kind === 'attr' ? (m.get(x.exprId) ?? x) : x));
}

/** Rebuilds a node with its expressions mapped through `f`; returns `p` itself when `f` changed nothing. */
export function mapPlanExpressions(p: LogicalPlan, f: (e: Expression) => Expression): LogicalPlan {
  const mapList = <T extends Expression>(es: readonly T[]): readonly T[] => {
    const out = es.map((e) => f(e) as T);
    return out.every((e, i) => e === es[i]) ? es : out;
  };
  switch (p.kind) {
    case 'range':
    case 'localRelation':
    case 'fileScan':
    case 'cachedRelation':
    case 'limit':
    case 'distinct':
    case 'union':
    case 'subqueryAlias':
      return p;
    case 'project': {
      const projectList = mapList(p.projectList);
      return projectList === p.projectList ? p : { ...p, projectList };
    }
    case 'filter': {
      const condition = f(p.condition);
      return condition === p.condition ? p : { ...p, condition };
    }
    case 'aggregate': {
      const groupingExprs = mapList(p.groupingExprs);
      const aggregateExprs = mapList(p.aggregateExprs);
      return groupingExprs === p.groupingExprs && aggregateExprs === p.aggregateExprs ? p : { ...p, groupingExprs, aggregateExprs };
    }
    case 'join': {
      if (p.condition === null) return p;
      const condition = f(p.condition);
      return condition === p.condition ? p : { ...p, condition };
    }
    case 'sort': {
      const order = mapList(p.order);
      return order === p.order ? p : { ...p, order };
    }
    case 'repartition': {
      const partitionExprs = mapList(p.partitionExprs);
      return partitionExprs === p.partitionExprs ? p : { ...p, partitionExprs };
    }
    case 'window': {
      const windowExprs = mapList(p.windowExprs);
      const partitionSpec = mapList(p.partitionSpec);
      const orderSpec = mapList(p.orderSpec);
      return windowExprs === p.windowExprs && partitionSpec === p.partitionSpec && orderSpec === p.orderSpec ? p : { ...p, windowExprs, partitionSpec, orderSpec };
    }
    case 'mapInPython':
      return p;
    case 'generate': {
      const generator = f(p.generator);
      return generator === p.generator ? p : { ...p, generator };
    }
    case 'flatMapGroupsInPython': {
      const groupingExprs = mapList(p.groupingExprs);
      return groupingExprs === p.groupingExprs ? p : { ...p, groupingExprs };
    }
    case 'expand': {
      const projections = p.projections.map(mapList);
      return projections.every((q, i) => q === p.projections[i]) ? p : { ...p, projections };
    }
    default:
      return assertNever(p, 'logical plan');
  }
}

/** The exprId a named expression of a project/aggregate list produces. */
export function namedId(e: Expression): number {
  return (e as NamedExpression).exprId;
}

/** An upper bound on the rows `p` produces, when one is known without running it (Spark's `maxRows`). */
export function maxRows(p: LogicalPlan): number | undefined {
  switch (p.kind) {
    case 'range': {
      const { start, end, step } = p;
      if (step === 0n) return undefined;
      const span = end - start;
      if ((step > 0n && span <= 0n) || (step < 0n && span >= 0n)) return 0;
      const n = (span + step - (step > 0n ? 1n : -1n)) / step;
      return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined;
    }
    case 'localRelation':
      return p.partitions.reduce((acc, part) => acc + part.reduce((a, b) => a + b.numRows, 0), 0);
    case 'fileScan':
      return undefined;
    case 'limit': {
      const c = maxRows(p.child);
      const n = p.limit >= NO_LIMIT ? undefined : p.limit;
      if (c === undefined) return n;
      const left = Math.max(0, c - (p.offset ?? 0));
      return n === undefined ? left : Math.min(left, n);
    }
    case 'project':
    case 'filter':
    case 'sort':
    case 'distinct':
    case 'repartition':
    case 'subqueryAlias':
    case 'window':
      return maxRows(p.child);
    case 'aggregate':
      return p.groupingExprs.length === 0 ? 1 : maxRows(p.child);
    case 'expand': {
      const c = maxRows(p.child);
      return c === undefined ? undefined : c * p.projections.length;
    }
    case 'union': {
      let sum = 0;
      for (const c of p.children) {
        const m = maxRows(c);
        if (m === undefined) return undefined;
        sum += m;
      }
      return sum;
    }
    case 'join':
    case 'cachedRelation':
    case 'mapInPython':
    case 'flatMapGroupsInPython':
    case 'generate':
      return undefined;
    default:
      return assertNever(p, 'logical plan');
  }
}

/**
 * Which sides one-sided ON conjuncts may move into. Rows of a preserved side that fail a conjunct on that side
 * are still returned (null-padded, or as unmatched anti-join rows), so such conjuncts stay in the condition.
 */
export function conditionTargets(t: JoinType): { toLeft: boolean; toRight: boolean } {
  switch (t) {
    case 'inner':
    case 'cross':
    case 'leftsemi':
      return { toLeft: true, toRight: true };
    case 'left':
    case 'leftanti':
      return { toLeft: false, toRight: true };
    case 'right':
      return { toLeft: true, toRight: false };
    case 'full':
      return { toLeft: false, toRight: false };
    default:
      return assertNever(t, 'join type');
  }
}

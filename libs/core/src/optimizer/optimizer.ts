// The logical optimizer: an ordered list of rewrite rules grouped in batches, each batch run once or to a
// fixpoint (detected by object identity), as DataFusion's `Optimizer` and DuckDB's pass runner do.
import { type LogicalPlan, logicalPlanString } from '../plan/logical-plan.js';
import { findPlanProblem, outputSignature } from './verify.js';
import { eliminateSubqueryAliases } from './rules/eliminate-subquery-aliases.js';
import { replaceDistinctWithAggregate } from './rules/replace-distinct-with-aggregate.js';
import { constantFolding } from './rules/constant-folding.js';
import { simplifyBoolean } from './rules/simplify-boolean.js';
import { combineFilters } from './rules/combine-filters.js';
import { collapseProject } from './rules/collapse-project.js';
import { pushDownFilter } from './rules/push-down-filter.js';
import { reorderJoin } from './rules/reorder-join.js';
import { costBasedReorderJoin } from './rules/cost-based-reorder-join.js';
import { pushExtraPredicateThroughJoin } from './rules/push-extra-predicate-through-join.js';
import { pushDownLimit } from './rules/push-down-limit.js';
import { pruneColumns } from './rules/prune-columns.js';

/** A plan rewrite. `apply` returns its argument itself when it changed nothing, so fixpoints are found by identity. */
export interface OptimizerRule {
  readonly name: string;
  apply(plan: LogicalPlan, run?: OptimizerRun): LogicalPlan;
}

/**
 * State of one `optimize` call that rules may share, like Catalyst's tree-node tags: a rule that must not
 * process the same node twice in a fixpoint marks it (nodes a rule does not change keep their identity).
 */
export class OptimizerRun {
  private readonly tags = new WeakMap<object, Set<string>>();

  constructor(
    /** `spark.sql.session.timeZone`, for rules that evaluate expressions. */
    readonly timeZone = 'UTC',
    /** The query's current time (µs): every current_timestamp() / current_date() of one optimization folds to it. */
    readonly currentMicros = BigInt(Date.now()) * 1000n,
    /** `spark.sql.autoBroadcastJoinThreshold` (bytes; -1: no broadcasts), for rules that weigh join strategies. */
    readonly broadcastThreshold = 10 * 1024 * 1024,
  ) {}

  tag(node: object, tag: string): void {
    let s = this.tags.get(node);
    if (!s) this.tags.set(node, (s = new Set()));
    s.add(tag);
  }

  hasTag(node: object, tag: string): boolean {
    return this.tags.get(node)?.has(tag) ?? false;
  }
}

/** Rules run in order, once or repeatedly until a whole pass changes nothing. */
export interface OptimizerBatch {
  readonly name: string;
  readonly strategy: 'once' | 'fixpoint';
  readonly rules: readonly OptimizerRule[];
}

/** Iterations after which a fixpoint batch stops even if rules still change the plan. */
const MAX_ITERATIONS = 100;

/** The optimizer's rules, in the order they run. */
export const OPTIMIZER_BATCHES: readonly OptimizerBatch[] = [
  {
    // Normalise the analysed plan: qualifiers are no longer needed and Distinct is just a grouping.
    name: 'finish-analysis',
    strategy: 'once',
    rules: [eliminateSubqueryAliases, replaceDistinctWithAggregate],
  },
  {
    name: 'operator-optimization',
    strategy: 'fixpoint',
    rules: [
      // Expressions first: folded literals and simpler predicates let the operator rules do more.
      constantFolding,
      simplifyBoolean,
      // Merge stacked filters; order inner joins so each has a condition where one can; derive one-sided filters
      // from join conditions; then move predicates as close to the data as they can go.
      combineFilters,
      reorderJoin,
      pushExtraPredicateThroughJoin,
      pushDownFilter,
      // Pushing filters through projects leaves Project(Project) chains; merge them.
      collapseProject,
      pushDownLimit,
    ],
  },
  {
    // Once filters sit on the join inputs, order inner-join chains by their estimated sizes (Spark runs its
    // CostBasedJoinReorder in a batch of its own at this point, when CBO is on).
    name: 'join-reorder',
    strategy: 'once',
    rules: [costBasedReorderJoin],
  },
  {
    // Last, once operators stopped moving: drop columns nobody reads, then merge the projects that adds.
    name: 'column-pruning',
    strategy: 'fixpoint',
    rules: [pruneColumns, collapseProject],
  },
];

/** Every rule name, in the order the rules first run. */
export const RULE_NAMES: readonly string[] = [...new Set(OPTIMIZER_BATCHES.flatMap((b) => b.rules.map((r) => r.name)))];

/** Spark's names of the equivalent Catalyst rules, accepted in `spark.sql.optimizer.excludedRules`. */
const SPARK_RULE_NAMES: Readonly<Record<string, string>> = {
  EliminateSubqueryAliases: 'eliminate-subquery-aliases',
  ReplaceDistinctWithAggregate: 'replace-distinct-with-aggregate',
  ConstantFolding: 'constant-folding',
  NullPropagation: 'constant-folding',
  BooleanSimplification: 'simplify-boolean',
  PruneFilters: 'simplify-boolean',
  CombineFilters: 'combine-filters',
  CollapseProject: 'collapse-project',
  PushDownPredicates: 'push-down-filter',
  PushPredicateThroughNonJoin: 'push-down-filter',
  PushPredicateThroughJoin: 'push-down-filter',
  ReorderJoin: 'reorder-join',
  CostBasedJoinReorder: 'cost-based-reorder-join',
  PushExtraPredicateThroughJoin: 'push-extra-predicate-through-join',
  LimitPushDown: 'push-down-limit',
  ColumnPruning: 'prune-columns',
};

/** Normalises excluded-rule entries: comma lists are split, Spark class names map onto Kindling's names. */
function disabledSet(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const entry of names) {
    for (const raw of entry.split(',')) {
      const n = raw.trim();
      if (!n) continue;
      const short = n.slice(n.lastIndexOf('.') + 1);
      out.add(SPARK_RULE_NAMES[short] ?? n);
    }
  }
  return out;
}

export interface OptimizeOptions {
  /** Rule names to skip (Kindling's kebab-case names, or Spark's rule class names). */
  readonly disabledRules?: readonly string[];
  /** Check the plan after every rule that changed it; an invalid plan throws naming the rule. */
  readonly verify?: boolean;
  /** The session time zone constant folding evaluates timestamp casts and functions in (default UTC). */
  readonly timeZone?: string;
  /** `spark.sql.autoBroadcastJoinThreshold` in bytes (default 10 MiB; -1 disables broadcasts). */
  readonly broadcastThreshold?: number;
  /** Called after every rule application with its wall time in milliseconds. */
  readonly onRule?: (name: string, ms: number, changed: boolean) => void;
}

export function optimize(plan: LogicalPlan, opts: OptimizeOptions = {}): LogicalPlan {
  return runBatches(plan, OPTIMIZER_BATCHES, opts);
}

/** Runs `batches` over `plan`; `optimize` with a custom rule list (tests use it to check the runner itself). */
export function runBatches(plan: LogicalPlan, batches: readonly OptimizerBatch[], opts: OptimizeOptions = {}): LogicalPlan {
  const disabled = disabledSet(opts.disabledRules ?? []);
  const verify = opts.verify ?? false;
  const signature = outputSignature(plan);
  if (verify) {
    const problem = findPlanProblem(plan);
    if (problem) throw new Error(`Optimizer input plan is invalid: ${problem}\n${logicalPlanString(plan)}`);
  }
  let current = plan;
  const run = new OptimizerRun(opts.timeZone, undefined, opts.broadcastThreshold);
  for (const batch of batches) {
    const rules = batch.rules.filter((r) => !disabled.has(r.name));
    if (rules.length === 0) continue;
    const maxIterations = batch.strategy === 'once' ? 1 : MAX_ITERATIONS;
    for (let i = 0; i < maxIterations; i++) {
      const before = current;
      for (const rule of rules) {
        const start = performance.now();
        const next = rule.apply(current, run);
        const ms = performance.now() - start;
        const changed = next !== current;
        opts.onRule?.(rule.name, ms, changed);
        if (changed && verify) check(rule.name, next, signature);
        current = next;
      }
      if (current === before) break;
    }
  }
  return current;
}

function check(rule: string, plan: LogicalPlan, signature: string): void {
  const problem = findPlanProblem(plan);
  if (problem) throw new Error(`Optimizer rule '${rule}' produced an invalid plan: ${problem}\n${logicalPlanString(plan)}`);
  const sig = outputSignature(plan);
  if (sig !== signature) {
    throw new Error(`Optimizer rule '${rule}' changed the plan output from [${signature}] to [${sig}]\n${logicalPlanString(plan)}`);
  }
}

// What AST→plan translation carries: the session, the CTEs in scope, and a helper that builds each node over
// analysed children and analyses it at once, as the DataFrame API does, keeping the parsed tree for EXPLAIN.
import type { SparkSession } from '@kindling/core';
import { type AnalyzerOptions, type Expression, type LogicalPlan, analyzeNode } from '@kindling/core/internal';
import type { Query } from './ast.js';
import { checkWindowsDefined } from './parse-expression.js';

/** A plan as parsed (unresolved, for `EXPLAIN EXTENDED`) and as analysed. */
export interface Built {
  readonly parsed: LogicalPlan;
  readonly plan: LogicalPlan;
}

/**
 * A subquery's view of its outer query while it is planned: the outer plan whose columns it may read, and what the
 * subquery's top SELECT block leaves for the caller to join on (Spark's pulled-up correlated predicates).
 */
export interface Correlation {
  readonly outer: Built;
  /** Correlated WHERE conjuncts, over the subquery's output attributes and the outer plan's. */
  predicates: Expression[];
  /** Columns the subquery's output carries beyond its select list (the inner side of the predicates). */
  hidden: number;
  /** True when the block aggregates (its predicates were rewritten over grouping keys). */
  aggregated: boolean;
}

export class PlanContext {
  readonly opts: AnalyzerOptions;
  /** Set while the top SELECT block of a subquery is planned. */
  correlation: Correlation | null = null;

  constructor(
    readonly session: SparkSession,
    /** Subqueries of the statement, by the index their marker calls carry. */
    readonly subqueries: readonly Query[] = [],
    /** CTEs by lower-cased name, innermost scope first. */
    private readonly ctes: ReadonlyMap<string, Built> = new Map(),
    private readonly parent: PlanContext | null = null,
  ) {
    this.opts = { caseSensitive: session.engine.conf.bool('spark.sql.caseSensitive') };
  }

  /** A child scope with more CTEs (a WITH clause). */
  withCtes(ctes: ReadonlyMap<string, Built>): PlanContext {
    const c = new PlanContext(this.session, this.subqueries, ctes, this);
    c.correlation = this.correlation;
    return c;
  }

  /** The same scope with another (or no) outer query. */
  withCorrelation(correlation: Correlation | null): PlanContext {
    const c = new PlanContext(this.session, this.subqueries, new Map(), this);
    c.correlation = correlation;
    return c;
  }

  cte(name: string): Built | undefined {
    return this.ctes.get(name.toLowerCase()) ?? this.parent?.cte(name);
  }

  /** Builds a node over the children's parsed and analysed plans; analysis errors surface here. */
  derive(children: readonly Built[], build: (...children: LogicalPlan[]) => LogicalPlan): Built {
    const parsed = build(...children.map((c) => c.parsed));
    const plan = analyzeNode(build(...children.map((c) => c.plan)), this.opts);
    return { parsed, plan };
  }

  /** A leaf or an already analysed plan, used as is on both sides. */
  leaf(plan: LogicalPlan, parsed: LogicalPlan = plan): Built {
    return { parsed, plan: analyzeNode(plan, this.opts) };
  }

  /**
   * Replaces calls of functions registered on the session (`spark.udf.register`) by the expression their builder
   * makes; built-in names are left for the analyzer's function registry. Every parsed expression passes here, so
   * a named window no WINDOW clause defined is reported here too.
   */
  functions(e: Expression): Expression {
    checkWindowsDefined(e);
    return this.session.engine.functions.expand(e);
  }
}

// QueryExecution: one query's path analysed → (cache substitution) → optimized → physical → executed.
import type * as arrow from 'apache-arrow';
import { outputOf, logicalPlanString, transformPlanDown, type LogicalPlan } from '../plan/logical-plan.js';
import { planPhysical } from '../physical/planner.js';
import type { PhysicalPlan } from '../physical/physical-plan.js';
import { physicalPlanString } from '../physical/explain.js';
import type { Engine } from './engine.js';
import type { TaskMetrics } from '../execution/task-context.js';

export class QueryExecution {
  private _optimized: LogicalPlan | undefined;
  private _physical: PhysicalPlan | undefined;

  constructor(
    private readonly engine: Engine,
    readonly parsed: LogicalPlan,
    readonly analyzed: LogicalPlan,
  ) {}

  /** The analysed plan with persisted sub-plans replaced by reads of their cache. */
  get withCachedData(): LogicalPlan {
    const cache = this.engine.cacheManager;
    return transformPlanDown(this.analyzed, (p) => {
      const id = cache.lookup(p);
      if (id === undefined) return p;
      return { kind: 'cachedRelation', cacheId: id, output: outputOf(p), child: this.engine.optimize(p) };
    });
  }

  get optimized(): LogicalPlan {
    return (this._optimized ??= this.engine.optimize(this.withCachedData));
  }

  get physical(): PhysicalPlan {
    return (this._physical ??= planPhysical(this.optimized, this.engine.plannerOptions()));
  }

  /** Runs the query; batches come back in partition order. */
  async execute(description: string, signal?: AbortSignal, metrics?: TaskMetrics[]): Promise<arrow.RecordBatch[]> {
    const parts = await this.engine.scheduler.runJob(this.physical, description, signal ?? new AbortController().signal, metrics);
    return parts.flat();
  }

  /** Spark's `explain(extended=True)` text. */
  explainString(mode: 'simple' | 'extended' = 'simple'): string {
    const physical = `== Physical Plan ==\n${physicalPlanString(this.physical)}\n`;
    if (mode === 'simple') return physical;
    const schema = outputOf(this.analyzed).map((a) => `${a.name}: ${typeNameForExplain(a.dataType.kind)}`).join(', ');
    return [
      `== Parsed Logical Plan ==\n${logicalPlanString(this.parsed, false)}`,
      `== Analyzed Logical Plan ==\n${schema}\n${logicalPlanString(this.analyzed)}`,
      `== Optimized Logical Plan ==\n${logicalPlanString(this.optimized)}`,
      physical,
    ].join('\n\n');
  }
}

function typeNameForExplain(kind: string): string {
  return ({ int32: 'int', int64: 'bigint', float64: 'double', null: 'void' } as Record<string, string>)[kind] ?? kind;
}

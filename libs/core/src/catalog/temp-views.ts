// Temporary views: names bound to analysed plans, per session, plus the process-wide `global_temp` database.
// Spark keeps global temp views for the life of the application; here that is the engine process.
import { AnalysisError } from '../errors.js';
import type { LogicalPlan } from '../plan/logical-plan.js';

/** The database global temporary views live in (Spark's `spark.sql.globalTempDatabase`). */
export const GLOBAL_TEMP_DATABASE = 'global_temp';

/**
 * A registered view: the name as the user spelled it and the analysed plan it stands for. A view made by SQL
 * (`CREATE TEMP VIEW … AS query`) also has `replan`, which analyses its query again at each use, so views it
 * reads are seen as they are now, as Spark does for SQL views; a DataFrame's view keeps its plan.
 */
export interface TempView {
  readonly name: string;
  readonly plan: LogicalPlan;
  readonly replan?: () => LogicalPlan;
}

/** Views by lower-cased name (names are case-insensitive, as in Spark's default). */
export class ViewRegistry {
  private readonly views = new Map<string, TempView>();

  get(name: string): TempView | undefined {
    return this.views.get(name.toLowerCase());
  }

  /** Registers `name`; `replace = false` refuses an existing name, as `createTempView` does. */
  put(name: string, plan: LogicalPlan, replace: boolean, database?: string, replan?: () => LogicalPlan): void {
    checkViewName(name);
    const key = name.toLowerCase();
    if (!replace && this.views.has(key)) {
      const shown = database ? `\`${database}\`.\`${name}\`` : `\`${name}\``;
      throw new AnalysisError('TEMP_TABLE_OR_VIEW_ALREADY_EXISTS', `Cannot create the temporary view ${shown} because it already exists.`, { relationName: shown });
    }
    this.views.set(key, replan ? { name, plan, replan } : { name, plan });
  }

  /** Puts back a view as it was (or removes the name), to undo a failed replacement. */
  restore(name: string, previous: TempView | undefined): void {
    if (previous) this.views.set(name.toLowerCase(), previous);
    else this.views.delete(name.toLowerCase());
  }

  drop(name: string): boolean {
    return this.views.delete(name.toLowerCase());
  }

  list(): TempView[] {
    return [...this.views.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  clear(): void {
    this.views.clear();
  }
}

/** One registry of global temp views for the whole process, shared by every session. */
export const globalTempViews = new ViewRegistry();

function checkViewName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new AnalysisError('INVALID_VIEW_NAME', `A view name must be a non-empty string, got ${JSON.stringify(name)}.`);
  }
  if (name.includes('.')) {
    // Spark's createOrReplaceTempView("a.b") fails: temp views have no database part.
    throw new AnalysisError('TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS', `CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: ${name}.`, { actualName: name });
  }
}

// spark.catalog: the temp views of the session and of `global_temp`, in PySpark's Catalog shape.
import { AnalysisError } from '../errors.js';
import { GLOBAL_TEMP_DATABASE, globalTempViews } from '../catalog/temp-views.js';
import type { Engine } from '../session/engine.js';

/** One entry of `listTables()`, as PySpark's `Table`. */
export interface Table {
  readonly name: string;
  readonly catalog: string | null;
  readonly namespace: readonly string[] | null;
  readonly description: string | null;
  readonly tableType: 'TEMPORARY';
  readonly isTemporary: boolean;
}

export class Catalog {
  /** @internal */
  constructor(private readonly engine: Engine) {}

  /** Kindling has no persistent tables; the current database is Spark's `default`. */
  currentDatabase(): string {
    return 'default';
  }

  /**
   * The session's temporary views; with `dbName = 'global_temp'`, the global temporary views first, then the
   * session's (as Spark lists them).
   */
  listTables(dbName?: string): Table[] {
    const local = this.engine.tempViews.list().map((v) => entry(v.name, null));
    if (dbName === undefined || dbName.toLowerCase() === 'default') return local;
    if (dbName.toLowerCase() === GLOBAL_TEMP_DATABASE) return [...globalTempViews.list().map((v) => entry(v.name, GLOBAL_TEMP_DATABASE)), ...local];
    throw new AnalysisError('SCHEMA_NOT_FOUND', `The schema \`${dbName}\` cannot be found.`, { schemaName: `\`${dbName}\`` });
  }

  /** Drops a session temp view; true when it existed. */
  dropTempView(viewName: string): boolean {
    return this.engine.tempViews.drop(viewName);
  }

  /** Drops a global temp view; true when it existed. */
  dropGlobalTempView(viewName: string): boolean {
    return globalTempViews.drop(viewName);
  }

  /** True when `tableName` (optionally `global_temp.name`, or with `dbName`) names a view. */
  tableExists(tableName: string, dbName?: string): boolean {
    const parts = dbName ? [dbName, tableName] : tableName.split('.');
    if (parts.length === 1) return this.engine.tempViews.get(parts[0]!) !== undefined;
    if (parts.length === 2 && parts[0]!.toLowerCase() === GLOBAL_TEMP_DATABASE) return globalTempViews.get(parts[1]!) !== undefined;
    return false;
  }
}

function entry(name: string, database: string | null): Table {
  return { name, catalog: null, namespace: database ? [database] : [], description: null, tableType: 'TEMPORARY', isTemporary: true };
}

// Statements other than queries: EXPLAIN, SHOW TABLES, DESCRIBE, CREATE TEMPORARY VIEW and DROP VIEW. Each
// answers a small DataFrame of its own, as Spark's commands do (the view commands take effect at once).
import { AnalysisError, DataFrame, type SparkSession, simpleString } from '@kindling/core';
import { GLOBAL_TEMP_DATABASE, type LogicalPlan, alias, globalTempViews, lookupRelation, outputOf } from '@kindling/core/internal';
import type { Query, Statement } from './ast.js';
import { PlanContext } from './plan-context.js';
import { planQuery } from './plan-query.js';
import { planRelation } from './plan-relation.js';

/** Runs a statement: a query or EXPLAIN builds a DataFrame; the others act now and describe the result. */
export function runStatement(session: SparkSession, st: Statement, subqueries: readonly Query[] = []): DataFrame {
  switch (st.kind) {
    case 'query':
      return queryDataFrame(session, st.query, subqueries);
    case 'explain': {
      const inner = st.statement.kind === 'query' ? queryDataFrame(session, st.statement.query, subqueries) : null;
      const text = inner ? inner.explainString(st.mode) : `== Physical Plan ==\nExecutedCommand ${st.statement.kind}\n`;
      return session.createDataFrame([[text]], 'plan string');
    }
    case 'showTables':
      return showTables(session, st.database, st.pattern);
    case 'describe': {
      const b = planRelation(st.relation, new PlanContext(session, subqueries));
      const rows = outputOf(b.plan).map((a) => [a.name, simpleString(a.dataType), null]);
      return session.createDataFrame(rows, 'col_name string, data_type string, comment string');
    }
    case 'createView':
      createView(session, st, subqueries);
      return emptyResult(session);
    case 'set':
      return setCommand(session, st.key, st.value);
    case 'dropView': {
      const parts = st.nameParts;
      const isGlobal = parts.length === 2 && parts[0]!.toLowerCase() === GLOBAL_TEMP_DATABASE;
      if (parts.length > 2 || (parts.length === 2 && !isGlobal)) {
        throw new AnalysisError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${parts.join('`.`')}\` cannot be found.`, { relationName: `\`${parts.join('`.`')}\`` });
      }
      const dropped = isGlobal ? session.catalog.dropGlobalTempView(parts[1]!) : session.catalog.dropTempView(parts[0]!);
      if (!dropped && !st.ifExists) {
        throw new AnalysisError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${parts.join('`.`')}\` cannot be found. To tolerate the error on drop use DROP VIEW IF EXISTS.`, { relationName: `\`${parts.join('`.`')}\`` });
      }
      return emptyResult(session);
    }
  }
}

/**
 * Registers the view with its query, analysed again at each use (Spark's SQL views); a query that reads the
 * view itself is refused as RECURSIVE_VIEW and the previous definition kept.
 */
function createView(session: SparkSession, st: Extract<Statement, { kind: 'createView' }>, subqueries: readonly Query[]): void {
  const registry = st.global ? globalTempViews : session.engine.tempViews;
  const previous = registry.get(st.name);
  if (previous && st.ifNotExists) return;
  const build = (): DataFrame => {
    const df = queryDataFrame(session, st.query, subqueries);
    return st.columns.length > 0 ? renamed(session, df, st.columns, st.name) : df;
  };
  const first = build();
  registry.put(st.name, first.plan, st.replace, st.global ? GLOBAL_TEMP_DATABASE : undefined, () => build().plan);
  try {
    lookupRelation(st.global ? [GLOBAL_TEMP_DATABASE, st.name] : [st.name], session.engine.tempViews);
  } catch (e) {
    registry.restore(st.name, previous);
    throw e;
  }
}

function queryDataFrame(session: SparkSession, query: Query, subqueries: readonly Query[]): DataFrame {
  const b = planQuery(query, new PlanContext(session, subqueries));
  return fromBuilt(session, b.parsed, b.plan);
}

/** A DataFrame over an analysed plan (the analyzer passes resolved nodes through unchanged). */
function fromBuilt(session: SparkSession, parsed: LogicalPlan, plan: LogicalPlan): DataFrame {
  return DataFrame.create(session.engine, parsed, plan);
}

function renamed(session: SparkSession, df: DataFrame, columns: readonly string[], view: string): DataFrame {
  const out = outputOf(df.plan);
  if (out.length !== columns.length) {
    throw new AnalysisError('CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS', `Cannot create view \`${view}\`: the view has ${columns.length} column names but the query has ${out.length} columns.`, { viewName: `\`${view}\`` });
  }
  const list = out.map((a, i) => alias(a, columns[i]!));
  return fromBuilt(session, { kind: 'project', projectList: list, child: df.parsed }, { kind: 'project', projectList: list, child: df.plan });
}

function emptyResult(session: SparkSession): DataFrame {
  return session.createDataFrame([], 'result string');
}

/** Spark's SHOW TABLES pattern: `*` any characters, `|` alternatives, case-insensitive. */
function patternMatcher(pattern: string | null): (name: string) => boolean {
  if (pattern === null) return () => true;
  const alts = pattern.split('|').map((p) => new RegExp('^' + p.trim().split('*').map((x) => x.replace(/[.+?^${}()[\]\\]/g, '\\$&')).join('.*') + '$', 'i'));
  return (name) => alts.some((r) => r.test(name));
}

function showTables(session: SparkSession, database: string | null, pattern: string | null): DataFrame {
  const match = patternMatcher(pattern);
  const rows = session.catalog
    .listTables(database ?? undefined)
    .filter((t) => match(t.name))
    .map((t) => [t.namespace?.[0] ?? '', t.name, t.isTemporary]);
  return session.createDataFrame(rows, 'namespace string, tableName string, isTemporary boolean');
}

/**
 * Spark's SetCommand: `SET key=value` sets a session conf (validated as `spark.conf.set` does) and answers the pair;
 * `SET key` answers the value (`<undefined>` when unset); bare `SET` lists the values set.
 */
function setCommand(session: SparkSession, key: string | null, value: string | null): DataFrame {
  const schema = 'key string, value string';
  if (key === null) return session.createDataFrame(Object.entries(session.engine.conf.getAll()).sort(([a], [b]) => (a < b ? -1 : 1)), schema);
  if (value !== null) {
    session.engine.conf.set(key, value);
    return session.createDataFrame([[key, value]], schema);
  }
  let current: string;
  try {
    current = session.engine.conf.get(key);
  } catch {
    current = '<undefined>';
  }
  return session.createDataFrame([[key, current]], schema);
}

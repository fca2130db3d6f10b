// CatalogRequest: registers and drops temp views (session and global_temp) and lists or probes the catalog.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError, type Table } from '@kindling/core';
import { envelope } from '../wire.js';
import type { RequestContext } from './context.js';
import { pythonUdf } from '../decode-expression.js';
import { type LogicalPlan, aggregateFunctionNames, listAggregateFunctions, listScalarFunctions } from '@kindling/core/internal';

interface FunctionEntry { readonly name: string; readonly className: string; readonly description: string }

function viewName(req: fb.CatalogRequest): string {
  const name = req.name();
  if (name === null) throw new IllegalArgumentError('INVALID_CATALOG_REQUEST', 'The catalog request is missing its view name.', { field: 'name' });
  return name;
}

export function catalog(ctx: RequestContext, req: fb.CatalogRequest): Uint8Array {
  const spark = ctx.session.spark;
  const reply = (flag: boolean, tables: readonly Table[] = [], fns: readonly FunctionEntry[] = []) => catalogResponseOf(ctx.requestId, flag, tables, fns);
  switch (req.op()) {
    case fb.CatalogOp.CreateTempView:
      ctx.session.handle(req.df()).createTempView(viewName(req));
      return reply(true);
    case fb.CatalogOp.CreateOrReplaceTempView:
      ctx.session.handle(req.df()).createOrReplaceTempView(viewName(req));
      return reply(true);
    case fb.CatalogOp.CreateGlobalTempView:
      ctx.session.handle(req.df()).createGlobalTempView(viewName(req));
      return reply(true);
    case fb.CatalogOp.CreateOrReplaceGlobalTempView:
      ctx.session.handle(req.df()).createOrReplaceGlobalTempView(viewName(req));
      return reply(true);
    case fb.CatalogOp.DropTempView:
      return reply(spark.catalog.dropTempView(viewName(req)));
    case fb.CatalogOp.DropGlobalTempView:
      return reply(spark.catalog.dropGlobalTempView(viewName(req)));
    case fb.CatalogOp.ListTables:
      return reply(true, spark.catalog.listTables(req.database() ?? undefined));
    case fb.CatalogOp.TableExists:
      return reply(spark.catalog.tableExists(viewName(req), req.database() ?? undefined));
    case fb.CatalogOp.RegisterFunction: {
      const fn = req.udf();
      if (!fn) throw new IllegalArgumentError('INVALID_CATALOG_REQUEST', 'RegisterFunction is missing its udf.', { field: 'udf' });
      const template = pythonUdf(fn, (id) => ctx.session.handle(id), 0);
      spark.engine.functions.register(viewName(req), (args) => ({ ...template, args }));
      return reply(true);
    }
    case fb.CatalogOp.CacheTable:
      spark.engine.cacheManager.cache(viewPlan(spark.table(viewName(req)).plan));
      return reply(true);
    case fb.CatalogOp.UncacheTable:
      spark.engine.cacheManager.uncache(viewPlan(spark.table(viewName(req)).plan));
      return reply(true);
    case fb.CatalogOp.IsCachedTable:
      return reply(spark.engine.cacheManager.lookup(viewPlan(spark.table(viewName(req)).plan)) !== undefined);
    case fb.CatalogOp.ListFunctions:
      return reply(true, [], functionEntries(spark.engine.functions.names()));
    default:
      throw new IllegalArgumentError('INVALID_CATALOG_REQUEST', `Unknown catalog op ${String(req.op())}.`, { op: String(req.op()) });
  }
}

/** The plan a view names (the table lookup wraps it in a SubqueryAlias of the view's name). */
function viewPlan(plan: LogicalPlan): LogicalPlan {
  return plan.kind === 'subqueryAlias' ? plan.child : plan;
}

/** Every built-in scalar and aggregate name (sorted, each once), then the session's registered functions. */
function functionEntries(registered: readonly string[]): FunctionEntry[] {
  const taken = new Set(registered.map((n) => n.toLowerCase()));
  const builtins = new Map<string, FunctionEntry>();
  const add = (name: string, className: string, description: string) => {
    if (!taken.has(name) && !builtins.has(name)) builtins.set(name, { name, className, description });
  };
  for (const def of listScalarFunctions()) {
    for (const name of [def.name, ...(def.aliases ?? [])]) add(name, 'kindling.ScalarFunction', def.doc.description);
  }
  for (const def of listAggregateFunctions()) add(def.name, 'kindling.AggregateFunction', def.doc.description);
  for (const name of aggregateFunctionNames()) add(name.toLowerCase(), 'kindling.AggregateFunction', 'N/A.');
  const sorted = [...builtins.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const udfs = registered.map((name) => ({ name, className: 'org.apache.spark.sql.execution.python.UserDefinedPythonFunction', description: 'N/A.' }));
  return [...sorted, ...udfs];
}

function catalogResponseOf(requestId: bigint, flag: boolean, tables: readonly Table[], fns: readonly FunctionEntry[]): Uint8Array {
  return envelope(requestId, fb.Body.CatalogResponse, (b) => {
    const fnInfos = fns.map((f) => {
      const name = b.createString(f.name);
      const cls = b.createString(f.className);
      const description = b.createString(f.description);
      fb.FunctionInfo.startFunctionInfo(b);
      fb.FunctionInfo.addName(b, name);
      fb.FunctionInfo.addClassName(b, cls);
      // Spark 4 reports every function of the session's search path as temporary, built-ins included.
      fb.FunctionInfo.addIsTemporary(b, true);
      fb.FunctionInfo.addDescription(b, description);
      return fb.FunctionInfo.endFunctionInfo(b);
    });
    const fnVec = fb.CatalogResponse.createFunctionsVector(b, fnInfos);
    const infos = tables.map((t) => {
      const name = b.createString(t.name);
      const db = b.createString(t.namespace?.[0] ?? '');
      const type = b.createString(t.tableType);
      fb.TableInfo.startTableInfo(b);
      fb.TableInfo.addName(b, name);
      fb.TableInfo.addDatabase(b, db);
      fb.TableInfo.addTableType(b, type);
      fb.TableInfo.addIsTemporary(b, t.isTemporary);
      return fb.TableInfo.endTableInfo(b);
    });
    const vec = fb.CatalogResponse.createTablesVector(b, infos);
    fb.CatalogResponse.startCatalogResponse(b);
    fb.CatalogResponse.addFlag(b, flag);
    fb.CatalogResponse.addTables(b, vec);
    fb.CatalogResponse.addFunctions(b, fnVec);
    return fb.CatalogResponse.endCatalogResponse(b);
  });
}

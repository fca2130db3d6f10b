// CatalogRequest: registers and drops temp views (session and global_temp) and lists or probes the catalog.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError, type Table } from '@kindling/core';
import { envelope } from '../wire.js';
import type { RequestContext } from './context.js';
import { pythonUdf } from '../decode-expression.js';
import { aggregateFunctionNames, listScalarFunctions } from '@kindling/core/internal';

interface FunctionEntry { readonly name: string; readonly className: string; readonly isTemporary: boolean }

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
    case fb.CatalogOp.ListFunctions:
      return reply(true, [], functionEntries(spark.engine.functions.names()));
    default:
      throw new IllegalArgumentError('INVALID_CATALOG_REQUEST', `Unknown catalog op ${String(req.op())}.`, { op: String(req.op()) });
  }
}

/** The session's registered functions (temporary), then every built-in scalar and aggregate name, each once. */
function functionEntries(registered: readonly string[]): FunctionEntry[] {
  const out: FunctionEntry[] = registered.map((name) => ({ name, className: 'org.apache.spark.sql.execution.python.UserDefinedPythonFunction', isTemporary: true }));
  const seen = new Set(registered.map((n) => n.toLowerCase()));
  const builtins: FunctionEntry[] = [];
  const add = (name: string, className: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    builtins.push({ name, className, isTemporary: false });
  };
  for (const def of listScalarFunctions()) for (const name of [def.name, ...(def.aliases ?? [])]) add(name, 'kindling.scalar');
  for (const name of aggregateFunctionNames()) add(name.toLowerCase(), 'kindling.aggregate');
  builtins.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...out, ...builtins];
}

function catalogResponseOf(requestId: bigint, flag: boolean, tables: readonly Table[], fns: readonly FunctionEntry[]): Uint8Array {
  return envelope(requestId, fb.Body.CatalogResponse, (b) => {
    const fnInfos = fns.map((f) => {
      const name = b.createString(f.name);
      const cls = b.createString(f.className);
      fb.FunctionInfo.startFunctionInfo(b);
      fb.FunctionInfo.addName(b, name);
      fb.FunctionInfo.addClassName(b, cls);
      fb.FunctionInfo.addIsTemporary(b, f.isTemporary);
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

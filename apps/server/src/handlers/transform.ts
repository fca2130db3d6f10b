// Transform: one RelationOp → one SDK call → a new engine-side DataFrame, answered with its handle and schema.
import { fb } from '@kindling/protocol';
import { Column, type DataFrame, IllegalArgumentError, nodeCallsPython } from '@kindling/core';
import { decodeColumns, decodeExpression, pythonUdf, type HandleLookup } from '../decode-expression.js';
import { decodeSchema } from '@kindling/protocol';
import { dataFrameHandleOf } from '../wire.js';
import { type RequestContext, intArg, strings } from './context.js';
import { localData } from './local-data.js';
import { readFiles } from './read-files.js';

/** More partitions than this is refused: each is a task, and a local engine gains nothing past a few thousand. */
export const MAX_PARTITIONS = 100_000;

function partitions(n: number, what: string): number {
  if (n < 1 || n > MAX_PARTITIONS) {
    throw new IllegalArgumentError('INVALID_PARTITION_NUMBER', `${what}: the number of partitions must be between 1 and ${MAX_PARTITIONS}, got ${n}.`, { numPartitions: String(n) });
  }
  return n;
}

function missing(what: string): IllegalArgumentError {
  return new IllegalArgumentError('INVALID_RELATION', `The relation is missing its ${what}.`, { field: what });
}

function wrongEvalType(op: string, fn: { name: string; evalType: string }): IllegalArgumentError {
  return new IllegalArgumentError('INVALID_PYTHON_EVAL_TYPE', `${op}: function ${fn.name} has eval type ${fn.evalType}, which this operation cannot run.`, { evalType: fn.evalType });
}

function sameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) {
    throw new IllegalArgumentError('INVALID_RELATION', `${what}: ${a.length} names but ${b.length} values.`, { relation: what });
  }
}

const lookups = new WeakMap<RequestContext['session'], HandleLookup>();

/** The session's handle lookup, made once per session (a defineProperty on every request cost a µs or two). */
function handleLookup(s: RequestContext['session']): HandleLookup {
  let df = lookups.get(s);
  if (!df) {
    // SQL expression strings call the session's registered functions (read when one is decoded).
    df = Object.defineProperty((id: bigint) => s.handle(id), 'functions', { get: () => s.spark.engine.functions }) as HandleLookup;
    lookups.set(s, df);
  }
  return df;
}

/** Builds the DataFrame of one relation op. */
export async function buildRelation(ctx: RequestContext, t: fb.Transform): Promise<DataFrame> {
  const s = ctx.session;
  const df = handleLookup(s);
  switch (t.opType()) {
    case fb.RelationOp.Range: {
      const r = t.op(new fb.Range()) as fb.Range;
      const parts = r.numPartitions();
      return s.spark.range(r.start(), r.end(), r.step(), parts === 0 ? undefined : partitions(parts, 'range'));
    }
    case fb.RelationOp.LocalData:
      return localData(ctx, t.op(new fb.LocalData()) as fb.LocalData);
    case fb.RelationOp.Project: {
      const p = t.op(new fb.Project()) as fb.Project;
      const input = df(p.input());
      return input.select(decodeColumns(p.exprsLength(), (i) => p.exprs(i), df));
    }
    case fb.RelationOp.Filter: {
      const f = t.op(new fb.Filter()) as fb.Filter;
      const input = df(f.input());
      const cond = f.condition();
      if (!cond) throw missing('condition');
      return input.filter(new Column(decodeExpression(cond, df)));
    }
    case fb.RelationOp.WithColumns: {
      const w = t.op(new fb.WithColumns()) as fb.WithColumns;
      const input = df(w.input());
      const names = strings(w.namesLength(), (i) => w.names(i));
      const cols = decodeColumns(w.exprsLength(), (i) => w.exprs(i), df);
      sameLength(names, cols, 'WithColumns');
      const map: Record<string, Column> = {};
      names.forEach((n, i) => Object.defineProperty(map, n, { value: cols[i], enumerable: true, writable: true, configurable: true }));
      return input.withColumns(map);
    }
    case fb.RelationOp.WithColumnsRenamed: {
      const w = t.op(new fb.WithColumnsRenamed()) as fb.WithColumnsRenamed;
      const input = df(w.input());
      const existing = strings(w.existingLength(), (i) => w.existing(i));
      const renamed = strings(w.renamedLength(), (i) => w.renamed(i));
      sameLength(existing, renamed, 'WithColumnsRenamed');
      const map: Record<string, string> = {};
      existing.forEach((n, i) => Object.defineProperty(map, n, { value: renamed[i], enumerable: true, writable: true, configurable: true }));
      return input.withColumnsRenamed(map);
    }
    case fb.RelationOp.Drop: {
      const d = t.op(new fb.Drop()) as fb.Drop;
      const input = df(d.input());
      const names = strings(d.namesLength(), (i) => d.names(i));
      return input.drop(...names, ...decodeColumns(d.exprsLength(), (i) => d.exprs(i), df));
    }
    case fb.RelationOp.Aggregate: {
      const a = t.op(new fb.Aggregate()) as fb.Aggregate;
      const input = df(a.input());
      const keys = decodeColumns(a.groupingLength(), (i) => a.grouping(i), df);
      const aggs = decodeColumns(a.aggregatesLength(), (i) => a.aggregates(i), df);
      switch (a.groupType()) {
        case fb.GroupType.GroupBy:
          return input.groupBy(keys).agg(aggs);
        case fb.GroupType.Rollup:
          return input.rollup(keys).agg(aggs);
        case fb.GroupType.Cube:
          return input.cube(keys).agg(aggs);
        case fb.GroupType.GroupingSets: {
          const sets = Array.from({ length: a.groupingSetsLength() }, (_, i) => {
            const set = a.groupingSets(i)!;
            return Array.from({ length: set.indicesLength() }, (_, k) => set.indices(k)!);
          });
          return input.groupingSets(sets, keys).agg(aggs);
        }
        default:
          throw new IllegalArgumentError('INVALID_RELATION', `Aggregate: unknown group type ${String(a.groupType())}.`, { relation: 'Aggregate' });
      }
    }
    case fb.RelationOp.Join: {
      const j = t.op(new fb.Join()) as fb.Join;
      const left = df(j.left());
      const right = df(j.right());
      const using = strings(j.usingColumnsLength(), (i) => j.usingColumns(i));
      const cond = j.condition();
      const how = j.how() || 'inner';
      if (using.length > 0) return left.join(right, using, how);
      if (cond) return left.join(right, new Column(decodeExpression(cond, df)), how);
      return left.join(right, undefined, how);
    }
    case fb.RelationOp.Sort: {
      const o = t.op(new fb.Sort()) as fb.Sort;
      const input = df(o.input());
      const order = decodeColumns(o.orderLength(), (i) => o.order(i), df);
      return o.global() ? input.orderBy(order) : input.sortWithinPartitions(order);
    }
    case fb.RelationOp.Limit: {
      const l = t.op(new fb.Limit()) as fb.Limit;
      // Negative limits reach the SDK, which raises Spark's INVALID_LIMIT_LIKE_EXPRESSION.
      if (l.isOffset()) return df(l.input()).offset(intArg(l.offset(), 'offset', -2147483648, 2147483647));
      return df(l.input()).limit(intArg(l.limit(), 'limit', -2147483648, 2147483647));
    }
    case fb.RelationOp.Distinct: {
      const d = t.op(new fb.Distinct()) as fb.Distinct;
      const input = df(d.input());
      const subset = strings(d.subsetLength(), (i) => d.subset(i));
      return subset.length === 0 ? input.distinct() : input.dropDuplicates(subset);
    }
    case fb.RelationOp.SetOp: {
      const u = t.op(new fb.SetOp()) as fb.SetOp;
      const left = df(u.left());
      const right = df(u.right());
      return u.byName() ? left.unionByName(right, u.allowMissingColumns()) : left.union(right);
    }
    case fb.RelationOp.Repartition: {
      const r = t.op(new fb.Repartition()) as fb.Repartition;
      const input = df(r.input());
      const exprs = decodeColumns(r.exprsLength(), (i) => r.exprs(i), df);
      const n = partitions(r.numPartitions() === 0 ? s.spark.defaultParallelism : r.numPartitions(), r.shuffle() ? 'repartition' : 'coalesce');
      if (!r.shuffle()) return input.coalesce(n);
      if (r.byRange()) return input.repartitionByRange(n, ...exprs);
      if (r.byPartitionId()) {
        if (exprs.length !== 1) throw new IllegalArgumentError('INVALID_PARTITION_ID', 'Repartition by partition id needs exactly one expression.');
        return input.repartitionByPartitionId(n, exprs[0]!);
      }
      return input.repartition(n, ...exprs);
    }
    case fb.RelationOp.MapInPython: {
      const m = t.op(new fb.MapInPython()) as fb.MapInPython;
      const input = df(m.input());
      const fn = pythonUdf(m.func()!, df, 0);
      if (fn.evalType !== 'mapPandasIter' && fn.evalType !== 'mapArrowIter' && fn.evalType !== 'nonUdf') throw wrongEvalType('MapInPython', fn);
      return input.mapInPython(fn, decodeSchema(m.schema()!));
    }
    case fb.RelationOp.FlatMapGroupsInPython: {
      const g = t.op(new fb.FlatMapGroupsInPython()) as fb.FlatMapGroupsInPython;
      const input = df(g.input());
      const keys = decodeColumns(g.groupingLength(), (i) => g.grouping(i), df);
      const fn = pythonUdf(g.func()!, df, 0);
      if (fn.evalType !== 'groupedMapPandas') throw wrongEvalType('FlatMapGroupsInPython', fn);
      return input.groupBy(keys).flatMapGroupsInPython(fn, decodeSchema(g.schema()!));
    }
    case fb.RelationOp.SubqueryAlias: {
      const a = t.op(new fb.SubqueryAlias()) as fb.SubqueryAlias;
      return df(a.input()).alias(a.alias() ?? '');
    }
    case fb.RelationOp.Sql: {
      const sql = t.op(new fb.Sql()) as fb.Sql;
      const q = sql.query();
      if (q === null) throw missing('query');
      // Parameter arguments: by name when every one has a name, else by position.
      const args = decodeColumns(sql.argsLength(), (i) => sql.args(i), df);
      if (args.length === 0 && sql.argNamesLength() === 0) return s.spark.sql(q);
      const names = strings(sql.argNamesLength(), (i) => sql.argNames(i));
      if (names.length === 0) return s.spark.sql(q, args);
      sameLength(names, args, 'Sql.arg_names');
      return s.spark.sql(q, Object.fromEntries(names.map((n, i) => [n, args[i]!])));
    }
    case fb.RelationOp.ReadTable: {
      const name = (t.op(new fb.ReadTable()) as fb.ReadTable).name();
      if (name === null) throw missing('name');
      return s.spark.table(name);
    }
    case fb.RelationOp.ReadFiles:
      return readFiles(s.spark, t.op(new fb.ReadFiles()) as fb.ReadFiles);
    default:
      throw new IllegalArgumentError('INVALID_RELATION', `Unknown relation op type ${String(t.opType())}.`);
  }
}

export async function transform(ctx: RequestContext, t: fb.Transform): Promise<Uint8Array> {
  const result = await buildRelation(ctx, t);
  // Only the new node can add a Python call: its children were checked when they were made.
  if (nodeCallsPython(result.plan)) ctx.session.prewarmPython();
  const id = ctx.session.addHandle(result);
  return dataFrameHandleOf(ctx.requestId, id, result.schema);
}

// Renders a query AST to DuckDB SQL with Spark's semantics spelled out (division by zero → NULL, casts that truncate,
// explicit NULLS FIRST/LAST, Spark result types) — or, with dialect 'spark', to the Spark SQL Kindling's SQL front end
// reads (libs/sql's differential test runs both and compares).
import { type AggCall, type ColDef, type Expr, type Op, type Pipeline, type SortKey, type Source, type Ty, applyOp, schemaOfPipeline, sourceSchema, trailingSort } from './ast.js';

const DUCK_TYPE: Record<Ty, string> = { int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN' };
const SPARK_TYPE: Record<Ty, string> = { int: 'INT', bigint: 'BIGINT', double: 'DOUBLE', string: 'STRING', boolean: 'BOOLEAN' };

export type SqlDialect = 'duckdb' | 'spark';

/** The dialect of the renderSql call in progress (set only for its duration). */
let dialect: SqlDialect = 'duckdb';

function sqlType(t: Ty): string {
  return (dialect === 'spark' ? SPARK_TYPE : DUCK_TYPE)[t];
}

export function quoteIdent(name: string): string {
  if (dialect === 'spark') return `\`${name.replace(/`/g, '``')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function castTo(sql: string, from: Ty, to: Ty): string {
  return from === to ? sql : `CAST(${sql} AS ${sqlType(to)})`;
}

/** A SQL literal of the given type. */
export function sqlLiteral(value: unknown, ty: Ty): string {
  if (value === null) return `CAST(NULL AS ${sqlType(ty)})`;
  switch (ty) {
    case 'string': return quoteString(value as string);
    case 'boolean': return value ? 'TRUE' : 'FALSE';
    default:
      // Spark SQL has no NaN/Infinity literal: cast the string.
      if (dialect === 'spark' && typeof value === 'number' && !Number.isFinite(value)) return `CAST('${String(value)}' AS DOUBLE)`;
      return `CAST(${String(value)} AS ${sqlType(ty)})`;
  }
}

/** `qualify` maps a column name to a qualified reference (used for USING-join keys). */
export function sqlExpr(e: Expr, qualify: (name: string) => string = quoteIdent): string {
  const r = (x: Expr) => sqlExpr(x, qualify);
  switch (e.k) {
    case 'col': return e.side ? `${e.side}.${quoteIdent(e.name)}` : e.q ? `${e.q}.${quoteIdent(e.name)}` : qualify(e.name);
    case 'lit': return sqlLiteral(e.value, e.ty);
    case 'arith': {
      const l = castTo(r(e.l), e.l.ty, e.op === '/' ? 'double' : e.ty);
      const rr = castTo(r(e.r), e.r.ty, e.op === '/' ? 'double' : e.ty);
      // Spark (non-ANSI): x / 0 and x % 0 are NULL, for doubles too.
      if (e.op === '/' || e.op === '%') return `(CASE WHEN ${r(e.r)} = 0 THEN NULL ELSE ${l} ${e.op} ${rr} END)`;
      return `(${l} ${e.op} ${rr})`;
    }
    case 'neg': return `(- ${r(e.e)})`;
    case 'cmp': {
      if (e.op === '<=>') return `(${r(e.l)} IS NOT DISTINCT FROM ${r(e.r)})`;
      return `(${r(e.l)} ${e.op === '!=' ? '<>' : e.op} ${r(e.r)})`;
    }
    case 'and': return `(${r(e.l)} AND ${r(e.r)})`;
    case 'or': return `(${r(e.l)} OR ${r(e.r)})`;
    case 'not': return `(NOT ${r(e.e)})`;
    case 'isNull': return `(${r(e.e)} IS NULL)`;
    case 'isNotNull': return `(${r(e.e)} IS NOT NULL)`;
    case 'in': {
      const t = [e.e, ...e.list].map((x) => x.ty).reduce((a, b) => (a === b ? a : a === 'string' || b === 'string' ? 'string' : widerNum(a, b)));
      return `(${castTo(r(e.e), e.e.ty, t)} IN (${e.list.map((x) => castTo(r(x), x.ty, t)).join(', ')}))`;
    }
    case 'fn': return sqlFn(e.name, e.args, e.ty, r);
    case 'cast': return sqlCast(r(e.e), e.e.ty, e.ty);
    case 'case': {
      const parts = e.branches.map((b) => `WHEN ${r(b.when)} THEN ${castTo(r(b.then), b.then.ty, e.ty)}`);
      const other = e.otherwise ? ` ELSE ${castTo(r(e.otherwise), e.otherwise.ty, e.ty)}` : '';
      return `(CASE ${parts.join(' ')}${other} END)`;
    }
  }
}

function widerNum(a: Ty, b: Ty): Ty {
  const rank = { int: 0, bigint: 1, double: 2, string: 3, boolean: 3 } as const;
  return rank[a] >= rank[b] ? a : b;
}

function sqlFn(name: string, args: readonly Expr[], ty: Ty, r: (x: Expr) => string): string {
  const a = args.map(r);
  switch (name) {
    case 'upper':
    case 'lower':
    case 'abs':
      return `${name}(${a[0]})`;
    case 'length': return `CAST(length(${a[0]}) AS INTEGER)`;
    case 'coalesce':
    case 'greatest':
    case 'least':
      return `${name}(${args.map((x, i) => castTo(a[i]!, x.ty, ty)).join(', ')})`;
    case 'concat': return `(${a.join(' || ')})`;
    case 'substring': return `substring(${a[0]}, ${a[1]}, ${a[2]})`;
    case 'floor':
    case 'ceil':
      return `CAST(${name}(${a[0]}) AS BIGINT)`;
    case 'round': return `round(${a[0]})`;
    case 'startswith': return dialect === 'spark' ? `startswith(${a[0]}, ${a[1]})` : `starts_with(${a[0]}, ${a[1]})`;
    case 'contains': return `contains(${a[0]}, ${a[1]})`;
    case 'like': return `(${a[0]} LIKE ${a[1]})`;
    default: throw new Error(`no SQL for function ${name}`);
  }
}

function sqlCast(x: string, from: Ty, to: Ty): string {
  if (from === to) return x;
  if (dialect === 'spark') return `CAST(${x} AS ${sqlType(to)})`;
  // Spark truncates doubles toward zero; DuckDB's CAST rounds.
  if (from === 'double' && (to === 'int' || to === 'bigint')) return `CAST(trunc(${x}) AS ${sqlType(to)})`;
  // Spark gives NULL for strings that are not numbers (non-ANSI).
  if (from === 'string') return `TRY_CAST(${x} AS ${sqlType(to)})`;
  return `CAST(${x} AS ${sqlType(to)})`;
}

function sqlAgg(a: AggCall): string {
  const arg = a.arg ? sqlExpr(a.arg) : '';
  switch (a.fn) {
    case 'countStar': return 'count(*)';
    case 'count': return `count(${arg})`;
    case 'countDistinct': {
      if (!a.arg2) return `count(DISTINCT ${arg})`;
      // Spark skips tuples with a NULL in them; a DuckDB row() with NULL fields is itself not NULL.
      const b = sqlExpr(a.arg2);
      if (dialect === 'spark') return `count(DISTINCT ${arg}, ${b})`;
      return `count(DISTINCT CASE WHEN ${arg} IS NOT NULL AND ${b} IS NOT NULL THEN row(${arg}, ${b}) END)`;
    }
    case 'sum': return `CAST(sum(${arg}) AS ${sqlType(a.ty)})`;
    case 'sumDistinct': return `CAST(sum(DISTINCT ${arg}) AS ${sqlType(a.ty)})`;
    case 'groupingId': throw new Error('grouping_id() is rendered with the keys of its aggregate');
    case 'avg': return `avg(CAST(${arg} AS DOUBLE))`;
    case 'min':
    case 'max':
      return `${a.fn}(${arg})`;
  }
}

type Tables = Readonly<Record<string, readonly ColDef[]>>;

function sqlOp(inner: string, schema: readonly ColDef[], op: Op): string {
  const from = `FROM (${inner}) AS q`;
  const all = (cols: readonly ColDef[]) => cols.map((c) => quoteIdent(c.name)).join(', ');
  switch (op.k) {
    case 'filter': return `SELECT * ${from} WHERE ${sqlExpr(op.pred)}`;
    case 'select': return `SELECT ${op.items.map((i) => `${sqlExpr(i.e)} AS ${quoteIdent(i.name)}`).join(', ')} ${from}`;
    case 'withColumn': {
      const cols = schema.map((c) => (c.name === op.name ? `${sqlExpr(op.e)} AS ${quoteIdent(op.name)}` : quoteIdent(c.name)));
      if (!schema.some((c) => c.name === op.name)) cols.push(`${sqlExpr(op.e)} AS ${quoteIdent(op.name)}`);
      return `SELECT ${cols.join(', ')} ${from}`;
    }
    case 'rename': return `SELECT ${schema.map((c) => (c.name === op.from ? `${quoteIdent(c.name)} AS ${quoteIdent(op.to)}` : quoteIdent(c.name))).join(', ')} ${from}`;
    case 'agg': {
      const keys = op.keys.map((k) => sqlExpr(k.e)).join(', ');
      const agg = (a: AggCall) => (a.fn === 'groupingId' ? `GROUPING_ID(${keys})` : sqlAgg(a));
      const items = [...op.keys.map((k) => `${sqlExpr(k.e)} AS ${quoteIdent(k.name)}`), ...op.aggs.map((a) => `${agg(a)} AS ${quoteIdent(a.name)}`)];
      if (op.sets) {
        // Spark keeps no row of the empty set over empty input (its aggregate is grouped by the grouping id); the SQL
        // standard, and DuckDB, keep one: HAVING count(*) > 0 drops only that row.
        return `SELECT ${items.join(', ')} ${from} GROUP BY ${op.sets.toUpperCase()}(${keys}) HAVING count(*) > 0`;
      }
      const group = op.keys.length > 0 ? ` GROUP BY ${keys}` : '';
      return `SELECT ${items.join(', ')} ${from}${group}`;
    }
    case 'distinct': return `SELECT DISTINCT ${all(schema)} ${from}`;
    case 'repartition': return inner;
    // A sort in the middle only matters with the limit after it (rendered by sqlPipelineBody).
    case 'sort': return inner;
    case 'limit': throw new Error('limit must follow a sort');
  }
}

function orderBy(keys: readonly SortKey[], qualify: (n: string) => string): string {
  const key = (k: SortKey) => (k.e ? sqlExpr(k.e, qualify) : qualify(k.name));
  return `ORDER BY ${keys.map((k) => `${key(k)} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}`;
}

function sqlSource(src: Source, tables: Tables, tableSql: Readonly<Record<string, string>>): string {
  if (src.k === 'table') return `SELECT * FROM ${tableSql[src.table]!}`;
  if (src.k === 'selfJoin') {
    const t = tableSql[src.table]!;
    const y = src.yFilter ? `SELECT * FROM ${t} WHERE ${sqlExpr(src.yFilter)}` : `SELECT * FROM ${t}`;
    const parts = src.keys.map((k) => `x.${quoteIdent(k.x)} = y.${quoteIdent(k.y)}`);
    if (src.extra) parts.push(sqlExpr(src.extra));
    const cols = src.items.map((i) => `${i.q}.${quoteIdent(i.name)} AS ${quoteIdent(i.as)}`).join(', ');
    if ((src.how === 'semi' || src.how === 'anti') && dialect === 'spark') {
      return `SELECT ${cols} FROM ${t} AS x LEFT ${src.how === 'anti' ? 'ANTI' : 'SEMI'} JOIN (${y}) AS y ON ${parts.join(' AND ')}`;
    }
    if (src.how === 'semi' || src.how === 'anti') {
      return `SELECT ${cols} FROM ${t} AS x WHERE ${src.how === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${y}) AS y WHERE ${parts.join(' AND ')})`;
    }
    const kw = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL' }[src.how];
    return `SELECT ${cols} FROM ${t} AS x ${kw} JOIN (${y}) AS y ON ${parts.join(' AND ')}`;
  }
  const l = sqlPipelineBody(src.left, tables, tableSql);
  const r = sqlPipelineBody(src.right, tables, tableSql);
  const ls = schemaOfPipeline(src.left, tables);
  const rs = schemaOfPipeline(src.right, tables);
  let cond: string;
  if (src.style === 'using') {
    cond = src.usingCols.map((c) => `l.${quoteIdent(c)} = r.${quoteIdent(c)}`).join(' AND ');
  } else {
    const parts = src.keys.map((k) => `(${sqlExpr(k.l)} ${k.nullSafe ? 'IS NOT DISTINCT FROM' : '='} ${sqlExpr(k.r)})`);
    if (src.extra) parts.push(sqlExpr(src.extra));
    cond = parts.join(' AND ');
  }
  if (src.how === 'semi' || src.how === 'anti') {
    const out = sourceSchema(src, tables);
    const cols = out.map((c) => `l.${quoteIdent(c.name)}`).join(', ');
    if (dialect === 'spark') return `SELECT ${cols} FROM (${l}) AS l LEFT ${src.how === 'anti' ? 'ANTI' : 'SEMI'} JOIN (${r}) AS r ON ${cond}`;
    return `SELECT ${cols} FROM (${l}) AS l WHERE ${src.how === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${r}) AS r WHERE ${cond})`;
  }
  const kw = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL' }[src.how];
  let cols: string[];
  if (src.style === 'cond') {
    cols = [...ls.map((c) => `l.${quoteIdent(c.name)}`), ...rs.map((c) => `r.${quoteIdent(c.name)}`)];
  } else {
    const key = (c: string) =>
      src.how === 'right' ? `r.${quoteIdent(c)}` : src.how === 'full' ? `coalesce(l.${quoteIdent(c)}, r.${quoteIdent(c)}) AS ${quoteIdent(c)}` : `l.${quoteIdent(c)}`;
    cols = [
      ...src.usingCols.map(key),
      ...ls.filter((c) => !src.usingCols.includes(c.name)).map((c) => `l.${quoteIdent(c.name)}`),
      ...rs.filter((c) => !src.usingCols.includes(c.name)).map((c) => `r.${quoteIdent(c.name)}`),
    ];
  }
  return `SELECT ${cols.join(', ')} FROM (${l}) AS l ${kw} JOIN (${r}) AS r ON ${cond}`;
}

/** SQL of a pipeline without a trailing sort/limit. */
function sqlPipelineBody(p: Pipeline, tables: Tables, tableSql: Readonly<Record<string, string>>): string {
  let sql = sqlSource(p.source, tables, tableSql);
  let schema = sourceSchema(p.source, tables);
  p.ops.forEach((op, i) => {
    if (op.k === 'limit') {
      const sort = p.ops[i - 1] as { keys: readonly SortKey[] };
      sql = `SELECT * FROM (${sql}) AS q ${orderBy(sort.keys, (n) => `q.${quoteIdent(n)}`)} LIMIT ${op.n}`;
    } else sql = sqlOp(sql, schema, op);
    schema = applyOp(schema, op);
  });
  return sql;
}

export function hasDuplicateNames(cols: readonly ColDef[]): boolean {
  return new Set(cols.map((c) => c.name)).size !== cols.length;
}

/** The whole query: Spark's output types, then ORDER BY (NULLS spelled out) and LIMIT when the pipeline ends with them. */
export function renderSql(p: Pipeline, tables: Tables, tableSql: Readonly<Record<string, string>>, sqlDialect: SqlDialect = 'duckdb'): string {
  const outer = dialect;
  dialect = sqlDialect;
  try {
    return renderQuery(p, tables, tableSql);
  } finally {
    dialect = outer;
  }
}

function renderQuery(p: Pipeline, tables: Tables, tableSql: Readonly<Record<string, string>>): string {
  const { sort, limit, body } = trailingSort(p);
  // Duplicate output names (a join whose sides share column names) cannot be selected by name: the join is the
  // whole query, and its columns already have Spark's types.
  if (hasDuplicateNames(schemaOfPipeline(p, tables))) {
    if (p.ops.length > 0) throw new Error('operators over duplicate column names are not generated');
    return sqlSource(p.source, tables, tableSql);
  }
  const bodyPipeline: Pipeline = { source: p.source, ops: body };
  const inner = sqlPipelineBody(bodyPipeline, tables, tableSql);
  const schema = schemaOfPipeline(bodyPipeline, tables);
  const select = schema.map((c) => `CAST(q.${quoteIdent(c.name)} AS ${sqlType(c.ty)}) AS ${quoteIdent(c.name)}`).join(', ');
  let sql = `SELECT ${select} FROM (${inner}) AS q`;
  if (sort) sql += ` ${orderBy(sort, (n) => `q.${quoteIdent(n)}`)}`;
  if (limit !== null) sql += ` LIMIT ${limit}`;
  return sql;
}

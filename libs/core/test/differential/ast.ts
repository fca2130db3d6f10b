// The query AST of the differential test: one description of a query, rendered both to Kindling SDK calls and to DuckDB SQL.

/** Spark SQL types the generator uses (Spark's simpleString names). */
export type Ty = 'int' | 'bigint' | 'double' | 'string' | 'boolean';

export interface ColDef {
  readonly name: string;
  readonly ty: Ty;
}

export type LitValue = number | bigint | string | boolean | null;

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '<=>';
export type FnName =
  | 'upper' | 'lower' | 'length' | 'abs' | 'coalesce' | 'concat' | 'substring' | 'floor' | 'ceil' | 'round'
  | 'greatest' | 'least' | 'startswith' | 'contains' | 'like';

/** Every node carries its Spark result type. */
export type Expr =
  /** `q`: a DataFrame alias qualifying the name (`col('x.k1')`), used in self-joins. */
  /** `side`: the join side whose DataFrame resolves the name (`A.col('k1')`), when both sides have the column. */
  | { readonly k: 'col'; readonly name: string; readonly ty: Ty; readonly q?: string; readonly side?: 'l' | 'r' }
  | { readonly k: 'lit'; readonly value: LitValue; readonly ty: Ty }
  | { readonly k: 'arith'; readonly op: ArithOp; readonly l: Expr; readonly r: Expr; readonly ty: Ty }
  | { readonly k: 'neg'; readonly e: Expr; readonly ty: Ty }
  | { readonly k: 'cmp'; readonly op: CmpOp; readonly l: Expr; readonly r: Expr; readonly ty: 'boolean' }
  | { readonly k: 'and' | 'or'; readonly l: Expr; readonly r: Expr; readonly ty: 'boolean' }
  | { readonly k: 'not'; readonly e: Expr; readonly ty: 'boolean' }
  | { readonly k: 'isNull' | 'isNotNull'; readonly e: Expr; readonly ty: 'boolean' }
  | { readonly k: 'in'; readonly e: Expr; readonly list: readonly Expr[]; readonly ty: 'boolean' }
  | { readonly k: 'fn'; readonly name: FnName; readonly args: readonly Expr[]; readonly ty: Ty }
  | { readonly k: 'cast'; readonly e: Expr; readonly ty: Ty }
  | { readonly k: 'case'; readonly branches: readonly { readonly when: Expr; readonly then: Expr }[]; readonly otherwise: Expr | null; readonly ty: Ty };

/** `groupingId`: `grouping_id()` of a rollup/cube aggregate (no argument). */
export type AggFn = 'countStar' | 'count' | 'sum' | 'avg' | 'min' | 'max' | 'countDistinct' | 'sumDistinct' | 'groupingId';

export interface AggCall {
  readonly fn: AggFn;
  /** null only for countStar. */
  readonly arg: Expr | null;
  /** A second argument: countDistinct(a, b) counts distinct pairs with no NULL in them. */
  readonly arg2?: Expr;
  readonly name: string;
  readonly ty: Ty;
}

export interface SortKey {
  /** The output column sorted by, or, when `e` is set, a label for the expression `e` over the output columns. */
  readonly name: string;
  readonly e?: Expr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export type Op =
  | { readonly k: 'filter'; readonly pred: Expr }
  | { readonly k: 'select'; readonly items: readonly { readonly e: Expr; readonly name: string }[] }
  | { readonly k: 'withColumn'; readonly name: string; readonly e: Expr }
  | { readonly k: 'rename'; readonly from: string; readonly to: string }
  /** `sets`: rollup / cube of the keys instead of groupBy. */
  | { readonly k: 'agg'; readonly keys: readonly { readonly e: Expr; readonly name: string }[]; readonly aggs: readonly AggCall[]; readonly sets?: 'rollup' | 'cube' }
  | { readonly k: 'distinct' }
  | { readonly k: 'repartition'; readonly n: number; readonly by: readonly string[] }
  | { readonly k: 'sort'; readonly keys: readonly SortKey[] }
  | { readonly k: 'limit'; readonly n: number };

export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

export interface JoinKey {
  readonly l: Expr;
  readonly r: Expr;
  readonly nullSafe: boolean;
}

export type Source =
  | { readonly k: 'table'; readonly table: string }
  | {
      readonly k: 'join';
      readonly left: Pipeline;
      readonly right: Pipeline;
      readonly how: JoinHow;
      /** `using`: join(other, ['k1', …], how); `cond`: join(other, Column condition, how). */
      readonly style: 'using' | 'cond';
      /** using: column names present on both sides. */
      readonly usingCols: readonly string[];
      /** cond: equi-join key pairs (left-side expression, right-side expression). */
      readonly keys: readonly JoinKey[];
      /** cond: an extra (possibly non-equi) conjunct. */
      readonly extra: Expr | null;
    }
  | {
      /** `table.alias('x').join(table.filter(yFilter).alias('y'), cond, how).select(qualified items)`. */
      readonly k: 'selfJoin';
      readonly table: string;
      readonly yFilter: Expr | null;
      readonly how: JoinHow;
      /** Equi-join pairs of column names (x side, y side). */
      readonly keys: readonly { readonly x: string; readonly y: string }[];
      /** An extra conjunct over qualified columns. */
      readonly extra: Expr | null;
      readonly items: readonly QualifiedItem[];
    };

/** One side of a self-join's output: column `name` of side `q`, renamed `as`. */
export interface QualifiedItem {
  readonly q: 'x' | 'y';
  readonly name: string;
  readonly as: string;
}

export interface Pipeline {
  readonly source: Source;
  readonly ops: readonly Op[];
}

const RANK: Record<string, number> = { int: 0, bigint: 1, double: 2 };

export function isNumeric(t: Ty): boolean {
  return t === 'int' || t === 'bigint' || t === 'double';
}

/** Spark's wider numeric type (int < bigint < double); other types must be equal. */
export function wider(a: Ty, b: Ty): Ty {
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return RANK[a]! > RANK[b]! ? a : b;
  throw new Error(`no common type for ${a} and ${b}`);
}

/** The output columns of one operator. */
export function applyOp(schema: readonly ColDef[], op: Op): ColDef[] {
  switch (op.k) {
    case 'filter':
    case 'distinct':
    case 'repartition':
    case 'sort':
    case 'limit':
      return [...schema];
    case 'select':
      return op.items.map((i) => ({ name: i.name, ty: i.e.ty }));
    case 'withColumn': {
      const at = schema.findIndex((c) => c.name === op.name);
      if (at < 0) return [...schema, { name: op.name, ty: op.e.ty }];
      return schema.map((c, i) => (i === at ? { name: op.name, ty: op.e.ty } : c));
    }
    case 'rename':
      return schema.map((c) => (c.name === op.from ? { name: op.to, ty: c.ty } : c));
    case 'agg':
      return [...op.keys.map((k) => ({ name: k.name, ty: k.e.ty })), ...op.aggs.map((a) => ({ name: a.name, ty: a.ty }))];
  }
}

/** The output columns of a pipeline, as Spark defines them (including USING-join column order). */
export function schemaOfPipeline(p: Pipeline, tables: Readonly<Record<string, readonly ColDef[]>>): ColDef[] {
  let s = sourceSchema(p.source, tables);
  for (const op of p.ops) s = applyOp(s, op);
  return s;
}

export function sourceSchema(src: Source, tables: Readonly<Record<string, readonly ColDef[]>>): ColDef[] {
  if (src.k === 'table') {
    const t = tables[src.table];
    if (!t) throw new Error(`unknown table ${src.table}`);
    return [...t];
  }
  if (src.k === 'selfJoin') {
    const t = tables[src.table]!;
    return src.items.map((i) => ({ name: i.as, ty: t.find((c) => c.name === i.name)!.ty }));
  }
  const l = schemaOfPipeline(src.left, tables);
  const r = schemaOfPipeline(src.right, tables);
  const existence = src.how === 'semi' || src.how === 'anti';
  if (src.style === 'cond') return existence ? l : [...l, ...r];
  const keys = src.usingCols.map((n) => l.find((c) => c.name === n)!);
  const lRest = l.filter((c) => !src.usingCols.includes(c.name));
  const rRest = r.filter((c) => !src.usingCols.includes(c.name));
  return existence ? [...keys, ...lRest] : [...keys, ...lRest, ...rRest];
}

/** The final sort of a pipeline, if its last operators are sort [+ limit]. */
export function trailingSort(p: Pipeline): { sort: readonly SortKey[] | null; limit: number | null; body: readonly Op[] } {
  const ops = [...p.ops];
  let limit: number | null = null;
  if (ops.length > 0 && ops[ops.length - 1]!.k === 'limit') limit = (ops.pop() as { n: number }).n;
  let sort: readonly SortKey[] | null = null;
  if (ops.length > 0 && ops[ops.length - 1]!.k === 'sort') sort = (ops.pop() as { keys: readonly SortKey[] }).keys;
  if (limit !== null && sort === null) throw new Error('limit without a preceding sort is not deterministic');
  if (ops.some((o, i) => o.k === 'limit' && ops[i - 1]?.k !== 'sort')) throw new Error('limit without a preceding sort is not deterministic');
  return { sort, limit, body: ops };
}

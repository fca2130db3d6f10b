// Random queries of each shape (filter, project, aggregate, join, sort + limit, rollup/cube), fully determined by a seed.
import type { AggCall, Expr, JoinHow, JoinKey, Op, Pipeline, SortKey, Source } from './ast.js';
import { ExprGen, type ColInfo } from './gen-expr.js';
import { Rng } from './prng.js';
import { LEFT_NAMES, RIGHT_NAMES, type TableSpec, randomAlphabet, randomTable } from './tables.js';

export type Shape = 'filter' | 'project' | 'aggregate' | 'join' | 'sort' | 'grouping';

export interface QueryCase {
  readonly shape: Shape;
  readonly seed: number;
  readonly tables: readonly TableSpec[];
  readonly pipeline: Pipeline;
}

/** A pipeline under construction: its operators and the columns (with bookkeeping) it outputs so far. */
interface Building {
  source: Source;
  ops: Op[];
  scope: ColInfo[];
  /** Upper bound of the number of rows. */
  rows: number;
}

const info = (name: string, x: ColInfo | { e: Expr; max: number; frac: number; exact: boolean; nan?: boolean }): ColInfo => ({
  name,
  ty: 'e' in x ? x.e.ty : x.ty,
  max: x.max,
  frac: x.frac,
  exact: x.exact,
  nan: x.nan ?? false,
});

function fromTable(t: TableSpec): Building {
  return { source: { k: 'table', table: t.name }, ops: [], scope: [...t.cols], rows: t.rows.length };
}

function done(b: Building): Pipeline {
  return { source: b.source, ops: [...b.ops] };
}

function addFilter(rng: Rng, b: Building, depth: number): void {
  b.ops.push({ k: 'filter', pred: new ExprGen(rng, b.scope).pred(depth) });
}

function maybeRepartition(rng: Rng, b: Building, p: number): void {
  if (!rng.chance(p)) return;
  const by = rng.chance(0.5) ? rng.sample(b.scope.map((c) => c.name), rng.int(1, 2)) : [];
  b.ops.push({ k: 'repartition', n: rng.int(1, 5), by });
}

/** A column name not used by `taken` (duplicate names would make references ambiguous). */
function freshName(prefix: string, taken: readonly { name: string }[]): string {
  for (let i = 0; ; i++) if (!taken.some((t) => t.name === `${prefix}${i}`)) return `${prefix}${i}`;
}

function addProject(rng: Rng, b: Building): void {
  const g = new ExprGen(rng, b.scope);
  if (rng.chance(0.6)) {
    const n = rng.int(1, 5);
    const items: { e: Expr; name: string }[] = [];
    const scope: ColInfo[] = [];
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.3)) {
        const c = rng.pick(b.scope);
        if (items.some((it) => it.name === c.name)) continue;
        items.push({ e: g.colExpr(c), name: c.name });
        scope.push(c);
      } else {
        const x = g.any(rng.int(1, 3));
        const name = freshName('c', [...b.scope, ...items]);
        items.push({ e: x.e, name });
        scope.push(info(name, x));
      }
    }
    if (items.length === 0) {
      const c = b.scope[0]!;
      items.push({ e: g.colExpr(c), name: c.name });
      scope.push(c);
    }
    b.ops.push({ k: 'select', items });
    b.scope = scope;
  } else {
    for (let i = rng.int(1, 3); i > 0; i--) {
      const x = new ExprGen(rng, b.scope).any(rng.int(1, 3));
      // Replace an existing column (its type may change) or add a new one.
      const name = rng.chance(0.3) ? rng.pick(b.scope).name : freshName('n', b.scope);
      b.ops.push({ k: 'withColumn', name, e: x.e });
      const at = b.scope.findIndex((c) => c.name === name);
      if (at >= 0) b.scope[at] = info(name, x);
      else b.scope.push(info(name, x));
    }
  }
}

/** A grouped aggregate; `sets`: by rollup / cube of at least one key, sometimes with grouping_id(). */
function addAggregate(rng: Rng, b: Building, sets?: 'rollup' | 'cube'): void {
  const g = new ExprGen(rng, b.scope);
  const keys: { e: Expr; name: string }[] = [];
  const scope: ColInfo[] = [];
  const nKeys = sets ? rng.int(1, 3) : rng.weighted<number>([[2, 0], [5, 1], [4, 2]]);
  const keyCols = b.scope.filter((c) => c.ty === 'int' || c.ty === 'string' || c.ty === 'boolean' || (c.ty === 'bigint' && rng.chance(0.3)));
  for (let i = 0; i < nKeys; i++) {
    if (keyCols.length > 0 && rng.chance(0.75)) {
      const c = rng.pick(keyCols);
      if (keys.some((k) => k.name === c.name)) continue;
      keys.push({ e: g.colExpr(c), name: c.name });
      scope.push(c);
    } else {
      // An expression key with an alias, e.g. groupBy((k1 % 3).alias('g0')).
      const kind = rng.pick(['mod', 'str', 'pred', 'double'] as const);
      const name = freshName('g', [...b.scope, ...keys]);
      const doubles = b.scope.filter((c) => c.ty === 'double' && c.exact && c.frac <= 8);
      if (kind === 'double' && doubles.length > 0) {
        // A double key, often through fmod, which gives -0.0 for negative multiples: Spark puts -0.0 and 0.0 in one group.
        const c = rng.pick(doubles);
        const e: Expr = rng.chance(0.3)
          ? g.colExpr(c)
          : { k: 'arith', op: '%', l: g.colExpr(c), r: { k: 'lit', value: rng.pick([2, 3, 7]), ty: 'int' }, ty: 'double' };
        keys.push({ e, name });
        scope.push({ name, ty: 'double', max: c.max, frac: c.frac, exact: true, nan: c.nan ?? false });
      } else if (kind === 'mod' || kind === 'double') {
        const x = g.num(1);
        if (x.e.ty === 'double') continue;
        const e: Expr = { k: 'arith', op: '%', l: x.e, r: { k: 'lit', value: rng.int(2, 5), ty: 'int' }, ty: x.e.ty };
        keys.push({ e, name });
        scope.push({ name, ty: x.e.ty, max: 5, frac: 0, exact: true });
      } else {
        const e = kind === 'str' ? g.str(1) : g.pred(0);
        keys.push({ e, name });
        scope.push({ name, ty: e.ty, max: 1, frac: 0, exact: true });
      }
    }
  }
  const aggs: AggCall[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const a = g.agg(freshName('a', [...keys, ...aggs]), b.rows);
    aggs.push(a.call);
    scope.push(a.info);
  }
  if (sets) {
    if (keys.length === 0) {
      const c = b.scope.find((x) => x.ty === 'int' || x.ty === 'string') ?? b.scope[0]!;
      keys.unshift({ e: g.colExpr(c), name: c.name });
      scope.unshift(c);
    }
    if (rng.chance(0.6)) {
      const name = freshName('a', [...keys, ...aggs]);
      aggs.push({ fn: 'groupingId', arg: null, name, ty: 'bigint' });
      scope.push({ name, ty: 'bigint', max: 7, frac: 0, exact: true, nan: false });
    }
    b.ops.push({ k: 'agg', keys, aggs, sets });
    b.scope = scope;
    b.rows = Math.max(1, b.rows * (keys.length + 1));
    return;
  }
  b.ops.push({ k: 'agg', keys, aggs });
  b.scope = scope;
  b.rows = Math.max(1, b.rows);
}

function addSort(rng: Rng, b: Building): void {
  const order = rng.sample(b.scope, b.scope.length);
  const keys: SortKey[] = order.map((c) => {
    const desc = rng.chance(0.4);
    // Mostly Spark's defaults (asc → nulls first, desc → nulls last), sometimes the other placement.
    const nullsFirst = rng.chance(0.8) ? !desc : desc;
    return { name: c.name, desc, nullsFirst };
  });
  if (rng.chance(0.3)) {
    // A leading expression key (the column keys after it keep the order total).
    const g = new ExprGen(rng, b.scope);
    const desc = rng.chance(0.5);
    const e = g.any(1).e;
    // DuckDB rejects ORDER BY <literal>.
    if (e.k !== 'lit') keys.unshift({ name: 'expr', e, desc, nullsFirst: !desc });
  }
  b.ops.push({ k: 'sort', keys });
  if (rng.chance(0.75)) b.ops.push({ k: 'limit', n: rng.pick([0, 1, 3, 10, 25, 100, 1000, 5000]) });
}

function tablesFor(rng: Rng, join: boolean, sameNames = false): { a: TableSpec; b: TableSpec } {
  const alphabet = randomAlphabet(rng);
  const aRows = rng.chance(0.03) ? 0 : join ? rng.int(100, 1500) : rng.int(100, 3000);
  const a = randomTable(rng, 'A', LEFT_NAMES, { rows: aRows, keyCard: join ? rng.int(8, 30) : rng.int(2, 8), alphabet });
  const bRows = rng.chance(0.04) ? 0 : rng.int(20, 300);
  // Same names: B's v1 is a double and its v2 a bigint, so equal names have different types too.
  const b = randomTable(rng, 'B', sameNames ? ['k1', 'k2', 'v2', 'v1', 'flag'] : RIGHT_NAMES, { rows: bRows, keyCard: rng.int(8, 30), alphabet });
  return { a, b };
}

// ------------------------------------------------------------------ shapes

function filterQuery(rng: Rng, a: TableSpec): Building {
  const b = fromTable(a);
  maybeRepartition(rng, b, 0.15);
  addFilter(rng, b, rng.int(1, 3));
  if (rng.chance(0.3)) addFilter(rng, b, 1);
  return b;
}

function projectQuery(rng: Rng, a: TableSpec): Building {
  const b = fromTable(a);
  if (rng.chance(0.5)) addFilter(rng, b, rng.int(0, 2));
  addProject(rng, b);
  if (rng.chance(0.2)) addProject(rng, b);
  if (rng.chance(0.25)) {
    // distinct over a few columns, so there are duplicates to remove.
    const cols = rng.sample(b.scope, rng.int(1, 2));
    b.ops.push({ k: 'select', items: cols.map((c) => ({ e: { k: 'col', name: c.name, ty: c.ty }, name: c.name })) });
    b.scope = cols;
    b.ops.push({ k: 'distinct' });
  }
  return b;
}

function aggregateQuery(rng: Rng, a: TableSpec): Building {
  const b = fromTable(a);
  maybeRepartition(rng, b, 0.1);
  if (rng.chance(0.5)) addFilter(rng, b, rng.int(0, 2));
  if (rng.chance(0.2)) addProject(rng, b);
  addAggregate(rng, b);
  if (rng.chance(0.3)) addFilter(rng, b, 1);
  return b;
}

/** rollup / cube over the table, maybe filtered or projected first, maybe filtered after. */
function groupingQuery(rng: Rng, a: TableSpec): Building {
  const b = fromTable(a);
  maybeRepartition(rng, b, 0.1);
  if (rng.chance(0.4)) addFilter(rng, b, rng.int(0, 2));
  if (rng.chance(0.2)) addProject(rng, b);
  addAggregate(rng, b, rng.chance(0.5) ? 'rollup' : 'cube');
  if (rng.chance(0.3)) addFilter(rng, b, 1);
  return b;
}

function joinQuery(rng: Rng, ta: TableSpec, tb: TableSpec): Building {
  const how = rng.pick<JoinHow>(['inner', 'left', 'right', 'full', 'semi', 'anti']);
  const left = fromTable(ta);
  const right = fromTable(tb);
  if (rng.chance(0.3)) addFilter(rng, left, 1);
  if (rng.chance(0.3)) addFilter(rng, right, 1);
  if (rng.chance(0.15)) {
    // Join with an aggregated right side (a shuffle below the join).
    const col = (n: string): Expr => ({ k: 'col', name: n, ty: right.scope.find((c) => c.name === n)!.ty });
    right.ops.push({
      k: 'agg',
      keys: [{ e: col('rk1'), name: 'rk1' }, { e: col('rk2'), name: 'rk2' }],
      aggs: [
        { fn: 'countStar', arg: null, name: 'rcnt', ty: 'bigint' },
        { fn: 'sum', arg: col('w1'), name: 'rsum', ty: 'bigint' },
        { fn: 'max', arg: col('w2'), name: 'w2', ty: 'double' },
      ],
    });
    right.scope = [
      right.scope.find((c) => c.name === 'rk1')!,
      right.scope.find((c) => c.name === 'rk2')!,
      { name: 'rcnt', ty: 'bigint', max: right.rows, frac: 0, exact: true },
      { name: 'rsum', ty: 'bigint', max: right.rows * 100000, frac: 0, exact: true },
      right.scope.find((c) => c.name === 'w2')!,
    ];
  }
  let source: Source;
  let scope: ColInfo[];
  const existence = how === 'semi' || how === 'anti';
  if (rng.chance(0.4)) {
    const usingCols = rng.weighted<string[]>([[4, ['k1']], [2, ['k2']], [3, ['k1', 'k2']], [1, ['k2', 'k1']]]);
    for (const c of usingCols) right.ops.push({ k: 'rename', from: `r${c}`, to: c });
    right.scope = right.scope.map((c) => (usingCols.includes(c.name.slice(1)) && c.name.startsWith('r') ? { ...c, name: c.name.slice(1) } : c));
    source = { k: 'join', left: done(left), right: done(right), how, style: 'using', usingCols, keys: [], extra: null };
    const keys = usingCols.map((n) => left.scope.find((c) => c.name === n)!);
    const lRest = left.scope.filter((c) => !usingCols.includes(c.name));
    const rRest = right.scope.filter((c) => !usingCols.includes(c.name));
    scope = existence ? [...keys, ...lRest] : [...keys, ...lRest, ...rRest];
  } else {
    const col = (b: Building, n: string): Expr => ({ k: 'col', name: n, ty: b.scope.find((c) => c.name === n)!.ty });
    const keyChoices: (() => JoinKey)[] = [
      () => ({ l: col(left, 'k1'), r: col(right, 'rk1'), nullSafe: false }),
      () => ({ l: col(left, 'k2'), r: col(right, 'rk2'), nullSafe: false }),
      () => ({ l: col(left, 'k1'), r: { k: 'arith', op: '+', l: col(right, 'rk1'), r: { k: 'lit', value: 1, ty: 'int' }, ty: 'int' }, nullSafe: false }),
      // int = bigint: Spark widens the int side.
      () => ({ l: col(left, 'k1'), r: { k: 'arith', op: '%', l: col(right, 'w1'), r: { k: 'lit', value: 20n, ty: 'bigint' }, ty: 'bigint' }, nullSafe: false }),
      () => ({ l: { k: 'fn', name: 'upper', args: [col(left, 'k2')], ty: 'string' }, r: { k: 'fn', name: 'upper', args: [col(right, 'rk2')], ty: 'string' }, nullSafe: false }),
      // double keys through fmod (-0.0 must match 0.0).
      () => ({
        l: { k: 'arith', op: '%', l: col(left, 'v2'), r: { k: 'lit', value: 2, ty: 'int' }, ty: 'double' },
        r: { k: 'arith', op: '%', l: col(right, 'w2'), r: { k: 'lit', value: 2, ty: 'int' }, ty: 'double' },
        nullSafe: false,
      }),
    ];
    const keys: JoinKey[] = [];
    const hasW1 = right.scope.some((c) => c.name === 'w1');
    const first = rng.weighted<number>([[5, 0], [3, 1], [1, 2], [hasW1 ? 1 : 0, 3], [1, 4], [1, 5]]);
    keys.push(keyChoices[first]!());
    if (rng.chance(first === 5 ? 0.8 : 0.4)) {
      const second = first === 1 || first === 4 ? 0 : 1;
      keys.push(keyChoices[second]!());
    }
    const withNullSafe = keys.map((k) => (rng.chance(0.15) ? { ...k, nullSafe: true } : k));
    const both = [...left.scope, ...right.scope];
    const extra = rng.chance(how === 'inner' ? 0.5 : 0.25) ? new ExprGen(rng, both).pred(rng.int(0, 1)) : null;
    source = { k: 'join', left: done(left), right: done(right), how, style: 'cond', usingCols: [], keys: withNullSafe, extra };
    scope = existence ? [...left.scope] : both;
  }
  const b: Building = { source, ops: [], scope, rows: left.rows * Math.max(1, right.rows) + right.rows };
  const post = rng.weighted<string>([[4, 'none'], [2, 'filter'], [3, 'agg'], [1, 'select'], [1, 'distinct']]);
  if (post === 'filter') addFilter(rng, b, rng.int(0, 2));
  if (post === 'distinct') {
    const cols = rng.sample(b.scope, rng.int(1, 3));
    b.ops.push({ k: 'select', items: cols.map((c) => ({ e: { k: 'col', name: c.name, ty: c.ty }, name: c.name })) });
    b.scope = cols;
    b.ops.push({ k: 'distinct' });
  }
  if (post === 'agg') addAggregate(rng, b);
  if (post === 'select') addProject(rng, b);
  return b;
}

/**
 * `A.join(B, A.col('k1') == B.col('k1') and A.col('k2') == B.col('k2') [and …], how)` where A and B have the same
 * column names: the result has duplicate names, so nothing follows the join.
 */
function sameNamesJoinQuery(rng: Rng, ta: TableSpec, tb: TableSpec): Building {
  const how = rng.pick<JoinHow>(['inner', 'left', 'right', 'full', 'semi', 'anti']);
  const side = (t: TableSpec, s: 'l' | 'r') => t.cols.map((c) => ({ ...c, side: s }));
  const ls = side(ta, 'l');
  const rs = side(tb, 'r');
  const key = (n: string): JoinKey => {
    const ty = ta.cols.find((c) => c.name === n)!.ty;
    return { l: { k: 'col', name: n, ty, side: 'l' }, r: { k: 'col', name: n, ty, side: 'r' }, nullSafe: rng.chance(0.15) };
  };
  const extra = rng.chance(0.4) ? new ExprGen(rng, [...ls, ...rs]).pred(rng.int(0, 1)) : null;
  const source: Source = { k: 'join', left: done(fromTable(ta)), right: done(fromTable(tb)), how, style: 'cond', usingCols: [], keys: [key('k1'), key('k2')], extra };
  const scope = how === 'semi' || how === 'anti' ? [...ta.cols] : [...ta.cols, ...tb.cols];
  return { source, ops: [], scope, rows: ta.rows.length * Math.max(1, tb.rows.length) };
}

/** `A.alias('x').join(A.filter(…).alias('y'), x.k = y.k [and …], how).select(qualified columns)`. */
function selfJoinQuery(rng: Rng, ta: TableSpec): Building {
  const how = rng.pick<JoinHow>(['inner', 'left', 'right', 'full', 'semi', 'anti']);
  const keyPairs = rng.weighted<{ x: string; y: string }[]>([
    [4, [{ x: 'k1', y: 'k1' }]],
    [2, [{ x: 'k2', y: 'k2' }]],
    [3, [{ x: 'k1', y: 'k1' }, { x: 'k2', y: 'k2' }]],
    [1, [{ x: 'k1', y: 'k1' }, { x: 'flag', y: 'flag' }]],
  ]);
  const xs = ta.cols.map((c) => ({ ...c, q: 'x' }));
  const ys = ta.cols.map((c) => ({ ...c, q: 'y' }));
  // The y side keeps few rows, so that the self-join stays small.
  const yFilter: Expr = { k: 'and', l: new ExprGen(rng, ta.cols).pred(1), r: { k: 'cmp', op: '<', l: { k: 'col', name: 'v1', ty: 'bigint' }, r: { k: 'lit', value: BigInt(rng.int(-99000, -90000)), ty: 'bigint' }, ty: 'boolean' }, ty: 'boolean' };
  const extra = rng.chance(0.4) ? new ExprGen(rng, [...xs, ...ys]).pred(rng.int(0, 1)) : null;
  const existence = how === 'semi' || how === 'anti';
  const pool = existence ? xs : [...xs, ...ys];
  const chosen = rng.sample(pool, rng.int(2, 6));
  const items = chosen.map((c) => ({ q: c.q as 'x' | 'y', name: c.name, as: `${c.q}_${c.name}` }));
  const scope = chosen.map((c) => ({ name: `${c.q}_${c.name}`, ty: c.ty, max: c.max, frac: c.frac, exact: c.exact, nan: c.nan ?? false }));
  return { source: { k: 'selfJoin', table: ta.name, yFilter, how, keys: keyPairs, extra, items }, ops: [], scope, rows: ta.rows.length * 100 };
}

/** The query of `shape` for `seed`: its tables and pipeline. */
export function generateCase(shape: Shape, seed: number): QueryCase {
  const rng = new Rng(seed * 7919 + shape.length);
  const join = shape === 'join' || (shape === 'sort' && rng.chance(0.2));
  const sameNames = shape === 'join' && rng.chance(0.1);
  const { a, b: tb } = tablesFor(rng.fork(), join, sameNames);
  const q = rng.fork();
  let b: Building;
  switch (shape) {
    case 'filter': b = filterQuery(q, a); break;
    case 'project': b = projectQuery(q, a); break;
    case 'aggregate': b = aggregateQuery(q, a); break;
    case 'grouping': b = groupingQuery(q, a); break;
    case 'join': b = sameNames ? sameNamesJoinQuery(q, a, tb) : q.chance(0.15) ? selfJoinQuery(q, a) : joinQuery(q, a, tb); break;
    case 'sort': {
      b = join ? joinQuery(q, a, tb) : q.pick([filterQuery, projectQuery, aggregateQuery])(q, a);
      addSort(q, b);
      const last = b.ops[b.ops.length - 1]!;
      if (last.k === 'limit' && q.chance(0.3)) {
        // A top-N in the middle of the plan, with more operators after it (the result is then unordered).
        if (q.chance(0.5)) addAggregate(q, b);
        else addFilter(q, b, 1);
      }
      break;
    }
  }
  return { shape, seed, tables: join ? [a, tb] : [a], pipeline: done(b) };
}

/** Appends a grouped count/sum so that a join with a huge result can still be compared cheaply. */
export function summarised(c: QueryCase, scope: readonly { name: string; ty: string }[]): QueryCase {
  const key = scope.find((s) => s.ty === 'int' || s.ty === 'string');
  const num = scope.find((s) => s.ty === 'bigint' || s.ty === 'int');
  const aggs: AggCall[] = [{ fn: 'countStar', arg: null, name: 'cnt', ty: 'bigint' }];
  if (num) aggs.push({ fn: 'sum', arg: { k: 'col', name: num.name, ty: num.ty as 'int' }, name: 'total', ty: 'bigint' });
  const keys = key ? [{ e: { k: 'col', name: key.name, ty: key.ty as 'int' } as Expr, name: key.name }] : [];
  return { ...c, pipeline: { source: c.pipeline.source, ops: [...c.pipeline.ops, { k: 'agg', keys, aggs }] } };
}

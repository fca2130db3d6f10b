// Renders a query AST to Kindling SDK calls, building the DataFrame and, alongside, the same pipeline as source text
// (printed on failure so a disagreement can be reproduced by hand).
import { type Column, type DataFrame, col, functions as F, lit, when } from '../../src/index.js';
import type { AggCall, Expr, Op, Pipeline, Source } from './ast.js';

/** `v` builds the SDK object lazily, so the text of a pipeline is available even when building it throws. */
interface Built<T> {
  readonly v: () => T;
  readonly t: string;
}

function litText(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** The two sides of a join, for columns referenced through their DataFrame (`A.col('k1')`). */
export interface JoinSides {
  readonly l: () => DataFrame;
  readonly r: () => DataFrame;
  readonly lText: string;
  readonly rText: string;
}

export function kExpr(e: Expr, sides?: JoinSides): Built<Column> {
  switch (e.k) {
    case 'col': {
      if (e.side) {
        if (!sides) throw new Error('a side-qualified column outside a join');
        const df = e.side === 'l' ? sides.l : sides.r;
        const name = e.name;
        return { v: () => df().col(name), t: `${e.side === 'l' ? sides.lText : sides.rText}.col(${JSON.stringify(name)})` };
      }
      const name = e.q ? `${e.q}.${e.name}` : e.name;
      return { v: () => col(name), t: `col(${JSON.stringify(name)})` };
    }
    case 'lit': return { v: () => lit(e.value), t: `lit(${litText(e.value)})` };
    case 'arith': {
      const l = kExpr(e.l, sides);
      const r = kExpr(e.r, sides);
      const m = ({ '+': 'plus', '-': 'minus', '*': 'multiply', '/': 'divide', '%': 'mod' } as const)[e.op];
      return { v: () => l.v()[m](r.v()), t: `${l.t}.${m}(${r.t})` };
    }
    case 'neg': {
      const x = kExpr(e.e, sides);
      return { v: () => x.v().negate(), t: `${x.t}.negate()` };
    }
    case 'cmp': {
      const l = kExpr(e.l, sides);
      const r = kExpr(e.r, sides);
      const m = ({ '=': 'equalTo', '!=': 'notEqual', '<': 'lt', '<=': 'leq', '>': 'gt', '>=': 'geq', '<=>': 'eqNullSafe' } as const)[e.op];
      return { v: () => l.v()[m](r.v()), t: `${l.t}.${m}(${r.t})` };
    }
    case 'and':
    case 'or': {
      const l = kExpr(e.l, sides);
      const r = kExpr(e.r, sides);
      return { v: () => l.v()[e.k](r.v()), t: `${l.t}.${e.k}(${r.t})` };
    }
    case 'not': {
      const x = kExpr(e.e, sides);
      return { v: () => x.v().not(), t: `${x.t}.not()` };
    }
    case 'isNull':
    case 'isNotNull': {
      const x = kExpr(e.e, sides);
      return { v: () => x.v()[e.k](), t: `${x.t}.${e.k}()` };
    }
    case 'in': {
      const x = kExpr(e.e, sides);
      const list = e.list.map((x) => kExpr(x, sides));
      return { v: () => x.v().isin(...list.map((b) => b.v())), t: `${x.t}.isin(${list.map((b) => b.t).join(', ')})` };
    }
    case 'fn': return kFn(e.name, e.args.map((x) => kExpr(x, sides)), e.args);
    case 'cast': {
      const x = kExpr(e.e, sides);
      return { v: () => x.v().cast(e.ty), t: `${x.t}.cast('${e.ty}')` };
    }
    case 'case': {
      const [first, ...rest] = e.branches.map((b) => ({ w: kExpr(b.when, sides), th: kExpr(b.then, sides) }));
      const o = e.otherwise ? kExpr(e.otherwise, sides) : null;
      const v = (): Column => {
        let c = when(first!.w.v(), first!.th.v());
        for (const b of rest) c = c.when(b.w.v(), b.th.v());
        return o ? c.otherwise(o.v()) : c;
      };
      const t = `when(${first!.w.t}, ${first!.th.t})` + rest.map((b) => `.when(${b.w.t}, ${b.th.t})`).join('') + (o ? `.otherwise(${o.t})` : '');
      return { v, t };
    }
  }
}

function kFn(name: string, a: Built<Column>[], raw: readonly Expr[]): Built<Column> {
  const t = (args: string) => `F.${name}(${args})`;
  const all = a.map((x) => x.t).join(', ');
  switch (name) {
    case 'upper': return { v: () => F.upper(a[0]!.v()), t: t(all) };
    case 'lower': return { v: () => F.lower(a[0]!.v()), t: t(all) };
    case 'length': return { v: () => F.length(a[0]!.v()), t: t(all) };
    case 'abs': return { v: () => F.abs(a[0]!.v()), t: t(all) };
    case 'floor': return { v: () => F.floor(a[0]!.v()), t: t(all) };
    case 'ceil': return { v: () => F.ceil(a[0]!.v()), t: t(all) };
    case 'round': return { v: () => F.round(a[0]!.v()), t: t(all) };
    case 'coalesce': return { v: () => F.coalesce(...a.map((x) => x.v())), t: t(all) };
    case 'greatest': return { v: () => F.greatest(...a.map((x) => x.v())), t: t(all) };
    case 'least': return { v: () => F.least(...a.map((x) => x.v())), t: t(all) };
    case 'concat': return { v: () => F.concat(...a.map((x) => x.v())), t: t(all) };
    case 'startswith': return { v: () => a[0]!.v().startsWith(a[1]!.v()), t: `${a[0]!.t}.startsWith(${a[1]!.t})` };
    case 'contains': return { v: () => a[0]!.v().contains(a[1]!.v()), t: `${a[0]!.t}.contains(${a[1]!.t})` };
    case 'like': {
      const pattern = (raw[1] as { value: string }).value;
      return { v: () => a[0]!.v().like(pattern), t: `${a[0]!.t}.like(${JSON.stringify(pattern)})` };
    }
    case 'substring': {
      const pos = (raw[1] as { value: number }).value;
      const len = (raw[2] as { value: number }).value;
      return { v: () => F.substring(a[0]!.v(), pos, len), t: `F.substring(${a[0]!.t}, ${pos}, ${len})` };
    }
    default: throw new Error(`no Kindling rendering for function ${name}`);
  }
}

function kAgg(a: AggCall): Built<Column> {
  const x = a.arg ? kExpr(a.arg) : null;
  let b: Built<Column>;
  switch (a.fn) {
    case 'countStar': b = { v: () => F.count('*'), t: `F.count('*')` }; break;
    case 'count': b = { v: () => F.count(x!.v()), t: `F.count(${x!.t})` }; break;
    case 'sum': b = { v: () => F.sum(x!.v()), t: `F.sum(${x!.t})` }; break;
    case 'avg': b = { v: () => F.avg(x!.v()), t: `F.avg(${x!.t})` }; break;
    case 'min': b = { v: () => F.min(x!.v()), t: `F.min(${x!.t})` }; break;
    case 'max': b = { v: () => F.max(x!.v()), t: `F.max(${x!.t})` }; break;
    case 'countDistinct': {
      const y = a.arg2 ? kExpr(a.arg2) : null;
      b = y
        ? { v: () => F.countDistinct(x!.v(), y.v()), t: `F.countDistinct(${x!.t}, ${y.t})` }
        : { v: () => F.countDistinct(x!.v()), t: `F.countDistinct(${x!.t})` };
      break;
    }
    case 'sumDistinct': b = { v: () => F.sum_distinct(x!.v()), t: `F.sum_distinct(${x!.t})` }; break;
    case 'groupingId': b = { v: () => F.grouping_id(), t: 'F.grouping_id()' }; break;
  }
  return { v: () => b.v().alias(a.name), t: `${b.t}.alias(${JSON.stringify(a.name)})` };
}

function named(e: Expr, name: string): Built<Column | string> {
  if (e.k === 'col' && e.name === name) return { v: () => name, t: JSON.stringify(name) };
  const x = kExpr(e);
  return { v: () => x.v().alias(name), t: `${x.t}.alias(${JSON.stringify(name)})` };
}

function kOp(df: Built<DataFrame>, op: Op): Built<DataFrame> {
  const d = (): DataFrame => df.v();
  const nl = `${df.t}\n  `;
  switch (op.k) {
    case 'filter': {
      const p = kExpr(op.pred);
      return { v: () => d().filter(p.v()), t: `${nl}.filter(${p.t})` };
    }
    case 'select': {
      const items = op.items.map((i) => named(i.e, i.name));
      return { v: () => d().select(...items.map((i) => i.v())), t: `${nl}.select(${items.map((i) => i.t).join(', ')})` };
    }
    case 'withColumn': {
      const x = kExpr(op.e);
      return { v: () => d().withColumn(op.name, x.v()), t: `${nl}.withColumn(${JSON.stringify(op.name)}, ${x.t})` };
    }
    case 'rename': return { v: () => d().withColumnRenamed(op.from, op.to), t: `${nl}.withColumnRenamed(${JSON.stringify(op.from)}, ${JSON.stringify(op.to)})` };
    case 'agg': {
      const keys = op.keys.map((k) => named(k.e, k.name));
      const aggs = op.aggs.map(kAgg);
      return {
        v: () => {
          const df = d();
          const ks = keys.map((k) => k.v());
          return (op.sets === 'rollup' ? df.rollup(...ks) : op.sets === 'cube' ? df.cube(...ks) : df.groupBy(...ks)).agg(...aggs.map((a) => a.v()));
        },
        t: `${nl}.${op.sets ?? 'groupBy'}(${keys.map((k) => k.t).join(', ')})\n  .agg(${aggs.map((a) => a.t).join(', ')})`,
      };
    }
    case 'distinct': return { v: () => d().distinct(), t: `${nl}.distinct()` };
    case 'repartition': return { v: () => d().repartition(op.n, ...op.by), t: `${nl}.repartition(${[op.n, ...op.by.map((b) => JSON.stringify(b))].join(', ')})` };
    case 'sort': {
      const keys = op.keys.map((k) => {
        const m = k.desc ? (k.nullsFirst ? 'desc_nulls_first' : 'desc') : k.nullsFirst ? 'asc' : 'asc_nulls_last';
        const x = k.e ? kExpr(k.e) : kExpr({ k: 'col', name: k.name, ty: 'int' });
        return { v: () => x.v()[m](), t: `${x.t}.${m}()` };
      });
      return { v: () => d().orderBy(...keys.map((k) => k.v())), t: `${nl}.orderBy(${keys.map((k) => k.t).join(', ')})` };
    }
    case 'limit': return { v: () => d().limit(op.n), t: `${nl}.limit(${op.n})` };
  }
}

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

function kSource(src: Source, tables: Readonly<Record<string, DataFrame>>): Built<DataFrame> {
  if (src.k === 'table') return { v: () => tables[src.table]!, t: src.table };
  if (src.k === 'selfJoin') {
    const t = src.table;
    const yf = src.yFilter ? kExpr(src.yFilter) : null;
    const parts = src.keys.map((k) => kExpr({ k: 'cmp', op: '=', l: { k: 'col', name: k.x, ty: 'int', q: 'x' }, r: { k: 'col', name: k.y, ty: 'int', q: 'y' }, ty: 'boolean' }));
    if (src.extra) parts.push(kExpr(src.extra));
    const items = src.items.map((i) => kExpr({ k: 'col', name: i.name, ty: 'int', q: i.q }));
    const how = JSON.stringify(src.how);
    return {
      v: () => {
        const x = tables[t]!.alias('x');
        const y = (yf ? tables[t]!.filter(yf.v()) : tables[t]!).alias('y');
        const cond = parts.slice(1).reduce((c, p) => c.and(p.v()), parts[0]!.v());
        return x.join(y, cond, src.how).select(...items.map((it, i) => it.v().alias(src.items[i]!.as)));
      },
      t: `${t}.alias("x")\n  .join(${t}${yf ? `.filter(${yf.t})` : ''}.alias("y"), ${parts.slice(1).reduce((c, p) => `${c}.and(${p.t})`, parts[0]!.t)}, ${how})` +
        `\n  .select(${items.map((it, i) => `${it.t}.alias(${JSON.stringify(src.items[i]!.as)})`).join(', ')})`,
    };
  }
  const l = kPipeline(src.left, tables);
  const r = kPipeline(src.right, tables);
  const how = JSON.stringify(src.how);
  const indent = (s: string) => s.replace(/\n/g, '\n    ');
  if (src.style === 'using') {
    const on = src.usingCols.map((c) => JSON.stringify(c)).join(', ');
    return { v: () => l.v().join(r.v(), [...src.usingCols], src.how), t: `(${indent(l.t)})\n  .join(${indent(r.t)}, [${on}], ${how})` };
  }
  // One DataFrame per side: `df.col(name)` resolves through that DataFrame's plan id.
  const lv = once(l.v);
  const rv = once(r.v);
  const sides: JoinSides = { l: lv, r: rv, lText: l.t, rText: r.t };
  const parts = src.keys.map((k) => {
    const a = kExpr(k.l, sides);
    const b = kExpr(k.r, sides);
    return k.nullSafe ? { v: () => a.v().eqNullSafe(b.v()), t: `${a.t}.eqNullSafe(${b.t})` } : { v: () => a.v().equalTo(b.v()), t: `${a.t}.equalTo(${b.t})` };
  });
  if (src.extra) parts.push(kExpr(src.extra, sides));
  const cond: Built<Column> = {
    v: () => parts.slice(1).reduce((c, p) => c.and(p.v()), parts[0]!.v()),
    t: parts.slice(1).reduce((c, p) => `${c}.and(${p.t})`, parts[0]!.t),
  };
  return { v: () => lv().join(rv(), cond.v(), src.how), t: `(${indent(l.t)})\n  .join(${indent(r.t)}, ${cond.t}, ${how})` };
}

export function kPipeline(p: Pipeline, tables: Readonly<Record<string, DataFrame>>): Built<DataFrame> {
  let b = kSource(p.source, tables);
  for (const op of p.ops) b = kOp(b, op);
  return b;
}

// A tiny row-at-a-time reference interpreter of logical plans, for the optimizer's tests: a plan and its optimized
// form must return the same rows. Order-preserving everywhere (nested-loop joins, first-seen group order).
import { type Expression, dataTypeOf } from '../expr/expression.js';
import { type Join, type LogicalPlan, outputOf } from '../plan/logical-plan.js';
import { assertNever } from '../util/assert.js';

type Value = null | boolean | number | bigint | string;
type Row = ReadonlyMap<number, Value>;

export function interpret(plan: LogicalPlan): Value[][] {
  const out = outputOf(plan);
  return rows(plan).map((r) => out.map((a) => r.get(a.exprId) ?? null));
}

function rows(p: LogicalPlan): Row[] {
  switch (p.kind) {
    case 'range': {
      const out: Row[] = [];
      for (let i = p.start; p.step > 0n ? i < p.end : i > p.end; i += p.step) out.push(new Map([[p.output[0]!.exprId, i]]));
      return out;
    }
    case 'localRelation':
      return p.partitions.flat().flatMap((b) => {
        const cols = p.output.map((_, i) => b.getChildAt(i)!);
        return Array.from({ length: b.numRows }, (_, r) => new Map(p.output.map((a, i) => [a.exprId, (cols[i]!.get(r) ?? null) as Value])));
      });
    case 'project':
      return rows(p.child).map((r) => new Map(p.projectList.map((e) => [(e as { exprId: number }).exprId, evalExpr(e, r)])));
    case 'filter':
      return rows(p.child).filter((r) => evalExpr(p.condition, r) === true);
    case 'sort': {
      const rs = rows(p.child);
      return [...rs].sort((x, y) => {
        for (const o of p.order) {
          const c = compareNullsFirst(evalExpr(o.child, x), evalExpr(o.child, y));
          if (c !== 0) return o.direction === 'asc' ? c : -c;
        }
        return 0;
      });
    }
    case 'limit':
      return rows(p.child).slice(0, p.limit);
    case 'distinct': {
      const out = outputOf(p.child);
      const seen = new Set<string>();
      return rows(p.child).filter((r) => {
        const k = key(out.map((a) => r.get(a.exprId) ?? null));
        return seen.has(k) ? false : (seen.add(k), true);
      });
    }
    case 'union': {
      const ids = outputOf(p).map((a) => a.exprId);
      return p.children.flatMap((c) => {
        const out = outputOf(c);
        return rows(c).map((r) => new Map(ids.map((id, i) => [id, r.get(out[i]!.exprId) ?? null])));
      });
    }
    case 'repartition':
    case 'subqueryAlias':
      return rows(p.child);
    case 'cachedRelation':
      return rows(p.child);
    case 'aggregate':
      return aggregateRows(p.groupingExprs, p.aggregateExprs, rows(p.child));
    case 'join':
      return joinRows(p, rows(p.left), rows(p.right));
    case 'window':
      throw new Error('the test interpreter does not evaluate window functions (random plans have none)');
    case 'mapInPython':
    case 'flatMapGroupsInPython':
      throw new Error('the test interpreter does not run Python functions');
    case 'generate':
      throw new Error('the test interpreter does not evaluate generators (random plans have none)');
    case 'fileScan':
      throw new Error('the test interpreter does not read files (random plans have none)');
    case 'expand':
      return rows(p.child).flatMap((r) => p.projections.map((q) => new Map(p.output.map((a, i) => [a.exprId, evalExpr(q[i]!, r)]))));
    default:
      return assertNever(p, 'logical plan');
  }
}

function joinRows(p: Join, left: Row[], right: Row[]): Row[] {
  const nullsOf = (side: LogicalPlan) => new Map(outputOf(side).map((a) => [a.exprId, null as Value]));
  const matches = (l: Row, r: Row) => p.condition === null || evalExpr(p.condition, new Map([...l, ...r])) === true;
  const out: Row[] = [];
  switch (p.joinType) {
    case 'inner':
    case 'cross':
    case 'left':
    case 'full': {
      const rightMatched = new Set<number>();
      for (const l of left) {
        let any = false;
        right.forEach((r, j) => {
          if (matches(l, r)) {
            any = true;
            rightMatched.add(j);
            out.push(new Map([...l, ...r]));
          }
        });
        if (!any && (p.joinType === 'left' || p.joinType === 'full')) out.push(new Map([...l, ...nullsOf(p.right)]));
      }
      if (p.joinType === 'full') right.forEach((r, j) => rightMatched.has(j) || out.push(new Map([...nullsOf(p.left), ...r])));
      return out;
    }
    case 'right':
      for (const r of right) {
        const ms = left.filter((l) => matches(l, r));
        if (ms.length === 0) out.push(new Map([...nullsOf(p.left), ...r]));
        for (const l of ms) out.push(new Map([...l, ...r]));
      }
      return out;
    case 'leftsemi':
      return left.filter((l) => right.some((r) => matches(l, r)));
    case 'leftanti':
      return left.filter((l) => !right.some((r) => matches(l, r)));
    default:
      return assertNever(p.joinType, 'join type');
  }
}

function aggregateRows(groups: readonly Expression[], aggs: readonly Expression[], input: Row[]): Row[] {
  const byKey = new Map<string, Row[]>();
  for (const r of input) {
    const k = key(groups.map((g) => evalExpr(g, r)));
    const g = byKey.get(k);
    if (g) g.push(r);
    else byKey.set(k, [r]);
  }
  if (groups.length === 0 && byKey.size === 0) byKey.set('', []);
  return [...byKey.values()].map((g) => new Map(aggs.map((e) => [(e as { exprId: number }).exprId, evalAgg(e, g)])));
}

function evalAgg(e: Expression, group: Row[]): Value {
  if (e.kind === 'alias') return evalAgg(e.child, group);
  if (e.kind !== 'agg') return group.length === 0 ? null : evalExpr(e, group[0]!);
  const vals = e.args.length === 0 ? group.map(() => 1 as Value) : group.map((r) => evalExpr(e.args[0]!, r)).filter((v) => v !== null);
  switch (e.fn) {
    case 'count':
      return BigInt(vals.length);
    case 'max':
      return vals.length === 0 ? null : vals.reduce((a, b) => (compareNullsFirst(a, b) >= 0 ? a : b));
    case 'min':
      return vals.length === 0 ? null : vals.reduce((a, b) => (compareNullsFirst(a, b) <= 0 ? a : b));
    case 'sum':
      return vals.length === 0 ? null : vals.reduce((a, b) => BigInt(a as number | bigint) + BigInt(b as number | bigint), 0n as Value);
    default:
      throw new Error(`interpreter: aggregate ${e.fn} not supported`);
  }
}

function key(vs: readonly Value[]): string {
  return JSON.stringify(vs.map((v) => (typeof v === 'bigint' ? `${v}n` : v)));
}

function compareNullsFirst(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function evalExpr(e: Expression, r: Row): Value {
  const ev = (x: Expression) => evalExpr(x, r);
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'attr': {
      if (!r.has(e.exprId)) throw new Error(`interpreter: ${e.name}#${e.exprId} is not in the row`);
      return r.get(e.exprId)!;
    }
    case 'alias':
      return ev(e.child);
    case 'arith': {
      const a = ev(e.left);
      const b = ev(e.right);
      if (a === null || b === null) return null;
      if (typeof a === 'bigint' && typeof b === 'bigint') {
        if ((e.op === '/' || e.op === '%') && b === 0n) return null;
        const v = e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '%' ? a % b : a / b;
        return BigInt.asIntN(64, v);
      }
      const x = a as number;
      const y = b as number;
      if ((e.op === '/' || e.op === '%') && y === 0) return null;
      const v = e.op === '+' ? x + y : e.op === '-' ? x - y : e.op === '*' ? x * y : e.op === '%' ? x % y : x / y;
      return dataTypeOf(e).kind === 'int32' ? v | 0 : v;
    }
    case 'cmp': {
      const a = ev(e.left);
      const b = ev(e.right);
      if (e.op === '<=>') return a === null || b === null ? a === b : a === b;
      if (a === null || b === null) return null;
      switch (e.op) {
        case '=': return a === b;
        case '!=': return a !== b;
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
      }
      return null;
    }
    case 'and': {
      const a = ev(e.left);
      const b = ev(e.right);
      if (a === false || b === false) return false;
      return a === null || b === null ? null : true;
    }
    case 'or': {
      const a = ev(e.left);
      const b = ev(e.right);
      if (a === true || b === true) return true;
      return a === null || b === null ? null : false;
    }
    case 'not': {
      const a = ev(e.child);
      return a === null ? null : !a;
    }
    case 'isNull':
      return ev(e.child) === null;
    case 'isNotNull':
      return ev(e.child) !== null;
    default:
      throw new Error(`interpreter: expression ${e.kind} not supported`);
  }
}

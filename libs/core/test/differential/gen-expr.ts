// Random, well-typed expressions whose values the two engines must agree on: integer results stay far from
// overflow, double arithmetic stays exact where it is later summed, and every operation is one Spark and DuckDB share.
import type { Rng } from './prng.js';
import { type AggCall, type AggFn, type CmpOp, type Expr, type Ty, isNumeric, wider } from './ast.js';

/** A column in scope, with a bound on its magnitude and the binary digits after the point of its values. */
export interface ColInfo {
  readonly name: string;
  readonly ty: Ty;
  readonly max: number;
  readonly frac: number;
  readonly exact: boolean;
  /** A DataFrame alias qualifying the column (self-joins). */
  readonly q?: string;
  /** The join side whose DataFrame resolves the column (both sides have one of this name). */
  readonly side?: 'l' | 'r';
  /** May be NaN (Spark and DuckDB agree: NaN = NaN, NaN sorts above every number, NaNs group together). */
  readonly nan?: boolean;
}

/** A numeric expression with the same bookkeeping. */
export interface Num {
  readonly e: Expr;
  readonly max: number;
  readonly frac: number;
  /** Sums of this expression over ≤ 2^17 rows are exact (no rounding anywhere). */
  readonly exact: boolean;
  /** May be NaN: never cast to an integer (Spark gives 0, DuckDB an error). */
  readonly nan?: boolean;
}

export const STRING_ALPHABET = ['a', 'b', 'B', 'ab', 'abc', 'é', 'ｱ', '😀', 'a😀', '', '12', '-3', 'Z', 'ba'];

const INT_LIMIT = 2 ** 30;
const LONG_LIMIT = 2 ** 44;
/** Doubles with max * 2^frac below this add up exactly over 2^12 rows. */
const EXACT_LIMIT = 2 ** 40;

export class ExprGen {
  constructor(
    readonly rng: Rng,
    readonly scope: readonly ColInfo[],
  ) {}

  cols(pred: (c: ColInfo) => boolean): ColInfo[] {
    return this.scope.filter(pred);
  }

  colExpr(c: ColInfo): Expr {
    if (c.side) return { k: 'col', name: c.name, ty: c.ty, side: c.side };
    return c.q ? { k: 'col', name: c.name, ty: c.ty, q: c.q } : { k: 'col', name: c.name, ty: c.ty };
  }

  // ---------------------------------------------------------------- numbers

  numLiteral(ty?: Ty): Num {
    const rng = this.rng;
    const t = ty ?? rng.weighted<Ty>([[5, 'int'], [2, 'bigint'], [3, 'double']]);
    if (t === 'int') {
      const v = rng.int(-5, 20);
      return { e: { k: 'lit', value: v, ty: 'int' }, max: Math.abs(v), frac: 0, exact: true };
    }
    if (t === 'bigint') {
      const v = rng.int(-1000, 1000);
      return { e: { k: 'lit', value: BigInt(v), ty: 'bigint' }, max: Math.abs(v), frac: 0, exact: true };
    }
    // Always a fraction, so the JS number is a double literal for Kindling too.
    const v = rng.int(-200, 200) + rng.pick([0.5, 0.25, -0.25]);
    return { e: { k: 'lit', value: v, ty: 'double' }, max: Math.abs(v), frac: 2, exact: true };
  }

  numLeaf(): Num {
    const nums = this.cols((c) => isNumeric(c.ty));
    if (nums.length > 0 && this.rng.chance(0.75)) {
      const c = this.rng.pick(nums);
      return { e: this.colExpr(c), max: c.max, frac: c.frac, exact: c.exact, nan: c.nan ?? false };
    }
    return this.numLiteral();
  }

  /** A numeric expression, or null when the random choice would overflow (the caller retries). */
  private tryNum(depth: number): Num | null {
    const rng = this.rng;
    if (depth <= 0 || rng.chance(0.3)) return this.numLeaf();
    const kind = rng.weighted<string>([[10, 'arith'], [1, 'neg'], [2, 'fn'], [2, 'cast'], [1, 'case']]);
    if (kind === 'arith') {
      const op = rng.weighted<'+' | '-' | '*' | '/' | '%'>([[4, '+'], [3, '-'], [3, '*'], [2, '/'], [1, '%']]);
      const l = this.num(depth - 1);
      const r = op === '%' || op === '/' ? this.num(depth - 1, 1) : this.num(depth - 1);
      return combine(op, l, r);
    }
    if (kind === 'neg') {
      const x = this.num(depth - 1);
      return { ...x, e: { k: 'neg', e: x.e, ty: x.e.ty } };
    }
    if (kind === 'fn') {
      const name = rng.pick(['abs', 'coalesce', 'greatest', 'least', 'floor', 'ceil', 'round', 'length'] as const);
      if (name === 'length') {
        const s = this.str(1);
        return { e: { k: 'fn', name, args: [s], ty: 'int' }, max: 8, frac: 0, exact: true };
      }
      const x = this.num(depth - 1);
      if (name === 'abs') return { ...x, e: { k: 'fn', name, args: [x.e], ty: x.e.ty } };
      if (name === 'floor' || name === 'ceil' || name === 'round') {
        const d = x.e.ty === 'double' ? x : castNum(x, 'double');
        if (d.max >= LONG_LIMIT) return null;
        if (name === 'round') return { e: { k: 'fn', name, args: [d.e], ty: 'double' }, max: d.max + 1, frac: 0, exact: true, nan: d.nan ?? false };
        if (d.nan) return null;
        return { e: { k: 'fn', name, args: [d.e], ty: 'bigint' }, max: d.max + 1, frac: 0, exact: true };
      }
      const y = this.num(depth - 1);
      const ty = wider(x.e.ty, y.e.ty);
      return checked({ e: { k: 'fn', name, args: [x.e, y.e], ty }, max: Math.max(x.max, y.max), frac: Math.max(x.frac, y.frac), exact: x.exact && y.exact, nan: !!(x.nan || y.nan) });
    }
    if (kind === 'cast') {
      const srcKind = rng.weighted<string>([[6, 'num'], [1, 'string'], [1, 'boolean']]);
      if (srcKind === 'string') {
        const s = this.str(0);
        const to = rng.pick<Ty>(['int', 'bigint']);
        return { e: { k: 'cast', e: s, ty: to }, max: 100, frac: 0, exact: true };
      }
      if (srcKind === 'boolean') return { e: { k: 'cast', e: this.pred(0), ty: 'int' }, max: 1, frac: 0, exact: true };
      const x = this.num(depth - 1);
      const to = rng.pick<Ty>(['int', 'bigint', 'double']);
      if (to === x.e.ty) return x;
      if (to !== 'double' && x.nan) return null;
      if (to === 'int' && x.max >= INT_LIMIT) return null;
      if (to === 'bigint' && x.max >= LONG_LIMIT) return null;
      return castNum(x, to);
    }
    const a = this.num(depth - 1);
    const b = this.num(depth - 1);
    const otherwise = rng.chance(0.8) ? b.e : null;
    // Without ELSE the result has the THEN branch's type.
    const ty = otherwise ? wider(a.e.ty, b.e.ty) : a.e.ty;
    return checked({
      e: { k: 'case', branches: [{ when: this.pred(1), then: a.e }], otherwise, ty },
      max: Math.max(a.max, b.max),
      frac: Math.max(a.frac, b.frac),
      exact: a.exact && b.exact,
      nan: !!(a.nan || (otherwise && b.nan)),
    });
  }

  /** A numeric expression of at most `depth` levels; `minMax` > 0 asks for something that is not always 0 (a divisor). */
  num(depth: number, minMax = 0): Num {
    for (let i = 0; i < 20; i++) {
      const n = this.tryNum(depth);
      if (n && n.max >= minMax) return n;
    }
    return this.numLeaf().max >= minMax ? this.numLeaf() : this.numLiteral('int');
  }

  // ---------------------------------------------------------------- strings

  strLiteral(): Expr {
    return { k: 'lit', value: this.rng.pick(STRING_ALPHABET), ty: 'string' };
  }

  str(depth: number): Expr {
    const rng = this.rng;
    const strs = this.cols((c) => c.ty === 'string');
    const leaf = (): Expr => (strs.length > 0 && rng.chance(0.8) ? this.colExpr(rng.pick(strs)) : this.strLiteral());
    if (depth <= 0 || rng.chance(0.4)) return leaf();
    const kind = rng.pick(['upper', 'lower', 'concat', 'substring', 'coalesce', 'cast'] as const);
    switch (kind) {
      case 'upper':
      case 'lower':
        return { k: 'fn', name: kind, args: [this.str(depth - 1)], ty: 'string' };
      case 'concat':
        return { k: 'fn', name: 'concat', args: [this.str(depth - 1), this.str(depth - 1)], ty: 'string' };
      case 'substring':
        return {
          k: 'fn', name: 'substring',
          args: [this.str(depth - 1), { k: 'lit', value: rng.int(1, 3), ty: 'int' }, { k: 'lit', value: rng.int(1, 3), ty: 'int' }],
          ty: 'string',
        };
      case 'coalesce':
        return { k: 'fn', name: 'coalesce', args: [this.str(depth - 1), this.strLiteral()], ty: 'string' };
      case 'cast': {
        const ints = this.num(1);
        if (ints.e.ty === 'double') return leaf();
        return { k: 'cast', e: ints.e, ty: 'string' };
      }
    }
  }

  // ---------------------------------------------------------------- predicates

  pred(depth: number): Expr {
    const rng = this.rng;
    if (depth > 0 && rng.chance(0.45)) {
      const kind = rng.weighted<string>([[4, 'and'], [3, 'or'], [2, 'not']]);
      if (kind === 'not') return { k: 'not', e: this.pred(depth - 1), ty: 'boolean' };
      return { k: kind as 'and' | 'or', l: this.pred(depth - 1), r: this.pred(depth - 1), ty: 'boolean' };
    }
    const bools = this.cols((c) => c.ty === 'boolean');
    const kind = rng.weighted<string>([[8, 'numCmp'], [3, 'strCmp'], [2, 'bool'], [2, 'null'], [3, 'in'], [1, 'strFn']]);
    switch (kind) {
      case 'numCmp': {
        const l = this.num(Math.min(depth, 2));
        const r = rng.chance(0.5) ? this.numLiteral(l.e.ty === 'double' && rng.chance(0.5) ? 'double' : 'int') : this.num(1);
        return { k: 'cmp', op: cmpOp(rng), l: l.e, r: r.e, ty: 'boolean' };
      }
      case 'strCmp': return { k: 'cmp', op: cmpOp(rng), l: this.str(1), r: rng.chance(0.7) ? this.strLiteral() : this.str(1), ty: 'boolean' };
      case 'bool': {
        if (bools.length === 0) return this.pred(0);
        const b = this.colExpr(rng.pick(bools));
        if (rng.chance(0.5)) return b;
        return { k: 'cmp', op: rng.pick<CmpOp>(['=', '!=', '<=>', '<']), l: b, r: { k: 'lit', value: rng.chance(0.5), ty: 'boolean' }, ty: 'boolean' };
      }
      case 'null': {
        const c = rng.pick(this.scope);
        const e = rng.chance(0.7) ? this.colExpr(c) : this.num(1).e;
        return { k: rng.chance(0.5) ? 'isNull' : 'isNotNull', e, ty: 'boolean' };
      }
      case 'in': {
        if (rng.chance(0.6)) {
          const l = this.num(rng.chance(0.7) ? 0 : 1);
          const ty = l.e.ty === 'double' ? 'double' : 'int';
          const list: Expr[] = Array.from({ length: rng.int(1, 5) }, () => this.numLiteral(ty === 'double' && rng.chance(0.5) ? 'double' : 'int').e);
          if (rng.chance(0.2)) list.push({ k: 'lit', value: null, ty: l.e.ty });
          return { k: 'in', e: l.e, list, ty: 'boolean' };
        }
        const list: Expr[] = Array.from({ length: rng.int(1, 4) }, () => this.strLiteral());
        if (rng.chance(0.2)) list.push({ k: 'lit', value: null, ty: 'string' });
        return { k: 'in', e: this.str(1), list, ty: 'boolean' };
      }
      case 'strFn': {
        const name = rng.pick(['startswith', 'contains', 'like'] as const);
        if (name === 'like') {
          const pattern = rng.pick(['a%', '%b', '%a%', '_', '__', 'a_', '%😀', '_😀%', '', '%', 'B%']);
          return { k: 'fn', name, args: [this.str(1), { k: 'lit', value: pattern, ty: 'string' }], ty: 'boolean' };
        }
        return { k: 'fn', name, args: [this.str(1), rng.chance(0.8) ? this.strLiteral() : this.str(0)], ty: 'boolean' };
      }
    }
    throw new Error('unreachable');
  }

  /** Any expression (number, string or boolean) for projections, with its bookkeeping for later use. */
  any(depth: number): ColInfo & { e: Expr } {
    const kind = this.rng.weighted<string>([[6, 'num'], [2, 'str'], [2, 'bool']]);
    if (kind === 'num') {
      const n = this.num(depth);
      return { name: '', ty: n.e.ty, e: n.e, max: n.max, frac: n.frac, exact: n.exact, nan: n.nan ?? false };
    }
    const e = kind === 'str' ? this.str(depth) : this.pred(depth);
    return { name: '', ty: e.ty, e, max: 0, frac: 0, exact: true };
  }

  // ---------------------------------------------------------------- aggregates

  /** An aggregate call and the bookkeeping of its result; `rows` bounds the input size. */
  agg(name: string, rows: number): { call: AggCall; info: ColInfo } {
    const rng = this.rng;
    const fn = rng.weighted<AggFn>([[2, 'countStar'], [2, 'count'], [4, 'sum'], [3, 'avg'], [3, 'min'], [3, 'max'], [2, 'countDistinct'], [1, 'sumDistinct']]);
    const countInfo = { name, ty: 'bigint' as Ty, max: rows, frac: 0, exact: true };
    if (fn === 'countStar') return { call: { fn, arg: null, name, ty: 'bigint' }, info: countInfo };
    if (fn === 'count' || fn === 'countDistinct' || fn === 'min' || fn === 'max') {
      const x = rng.chance(0.7) ? this.any(1) : (() => { const n = this.num(2); return { ...n, name: '', ty: n.e.ty }; })();
      if (fn === 'countDistinct' && rng.chance(0.3)) return { call: { fn, arg: x.e, arg2: this.any(0).e, name, ty: 'bigint' }, info: countInfo };
      if (fn === 'count' || fn === 'countDistinct') return { call: { fn, arg: x.e, name, ty: 'bigint' }, info: countInfo };
      return { call: { fn, arg: x.e, name, ty: x.e.ty }, info: { name, ty: x.e.ty, max: x.max, frac: x.frac, exact: x.exact, nan: x.nan ?? false } };
    }
    // sum / avg: only of arguments whose sum is exact in both engines.
    // Spark sums avg's input in double, so that sum must be exact too.
    const fits = (n: Num) => n.exact && n.max * 2 ** n.frac * Math.max(rows, 1) < 2 ** 52;
    let x = this.num(2);
    for (let i = 0; i < 10 && !fits(x); i++) x = this.num(1);
    for (let i = 0; i < 10 && !fits(x); i++) x = this.numLeaf();
    if (!fits(x)) x = this.numLiteral('int');
    if (fn === 'avg') return { call: { fn, arg: x.e, name, ty: 'double' }, info: { name, ty: 'double', max: x.max, frac: 53, exact: false, nan: x.nan ?? false } };
    const ty: Ty = x.e.ty === 'double' ? 'double' : 'bigint';
    return { call: { fn, arg: x.e, name, ty }, info: { name, ty, max: x.max * rows, frac: x.frac, exact: x.exact && x.max * rows * 2 ** x.frac < EXACT_LIMIT, nan: x.nan ?? false } };
  }
}

function cmpOp(rng: Rng): CmpOp {
  return rng.weighted<CmpOp>([[3, '='], [2, '!='], [2, '<'], [2, '<='], [2, '>'], [2, '>='], [1, '<=>']]);
}

function castNum(x: Num, to: Ty): Num {
  const exact = to === 'double' ? x.exact && x.max * 2 ** x.frac < EXACT_LIMIT : true;
  return { e: { k: 'cast', e: x.e, ty: to }, max: x.max + 1, frac: to === 'double' ? x.frac : 0, exact, nan: x.nan ?? false };
}

function checked(n: Num): Num | null {
  if (n.e.ty === 'int' && n.max >= INT_LIMIT) return null;
  if (n.e.ty === 'bigint' && n.max >= LONG_LIMIT) return null;
  if (n.e.ty === 'double' && n.max >= 1e15) return null;
  return n;
}

function combine(op: '+' | '-' | '*' | '/' | '%', l: Num, r: Num): Num | null {
  const ty = op === '/' ? 'double' : wider(l.e.ty, r.e.ty);
  const e: Expr = { k: 'arith', op, l: l.e, r: r.e, ty };
  const nan = !!(l.nan || r.nan);
  switch (op) {
    case '+':
    case '-': {
      const frac = Math.max(l.frac, r.frac);
      const max = l.max + r.max;
      return checked({ e, max, frac, exact: l.exact && r.exact && (ty !== 'double' || max * 2 ** frac < EXACT_LIMIT), nan });
    }
    case '*': {
      const frac = l.frac + r.frac;
      const max = l.max * r.max;
      return checked({ e, max, frac, exact: l.exact && r.exact && (ty !== 'double' || max * 2 ** frac < EXACT_LIMIT), nan });
    }
    case '%':
      // fmod is exact; the result is smaller than both operands.
      return checked({ e, max: Math.min(l.max, r.max), frac: Math.max(l.frac, r.frac), exact: l.exact && r.exact, nan });
    case '/': {
      // |r| ≥ 2^-frac when it is not 0 (and 0 gives NULL).
      // Dividing by an inexact double could give anything: not allowed.
      const max = r.frac > 20 ? Infinity : l.max * 2 ** r.frac;
      return checked({ e, max, frac: 53, exact: false, nan });
    }
  }
}

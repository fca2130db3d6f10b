// Scalar expressions by precedence climbing, lowest first: OR, AND, NOT, predicates (IS NULL, BETWEEN, IN,
// LIKE), comparisons, | ^ & (bitwise), << >> >>>, + - ||, * / % DIV, unary - + ~, primaries. Produces the core's unresolved Expressions.
import { ParameterBinder } from './parameters.js';
import { AnalysisError, type DataType, DateT, parseTypeName } from '@kindling/core';
import {
  type ArithmeticOp,
  type ComparisonOp,
  type Expression,
  type SortOrder,
  type WindowFrame,
  type TimeZone,
  type WindowSpec,
  UTC,
  exists,
  lit,
} from '@kindling/core/internal';
import { EXPRESSION_WORDS } from './keywords.js';
import { numberLiteral, typedLiteral } from './parse-literal.js';
import type { Query } from './ast.js';
import type { TokenStream } from './token-stream.js';
import type { Token } from './tokenizer.js';

function call(name: string, args: Expression[]): Expression {
  return { kind: 'unresolvedFunction', name, args, isDistinct: false };
}

const CMP: Record<string, ComparisonOp> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '<=>': '<=>' };

/** Marker calls standing for subqueries in expressions; their literal argument indexes `subqueries`. */
export const SUBQUERY_IN = '__kindling_in_subquery';
export const SUBQUERY_EXISTS = '__kindling_exists_subquery';
export const SUBQUERY_SCALAR = '__kindling_scalar_subquery';
/** Marker call `fn OVER w` of a named window, args [fn, name literal]; the WINDOW clause substitutes its spec. */
export const WINDOW_REF = '__kindling_window_ref';

/** MISSING_WINDOW_SPECIFICATION for an `OVER w` that no WINDOW clause around it defined. */
export function checkWindowsDefined(e: Expression): void {
  let missing: string | null = null;
  exists(e, (x) => {
    if (x.kind !== 'unresolvedFunction' || x.name !== WINDOW_REF) return false;
    missing = (x.args[1] as { value: unknown }).value as string;
    return true;
  });
  if (missing !== null) {
    throw new AnalysisError(
      'MISSING_WINDOW_SPECIFICATION',
      `Window specification ${missing} is not defined in the WINDOW clause. For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.`,
      { windowName: missing, docroot: 'https://spark.apache.org/docs/latest' },
    );
  }
}

const INTERVAL = '__kindling_interval';
const DATETIME_UNITS: ReadonlySet<string> = new Set(['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND']);

/**
 * `DATE '…' ± INTERVAL …`, folded to a DATE literal at parse time (Kindling has no interval type; month and
 * year steps clamp the day to the target month's length, as Spark's date + interval does).
 */
function dateShift(ts: TokenStream, d: Expression, interval: Extract<Expression, { kind: 'unresolvedFunction' }>, minus: boolean, at: Token): Expression {
  if (d.kind !== 'literal' || d.dataType.kind !== 'date' || typeof d.value !== 'number') {
    throw ts.unsupported('UNSUPPORTED_FEATURE.INTERVAL_ARITHMETIC', 'Kindling supports INTERVAL only added to or subtracted from a DATE literal.', at);
  }
  const n = Number((interval.args[0] as { value: unknown }).value) * (minus ? -1 : 1);
  const unit = String((interval.args[1] as { value: unknown }).value);
  if (unit === 'DAY') return lit(d.value + n, DateT);
  const date = new Date(d.value * 86_400_000);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + (unit === 'YEAR' ? 12 * n : n);
  const y = Math.floor(months / 12);
  const m = months - 12 * y;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return lit(Date.UTC(y, m, Math.min(date.getUTCDate(), last)) / 86_400_000, DateT);
}

/** Functions whose `IGNORE NULLS` option Kindling honours, and the function the call becomes with it. */
const IGNORE_NULLS_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['first', 'first'], ['first_value', 'first'], ['last', 'last'], ['last_value', 'last'], ['any_value', 'any_value'],
]);
/** Functions that take `IGNORE NULLS` inside their parentheses too (Spark's grammar has these three forms). */
const INLINE_IGNORE_NULLS: ReadonlySet<string> = new Set(['first', 'last', 'any_value']);

export class ExpressionParser {
  /** Subqueries met in expressions, referred to by index from the marker calls. */
  readonly subqueries: Query[] = [];
  /** The session time zone: `TIMESTAMP '…'` without a zone is a local time of it, as Spark's AstBuilder reads it. */
  timeZone: TimeZone = UTC;

  constructor(
    protected readonly ts: TokenStream,
    /** Binds `:name` and `?` markers (none given: every marker is unbound, reported once parsing ends). */
    readonly parameters: ParameterBinder = new ParameterBinder(),
  ) {}

  /** A parameter marker at the current token (`?`, or `:` then a name), bound; null at anything else. */
  protected parameterMarker(): Expression | null {
    const ts = this.ts;
    if (ts.isOp('?')) return this.parameters.positional(ts.next().offset);
    const n = ts.peek(1);
    if (ts.isOp(':') && (n.kind === 'word' || n.kind === 'quotedIdent')) {
      ts.next();
      return this.parameters.named(ts.next().text);
    }
    return null;
  }

  /** Parses a query after its opening parenthesis; only statement parsers can. */
  protected parseSubquery(at: Token): Query {
    throw subqueryUnsupported(this.ts, 'a subquery in a standalone expression', at);
  }

  private subquery(at: Token): Expression {
    const start = this.ts.peek().offset;
    const q = this.parseSubquery(at);
    const text = this.ts.sql.slice(start, this.ts.peek().offset).trim().replace(/\s+/g, ' ');
    const id = this.subqueries.push({ ...q, text }) - 1;
    this.ts.expectOp(')');
    return lit(id);
  }

  expression(): Expression {
    return this.or();
  }

  private or(): Expression {
    let l = this.and();
    while (this.ts.acceptWord('OR')) l = { kind: 'or', left: l, right: this.and() };
    return l;
  }

  private and(): Expression {
    let l = this.not();
    while (this.ts.acceptWord('AND')) l = { kind: 'and', left: l, right: this.not() };
    return l;
  }

  private not(): Expression {
    if (this.ts.acceptWord('NOT') || this.ts.acceptOp('!')) return { kind: 'not', child: this.not() };
    return this.predicate();
  }

  private predicate(): Expression {
    let e = this.comparison();
    for (;;) {
      const ts = this.ts;
      if (ts.acceptWord('IS')) {
        const negated = ts.acceptWord('NOT');
        if (ts.acceptWord('NULL')) e = { kind: negated ? 'isNotNull' : 'isNull', child: e };
        else if (ts.isWord('TRUE') || ts.isWord('FALSE')) {
          const value = ts.next().text.toUpperCase() === 'TRUE';
          const is: Expression = { kind: 'cmp', op: '<=>', left: e, right: lit(value) };
          e = negated ? { kind: 'not', child: is } : is;
        } else if (ts.acceptWord('DISTINCT', 'FROM')) {
          const is: Expression = { kind: 'cmp', op: '<=>', left: e, right: this.comparison() };
          e = negated ? is : { kind: 'not', child: is };
        } else throw ts.error("expected NULL, TRUE, FALSE or DISTINCT FROM after IS");
        continue;
      }
      const negated = ts.isWord('NOT') && ['BETWEEN', 'IN', 'LIKE', 'RLIKE', 'ILIKE', 'REGEXP'].some((w) => ts.isWord(w, 1));
      if (negated) ts.next();
      const wrap = (x: Expression): Expression => (negated ? { kind: 'not', child: x } : x);
      if (ts.acceptWord('BETWEEN')) {
        const lo = this.bitOr();
        ts.expectWord('AND');
        const hi = this.bitOr();
        e = wrap({ kind: 'and', left: { kind: 'cmp', op: '>=', left: e, right: lo }, right: { kind: 'cmp', op: '<=', left: e, right: hi } });
      } else if (ts.acceptWord('IN')) {
        const open = ts.peek();
        ts.expectOp('(');
        if (ts.isWord('SELECT') || ts.isWord('WITH')) {
          e = wrap({ kind: 'unresolvedFunction', name: SUBQUERY_IN, args: [e, this.subquery(open)], isDistinct: false });
          continue;
        }
        const list = this.list(')');
        e = wrap({ kind: 'in', child: e, list });
      } else if (ts.isWord('LIKE') || ts.isWord('RLIKE') || ts.isWord('ILIKE') || ts.isWord('REGEXP')) {
        const op = ts.next().text.toLowerCase();
        const pattern = this.bitOr();
        const name = op === 'regexp' ? 'rlike' : op;
        const args = [e, pattern];
        // `LIKE p ESCAPE 'c'`: the escape character is a string literal, as Spark's grammar has it.
        if ((op === 'like' || op === 'ilike') && ts.isWord('ESCAPE')) {
          ts.next();
          const esc = ts.next();
          if (esc.kind !== 'string') throw ts.error('', esc);
          args.push(lit(esc.text));
        }
        e = wrap({ kind: 'unresolvedFunction', name, args, isDistinct: false });
      } else return e;
    }
  }

  private comparison(): Expression {
    let l = this.bitOr();
    for (;;) {
      const t = this.ts.peek();
      const op = t.kind === 'op' ? CMP[t.text] : undefined;
      if (!op) return l;
      this.ts.next();
      l = { kind: 'cmp', op, left: l, right: this.bitOr() };
    }
  }

  // Spark's valueExpression precedence below comparisons: | then ^ then & then the shifts, each left-associative.
  private bitOr(): Expression {
    let l = this.bitXor();
    while (this.ts.acceptOp('|')) l = call('|', [l, this.bitXor()]);
    return l;
  }

  private bitXor(): Expression {
    let l = this.bitAnd();
    while (this.ts.acceptOp('^')) l = call('^', [l, this.bitAnd()]);
    return l;
  }

  private bitAnd(): Expression {
    let l = this.shift();
    while (this.ts.acceptOp('&')) l = call('&', [l, this.shift()]);
    return l;
  }

  /** `<<`, `>>`, `>>>`: adjacent `<` / `>` tokens (the tokenizer keeps `>>` apart for `array<array<int>>`). */
  private shiftOperator(): string | null {
    const ts = this.ts;
    const a = ts.peek();
    if (a.kind !== 'op' || (a.text !== '<' && a.text !== '>')) return null;
    const b = ts.peek(1);
    if (b.kind !== 'op' || b.text !== a.text || b.offset !== a.offset + 1) return null;
    if (a.text === '<') return '<<';
    const c = ts.peek(2);
    return c.kind === 'op' && c.text === '>' && c.offset === b.offset + 1 ? '>>>' : '>>';
  }

  private shift(): Expression {
    let l = this.additive();
    for (;;) {
      const op = this.shiftOperator();
      if (!op) return l;
      for (let k = 0; k < op.length; k++) this.ts.next();
      l = call(op, [l, this.additive()]);
    }
  }

  private additive(): Expression {
    let l = this.multiplicative();
    for (;;) {
      if (this.ts.acceptOp('||')) {
        l = { kind: 'unresolvedFunction', name: 'concat', args: [l, this.multiplicative()], isDistinct: false };
        continue;
      }
      const op = this.ts.isOp('+') ? '+' : this.ts.isOp('-') ? '-' : null;
      if (!op) return l;
      const at = this.ts.next();
      const r = this.multiplicative();
      l = r.kind === 'unresolvedFunction' && r.name === INTERVAL ? dateShift(this.ts, l, r, op === '-', at) : { kind: 'arith', op, left: l, right: r };
    }
  }

  private multiplicative(): Expression {
    let l = this.unary();
    for (;;) {
      const t = this.ts.peek();
      const op: ArithmeticOp | null = t.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '%') ? t.text : null;
      if (op) {
        this.ts.next();
        l = { kind: 'arith', op, left: l, right: this.unary() };
      } else if (this.ts.isWord('DIV')) {
        this.ts.next();
        // a DIV b: integral division, truncating toward zero (Spark's IntegralDivide).
        l = call('div', [l, this.unary()]);
      } else return l;
    }
  }

  private unary(): Expression {
    const ts = this.ts;
    if (ts.isOp('-')) {
      ts.next();
      // `-1` is one literal in Spark's grammar, so `-2147483648` is an int.
      if (ts.peek().kind === 'number') return numberLiteral(ts, ts.next(), true);
      return { kind: 'negate', child: this.unary() };
    }
    // `+x` is Spark's UnaryPositive, printed `(+ x)`; `~x` its BitwiseNot.
    if (ts.acceptOp('+')) return call('positive', [this.unary()]);
    if (ts.acceptOp('~')) return call('~', [this.unary()]);
    return this.postfix(this.primary());
  }

  /** `e[key]` (a map's value, an array's 0-based element) and `.field` after it, as Spark's UnresolvedExtractValue. */
  private postfix(e: Expression): Expression {
    const ts = this.ts;
    for (;;) {
      if (ts.acceptOp('[')) {
        const key = this.expression();
        ts.expectOp(']');
        e = call('subscript', [e, key]);
      } else if (e.kind === 'unresolvedFunction' && e.name === 'subscript' && ts.isOp('.') && (ts.peek(1).kind === 'word' || ts.peek(1).kind === 'quotedIdent')) {
        ts.next();
        e = call('get_field', [e, { kind: 'literal', value: ts.next().text, dataType: { kind: 'string' } }]);
      } else return e;
    }
  }

  /** Comma-separated expressions up to the closing `close` token (consumed). */
  list(close: string): Expression[] {
    const out: Expression[] = [];
    if (this.ts.acceptOp(close)) return out;
    do out.push(this.expression());
    while (this.ts.acceptOp(','));
    this.ts.expectOp(close);
    return out;
  }

  /** `x -> body` or `(x, y) -> body` (Spark's #lambda alternatives: one bare name, or two or more in parentheses). */
  private lambda(): Expression | null {
    const ts = this.ts;
    const t = ts.peek();
    const isName = (k: number) => ts.peek(k).kind === 'word' || ts.peek(k).kind === 'quotedIdent';
    let count = 0;
    if (isName(0) && ts.isOp('->', 1)) count = 1;
    else if (t.kind === 'op' && t.text === '(') {
      let k = 1;
      while (isName(k) && ts.isOp(',', k + 1)) k += 2;
      if (k > 1 && isName(k) && ts.isOp(')', k + 1) && ts.isOp('->', k + 2)) count = (k + 1) / 2;
    }
    if (count === 0) return null;
    const params: { kind: 'unresolvedLambdaVar'; name: string }[] = [];
    if (count === 1) params.push({ kind: 'unresolvedLambdaVar', name: ts.next().text });
    else {
      ts.next();
      do params.push({ kind: 'unresolvedLambdaVar', name: ts.next().text });
      while (ts.acceptOp(','));
      ts.expectOp(')');
    }
    ts.expectOp('->');
    return { kind: 'lambda', params, body: this.expression() };
  }

  private primary(): Expression {
    const ts = this.ts;
    const t = ts.peek();
    const lambda = this.lambda();
    if (lambda) return lambda;
    switch (t.kind) {
      case 'number':
        ts.next();
        return numberLiteral(ts, t, false);
      case 'string': {
        ts.next();
        let s = t.text;
        // Adjacent string literals concatenate: 'a' 'b' is 'ab'.
        while (ts.peek().kind === 'string') s += ts.next().text;
        return lit(s);
      }
      case 'op':
        if (t.text === '(') {
          ts.next();
          if (ts.isWord('SELECT') || ts.isWord('WITH')) return { kind: 'unresolvedFunction', name: SUBQUERY_SCALAR, args: [this.subquery(t)], isDistinct: false };
          const e = this.expression();
          if (ts.isOp(',')) throw ts.unsupported('UNSUPPORTED_FEATURE.STRUCT_EXPRESSION', 'Row constructors (a, b) are not supported by Kindling yet.');
          ts.expectOp(')');
          return e;
        }
        if (t.text === '*') {
          ts.next();
          return { kind: 'star' };
        }
        {
          const marker = this.parameterMarker();
          if (marker) return marker;
        }
        throw ts.error();
      case 'quotedIdent':
        return this.columnOrFunction();
      case 'word':
        return this.wordPrimary(t);
      case 'eof':
        throw ts.error();
      default:
        throw ts.error();
    }
  }

  private wordPrimary(t: Token): Expression {
    const ts = this.ts;
    const w = t.text.toUpperCase();
    switch (w) {
      case 'NULL': ts.next(); return lit(null);
      case 'TRUE': ts.next(); return lit(true);
      case 'FALSE': ts.next(); return lit(false);
      case 'CASE': return this.caseWhen();
      case 'CURRENT_DATE':
      case 'CURRENT_TIMESTAMP':
        // Without parentheses these are the functions, as Spark resolves them when no column has the name.
        if (!ts.isOp('(', 1) && !ts.isOp('.', 1)) {
          ts.next();
          return { kind: 'unresolvedFunction', name: w.toLowerCase(), args: [], isDistinct: false };
        }
        break;
      case 'CAST':
      case 'TRY_CAST': {
        const tryCast = ts.next().text.toUpperCase() === 'TRY_CAST';
        ts.expectOp('(');
        const child = this.expression();
        ts.expectWord('AS');
        const to = this.dataType();
        ts.expectOp(')');
        return tryCast ? { kind: 'cast', child, to, try: true } : { kind: 'cast', child, to };
      }
      case 'DATE':
      case 'TIMESTAMP':
        if (ts.peek(1).kind === 'string') {
          ts.next();
          return typedLiteral(ts, t, ts.next(), this.timeZone);
        }
        break;
      case 'EXISTS':
        // EXISTS (SELECT …) is a subquery; exists(xs, x -> …) the higher-order function.
        if (ts.isOp('(', 1) && (ts.isWord('SELECT', 2) || ts.isWord('WITH', 2))) {
          ts.next();
          const open = ts.next();
          return { kind: 'unresolvedFunction', name: SUBQUERY_EXISTS, args: [this.subquery(open)], isDistinct: false };
        }
        break;
      case 'INTERVAL':
        return this.interval();
      case 'POSITION':
        // POSITION(substr IN str) is locate(substr, str), as Spark's grammar builds it (the other form is a call).
        if (ts.isOp('(', 1) && this.isSpecialForm('IN')) {
          ts.next();
          ts.next();
          const sub = this.additive();
          ts.expectWord('IN');
          const str = this.additive();
          ts.expectOp(')');
          return { kind: 'unresolvedFunction', name: 'locate', args: [sub, str], isDistinct: false };
        }
        break;
      case 'OVERLAY':
        // OVERLAY(input PLACING replace FROM pos [FOR len]).
        if (ts.isOp('(', 1) && this.isSpecialForm('PLACING')) {
          ts.next();
          ts.next();
          const input = this.additive();
          ts.expectWord('PLACING');
          const replace = this.additive();
          ts.expectWord('FROM');
          const args = [input, replace, this.additive()];
          if (ts.acceptWord('FOR')) args.push(this.additive());
          ts.expectOp(')');
          return { kind: 'unresolvedFunction', name: 'overlay', args, isDistinct: false };
        }
        break;
      case 'TIMESTAMPADD':
      case 'DATEADD':
      case 'DATE_ADD':
      case 'TIMESTAMPDIFF':
      case 'DATEDIFF':
      case 'DATE_DIFF':
        // timestampadd(HOUR, n, ts): the unit is a keyword, read as a string literal (Spark's datetimeUnit).
        if (ts.isOp('(', 1) && ts.peek(2).kind === 'word' && DATETIME_UNITS.has(ts.peek(2).text.toUpperCase()) && ts.isOp(',', 3)) {
          ts.next();
          ts.next();
          const unit = lit(ts.next().text);
          ts.expectOp(',');
          const rest = this.list(')');
          return { kind: 'unresolvedFunction', name: w.includes('ADD') ? 'timestampadd' : 'timestampdiff', args: [unit, ...rest], isDistinct: false };
        }
        break;
      case 'EXTRACT':
        if (ts.isOp('(', 1)) {
          ts.next();
          ts.next();
          const field = ts.next();
          if (field.kind !== 'word') throw ts.error();
          ts.expectWord('FROM');
          const child = this.expression();
          ts.expectOp(')');
          // The field as written, a literal the analyzer checks (Spark's Extract prints it so).
          return { kind: 'unresolvedFunction', name: 'extract', args: [lit(field.text), child], isDistinct: false };
        }
        break;
      default:
        break;
    }
    if (EXPRESSION_WORDS.has(w) && !ts.isOp('(', 1)) throw ts.error();
    return this.columnOrFunction();
  }

  /** True when `word` appears at the top nesting level of the parenthesised list that starts at the next token but one. */
  private isSpecialForm(word: string): boolean {
    let depth = 0;
    for (let k = 1; ; k++) {
      const t = this.ts.peek(k);
      if (t.kind === 'eof') return false;
      if (t.kind === 'op' && t.text === '(') depth++;
      else if (t.kind === 'op' && t.text === ')' && --depth === 0) return false;
      else if (depth === 1 && t.kind === 'op' && t.text === ',') return false;
      else if (depth === 1 && t.kind === 'word' && t.text.toUpperCase() === word) return true;
    }
  }

  /** `INTERVAL '3' MONTH` / `INTERVAL 3 DAYS`: a marker the enclosing `+`/`-` folds into a DATE literal. */
  private interval(): Expression {
    const ts = this.ts;
    const at = ts.next();
    const v = ts.next();
    const n = Number(v.text);
    if ((v.kind !== 'string' && v.kind !== 'number') || !Number.isInteger(n)) throw ts.unsupported('INVALID_TYPED_LITERAL', `The value of the typed literal "INTERVAL" is invalid: '${v.text}'.`, v);
    const unit = ts.next();
    const u = unit.text.toUpperCase().replace(/S$/, '');
    if (unit.kind !== 'word' || !['DAY', 'MONTH', 'YEAR'].includes(u)) throw ts.unsupported('UNSUPPORTED_FEATURE.INTERVAL_UNIT', `INTERVAL … ${unit.text}: Kindling supports DAY, MONTH and YEAR intervals.`, unit);
    return { kind: 'unresolvedFunction', name: INTERVAL, args: [lit(n), lit(u), lit(at.offset)], isDistinct: false };
  }

  private caseWhen(): Expression {
    const ts = this.ts;
    ts.expectWord('CASE');
    const subject = ts.isWord('WHEN') ? null : this.expression();
    const branches: { condition: Expression; value: Expression }[] = [];
    while (ts.acceptWord('WHEN')) {
      const w = this.expression();
      ts.expectWord('THEN');
      const value = this.expression();
      branches.push({ condition: subject ? { kind: 'cmp', op: '=', left: subject, right: w } : w, value });
    }
    if (branches.length === 0) throw ts.error("expected 'WHEN'");
    const otherwise = ts.acceptWord('ELSE') ? this.expression() : null;
    ts.expectWord('END');
    return { kind: 'caseWhen', branches, otherwise };
  }

  /** `int`, `bigint`, `string`, `array<int>`, `varchar(10)`… as the core's types. */
  dataType(): DataType {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind !== 'word') throw ts.error('expected a data type');
    ts.next();
    const name = t.text.toLowerCase();
    if (name === 'array') {
      ts.expectOp('<');
      const inner = this.dataType();
      ts.expectOp('>');
      return { kind: 'array', elementType: inner, containsNull: true };
    }
    if (name === 'map') {
      ts.expectOp('<');
      const keyType = this.dataType();
      ts.expectOp(',');
      const valueType = this.dataType();
      ts.expectOp('>');
      return { kind: 'map', keyType, valueType, valueContainsNull: true };
    }
    if (name === 'struct') return this.structType();
    const alias: Record<string, string> = { smallint: 'int', tinyint: 'int', short: 'int', byte: 'int', char: 'string', real: 'double' };
    if (name === 'decimal' || name === 'dec' || name === 'numeric') {
      // DECIMAL, DECIMAL(p), DECIMAL(p, s): parseTypeName checks the bounds (DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION).
      const params: string[] = [];
      if (ts.acceptOp('(')) {
        do {
          const p = ts.next();
          if (p.kind !== 'number' || !/^\d+$/.test(p.text)) throw ts.error('expected an integer precision or scale');
          params.push(p.text);
        } while (ts.acceptOp(','));
        ts.expectOp(')');
      }
      if (params.length > 2) throw ts.unsupported('UNSUPPORTED_DATATYPE', `Unsupported data type "${t.text.toUpperCase()}(${params.join(',')})".`, t);
      return parseTypeName(`decimal(${params[0] ?? 10},${params[1] ?? 0})`)!;
    }
    if (ts.acceptOp('(')) {
      while (!ts.isOp(')') && ts.peek().kind !== 'eof') ts.next();
      ts.expectOp(')');
      if (name !== 'varchar' && name !== 'char') throw ts.unsupported('UNSUPPORTED_DATATYPE', `Unsupported data type "${t.text.toUpperCase()}".`, t);
    }
    const type = parseTypeName(alias[name] ?? name);
    if (!type) throw ts.unsupported('UNSUPPORTED_DATATYPE', `Unsupported data type "${t.text.toUpperCase()}".`, t);
    return type;
  }

  /** `struct<a: int, b string NOT NULL>` (after the word `struct`). */
  private structType(): DataType {
    const ts = this.ts;
    ts.expectOp('<');
    const fields: { name: string; dataType: DataType; nullable: boolean }[] = [];
    if (!ts.isOp('>')) {
      do {
        const n = ts.next();
        if (n.kind !== 'word' && n.kind !== 'quotedIdent') throw ts.error('expected a struct field name');
        ts.acceptOp(':');
        const dataType = this.dataType();
        const notNull = ts.acceptWord('NOT');
        if (notNull) ts.expectWord('NULL');
        fields.push({ name: n.text, dataType, nullable: !notNull });
      } while (ts.acceptOp(','));
    }
    ts.expectOp('>');
    return { kind: 'struct', fields };
  }

  /** `a`, `t.a`, `` `x y` ``, `t.*`, or `fn(args)` with DISTINCT, `count(*)` and an optional OVER clause. */
  private columnOrFunction(): Expression {
    const ts = this.ts;
    const first = ts.next();
    if (ts.isOp('(')) {
      ts.next();
      const name = first.text.toLowerCase();
      const isDistinct = ts.acceptWord('DISTINCT');
      if (!isDistinct) ts.acceptWord('ALL');
      let args: Expression[] = [];
      let ignoreNulls = false;
      if (name === 'count' && ts.isOp('*') && ts.isOp(')', 1)) {
        ts.next();
        ts.next();
      } else if (!ts.acceptOp(')')) {
        do {
          args.push(this.expression());
          // Spark's FIRST / LAST / ANY_VALUE forms: `first(x IGNORE NULLS)`.
          if (args.length === 1 && INLINE_IGNORE_NULLS.has(name) && ts.acceptWord('IGNORE', 'NULLS')) ignoreNulls = true;
        } while (ts.acceptOp(','));
        ts.expectOp(')');
      }
      let fnName = name;
      const option = ts.peek();
      if ((ts.isWord('IGNORE') || ts.isWord('RESPECT')) && ts.isWord('NULLS', 1)) {
        ts.next();
        ts.next();
        // RESPECT NULLS is every function's default; IGNORE NULLS needs one that can skip them.
        if (option.text.toUpperCase() === 'IGNORE') {
          if (name === 'lag' || name === 'lead') {
            // lag/lead(x, offset, default, ignoreNulls): the offset-th non-NULL row before/after.
            // (A wrong number of arguments is left for the analyzer to report.)
            args = args.length >= 1 && args.length <= 3 ? [args[0]!, args[1] ?? lit(1), args[2] ?? lit(null), lit(true)] : [...args, lit(true)];
          } else if (name === 'nth_value') {
            args = [...args, lit(true)];
          } else if (!IGNORE_NULLS_FUNCTIONS.has(name)) {
            throw ts.unsupported('INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX', `Invalid SQL syntax: The function \`${name}\` does not support IGNORE NULLS.`, option);
          } else ignoreNulls = true;
        }
      }
      if (ignoreNulls) {
        // As Spark's withIgnoreNulls: the call becomes first/last(x, true), named `first(x)`.
        fnName = IGNORE_NULLS_FUNCTIONS.get(name)!;
        args = [args[0] ?? lit(null), lit(true), ...args.slice(2)];
      }
      // `f(args) WITHIN GROUP (ORDER BY …)`: the keys follow the arguments as sort orders (the analyzer splits them off).
      if (ts.isWord('WITHIN') && ts.isWord('GROUP', 1)) {
        ts.next();
        ts.next();
        ts.expectOp('(');
        ts.expectWord('ORDER');
        ts.expectWord('BY');
        do args.push(this.sortItem());
        while (ts.acceptOp(','));
        ts.expectOp(')');
      }
      const fn: Expression = { kind: 'unresolvedFunction', name: fnName, args, isDistinct };
      if (ts.acceptWord('OVER')) return this.over(fn);
      return fn;
    }
    const parts = [first.text];
    while (ts.isOp('.')) {
      ts.next();
      if (ts.acceptOp('*')) return { kind: 'star', qualifier: parts };
      const p = ts.next();
      if (p.kind !== 'word' && p.kind !== 'quotedIdent') throw ts.error('expected a name after .', p);
      parts.push(p.text);
    }
    return { kind: 'unresolvedColumn', nameParts: parts };
  }

  /** After OVER: a window spec, or `w` / `(w)` naming one of the WINDOW clause (a marker until it is substituted). */
  private over(fn: Expression): Expression {
    const name = this.windowName();
    if (name !== null) return { kind: 'unresolvedFunction', name: WINDOW_REF, args: [fn, lit(name)], isDistinct: false };
    return { kind: 'windowExpr', fn, spec: this.windowSpec() };
  }

  /**
   * `w` or `(w)`: a reference to a named window (Spark's windowRef), or null when a spec follows. As in Spark's
   * grammar, `(w ORDER BY …)` is not a spec: the name must close the parentheses.
   */
  windowName(): string | null {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind === 'word' || t.kind === 'quotedIdent') return ts.next().text;
    if (!ts.isOp('(')) throw ts.error();
    const n = ts.peek(1);
    const specWords = ['PARTITION', 'DISTRIBUTE', 'ORDER', 'SORT', 'ROWS', 'RANGE', 'CLUSTER'];
    if (n.kind === 'quotedIdent' || (n.kind === 'word' && !specWords.includes(n.text.toUpperCase()))) {
      ts.next();
      ts.next();
      ts.expectOp(')');
      return n.text;
    }
    return null;
  }

  /** `( [PARTITION BY …] [ORDER BY …] [ROWS|RANGE frame] )` after OVER. */
  windowSpec(): WindowSpec {
    const ts = this.ts;
    ts.expectOp('(');
    const partitionSpec: Expression[] = [];
    const orderSpec: SortOrder[] = [];
    if (ts.acceptWord('PARTITION') || ts.acceptWord('DISTRIBUTE')) {
      ts.expectWord('BY');
      do partitionSpec.push(this.expression());
      while (ts.acceptOp(','));
    }
    if (ts.acceptWord('ORDER') || ts.acceptWord('SORT')) {
      ts.expectWord('BY');
      do orderSpec.push(this.sortItem());
      while (ts.acceptOp(','));
    }
    let frame: WindowFrame | null = null;
    if (ts.isWord('ROWS') || ts.isWord('RANGE')) {
      const frameType = ts.next().text.toUpperCase() === 'ROWS' ? 'rows' : 'range';
      if (ts.acceptWord('BETWEEN')) {
        const lower = this.frameBound();
        ts.expectWord('AND');
        frame = { frameType, lower, upper: this.frameBound() };
      } else frame = { frameType, lower: this.frameBound(), upper: 0 };
    }
    ts.expectOp(')');
    return { partitionSpec, orderSpec, frame };
  }

  /** UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING | CURRENT ROW | n PRECEDING | n FOLLOWING. */
  private frameBound(): number {
    const ts = this.ts;
    if (ts.acceptWord('UNBOUNDED')) {
      if (ts.acceptWord('PRECEDING')) return -Infinity;
      if (ts.acceptWord('FOLLOWING')) return Infinity;
      throw ts.error();
    }
    if (ts.acceptWord('CURRENT')) {
      ts.expectWord('ROW');
      return 0;
    }
    const t = ts.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw ts.error();
    ts.next();
    const n = Number(t.text);
    if (ts.acceptWord('PRECEDING')) return -n;
    if (ts.acceptWord('FOLLOWING')) return n;
    throw ts.error();
  }

  /** `expr [ASC|DESC] [NULLS FIRST|LAST]`; ascending puts nulls first, descending last (Spark's defaults). */
  sortItem(): SortOrder {
    const child = this.expression();
    const ts = this.ts;
    const direction = ts.acceptWord('DESC') ? 'desc' : (ts.acceptWord('ASC'), 'asc');
    let nullOrdering: SortOrder['nullOrdering'] = direction === 'asc' ? 'nullsFirst' : 'nullsLast';
    if (ts.acceptWord('NULLS')) {
      if (ts.acceptWord('FIRST')) nullOrdering = 'nullsFirst';
      else if (ts.acceptWord('LAST')) nullOrdering = 'nullsLast';
      else throw ts.error("expected FIRST or LAST after NULLS");
    }
    return { kind: 'sortOrder', child, direction, nullOrdering };
  }
}

function subqueryUnsupported(ts: TokenStream, what: string, at?: Token) {
  return ts.unsupported('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY', `Kindling does not support ${what} yet; rewrite it as a join.`, at);
}

// Recursive-descent parser of Spark SQL statements: queries (WITH, set operations, SELECT blocks, joins),
// EXPLAIN, SHOW TABLES and DESCRIBE. Expressions are left to ExpressionParser.
import { type Expression, type GroupingElement, type JoinType, type SortOrder, type SqlParameters, type TimeZone, type WindowSpec, UTC, cubeSets, rollupSets, transformUp } from '@kindling/core/internal';
import type { Query, QueryBody, Relation, Select, SelectItem, Statement } from './ast.js';
import { CLAUSE_WORDS } from './keywords.js';
import { ParseError } from './parse-error.js';
import { ExpressionParser, WINDOW_REF } from './parse-expression.js';
import { ParameterBinder } from './parameters.js';
import { TokenStream } from './token-stream.js';
import { tokenize } from './tokenizer.js';

/** A statement and the subqueries its expressions refer to (by index, through marker calls). */
export type ParsedStatement = Statement & { readonly subqueries: readonly Query[] };

/**
 * Parses one statement (a trailing `;` is allowed), its parameter markers bound to `params`. Throws ParseError, or
 * AnalysisError for markers (unbound, or named and positional mixed).
 */
export function parseStatement(sql: string, params?: SqlParameters, timeZone: TimeZone = UTC): ParsedStatement {
  const set = SET_RE.exec(sql);
  if (set) return { kind: 'set', key: set[1] ?? null, value: set[2] ?? null, subqueries: [] };
  const ts = new TokenStream(sql, tokenize(sql));
  const p = new StatementParser(ts, new ParameterBinder(params));
  p.timeZone = timeZone;
  const st = p.statement();
  ts.acceptOp(';');
  if (ts.peek().kind !== 'eof') throw ts.error();
  p.parameters.finish();
  return { ...st, subqueries: p.subqueries };
}

/** `SET`, `SET key`, `SET key=value` (the key and value are raw text, as Spark's SetCommand reads them). */
const SET_RE = /^\s*SET(?:\s+([^=\s;][^=;]*?))?(?:\s*=\s*(.*?))?\s*;?\s*$/is;

/** Parses one scalar expression (`selectExpr`, `expr()`). */
export function parseExpression(sql: string, timeZone: TimeZone = UTC): Expression {
  const ts = new TokenStream(sql, tokenize(sql));
  const p = new ExpressionParser(ts);
  p.timeZone = timeZone;
  const e = p.expression();
  if (ts.peek().kind !== 'eof') throw ts.error();
  p.parameters.finish();
  return e;
}

/**
 * Parses one select item — an expression with an optional alias (`a + 1 AS b`, `posexplode(x) AS (p, v)`) — as
 * `selectExpr` and `expr()` take it. Subqueries have no plan to belong to here and are refused.
 */
export function parseSelectItem(sql: string, timeZone: TimeZone = UTC): SelectItem {
  const ts = new TokenStream(sql, tokenize(sql));
  const p = new StatementParser(ts);
  p.timeZone = timeZone;
  const item = p.selectItem();
  if (ts.peek().kind !== 'eof') throw ts.error();
  p.parameters.finish();
  if (p.subqueries.length > 0) throw ts.unsupported('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY', 'A subquery is not supported in a SQL expression string (selectExpr, expr, filter); use spark.sql.');
  return item;
}

class StatementParser extends ExpressionParser {
  protected override parseSubquery(): Query {
    return this.query();
  }

  statement(): Statement {
    const ts = this.ts;
    if (ts.peek().kind === 'eof') throw ts.error();
    if (ts.acceptWord('EXPLAIN')) {
      let mode: 'simple' | 'extended' = 'simple';
      if (ts.acceptWord('EXTENDED')) mode = 'extended';
      else if (['FORMATTED', 'CODEGEN', 'COST', 'LOGICAL'].some((w) => ts.isWord(w))) {
        throw ts.unsupported('UNSUPPORTED_FEATURE.EXPLAIN_MODE', `EXPLAIN ${ts.peek().text.toUpperCase()} is not supported by Kindling; use EXPLAIN or EXPLAIN EXTENDED.`);
      }
      return { kind: 'explain', mode, statement: this.statement() };
    }
    if (ts.acceptWord('SHOW')) {
      if (!ts.acceptWord('TABLES') && !ts.acceptWord('VIEWS')) throw ts.unsupported('UNSUPPORTED_FEATURE.SHOW', 'Kindling supports SHOW TABLES and SHOW VIEWS only.');
      let database: string | null = null;
      if (ts.acceptWord('FROM') || ts.acceptWord('IN')) database = this.identifier();
      ts.acceptWord('LIKE');
      const pattern = ts.peek().kind === 'string' ? ts.next().text : null;
      return { kind: 'showTables', database, pattern };
    }
    if (ts.isWord('DESCRIBE') || ts.isWord('DESC')) {
      ts.next();
      ts.acceptWord('TABLE');
      const extended = ts.acceptWord('EXTENDED') || ts.acceptWord('FORMATTED');
      if (ts.acceptWord('QUERY') || ts.isWord('SELECT') || ts.isWord('WITH')) {
        return { kind: 'describe', relation: { kind: 'subquery', query: this.query(), alias: null }, extended };
      }
      return { kind: 'describe', relation: { kind: 'table', nameParts: this.multipartName(), alias: null }, extended };
    }
    if (ts.acceptWord('CREATE')) return this.createView();
    if (ts.acceptWord('DROP')) {
      if (!ts.acceptWord('VIEW')) throw ts.unsupported('UNSUPPORTED_FEATURE.DROP', 'Kindling supports DROP VIEW only (its views are temporary).');
      const ifExists = ts.acceptWord('IF', 'EXISTS');
      return { kind: 'dropView', nameParts: this.multipartName(), ifExists };
    }
    if (ts.isWord('SELECT') || ts.isWord('WITH') || ts.isWord('VALUES') || ts.isOp('(') || ts.isWord('TABLE')) {
      return { kind: 'query', query: this.query() };
    }
    throw ts.error();
  }

  /** `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query`. */
  private createView(): Statement {
    const ts = this.ts;
    const replace = ts.acceptWord('OR', 'REPLACE');
    const global = ts.acceptWord('GLOBAL');
    if (!ts.acceptWord('TEMPORARY') && !ts.acceptWord('TEMP')) {
      throw ts.unsupported('UNSUPPORTED_FEATURE.CREATE', 'Kindling supports CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW only (it has no persistent tables).');
    }
    ts.expectWord('VIEW');
    const ifNotExists = ts.acceptWord('IF', 'NOT', 'EXISTS');
    // A dotted name is refused by the catalog with Spark's TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS.
    const name = this.multipartName().join('.');
    const columns: string[] = [];
    if (ts.acceptOp('(')) {
      do columns.push(this.identifier());
      while (ts.acceptOp(','));
      ts.expectOp(')');
    }
    ts.expectWord('AS');
    return { kind: 'createView', name, global, replace, ifNotExists, columns, query: this.query() };
  }

  query(): Query {
    const ts = this.ts;
    const ctes: { name: string; query: Query }[] = [];
    if (ts.acceptWord('WITH')) {
      do {
        const name = this.identifier();
        ts.acceptWord('AS');
        ts.expectOp('(');
        const q = this.query();
        ts.expectOp(')');
        if (ctes.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
          throw ts.unsupported('DUPLICATED_CTE_NAMES', `CTE definition can't have duplicate names: \`${name}\`.`);
        }
        ctes.push({ name, query: q });
      } while (ts.acceptOp(','));
    }
    const body = this.setExpression();
    const orderBy: SortOrder[] = [];
    if (ts.acceptWord('ORDER')) {
      ts.expectWord('BY');
      do orderBy.push(this.sortItem());
      while (ts.acceptOp(','));
    }
    let query: Query = { kind: 'queryBlock', ctes, body, orderBy, limit: null };
    // A WINDOW clause after ORDER BY (Spark's queryOrganization) names windows for the whole query block.
    if (ts.isWord('WINDOW')) query = applyWindowsToQuery(query, this.windowClause());
    let limit: number | null = null;
    if (ts.acceptWord('LIMIT')) {
      if (!ts.acceptWord('ALL')) limit = this.limitValue();
    }
    if (ts.acceptWord('OFFSET')) return { ...query, limit, offset: this.limitValue('offset') };
    return { ...query, limit };
  }

  /** The integer of `LIMIT n` / `OFFSET n`; `name` is which, for Spark's messages. */
  private limitValue(name: 'limit' | 'offset' = 'limit'): number {
    const ts = this.ts;
    const at = ts.peek();
    const bound = this.parameterMarker();
    if (bound) {
      // `LIMIT :n`: the argument must be a non-negative integer (an unbound marker fails once parsing ends).
      const v = bound.kind === 'literal' && (typeof bound.value === 'number' || typeof bound.value === 'bigint') ? Number(bound.value) : bound.kind === 'literal' && bound.value === null ? 0 : NaN;
      if (!Number.isInteger(v)) throw ts.unsupported('INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE', 'The limit like expression must be an integer.', at);
      if (v < 0) throw ts.unsupported('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', `The limit like expression "${v}" is invalid. The ${name} expression must be equal to or greater than 0, but got ${v}.`, at);
      return v;
    }
    const negative = ts.acceptOp('-');
    const t = ts.peek();
    if (t.kind === 'eof') throw ts.error();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) {
      throw ts.unsupported('INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE', 'The limit like expression must be an integer literal.');
    }
    ts.next();
    const v = Number(t.text) * (negative ? -1 : 1);
    if (v < 0) throw ts.unsupported('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', `The limit like expression "${v}" is invalid. The ${name} expression must be equal to or greater than 0, but got ${v}.`, t);
    return v;
  }

  /** UNION / EXCEPT (left-associative) over INTERSECT, which binds tighter, as in Spark. */
  private setExpression(): QueryBody {
    const ts = this.ts;
    let left = this.intersection();
    for (;;) {
      const op = ts.acceptWord('UNION') ? 'union' : ts.acceptWord('EXCEPT') || ts.acceptWord('MINUS') ? 'except' : null;
      if (!op) return left;
      const all = ts.acceptWord('ALL');
      if (!all) ts.acceptWord('DISTINCT');
      left = { kind: 'setOp', op, all, left, right: this.intersection() };
    }
  }

  private intersection(): QueryBody {
    const ts = this.ts;
    let left = this.queryPrimary();
    while (ts.acceptWord('INTERSECT')) {
      const all = ts.acceptWord('ALL');
      if (!all) ts.acceptWord('DISTINCT');
      left = { kind: 'setOp', op: 'intersect', all, left, right: this.queryPrimary() };
    }
    return left;
  }

  private queryPrimary(): QueryBody {
    const ts = this.ts;
    if (ts.isWord('SELECT')) return this.select();
    if (ts.acceptWord('VALUES')) return this.values();
    if (ts.isOp('(')) {
      ts.next();
      const q = this.query();
      ts.expectOp(')');
      return { kind: 'nested', query: q };
    }
    if (ts.acceptWord('TABLE')) {
      const nameParts = this.multipartName();
      return { kind: 'select', distinct: false, items: [{ expr: { kind: 'star' }, alias: null }], from: { kind: 'table', nameParts, alias: null }, where: null, groupBy: null, having: null };
    }
    throw ts.error();
  }

  private values(): QueryBody {
    const ts = this.ts;
    const rows: Expression[][] = [];
    do {
      if (ts.acceptOp('(')) rows.push(this.list(')'));
      else rows.push([this.expression()]);
    } while (ts.acceptOp(','));
    let alias: string | null = null;
    let columns: string[] = [];
    if (ts.acceptWord('AS') || this.atImplicitAlias()) {
      alias = this.identifier();
      if (ts.acceptOp('(')) {
        columns = [this.identifier()];
        while (ts.acceptOp(',')) columns.push(this.identifier());
        ts.expectOp(')');
      }
    }
    return { kind: 'values', rows, alias, columns };
  }

  private select(): Select {
    const ts = this.ts;
    ts.expectWord('SELECT');
    const distinct = ts.acceptWord('DISTINCT');
    if (!distinct) ts.acceptWord('ALL');
    const items: SelectItem[] = [];
    do items.push(this.selectItem());
    while (ts.acceptOp(','));
    let from: Relation | null = null;
    if (ts.acceptWord('FROM')) {
      from = this.joinedRelation();
      while (ts.acceptOp(',')) {
        from = { kind: 'join', left: from, right: this.joinedRelation(), joinType: 'inner', natural: false, on: null, using: null };
      }
      // LATERAL VIEWs follow the whole FROM list (Spark's fromClause), each over the ones before it.
      while (ts.isWord('LATERAL') && ts.isWord('VIEW', 1)) from = this.lateralView(from);
    }
    const where = ts.acceptWord('WHERE') ? this.expression() : null;
    let groupBy: GroupingElement[] | null = null;
    if (ts.acceptWord('GROUP')) {
      ts.expectWord('BY');
      groupBy = [];
      do groupBy.push(this.groupingAnalytics() ?? { kind: 'expr', expr: this.expression() });
      while (ts.acceptOp(','));
      // The older forms, after a list of plain expressions only: WITH ROLLUP / WITH CUBE, and GROUPING SETS (…)
      // whose sets pick from the list (the list fixes the grouping_id bit order).
      const plain = groupBy.flatMap((g) => (g.kind === 'expr' ? [g.expr] : []));
      if (plain.length === groupBy.length && ts.isWord('WITH') && (ts.isWord('ROLLUP', 1) || ts.isWord('CUBE', 1))) {
        ts.next();
        const kind = ts.acceptWord('ROLLUP') ? 'rollup' : (ts.expectWord('CUBE'), 'cube');
        groupBy = [{ kind, groups: plain.map((e) => [e]) }];
      } else if (plain.length === groupBy.length && ts.isWord('GROUPING') && ts.isWord('SETS', 1)) {
        const sets = this.groupingAnalytics()!;
        groupBy = [{ kind: 'groupingSets', sets: groupingSetsList(sets), columns: plain }];
      }
    }
    const having = ts.acceptWord('HAVING') ? this.expression() : null;
    const select: Select = { kind: 'select', distinct, items, from, where, groupBy, having };
    return ts.isWord('WINDOW') ? (applyWindows(select, this.windowClause()) as Select) : select;
  }

  /**
   * `WINDOW w AS (spec), v AS w, …`: each name's spec. A definition may name another window that is itself
   * defined by a spec (Spark's AstBuilder.withWindowClause); names are matched exactly, as Spark does.
   */
  private windowClause(): ReadonlyMap<string, WindowSpec> {
    const ts = this.ts;
    const at = ts.next();
    const defs = new Map<string, WindowSpec | string>();
    const repeated: string[] = [];
    do {
      const name = this.identifier();
      ts.expectWord('AS');
      const ref = this.windowName();
      if (defs.has(name)) repeated.push(name);
      defs.set(name, ref ?? this.windowSpec());
    } while (ts.acceptOp(','));
    if (repeated.length > 0) {
      throw ts.unsupported('INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION', `Invalid SQL syntax: The definition of window \`${repeated[0]}\` is repetitive.`, at);
    }
    const out = new Map<string, WindowSpec>();
    for (const [name, d] of defs) {
      if (typeof d !== 'string') {
        out.set(name, d);
        continue;
      }
      const target = defs.get(d);
      if (target === undefined) throw ts.unsupported('INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE', `Invalid SQL syntax: Cannot resolve window reference \`${d}\`.`, at);
      if (typeof target === 'string') throw ts.unsupported('INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE', `Invalid SQL syntax: Window reference \`${d}\` is not a window specification.`, at);
      out.set(name, target);
    }
    return out;
  }

  /** `ROLLUP (…)`, `CUBE (…)` or `GROUPING SETS (…)` (which may nest the other two), or null at anything else. */
  private groupingAnalytics(): GroupingElement | null {
    const ts = this.ts;
    if ((ts.isWord('ROLLUP') || ts.isWord('CUBE')) && ts.isOp('(', 1)) {
      const kind = ts.acceptWord('ROLLUP') ? 'rollup' : (ts.expectWord('CUBE'), 'cube');
      ts.expectOp('(');
      const groups = [this.groupingSet()];
      while (ts.acceptOp(',')) groups.push(this.groupingSet());
      ts.expectOp(')');
      return { kind, groups };
    }
    if (ts.isWord('GROUPING') && ts.isWord('SETS', 1) && ts.isOp('(', 2)) {
      ts.next();
      ts.next();
      ts.expectOp('(');
      const sets: Expression[][] = [];
      do {
        const nested = this.groupingAnalytics();
        if (nested) sets.push(...groupingSetsList(nested));
        else sets.push(this.groupingSet());
      } while (ts.acceptOp(','));
      ts.expectOp(')');
      return { kind: 'groupingSets', sets };
    }
    return null;
  }

  /** `(a, b)`, `()` or one expression. */
  private groupingSet(): Expression[] {
    const ts = this.ts;
    if (ts.isOp('(')) {
      // `(a + 1) * 2` is one expression, `(a, b)` a set: try the set, and read an expression when more follows.
      const start = ts.position;
      ts.next();
      let set: Expression[] | null = null;
      try {
        set = this.list(')');
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      if (set && (ts.isOp(',') || ts.isOp(')'))) return set;
      ts.reset(start);
    }
    return [this.expression()];
  }

  selectItem(): SelectItem {
    const ts = this.ts;
    const expr = this.expression();
    if (ts.acceptWord('AS')) {
      if (ts.acceptOp('(')) {
        const aliases = [this.identifier()];
        while (ts.acceptOp(',')) aliases.push(this.identifier());
        ts.expectOp(')');
        return { expr, alias: aliases[0]!, aliases };
      }
      return { expr, alias: this.identifier() };
    }
    if (this.atImplicitAlias()) return { expr, alias: this.identifier() };
    return { expr, alias: null };
  }

  /** True when the next token can be an alias written without AS. */
  private atImplicitAlias(): boolean {
    const t = this.ts.peek();
    if (t.kind === 'quotedIdent') return true;
    if (t.kind !== 'word' || CLAUSE_WORDS.has(t.text.toUpperCase())) return false;
    // `t UNPIVOT (…)` starts the clause, as `OFFSET 2` does; otherwise both words can be aliases (Spark accepts both).
    if (t.text.toUpperCase() === 'UNPIVOT') {
      const n = this.ts.peek(1);
      return !((n.kind === 'op' && n.text === '(') || (n.kind === 'word' && ['INCLUDE', 'EXCLUDE'].includes(n.text.toUpperCase())));
    }
    if (t.text.toUpperCase() === 'OFFSET') {
      const n = this.ts.peek(1);
      return !(n.kind === 'number' || (n.kind === 'op' && ['-', '?', ':'].includes(n.text)));
    }
    return true;
  }

  identifier(): string {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind === 'quotedIdent' || t.kind === 'word') {
      ts.next();
      return t.text;
    }
    throw ts.error('expected an identifier');
  }

  private multipartName(): string[] {
    const parts = [this.identifier()];
    while (this.ts.acceptOp('.')) parts.push(this.identifier());
    return parts;
  }

  private joinedRelation(): Relation {
    const ts = this.ts;
    let left = this.primaryRelation();
    for (;;) {
      const natural = ts.acceptWord('NATURAL');
      const joinType = this.joinType();
      if (joinType === null) {
        if (natural) throw ts.error("expected 'JOIN'");
        return left;
      }
      const right = this.primaryRelation();
      let on: Expression | null = null;
      let using: string[] | null = null;
      if (!natural && ts.acceptWord('ON')) on = this.expression();
      else if (!natural && ts.acceptWord('USING')) {
        ts.expectOp('(');
        using = [this.identifier()];
        while (ts.acceptOp(',')) using.push(this.identifier());
        ts.expectOp(')');
      }
      left = { kind: 'join', left, right, joinType, natural, on, using };
    }
  }

  /** The join type words before JOIN, or null when no join follows. */
  private joinType(): JoinType | null {
    const ts = this.ts;
    const pairs: [string[], JoinType][] = [
      [['JOIN'], 'inner'], [['INNER', 'JOIN'], 'inner'], [['CROSS', 'JOIN'], 'cross'],
      [['LEFT', 'OUTER', 'JOIN'], 'left'], [['LEFT', 'SEMI', 'JOIN'], 'leftsemi'], [['LEFT', 'ANTI', 'JOIN'], 'leftanti'], [['LEFT', 'JOIN'], 'left'],
      [['RIGHT', 'OUTER', 'JOIN'], 'right'], [['RIGHT', 'JOIN'], 'right'],
      [['FULL', 'OUTER', 'JOIN'], 'full'], [['FULL', 'JOIN'], 'full'],
      [['SEMI', 'JOIN'], 'leftsemi'], [['ANTI', 'JOIN'], 'leftanti'],
    ];
    for (const [words, type] of pairs) if (ts.acceptWord(...words)) return type;
    if (ts.isWord('LEFT') || ts.isWord('RIGHT') || ts.isWord('FULL') || ts.isWord('INNER') || ts.isWord('CROSS')) {
      // Point at the first word that cannot continue a join type (`LEFT SEMI OUTER` → OUTER).
      ts.next();
      if (ts.isWord('SEMI') || ts.isWord('ANTI') || ts.isWord('OUTER')) ts.next();
      throw ts.error("expected 'JOIN'");
    }
    return null;
  }

  private primaryRelation(): Relation {
    const r = this.primaryRelationOnly();
    return this.ts.isWord('UNPIVOT') ? this.unpivot(r) : r;
  }

  /** After the relation: `UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR n IN (a [AS x], …)) [[AS] alias]`. */
  private unpivot(child: Relation): Relation {
    const ts = this.ts;
    ts.expectWord('UNPIVOT');
    let includeNulls = false;
    if (ts.acceptWord('INCLUDE')) {
      ts.expectWord('NULLS');
      includeNulls = true;
    } else if (ts.acceptWord('EXCLUDE')) ts.expectWord('NULLS');
    ts.expectOp('(');
    const valueColumn = this.identifier();
    ts.expectWord('FOR');
    const nameColumn = this.identifier();
    ts.expectWord('IN');
    ts.expectOp('(');
    const columns: { name: string; alias: string | null }[] = [];
    do {
      const name = this.identifier();
      const alias = ts.acceptWord('AS') ? this.identifier() : ts.peek().kind === 'word' || ts.peek().kind === 'quotedIdent' ? this.identifier() : null;
      columns.push({ name, alias });
    } while (ts.acceptOp(','));
    ts.expectOp(')');
    ts.expectOp(')');
    return { kind: 'unpivot', child, valueColumn, nameColumn, columns, includeNulls, alias: this.relationAlias() };
  }

  private primaryRelationOnly(): Relation {
    const ts = this.ts;
    if (ts.isOp('(')) {
      ts.next();
      if (ts.isWord('SELECT') || ts.isWord('WITH') || ts.isWord('VALUES') || ts.isOp('(')) {
        const query = this.query();
        ts.expectOp(')');
        const alias = this.relationAlias();
        // `(…) AS t (a, b)`: names for the subquery's columns.
        if (alias === null || !ts.acceptOp('(')) return { kind: 'subquery', query, alias };
        const columns = [this.identifier()];
        while (ts.acceptOp(',')) columns.push(this.identifier());
        ts.expectOp(')');
        return { kind: 'subquery', query, alias, columns };
      }
      const inner = this.joinedRelation();
      ts.expectOp(')');
      return inner;
    }
    if (ts.acceptWord('VALUES')) {
      const body = this.values();
      return { kind: 'subquery', query: { kind: 'queryBlock', ctes: [], body, orderBy: [], limit: null }, alias: null };
    }
    const first = ts.peek();
    if (first.kind === 'word' && ts.isOp('(', 1)) {
      ts.next();
      ts.next();
      const args = this.list(')');
      return { kind: 'tableFunction', name: first.text.toLowerCase(), args, alias: this.relationAlias() };
    }
    const nameParts = this.multipartName();
    return { kind: 'table', nameParts, alias: this.relationAlias() };
  }

  /**
   * `LATERAL VIEW [OUTER] gen(args) tbl [AS] c1, c2` (after the words LATERAL VIEW). As in Spark's grammar the table
   * name comes first and the column names may follow without AS; `gen(args) AS c` names no table.
   */
  private lateralView(child: Relation): Relation {
    const ts = this.ts;
    ts.next();
    ts.next();
    const outer = ts.acceptWord('OUTER');
    const fn = ts.peek();
    if (fn.kind !== 'word' && fn.kind !== 'quotedIdent') throw ts.error('expected a generator function');
    ts.next();
    ts.expectOp('(');
    const args = this.list(')');
    let tableAlias: string | null = null;
    if (!ts.isWord('AS')) {
      if (!this.atImplicitAlias()) throw ts.error('expected a table alias');
      tableAlias = this.identifier();
    }
    const columns: string[] = [];
    if (ts.acceptWord('AS') || this.atImplicitAlias()) {
      do columns.push(this.identifier());
      while (ts.acceptOp(','));
    }
    return { kind: 'lateralView', child, name: fn.text.toLowerCase(), args, outer, tableAlias, columns };
  }

  private relationAlias(): string | null {
    if (this.ts.acceptWord('AS')) return this.identifier();
    if (this.atImplicitAlias()) return this.identifier();
    return null;
  }
}

/** `e` with each `fn OVER w` of a window in `defs` made a window expression over its spec. */
function substituteWindows(e: Expression, defs: ReadonlyMap<string, WindowSpec>): Expression {
  return transformUp(e, (x) => {
    if (x.kind !== 'unresolvedFunction' || x.name !== WINDOW_REF) return x;
    const name = (x.args[1] as { value: unknown }).value as string;
    const spec = defs.get(name);
    return spec ? { kind: 'windowExpr', fn: x.args[0]!, spec } : x;
  });
}

/**
 * A WINDOW clause applied to the query body it ends, and to the plans under it (FROM subqueries, set operation
 * branches), as Spark's WindowsSubstitution resolves a WithWindowDefinition's whole child; references it does
 * not define are left for an enclosing clause, or for the planner's MISSING_WINDOW_SPECIFICATION.
 */
function applyWindows(body: QueryBody, defs: ReadonlyMap<string, WindowSpec>): QueryBody {
  const sub = (e: Expression) => substituteWindows(e, defs);
  switch (body.kind) {
    case 'select':
      return {
        ...body,
        items: body.items.map((i) => ({ ...i, expr: sub(i.expr) })),
        from: body.from ? applyWindowsToRelation(body.from, defs) : null,
        where: body.where ? sub(body.where) : null,
        having: body.having ? sub(body.having) : null,
      };
    case 'setOp':
      return { ...body, left: applyWindows(body.left, defs), right: applyWindows(body.right, defs) };
    case 'nested':
      return { ...body, query: applyWindowsToQuery(body.query, defs) };
    case 'values':
      return { ...body, rows: body.rows.map((r) => r.map(sub)) };
  }
}

function applyWindowsToQuery(q: Query, defs: ReadonlyMap<string, WindowSpec>): Query {
  return { ...q, body: applyWindows(q.body, defs), orderBy: q.orderBy.map((o) => ({ ...o, child: substituteWindows(o.child, defs) })) };
}

function applyWindowsToRelation(r: Relation, defs: ReadonlyMap<string, WindowSpec>): Relation {
  switch (r.kind) {
    case 'subquery':
      return { ...r, query: applyWindowsToQuery(r.query, defs) };
    case 'join':
      return { ...r, left: applyWindowsToRelation(r.left, defs), right: applyWindowsToRelation(r.right, defs) };
    case 'lateralView':
    case 'unpivot':
      return { ...r, child: applyWindowsToRelation(r.child, defs) };
    default:
      return r;
  }
}

/** The grouping sets one GROUP BY item stands for. */
function groupingSetsList(g: GroupingElement): Expression[][] {
  switch (g.kind) {
    case 'expr':
      return [[g.expr]];
    case 'rollup':
      return rollupSets(g.groups);
    case 'cube':
      return cubeSets(g.groups);
    case 'groupingSets':
      return g.sets.map((s) => [...s]);
  }
}

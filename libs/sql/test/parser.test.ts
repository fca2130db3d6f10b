// The parser alone: statement shapes, precedence, literals, and ParseError positions.
import { describe, expect, it } from 'vitest';
import { ParseError, parseExpression, parseStatement, tokenize } from '../src/index.js';
import { exprToString } from '@kindling/core/internal';
import { simpleString } from '@kindling/core';

const expr = (s: string) => exprToString(parseExpression(s));

function parseError(sql: string): ParseError {
  try {
    parseStatement(sql);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${sql}`);
}

describe('tokenizer', () => {
  it('reads backquotes, strings with escapes, numbers with suffixes and comments with positions', () => {
    const toks = tokenize("SELECT `a``b`, 'x\\'y', 10L, 1.5e3 -- c\n/* x\n */ FROM t");
    expect(toks.map((t) => [t.kind, t.text])).toEqual([
      ['word', 'SELECT'], ['quotedIdent', 'a`b'], ['op', ','], ['string', "x'y"], ['op', ','], ['number', '10L'], ['op', ','], ['number', '1.5e3'],
      ['word', 'FROM'], ['word', 't'], ['eof', ''],
    ]);
    const from = toks.find((t) => t.text === 'FROM')!;
    expect([from.line, from.pos]).toEqual([3, 4]);
  });

  it("reads a doubled quote as one quote inside a literal, as Spark 4 does ('a''b' is a'b)", () => {
    expect(tokenize(`'a''b' "c""d" 'e' 'f'`).map((t) => [t.kind, t.text])).toEqual([
      ['string', "a'b"], ['string', 'c"d'], ['string', 'e'], ['string', 'f'], ['eof', ''],
    ]);
  });
});

describe('expressions', () => {
  it('follows Spark precedence: OR < AND < NOT < comparison < + < *', () => {
    expect(expr('a OR b AND NOT c = 1 + 2 * 3')).toBe("('a OR ('b AND (NOT ('c = (1 + (2 * 3))))))");
  });

  it('reads BETWEEN, IN, LIKE, IS NULL and their negations', () => {
    expect(expr('x BETWEEN 1 AND 3')).toBe("(('x >= 1) AND ('x <= 3))");
    expect(expr('x NOT IN (1, 2)')).toBe("(NOT ('x IN (1, 2)))");
    expect(expr("s NOT LIKE 'a%'")).toBe("(NOT 'like('s, a%))");
    expect(expr('x IS NOT NULL')).toBe("('x IS NOT NULL)");
  });

  it('types literals as Spark does', () => {
    const types = (s: string) => {
      const e = parseExpression(s);
      return e.kind === 'literal' ? e.dataType.kind : e.kind;
    };
    expect([types('1'), types('2147483648'), types('1L'), types('1.5'), types('1e2'), types("DATE '2020-01-01'"), types("TIMESTAMP '2020-01-01 10:00:00'"), types('-2147483648')])
      .toEqual(['int32', 'int64', 'int64', 'decimal', 'float64', 'date', 'timestamp', 'int32']);
    const typeOf = (s: string) => {
      const e = parseExpression(s);
      return e.kind === 'literal' ? simpleString(e.dataType) : e.kind;
    };
    // Spark's AstBuilder: exact literals are decimals of just their digits; an exponent or D makes a double.
    expect(['1.5', '-0.05', '1.50BD', '99999999999999999999', '1.5D', '1.5e0'].map(typeOf))
      .toEqual(['decimal(2,1)', 'decimal(2,2)', 'decimal(3,2)', 'decimal(20,0)', 'double', 'double']);
    expect(expr("'a' 'b'")).toBe('ab');
  });

  it('reads CASE, CAST, count(*), DISTINCT and qualified names', () => {
    expect(expr("CASE WHEN a > 1 THEN 'x' ELSE 'y' END")).toBe("CASE WHEN ('a > 1) THEN x ELSE y END");
    expect(expr('CASE a WHEN 1 THEN 2 END')).toBe("CASE WHEN ('a = 1) THEN 2 END");
    expect(expr('CAST(a AS bigint)')).toBe("CAST('a AS BIGINT)");
    expect(expr('count(*)')).toBe("'count(1)");
    expect(expr('count(DISTINCT a, b)')).toBe("'count(DISTINCT 'a, 'b)");
    expect(expr('t.`my col`')).toBe("'t.my col");
  });

  it('reads WITHIN GROUP (ORDER BY …) as sort orders after the arguments', () => {
    const e = parseExpression("listagg(DISTINCT s, ',') WITHIN GROUP (ORDER BY k DESC, s NULLS LAST) OVER (PARTITION BY g)");
    expect(e.kind).toBe('windowExpr');
    const fn = (e as unknown as { fn: { name: string; isDistinct: boolean; args: { kind: string; direction?: string; nullOrdering?: string }[] } }).fn;
    expect([fn.name, fn.isDistinct]).toEqual(['listagg', true]);
    expect(fn.args.map((a) => [a.kind, a.direction, a.nullOrdering])).toEqual([
      ['unresolvedColumn', undefined, undefined], ['literal', undefined, undefined], ['sortOrder', 'desc', 'nullsLast'], ['sortOrder', 'asc', 'nullsLast'],
    ]);
    expect(parseError('SELECT mode() WITHIN GROUP (x)').errorClass).toBe('PARSE_SYNTAX_ERROR');
  });
});

describe('statements', () => {
  it('parses a full query block', () => {
    const st = parseStatement('WITH c AS (SELECT 1 AS x) SELECT DISTINCT x AS y FROM c WHERE x > 0 GROUP BY 1 HAVING count(*) > 0 ORDER BY y DESC NULLS FIRST LIMIT 5;');
    expect(st.kind).toBe('query');
    if (st.kind !== 'query') return;
    expect(st.query.ctes.map((c) => c.name)).toEqual(['c']);
    expect(st.query.limit).toBe(5);
    expect(st.query.orderBy[0]).toMatchObject({ direction: 'desc', nullOrdering: 'nullsFirst' });
    expect(st.query.body).toMatchObject({ kind: 'select', distinct: true, groupBy: [{ kind: 'expr', expr: { kind: 'literal', value: 1 } }] });
  });

  it('parses ROLLUP, CUBE and GROUPING SETS items', () => {
    const groupBy = (sql: string) => {
      const st = parseStatement(`SELECT count(*) FROM t GROUP BY ${sql}`);
      if (st.kind !== 'query' || st.query.body.kind !== 'select') throw new Error('select expected');
      return st.query.body.groupBy;
    };
    const a = { kind: 'unresolvedColumn', nameParts: ['a'] };
    const b = { kind: 'unresolvedColumn', nameParts: ['b'] };
    expect(groupBy('a, ROLLUP(b, (a, b), ())')).toEqual([{ kind: 'expr', expr: a }, { kind: 'rollup', groups: [[b], [a, b], []] }]);
    expect(groupBy('a, b WITH CUBE')).toEqual([{ kind: 'cube', groups: [[a], [b]] }]);
    expect(groupBy('a, b WITH ROLLUP')).toEqual([{ kind: 'rollup', groups: [[a], [b]] }]);
    // A nested ROLLUP stands for its sets; the older form keeps the list before GROUPING SETS.
    expect(groupBy('GROUPING SETS ((a), ROLLUP(b), ())')).toEqual([{ kind: 'groupingSets', sets: [[a], [b], [], []] }]);
    expect(groupBy('a, b GROUPING SETS ((a), b)')).toEqual([{ kind: 'groupingSets', sets: [[a], [b]], columns: [a, b] }]);
    // `(a + 1) * 2` is one expression, not the set (a + 1).
    expect(groupBy('CUBE((a + 1) * 2)')).toMatchObject([{ kind: 'cube', groups: [[{ kind: 'arith', op: '*' }]] }]);
    // rollup(a) elsewhere is an ordinary call; a column may be named rollup.
    expect(groupBy('rollup')).toEqual([{ kind: 'expr', expr: { kind: 'unresolvedColumn', nameParts: ['rollup'] } }]);
    expect(() => parseStatement('SELECT 1 FROM t GROUP BY CUBE(a')).toThrow(/PARSE_SYNTAX_ERROR/);
  });

  it('binds INTERSECT tighter than UNION and EXCEPT', () => {
    const st = parseStatement('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4');
    if (st.kind !== 'query') throw new Error('query expected');
    expect(st.query.body).toMatchObject({ kind: 'setOp', op: 'except', left: { kind: 'setOp', op: 'union', right: { kind: 'setOp', op: 'intersect' } } });
  });

  it('parses every join type', () => {
    const types = ['JOIN', 'INNER JOIN', 'CROSS JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN', 'LEFT SEMI JOIN', 'ANTI JOIN'].map((j) => {
      const st = parseStatement(`SELECT * FROM a ${j} b ON a.k = b.k`);
      return st.kind === 'query' && st.query.body.kind === 'select' && st.query.body.from?.kind === 'join' ? st.query.body.from.joinType : null;
    });
    expect(types).toEqual(['inner', 'inner', 'cross', 'left', 'left', 'right', 'full', 'leftsemi', 'leftanti']);
  });

  it('parses LATERAL VIEWs after the whole FROM list, with or without table name, AS and OUTER', () => {
    const from = (sql: string) => {
      const st = parseStatement(sql);
      return st.kind === 'query' && st.query.body.kind === 'select' ? st.query.body.from : null;
    };
    const two = from('SELECT * FROM a JOIN b ON a.k = b.k LATERAL VIEW OUTER posexplode(xs) t AS p, x LATERAL VIEW explode(ys) u y WHERE y > 1');
    expect(two).toMatchObject({
      kind: 'lateralView', name: 'explode', outer: false, tableAlias: 'u', columns: ['y'],
      child: { kind: 'lateralView', name: 'posexplode', outer: true, tableAlias: 't', columns: ['p', 'x'], child: { kind: 'join' } },
    });
    expect(from('SELECT * FROM a LATERAL VIEW explode(xs) AS x')).toMatchObject({ kind: 'lateralView', tableAlias: null, columns: ['x'] });
    expect(from('SELECT * FROM a LATERAL VIEW explode(xs) t ORDER BY 1')).toMatchObject({ kind: 'lateralView', tableAlias: 't', columns: [] });
    // A table name is required, as in Spark's grammar.
    expect(parseError('SELECT * FROM a LATERAL VIEW explode(xs) ORDER BY 1').message).toContain("Syntax error at or near 'ORDER'");
  });

  it('reads IGNORE NULLS / RESPECT NULLS as the ignoreNulls flag of first, last, any_value, lag and lead', () => {
    expect(expr('first(v IGNORE NULLS)')).toBe("'first('v, true)");
    expect(expr('first_value(v) IGNORE NULLS')).toBe("'first('v, true)");
    expect(expr('last_value(v) RESPECT NULLS')).toBe("'last_value('v)");
    expect(expr('any_value(v) ignore nulls')).toBe("'any_value('v, true)");
    expect(() => parseExpression('sum(v) IGNORE NULLS')).toThrow(/FUNCTION_WITH_UNSUPPORTED_SYNTAX/);
    expect(expr('lag(v) IGNORE NULLS OVER (ORDER BY o)')).toContain("'lag('v, 1, NULL, true)");
    expect(expr('lag(v) RESPECT NULLS OVER (ORDER BY o)')).toContain("'lag('v)");
  });

  it('parses EXPLAIN, SHOW TABLES, DESCRIBE and view commands', () => {
    expect(parseStatement('EXPLAIN EXTENDED SELECT 1')).toMatchObject({ kind: 'explain', mode: 'extended' });
    expect(parseStatement("SHOW TABLES IN global_temp LIKE 'x*'")).toMatchObject({ kind: 'showTables', database: 'global_temp', pattern: 'x*' });
    expect(parseStatement('DESCRIBE TABLE t')).toMatchObject({ kind: 'describe', relation: { kind: 'table', nameParts: ['t'] } });
    expect(parseStatement('CREATE OR REPLACE GLOBAL TEMP VIEW v (a) AS SELECT 1')).toMatchObject({ kind: 'createView', global: true, replace: true, columns: ['a'] });
    expect(parseStatement('DROP VIEW IF EXISTS global_temp.v')).toMatchObject({ kind: 'dropView', ifExists: true, nameParts: ['global_temp', 'v'] });
  });
});

describe('parse errors', () => {
  it("points at the offending token with Spark's line, position and caret", () => {
    const e = parseError('SELECT a,\n  b FROM t WHERE AND x');
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect([e.line, e.pos]).toEqual([2, 17]);
    expect(e.message).toBe("[PARSE_SYNTAX_ERROR] Syntax error at or near 'AND'.(line 2, pos 17)\n\n== SQL ==\nSELECT a,\n  b FROM t WHERE AND x\n-----------------^^^");
    expect(e.messageParameters).toMatchObject({ error: "'AND'" });
  });

  it('reports the end of input', () => {
    expect(parseError('SELECT a FROM').message).toContain('Syntax error at or near end of input.(line 1, pos 13)');
  });

  it('rejects trailing tokens, unclosed strings and bad typed literals', () => {
    expect(parseError('SELECT 1 2').message).toContain("at or near '2'");
    expect(parseError("SELECT 'abc").message).toContain('unclosed string literal');
    expect(parseError("SELECT DATE '2020-02-30'").errorClass).toBe('INVALID_TYPED_LITERAL');
    expect(parseError('').message).toContain('end of input');
  });
});

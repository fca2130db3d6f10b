// Words that cannot be a bare column name or an alias without AS, because they start or continue a clause.
// Spark (non-ANSI) lets almost every keyword be an identifier; these are the ones its grammar cannot.

/** Words that end a select item / relation and so are never taken as an implicit alias. */
export const CLAUSE_WORDS = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'JOIN', 'ON', 'USING',
  'LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS', 'SEMI', 'ANTI', 'NATURAL', 'WINDOW', 'AS', 'ASC', 'DESC', 'NULLS', 'SELECT',
  'WITH', 'LATERAL', 'SORT', 'CLUSTER', 'DISTRIBUTE', 'OVER', 'AND', 'OR', 'NOT', 'IS', 'IN', 'BETWEEN', 'LIKE', 'RLIKE',
  'ILIKE', 'WHEN', 'THEN', 'ELSE', 'END', 'CASE', 'OUTER', 'BY', 'VALUES', 'ROWS', 'RANGE', 'PARTITION', 'ALL', 'DISTINCT',
]);

/** Words that begin an expression form of their own, so they are not read as a column reference. */
export const EXPRESSION_WORDS = new Set([
  'CASE', 'CAST', 'TRY_CAST', 'NOT', 'NULL', 'TRUE', 'FALSE', 'EXISTS', 'INTERVAL', 'AND', 'OR', 'IS', 'IN', 'BETWEEN',
  'LIKE', 'RLIKE', 'WHEN', 'THEN', 'ELSE', 'END', 'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION',
  'INTERSECT', 'EXCEPT', 'DISTINCT', 'AS', 'ON', 'JOIN', 'BY',
]);

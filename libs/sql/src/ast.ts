// The SQL syntax tree the parser produces: statements and query blocks. Scalar expressions are the core's
// unresolved Expressions already, with SQL-only parts (ordinals, subqueries) as the few node kinds below.
import type { Expression, GroupingElement, JoinType, SortOrder } from '@kindling/core/internal';

export type Statement =
  | { readonly kind: 'query'; readonly query: Query }
  | { readonly kind: 'explain'; readonly mode: 'simple' | 'extended'; readonly statement: Statement }
  | { readonly kind: 'showTables'; readonly database: string | null; readonly pattern: string | null }
  | { readonly kind: 'describe'; readonly relation: Relation; readonly extended: boolean }
  | {
      readonly kind: 'createView';
      readonly name: string;
      readonly global: boolean;
      readonly replace: boolean;
      readonly ifNotExists: boolean;
      readonly columns: readonly string[];
      readonly query: Query;
    }
  | { readonly kind: 'dropView'; readonly nameParts: readonly string[]; readonly ifExists: boolean }
  | { readonly kind: 'set'; readonly key: string | null; readonly value: string | null };

/** `WITH … <body> ORDER BY … LIMIT …`. */
export interface Query {
  readonly kind: 'queryBlock';
  readonly ctes: readonly { readonly name: string; readonly query: Query }[];
  readonly body: QueryBody;
  readonly orderBy: readonly SortOrder[];
  readonly limit: number | null;
  /** `OFFSET n`: rows skipped before the LIMIT applies. */
  readonly offset?: number;
  /** The source text of a subquery (for errors that name it). */
  readonly text?: string;
}

export type SetOperator = 'union' | 'intersect' | 'except';

export type QueryBody =
  | Select
  | { readonly kind: 'setOp'; readonly op: SetOperator; readonly all: boolean; readonly left: QueryBody; readonly right: QueryBody }
  | { readonly kind: 'nested'; readonly query: Query }
  | { readonly kind: 'values'; readonly rows: readonly (readonly Expression[])[]; readonly alias: string | null; readonly columns: readonly string[] };

export interface SelectItem {
  readonly expr: Expression;
  readonly alias: string | null;
  /** `AS (a, b)`: every name, for a generator with several outputs (posexplode). */
  readonly aliases?: readonly string[];
}

export interface Select {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: Relation | null;
  readonly where: Expression | null;
  /** Plain expressions, ROLLUP / CUBE / GROUPING SETS items (`WITH ROLLUP` is read as ROLLUP of the list). */
  readonly groupBy: readonly GroupingElement[] | null;
  readonly having: Expression | null;
}

export type Relation =
  | { readonly kind: 'table'; readonly nameParts: readonly string[]; readonly alias: string | null }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias: string | null; readonly columns?: readonly string[] }
  | { readonly kind: 'tableFunction'; readonly name: string; readonly args: readonly Expression[]; readonly alias: string | null }
  /** `child LATERAL VIEW [OUTER] name(args) [tableAlias] [AS] c1, c2`: the generator's rows beside each child row. */
  | {
      readonly kind: 'lateralView';
      readonly child: Relation;
      readonly name: string;
      readonly args: readonly Expression[];
      readonly outer: boolean;
      readonly tableAlias: string | null;
      readonly columns: readonly string[];
    }
  /** `child UNPIVOT [INCLUDE|EXCLUDE NULLS] (value FOR name IN (col [AS alias], …)) [alias]`. */
  | {
      readonly kind: 'unpivot';
      readonly child: Relation;
      readonly valueColumn: string;
      readonly nameColumn: string;
      readonly columns: readonly { readonly name: string; readonly alias: string | null }[];
      readonly includeNulls: boolean;
      readonly alias: string | null;
    }
  | {
      readonly kind: 'join';
      readonly left: Relation;
      readonly right: Relation;
      readonly joinType: JoinType;
      readonly natural: boolean;
      readonly on: Expression | null;
      readonly using: readonly string[] | null;
    };

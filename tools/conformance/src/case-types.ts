// The conformance case format (see ../README.md): plain JSON data, so other clients can run the same files.

/** A JSON value as it appears in rows and literal positions. */
export type JsonValue = null | boolean | number | string | JsonValue[];

/** An input table: a DDL schema and rows given positionally. */
export interface TableSpec {
  readonly schema: string;
  readonly rows: readonly (readonly JsonValue[])[];
}

/** A plain value where the SDK accepts one (a column name, a literal argument of a function). */
export type RawArg = null | boolean | number | string;

export type Expr =
  | { readonly col: string; readonly df?: string }
  | { readonly lit: JsonValue; readonly type?: string }
  | { readonly op: string; readonly args: readonly (Expr | RawArg)[] }
  | { readonly fn: string; readonly args: readonly (Expr | RawArg)[] }
  | { readonly method: string; readonly on: Expr; readonly args: readonly (Expr | RawArg)[] }
  | { readonly cast: Expr; readonly to: string }
  | { readonly alias: Expr; readonly name: string }
  | { readonly when: readonly (readonly [Expr, Expr | RawArg])[]; readonly otherwise?: Expr | RawArg }
  | { readonly in: Expr; readonly list: readonly (Expr | RawArg)[] }
  | { readonly sort: Expr | string; readonly dir: 'asc' | 'desc'; readonly nulls?: 'first' | 'last' }
  | { readonly agg: string; readonly args: readonly (Expr | string)[]; readonly distinct?: boolean };

/** A select-list item: an expression or a column name. */
export type ColumnArg = Expr | string;

export type Source =
  | { readonly table: string; readonly as?: string }
  | { readonly range: readonly number[]; readonly as?: string };

export type Step =
  | { readonly op: 'select'; readonly cols: readonly ColumnArg[] }
  | { readonly op: 'filter'; readonly cond: Expr }
  | { readonly op: 'withColumn'; readonly name: string; readonly col: Expr }
  | { readonly op: 'withColumnRenamed'; readonly existing: string; readonly new: string }
  | { readonly op: 'drop'; readonly cols: readonly ColumnArg[] }
  | { readonly op: 'groupBy'; readonly keys: readonly ColumnArg[]; readonly agg?: readonly Expr[]; readonly shorthand?: 'count' | 'sum' | 'avg' | 'mean' | 'min' | 'max'; readonly cols?: readonly string[] }
  | { readonly op: 'agg'; readonly agg: readonly Expr[] }
  | { readonly op: 'join'; readonly right: Pipeline; readonly on?: string | readonly string[] | Expr; readonly how?: string }
  | { readonly op: 'crossJoin'; readonly right: Pipeline }
  | { readonly op: 'orderBy'; readonly keys: readonly ColumnArg[] }
  | { readonly op: 'limit'; readonly n: number }
  | { readonly op: 'distinct' }
  | { readonly op: 'dropDuplicates'; readonly subset?: readonly string[] }
  | { readonly op: 'union'; readonly other: Pipeline }
  | { readonly op: 'unionByName'; readonly other: Pipeline; readonly allowMissingColumns?: boolean }
  | { readonly op: 'repartition'; readonly n: number; readonly cols?: readonly ColumnArg[] }
  | { readonly op: 'coalesce'; readonly n: number }
  | { readonly op: 'alias'; readonly name: string }
  | { readonly op: 'as'; readonly ref: string };

/** A source followed by transformation steps. */
export type Pipeline = readonly [Source, ...Step[]];

export interface ShowArgs {
  readonly n?: number;
  readonly truncate?: boolean | number;
  readonly vertical?: boolean;
}

export interface ErrorExpect {
  /** Spark's error class; matches the actual class exactly or as a parent (`DATATYPE_MISMATCH` matches `DATATYPE_MISMATCH.X`). */
  readonly class?: string;
  readonly messageContains?: string | readonly string[];
  /** Where the error must surface: while building the DataFrame (`transform`) or when running it (`action`). */
  readonly at?: 'transform' | 'action';
}

export interface Expect {
  readonly schema?: string;
  readonly rows?: readonly (readonly JsonValue[])[];
  readonly ordered?: boolean;
  /** Compare array cells as multisets (collect_list order is not deterministic in Spark). */
  readonly sortArrays?: boolean;
  readonly columns?: readonly string[];
  readonly show?: string;
  readonly args?: ShowArgs;
  readonly count?: number;
  readonly error?: ErrorExpect;
}

export interface Case {
  readonly name: string;
  readonly note?: string;
  readonly tables?: Readonly<Record<string, TableSpec>>;
  /** Session settings applied while the case runs, then restored. */
  readonly conf?: Readonly<Record<string, string>>;
  readonly pipeline: Pipeline;
  readonly expect: Expect;
}

/** A case as loaded: file-level tables merged in, and where it came from. */
export interface LoadedCase extends Case {
  readonly file: string;
}

/** A case file: a bare array of cases, or cases sharing tables. */
export type CaseFile = readonly Case[] | { readonly description?: string; readonly tables?: Readonly<Record<string, TableSpec>>; readonly cases: readonly Case[] };

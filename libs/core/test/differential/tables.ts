// Random input tables of the differential test, and loading them into DuckDB (appender) and Kindling (createDataFrame).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataFrame, SparkSession } from '../../src/index.js';
import type { ColDef, Ty } from './ast.js';
import type { ColInfo } from './gen-expr.js';
import { STRING_ALPHABET } from './gen-expr.js';
import type { Rng } from './prng.js';
import { quoteIdent } from './render-sql.js';

export interface TableSpec {
  /** The name the query AST uses ('A', 'B'). */
  readonly name: string;
  readonly cols: readonly ColInfo[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface TableOptions {
  readonly rows: number;
  /** Distinct non-null values of the int key. */
  readonly keyCard: number;
  /** Strings the string key draws from. */
  readonly alphabet: readonly string[];
}

/** Column names of the left (`A`) and right (`B`) tables; they differ so that condition joins need no qualifiers. */
export const LEFT_NAMES = ['k1', 'k2', 'v1', 'v2', 'flag'] as const;
export const RIGHT_NAMES = ['rk1', 'rk2', 'w1', 'w2', 'g'] as const;
const TYPES: readonly Ty[] = ['int', 'string', 'bigint', 'double', 'boolean'];

export function randomAlphabet(rng: Rng): string[] {
  return rng.sample(STRING_ALPHABET, rng.int(3, 8));
}

function nullRate(rng: Rng): number {
  return rng.weighted<number>([[3, 0], [4, 0.05], [3, 0.2], [1, 0.5], [0.3, 1]]);
}

/** A table of `opts.rows` rows: int key (few values), string key, bigint, double (multiples of 1/4, some -0.0), boolean. */
export function randomTable(rng: Rng, name: string, names: readonly string[], opts: TableOptions): TableSpec {
  const nulls = names.map(() => nullRate(rng));
  const keyLo = rng.chance(0.3) ? -2 : 0;
  const nanRate = rng.chance(0.3) ? 0.02 : 0;
  const rows: unknown[][] = [];
  for (let i = 0; i < opts.rows; i++) {
    const row: unknown[] = [
      keyLo + rng.int(0, opts.keyCard - 1),
      rng.pick(opts.alphabet),
      BigInt(rng.weighted<() => number>([[5, () => rng.int(-50, 50)], [4, () => rng.int(-100000, 100000)], [1, () => rng.pick([0, 1, -1])]])()),
      rng.weighted<() => number>([[8, () => rng.int(-20000, 20000) / 4], [1, () => rng.int(-8, 8) / 2], [0.3, () => -0], [0.5, () => 0], [nanRate * 10, () => NaN]])(),
      rng.chance(0.5),
    ];
    for (let c = 0; c < row.length; c++) if (rng.chance(nulls[c]!)) row[c] = null;
    rows.push(row);
  }
  const bounds = [
    { max: Math.abs(keyLo) + opts.keyCard, frac: 0 },
    { max: 0, frac: 0 },
    { max: 100000, frac: 0 },
    { max: 5000, frac: 2 },
    { max: 1, frac: 0 },
  ];
  const cols = names.map((n, i) => ({ name: n, ty: TYPES[i]!, max: bounds[i]!.max, frac: bounds[i]!.frac, exact: true, nan: TYPES[i] === 'double' && nanRate > 0 }));
  return { name, cols, rows };
}

export function colDefs(t: TableSpec): ColDef[] {
  return t.cols.map((c) => ({ name: c.name, ty: c.ty }));
}

const SQL_TYPE: Record<Ty, string> = { int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN' };

/** Creates and fills a DuckDB table with the rows of `t`. */
export async function loadDuck(con: DuckDBConnection, sqlName: string, t: TableSpec): Promise<void> {
  await con.run(`CREATE OR REPLACE TABLE ${sqlName} (${t.cols.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.ty]}`).join(', ')})`);
  const app = await con.createAppender(sqlName);
  for (const row of t.rows) {
    t.cols.forEach((c, i) => {
      const v = row[i];
      if (v === null) return app.appendNull();
      switch (c.ty) {
        case 'int': return app.appendInteger(v as number);
        case 'bigint': return app.appendBigInt(v as bigint);
        case 'double': return app.appendDouble(v as number);
        case 'string': return app.appendVarchar(v as string);
        case 'boolean': return app.appendBoolean(v as boolean);
      }
    });
    app.endRow();
  }
  app.closeSync();
}

export function toKindling(spark: SparkSession, t: TableSpec): DataFrame {
  return spark.createDataFrame(t.rows as unknown[][], t.cols.map((c) => `${c.name} ${c.ty}`).join(', '));
}

// Runs one case against a session and describes every way the result differs from the expectation.
import type { DataFrame, SparkSession } from '@kindling/core';
import type { Case, ErrorExpect } from './case-types.js';
import { type BuildContext, buildPipeline } from './build.js';
import { CaseFormatError } from './case-error.js';
import { compareRows } from './compare.js';
import { type SqlType, parseSchema, parseType, typeString } from './ddl.js';

export type MismatchKind =
  | 'columns'
  | 'schema'
  | 'rows'
  | 'show'
  | 'count'
  | 'errorClass'
  | 'errorMessage'
  | 'errorPhase'
  | 'missingError'
  | 'unexpectedError'
  | 'unsupported';

export interface Mismatch {
  readonly kind: MismatchKind;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly mismatches: readonly Mismatch[];
}

interface CaughtError {
  readonly phase: 'transform' | 'action';
  readonly errorClass: string | undefined;
  /** Classes of the error and of its `cause` chain: a failed job wraps the task's error, as Spark's SparkException does. */
  readonly classes: readonly string[];
  readonly message: string;
  readonly name: string;
}

function caught(err: unknown, phase: 'transform' | 'action'): CaughtError {
  const e = err as { errorClass?: unknown; message?: unknown; name?: unknown } | null;
  const classes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  for (let x: unknown = err; typeof x === 'object' && x !== null && !seen.has(x); x = (x as { cause?: unknown }).cause) {
    seen.add(x);
    const { errorClass, message } = x as { errorClass?: unknown; message?: unknown };
    if (typeof errorClass === 'string') classes.push(errorClass);
    if (typeof message === 'string') messages.push(message);
  }
  return {
    phase,
    errorClass: typeof e?.errorClass === 'string' ? e.errorClass : undefined,
    classes,
    message: messages.length > 0 ? messages.join('\ncaused by: ') : String(err),
    name: typeof e?.name === 'string' ? e.name : typeof err,
  };
}

function describe(err: CaughtError): string {
  return `${err.name}${err.errorClass ? ` [${err.errorClass}]` : ''} at ${err.phase}: ${err.message}`;
}

/** Checks a raised error against `{class, messageContains, at}`. */
function checkError(expect: ErrorExpect, err: CaughtError): Mismatch[] {
  const out: Mismatch[] = [];
  if (expect.class !== undefined) {
    const matches = (a: string) => a === expect.class || a.startsWith(`${expect.class}.`);
    if (!err.classes.some(matches)) {
      out.push({ kind: 'errorClass', message: `expected error class ${expect.class}, got ${describe(err)}`, expected: expect.class, actual: err.errorClass ?? null });
    }
  }
  const wanted = expect.messageContains === undefined ? [] : typeof expect.messageContains === 'string' ? [expect.messageContains] : expect.messageContains;
  for (const w of wanted) {
    if (!err.message.includes(w)) out.push({ kind: 'errorMessage', message: `expected the error message to contain ${JSON.stringify(w)}, got ${describe(err)}`, expected: w, actual: err.message });
  }
  if (expect.at !== undefined && expect.at !== err.phase) {
    out.push({ kind: 'errorPhase', message: `expected the error at ${expect.at}, but it was raised at ${err.phase}: ${describe(err)}`, expected: expect.at, actual: err.phase });
  }
  return out;
}

function withConf<T>(spark: SparkSession, conf: Readonly<Record<string, string>> | undefined, body: () => Promise<T>): Promise<T> {
  if (!conf || Object.keys(conf).length === 0) return body();
  const UNSET = '\u0000unset';
  const saved = Object.keys(conf).map((k) => [k, spark.conf.get(k, UNSET)] as const);
  for (const [k, v] of Object.entries(conf)) spark.conf.set(k, v);
  return body().finally(() => {
    for (const [k, v] of saved) {
      if (v === UNSET) spark.conf.unset(k);
      else spark.conf.set(k, v);
    }
  });
}

/** Runs the case's pipeline on `spark` and compares every part of `expect`; never throws for engine failures. */
export async function runCase(spark: SparkSession, c: Case): Promise<CaseResult> {
  let mismatches: Mismatch[];
  try {
    mismatches = await withConf(spark, c.conf, () => runChecks(spark, c));
  } catch (err) {
    if (!(err instanceof CaseFormatError)) throw err;
    mismatches = [{ kind: 'unsupported', message: err.message }];
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches };
}

async function runChecks(spark: SparkSession, c: Case): Promise<Mismatch[]> {
  const ctx: BuildContext = { spark, tables: c.tables ?? {}, refs: new Map() };
  const expect = c.expect;
  let df: DataFrame;
  try {
    df = buildPipeline(ctx, c.pipeline);
  } catch (err) {
    if (err instanceof CaseFormatError) return [{ kind: 'unsupported', message: err.message }];
    const e = caught(err, 'transform');
    if (expect.error) return checkError(expect.error, e);
    return [{ kind: 'unexpectedError', message: `unexpected ${describe(e)}`, actual: e }];
  }

  if (expect.error) {
    try {
      await df.collect();
    } catch (err) {
      return checkError(expect.error, caught(err, 'action'));
    }
    return [{ kind: 'missingError', message: `expected an error${expect.error.class ? ` of class ${expect.error.class}` : ''}${expect.error.at ? ` at ${expect.error.at}` : ''}, but building and collecting the DataFrame succeeded`, expected: expect.error }];
  }

  const out: Mismatch[] = [];
  const action = async (what: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (err) {
      if (err instanceof CaseFormatError) out.push({ kind: 'unsupported', message: err.message });
      else out.push({ kind: 'unexpectedError', message: `${what}: unexpected ${describe(caught(err, 'action'))}`, actual: caught(err, 'action') });
    }
  };

  if (expect.columns) {
    const actual = df.columns;
    if (JSON.stringify(actual) !== JSON.stringify(expect.columns)) out.push({ kind: 'columns', message: `columns differ: expected ${JSON.stringify(expect.columns)}, got ${JSON.stringify(actual)}`, expected: expect.columns, actual });
  }

  let types: SqlType[] | null = null;
  if (expect.schema !== undefined) {
    const fields = parseSchema(expect.schema);
    types = fields.map((f) => f.type);
    const exp = fields.map((f) => `${f.name}: ${typeString(f.type)}`);
    const act = df.dtypes.map(([n, t]) => `${n}: ${t}`);
    if (JSON.stringify(exp) !== JSON.stringify(act)) out.push({ kind: 'schema', message: `schema differs: expected [${exp.join(', ')}], got [${act.join(', ')}]`, expected: exp, actual: act });
  }

  if (expect.rows) {
    await action('collect', async () => {
      const rowTypes = types ?? df.dtypes.map(([, t]) => parseType(t));
      const rows = (await df.collect()).map((r) => r.toArray());
      const diff = compareRows(rowTypes, expect.rows!, rows, { ordered: expect.ordered ?? false, sortArrays: expect.sortArrays ?? false });
      if (diff) out.push({ kind: 'rows', message: diff.message, expected: diff.missing, actual: diff.unexpected });
    });
  }

  if (expect.show !== undefined) {
    await action('showString', async () => {
      const a = expect.args ?? {};
      const text = await df.showString(a.n ?? 20, a.truncate ?? true, a.vertical ?? false);
      if (text !== expect.show) out.push({ kind: 'show', message: `show() text differs:\n--- expected\n${expect.show}--- actual\n${text}---`, expected: expect.show, actual: text });
    });
  }

  if (expect.count !== undefined) {
    await action('count', async () => {
      const n = await df.count();
      if (n !== expect.count) out.push({ kind: 'count', message: `count() = ${n}, expected ${expect.count}`, expected: expect.count, actual: n });
    });
  }
  return out;
}

/** A multi-line description of a failed result, for test output. */
export function formatResult(r: CaseResult): string {
  if (r.ok) return `${r.name}: ok`;
  const lines = [`${r.name}: ${r.mismatches.length} mismatch(es)`];
  for (const m of r.mismatches) {
    lines.push(`  - ${m.kind}: ${m.message}`);
    if (m.kind === 'rows') {
      for (const e of (m.expected as string[]) ?? []) lines.push(`      missing:    ${e}`);
      for (const a of (m.actual as string[]) ?? []) lines.push(`      unexpected: ${a}`);
    }
  }
  return lines.join('\n');
}

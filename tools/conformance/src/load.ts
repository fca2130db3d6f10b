// Loads case files from a folder and checks that every case is well-formed before anything runs.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Case, CaseFile, LoadedCase, TableSpec } from './case-types.js';
import { CaseFormatError } from './case-error.js';
import { parseSchema } from './ddl.js';
import { expectedCanon, toInputValue } from './values.js';

const STEP_KEYS: Record<string, { required: string[]; optional?: string[] }> = {
  select: { required: ['cols'] },
  filter: { required: ['cond'] },
  withColumn: { required: ['name', 'col'] },
  withColumnRenamed: { required: ['existing', 'new'] },
  drop: { required: ['cols'] },
  groupBy: { required: ['keys'], optional: ['agg', 'shorthand', 'cols'] },
  agg: { required: ['agg'] },
  join: { required: ['right'], optional: ['on', 'how'] },
  crossJoin: { required: ['right'] },
  orderBy: { required: ['keys'] },
  limit: { required: ['n'] },
  distinct: { required: [] },
  dropDuplicates: { required: [], optional: ['subset'] },
  union: { required: ['other'] },
  unionByName: { required: ['other'], optional: ['allowMissingColumns'] },
  repartition: { required: ['n'], optional: ['cols'] },
  coalesce: { required: ['n'] },
  alias: { required: ['name'] },
  as: { required: ['ref'] },
};

// Expression forms: the key that names the form, and the other keys it may carry.
const EXPR_FORMS: Record<string, { required: string[]; optional?: string[] }> = {
  col: { required: [], optional: ['df'] },
  lit: { required: [], optional: ['type'] },
  op: { required: ['args'] },
  fn: { required: ['args'] },
  method: { required: ['on', 'args'] },
  cast: { required: ['to'] },
  alias: { required: ['name'] },
  when: { required: [], optional: ['otherwise'] },
  in: { required: ['list'] },
  sort: { required: ['dir'], optional: ['nulls'] },
  agg: { required: ['args'], optional: ['distinct'] },
};

const EXPECT_KEYS = ['schema', 'rows', 'ordered', 'sortArrays', 'columns', 'show', 'args', 'count', 'error'];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkKeys(obj: Record<string, unknown>, allowed: string[], where: string, problems: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) problems.push(`${where}: unexpected key ${JSON.stringify(k)}`);
}

function checkExpr(e: unknown, where: string, problems: string[], rawAllowed: boolean): void {
  if (!isObject(e)) {
    if (!rawAllowed || (e !== null && typeof e === 'object')) problems.push(`${where}: expected an expression, got ${JSON.stringify(e)}`);
    return;
  }
  const forms = Object.keys(EXPR_FORMS).filter((f) => f in e);
  // `alias`/`cast` objects also carry `name`/`to`, never another form key, so one form key is expected.
  if (forms.length !== 1) {
    problems.push(`${where}: an expression needs exactly one of ${Object.keys(EXPR_FORMS).join('/')}, got keys ${JSON.stringify(Object.keys(e))}`);
    return;
  }
  const form = forms[0]!;
  const spec = EXPR_FORMS[form]!;
  checkKeys(e, [form, ...spec.required, ...(spec.optional ?? [])], where, problems);
  for (const r of spec.required) if (!(r in e)) problems.push(`${where}: ${form} needs ${r}`);
  const sub = (x: unknown, w: string, raw = true) => checkExpr(x, `${where}.${w}`, problems, raw);
  switch (form) {
    case 'col':
      if (typeof e.col !== 'string') problems.push(`${where}: col must be a string`);
      break;
    case 'op':
    case 'fn':
      if (typeof e[form] !== 'string') problems.push(`${where}: ${form} must be a string`);
      (Array.isArray(e.args) ? e.args : []).forEach((a, i) => sub(a, `args[${i}]`));
      break;
    case 'method':
      sub(e.on, 'on', false);
      (Array.isArray(e.args) ? e.args : []).forEach((a, i) => sub(a, `args[${i}]`));
      break;
    case 'cast':
      sub(e.cast, 'cast', false);
      break;
    case 'alias':
      sub(e.alias, 'alias', false);
      break;
    case 'when':
      if (!Array.isArray(e.when) || e.when.length === 0) problems.push(`${where}: when needs a non-empty list of [cond, value]`);
      else e.when.forEach((b, i) => {
        if (!Array.isArray(b) || b.length !== 2) problems.push(`${where}.when[${i}]: expected [cond, value]`);
        else {
          sub(b[0], `when[${i}][0]`, false);
          sub(b[1], `when[${i}][1]`);
        }
      });
      if ('otherwise' in e) sub(e.otherwise, 'otherwise');
      break;
    case 'in':
      sub(e.in, 'in', false);
      (Array.isArray(e.list) ? e.list : []).forEach((a, i) => sub(a, `list[${i}]`));
      break;
    case 'sort':
      if (typeof e.sort !== 'string') sub(e.sort, 'sort', false);
      if (e.dir !== 'asc' && e.dir !== 'desc') problems.push(`${where}: dir must be asc or desc`);
      if (e.nulls !== undefined && e.nulls !== 'first' && e.nulls !== 'last') problems.push(`${where}: nulls must be first or last`);
      break;
    case 'agg':
      (Array.isArray(e.args) ? e.args : []).forEach((a, i) => (typeof a === 'string' ? undefined : sub(a, `args[${i}]`, false)));
      break;
    default:
      break;
  }
}

function checkColumnArgs(list: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(list)) {
    problems.push(`${where}: expected a list`);
    return;
  }
  list.forEach((c, i) => (typeof c === 'string' ? undefined : checkExpr(c, `${where}[${i}]`, problems, false)));
}

function checkPipeline(p: unknown, tables: Record<string, TableSpec>, where: string, problems: string[]): void {
  if (!Array.isArray(p) || p.length === 0 || !isObject(p[0])) {
    problems.push(`${where}: a pipeline is a non-empty list starting with {table} or {range}`);
    return;
  }
  const [source, ...steps] = p as [Record<string, unknown>, ...unknown[]];
  if ('table' in source) {
    checkKeys(source, ['table', 'as'], `${where}[0]`, problems);
    if (typeof source.table !== 'string' || !(source.table in tables)) problems.push(`${where}[0]: unknown table ${JSON.stringify(source.table)}`);
  } else if ('range' in source) {
    checkKeys(source, ['range', 'as'], `${where}[0]`, problems);
    const r = source.range;
    if (!Array.isArray(r) || r.length < 1 || r.length > 4 || !r.every((x) => Number.isInteger(x))) problems.push(`${where}[0]: range is [start, end?, step?, numPartitions?]`);
  } else problems.push(`${where}[0]: the source must be {table} or {range}`);
  steps.forEach((s, i) => {
    const w = `${where}[${i + 1}]`;
    if (!isObject(s) || typeof s.op !== 'string' || !(s.op in STEP_KEYS)) {
      problems.push(`${w}: unknown step ${JSON.stringify(s)}`);
      return;
    }
    const spec = STEP_KEYS[s.op]!;
    checkKeys(s, ['op', ...spec.required, ...(spec.optional ?? [])], w, problems);
    for (const r of spec.required) if (!(r in s)) problems.push(`${w}: ${s.op} needs ${r}`);
    switch (s.op) {
      case 'select':
      case 'drop':
      case 'orderBy':
        checkColumnArgs(s.op === 'orderBy' ? s.keys : s.cols, w, problems);
        break;
      case 'filter':
        checkExpr(s.cond, `${w}.cond`, problems, false);
        break;
      case 'withColumn':
        checkExpr(s.col, `${w}.col`, problems, false);
        break;
      case 'groupBy':
        checkColumnArgs(s.keys, `${w}.keys`, problems);
        if (s.agg === undefined && s.shorthand === undefined) problems.push(`${w}: groupBy needs agg or shorthand`);
        if (Array.isArray(s.agg)) s.agg.forEach((a, j) => checkExpr(a, `${w}.agg[${j}]`, problems, false));
        break;
      case 'agg':
        if (Array.isArray(s.agg)) s.agg.forEach((a, j) => checkExpr(a, `${w}.agg[${j}]`, problems, false));
        break;
      case 'join':
        checkPipeline(s.right, tables, `${w}.right`, problems);
        if (s.on !== undefined && typeof s.on !== 'string' && !(Array.isArray(s.on) && s.on.every((x) => typeof x === 'string'))) checkExpr(s.on, `${w}.on`, problems, false);
        break;
      case 'crossJoin':
        checkPipeline(s.right, tables, `${w}.right`, problems);
        break;
      case 'union':
      case 'unionByName':
        checkPipeline(s.other, tables, `${w}.other`, problems);
        break;
      case 'repartition':
        if (s.cols !== undefined) checkColumnArgs(s.cols, `${w}.cols`, problems);
        break;
      default:
        break;
    }
  });
}

/** Problems of one case (empty when well-formed): unknown keys/ops, values that do not fit their schema. */
export function validateCase(c: Case): string[] {
  const problems: string[] = [];
  const where = `case ${JSON.stringify(c.name)}`;
  const raw = c as unknown as Record<string, unknown>;
  checkKeys(raw, ['name', 'note', 'tables', 'conf', 'pipeline', 'expect', 'file'], where, problems);
  if (typeof c.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(c.name)) problems.push(`${where}: names are lower-case words joined by '-'`);
  const tables = (c.tables ?? {}) as Record<string, TableSpec>;
  const guard = (w: string, body: () => void) => {
    try {
      body();
    } catch (err) {
      if (!(err instanceof CaseFormatError)) throw err;
      problems.push(`${w}: ${err.message}`);
    }
  };
  for (const [name, t] of Object.entries(tables)) {
    guard(`${where} table ${name}`, () => {
      const fields = parseSchema(t.schema);
      t.rows.forEach((r, i) => {
        if (r.length !== fields.length) throw new CaseFormatError(`row ${i} has ${r.length} values for ${fields.length} columns`);
        r.forEach((v, j) => toInputValue(v, fields[j]!.type, `row ${i} column ${fields[j]!.name}`));
      });
    });
  }
  checkPipeline(c.pipeline, tables, `${where} pipeline`, problems);
  const e = c.expect as unknown;
  if (!isObject(e)) {
    problems.push(`${where}: expect must be an object`);
    return problems;
  }
  checkKeys(e, EXPECT_KEYS, `${where} expect`, problems);
  if (!['rows', 'columns', 'show', 'count', 'error', 'schema'].some((k) => k in e)) problems.push(`${where}: expect checks nothing`);
  if ('error' in e && Object.keys(e).length > 1) problems.push(`${where}: an error expectation stands alone`);
  if (isObject(e.error)) {
    checkKeys(e.error, ['class', 'messageContains', 'at'], `${where} expect.error`, problems);
    if (e.error.at !== undefined && e.error.at !== 'transform' && e.error.at !== 'action') problems.push(`${where}: error.at is transform or action`);
  }
  if ('rows' in e) {
    if (typeof e.schema !== 'string') problems.push(`${where}: rows need a schema (cells are compared by type)`);
    else guard(`${where} expect`, () => {
      const fields = parseSchema(e.schema as string);
      (e.rows as unknown[][]).forEach((r, i) => {
        if (r.length !== fields.length) throw new CaseFormatError(`expected row ${i} has ${r.length} values for ${fields.length} columns`);
        r.forEach((v, j) => expectedCanon(v as never, fields[j]!.type, `expected row ${i} column ${fields[j]!.name}`));
      });
    });
  } else if ('schema' in e) guard(`${where} expect`, () => void parseSchema(e.schema as string));
  if ('args' in e && !('show' in e)) problems.push(`${where}: args belong to a show expectation`);
  return problems;
}

/** Reads one case file, merging its shared tables into each case (a case's own tables win). */
export function loadCaseFile(path: string): LoadedCase[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as CaseFile;
  const file = basename(path);
  const shared = Array.isArray(parsed) ? {} : ((parsed as { tables?: Record<string, TableSpec> }).tables ?? {});
  const cases = Array.isArray(parsed) ? parsed : (parsed as { cases: readonly Case[] }).cases;
  return cases.map((c) => ({ ...c, tables: { ...shared, ...(c.tables ?? {}) }, file }));
}

/** All cases of the `*.json` files of `dir`, in file-name order then file order. */
export function loadCases(dir: string): LoadedCase[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((f) => loadCaseFile(join(dir, f)));
}

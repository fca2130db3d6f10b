// Runs every conformance case against one shared local[2] session, plus shuffle-heavy files again with
// spark.sql.shuffle.partitions = 3, and checks that the harness itself reports wrong expectations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SparkSession } from '@kindling/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type Case, type LoadedCase, formatResult, loadCases, runCase, validateCase } from '../src/index.js';

const casesDir = fileURLToPath(new URL('../cases', import.meta.url));
const cases = loadCases(casesDir);

// Cases Kindling is known to get wrong (name → reason). They run as `it.fails`, so a fix shows up as a failure
// that asks for the entry to be removed. CONFORMANCE_STRICT=1 runs them as ordinary tests.
const knownFailures = JSON.parse(readFileSync(fileURLToPath(new URL('../known-failures.json', import.meta.url)), 'utf8')) as Record<string, string>;
const strict = process.env.CONFORMANCE_STRICT === '1';
const testFor = (name: string) => (!strict && knownFailures[name] ? it.fails : it);

// Files rerun with 3 shuffle partitions: they exercise exchanges (aggregation, joins, distinct, sort).
const MULTI_PARTITION_FILES = ['aggregates.json', 'joins.json', 'distinct-union.json', 'sort-limit.json'];

const spark = SparkSession.builder().master('local[2]').appName('conformance').getOrCreate();
spark.conf.set('spark.sql.session.timeZone', 'UTC');

afterAll(async () => {
  await spark.stop();
});

async function check(c: Case): Promise<void> {
  const result = await runCase(spark, c);
  expect(result.ok, formatResult(result)).toBe(true);
}

function byFile(list: readonly LoadedCase[]): Map<string, LoadedCase[]> {
  const out = new Map<string, LoadedCase[]>();
  for (const c of list) out.set(c.file, [...(out.get(c.file) ?? []), c]);
  return out;
}

describe('case files', () => {
  it('are well-formed', () => {
    expect(cases.flatMap(validateCase)).toEqual([]);
  });

  it('have unique names', () => {
    const seen = new Set<string>();
    const dups = cases.filter((c) => (seen.has(c.name) ? true : (seen.add(c.name), false))).map((c) => c.name);
    expect(dups).toEqual([]);
  });

  it('hold at least 160 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(160);
  });

  it('list only existing cases as known failures', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(knownFailures).filter((n) => !names.has(n))).toEqual([]);
  });
});

for (const [file, list] of byFile(cases)) {
  describe(file, () => {
    for (const c of list) testFor(c.name)(c.name, () => check(c));
  });
}

describe('with spark.sql.shuffle.partitions = 3', () => {
  const list = cases.filter((c) => MULTI_PARTITION_FILES.includes(c.file));
  for (const c of list) {
    testFor(c.name)(`${c.file}: ${c.name}`, () => check({ ...c, conf: { ...c.conf, 'spark.sql.shuffle.partitions': '3' } }));
  }
});

describe('the harness', () => {
  const table = { t: { schema: 'a int, b bigint, d double', rows: [[1, 10, 0.5], [2, null, 'NaN']] } };
  const base = { name: 'harness', tables: table, pipeline: [{ table: 't' }] } as const;

  it('passes a correct expectation, with double tolerance and NaN = NaN', async () => {
    const r = await runCase(spark, { ...base, expect: { schema: 'a int, b bigint, d double', rows: [[2, null, 'NaN'], [1, 10, 0.5 + 1e-12]] } });
    expect(r, formatResult(r)).toMatchObject({ ok: true, mismatches: [] });
  });

  it('fails a case whose expected rows are wrong', async () => {
    const r = await runCase(spark, { ...base, expect: { schema: 'a int, b bigint, d double', rows: [[1, 10, 0.5], [2, 11, 'NaN']] } });
    expect(r.ok).toBe(false);
    expect(r.mismatches.map((m) => m.kind)).toEqual(['rows']);
    expect(r.mismatches[0]!.expected).toEqual(['[2, 11n, NaN]']);
    expect(r.mismatches[0]!.actual).toEqual(['[2, null, NaN]']);
  });

  it('fails on row order only when ordered', async () => {
    const rows = [[2, null, 'NaN'], [1, 10, 0.5]];
    const orderedCase = { ...base, pipeline: [{ table: 't' }, { op: 'orderBy', keys: ['a'] }] } as unknown as Case;
    expect((await runCase(spark, { ...orderedCase, expect: { schema: 'a int, b bigint, d double', rows, ordered: true } })).ok).toBe(false);
    expect((await runCase(spark, { ...orderedCase, expect: { schema: 'a int, b bigint, d double', rows, ordered: false } })).ok).toBe(true);
  });

  it('compares bigint cells as BigInt and reports a wrong type in the schema', async () => {
    const r = await runCase(spark, { ...base, expect: { schema: 'a bigint, b bigint, d double', rows: [[1, 10, 0.5], [2, null, 'NaN']] } });
    expect(r.mismatches.map((m) => m.kind)).toEqual(['schema', 'rows']);
  });

  it('fails on wrong columns, count and show text', async () => {
    const r = await runCase(spark, { ...base, expect: { columns: ['a', 'b'], count: 3, show: 'nope\n' } });
    expect(r.mismatches.map((m) => m.kind)).toEqual(['columns', 'show', 'count']);
  });

  it('fails when an expected error is not raised, or has another class or phase', async () => {
    const missing = await runCase(spark, { ...base, expect: { error: { class: 'UNRESOLVED_COLUMN.WITH_SUGGESTION' } } });
    expect(missing.mismatches.map((m) => m.kind)).toEqual(['missingError']);
    const unknownCol = { ...base, pipeline: [{ table: 't' }, { op: 'select', cols: ['zzz'] }] } as unknown as Case;
    const wrong = await runCase(spark, { ...unknownCol, expect: { error: { class: 'AMBIGUOUS_REFERENCE', messageContains: 'no such text', at: 'action' } } });
    expect(wrong.mismatches.map((m) => m.kind)).toEqual(['errorClass', 'errorMessage', 'errorPhase']);
    const right = await runCase(spark, { ...unknownCol, expect: { error: { class: 'UNRESOLVED_COLUMN', at: 'transform' } } });
    expect(right.ok, formatResult(right)).toBe(true);
  });

  it('reports a case it cannot run instead of blaming the engine', async () => {
    const r = await runCase(spark, { ...base, pipeline: [{ table: 'missing' }], expect: { count: 0 } });
    expect(r.mismatches.map((m) => m.kind)).toEqual(['unsupported']);
  });

  it('flags malformed cases', () => {
    const bad = { name: 'Bad Name', tables: table, pipeline: [{ table: 't' }, { op: 'selec', cols: [] }], expect: { rows: [[1]] } } as unknown as Case;
    expect(validateCase(bad).length).toBeGreaterThanOrEqual(3);
  });
});

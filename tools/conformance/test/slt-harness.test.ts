// The .slt harness itself: records parse, wrong expectations fail, and --complete rewrites expected output.
import { describe, expect, it } from 'vitest';
import { type SqlExecutor, completeFile, runRecord } from '../src/slt/run-slt.js';
import { SltFormatError, parseSlt } from '../src/slt/slt-file.js';
import { renderCell } from '../src/slt/render.js';

const text = `# a comment
statement ok
CREATE TEMP VIEW t AS SELECT 1

query IT rowsort colnames
SELECT a, b FROM t
----
a b
1 x

statement error NOPE
SELECT broken
`;

/** A fixed executor: every query answers the same two rows. */
const fixed: SqlExecutor = {
  async run(sql) {
    if (sql.includes('broken')) throw new Error('[PARSE_SYNTAX_ERROR] Syntax error');
    return { columns: ['a', 'b'], types: ['int', 'string'], rows: [[2, 'y'], [1, 'x']] };
  },
};

describe('slt harness', () => {
  const records = parseSlt(text);

  it('parses statements, queries with options, and expected lines', () => {
    expect(records.map((r) => [r.kind, r.line, r.expectError])).toEqual([['statement', 2, null], ['query', 5, null], ['statement', 11, 'NOPE']]);
    expect(records[1]).toMatchObject({ types: 'IT', sort: 'rowsort', colnames: true, expected: ['a b', '1 x'] });
    expect(() => parseSlt('query XYZ\nSELECT 1\n')).toThrow(SltFormatError);
    expect(() => parseSlt('frobnicate\nSELECT 1\n')).toThrow(SltFormatError);
  });

  it('fails on wrong rows, wrong types and a missing or different error', async () => {
    expect((await runRecord(fixed, records[1]!)).failure?.message).toMatch(/results differ/);
    const typed = { ...records[1]!, types: 'II', expected: ['a b', '1 x', '2 y'] } as typeof records[1];
    expect((await runRecord(fixed, typed)).failure?.message).toMatch(/column types IT/);
    expect((await runRecord(fixed, records[2]!)).failure?.message).toMatch(/does not contain "NOPE"/);
    const ok = { ...records[1]!, expected: ['a b', '1 x', '2 y'] } as typeof records[1];
    expect((await runRecord(fixed, ok)).failure).toBeNull();
  });

  it('rewrites expected output in --complete mode, keeping everything else', async () => {
    const outcomes = await Promise.all(records.map((r) => runRecord(fixed, r)));
    expect(completeFile(text, outcomes)).toBe(text.replace('a b\n1 x\n', 'a b\n1 x\n2 y\n'));
  });

  it('renders cells the same way in every runner', () => {
    expect([renderCell(null, 'int'), renderCell('', 'string'), renderCell(3, 'double'), renderCell(0.1 + 0.2, 'double'), renderCell(10n, 'bigint'), renderCell(false, 'boolean')])
      .toEqual(['NULL', '(empty)', '3.0', '0.3', '10', 'false']);
    expect(renderCell(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 120)), 'timestamp')).toBe('2020-01-02 03:04:05.12');
    expect(renderCell([1, null], 'array<int>')).toBe('[1, NULL]');
  });
});

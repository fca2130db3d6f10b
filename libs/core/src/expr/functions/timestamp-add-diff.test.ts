// timestampadd/timestampdiff against answers from Spark 4 (UTC session).
import { describe, expect, it } from 'vitest';
import { type Expression, lit, type ScalarFunction } from '../expression.js';
import { column } from '../eval/test-util.js';
import { readValue } from '../eval/values.js';
import { LongT, TimestampT } from '../../types/data-type.js';
import { lookupScalarFunction } from './registry.js';

const ts = (s: string) => BigInt(Date.parse(`${s}Z`)) * 1000n;
const ref = (i: number): Expression => ({ kind: 'boundRef', ordinal: i, dataType: TimestampT, nullable: true });

function run(name: string, unit: string, a: readonly unknown[], b: readonly unknown[], aType = LongT): unknown[] {
  const def = lookupScalarFunction(name)!;
  const args = [lit(unit), { ...ref(1), dataType: name === 'timestampadd' ? aType : TimestampT }, ref(2)];
  const r = def.resolveArgs!(args);
  if ('error' in r) throw new Error(r.error);
  const call: ScalarFunction = { kind: 'fn', name, args: r.args, dataType: r.dataType, nullable: true };
  const d = def.eval([column(LongT, [0n]), column(name === 'timestampadd' ? aType : TimestampT, a), column(TimestampT, b)], a.length, { ansi: false, timeZone: 'UTC' } as never, call);
  return a.map((_, i) => readValue(d, r.dataType, i));
}

describe('timestampadd / timestampdiff', () => {
  it('adds units, clamping months', () => {
    expect(run('timestampadd', 'MONTH', [1n], [ts('2024-01-31T10:00:00')])).toEqual([ts('2024-02-29T10:00:00')]);
    expect(run('timestampadd', 'year', [1n, null], [ts('2024-02-29T00:00:00'), ts('2024-01-01T00:00:00')])).toEqual([ts('2025-02-28T00:00:00'), null]);
    expect(run('timestampadd', 'MILLISECOND', [1500n], [ts('2024-01-01T00:00:00')])).toEqual([ts('2024-01-01T00:00:01.500')]);
    expect(run('timestampadd', 'WEEK', [1n], [ts('2024-01-01T00:00:00')])).toEqual([ts('2024-01-08T00:00:00')]);
  });

  it('counts whole units between local date-times', () => {
    expect(run('timestampdiff', 'MONTH', [ts('2024-01-31T00:00:00')], [ts('2024-02-29T00:00:00')])).toEqual([0n]);
    expect(run('timestampdiff', 'YEAR', [ts('2020-02-29T00:00:00')], [ts('2024-02-28T00:00:00')])).toEqual([3n]);
    expect(run('timestampdiff', 'HOUR', [ts('2024-01-01T10:00:00')], [ts('2024-01-01T08:30:00')])).toEqual([-1n]);
    expect(run('timestampdiff', 'QUARTER', [ts('2024-01-15T00:00:00')], [ts('2024-07-14T00:00:00')])).toEqual([1n]);
    expect(run('timestampdiff', 'WEEK', [ts('2024-01-01T00:00:00')], [ts('2024-01-20T00:00:00')])).toEqual([2n]);
  });

  it('rejects unknown units', () => {
    expect(() => run('timestampadd', 'FOO', [1n], [0n])).toThrow(/INVALID|expects one of the units/);
  });
});

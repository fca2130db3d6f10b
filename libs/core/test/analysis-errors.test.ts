// Analysis errors surface at the transformation call, with Spark's error classes, and leave the session usable.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F, lit } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').create();
afterAll(() => spark.stop());

const people = spark.createDataFrame(
  [
    [1, 'Ann', 34],
    [2, 'Bob', null],
  ],
  'id int, name string, age int',
);

function errorOf(f: () => unknown): AnalysisError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisError);
    return e as AnalysisError;
  }
  throw new Error('expected an AnalysisError');
}

describe('analysis errors', () => {
  it('names an unknown column and suggests the closest ones', () => {
    const e = errorOf(() => people.select(col('nme')));
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(e.message).toBe(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nme` cannot be resolved. Did you mean one of the following? [`name`, `age`, `id`].',
    );
  });

  it('raises at filter(), before any action', () => {
    expect(() => people.filter(col('salary').gt(10))).toThrow(/`salary` cannot be resolved/);
  });

  it('reports ambiguous references after a join', () => {
    const other = spark.createDataFrame([[1, 'x']], 'id int, tag string');
    const joined = people.join(other, people.col('id').equalTo(other.col('id')));
    const e = errorOf(() => joined.select('id'));
    expect(e.errorClass).toBe('AMBIGUOUS_REFERENCE');
    // Qualified by DataFrame, the same name resolves.
    expect(joined.select(people.col('id'), other.col('tag')).columns).toEqual(['id', 'tag']);
  });

  it('rejects arithmetic on booleans with DATATYPE_MISMATCH', () => {
    const e = errorOf(() => people.select(col('id').plus(lit(true))));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH');
    expect(e.message).toContain('"(id + true)"');
  });

  it('rejects a non-boolean filter', () => {
    const e = errorOf(() => people.filter(col('age')));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH');
  });

  it('requires non-aggregated columns to be grouped', () => {
    const e = errorOf(() => people.groupBy('id').agg(F.max('age'), col('name')));
    expect(e.errorClass).toBe('MISSING_AGGREGATION');
    expect(e.message).toContain('"name"');
  });

  it('rejects unions of different widths', () => {
    const e = errorOf(() => people.union(people.select('id')));
    expect(e.errorClass).toBe('NUM_COLUMNS_MISMATCH');
    expect(e.message).toContain('the first input has 3 columns and the second input has 1 columns');
  });

  it('rejects unknown functions and bad argument types', () => {
    expect(() => people.select(F.upper('id').plus(1))).not.toThrow();
    const e = errorOf(() => people.select(F.sum(col('id').gt(1))));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH');
  });

  it('keeps the session usable after errors', async () => {
    expect(() => people.select('nope')).toThrow(AnalysisError);
    expect(await people.filter(col('age').isNotNull()).count()).toBe(1);
  });
});

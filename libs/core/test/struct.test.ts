// Struct columns end to end in the engine: construction, field access, `s.*`, NULLs, casts, equality, grouping,
// joins, sorting, show() and printSchema() against the real engine (threads and shuffles included).
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, Row, SparkSession, StructType, col, functions as F, lit } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).create();
afterAll(() => spark.stop());

const people = spark.createDataFrame(
  [
    [1, 'Ann', 30],
    [2, 'Bob', null],
    [3, null, 41],
  ],
  'id int, name string, age int',
);
const nested = people.select('id', F.struct('name', col('age').alias('years')).alias('p'));

describe('struct columns', () => {
  it('struct() names fields after columns and aliases; the generated name keeps the aliases', () => {
    const df = people.select(F.struct('name', col('age').alias('years')), F.struct(lit(1), col('id').plus(1)));
    expect(df.columns).toEqual(['struct(name, age AS years)', 'struct(1, (id + 1))']);
    expect(df.schema.fields.map((f) => f.dataType)).toEqual([
      { kind: 'struct', fields: [{ name: 'name', dataType: { kind: 'string' }, nullable: true }, { name: 'years', dataType: { kind: 'int32' }, nullable: true }] },
      { kind: 'struct', fields: [{ name: 'col1', dataType: { kind: 'int32' }, nullable: false }, { name: 'col2', dataType: { kind: 'int32' }, nullable: true }] },
    ]);
    expect(df.schema.fields[0]!.nullable).toBe(false);
  });

  it('prints nested schemas as Spark does', () => {
    expect(nested.schema.treeString()).toBe(
      'root\n |-- id: integer (nullable = true)\n |-- p: struct (nullable = false)\n |    |-- name: string (nullable = true)\n |    |-- years: integer (nullable = true)\n',
    );
    expect(nested.schema.simpleString()).toBe('struct<id:int,p:struct<name:string,years:int>>');
  });

  it('collects nested Rows and shows `{Ann, 30}`', async () => {
    const rows = await nested.orderBy('id').collect();
    expect(rows[0]!.get('p')).toBeInstanceOf(Row);
    expect((rows[0]!.get('p') as Row).toArray()).toEqual(['Ann', 30]);
    expect((rows[2]!.get('p') as Row).fieldNames()).toEqual(['name', 'years']);
    expect(await nested.orderBy('id').showString()).toBe(
      '+---+-----------+\n| id|          p|\n+---+-----------+\n|  1|  {Ann, 30}|\n|  2|{Bob, NULL}|\n|  3| {NULL, 41}|\n+---+-----------+\n',
    );
  });

  it('reads fields by path, by getField and through s.*', async () => {
    const df = nested.select(col('p.name'), col('p').getField('years'), col('id'));
    expect(df.columns).toEqual(['name', 'p.years', 'id']);
    expect((await df.orderBy('id').collect()).map((r) => r.toArray())).toEqual([['Ann', 30, 1], ['Bob', null, 2], [null, 41, 3]]);
    const star = nested.select('id', 'p.*');
    expect(star.columns).toEqual(['id', 'name', 'years']);
    expect((await star.filter(col('years').gt(35)).collect()).map((r) => r.toArray())).toEqual([[3, null, 41]]);
    // A nested path inside an expression keeps its dotted name.
    expect(nested.select(col('p.years').plus(1)).columns).toEqual(['(p.years + 1)']);
  });

  it('gives Spark errors for unknown fields and non-struct bases', () => {
    expect(() => nested.select(col('p.nope'))).toThrow(/FIELD_NOT_FOUND.*`nope`.*`name`, `years`/);
    expect(() => people.select(col('id').getField('a'))).toThrow(/INVALID_EXTRACT_BASE_FIELD_TYPE/);
    expect(() => people.select(F.named_struct(col('id'), lit(1)))).toThrow(AnalysisError);
  });

  it('keeps a NULL struct apart from a struct of NULLs', async () => {
    const df = spark.createDataFrame(
      [[1, { a: 1, b: 'x' }], [2, null], [3, { a: null, b: null }]],
      'id int, s struct<a:int,b:string>',
    );
    expect(df.schema.fields[1]!.dataType).toEqual({ kind: 'struct', fields: [{ name: 'a', dataType: { kind: 'int32' }, nullable: true }, { name: 'b', dataType: { kind: 'string' }, nullable: true }] });
    const out = await df.select('id', col('s').isNull().alias('n'), col('s.a')).orderBy('id').collect();
    expect(out.map((r) => r.toArray())).toEqual([[1, false, 1], [2, true, null], [3, false, null]]);
    expect(await df.orderBy('id').showString()).toBe(
      '+---+------------+\n| id|           s|\n+---+------------+\n|  1|      {1, x}|\n|  2|        NULL|\n|  3|{NULL, NULL}|\n+---+------------+\n',
    );
  });

  it('compares structs field by field, casts them by position and to string', async () => {
    const df = spark.createDataFrame([[1, 1, 'x'], [2, 2, null], [3, 1, 'y']], 'id int, a int, b string');
    const s = F.struct('a', 'b');
    const eq = await df.select('id', s.equalTo(F.named_struct(lit('a'), lit(1), lit('b'), lit('x'))).alias('e')).orderBy('id').collect();
    expect(eq.map((r) => r.get('e'))).toEqual([true, false, false]);
    // Null fields are equal to each other in struct equality, as in Spark.
    expect((await df.filter(s.equalTo(F.struct('a', 'b'))).count())).toBe(3);
    const cast = df.select(s.cast('struct<x:bigint,y:string>').alias('c'), s.cast('string').alias('t'));
    expect(cast.schema.fields[0]!.dataType).toEqual(StructType.fromDDL('x bigint, y string').fields.length === 2
      ? { kind: 'struct', fields: [{ name: 'x', dataType: { kind: 'int64' }, nullable: true }, { name: 'y', dataType: { kind: 'string' }, nullable: true }] }
      : null);
    const rows = await cast.collect();
    expect(rows.map((r) => (r.get('c') as Row).toArray())).toEqual([[1n, 'x'], [2n, null], [1n, 'y']]);
    expect(rows.map((r) => r.get('t'))).toEqual(['{1, x}', '{2, null}', '{1, y}']);
    expect(() => df.select(s.cast('struct<x:int>'))).toThrow(/cannot cast/);
  });

  it('groups, joins and sorts by struct keys across partitions', async () => {
    const df = spark.range(0, 40).select(F.struct(col('id').mod(3).alias('k'), lit('c')).alias('s'), col('id'));
    const g = await df.groupBy('s').agg(F.count('*').alias('n')).orderBy('s').collect();
    expect(g.map((r) => [(r.get('s') as Row).toArray(), r.get('n')])).toEqual([[[0n, 'c'], 14n], [[1n, 'c'], 13n], [[2n, 'c'], 13n]]);
    const keys = spark.range(0, 3).select(F.struct(col('id').alias('k'), lit('c')).alias('s'), col('id').alias('j'));
    const joined = await df.join(keys, 's').groupBy('j').count().orderBy('j').collect();
    expect(joined.map((r) => r.toArray())).toEqual([[0n, 14n], [1n, 13n], [2n, 13n]]);
    const sorted = await df.orderBy(col('s').desc(), 'id').limit(2).collect();
    expect(sorted.map((r) => r.get('id'))).toEqual([2n, 5n]);
  });
});

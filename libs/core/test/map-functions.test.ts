// Map values and Spark's map functions through the TypeScript SDK on the real engine: createDataFrame with maps,
// collect as JS Maps, show(), each function with NULLs and repeated keys, explode, and the errors Spark raises.
// Expected values are PySpark 4.3's.
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisError, SparkSession, col, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[1]').create();
afterAll(() => spark.stop());

const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) => (await df.collect()).map((r) => r.toArray());
const df = spark.createDataFrame(
  [[1, new Map([['a', 1], ['b', null]]), ['x', 'y'], [10, 20]], [2, null, null, null], [3, new Map(), [], []]],
  'id int, m map<string,int>, ks array<string>, vs array<int>',
);

describe('map values', () => {
  it('collect as Maps and show as Spark does', async () => {
    expect(df.schema.fields[1]!.dataType).toEqual({ kind: 'map', keyType: { kind: 'string' }, valueType: { kind: 'int32' }, valueContainsNull: true });
    expect((await rows(df.select('m'))).map((r) => r[0])).toEqual([new Map([['a', 1], ['b', null]]), null, new Map()]);
    expect(await df.select('id', 'm').showString(20, 20)).toBe(
      '+---+-------------------+\n| id|                  m|\n+---+-------------------+\n|  1|{a -> 1, b -> NULL}|\n|  2|               NULL|\n|  3|                 {}|\n+---+-------------------+\n',
    );
    expect(df.schema.treeString()).toContain(' |-- m: map (nullable = true)\n |    |-- key: string\n |    |-- value: integer (valueContainsNull = true)\n');
  });

  it('keys, values, entries, size and lookups, NULL rows included', async () => {
    const out = df.select(F.map_keys('m'), F.map_values('m'), F.size('m'), F.element_at('m', 'a'), col('m').getItem('b'), F.map_contains_key('m', 'a'));
    expect(out.columns).toEqual(['map_keys(m)', 'map_values(m)', 'size(m)', 'element_at(m, a)', 'm[b]', 'map_contains_key(m, a)']);
    expect(await rows(out)).toEqual([[['a', 'b'], [1, null], 2, 1, null, true], [null, null, -1, null, null, null], [[], [], 0, null, null, false]]);
    const entries = await rows(df.filter(col('id').equalTo(1)).select(F.map_entries('m')));
    expect((entries[0]![0] as { toArray(): unknown[] }[]).map((e) => e.toArray())).toEqual([['a', 1], ['b', null]]);
  });

  it('builds maps from columns, arrays and entries; NULL where an input is NULL', async () => {
    const out = df.select(F.create_map(F.lit('k'), 'id'), F.map_from_arrays('ks', 'vs'), F.map_concat('m', F.create_map(F.lit('z'), 'id')));
    expect(await rows(out)).toEqual([
      [new Map([['k', 1]]), new Map([['x', 10], ['y', 20]]), new Map([['a', 1], ['b', null], ['z', 1]])],
      [new Map([['k', 2]]), null, null],
      [new Map([['k', 3]]), new Map(), new Map([['z', 3]])],
    ]);
    const s = spark.createDataFrame([['a:1,b:2,c'], [null]], 's string').select(F.str_to_map('s'));
    expect(await rows(s)).toEqual([[new Map([['a', '1'], ['b', '2'], ['c', null]])], [null]]);
  });

  it('higher-order functions over entries', async () => {
    const one = df.filter(col('id').equalTo(1));
    const out = one.select(
      F.transform_keys('m', (k, _v) => F.upper(k)).alias('tk'),
      F.transform_values('m', (_k, v) => F.coalesce(v, F.lit(0)).plus(1)).alias('tv'),
      F.map_filter('m', (_k, v) => v.isNotNull()).alias('mf'),
      F.map_zip_with('m', F.create_map(F.lit('b'), F.lit(5), F.lit('c'), F.lit(6)), (_k, x, y) => F.coalesce(x, y)).alias('mz'),
    );
    expect(await rows(out)).toEqual([[
      new Map([['A', 1], ['B', null]]), new Map([['a', 2], ['b', 1]]), new Map([['a', 1]]), new Map([['a', 1], ['b', 5], ['c', 6]]),
    ]]);
  });

  it('explodes to key and value columns', async () => {
    expect(await rows(df.select('id', F.explode('m')))).toEqual([[1, 'a', 1], [1, 'b', null]]);
    expect(df.select('id', F.posexplode('m')).columns).toEqual(['id', 'pos', 'key', 'value']);
  });

  it("raises Spark's errors: repeated and NULL keys, ordering, DISTINCT, hash", async () => {
    await expect(df.select(F.map_concat('m', 'm')).collect()).rejects.toThrow(/DUPLICATED_MAP_KEY\] Duplicate map key a was found/);
    await expect(df.select(F.create_map(F.lit(null), F.lit(1))).collect()).rejects.toThrow(/NULL_MAP_KEY/);
    await expect(df.select(F.map_from_arrays(F.array(F.lit(1)), F.array())).collect()).rejects.toThrow(/must have the same length/);
    expect(() => df.orderBy('m')).toThrow(AnalysisError);
    expect(() => df.orderBy('m')).toThrow(/INVALID_ORDERING_TYPE.*"MAP<STRING, INT>"/);
    expect(() => df.select('m').distinct()).toThrow(/SET_OPERATION_ON_MAP_TYPE/);
    expect(() => df.select(F.hash('m'))).toThrow(/HASH_MAP_TYPE/);
    expect(() => df.select(F.map_keys('ks'))).toThrow(/requires the "MAP" type, however "ks" has the type "ARRAY<STRING>"/);
  });

  it('spark.sql.mapKeyDedupPolicy LAST_WIN keeps a repeated key at its first place with its last value', async () => {
    expect(() => spark.conf.set('spark.sql.mapKeyDedupPolicy', 'nope')).toThrow(/OUT_OF_RANGE_OF_OPTIONS/);
    spark.conf.set('spark.sql.mapKeyDedupPolicy', 'LAST_WIN');
    try {
      const out = df.filter(col('id').equalTo(1)).select(F.map_concat('m', F.create_map(F.lit('a'), F.lit(9))), F.transform_keys('m', (_k, _v) => F.lit('x')));
      expect(await rows(out)).toEqual([[new Map([['a', 9], ['b', null]]), new Map([['x', null]])]]);
    } finally {
      spark.conf.unset('spark.sql.mapKeyDedupPolicy');
    }
  });

  it('casts to string and writes JSON', async () => {
    expect(await rows(df.select(col('m').cast('string'), F.to_json('m')))).toEqual([['{a -> 1, b -> null}', '{"a":1,"b":null}'], [null, null], ['{}', '{}']]);
  });
});

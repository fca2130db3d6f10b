// MapType through the type layer: simpleString/typeName, DDL parsing, printSchema's tree, Arrow's Map layout both
// ways, and values (arrays of [key, value] pairs) through the column builders, take/concat and the wire encoding.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ArrayT, IntegerT, LongT, MapT, StringT, StructT, fromArrowType, parseTypeName, simpleString, toArrowType, typeName } from './data-type.js';
import { StructType } from './schema.js';
import { buildColumn, valueReader } from '../expr/eval/values.js';
import { concatData, takeData } from '../execution/vectors.js';
import { decodeBatch, encodeBatch } from '../execution/wire-batch.js';
import { makeBatch } from '../execution/vectors.js';
import { cellText } from '../api/show.js';
import { valueToString } from '../expr/eval/cast-string.js';

const M = MapT(StringT, IntegerT);
const rows = (d: arrow.Data, t = M) => Array.from({ length: d.length }, (_, i) => valueReader(d, t)(i));

describe('MapType', () => {
  it('names and parses as Spark does', () => {
    expect(simpleString(M)).toBe('map<string,int>');
    expect(typeName(M)).toBe('map');
    expect(parseTypeName('MAP<STRING, INT>')).toEqual(M);
    expect(parseTypeName('map<string,array<map<int,bigint>>>')).toEqual(MapT(StringT, ArrayT(MapT(IntegerT, LongT))));
    expect(parseTypeName('map<int>')).toBeUndefined();
    expect(StructType.fromDDL('id int, m map<string, struct<a:int>>').fields[1]!.dataType).toEqual(MapT(StringT, StructT([{ name: 'a', dataType: IntegerT, nullable: true }])));
  });

  it('prints its key and value in printSchema', () => {
    const s = new StructType([{ name: 'm', dataType: MapT(StringT, ArrayT(IntegerT), false), nullable: true }]);
    expect(s.treeString()).toBe(
      'root\n |-- m: map (nullable = true)\n |    |-- key: string\n |    |-- value: array (valueContainsNull = false)\n |    |    |-- element: integer (containsNull = true)\n',
    );
  });

  it("is Arrow's Map of non-null entries structs, both ways", () => {
    const at = toArrowType(M) as arrow.Map_;
    expect(at.typeId).toBe(arrow.Type.Map);
    expect(at.children[0]!.name).toBe('entries');
    expect(at.children[0]!.nullable).toBe(false);
    const entries = at.children[0]!.type as arrow.Struct;
    expect(entries.children.map((f) => [f.name, f.nullable])).toEqual([['key', false], ['value', true]]);
    expect(fromArrowType(at)).toEqual(M);
    expect(fromArrowType(toArrowType(MapT(LongT, StringT, false)))).toEqual(MapT(LongT, StringT, false));
  });

  it('builds, reads, takes, concatenates and crosses the wire', () => {
    const d = buildColumn(M, [[['a', 1], ['b', null]], null, [], new Map([['c', 3]])]);
    expect(d.length).toBe(4);
    expect(rows(d)).toEqual([[['a', 1], ['b', null]], null, [], [['c', 3]]]);
    expect(rows(takeData(M, d, Int32Array.from([3, -1, 0])))).toEqual([[['c', 3]], null, [['a', 1], ['b', null]]]);
    expect(rows(concatData(M, [d.slice(2, 2), d.slice(0, 1)]))).toEqual([[], [['c', 3]], [['a', 1], ['b', null]]]);
    const schema = new arrow.Schema([new arrow.Field('m', toArrowType(M), true)]);
    const back = decodeBatch(encodeBatch(makeBatch(schema, [d], 4), [M], false));
    expect(rows(back.data.children[0]!)).toEqual(rows(d));
    // arrow-js reads the same data as a Map column.
    expect(arrow.makeVector(d).get(0)?.toJSON()).toEqual({ a: 1, b: null });
  });

  it("shows and casts to string as Spark's show() and CAST do", () => {
    const d = buildColumn(M, [[['a', 1], ['b', null]], null, []]);
    expect([0, 1, 2].map((i) => cellText(M, d, i))).toEqual(['{a -> 1, b -> NULL}', 'NULL', '{}']);
    expect(valueToString([['a', 1], ['b', null]], M)).toBe('{a -> 1, b -> null}');
  });
});

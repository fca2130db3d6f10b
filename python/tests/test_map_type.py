"""The MAP type from Python: MapType, createDataFrame with dicts, collect/toPandas/show/printSchema round trips (Arrow
and pickled paths), element access, and the map functions with their docstring examples. Expected values are
PySpark 4.3's."""

from __future__ import annotations

import pytest

from kindling.errors import AnalysisException
from kindling.sql import _map_functions as M
from kindling.sql import functions as F
from kindling.sql.types import ArrayType, IntegerType, LongType, MapType, StringType, StructField, StructType, DoubleType
from examples import run_examples


@pytest.mark.parametrize("name", M.__all__)
def test_examples_run(spark, name):
    run_examples(getattr(F, name), spark, name)


def test_map_type_api():
    t = MapType(StringType(), IntegerType())
    assert repr(t) == "MapType(StringType(), IntegerType(), True)"
    assert t.simpleString() == "map<string,int>"
    assert t.jsonValue() == {"type": "map", "keyType": "string", "valueType": "integer", "valueContainsNull": True}
    assert t.json() == '{"keyType":"string","type":"map","valueContainsNull":true,"valueType":"integer"}'
    assert MapType.fromJson(t.jsonValue()) == t
    assert t != MapType(StringType(), IntegerType(), False)
    assert hash(t) == hash(MapType(StringType(), IntegerType(), True))
    from kindling.sql.types import _parse_datatype_string

    parsed = _parse_datatype_string("m MAP<STRING, ARRAY<BIGINT>>")
    assert parsed == StructType([StructField("m", MapType(StringType(), ArrayType(LongType())))])
    assert parsed.simpleString() == "struct<m:map<string,array<bigint>>>"


@pytest.mark.parametrize("arrow", ["true", "false"])
def test_round_trip(spark, conf, arrow):
    conf({"spark.sql.execution.arrow.pyspark.enabled": arrow})
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None), (3, {})], "id int, m map<string,int>")
    assert df.schema["m"].dataType == MapType(StringType(), IntegerType(), True)
    assert [tuple(r) for r in df.collect()] == [(1, {"a": 1, "b": None}), (2, None), (3, {})]
    pdf = df.toPandas()
    assert pdf["m"].tolist()[1:] == [None, {}]
    # As PySpark: through Arrow, pandas makes the int values of a map with a None floats.
    assert pdf["m"].tolist()[0] == {"a": 1, "b": None}
    assert type(pdf["m"].tolist()[0]["a"]) is (float if arrow == "true" else int)


def test_show_and_print_schema(spark, capsys):
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None), (3, {})], "id int, m map<string,int>")
    df.show()
    df.printSchema()
    out = capsys.readouterr().out
    assert out == (
        "+---+-------------------+\n"
        "| id|                  m|\n"
        "+---+-------------------+\n"
        "|  1|{a -> 1, b -> NULL}|\n"
        "|  2|               NULL|\n"
        "|  3|                 {}|\n"
        "+---+-------------------+\n"
        "\n"
        "root\n"
        " |-- id: integer (nullable = true)\n"
        " |-- m: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: integer (valueContainsNull = true)\n"
        "\n"
    )


def test_infer_dict_as_map(spark):
    df = spark.createDataFrame([({"x": 1.5, "y": None},)])
    assert df.schema.simpleString() == "struct<_1:map<string,double>>"
    assert df.collect()[0][0] == {"x": 1.5, "y": None}
    nested = spark.createDataFrame([({"a": [1, 2]},)], StructType([StructField("m", MapType(StringType(), ArrayType(LongType())))]))
    assert nested.collect()[0].m == {"a": [1, 2]}


def test_none_key_is_refused(spark):
    with pytest.raises(Exception) as e:
        spark.createDataFrame([({None: 1},)], "m map<string,int>").collect()
    assert "key of map field m" in str(e.value) or "NULL_MAP_KEY" in str(e.value)


def test_element_access_and_names(spark):
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None)], "id int, m map<string,int>")
    out = df.select(F.create_map(F.lit("k"), "id"), df.m["a"], df.m.getItem("b"), df.m.a, "m.a", F.element_at("m", "a"),
                    F.map_keys("m"), F.size("m"), F.map_contains_key("m", "a"))
    assert out.columns == ["map(k, id)", "m[a]", "m[b]", "m[a]", "a", "element_at(m, a)", "map_keys(m)", "size(m)",
                           "map_contains_key(m, a)"]
    assert [tuple(r) for r in out.collect()] == [
        ({"k": 1}, 1, None, 1, 1, 1, ["a", "b"], 2, True),
        ({"k": 2}, None, None, None, None, None, None, -1, None),
    ]


def test_explode_and_json(spark):
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None), (3, {})], "id int, m map<string,int>")
    assert [tuple(r) for r in df.select("id", F.explode("m")).collect()] == [(1, "a", 1), (1, "b", None)]
    assert [tuple(r) for r in df.select("id", F.posexplode_outer("m")).collect()] == [
        (1, 0, "a", 1), (1, 1, "b", None), (2, None, None, None), (3, None, None, None)]
    assert [r[0] for r in df.select(F.to_json("m")).collect()] == ['{"a":1,"b":null}', None, "{}"]
    assert [r[0] for r in df.select(df.m.cast("string")).collect()] == ["{a -> 1, b -> null}", None, "{}"]
    j = spark.createDataFrame([('{"a": 1}',)], "j string").select(F.from_json("j", MapType(StringType(), IntegerType())))
    assert j.collect()[0][0] == {"a": 1}


def test_errors(spark):
    df = spark.sql("SELECT map(1, 'a') AS m")
    with pytest.raises(Exception, match=r"DUPLICATED_MAP_KEY"):
        df.select(F.map_concat("m", "m")).collect()
    with pytest.raises(AnalysisException, match=r"INVALID_ORDERING_TYPE"):
        df.orderBy("m").collect()
    with pytest.raises(AnalysisException, match=r"SET_OPERATION_ON_MAP_TYPE"):
        df.distinct().collect()
    with pytest.raises(AnalysisException, match=r"HASH_MAP_TYPE"):
        df.select(F.hash("m")).collect()


def test_double_values_and_types(spark):
    df = spark.sql("SELECT map('a', 1.5D) AS m")
    assert df.schema["m"].dataType == MapType(StringType(), DoubleType(), False)
    assert df.select(F.transform_values("m", lambda _, v: v * 2).alias("m")).first().m == {"a": 3.0}


@pytest.mark.parametrize("arrow", ["true", "false"])
def test_python_udfs_take_and_return_maps(spark, conf, arrow):
    conf({"spark.sql.execution.pythonUDF.arrow.enabled": arrow})
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None)], "id int, m map<string,int>")
    keys = F.udf(lambda m: None if m is None else ",".join(sorted(m)), "string")
    make = F.udf(lambda i: {"k": i, "z": None}, "map<string,int>")
    assert [tuple(r) for r in df.select(keys("m"), make("id")).collect()] == [
        ("a,b", {"k": 1, "z": None}), (None, {"k": 2, "z": None})]
    bad = F.udf(lambda i: {None: i}, "map<string,int>")
    with pytest.raises(Exception, match="None key"):
        df.select(bad("id")).collect()


def test_parquet_and_json_files(spark, tmp_path):
    df = spark.createDataFrame([(1, {"a": 1, "b": None}), (2, None), (3, {})], "id int, m map<string,int>")
    df.write.parquet(str(tmp_path / "p"))
    back = spark.read.parquet(str(tmp_path / "p"))
    assert back.schema == df.schema
    assert sorted(tuple(r) for r in back.collect()) == [(1, {"a": 1, "b": None}), (2, None), (3, {})]
    df.write.json(str(tmp_path / "j"))
    back = spark.read.schema(df.schema).json(str(tmp_path / "j"))
    assert sorted(tuple(r) for r in back.collect()) == [(1, {"a": 1, "b": None}), (2, None), (3, {})]
    with pytest.raises(AnalysisException, match='doesn\'t support the column `m` of the type "MAP<STRING, INT>"'):
        df.write.csv(str(tmp_path / "c"))


def test_maps_cross_shuffles_joins_and_cache(spark):
    df = spark.createDataFrame([(i, {"k": i, "j": None}) for i in range(50)], "id int, m map<string,int>")
    other = spark.createDataFrame([(i, str(i)) for i in range(0, 50, 7)], "id int, s string")
    assert [tuple(r) for r in df.join(other, "id").orderBy("id").select("id", "m", "s").limit(2).collect()] == [
        (0, {"k": 0, "j": None}, "0"), (7, {"k": 7, "j": None}, "7")]
    assert df.repartition(3).orderBy(F.desc("id")).first().m == {"k": 49, "j": None}
    cached = df.cache()
    assert (cached.count(), cached.filter("m['k'] > 45").count()) == (50, 4)
    assert [tuple(r) for r in df.select("id", F.explode("m")).groupBy("key").count().orderBy("key").collect()] == [
        ("j", 50), ("k", 50)]

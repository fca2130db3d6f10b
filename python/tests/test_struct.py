"""Struct columns from Python against the real engine: building them (struct, named_struct, createDataFrame with
nested Rows, tuples, dicts, StructType and DDL schemas), reading fields (``s.a``, ``s["a"]``, ``s.a`` attribute,
``getField``, ``s.*``), NULL structs vs NULL fields, casts, equality, show(), printSchema(), collect() and
toPandas() over both result transports, and SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from kindling.errors import AnalysisException, PySparkTypeError, PySparkValueError
from kindling.sql import Row
from kindling.sql import functions as F
from kindling.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

POINT = StructType([StructField("x", IntegerType()), StructField("label", StringType())])


@pytest.fixture(params=["arrow", "pickled"])
def transport(request, conf):
    conf({"spark.sql.execution.arrow.pyspark.enabled": "true" if request.param == "arrow" else "false"})
    return request.param


@pytest.fixture
def points(spark):
    return spark.createDataFrame(
        [(1, Row(x=1, label="a")), (2, None), (3, {"x": None, "label": "c"}), (4, (4, None))],
        StructType([StructField("id", IntegerType()), StructField("p", POINT)]),
    )


def test_schema_nests_in_print_schema_and_ddl(spark, points, capsys):
    points.printSchema()
    assert capsys.readouterr().out == (
        "root\n |-- id: integer (nullable = true)\n |-- p: struct (nullable = true)\n"
        " |    |-- x: integer (nullable = true)\n |    |-- label: string (nullable = true)\n\n"
    )
    assert points.schema["p"].dataType == POINT
    ddl = spark.createDataFrame([(1, (2, "z"))], "id int, p struct<x:int,label:string>")
    assert ddl.schema == points.schema
    assert ddl.collect() == [Row(id=1, p=Row(x=2, label="z"))]


def test_collect_gives_nested_rows_on_both_transports(points, transport):
    rows = points.orderBy("id").collect()
    assert rows == [Row(id=1, p=Row(x=1, label="a")), Row(id=2, p=None), Row(id=3, p=Row(x=None, label="c")),
                    Row(id=4, p=Row(x=4, label=None))]
    assert rows[0].p.label == "a" and rows[0].p["x"] == 1 and rows[0].asDict(True) == {"id": 1, "p": {"x": 1, "label": "a"}}


def test_show_renders_structs_as_spark(points):
    assert points.orderBy("id")._show_string() == (
        "+---+---------+\n| id|        p|\n+---+---------+\n|  1|   {1, a}|\n|  2|     NULL|\n"
        "|  3|{NULL, c}|\n|  4|{4, NULL}|\n+---+---------+\n"
    )


def test_to_pandas_as_pyspark_legacy_mode(points, transport):
    pdf = points.orderBy("id").toPandas()
    values = list(pdf["p"])
    if transport == "arrow":
        assert values[0] == {"x": 1, "label": "a"} and values[2] == {"x": None, "label": "c"}
    else:
        assert values[0] == Row(x=1, label="a") and isinstance(values[0], Row)
    assert values[1] is None


def test_field_access_forms_and_names(points):
    df = points.select(points.p.x, points.p["label"], points.p.getField("x"), "p.label", F.col("p.x") + 1, "id")
    assert df.columns == ["p.x", "p.label", "p.x", "label", "(p.x + 1)", "id"]
    assert tuple(df.filter(F.col("id") == 1).collect()[0]) == (1, "a", 1, "a", 2, 1)
    got = points.select("id", points.p.x.alias("x"), "p.label").orderBy("id").collect()
    assert got == [Row(id=1, x=1, label="a"), Row(id=2, x=None, label=None), Row(id=3, x=None, label="c"),
                   Row(id=4, x=4, label=None)]
    assert points.select("p.*").columns == ["x", "label"]
    assert points.filter(F.col("p.x") > 1).select("id").collect() == [Row(id=4)]


def test_struct_and_named_struct(spark):
    df = spark.createDataFrame([(1, "a", 2.5)], "id int, s string, d double")
    out = df.select(F.struct("id", df.s.alias("t")).alias("a"), F.struct([df.d, F.lit(7)]),
                    F.named_struct(F.lit("k"), df.id, F.lit("n"), F.struct("d")))
    assert out.columns == ["a", "struct(d, 7)", "named_struct(k, id, n, struct(d))"]
    assert out.schema[1].dataType.simpleString() == "struct<d:double,col2:int>"
    assert out.collect() == [Row(Row(id=1, t="a"), Row(d=2.5, col2=7), Row(k=1, n=Row(d=2.5)))]


def test_null_struct_is_not_a_struct_of_nulls(points):
    got = points.select("id", points.p.isNull().alias("n"), F.col("p.x").isNull().alias("xn")).orderBy("id").collect()
    assert [(r.n, r.xn) for r in got] == [(False, False), (True, True), (False, True), (False, False)]


def test_cast_and_equality(points):
    cast = points.select(points.p.cast("struct<a:bigint,b:string>").alias("c"), points.p.cast("string").alias("t"))
    assert cast.schema["c"].dataType == StructType([StructField("a", LongType()), StructField("b", StringType())])
    assert [r.t for r in cast.collect()] == ["{1, a}", None, "{null, c}", "{4, null}"]
    same = points.filter(points.p == F.named_struct(F.lit("x"), F.lit(1), F.lit("label"), F.lit("a")))
    assert same.select("id").collect() == [Row(id=1)]
    with pytest.raises(AnalysisException, match="cannot cast"):
        points.select(points.p.cast("struct<a:int>"))


def test_errors_name_the_field(points):
    with pytest.raises(AnalysisException, match=r"FIELD_NOT_FOUND.*`nope`"):
        points.select(points.p.nope)
    with pytest.raises(AnalysisException, match="INVALID_EXTRACT_BASE_FIELD_TYPE"):
        points.select(points.id.getField("x"))
    with pytest.raises(PySparkValueError, match="LENGTH_SHOULD_BE_THE_SAME"):
        points.sparkSession.createDataFrame([(1, (1, "a", "extra"))], "id int, p struct<x:int,label:string>")
    with pytest.raises(PySparkTypeError, match="CANNOT_CONVERT_TYPE"):
        points.sparkSession.createDataFrame([(1, (1, "a", "extra"))], "id int, p struct<x:int,label:string>",
                                            verifySchema=False)


def test_inferred_nested_rows_and_timestamps(spark):
    when = dt.datetime(2024, 5, 6, 7, 8, 9)
    df = spark.createDataFrame([Row(id=1, e=Row(at=when, tags=["a", "b"]))])
    assert df.schema["e"].dataType == StructType(
        [StructField("at", df.schema["e"].dataType["at"].dataType), StructField("tags", ArrayType(StringType()))])
    assert df.collect() == [Row(id=1, e=Row(at=when, tags=["a", "b"]))]


def test_sql_struct_functions(spark, points):
    points.createOrReplaceTempView("pts")
    try:
        got = spark.sql("SELECT id, p.x, named_struct('a', id, 'b', p.label) AS s FROM pts WHERE p.x IS NOT NULL ORDER BY id")
        assert got.collect() == [Row(id=1, x=1, s=Row(a=1, b="a")), Row(id=4, x=4, s=Row(a=4, b=None))]
        assert spark.sql("SELECT p.* FROM pts WHERE id = 1").collect() == [Row(x=1, label="a")]
        assert spark.sql("SELECT CAST(struct(id, 'z') AS struct<i:bigint,z:string>) AS c FROM pts WHERE id = 1").collect() == [
            Row(c=Row(i=1, z="z"))]
    finally:
        spark.catalog.dropTempView("pts")

"""The JSON string functions from Python: their examples run, and results, NULLs and column names are Spark's
(expected values are PySpark 4.3's answers)."""

from __future__ import annotations

import datetime

import pytest

from kindling.errors import AnalysisException, PySparkValueError
from kindling.sql import _json_functions as J
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", J.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_get_json_object_as_spark(spark):
    doc = '{"a":1e10,"b":[1,2.50,{"c":"x"}],"d":"q\\"z","e":null,"f":true,"g":12345678901234567890}'
    df = spark.createDataFrame([(doc,), ("{bad",), (None,)], "j string")
    paths = ["$.a", "$.b", "$.b[2].c", "$.d", "$.e", "$.f", "$.g", "a"]
    rows = df.select(*[F.get_json_object("j", p) for p in paths]).collect()
    assert list(rows[0]) == ["1.0E10", '[1,2.5,{"c":"x"}]', "x", 'q"z', None, "true", "12345678901234567890", None]
    assert all(v is None for v in rows[1]) and all(v is None for v in rows[2])
    assert spark.sql("""SELECT get_json_object('{"b":[{"c":1},{"c":2}]}', '$.b[*].c') AS w""").first().w == "[1,2]"


def test_to_json_of_every_type(spark):
    df = spark.createDataFrame(
        [(1, "x", None, [1, None], 1.5, datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5, 123000), True)],
        "a int, b string, c int, d array<int>, e double, f date, g timestamp, h boolean")
    j = df.select(F.to_json(F.struct(*df.columns)).alias("j")).first().j
    assert j == '{"a":1,"b":"x","d":[1,null],"e":1.5,"f":"2020-01-02","g":"2020-01-02T03:04:05.123Z","h":true}'
    assert df.select(F.to_json(F.struct("a"))).columns == ["to_json(struct(a))"]
    assert spark.sql("SELECT to_json(array(named_struct('a', 1), named_struct('a', 2))) AS s").first().s == '[{"a":1},{"a":2}]'


def test_errors(spark):
    df = spark.createDataFrame([("{}",)], "j string")
    with pytest.raises(AnalysisException, match="must be a struct, an array"):
        df.select(F.to_json("j")).collect()
    with pytest.raises(PySparkValueError):
        F.to_json("j", {"pretty": "true"})


def test_timestamps_keep_milliseconds_rounded_down(spark):
    s = spark.sql("SELECT to_json(named_struct('g', timestamp'2020-01-02 03:04:05', 'i', timestamp'1969-12-31 23:59:59.9995',"
                  " 'n', cast('NaN' as double))) AS j").first().j
    assert s == '{"g":"2020-01-02T03:04:05.000Z","i":"1969-12-31T23:59:59.999Z","n":"NaN"}'


def test_arguments_must_be_strings(spark):
    with pytest.raises(AnalysisException, match='requires the "STRING" type'):
        spark.sql("SELECT json_array_length(1)").collect()


def test_timestamps_are_written_in_the_session_time_zone(spark):
    spark.conf.set("spark.sql.session.timeZone", "America/New_York")
    try:
        s = spark.sql("SELECT to_json(named_struct('t', timestamp'2020-07-01 12:00:00')) AS j").first().j
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert s == '{"t":"2020-07-01T12:00:00.000-04:00"}'


def test_from_json_reads_as_sparks_permissive_reader(spark):
    df = spark.sql("""SELECT from_json('{"a":1,"b":"x","c":[1,2]}', 'a INT, b STRING, c ARRAY<INT>') j,
        from_json('{"a":"zz","b":2}', 'a INT, b STRING') partial, from_json('{bad', 'a INT') bad,
        from_json(NULL, 'a INT') n, from_json('[{"a":1},{"a":2}]', 'ARRAY<STRUCT<a: INT>>') arr,
        from_json('{"a":1} x', 'a INT') trailing, from_json('{"A":1}', 'a INT') cased,
        from_json('{"t":"2020-01-02T03:04:05.123Z", "d":"2020-01-02"}', 't TIMESTAMP, d DATE') ts""")
    r = df.first()
    assert (tuple(r.j), tuple(r.partial), tuple(r.bad), r.n) == ((1, "x", [1, 2]), (None, "2"), (None,), None)
    assert [tuple(x) for x in r.arr] == [(1,), (2,)] and tuple(r.trailing) == (1,) and tuple(r.cased) == (None,)
    assert tuple(r.ts) == (datetime.datetime(2020, 1, 2, 3, 4, 5, 123000), datetime.date(2020, 1, 2))
    assert [t for _, t in df.dtypes] == ["struct<a:int,b:string,c:array<int>>", "struct<a:int,b:string>", "struct<a:int>",
                                        "struct<a:int>", "array<struct<a:int>>", "struct<a:int>", "struct<a:int>",
                                        "struct<t:timestamp,d:date>"]


def test_from_json_schemas_and_names(spark):
    from kindling.sql.types import IntegerType, StringType, StructField, StructType

    df = spark.createDataFrame([('{"a": 1, "b": "x"}',)], "j string")
    schema = StructType([StructField("a", IntegerType()), StructField("b", StringType())])
    assert df.select(F.from_json("j", schema).alias("v")).first().v == (1, "x")
    assert df.select(F.from_json("j", F.schema_of_json('{"a": 0, "b": "s"}')).alias("v")).first().v == (1, "x")
    assert spark.sql("""SELECT from_json('{"a":1}', 'a INT')""").columns == ['from_json({"a":1})']
    s = spark.sql("""SELECT schema_of_json('{"a":1,"b":[1.5],"c":{"d":"x"}}') s, schema_of_json('[1]') s2""").first()
    assert tuple(s) == ("STRUCT<a: BIGINT, b: ARRAY<DOUBLE>, c: STRUCT<d: STRING>>", "ARRAY<BIGINT>")
    with pytest.raises(AnalysisException, match="INVALID_SCHEMA"):
        df.select(F.from_json("j", "a NOPE")).collect()

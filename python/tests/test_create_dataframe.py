"""createDataFrame from each input kind, with schema inference and verification as PySpark does them."""

from __future__ import annotations

import datetime
from collections import namedtuple

import pandas as pd
import pyarrow as pa
import pytest

from kindling.errors import ParseException, PySparkTypeError, PySparkValueError
from kindling.sql import Row
from kindling.sql.types import ArrayType, LongType, StructField, StructType


def as_tuples(df):
    return [tuple(r) for r in df.collect()]


def test_tuples_with_names(spark):
    df = spark.createDataFrame([(1, "a"), (2, None)], ["n", "s"])
    assert df.dtypes == [("n", "bigint"), ("s", "string")]
    assert as_tuples(df) == [(1, "a"), (2, None)]


def test_tuples_without_schema(spark):
    df = spark.createDataFrame([(1, 2.5), (3, 4.0)])
    assert df.columns == ["_1", "_2"]
    assert df.dtypes == [("_1", "bigint"), ("_2", "double")]


def test_rows(spark):
    df = spark.createDataFrame([Row(name="Ann", age=3), Row(name="Bob", age=None)])
    assert df.columns == ["name", "age"]
    assert df.collect() == [Row(name="Ann", age=3), Row(name="Bob", age=None)]


def test_dicts_by_name(spark):
    df = spark.createDataFrame([{"b": 1, "a": "x"}, {"a": "y", "b": 2}])
    assert df.columns == ["a", "b"]  # inferred dict fields are sorted by name
    assert as_tuples(df) == [("x", 1), ("y", 2)]
    df2 = spark.createDataFrame([{"b": 1, "a": "x"}], "b int, a string")
    assert as_tuples(df2) == [(1, "x")]


def test_namedtuples(spark):
    P = namedtuple("P", "x y")
    df = spark.createDataFrame([P(1, "a"), P(2, "b")])
    assert df.columns == ["x", "y"]
    assert as_tuples(df) == [(1, "a"), (2, "b")]


def test_ddl_and_struct_schemas(spark):
    df = spark.createDataFrame([(1, "a")], "id int, name string")
    assert df.dtypes == [("id", "int"), ("name", "string")]
    schema = StructType([StructField("id", LongType(), False), StructField("tags", ArrayType(LongType()))])
    df2 = spark.createDataFrame([(1, None), (2, None)], schema)
    assert df2.schema == schema
    assert as_tuples(df2) == [(1, None), (2, None)]
    with pytest.raises(ParseException):
        spark.createDataFrame([(1,)], "id nosuchtype,")


@pytest.mark.parametrize("ddl, rows", [
    ("id bigint, tags array<string>", [(1, ["a", "b"]), (2, [])]),
    ("id bigint, xs array<int>", [(1, [1, None, 3]), (2, [4])]),
])
def test_array_columns_round_trip(spark, ddl, rows):
    assert as_tuples(spark.createDataFrame(rows, ddl)) == rows


def test_atomic_schema_wraps_values(spark):
    df = spark.createDataFrame([1, 2, None], "int")
    assert df.dtypes == [("value", "int")]
    assert as_tuples(df) == [(1,), (2,), (None,)]


def test_empty_with_schema(spark):
    df = spark.createDataFrame([], "a int, b string")
    assert df.count() == 0 and df.columns == ["a", "b"]
    with pytest.raises(PySparkValueError):
        spark.createDataFrame([])


def test_dates_timestamps_and_nulls(spark):
    rows = [(datetime.date(2020, 2, 29), datetime.datetime(2020, 1, 1, 0, 0, 0, 1)), (None, None)]
    df = spark.createDataFrame(rows, ["d", "t"])
    assert df.dtypes == [("d", "date"), ("t", "timestamp")]
    assert as_tuples(df) == rows


def test_verify_schema(spark):
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([("x",)], "a int")
    with pytest.raises(PySparkValueError):
        spark.createDataFrame([(None,)], StructType([StructField("a", LongType(), False)]))
    with pytest.raises(PySparkValueError):
        spark.createDataFrame([(2**40,)], "a int")
    # Without verification, a string column stringifies other values, as the JVM does.
    df = spark.createDataFrame([(1,), (True,)], "s string", verifySchema=False)
    assert as_tuples(df) == [("1",), ("true",)]


def test_pandas(spark):
    pdf = pd.DataFrame({"i": [1, 2, 3], "f": [1.5, None, 2.0], "s": ["a", None, "c"], "b": [True, False, True],
                        "t": pd.to_datetime(["2024-01-01", "2024-01-02", None])})
    df = spark.createDataFrame(pdf)
    assert df.dtypes == [("i", "bigint"), ("f", "double"), ("s", "string"), ("b", "boolean"), ("t", "timestamp")]
    got = as_tuples(df)
    assert got[0] == (1, 1.5, "a", True, datetime.datetime(2024, 1, 1))
    assert got[1][1] is None and got[2][4] is None  # NaN and NaT become NULL, as with PySpark's Arrow path
    df2 = spark.createDataFrame(pdf[["i", "s"]], ["n", "name"])
    assert df2.columns == ["n", "name"]
    df3 = spark.createDataFrame(pdf[["i", "s"]], "n int, name string")
    assert df3.dtypes == [("n", "int"), ("name", "string")]
    assert df3.toPandas().equals(pd.DataFrame({"n": pd.array([1, 2, 3], dtype="int32"), "name": ["a", None, "c"]}))


def test_pyarrow_table(spark):
    t = pa.table({"a": pa.array([1, 2], pa.int16()), "b": pa.array(["x", None], pa.large_string()),
                  "c": pa.array([1.0, 2.0], pa.float32())})
    df = spark.createDataFrame(t)
    assert df.dtypes == [("a", "int"), ("b", "string"), ("c", "double")]
    assert as_tuples(df) == [(1, "x", 1.0), (2, None, 2.0)]
    assert spark.createDataFrame(t, ["x", "y", "z"]).columns == ["x", "y", "z"]
    assert spark.createDataFrame(t.to_batches()[0]).count() == 2


def test_large_data_goes_through_shm_and_leaves_nothing(spark, shm_files):
    before = shm_files("kindling-client-")
    n = 200_000
    df = spark.createDataFrame(pa.table({"k": pa.array(range(n), pa.int64()), "s": [str(i) for i in range(n)]}))
    assert df.count() == n
    assert shm_files("kindling-client-") == before
    pdf = pd.DataFrame({"x": range(n)})
    assert spark.createDataFrame(pdf).count() == n
    assert shm_files("kindling-client-") == before


def test_bad_inputs(spark):
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame("abc")
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([(1,)], 42)
    with pytest.raises(PySparkValueError):
        spark.createDataFrame([(1, 2)], "a int")


# ---------------------------------------------------------------------- pickled rows (Arrow off)

_CASES = [
    ([(1, "a", 1.5, True), (None, None, None, None), (2**62, "☃", -0.0, False)], "a long, s string, d double, b boolean"),
    ([(datetime.date(2020, 1, 2), datetime.datetime(2021, 3, 4, 5, 6, 7, 123456)), (datetime.date(1, 1, 1), None),
      (None, datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc))], "dt date, ts timestamp"),
    ([([1, 2, None],), ([],), (None,)], "arr array<int>"),
    ([Row(x=1, y="p"), Row(x=2, y="q")], None),
    ([{"k": 1, "v": [1.5]}, {"k": 2, "v": None}], None),
    ([1, 2, 3], "int"),
]


@pytest.mark.parametrize("rows,schema", _CASES)
def test_pickled_rows_match_the_arrow_path(spark, conf, rows, schema):
    arrow = spark.createDataFrame(rows, schema)
    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    pickled = spark.createDataFrame(rows, schema)
    assert pickled.schema == arrow.schema
    assert pickled.collect() == arrow.collect()


def test_pickled_pandas_input(spark, conf):
    pdf = pd.DataFrame({"x": [1, 2, 3], "y": [0.5, None, 2.0], "s": ["a", None, "c"],
                        "t": pd.to_datetime(["2020-01-01 10:00", None, "1999-12-31 00:00"])})
    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    got = spark.createDataFrame(pdf).collect()
    assert [tuple(r) for r in got] == [
        (1, 0.5, "a", datetime.datetime(2020, 1, 1, 10, 0)),
        (2, None, None, None),
        (3, 2.0, "c", datetime.datetime(1999, 12, 31, 0, 0)),
    ]


def test_large_pickled_rows_go_through_a_segment_and_are_removed(spark, conf):
    from kindling._client.results import shm_dir
    import os

    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    rows = [(i, f"row {i} " + "x" * 20) for i in range(60_000)]  # > 1 MiB pickled
    df = spark.createDataFrame(rows, "id long, s string")
    assert df.count() == 60_000
    assert df.filter(df.id == 59_999).collect()[0].s.startswith("row 59999")
    assert [n for n in os.listdir(shm_dir()) if n.startswith(f"kindling-client-{os.getpid()}-")] == []


def test_pickled_rows_refuse_values_of_the_wrong_type(spark, conf):
    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([("not a date",)], "d date", verifySchema=False)
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([(1.5,)], "i int", verifySchema=False)


@pytest.mark.parametrize("arrow", ["true", "false"])
def test_binary_columns(spark, conf, arrow):
    # As PySpark: bytes and bytearray infer BinaryType, collect gives bytearray, show prints hex bytes.
    conf({"spark.sql.execution.arrow.pyspark.enabled": arrow})
    df = spark.createDataFrame([(1, b"ab"), (2, bytearray(b"\x00\xff")), (3, None)], "id int, b binary")
    assert df.collect() == [Row(id=1, b=bytearray(b"ab")), Row(id=2, b=bytearray(b"\x00\xff")), Row(id=3, b=None)]
    assert df._show_string(20, 20, False).splitlines()[3:5] == ["|  1|[61 62]|", "|  2|[00 FF]|"]
    inferred = spark.createDataFrame([(b"x",), (bytearray(b"yz"),)])
    assert inferred.schema.simpleString() == "struct<_1:binary>"
    assert [r[0] for r in inferred.collect()] == [bytearray(b"x"), bytearray(b"yz")]
    assert list(df.toPandas()["b"])[:2] == [b"ab", b"\x00\xff"]
    with pytest.raises(PySparkTypeError):
        spark.createDataFrame([("not bytes",)], "b binary")


def test_columns_named_like_numbers_or_alike_keep_their_place(spark):
    # The engine once rebuilt widened Arrow input through an object keyed by name: "1" moved first, twins merged.
    s = StructType([StructField("a", LongType()), StructField("1", LongType()), StructField("b", LongType())])
    assert [tuple(r) for r in spark.createDataFrame([(1, 2, 3)], s).collect()] == [(1, 2, 3)]
    twins = StructType([StructField("a", LongType()), StructField("a", LongType())])
    assert [tuple(r) for r in spark.createDataFrame([(1, 2)], twins).collect()] == [(1, 2)]
    narrow = pa.table({"1": pa.array([1], pa.int8()), "z": pa.array([2], pa.int16())})
    assert [tuple(r) for r in spark.createDataFrame(narrow).collect()] == [(1, 2)]

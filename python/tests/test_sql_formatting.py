"""``spark.sql(text, **kwargs)``: PySpark's string formatting of queries — a DataFrame field becomes a temporary view
that is dropped after the call, a plain column its (quoted when needed) name, a str a quoted literal."""

from __future__ import annotations

import pytest

from kindling.errors import PySparkValueError
from kindling.sql import functions as F


def test_dataframes_columns_and_values(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b'c"), (3, "d")], "id int, `odd name` string")
    rows = spark.sql("SELECT {c}, {n} FROM {df} WHERE {c} >= {lo} AND {n} != {s} ORDER BY {c}",
                     df=df, c=df.id, n=F.col("odd name"), lo=2, s="d").collect()
    assert [tuple(r) for r in rows] == [(2, "b'c")]
    # A str is a SQL string literal with quotes and backslashes escaped, as PySpark's get_lit_sql_str.
    assert spark.sql("SELECT {s} AS s", s="it's a \\ test").first().s == "it's a \\ test"
    # The same DataFrame twice is one view; two DataFrames join.
    other = spark.createDataFrame([(2, "x")], "id int, t string")
    assert spark.sql("SELECT count(*) AS n FROM {a} JOIN {b} USING (id) JOIN {a} a2 USING (id)", a=df, b=other).first().n == 1


def test_views_are_dropped_and_the_result_still_runs(spark):
    before = {t.name for t in spark.catalog.listTables()}
    out = spark.sql("SELECT id * 2 AS d FROM {df}", df=spark.range(3))
    assert {t.name for t in spark.catalog.listTables()} == before
    # The analysed plan holds the view's plan, so the view's removal does not affect the result.
    assert [r.d for r in out.collect()] == [0, 2, 4]


def test_a_column_must_be_a_plain_reference(spark):
    with pytest.raises(PySparkValueError) as e:
        spark.sql("SELECT {c}", c=F.col("id") + 1)
    assert e.value.getErrorClass() == "VALUE_NOT_PLAIN_COLUMN_REFERENCE"
    # A failed call leaves no view behind either.
    before = {t.name for t in spark.catalog.listTables()}
    with pytest.raises(Exception):
        spark.sql("SELECT nope FROM {df}", df=spark.range(1))
    assert {t.name for t in spark.catalog.listTables()} == before


def test_lit_of_a_list_is_an_array_and_binds_as_one(spark):
    row = spark.range(1).select(F.lit([1, 2, 3]), F.lit(["a", None]), F.lit([[1], [2, 3]])).first()
    assert list(row) == [[1, 2, 3], ["a", None], [[1], [2, 3]]]
    assert spark.range(1).select(F.lit([1, 2, 3])).columns == ["array(1, 2, 3)"]
    with pytest.raises(PySparkValueError) as e:
        F.lit([F.col("id")])
    assert e.value.getErrorClass() == "COLUMN_IN_LIST"
    assert spark.sql("SELECT size(:a) AS n", args={"a": [1, 2]}).first().n == 2
    assert spark.sql("SELECT ? AS xs", args=[["x", "y"]]).first().xs == ["x", "y"]

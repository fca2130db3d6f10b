"""min/max over structs and arrays, ordered as Spark orders them: field by field (element by element), a NULL
field below any value."""

from __future__ import annotations

import pytest

from kindling.sql import Row
from kindling.sql import functions as F


@pytest.fixture
def df(spark):
    return spark.createDataFrame(
        [(1, "b", 1, [1, 2]), (1, None, 2, [1]), (2, "a", 3, None), (None, "z", 4, [None, 5]), (2, "a", None, [0, 9])],
        "x int, y string, g int, a array<int>",
    )


def test_min_max_of_a_struct_compare_field_by_field_with_null_first(df):
    s = F.struct("x", "y")
    assert df.select(F.min(s).alias("mn"), F.max(s).alias("mx")).collect() == [
        Row(mn=Row(x=None, y="z"), mx=Row(x=2, y="a"))
    ]


def test_grouped_min_max_of_a_struct(df):
    s = F.struct("x", "y")
    got = df.groupBy((F.col("g") % 2).alias("k")).agg(F.min(s).alias("mn"), F.max(s).alias("mx")).orderBy("k").collect()
    assert got == [
        Row(k=None, mn=Row(x=2, y="a"), mx=Row(x=2, y="a")),
        Row(k=0, mn=Row(x=None, y="z"), mx=Row(x=1, y=None)),
        Row(k=1, mn=Row(x=1, y="b"), mx=Row(x=2, y="a")),
    ]


def test_min_max_of_an_array_compare_element_by_element_then_length(df):
    # [None, 5] is the smallest (a NULL element first); [1] < [1, 2] (a prefix is smaller); NULL arrays are skipped.
    assert df.select(F.min("a").alias("mn"), F.max("a").alias("mx")).collect() == [Row(mn=[None, 5], mx=[1, 2])]


def test_min_max_of_structs_in_sql(spark):
    got = spark.sql("SELECT min(s) AS mn, max(s) AS mx FROM (SELECT named_struct('a', id % 3, 'b', -id) AS s FROM range(10))").collect()
    assert got == [Row(mn=Row(a=0, b=-9), mx=Row(a=2, b=-2))]


def test_max_of_a_struct_holding_an_array(spark):
    df = spark.createDataFrame([(1, [1]), (1, [1, 0]), (0, [9])], "x int, a array<int>")
    assert df.select(F.max(F.struct("x", "a")).alias("m")).collect() == [Row(m=Row(x=1, a=[1, 0]))]

"""Result formats: Arrow (inline and shared memory) and pickled rows give the same Rows and pandas DataFrames."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from kindling.sql import functions as F
from kindling.sql.functions import col

ARROW = "spark.sql.execution.arrow.pyspark.enabled"


@pytest.fixture(scope="module")
def mixed(spark):
    return spark.createDataFrame(
        [
            (1, 10, 1.5, "a", True, datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 12, 30, 0, 5)),
            (2, None, None, None, None, None, None),
            (3, 30, float("nan"), "c", False, datetime.date(1969, 12, 31), datetime.datetime(1969, 12, 31, 23, 59, 59)),
        ],
        "i int, l bigint, d double, s string, b boolean, dt date, ts timestamp",
    )


def both(conf, fn):
    conf({ARROW: "true"})
    with_arrow = fn()
    conf({ARROW: "false"})
    without = fn()
    conf({ARROW: "true"})
    return with_arrow, without


def test_collect_same_with_and_without_arrow(conf, mixed):
    a, p = both(conf, mixed.collect)
    assert len(a) == 3
    assert [r.asDict() for r in a[:2]] == [r.asDict() for r in p[:2]]
    assert a[0].ts == datetime.datetime(2024, 1, 1, 12, 30, 0, 5)
    assert np.isnan(a[2].d) and np.isnan(p[2].d)
    assert type(a[0].l) is int and type(p[0].l) is int


def test_to_pandas_same_with_and_without_arrow(conf, mixed):
    a, p = both(conf, mixed.toPandas)
    pdt.assert_frame_equal(a, p)
    # PySpark's dtypes: int without nulls stays int32; with nulls float64; nullable booleans object.
    assert a.dtypes.to_dict() == {
        "i": np.dtype("int32"), "l": np.dtype("float64"), "d": np.dtype("float64"), "s": np.dtype("O"),
        "b": np.dtype("O"), "dt": np.dtype("O"), "ts": np.dtype("datetime64[ns]"),
    }
    assert a["dt"][0] == datetime.date(2024, 1, 1)
    assert a["ts"][0] == pd.Timestamp("2024-01-01 12:30:00.000005")


def test_to_pandas_empty_keeps_dtypes(conf, mixed):
    a, p = both(conf, lambda: mixed.limit(0).toPandas())
    assert list(a.columns) == mixed.columns and len(a) == 0
    assert a["i"].dtype == np.dtype("int32") and p["i"].dtype == np.dtype("int32")
    assert a["l"].dtype == np.dtype("int64") and p["l"].dtype == np.dtype("int64")


def test_take_same_with_and_without_arrow(conf, spark):
    df = spark.range(100).withColumn("sq", col("id") * col("id"))
    a, p = both(conf, lambda: df.take(3))
    assert a == p == [(0, 0), (1, 1), (2, 4)]


def test_arrays_both_ways(conf, spark):
    df = (spark.createDataFrame([(1, 1, "x"), (1, None, None), (2, None, "y")], "k int, v int, s string")
          .coalesce(1).groupBy("k").agg(F.collect_list("v").alias("vs"), F.collect_list("s").alias("ss"))
          .orderBy("k"))
    a, p = both(conf, lambda: [tuple(r) for r in df.collect()])
    assert a == p == [(1, [1], ["x"]), (2, [], ["y"])]


def test_large_to_pandas_goes_through_shm_and_leaves_nothing(spark, shm_files):
    before = shm_files()
    df = spark.range(300_000).withColumn("x", col("id") * 2)
    pdf = df.toPandas()
    assert len(pdf) == 300_000
    assert pdf["x"].sum() == 2 * sum(range(300_000))
    assert shm_files() == before


def test_large_collect_via_shm(spark, shm_files):
    before = shm_files()
    rows = spark.range(200_000).collect()
    assert len(rows) == 200_000 and rows[-1].id == 199_999
    assert shm_files() == before


def test_duplicate_column_names_survive(spark):
    a = spark.createDataFrame([(1, "x")], ["k", "v"])
    b = spark.createDataFrame([(1, "y")], ["k", "v"])
    j = a.join(b, a.k == b.k)
    assert j.columns == ["k", "v", "k", "v"]
    assert tuple(j.collect()[0]) == (1, "x", 1, "y")
    pdf = j.toPandas()
    assert list(pdf.columns) == ["k", "v", "k", "v"]


def test_large_pickled_rows_go_through_shm_and_leave_nothing(conf, spark, shm_files):
    before = shm_files()
    df = spark.range(0, 200_000).select("id", (col("id") * 0.5).alias("x"))
    a, p = both(conf, df.toPandas)
    pdt.assert_frame_equal(a, p)
    assert len(p) == 200_000 and p["x"].iloc[-1] == 99_999.5
    assert shm_files() == before

"""df.describe, df.corr, df.cov and df.stat from Python: Spark's layout (string columns, a ``summary`` column),
values and errors (PySpark 4.3's)."""

from __future__ import annotations

import math

import pytest

from kindling.errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from kindling.sql import _dataframe_stat
from kindling.sql.dataframe import DataFrame
from examples import run_examples


@pytest.mark.parametrize("fn", [DataFrame.describe, DataFrame.corr, DataFrame.cov, _dataframe_stat.DataFrameStatFunctions.corr,
                                _dataframe_stat.DataFrameStatFunctions.cov])
def test_examples_run(spark, fn):
    run_examples(fn, spark, fn.__name__, functions=False)


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([(1, 2.5, "a", True), (2, None, "b", False), (10, 4.0, None, None), (None, 1e10, "10", True)],
                                 "i int, d double, s string, b boolean").coalesce(1)


def test_describe_layout_and_values(df):
    r = df.describe()
    assert r.columns == ["summary", "i", "d", "s"]
    assert [f.dataType.simpleString() for f in r.schema.fields] == ["string"] * 4
    assert [tuple(x) for x in r.collect()] == [
        ("count", "3", "3", "3"),
        ("mean", "4.333333333333333", "3.3333333355E9", "10.0"),
        ("stddev", "4.932882862316247", "5.77350269001987E9", None),
        ("min", "1", "2.5", "10"),
        ("max", "10", "1.0E10", "b"),
    ]
    assert [tuple(x) for x in df.describe("i", "s").collect()][1] == ("mean", "4.333333333333333", "10.0")
    assert [tuple(x) for x in df.describe(["d"]).collect()][0] == ("count", "3")
    assert [tuple(x) for x in df.select("b").describe().collect()] == [("count",), ("mean",), ("stddev",), ("min",), ("max",)]


def test_describe_of_one_row_and_of_none(spark):
    one = spark.createDataFrame([(1, 1.0)], "i int, d double").describe().collect()
    assert [tuple(x) for x in one] == [("count", "1", "1"), ("mean", "1.0", "1.0"), ("stddev", None, None), ("min", "1", "1.0"), ("max", "1", "1.0")]
    none = spark.createDataFrame([], "i int, d double").describe().collect()
    assert [tuple(x) for x in none] == [("count", "0", "0"), ("mean", None, None), ("stddev", None, None), ("min", None, None), ("max", None, None)]


def test_corr_and_cov(spark, df):
    assert df.corr("i", "d") == pytest.approx(-0.4737463358924181, rel=1e-12)
    assert df.stat.corr("i", "d", "pearson") == df.corr("i", "d")
    assert df.cov("i", "d") == pytest.approx(-10833333326.208334, rel=1e-12) and df.stat.cov("i", "d") == df.cov("i", "d")
    df2 = spark.createDataFrame([(1, 1.0), (1, 2.0), (3, 3.0)], "i int, d double")
    assert (df2.corr("i", "d"), df2.cov("i", "d")) == (pytest.approx(0.8660254037844385), pytest.approx(1.0))
    # Spark's StatFunctions read NULL as 0.0 (hence the values above) and divide by zero into NaN.
    assert math.isnan(spark.createDataFrame([(1, 1.0)], "i int, d double").corr("i", "d"))
    assert math.isnan(spark.createDataFrame([(1, 1.0)], "i int, d double").cov("i", "d"))


def test_errors(df):
    with pytest.raises(PySparkValueError, match=r"Value for `method` has to be amongst the following values: \['pearson'\]"):
        df.corr("i", "d", "spearman")
    with pytest.raises(IllegalArgumentException, match="requirement failed: Currently correlation calculation for columns with dataType string not supported."):
        df.corr("i", "s")
    with pytest.raises(PySparkTypeError, match="Argument `col2` should be str, got int."):
        df.corr("i", 1)

"""first / last / first_value / last_value / any_value as aggregates (and over windows) from Python: the flag as
``ignorenulls`` / ``ignoreNulls``, the column names PySpark gives them, and the errors for a bad flag."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException, PySparkTypeError
from kindling.sql import Window
from kindling.sql import functions as F
from examples import run_examples


@pytest.fixture(scope="module")
def df(spark):
    # One partition, so the first and last rows are the rows as written.
    return spark.createDataFrame([("a", None), ("a", 2), ("a", 3), ("a", None), ("b", 5), ("c", None)], "k string, v int").coalesce(1)


def test_first_and_last_keep_or_skip_nulls(df):
    g = df.groupBy("k").agg(F.first("v"), F.last("v"), F.first("v", ignorenulls=True).alias("f"), F.last("v", True).alias("l"),
                            F.any_value("v", True).alias("a"))
    assert g.columns == ["k", "first(v)", "last(v)", "f", "l", "a"]
    assert [tuple(r) for r in g.orderBy("k").collect()] == [("a", None, None, 2, 3, 2), ("b", 5, 5, 5, 5, 5), ("c", None, None, None, None, None)]


def test_sql_names_and_ignore_nulls(spark, df):
    df.createOrReplaceTempView("first_last_t")
    try:
        out = spark.sql("SELECT k, first(v IGNORE NULLS), last_value(v) IGNORE NULLS, first_value(v), any_value(v, true) "
                        "FROM first_last_t GROUP BY k ORDER BY k")
        assert out.columns == ["k", "first(v)", "last(v)", "first_value(v)", "any_value(v)"]
        assert [tuple(r) for r in out.collect()] == [("a", 2, 3, None, 2), ("b", 5, 5, 5, 5), ("c", None, None, None, None)]
    finally:
        spark.catalog.dropTempView("first_last_t")


def test_alias_names_and_column_flag(df):
    g = df.groupBy("k").agg(F.first_value("v"), F.last_value("v", F.lit(True)), F.any_value("v"))
    assert g.columns == ["k", "first_value(v)", "last_value(v)", "any_value(v)"]
    assert [r[2] for r in g.orderBy("k").collect()] == [3, 5, None]


def test_last_over_a_window_still_works(df):
    w = Window.partitionBy("k").orderBy("v").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    out = df.select("k", F.last("v", True).over(w).alias("l")).orderBy("k").collect()
    assert [(r.k, r.l) for r in out] == [("a", 3)] * 4 + [("b", 5), ("c", None)]


def test_a_flag_that_is_not_a_boolean_literal_is_refused(df):
    with pytest.raises(AnalysisException, match="The second argument in first should be a boolean literal") as e:
        df.select(F.first_value("v", F.col("v") > 1)).collect()
    assert e.value.getErrorClass() == "_LEGACY_ERROR_TEMP_1210"
    with pytest.raises(PySparkTypeError, match="NOT_BOOL_OR_COLUMN"):
        F.first("v", "yes")
    with pytest.raises(AnalysisException, match="_LEGACY_ERROR_TEMP_1210"):
        df.selectExpr("last(v, 'yes')")


@pytest.mark.parametrize("fn", [F.first, F.last, F.first_value, F.last_value, F.any_value], ids=lambda f: f.__name__)
def test_docstring_examples_run(spark, fn):
    run_examples(fn, spark, fn.__name__)

"""Window functions from Python: Window/WindowSpec, Column.over, the ranking/offset functions, aggregates over
frames, errors; plus the runnable examples of their docstrings."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException, PySparkTypeError
from kindling.sql import Column, Window, WindowSpec
from kindling.sql import _window_functions, window
from kindling.sql import functions as F
from examples import run_examples


@pytest.fixture
def df(spark):
    return spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("a", 2, 25), ("b", 1, 5), (None, 3, 1)],
                                 "k string, o int, v int")


def test_ranking_and_offsets(df):
    w = Window.partitionBy("k").orderBy("o", "v")
    out = df.select("k", "o", "v", F.row_number().over(w).alias("rn"), F.rank().over(Window.partitionBy("k").orderBy("o")).alias("rk"),
                    F.lag("v").over(w).alias("prev"), F.lead("v", 1, -1).over(w).alias("next"))
    assert out.dtypes[3:5] == [("rn", "int"), ("rk", "int")]
    assert sorted(tuple(r) for r in out.collect() if r.k is not None) == [
        ("a", 1, 10, 1, 1, None, 20), ("a", 2, 20, 2, 2, 10, 25), ("a", 2, 25, 3, 2, 20, -1), ("b", 1, 5, 1, 1, None, -1)]


def test_aggregates_over_frames(df):
    w = Window.partitionBy("k").orderBy("o", "v")
    out = df.select("k", "v", F.sum("v").over(w).alias("run"), F.sum("v").over(Window.partitionBy("k")).alias("tot"),
                    F.avg("v").over(w.rowsBetween(-1, 1)).alias("mov"),
                    F.count("*").over(Window.partitionBy("k").orderBy("o").rangeBetween(-1, Window.currentRow)).alias("c"))
    got = {(r.k, r.v): (r.run, r.tot, r.mov, r.c) for r in out.collect()}
    assert got[("a", 10)] == (10, 55, 15.0, 1)
    assert got[("a", 25)] == (55, 55, 22.5, 3)
    assert got[(None, 1)] == (1, 1, 1.0, 1)


def test_same_window_through_sql_and_dataframe(spark, df):
    df.createOrReplaceTempView("wdf")
    try:
        via_sql = spark.sql("SELECT k, v, dense_rank() OVER (PARTITION BY k ORDER BY o) AS r FROM wdf").collect()
        via_df = df.select("k", "v", F.dense_rank().over(Window.partitionBy("k").orderBy("o")).alias("r")).collect()
        assert sorted(map(tuple, via_sql), key=str) == sorted(map(tuple, via_df), key=str)
    finally:
        spark.catalog.dropTempView("wdf")


def test_windows_over_aggregate_groups(spark, df):
    # Sums per k: a → 55, b → 5, NULL → 1 (PySpark answers the same for both forms).
    inside = df.groupBy("k").agg(F.sum("v").alias("s"), F.rank().over(Window.orderBy(F.sum("v"))).alias("r"))
    above = df.groupBy("k").agg(F.sum("v").alias("s")).withColumn("r", F.rank().over(Window.orderBy("s")))
    expected = [(None, 1, 1), ("a", 55, 3), ("b", 5, 2)]
    for out in (inside, above):
        assert sorted((tuple(r) for r in out.collect()), key=str) == sorted(expected, key=str)
    df.createOrReplaceTempView("wagg")
    try:
        got = spark.sql("SELECT k, sum(v) s, rank() OVER (ORDER BY sum(v)) r FROM wagg GROUP BY k HAVING sum(v) > 1").collect()
        assert sorted(tuple(r) for r in got) == [("a", 55, 2), ("b", 5, 1)]
        with pytest.raises(AnalysisException, match="WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE"):
            spark.sql("SELECT k FROM wagg WHERE rank() OVER (ORDER BY v) = 1")
    finally:
        spark.catalog.dropTempView("wagg")


def test_errors(df):
    with pytest.raises(AnalysisException, match="WINDOW_FUNCTION_WITHOUT_ORDER"):
        df.select(F.row_number().over(Window.partitionBy("k")))
    with pytest.raises(AnalysisException, match="WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE"):
        df.select(F.rank())
    with pytest.raises(PySparkTypeError, match="NOT_WINDOWSPEC"):
        F.rank().over("k")
    with pytest.raises(PySparkTypeError, match="NOT_INT"):
        Window.orderBy("v").rowsBetween(0.5, 1)
    with pytest.raises(PySparkTypeError, match="NOT_INT"):
        F.ntile("2")


def test_window_spec_is_immutable_and_prints():
    base = Window.partitionBy("k")
    ordered = base.orderBy(F.desc("v")).rowsBetween(Window.unboundedPreceding, Window.currentRow)
    assert isinstance(ordered, WindowSpec) and base is not ordered
    assert repr(F.sum("v").over(ordered)) == (
        "Column<'sum(v) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'>")


DOCUMENTED = [window.WindowSpec.partitionBy, window.WindowSpec.orderBy, window.WindowSpec.rowsBetween,
              window.WindowSpec.rangeBetween, Column.over] + [getattr(_window_functions, n) for n in _window_functions.__all__]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: o.__qualname__)
def test_docstring_examples_run(spark, obj):
    run_examples(obj, spark, functions=False)

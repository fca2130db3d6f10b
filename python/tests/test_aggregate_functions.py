"""The statistical aggregates from Python: their examples run, results and NULLs are Spark's (also over a shuffle and
over windows), generated column names print as PySpark's, and bad arguments raise Spark's errors."""

from __future__ import annotations

import math

import pytest

from kindling.errors import AnalysisException
from kindling.sql import Window
from kindling.sql import _aggregate_functions as A
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", A.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_moments_and_their_edges(spark):
    df = spark.createDataFrame([("a", 0.1), ("a", 0.7), ("a", 1.3), ("a", 2.9), ("a", 10.01), ("b", 5.0), ("b", None), ("c", None),
                                ("d", 3.0), ("d", 3.0)], "k string, x double").coalesce(1)
    g = df.groupBy("k").agg(F.stddev("x"), F.stddev_pop("x"), F.var_samp("x"), F.var_pop("x"), F.skewness("x"), F.kurtosis("x")).orderBy("k")
    assert g.columns == ["k", "stddev(x)", "stddev_pop(x)", "var_samp(x)", "var_pop(x)", "skewness(x)", "kurtosis(x)"]
    # PySpark 4.3's answers: one row -> NULL for the sample variants, no spread -> NULL skewness/kurtosis.
    assert [tuple(r) for r in g.collect()] == [
        ("a", 4.0540128268174, 3.6260193049679152, 16.43502, 13.148016000000002, 1.2694616272697128, -0.08522397605496179),
        ("b", None, 0.0, None, 0.0, None, None),
        ("c", None, None, None, None, None, None),
        ("d", 0.0, 0.0, 0.0, 0.0, None, None),
    ]
    nan = spark.createDataFrame([(float("nan"),), (1.0,)], "x double").agg(F.variance("x")).first()[0]
    assert math.isnan(nan)


def test_covariance_and_regression(spark):
    df = spark.createDataFrame([(0.1, 2.3), (0.7, 4.1), (1.3, 7.7), (2.9, 0.9), (10.01, 3.3), (None, 1.0), (2.0, None)], "x double, y double").coalesce(1)
    r = df.agg(F.corr("x", "y"), F.covar_pop("x", "y"), F.covar_samp("x", "y"), F.regr_count("y", "x"), F.regr_avgx("y", "x"),
               F.regr_avgy("y", "x"), F.regr_sxx("y", "x"), F.regr_syy("y", "x"), F.regr_sxy("y", "x"), F.regr_slope("y", "x"),
               F.regr_intercept("y", "x"), F.regr_r2("y", "x")).first()
    expected = (-0.14924720470552305, -1.2367199999999994, -1.5458999999999992, 5, 3.002, 3.66, 65.74008, 26.111999999999995,
                -6.183599999999997, -0.09406133974890198, 3.9423721419262034, 0.022274728112412302)
    for got, want in zip(r, expected):
        assert got == pytest.approx(want, rel=1e-12)
    assert r.__fields__[:2] == ["corr(x, y)", "covar_pop(x, y)"] and r.__fields__[3] == "regr_count(y, x)"


def test_merged_partial_states_equal_one_pass(spark):
    rows = [(i % 3, None if i % 11 == 0 else (i * 37 % 101) / 8.0, float(i * 13 % 17)) for i in range(300)]
    df = spark.createDataFrame(rows, "k int, x double, y double")
    aggs = lambda: [F.stddev("x"), F.kurtosis("x"), F.skewness("x"), F.corr("x", "y"), F.covar_samp("x", "y"), F.regr_slope("y", "x"), F.regr_r2("y", "x")]  # noqa: E731
    spread = df.repartition(5).groupBy("k").agg(*aggs()).orderBy("k").collect()
    one = df.coalesce(1).groupBy("k").agg(*aggs()).orderBy("k").collect()
    for a, b in zip(spread, one):
        assert a[0] == b[0]
        assert list(a[1:]) == pytest.approx(list(b[1:]), rel=1e-9)


def test_over_windows(spark):
    df = spark.createDataFrame([("a", 0.1, 2.3), ("a", 0.7, 4.1), ("a", 1.3, 7.7), ("b", 2.9, 0.9), ("b", 10.01, 3.3), ("b", 11.0, None)],
                               "k string, x double, y double")
    w = Window.partitionBy("k").orderBy("x")
    out = df.select("k", "x", F.stddev("x").over(w).alias("s"), F.var_pop("x").over(w.rowsBetween(-1, 1)).alias("v"),
                    F.corr("x", "y").over(Window.partitionBy("k")).alias("c")).orderBy("k", "x").collect()
    expected = [(None, 0.09, 0.9819805060619659), (0.4242640687119285, 0.24000000000000007, 0.9819805060619659),
                (0.6000000000000001, 0.09000000000000002, 0.9819805060619659), (None, 12.638024999999997, 1.0),
                (5.027529214236353, 13.015799999999999, 1.0), (4.418563114859852, 0.2450250000000001, 1.0)]
    for r, e in zip(out, expected):
        assert [r.s, r.v, r.c] == pytest.approx(list(e), rel=1e-12) if e[0] is not None else (r.s is None and [r.v, r.c] == pytest.approx(list(e[1:])))


def test_sql_aliases_keep_their_names(spark):
    out = spark.sql("SELECT std(x), stddev(x), variance(x), stddev_samp(DISTINCT x) FROM VALUES (1), (1), (2) AS t(x)")
    assert out.columns == ["std(x)", "stddev(x)", "variance(x)", "stddev_samp(DISTINCT x)"]
    assert tuple(out.first()) == pytest.approx((0.5773502691896258, 0.5773502691896258, 0.33333333333333337, 0.7071067811865476))


def test_bad_arguments_are_analysis_errors(spark):
    df = spark.createDataFrame([(True, 1)], "b boolean, i int")
    with pytest.raises(AnalysisException, match=r'Cannot resolve "stddev\(b\)" due to data type mismatch: The first parameter requires the "DOUBLE" type, however "b" has the type "BOOLEAN"\.'):
        df.agg(F.stddev("b"))
    with pytest.raises(AnalysisException, match=r'The second parameter requires the "NUMERIC" type, however "b" has the type "BOOLEAN"'):
        df.agg(F.regr_avgx("i", "b"))
    with pytest.raises(AnalysisException, match=r"The `corr` requires 2 parameters but the actual number is 1\."):
        spark.sql("SELECT corr(1)").collect()

"""Approximate and ordered-set aggregates from Python (approx_count_distinct, percentile_approx, approx_percentile,
product, mode, listagg/string_agg and their _distinct forms) and the DataFrame statistics built on them (summary,
approxQuantile, crosstab, freqItems, sampleBy, also on df.stat). Expected values are PySpark 4.3's."""

from __future__ import annotations

import pytest

from kindling.errors import AnalysisException, IllegalArgumentException, PySparkTypeError, PySparkValueError
from kindling.sql import _approx_aggregate_functions as A
from kindling.sql import _dataframe_stat
from kindling.sql import functions as F
from kindling.sql.dataframe import DataFrame
from examples import run_examples


@pytest.mark.parametrize("name", A.__all__)
def test_function_examples_run(spark, name):
    run_examples(getattr(F, name), spark, name)


@pytest.mark.parametrize("fn", [DataFrame.summary, DataFrame.approxQuantile, DataFrame.crosstab, DataFrame.freqItems, DataFrame.sampleBy,
                                _dataframe_stat.DataFrameStatFunctions.approxQuantile, _dataframe_stat.DataFrameStatFunctions.crosstab,
                                _dataframe_stat.DataFrameStatFunctions.freqItems, _dataframe_stat.DataFrameStatFunctions.sampleBy])
def test_method_examples_run(spark, fn):
    run_examples(fn, spark, fn.__name__, functions=False)


def test_approx_count_distinct_matches_spark(spark):
    df = spark.range(100000).selectExpr("id AS x", "CAST(id AS STRING) AS s", "id * 1.5D AS d")
    r = df.agg(F.approx_count_distinct("x"), F.approx_count_distinct("x", 0.1), F.approx_count_distinct("s"), F.approx_count_distinct("d")).first()
    assert tuple(r) == (95546, 102065, 97299, 96257)
    assert df.agg(F.approx_count_distinct("x")).columns == ["approx_count_distinct(x)"]
    small = spark.createDataFrame([(1, "a"), (1, "b"), (1, None), (2, None)], "k int, x string")
    assert [tuple(r) for r in small.groupBy("k").agg(F.approx_count_distinct("x")).orderBy("k").collect()] == [(1, 2), (2, 0)]


def test_approx_count_distinct_errors(spark):
    df = spark.createDataFrame([(1,)], "x int")
    with pytest.raises(AnalysisException, match="FAILED_FUNCTION_CALL"):
        df.agg(F.approx_count_distinct("x", 0.5)).collect()
    with pytest.raises(PySparkTypeError):
        F.approx_count_distinct("x", "0.1")


def test_percentile_approx_types_and_groups(spark):
    df = spark.createDataFrame([("a", 1.5), ("a", 2.5), ("a", 9.0), ("b", None)], "k string, x double")
    g = df.groupBy("k").agg(F.percentile_approx("x", 0.5)).orderBy("k")
    assert g.columns == ["k", "percentile_approx(x, 0.5, 10000)"]
    assert [tuple(r) for r in g.collect()] == [("a", 2.5), ("b", None)]
    big = spark.range(0, 20000, 1, 1).selectExpr("CAST(id * 7 % 1001 AS DOUBLE) AS x")
    assert tuple(big.agg(F.percentile_approx("x", 0.5), F.percentile_approx("x", [0.25, 0.75], 50)).first()) == (497.0, [252.0, 728.0])
    assert spark.range(0, 1000, 1, 1).agg(F.percentile_approx("id", 0.3, 10)).first()[0] == 295
    with pytest.raises(AnalysisException, match="VALUE_OUT_OF_RANGE"):
        df.agg(F.percentile_approx("x", 1.5)).collect()
    with pytest.raises(AnalysisException, match="accuracy must be between"):
        df.agg(F.percentile_approx("x", 0.5, 0)).collect()


def test_product_mode_listagg(spark):
    df = spark.range(5).selectExpr("id AS x", "CAST(id AS STRING) AS s").coalesce(1)
    r = df.agg(F.product("x"), F.product(F.col("x") + 1), F.mode("x", True), F.listagg("s", "-"), F.string_agg("s", ","),
               F.listagg_distinct("s"), F.string_agg_distinct("s"))
    assert r.columns == ["product(x)", "product((x + 1))", "mode() WITHIN GROUP (ORDER BY x DESC)", "listagg(s, -)", "string_agg(s, ,)",
                         "listagg(DISTINCT s, NULL)", "string_agg(DISTINCT s, NULL)"]
    first = r.first()
    assert tuple(first)[:5] == (0.0, 120.0, 0, "0-1-2-3-4", "0,1,2,3,4")
    # DISTINCT keeps no order of Spark's; the values are the same.
    assert sorted(first[5]) == sorted(first[6]) == list("01234")
    assert spark.createDataFrame([], "x int").agg(F.product("x")).first()[0] is None
    m = spark.createDataFrame([(1, "a"), (2, "b"), (2, "b"), (None, None), (None, None), (None, None)], "x int, s string")
    assert tuple(m.agg(F.mode("x"), F.mode("s")).first()) == (2, "b")
    with pytest.raises(PySparkTypeError):
        F.mode("x", 1)


def test_listagg_of_binary_and_numbers(spark):
    b = spark.createDataFrame([("41",), ("42",)], "h string").coalesce(1).select(F.unhex("h").alias("b"))
    assert bytes(b.agg(F.listagg("b", b",")).first()[0]) == b"A,B"
    n = spark.createDataFrame([(1.5,), (2.0,)], "x double").coalesce(1)
    assert n.agg(F.string_agg("x", ",")).first()[0] == "1.5,2.0"


def test_summary_layout(spark):
    df = spark.createDataFrame([(1, "a", 2.0), (10, "b", None), (None, "10", 4.5), (4, "a", 1.0), (7, None, 3.0)],
                               "i int, s string, d double").coalesce(1)
    s = df.summary()
    assert s.schema.simpleString() == "struct<summary:string,i:string,s:string,d:string>"
    assert [tuple(r) for r in s.collect()] == [
        ("count", "4", "4", "4"), ("mean", "5.5", "10.0", "2.625"), ("stddev", "3.872983346207417", None, "1.4930394055974097"),
        ("min", "1", "10", "1.0"), ("25%", "1", "10.0", "1.0"), ("50%", "4", "10.0", "2.0"), ("75%", "7", "10.0", "3.0"),
        ("max", "10", "b", "4.5")]
    t = df.summary("count", "min", "10%", "count_distinct", "approx_count_distinct", "max")
    assert [tuple(r) for r in t.collect()] == [
        ("count", "4", "4", "4"), ("min", "1", "10", "1.0"), ("10%", "1", "10.0", "1.0"), ("count_distinct", "4", "3", "4"),
        ("approx_count_distinct", "4", "3", "4"), ("max", "10", "b", "4.5")]
    assert [tuple(r) for r in df.select("s").summary("mean", "50%").collect()] == [("mean", "10.0"), ("50%", "10.0")]
    none = spark.createDataFrame([(True,)], "b boolean").summary()
    assert none.columns == ["summary"] and [r[0] for r in none.collect()] == ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]
    with pytest.raises(IllegalArgumentException, match="UNRECOGNIZED_STATISTIC"):
        df.summary("foo")
    with pytest.raises(IllegalArgumentException, match="The statistic 'abc%' is not recognized"):
        df.summary("abc%")


def test_approx_quantile(spark):
    df = spark.createDataFrame([(1, 2.0), (10, None), (None, 4.5), (4, 1.0), (7, 3.0)], "i int, d double").coalesce(1)
    assert df.approxQuantile("i", [0.0, 0.25, 0.5, 1.0], 0.0) == [1.0, 1.0, 4.0, 10.0]
    assert df.approxQuantile(["i", "d"], [0.5], 0.1) == [[4.0], [2.0]]
    # Two partitions ([1.0, 2.0] and [NULL, 4.5]) merge as in Spark's local[2]; one gives what Spark's one does.
    two = spark.createDataFrame([(1.0,), (2.0,), (None,), (4.5,)], "d double").repartition(1).coalesce(1)
    assert two.stat.approxQuantile("d", [0.5], 0.25) == [1.0]
    big = spark.range(0, 100000, 1, 1).selectExpr("(id * 7919) % 100003 AS x")
    assert big.approxQuantile("x", [0.1, 0.5, 0.9], 0.001) == [10027.0, 49971.0, 89977.0]
    nan = spark.createDataFrame([(1.0,), (float("nan"),), (3.0,)], "x double")
    assert nan.approxQuantile("x", [0.5, 1.0], 0.0) == [1.0, 3.0]
    assert spark.createDataFrame([], "x double").approxQuantile("x", [0.5], 0.0) == []
    s = spark.createDataFrame([("a",)], "s string")
    with pytest.raises(IllegalArgumentException, match="Quantile calculation for column s with data type StringType is not supported"):
        s.approxQuantile("s", [0.5], 0.0)
    with pytest.raises(PySparkValueError, match="NEGATIVE_VALUE"):
        df.approxQuantile("i", [0.5], -1.0)
    with pytest.raises(PySparkTypeError, match="should be list\\[float, int\\], got float"):
        df.approxQuantile("i", [1.5], 0.1)
    with pytest.raises(PySparkTypeError, match="should be list, str or tuple, got int"):
        df.approxQuantile(1, [0.5], 0.1)


def test_crosstab(spark):
    df = spark.createDataFrame([(1, "a"), (10, "b"), (None, "10"), (4, "a"), (7, None)], "i int, s string")
    t = df.crosstab("s", "i")
    assert t.schema.simpleString() == "struct<s_i:string,1:bigint,10:bigint,4:bigint,7:bigint,null:bigint>"
    # Spark's row order is its hash map's: compared as a set.
    assert sorted(tuple(r) for r in t.collect()) == sorted([("10", 0, 0, 0, 0, 1), ("b", 0, 1, 0, 0, 0), ("a", 1, 0, 1, 0, 0), ("null", 0, 0, 0, 1, 0)])
    with pytest.raises(PySparkTypeError):
        df.crosstab("s", 1)


def test_freq_items(spark):
    df = spark.createDataFrame([(1, "a"), (10, "b"), (None, "10"), (4, "a"), (7, None)], "i int, s string").coalesce(1)
    f = df.freqItems(["i", "s"])
    assert f.schema.simpleString() == "struct<i_freqItems:array<int>,s_freqItems:array<string>>"
    # Listed in Spark's order (its Scala HashMap's).
    assert tuple(f.first()) == ([None, 1, 4, 7, 10], [None, "a", "10", "b"])
    mixed = spark.range(0, 40, 1, 1).selectExpr("id % 13 AS a", "CAST(id % 9 AS STRING) AS s", "CAST(id % 5 AS DOUBLE) / 2 AS d",
                                                 "id * 1000000000 % 7000000000 AS l")
    assert tuple(mixed.freqItems(["a", "s", "d", "l"], 0.01).first()) == (
        list(range(13)), ["1", "5", "3", "4", "2", "7", "6", "8", "0"], [0.0, 0.5, 1.5, 1.0, 2.0],
        [3000000000, 0, 6000000000, 5000000000, 2000000000, 1000000000, 4000000000])
    grown = spark.range(0, 100, 1, 1).selectExpr("id % 30 AS a", "CONCAT('k', CAST(id % 20 AS STRING)) AS s").freqItems(["a", "s"]).first()
    assert grown[1] == ["k6", "k9", "k19", "k3", "k14", "k8", "k0", "k10", "k18", "k2", "k1", "k15", "k5", "k4", "k12", "k16", "k7", "k11", "k13", "k17"]
    assert spark.createDataFrame([(True,), (False,), (None,)], "b boolean").coalesce(1).freqItems(["b"]).first()[0] == [None, False, True]
    many = spark.createDataFrame([(i % 3, i % 5) for i in range(100)], "a int, b int").coalesce(1)
    assert tuple(many.stat.freqItems(("a", "b"), 0.4).first()) == ([0], [4])
    with pytest.raises(IllegalArgumentException, match="Support must be in \\[1e-4, 1\\], but got 2.0"):
        df.freqItems(["i"], 2.0)
    with pytest.raises(IllegalArgumentException, match="but got 1.0E-5"):
        df.freqItems(["i"], 1e-5)


def test_sample_by(spark):
    df = spark.range(0, 100).selectExpr("id % 3 AS k")
    assert [tuple(r) for r in df.sampleBy("k", {0: 1.0, 1: 0.0}, 7).groupBy("k").count().orderBy("k").collect()] == [(0, 34)]
    half = df.sampleBy("k", {0: 0.5, 1: 0.5, 2: 0.5}, 3).count()
    assert 20 < half < 80
    assert df.sampleBy("k", {0: 0.5}, 3).count() == df.sampleBy("k", {0: 0.5}, 3).count()
    s = spark.createDataFrame([("a",)], "s string")
    with pytest.raises(IllegalArgumentException, match="Fractions must be in \\[0, 1\\], but got Map\\(a -> 1.5\\)"):
        s.sampleBy("s", {"a": 1.5})
    with pytest.raises(PySparkTypeError, match="should be dict, got list"):
        s.sampleBy("s", [1])
    with pytest.raises(PySparkTypeError, match="DISALLOWED_TYPE_FOR_CONTAINER"):
        s.sampleBy("s", {(1,): 0.5})

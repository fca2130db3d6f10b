"""count_if, bool_and/every, bool_or/some, bit_and/bit_or/bit_xor, collect_set, array_agg, max_by/min_by, try_sum and
try_avg from Python: examples run, results and NULLs are Spark's (over a shuffle and windows), names are PySpark's."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException
from kindling.sql import Window
from kindling.sql import _logical_aggregate_functions as L
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", L.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_groups_across_partitions(spark):
    rows = [(i % 3, i, None if i % 5 == 0 else i % 4 == 0, f"v{i % 7}") for i in range(60)]
    df = spark.createDataFrame(rows, "k int, x bigint, b boolean, s string").repartition(4)
    g = df.groupBy("k").agg(F.count_if(F.col("x") > 30), F.bool_and("b"), F.bool_or("b"), F.bit_and("x"), F.bit_or("x"), F.bit_xor("x"),
                            F.sort_array(F.collect_set("s")) if hasattr(F, "sort_array") else F.size(F.collect_set("s")),
                            F.max_by("s", "x"), F.min_by("s", "x"), F.try_sum("x"), F.try_avg("x")).orderBy("k").collect()
    for r in g:
        k = r[0]
        xs = [x for (kk, x, _, _) in rows if kk == k]
        bs = [b for (kk, _, b, _) in rows if kk == k and b is not None]
        import functools
        import operator
        assert r[1] == sum(1 for x in xs if x > 30)
        assert (r[2], r[3]) == (all(bs), any(bs))
        assert (r[4], r[5], r[6]) == (functools.reduce(operator.and_, xs), functools.reduce(operator.or_, xs), functools.reduce(operator.xor, xs))
        distinct = sorted({s for (kk, _, _, s) in rows if kk == k})
        assert r[7] == (distinct if isinstance(r[7], list) else len(distinct))
        assert r[8] == f"v{max(xs) % 7}" and r[9] == f"v{min(xs) % 7}"
        assert r[10] == sum(xs) and r[11] == pytest.approx(sum(xs) / len(xs))


def test_empty_and_null_inputs(spark):
    out = spark.sql("SELECT count_if(x > 1), bool_and(x > 0), bool_or(x > 3), bit_and(x), bit_xor(x), collect_set(x), try_sum(x), try_avg(x), "
                    "max_by(x, x) FROM VALUES (1) AS t(x) WHERE x > 5").first()
    assert tuple(out) == (0, None, None, None, None, [], None, None, None)
    assert spark.sql("SELECT every(x), some(x), any(x) FROM VALUES (true), (NULL) AS t(x)").columns == ["every(x)", "some(x)", "any(x)"]
    assert spark.sql("SELECT try_sum(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)").first()[0] is None


def test_over_windows(spark):
    df = spark.createDataFrame([("a", 1), ("b", 2), ("a", 3)], "k string, x int")
    w = Window.orderBy("x")
    out = df.select(F.count_if(F.col("x") > 1).over(w).alias("c"), F.bool_and(F.col("x") > 1).over(w).alias("b"),
                    F.max_by("k", "x").over(w.rowsBetween(-1, 0)).alias("m"), F.collect_set("k").over(w).alias("s")).collect()
    assert [tuple(r) for r in out] == [(0, False, "a", ["a"]), (1, False, "b", ["a", "b"]), (2, False, "a", ["a", "b"])]


def test_bad_arguments(spark):
    df = spark.createDataFrame([(1, 1.5)], "i int, d double")
    with pytest.raises(AnalysisException, match=r'The first parameter requires the "BOOLEAN" type, however "i" has the type "INT"'):
        df.agg(F.count_if("i"))
    with pytest.raises(AnalysisException, match=r'The first parameter requires the "INTEGRAL" type, however "d" has the type "DOUBLE"'):
        df.agg(F.bit_and("d"))
    with pytest.raises(AnalysisException, match=r"The `max_by` requires 2 parameters but the actual number is 1"):
        spark.sql("SELECT max_by(1)").collect()


def test_median_and_percentile(spark):
    df = spark.createDataFrame([(k % 2, None if k % 9 == 0 else float(k * 7 % 23)) for k in range(40)], "g int, x double").repartition(3)
    out = df.groupBy("g").agg(F.median("x"), F.percentile("x", 0.3), F.percentile("x", [0.0, 1.0]), F.percentile("x", 0.5, 2)).orderBy("g")
    assert out.columns == ["g", "median(x)", "percentile(x, 0.3, 1)", "percentile(x, array(0.0, 1.0), 1)", "percentile(x, 0.5, 2)"]
    for r in out.collect():
        vals = sorted(float(k * 7 % 23) for k in range(40) if k % 2 == r[0] and k % 9 != 0)
        pos = (len(vals) - 1) * 0.3
        lo, hi = int(pos // 1), -int(-pos // 1)
        assert r[2] == pytest.approx((hi - pos) * vals[lo] + (pos - lo) * vals[hi] if hi != lo else vals[lo])
        assert r[3] == [vals[0], vals[-1]] and r[1] == r[4]
    with pytest.raises(AnalysisException, match=r"The percentage must be between \[0.0, 1.0\] \(current value = 1.5D\)"):
        df.agg(F.percentile("x", 1.5))

"""array, size / cardinality and array_contains from Python and SQL: examples run, Spark's NULL rules, names."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException
from kindling.sql import _collection_functions as C
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", C.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_array_types_nulls_and_names(spark):
    df = spark.createDataFrame([(1, 2.5, "a"), (None, None, None)], "i int, d double, s string")
    out = df.select(F.array("i", "d"), F.array("i", "s"), F.array([F.col("i")]))
    assert out.columns == ["array(i, d)", "array(i, s)", "array(i)"]
    assert [f.dataType.simpleString() for f in out.schema.fields] == ["array<double>", "array<string>", "array<int>"]
    assert [tuple(r) for r in out.collect()] == [([1.0, 2.5], ["1", "a"], [1]), ([None, None], [None, None], [None])]
    # Elements are never NULL when no argument can be.
    assert not spark.range(1).select(F.array(F.lit(1), F.lit(2)).alias("xs")).schema["xs"].dataType.containsNull
    assert spark.sql("SELECT size(array()), array_contains(array(1, 2), 2), cardinality(array('x'))").first() == (0, True, 1)


def test_size_and_contains_follow_spark(spark, conf):
    df = spark.createDataFrame([([1, None],), (None,), ([],)], "xs array<int>")
    assert [tuple(r) for r in df.select(F.size("xs"), F.array_contains("xs", 1), F.array_contains("xs", 5)).collect()] == [
        (2, True, None), (-1, None, None), (0, False, False)]
    conf({"spark.sql.ansi.enabled": "true"})
    assert [r[0] for r in df.select(F.size("xs")).collect()] == [2, None, 0]


def test_bad_arguments_are_analysis_errors(spark):
    with pytest.raises(AnalysisException, match=r"should all be the same type"):
        spark.sql("SELECT array(1, array(2))").collect()
    with pytest.raises(AnalysisException, match=r"The first parameter of `size` requires"):
        spark.sql("SELECT size(1)").collect()
    with pytest.raises(AnalysisException, match=r"The first parameter of `array_contains` requires the \"ARRAY\" type"):
        spark.sql("SELECT array_contains(1, 1)").collect()

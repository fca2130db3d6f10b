"""Higher-order functions (transform, filter, exists, forall, aggregate/reduce, zip_with, array_sort with a comparator)
and the array functions without lambdas, from Python and SQL: examples run, Spark's NULL rules, names, errors."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException, PySparkValueError
from kindling.sql import _higher_order_functions as H
from kindling.sql import functions as F
from examples import run_examples

NEW_ARRAY_FUNCTIONS = [
    "array_sort", "sort_array", "array_distinct", "array_max", "array_min", "array_position", "array_remove",
    "array_union", "array_intersect", "array_except", "arrays_overlap", "array_join", "slice", "flatten", "element_at",
    "try_element_at", "get", "arrays_zip", "sequence", "array_append", "array_prepend", "array_compact", "array_insert",
    "array_size",
]


@pytest.mark.parametrize("name", H.__all__ + NEW_ARRAY_FUNCTIONS)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_lambda_names_follow_spark(spark):
    df = spark.createDataFrame([([1, 2, 3], [10, 20], 5)], "xs array<int>, ys array<int>, k int")
    out = df.select(F.transform("xs", lambda x: x + F.col("k")), F.aggregate("xs", F.lit(0), lambda a, x: a + x))
    assert out.columns == [
        "transform(xs, lambdafunction((namedlambdavariable() + k), namedlambdavariable()))",
        "aggregate(xs, 0, lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(), "
        "namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable()))",
    ]
    assert out.first() == (([6, 7, 8]), 6)
    # Column reprs keep PySpark's fresh variable names, one per placeholder.
    assert repr(F.transform("xs", lambda x, i: x + i)).startswith("Column<'transform(xs, lambdafunction((x_")
    sql = spark.sql("SELECT transform(array(1, 2), x -> x * 2) AS a, "
                    "zip_with(array(1), array(2, 3), (x, y) -> x + y) AS b")
    assert sql.first() == ([2, 4], [3, None])


def test_three_valued_quantifiers_and_nulls(spark):
    df = spark.createDataFrame([([1, 2],), ([1, None],), ([],), (None,)], "xs array<int>")
    rows = df.select(F.exists("xs", lambda x: x > 1), F.forall("xs", lambda x: x > 1),
                     F.transform("xs", lambda x: x * 10),
                     F.filter("xs", lambda x: x.isNotNull())).collect()
    assert [tuple(r) for r in rows] == [
        (True, False, [10, 20], [1, 2]), (None, False, [10, None], [1]), (False, True, [], []), (None, None, None, None)]


def test_nested_lambdas_see_outer_variables(spark, conf):
    # Pickled rows: arrays of arrays come back as zeros over the Arrow result path (outside these functions).
    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    df = spark.sql("SELECT array(array(1, 2), array(3)) AS xss")
    out = df.select(F.transform("xss", lambda xs: F.transform(xs, lambda x: x + F.size(xs))).alias("t"))
    assert out.first().t == [[3, 4], [4]]


def test_aggregate_is_sequential_with_finish(spark):
    df = spark.createDataFrame([(["a", "b", "c"],), ([],), (["z"],)], "xs array<string>")
    out = df.select(F.aggregate("xs", F.lit(""), lambda acc, x: F.concat(acc, x),
                                lambda acc: F.upper(acc)).alias("s"))
    assert [r.s for r in out.collect()] == ["ABC", "", "Z"]


def test_python_lambda_checks(spark):
    with pytest.raises(PySparkValueError, match=r"\[WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION\] .*takes 0"):
        F.transform("xs", lambda: F.lit(1))
    with pytest.raises(PySparkValueError, match=r"\[UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION\]"):
        F.transform("xs", lambda *a: a[0])
    with pytest.raises(PySparkValueError, match=r"\[HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN\] .*got int"):
        F.transform("xs", lambda x: 1)


def test_analysis_errors_are_sparks(spark):
    df = spark.createDataFrame([([1],)], "xs array<int>")
    with pytest.raises(AnalysisException, match=r"\[INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH\] Invalid lambda "
                       r"function call. A higher order function expects 3 arguments, but got 1."):
        df.select(F.transform("xs", lambda x, y, z: x)).collect()
    with pytest.raises(AnalysisException, match=r"The second parameter requires the \"BOOLEAN\" type"):
        df.select(F.filter("xs", lambda x: x + 1)).collect()
    with pytest.raises(AnalysisException, match=r"The first parameter requires the \"ARRAY\" type, however \"1\""):
        spark.sql("SELECT array_max(1)").collect()


def test_array_functions_follow_spark(spark, conf):
    row = spark.sql(
        "SELECT array_position(array(3, 2, 1, 2), 2) AS p, array_union(array(1, 2), array(1.5D)) AS u, "
        "element_at(array(1, 2, 3), -1) AS e, get(array(1, 2, 3), 3) AS g, sort_array(array(3, NULL, 1)) AS s, "
        "array_sort(array(3, NULL, 1)) AS a, sequence(5, 1) AS q, arrays_overlap(array(1, NULL), array(3)) AS o"
    ).first()
    assert tuple(row) == (2, [1.0, 2.0, 1.5], 3, None, [None, 1, 3], [1, 3, None], [5, 4, 3, 2, 1], None)
    with pytest.raises(Exception, match=r"INVALID_INDEX_OF_ZERO"):
        spark.sql("SELECT element_at(array(1, 2, 3), 0)").collect()
    with pytest.raises(Exception, match=r"INVALID_PARAMETER_VALUE.START"):
        spark.sql("SELECT slice(array(1, 2, 3), 0, 1)").collect()
    conf({"spark.sql.ansi.enabled": "true"})
    with pytest.raises(Exception, match=r"INVALID_ARRAY_INDEX_IN_ELEMENT_AT"):
        spark.sql("SELECT element_at(array(1, 2), 3)").collect()
    assert spark.sql("SELECT try_element_at(array(1, 2), 3)").first()[0] is None

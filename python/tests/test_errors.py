"""Errors: engine errors become PySpark's exception classes at the call that fails, with the engine's message."""

from __future__ import annotations

import pickle

import pytest

from kindling.errors import (
    AnalysisException,
    ArithmeticException,
    IllegalArgumentException,
    KindlingException,
    NumberFormatException,
    PySparkTypeError,
    PySparkValueError,
    SparkRuntimeException,
)
from kindling.sql.functions import col, lit


def test_unknown_column_fails_at_the_transformation(spark):
    df = spark.range(3)
    with pytest.raises(AnalysisException) as e:
        df.select(col("nope"))
    err = e.value
    assert err.getErrorClass().startswith("UNRESOLVED_COLUMN")
    assert str(err).startswith(f"[{err.getErrorClass()}] ")
    assert "`nope`" in str(err) and "`id`" in str(err)
    assert err.getMessage() == str(err)
    assert err.getMessageParameters().get("objectName") == "`nope`"


def test_type_mismatch_is_an_analysis_error(spark):
    with pytest.raises(AnalysisException) as e:
        spark.range(3).select(col("id") + lit(True))
    assert e.value.getErrorClass().startswith("DATATYPE_MISMATCH")


def test_errors_leave_the_session_usable(spark):
    for _ in range(3):
        with pytest.raises(AnalysisException):
            spark.range(1).filter(col("zzz") > 1)
    assert spark.range(5).count() == 5


def test_illegal_argument_from_the_engine(spark):
    df = spark.range(2)
    with pytest.raises(IllegalArgumentException) as e:
        df.join(df, "id", "sideways")
    assert "sideways" in str(e.value)


def test_execution_error_under_ansi(spark, conf):
    conf({"spark.sql.ansi.enabled": "true"})
    df = spark.range(1).select(lit("abc").cast("int").alias("x"))
    with pytest.raises(SparkRuntimeException) as e:
        df.collect()
    # The job's error wraps the task's, as Spark's SparkException does: the task error is the __cause__.
    cause = e.value if e.value.getErrorClass() == "CAST_INVALID_INPUT" else e.value.__cause__
    assert isinstance(cause, NumberFormatException)
    assert cause.getErrorClass() == "CAST_INVALID_INPUT"
    assert "'abc'" in str(cause)
    with pytest.raises(SparkRuntimeException) as e:
        spark.range(1).select((col("id") / 0).alias("q")).collect()
    cause = e.value if e.value.getErrorClass() == "DIVIDE_BY_ZERO" else e.value.__cause__
    assert isinstance(cause, ArithmeticException)


def test_client_side_argument_errors_are_pyspark_errors(spark):
    df = spark.range(2)
    with pytest.raises(PySparkTypeError) as e:
        df.show(n="5")
    assert str(e.value) == "[NOT_INT] Argument `n` should be an int, got str."
    assert isinstance(e.value, TypeError)
    with pytest.raises(PySparkTypeError):
        df.show(vertical="no")
    with pytest.raises(PySparkValueError):
        spark.createDataFrame([])
    with pytest.raises(PySparkTypeError):
        spark.range("3")


def test_exceptions_pickle_and_compare(spark):
    with pytest.raises(AnalysisException) as e:
        spark.range(1).select("nope")
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is AnalysisException
    assert str(again) == str(e.value)
    assert isinstance(e.value, KindlingException)

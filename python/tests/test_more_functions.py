"""The functions added for issue 4/6 from Python: every docstring example runs, and results, NULLs, names and
errors are Spark's (expected values from PySpark 4)."""

from __future__ import annotations

import datetime

import pytest

from kindling.errors import AnalysisException
from kindling.sql import _alias_functions as A
from kindling.sql import _format_functions as FM
from kindling.sql import _more_functions as MO
from kindling.sql import _tuple_functions as TU
from kindling.sql import _call_functions as CA
from kindling.sql import _datetime_more_functions as DT
from kindling.sql import _window_more_functions as WM
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", A.__all__ + FM.__all__ + MO.__all__ + TU.__all__ + CA.__all__ + DT.__all__ + WM.__all__)
def test_examples_run(spark, name):
    run_examples(getattr(F, name), spark, name)


def test_alias_names_and_values(spark):
    df = spark.createDataFrame([(datetime.date(2024, 2, 10), "Spark SQL", -1.25)], "d date, s string, x double")
    out = df.select(F.year("d"), F.month("d"), F.day("d"), F.dayofmonth("d"), F.substr("s", F.lit(-3)), F.ceiling("x"))
    assert out.columns == ["year(d)", "month(d)", "day(d)", "dayofmonth(d)", "substr(s, -3, 2147483647)", "ceiling(x)"]
    assert out.first() == (2024, 2, 10, 10, "SQL", -1)


def test_extract(spark):
    df = spark.createDataFrame([(datetime.date(2024, 3, 1),)], ["d"])
    out = df.select(F.extract(F.lit("YEAR"), "d"), F.extract(F.lit("doy"), df.d))
    assert out.columns == ["extract(YEAR FROM d)", "extract(doy FROM d)"]
    assert out.first() == (2024, 61)
    with pytest.raises(AnalysisException, match="INVALID_EXTRACT_FIELD"):
        df.select(F.extract(F.lit("foo"), "d")).collect()


def test_format_string_nulls_and_errors(spark):
    df = spark.createDataFrame([(None, 1.5)], "a int, b double")
    assert df.select(F.format_string("%s|%d|%b", "a", "a", "a")).first()[0] == "null|null|false"
    with pytest.raises(Exception, match="d != java.lang.Double"):
        df.select(F.format_string("%d", "b")).collect()
    with pytest.raises(Exception, match="Format specifier '%s'"):
        df.select(F.format_string("%s %s", "b")).collect()


def test_mask_errors(spark):
    df = spark.createDataFrame([("abc",)], ["s"])
    with pytest.raises(AnalysisException, match=r"INPUT_SIZE_NOT_ONE.*Length of upperChar should be 1"):
        df.select(F.mask("s", F.lit("xy"))).collect()
    with pytest.raises(AnalysisException, match="NON_FOLDABLE_INPUT"):
        df.select(F.mask("s", F.col("s"))).collect()
    assert df.select(F.mask("s", None, F.lit(None))).first()[0] == "abc"

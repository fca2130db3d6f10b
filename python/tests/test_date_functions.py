"""Date arithmetic and calendar fields from Python: the examples run, NULLs propagate, names print as in Spark."""

from __future__ import annotations

import datetime as dt

import pytest

from kindling.errors import AnalysisException
from kindling.sql import _date_functions as D
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", D.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_columns_nulls_and_names(spark):
    df = spark.createDataFrame([(dt.date(2024, 1, 31), 1), (None, 2), (dt.date(2023, 3, 1), None)], "d date, n int")
    out = df.select(F.date_add("d", "n"), F.date_sub("d", 1), F.add_months("d", "n"), F.datediff("d", F.lit("2024-01-01")),
                    F.last_day("d"), F.dayofweek("d"), F.dayofyear("d"), F.quarter("d"), F.weekofyear("d"))
    assert out.columns == ["date_add(d, n)", "date_sub(d, 1)", "add_months(d, n)", "datediff(d, 2024-01-01)", "last_day(d)",
                           "dayofweek(d)", "dayofyear(d)", "quarter(d)", "weekofyear(d)"]
    rows = [tuple(r) for r in out.collect()]
    assert rows[0] == (dt.date(2024, 2, 1), dt.date(2024, 1, 30), dt.date(2024, 2, 29), 30, dt.date(2024, 1, 31), 4, 31, 1, 5)
    assert all(v is None for v in rows[1])
    assert rows[2][0] is None and rows[2][1] == dt.date(2023, 2, 28) and rows[2][2] is None and rows[2][3] == -306


def test_bad_arguments_are_analysis_errors(spark):
    with pytest.raises(AnalysisException, match=r"The second parameter of `date_add` requires"):
        spark.range(1).select(F.date_add(F.lit("2024-01-01"), F.lit(dt.date(2024, 1, 1)))).collect()

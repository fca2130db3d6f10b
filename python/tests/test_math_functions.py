"""The math functions over doubles from Python: their examples run, results and NULLs are Spark's, and generated
column names print as Spark prints them."""

from __future__ import annotations

import math

import pytest

from kindling.errors import AnalysisException
from kindling.sql import _math_functions as M
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", M.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_values_nulls_and_domains(spark):
    df = spark.createDataFrame([(1.0, 2), (0.0, None), (-1.0, 3), (None, 4)], "x double, i int")
    rows = df.select(F.exp("x"), F.ln("x"), F.log10("x"), F.log1p("x"), F.acos("x"), F.pow("x", "i"), F.log(2, "x")).collect()
    assert rows[0] == (math.e, 0.0, 0.0, math.log1p(1.0), 0.0, 1.0, 0.0)
    # ln/log10/log of 0 and below are NULL; log1p(-1) too; acos stays defined on [-1, 1].
    assert rows[1][1:3] == (None, None) and rows[1][5] is None and rows[1][6] is None
    assert rows[2][1] is None and rows[2][3] is None and rows[2][4] == math.pi and rows[2][5] == -1.0
    assert all(v is None for v in rows[3])
    assert math.isnan(spark.range(1).select(F.asin(F.lit(2))).first()[0])


def test_names_print_as_in_spark(spark):
    df = spark.createDataFrame([(4.0,)], "x double")
    cols = df.select(F.exp("x"), F.ln("x"), F.log("x"), F.log(10, "x"), F.pow("x", 2), F.atan2("x", "x"), F.sin("x"),
                     F.rint("x"), F.pi(), F.e()).columns
    assert cols == ["EXP(x)", "ln(x)", "LOG(E(), x)", "LOG(10.0, x)", "POWER(x, 2.0)", "ATAN2(x, x)", "SIN(x)", "rint(x)",
                    "PI()", "E()"]
    # An alias prints as it was called, as Spark's FUNC_ALIAS tag makes it.
    assert spark.sql("SELECT log(x), power(x, 2), pow(x, 2), sign(x), signum(x) FROM VALUES (4.0) AS t(x)").columns == [
        "LOG(E(), x)", "POWER(x, 2)", "pow(x, 2)", "sign(x)", "SIGNUM(x)"]


def test_bad_arguments_are_analysis_errors(spark):
    with pytest.raises(AnalysisException, match=r"The first parameter of `exp` requires the \"DOUBLE\" type"):
        spark.sql("SELECT exp(struct(1))").collect()
    with pytest.raises(AnalysisException, match=r"`pi` requires 0 parameters but the actual number is 1"):
        spark.sql("SELECT pi(1)").collect()

"""Functions registered with ``spark.udf.register`` called from SQL expression strings: ``selectExpr``,
``F.expr``, ``filter``/``where`` with text, as in PySpark; and a window name in an expression string."""

import pandas as pd
import pytest

from kindling.errors import AnalysisException
from kindling.sql import Row
from kindling.sql import functions as F
from kindling.sql.functions import pandas_udf
from kindling.sql.types import IntegerType


@pytest.fixture
def words(spark):
    return spark.createDataFrame([(1, "abc"), (2, ""), (3, None), (4, "hello")], "id int, s string")


def test_registered_udf_in_select_expr_expr_and_filter(spark, words):
    spark.udf.register("strlen_expr", lambda s: None if s is None else len(s), IntegerType())
    out = words.selectExpr("id", "strlen_expr(s) AS n", "strlen_expr(s) * 10")
    assert out.columns == ["id", "n", "(strlen_expr(s) * 10)"]
    assert out.orderBy("id").collect() == [Row(id=1, n=3, **{"(strlen_expr(s) * 10)": 30}),
                                           Row(id=2, n=0, **{"(strlen_expr(s) * 10)": 0}),
                                           Row(id=3, n=None, **{"(strlen_expr(s) * 10)": None}),
                                           Row(id=4, n=5, **{"(strlen_expr(s) * 10)": 50})]
    assert [r.id for r in words.filter("strlen_expr(s) > 1").orderBy("id").collect()] == [1, 4]
    assert [r.id for r in words.where("strlen_expr(s) = 0 OR s IS NULL").orderBy("id").collect()] == [2, 3]
    assert words.select(F.expr("strlen_expr(upper(s)) + id AS m")).orderBy("m").collect() == [
        Row(m=None), Row(m=2), Row(m=4), Row(m=9)]
    assert words.withColumn("n", F.expr("strlen_expr(s)")).filter(F.col("n") >= 3).count() == 2


def test_registered_pandas_udf_in_expression_strings(spark, words):
    @pandas_udf("double")
    def halve_expr(v: pd.Series) -> pd.Series:
        return v / 2

    spark.udf.register("halve_expr", halve_expr)
    assert words.selectExpr("halve_expr(id) AS h").orderBy("h").collect() == [Row(h=0.5), Row(h=1.0), Row(h=1.5),
                                                                               Row(h=2.0)]
    assert [r.id for r in words.filter("halve_expr(id) >= 1.5").orderBy("id").collect()] == [3, 4]


def test_unregistered_name_and_window_name_in_expression_strings(spark, words):
    with pytest.raises(AnalysisException) as e:
        words.selectExpr("no_such_udf_expr(s)")
    assert e.value.getErrorClass() == "UNRESOLVED_ROUTINE"
    with pytest.raises(AnalysisException) as e:
        words.selectExpr("sum(id) OVER w")
    assert e.value.getErrorClass() == "MISSING_WINDOW_SPECIFICATION"
    assert "Window specification w is not defined in the WINDOW clause." in str(e.value)

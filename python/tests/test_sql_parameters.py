"""``spark.sql(text, args)``: named (``:lo``) and positional (``?``) parameter markers bound as literals of the Python
value's type, and Spark's errors for unbound, mixed and invalid ones. Expected values are PySpark 4.3's answers."""

from __future__ import annotations

import datetime

import pytest

from kindling.errors import AnalysisException, PySparkTypeError
from kindling.sql import functions as F


@pytest.fixture(scope="module")
def ten(spark):
    spark.range(10).createOrReplaceTempView("params_r")
    yield
    spark.catalog.dropTempView("params_r")


def error_class(e: pytest.ExceptionInfo) -> str:
    return e.value.getErrorClass()


def test_named_and_positional_markers(spark, ten):
    assert [r.id for r in spark.sql("SELECT * FROM params_r WHERE id > :lo ORDER BY id", args={"lo": 5}).collect()] == [6, 7, 8, 9]
    assert [r.id for r in spark.sql("SELECT * FROM params_r WHERE id > ? AND id < ? ORDER BY id", args=[2, 5]).collect()] == [3, 4]
    # A name used twice binds twice; markers work in LIMIT, table functions and subqueries too.
    assert spark.sql("SELECT :a + :a AS s", args={"a": 3}).first().s == 6
    assert spark.sql("SELECT * FROM params_r LIMIT :n", args={"n": 2}).count() == 2
    assert spark.sql("SELECT count(*) AS c FROM range(:n)", args={"n": 3}).first().c == 3
    assert spark.sql("SELECT count(*) AS c FROM params_r WHERE id IN (SELECT id FROM params_r WHERE id < ?)", args=[4]).first().c == 4


def test_values_bind_as_literals_of_their_type(spark):
    df = spark.sql("SELECT :a AS a, :b AS b, :c AS c, :d AS d, :e AS e, :f AS f, :g AS g, :h AS h",
                   args={"a": 1, "b": 2 ** 40, "c": 1.5, "d": "x'y", "e": True, "f": None, "g": datetime.date(2024, 1, 2),
                         "h": datetime.datetime(2024, 1, 2, 3, 4, 5)})
    assert [t for _, t in df.dtypes] == ["int", "bigint", "double", "string", "boolean", "void", "date", "timestamp"]
    assert tuple(df.first()) == (1, 2 ** 40, 1.5, "x'y", True, None, datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5))
    # A literal Column is a value too; the generated name is the literal's.
    lit_col = spark.sql("SELECT :c", args={"c": F.lit(5)})
    assert lit_col.columns == ["5"] and lit_col.first()[0] == 5
    # Markers in strings and quoted names are text; extra arguments are ignored.
    quoted = spark.sql("SELECT ':a' AS s, `:a` FROM (SELECT 1 AS `:a`)", args={"a": 1, "unused": 2})
    assert tuple(quoted.first()) == (":a", 1)


def test_a_view_keeps_the_bound_values(spark):
    spark.sql("CREATE OR REPLACE TEMP VIEW params_v AS SELECT :a AS x", args={"a": 7})
    try:
        assert spark.table("params_v").first().x == 7
    finally:
        spark.catalog.dropTempView("params_v")


@pytest.mark.parametrize("query, args, name", [
    ("SELECT ?, ?", [1], "_10"),
    ("SELECT :a, :b", {"a": 1}, "b"),
    ("SELECT ?", {"a": 1}, "_7"),
    ("SELECT :a", [1], "a"),
    ("SELECT :A", {"a": 1}, "A"),
    ("SELECT :a", None, "a"),
])
def test_unbound_markers(spark, query, args, name):
    with pytest.raises(AnalysisException, match=f"Found the unbound parameter: {name}\\.") as e:
        spark.sql(query, args=args)
    assert error_class(e) == "UNBOUND_SQL_PARAMETER"


@pytest.mark.parametrize("args", [{"a": 1}, [1]])
def test_mixed_markers(spark, args):
    with pytest.raises(AnalysisException) as e:
        spark.sql("SELECT :a, ?", args=args)
    assert error_class(e) == "INVALID_QUERY_MIXED_QUERY_PARAMETERS"


def test_invalid_arguments(spark, ten):
    with pytest.raises(AnalysisException, match="The argument c of `sql\\(\\)` is invalid") as e:
        spark.sql("SELECT :c", args={"c": F.col("id")})
    assert error_class(e) == "INVALID_SQL_ARG"
    with pytest.raises(PySparkTypeError, match="INVALID_TYPE"):
        spark.sql("SELECT ?", args=(1,))
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN_OR_LITERAL"):
        spark.sql("SELECT :a", args={"a": object()})
    with pytest.raises(AnalysisException, match="INVALID_LIMIT_LIKE_EXPRESSION"):
        spark.sql("SELECT * FROM params_r LIMIT :n", args={"n": "x"})

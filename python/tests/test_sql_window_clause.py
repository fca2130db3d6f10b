"""The named WINDOW clause through ``spark.sql``: results and column names equal to the inline ``OVER (…)``, windows
naming windows, and Spark's error classes. Expected values computed by hand."""

import pytest

from kindling.errors import AnalysisException, ParseException
from kindling.sql import Row


@pytest.fixture
def scores(spark):
    df = spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("a", 2, None), ("b", 1, 5), (None, 3, 1)],
                               "k string, o int, v int")
    df.createOrReplaceTempView("wc_scores")
    yield df
    spark.catalog.dropTempView("wc_scores")


def test_named_window_matches_inline_spec(spark, scores):
    named = spark.sql("SELECT k, o, v, sum(v) OVER w AS total, rank() OVER (w) AS r FROM wc_scores "
                      "WINDOW w AS (PARTITION BY k ORDER BY o) ORDER BY k, o, v")
    assert named.collect() == [Row(k=None, o=3, v=1, total=1, r=1), Row(k="a", o=1, v=10, total=10, r=1),
                               Row(k="a", o=2, v=None, total=30, r=2), Row(k="a", o=2, v=20, total=30, r=2),
                               Row(k="b", o=1, v=5, total=5, r=1)]
    unaliased = spark.sql("SELECT max(v) OVER w FROM wc_scores WINDOW w AS (PARTITION BY k ORDER BY o)")
    inline = spark.sql("SELECT max(v) OVER (PARTITION BY k ORDER BY o) FROM wc_scores")
    assert unaliased.columns == inline.columns == [
        "max(v) OVER (PARTITION BY k ORDER BY o ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"]


def test_windows_naming_windows_and_clause_after_order_by(spark, scores):
    rows = spark.sql("SELECT k, count(v) OVER w2 AS c FROM wc_scores WINDOW w2 AS w1, w1 AS (PARTITION BY k) "
                     "ORDER BY k, o, v").collect()
    assert [(r.k, r.c) for r in rows] == [(None, 1), ("a", 2), ("a", 2), ("a", 2), ("b", 1)]
    rows = spark.sql("SELECT k, row_number() OVER w AS n FROM wc_scores ORDER BY k, o, v "
                     "WINDOW w AS (PARTITION BY k ORDER BY o, v) LIMIT 3").collect()
    assert rows == [Row(k=None, n=1), Row(k="a", n=1), Row(k="a", n=2)]


def test_window_clause_errors(spark, scores):
    with pytest.raises(AnalysisException) as e:
        spark.sql("SELECT sum(v) OVER w FROM wc_scores")
    assert e.value.getErrorClass() == "MISSING_WINDOW_SPECIFICATION"
    assert "Window specification w is not defined in the WINDOW clause." in str(e.value)
    with pytest.raises(ParseException) as e:
        spark.sql("SELECT sum(v) OVER w FROM wc_scores WINDOW w AS w")
    assert e.value.getErrorClass() == "INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE"
    with pytest.raises(ParseException) as e:
        spark.sql("SELECT sum(v) OVER w FROM wc_scores WINDOW w AS nowhere")
    assert e.value.getErrorClass() == "INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE"
    assert "Cannot resolve window reference `nowhere`." in str(e.value)
    with pytest.raises(ParseException) as e:
        spark.sql("SELECT sum(v) OVER w FROM wc_scores WINDOW w AS (ORDER BY o), w AS (ORDER BY v)")
    assert e.value.getErrorClass() == "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION"
    with pytest.raises(ParseException) as e:
        spark.sql("SELECT rank() OVER (w ORDER BY o) FROM wc_scores WINDOW w AS (PARTITION BY k)")
    assert e.value.getErrorClass() == "PARSE_SYNTAX_ERROR"

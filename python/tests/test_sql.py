"""spark.sql, temporary views and spark.catalog through the client, against the real engine; plus the runnable
examples of their docstrings."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException, ParseException, PySparkTypeError
from kindling.sql import DataFrame, SparkSession
from kindling.sql import functions as F
from kindling.sql.catalog import Catalog
from examples import run_examples


@pytest.fixture
def people(spark):
    spark.createDataFrame([(1, "ann", 10), (2, "bob", None), (3, "cid", 30)], "id int, name string, v int") \
        .createOrReplaceTempView("people")
    yield "people"
    spark.catalog.dropTempView("people")


def test_sql_returns_a_dataframe_that_chains(spark, people):
    df = spark.sql("SELECT id, upper(name) AS n FROM people WHERE v IS NOT NULL")
    assert isinstance(df, DataFrame)
    assert df.columns == ["id", "n"]
    assert df.filter(F.col("id") > 1).collect() == [(3, "CID")]


def test_sql_joins_aggregates_and_orders(spark, people):
    spark.createDataFrame([(1, "x"), (3, "y"), (3, "z")], "id int, tag string").createOrReplaceTempView("tags")
    try:
        rows = spark.sql("SELECT p.name, count(t.tag) AS c FROM people p LEFT JOIN tags t USING (id) "
                         "GROUP BY p.name ORDER BY c DESC, p.name").collect()
        assert [(r.name, r.c) for r in rows] == [("cid", 2), ("ann", 1), ("bob", 0)]
    finally:
        spark.catalog.dropTempView("tags")


def test_parse_errors_are_parse_exceptions_with_position(spark):
    with pytest.raises(ParseException) as e:
        spark.sql("SELECT a,\n b FROM t WHERE")
    assert e.value.getErrorClass() == "PARSE_SYNTAX_ERROR"
    assert "Syntax error at or near end of input.(line 2, pos 15)" in str(e.value)
    assert isinstance(e.value, AnalysisException)


def test_analysis_errors_name_the_thing_at_fault(spark, people):
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.sql("SELECT * FROM nowhere")
    with pytest.raises(AnalysisException, match="`zz`"):
        spark.sql("SELECT zz FROM people")
    # The session stays usable.
    assert spark.sql("SELECT count(*) AS n FROM people").first().n == 3


def test_bad_arguments(spark):
    with pytest.raises(PySparkTypeError):
        spark.sql(42)
    with pytest.raises(KeyError):  # a field the keywords do not name, as str.format
        spark.sql("SELECT {x}", y=1)
    with pytest.raises(PySparkTypeError):
        spark.range(1).createOrReplaceTempView(None)


def test_views_and_catalog(spark):
    spark.range(3).createTempView("v_three")
    try:
        with pytest.raises(AnalysisException, match="TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"):
            spark.range(1).createTempView("v_three")
        assert spark.catalog.tableExists("v_three")
        names = [(t.name, t.tableType, t.isTemporary, t.namespace) for t in spark.catalog.listTables()]
        assert ("v_three", "TEMPORARY", True, []) in names
        assert spark.table("v_three").count() == 3
    finally:
        assert spark.catalog.dropTempView("v_three") is True
    assert spark.catalog.dropTempView("v_three") is False
    with pytest.raises(AnalysisException, match="SCHEMA_NOT_FOUND"):
        spark.catalog.listTables("nope")


def test_global_temp_views_are_shared_between_sessions(spark):
    spark.range(4).createOrReplaceGlobalTempView("g_shared")
    other = spark.newSession()
    try:
        assert other.sql("SELECT sum(id) AS s FROM global_temp.g_shared").first().s == 6
        listed = [(t.name, t.namespace) for t in other.catalog.listTables("global_temp")]
        assert ("g_shared", ["global_temp"]) in listed
        with pytest.raises(AnalysisException):
            other.table("g_shared")
    finally:
        other.stop()
        assert spark.catalog.dropGlobalTempView("g_shared")


def test_session_views_are_private_to_their_session(spark):
    spark.range(1).createOrReplaceTempView("private_view")
    other = spark.newSession()
    try:
        with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
            other.sql("SELECT * FROM private_view")
    finally:
        other.stop()
        spark.catalog.dropTempView("private_view")


def test_sql_commands(spark):
    spark.sql("CREATE OR REPLACE TEMP VIEW cmd_v AS SELECT 1 AS a, 'x' AS b")
    try:
        assert [tuple(r) for r in spark.sql("DESCRIBE cmd_v").collect()] == [("a", "int", None), ("b", "string", None)]
        assert ("", "cmd_v", True) in [tuple(r) for r in spark.sql("SHOW TABLES").collect()]
        plan = spark.sql("EXPLAIN EXTENDED SELECT a FROM cmd_v").first().plan
        assert "== Optimized Logical Plan ==" in plan
    finally:
        spark.sql("DROP VIEW cmd_v")
    assert not spark.catalog.tableExists("cmd_v")


@pytest.mark.parametrize("obj", [SparkSession.sql, SparkSession.table, DataFrame.createTempView,
                                 DataFrame.createOrReplaceTempView, DataFrame.createGlobalTempView,
                                 DataFrame.createOrReplaceGlobalTempView, Catalog.listTables, Catalog.tableExists,
                                 Catalog.dropTempView, Catalog.dropGlobalTempView],
                         ids=lambda o: o.__qualname__)
def test_docstring_examples_run(spark, obj):
    run_examples(obj, spark, functions=False)
    for name in ("people", "three", "xs", "listed_view", "probe_view"):
        spark.catalog.dropTempView(name)
    for name in ("g_five",):
        spark.catalog.dropGlobalTempView(name)

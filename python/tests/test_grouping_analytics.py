"""Grouping analytics from Python: df.rollup / df.cube with F.grouping / F.grouping_id, and SQL's ROLLUP, CUBE and
GROUPING SETS, against results computed by hand (NULL keys in the data must stay apart from aggregated-away ones)."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException
from kindling.sql import DataFrame, Row
from kindling.sql import functions as F
from examples import run_examples

ROWS = [("A", 2020, 10), ("A", 2021, 20), ("B", 2020, 5), (None, 2020, 7), ("B", None, 3), ("A", 2020, None)]


@pytest.fixture(scope="module")
def sales(spark):
    return spark.createDataFrame(ROWS, "city string, year int, amount int").repartition(2)


def _sorted(rows, gid_field):
    # By grouping id, then the keys with NULLs first.
    return sorted(rows, key=lambda r: (r[gid_field], [(v is not None, v if v is not None else 0) for v in r[:2]]))


def test_rollup_keeps_null_keys_apart(sales):
    df = sales.rollup("city", "year").agg(F.sum("amount"), F.grouping("city"), F.grouping("year"), F.grouping_id())
    assert df.columns == ["city", "year", "sum(amount)", "grouping(city)", "grouping(year)", "grouping_id()"]
    assert [(f.dataType.simpleString(), f.nullable) for f in df.schema.fields] == [
        ("string", True), ("int", True), ("bigint", True), ("int", False), ("int", False), ("bigint", False)]
    got = [tuple(r) for r in _sorted(df.collect(), "grouping_id()")]
    assert got == [
        (None, 2020, 7, 0, 0, 0),
        ("A", 2020, 10, 0, 0, 0),
        ("A", 2021, 20, 0, 0, 0),
        ("B", None, 3, 0, 0, 0),
        ("B", 2020, 5, 0, 0, 0),
        (None, None, 7, 0, 1, 1),
        ("A", None, 30, 0, 1, 1),
        ("B", None, 8, 0, 1, 1),
        (None, None, 45, 1, 1, 3),
    ]


def test_cube_counts_every_subset(sales):
    df = sales.cube("city", "year").agg(F.count("*").alias("n"), F.grouping_id("city", "year").alias("g"))
    got = [tuple(r) for r in _sorted(df.collect(), "g")]
    assert got == [
        (None, 2020, 1, 0), ("A", 2020, 2, 0), ("A", 2021, 1, 0), ("B", None, 1, 0), ("B", 2020, 1, 0),
        (None, None, 1, 1), ("A", None, 3, 1), ("B", None, 2, 1),
        (None, None, 1, 2), (None, 2020, 4, 2), (None, 2021, 1, 2),
        (None, None, 6, 3),
    ]


def test_shorthand_aggregates_and_column_objects(sales):
    counted = sales.rollup(sales.year).count()
    assert counted.columns == ["year", "count"]
    assert sorted((r.year or 0, r["count"]) for r in counted.collect()) == [(0, 1), (0, 6), (2020, 4), (2021, 1)]
    summed = sales.cube(F.col("city")).sum("amount").orderBy(F.col("sum(amount)").desc()).collect()
    assert [tuple(r) for r in summed] == [(None, 45), ("A", 30), ("B", 8), (None, 7)]
    assert sales.filter(F.col("amount") > 100).rollup("city").count().collect() == []


def test_grouping_in_expressions_and_filters(sales):
    df = (sales.cube("city")
          .agg(F.when(F.grouping("city") == 1, "all").otherwise(F.col("city")).alias("label"), F.sum("amount").alias("s"))
          .filter(F.col("label").isNotNull())
          .orderBy("s"))
    assert df.collect() == [Row(city="B", label="B", s=8), Row(city="A", label="A", s=30), Row(city=None, label="all", s=45)]


def test_grouping_functions_above_the_aggregate(sales):
    df = sales.cube("city", "year").count().filter(F.grouping("city") == 1).orderBy(F.grouping_id().desc(), "year")
    assert df.columns == ["city", "year", "count"]
    assert [tuple(r) for r in df.collect()] == [(None, None, 6), (None, None, 1), (None, 2020, 4), (None, 2021, 1)]
    with pytest.raises(AnalysisException) as e:
        sales.groupBy("city").count().orderBy(F.grouping_id())
    assert e.value.getErrorClass() == "UNSUPPORTED_GROUPING_EXPRESSION"


def test_show_layout(sales):
    text = sales.rollup("city").agg(F.sum("amount"), F.grouping("city")).orderBy("grouping(city)", "city")._show_string()
    assert text == (
        "+----+-----------+--------------+\n"
        "|city|sum(amount)|grouping(city)|\n"
        "+----+-----------+--------------+\n"
        "|NULL|          7|             0|\n"
        "|   A|         30|             0|\n"
        "|   B|          8|             0|\n"
        "|NULL|         45|             1|\n"
        "+----+-----------+--------------+\n"
    )


def test_sql_grouping_sets_having_order_by(spark, sales):
    sales.createOrReplaceTempView("grouping_sales")
    try:
        _check_sql_grouping_sets(spark)
    finally:
        # The session is shared: other tests expect no views.
        spark.catalog.dropTempView("grouping_sales")


def _check_sql_grouping_sets(spark):
    q = ("SELECT city, year, sum(amount) AS s, grouping_id() AS g FROM grouping_sales "
         "GROUP BY GROUPING SETS ((city, year), (city), ()) HAVING sum(amount) > 7 ORDER BY g, city, year")
    assert [tuple(r) for r in spark.sql(q).collect()] == [
        ("A", 2020, 10, 0), ("A", 2021, 20, 0), ("A", None, 30, 1), ("B", None, 8, 1), (None, None, 45, 3)]
    rolled = spark.sql("SELECT city, count(*) AS n FROM grouping_sales GROUP BY city WITH ROLLUP "
                       "ORDER BY grouping(city), city").collect()
    assert [tuple(r) for r in rolled] == [(None, 1), ("A", 3), ("B", 2), (None, 6)]
    mixed = spark.sql("SELECT city, year, count(*) AS n FROM grouping_sales WHERE city = 'A' "
                      "GROUP BY city, CUBE(year) ORDER BY grouping_id(), year").collect()
    assert [tuple(r) for r in mixed] == [("A", 2020, 2), ("A", 2021, 1), ("A", None, 3)]


def test_errors(spark, sales):
    cases = {
        "UNSUPPORTED_GROUPING_EXPRESSION": lambda: sales.groupBy("city").agg(F.grouping("city")),
        "GROUPING_COLUMN_MISMATCH": lambda: sales.rollup("city").agg(F.grouping("year")),
        "GROUPING_ID_COLUMN_MISMATCH": lambda: sales.cube("city", "year").agg(F.grouping_id("year", "city")),
        "MISSING_AGGREGATION": lambda: sales.rollup("city").agg(F.col("year")),
    }
    for cls, f in cases.items():
        with pytest.raises(AnalysisException) as e:
            f()
        assert e.value.getErrorClass() == cls
    with pytest.raises(AnalysisException, match=r"\[UNSUPPORTED_GROUPING_EXPRESSION\] grouping\(\)/grouping_id\(\) can only"):
        sales.select(F.grouping_id())
    with pytest.raises(AnalysisException, match=r"Column of grouping \(year\) can't be found in grouping columns city"):
        sales.rollup("city").agg(F.grouping("year"))
    assert sales.count() == 6  # the session is still usable


@pytest.mark.parametrize("fn", [F.grouping, F.grouping_id, DataFrame.rollup, DataFrame.cube], ids=lambda f: f.__name__)
def test_docstring_examples_run(spark, fn):
    run_examples(fn, spark, fn.__name__)

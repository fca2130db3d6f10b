"""Timestamp functions and the session time zone from Python: the examples run, NULLs propagate, names print as in
Spark, and ``spark.conf.set("spark.sql.session.timeZone", …)`` changes how timestamps are read, shown and split."""

from __future__ import annotations

import datetime as dt

import pytest

from kindling.errors import AnalysisException, IllegalArgumentException, SparkRuntimeException
from kindling.sql import _timestamp_functions as T
from kindling.sql import functions as F
from examples import run_examples


@pytest.fixture
def tz(spark):
    """Sets the session time zone for one test, restoring UTC after."""
    def set_zone(zone: str) -> None:
        spark.conf.set("spark.sql.session.timeZone", zone)
    yield set_zone
    spark.conf.set("spark.sql.session.timeZone", "UTC")


@pytest.mark.parametrize("name", T.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_names_and_nulls(spark):
    df = spark.createDataFrame([("2024-01-05 10:11:12", 1704449472), (None, None)], "s string, n bigint")
    out = df.select(F.to_timestamp("s"), F.to_date("s", "yyyy-MM-dd HH:mm:ss"), F.unix_timestamp("s"), F.from_unixtime("n"),
                    F.date_format("s", "HH:mm"), F.hour("s"), F.months_between("s", F.lit("2024-01-01")))
    assert out.columns == ["to_timestamp(s)", "to_date(s, yyyy-MM-dd HH:mm:ss)", "unix_timestamp(s, yyyy-MM-dd HH:mm:ss)",
                           "from_unixtime(n, yyyy-MM-dd HH:mm:ss)", "date_format(s, HH:mm)", "hour(s)", "months_between(s, 2024-01-01, true)"]
    rows = [tuple(r) for r in out.collect()]
    assert rows[0][:6] == (dt.datetime(2024, 1, 5, 10, 11, 12), dt.date(2024, 1, 5), 1704449472, "2024-01-05 10:11:12", "10:11", 10)
    assert all(v is None for v in rows[1])


def test_session_time_zone_reads_shows_and_splits(spark, tz):
    tz("America/New_York")
    assert spark.conf.get("spark.sql.session.timeZone") == "America/New_York"
    df = spark.sql("SELECT TIMESTAMP '2024-03-10 12:34:56' AS t")
    row = df.select(F.col("t").cast("string").alias("s"), F.hour("t").alias("h"), F.unix_timestamp("t").alias("u"),
                    F.current_timezone().alias("z")).first()
    assert tuple(row) == ("2024-03-10 12:34:56", 12, 1710088496, "America/New_York")
    assert "2024-03-10 12:34:56" in df._show_string()
    # DST: the gap moves forward, and the date of a late-evening time is the local one.
    assert spark.sql("SELECT CAST(TIMESTAMP '2024-03-10 02:30:00' AS STRING)").first()[0] == "2024-03-10 03:30:00"
    assert spark.sql("SELECT CAST(TIMESTAMP '2024-03-10 23:30:00' AS DATE)").first()[0] == dt.date(2024, 3, 10)
    assert spark.range(1).select(F.from_unixtime(F.lit(0))).first()[0] == "1969-12-31 19:00:00"


def test_invalid_time_zone_is_refused(spark):
    with pytest.raises(IllegalArgumentException, match=r"INVALID_CONF_VALUE.TIME_ZONE"):
        spark.conf.set("spark.sql.session.timeZone", "Foo/Bar")
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"


def test_current_timestamp_is_one_value_per_query(spark):
    df = spark.range(1000).select(F.current_timestamp().alias("a"), F.now().alias("b"))
    assert df.distinct().count() == 1
    assert all(r.a == r.b for r in df.collect())


def test_pattern_errors(spark):
    with pytest.raises(SparkRuntimeException, match=r"INVALID_DATETIME_PATTERN.*'yyyy-bb'"):
        spark.range(1).select(F.date_format(F.lit("2024-01-01"), "yyyy-bb")).collect()
    with pytest.raises(SparkRuntimeException, match=r"DATETIME_PATTERN_RECOGNITION"):
        spark.range(1).select(F.date_format(F.lit("2024-01-01"), "YYYY")).collect()


def test_bad_arguments_are_analysis_errors(spark):
    with pytest.raises(AnalysisException, match=r"The first parameter of `hour` requires"):
        spark.range(1).select(F.hour(F.lit(1))).collect()
    with pytest.raises(AnalysisException, match=r"requires \[1, 2\] parameters"):
        spark.range(1).select(F.expr("to_timestamp('a', 'b', 'c')")).collect()


def test_to_pandas_shows_session_wall_clock(spark, tz):
    import pandas as pd

    tz("America/New_York")
    pdf = spark.sql("SELECT TIMESTAMP '2024-07-05 10:11:12' AS t, 1 AS n").toPandas()
    assert pdf["t"].iloc[0] == pd.Timestamp("2024-07-05 10:11:12")
    tz("+05:30")
    assert spark.sql("SELECT TIMESTAMP '2024-07-05 10:11:12' AS t").toPandas()["t"].iloc[0] == pd.Timestamp("2024-07-05 10:11:12")


def test_date_part_and_sql_forms(spark):
    row = spark.sql("SELECT date_part('SECOND', TIMESTAMP '2024-01-05 10:11:12.5') s, extract(HOUR FROM TIMESTAMP '2024-01-05 10:11:12') h, "
                    "current_date = current_date() c").first()
    from decimal import Decimal

    assert tuple(row) == (Decimal("12.500000"), 10, True)
    with pytest.raises(AnalysisException, match=r"INVALID_EXTRACT_FIELD"):
        spark.range(1).select(F.date_part(F.lit("bogus"), F.lit("2024-01-05"))).collect()

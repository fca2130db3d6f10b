"""show(): the engine's text, printed as PySpark prints it (``print(showString)``, so one blank line follows)."""

from __future__ import annotations

import pytest

from kindling.sql import functions as F
from kindling.sql.functions import col


def shown(capsys, df, *args, **kwargs) -> str:
    df.show(*args, **kwargs)
    out = capsys.readouterr().out
    assert out.endswith("\n\n") or out == "\n"
    return out[:-1]


def test_show_default(spark, capsys):
    df = spark.createDataFrame([(1, "a"), (2, None)], "id int, name string")
    assert shown(capsys, df) == (
        "+---+----+\n"
        "| id|name|\n"
        "+---+----+\n"
        "|  1|   a|\n"
        "|  2|NULL|\n"
        "+---+----+\n"
    )


def test_show_n_and_more_rows(spark, capsys):
    assert shown(capsys, spark.range(5), 2) == (
        "+---+\n"
        "| id|\n"
        "+---+\n"
        "|  0|\n"
        "|  1|\n"
        "+---+\n"
        "only showing top 2 rows\n"
    )


def test_show_truncation(spark, capsys):
    df = spark.createDataFrame([("abcdefghijklmnopqrstuvwxyz",)], ["s"])
    assert shown(capsys, df) == (
        "+--------------------+\n"
        "|                   s|\n"
        "+--------------------+\n"
        "|abcdefghijklmnopq...|\n"
        "+--------------------+\n"
    )
    assert shown(capsys, df, truncate=False) == (
        "+--------------------------+\n"
        "|s                         |\n"
        "+--------------------------+\n"
        "|abcdefghijklmnopqrstuvwxyz|\n"
        "+--------------------------+\n"
    )
    assert shown(capsys, df, truncate=5) == (
        "+-----+\n"
        "|    s|\n"
        "+-----+\n"
        "|ab...|\n"
        "+-----+\n"
    )


def test_show_vertical(spark, capsys):
    df = spark.createDataFrame([(1, "a"), (2, "bb")], ["id", "name"])
    assert shown(capsys, df, vertical=True) == (
        "-RECORD 0---\n"
        " id   | 1   \n"
        " name | a   \n"
        "-RECORD 1---\n"
        " id   | 2   \n"
        " name | bb  \n"
    )


def test_show_doubles_dates_arrays(spark, capsys):
    import datetime

    df = (spark.createDataFrame([(1.0, datetime.date(2024, 2, 29), 1), (1.0, datetime.date(2024, 2, 29), 2)],
                                "d double, dt date, v int")
          .coalesce(1).groupBy("d", "dt").agg(F.collect_list("v").alias("a")))
    assert shown(capsys, df.select(col("d"), col("dt"), col("a"))) == (
        "+---+----------+------+\n"
        "|  d|        dt|     a|\n"
        "+---+----------+------+\n"
        "|1.0|2024-02-29|[1, 2]|\n"
        "+---+----------+------+\n"
    )


def test_show_empty(spark, capsys):
    assert shown(capsys, spark.range(0)) == "+---+\n| id|\n+---+\n+---+\n"

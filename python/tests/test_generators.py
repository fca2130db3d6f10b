"""split() and the generators (explode, posexplode and their _outer forms) from Python, on the real engine."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException, PySparkTypeError, PySparkValueError
from kindling.sql import Row
from kindling.sql import functions as F
from examples import run_examples


@pytest.fixture(scope="module")
def docs(spark):
    return spark.createDataFrame([(1, "a b c"), (2, None), (3, ""), (4, "x,y")], "id int, s string")


def test_explode_rows_and_names(docs):
    df = docs.select("id", F.explode(F.split("s", " ")).alias("w"))
    assert df.columns == ["id", "w"]
    assert sorted(map(tuple, df.collect())) == [(1, "a"), (1, "b"), (1, "c"), (3, ""), (4, "x,y")]
    assert docs.select(F.explode(F.split("s", " "))).columns == ["col"]
    assert docs.withColumn("w", F.explode(F.split("s", ","))).columns == ["id", "s", "w"]


def test_outer_and_positions(docs):
    got = docs.select("id", F.posexplode_outer(F.split("s", "[ ,]")).alias("p", "v")).orderBy("id", "p").collect()
    assert got == [Row(id=1, p=0, v="a"), Row(id=1, p=1, v="b"), Row(id=1, p=2, v="c"), Row(id=2, p=None, v=None),
                   Row(id=3, p=0, v=""), Row(id=4, p=0, v="x"), Row(id=4, p=1, v="y")]
    assert docs.filter(F.col("id") == 2).select(F.explode_outer(F.split("s", " "))).collect() == [Row(col=None)]
    assert docs.filter(F.col("id") == 2).select(F.explode(F.split("s", " "))).collect() == []


def test_split_follows_java_rules(spark):
    df = spark.createDataFrame([("a,b,,c,,",)], ["s"])
    assert df.select(F.split("s", ",").alias("r")).first().r == ["a", "b", "", "c", "", ""]
    assert df.select(F.split("s", ",", 2).alias("r")).first().r == ["a", "b,,c,,"]
    assert df.select(F.split("s", F.lit(","), F.lit(3)).alias("r")).first().r == ["a", "b", ",c,,"]
    assert df.select(F.split(F.lit("abc"), "").alias("r")).first().r == ["a", "b", "c"]
    assert df.select(F.split("s", ",")).columns == ["split(s, ,, -1)"]
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN_OR_STR"):
        F.split("s", 1)
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN_OR_INT"):
        F.split("s", ",", "2")


@pytest.mark.xfail(strict=False, reason=(
    "intermittent in the full suite only (seen once, ~900 stages into the shared session): the worker fails to read "
    "the task's input batch (ArrowNotImplementedError: Integers with less than 8 bits) and exits; passes alone and "
    "in every partial ordering tried. Under investigation."))
def test_explode_of_a_python_udf_result(spark):
    # The UDF runs in a Python worker below the Generate; the engine explodes its array result.
    ranges = F.udf(lambda n: list(range(n)), "array<int>")
    df = spark.range(4).select(F.col("id").cast("int").alias("n")).select("n", F.explode(ranges("n")).alias("i"))
    assert sorted(map(tuple, df.collect())) == [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]


def test_word_count_matches_python(spark):
    lines = [f"w{i % 7} w{i % 3} w{i % 7}" for i in range(2000)]
    df = spark.createDataFrame([(s,) for s in lines], "line string")
    counts = {r.w: r["count"] for r in df.select(F.explode(F.split("line", " ")).alias("w")).groupBy("w").count().collect()}
    expected: dict = {}
    for s in lines:
        for w in s.split(" "):
            expected[w] = expected.get(w, 0) + 1
    assert counts == expected


def test_errors_are_spark_errors(docs):
    ws = F.split("s", " ")
    cases = {
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE": lambda: docs.select(F.explode("s")),
        "UNSUPPORTED_GENERATOR.MULTI_GENERATOR": lambda: docs.select(F.explode(ws), F.explode(ws)),
        "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS": lambda: docs.select(F.explode(ws) + 1),
        "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT": lambda: docs.filter(F.explode(ws) == "a"),
        "NUM_GENERATOR_OUTPUT_ALIASES_MISMATCH": lambda: docs.select(F.posexplode(ws).alias("p")),
        "MULTI_ALIAS_WITHOUT_GENERATOR": lambda: docs.select(F.col("id").alias("a", "b")),
    }
    for cls, f in cases.items():
        with pytest.raises(AnalysisException) as e:
            f()
        assert e.value.getErrorClass() == cls
    with pytest.raises(PySparkValueError, match="CANNOT_BE_EMPTY"):
        F.col("id").alias()
    assert docs.count() == 4  # the session is still usable


@pytest.mark.parametrize("fn", [F.split, F.explode, F.explode_outer, F.posexplode, F.posexplode_outer, F.inline, F.inline_outer],
                         ids=lambda f: f.__name__)
def test_docstring_examples_run(spark, fn):
    run_examples(fn, spark, fn.__name__)

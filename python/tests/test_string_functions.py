"""The string and regular expression functions from Python: their examples run, results and NULLs are Spark's,
and generated column names and errors read as in Spark."""

from __future__ import annotations


import pytest

from kindling.errors import AnalysisException
from kindling.sql import _binary_functions as B
from kindling.sql import _regexp_functions as R
from kindling.sql import _string_functions as S
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", S.__all__ + R.__all__ + B.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


def test_column_rlike_and_ilike_examples(spark):
    from kindling.sql.column import Column

    for m in ("rlike", "ilike"):
        run_examples(getattr(Column, m), spark, m, functions=False)


def test_values_and_nulls(spark):
    df = spark.createDataFrame([("héllo wörld", 3), (None, None), ("", 0)], "s string, n int")
    rows = df.select(F.lpad("s", F.col("n"), "*"), F.rpad("s", 13, "-"), F.repeat("s", "n"), F.reverse("s"), F.initcap("s"),
                     F.instr("s", "l"), F.locate("l", "s", 5), F.left("s", F.lit(2)), F.octet_length("s")).collect()
    assert rows[0] == ("hél", "héllo wörld--", "héllo wörld" * 3, "dlröw olléh", "Héllo Wörld", 3, 10, "hé", 13)
    assert all(v is None for v in rows[1])
    assert rows[2] == ("", "-------------", "", "", "", 0, 0, "", 0)


def test_concat_ws_skips_nulls_and_joins_arrays(spark):
    df = spark.createDataFrame([(["a", None, "b"], "c"), (None, None)], "xs array<string>, y string")
    assert [r[0] for r in df.select(F.concat_ws("-", "xs", "y")).collect()] == ["a-b-c", ""]


def test_regexp_functions(spark):
    df = spark.createDataFrame([("100-200, 300-400",), (None,)], ["s"])
    rows = df.select(F.regexp_replace("s", r"(\d+)-(\d+)", "$2:$1"), F.regexp_extract("s", r"(\d+)-(\d+)", 2),
                     F.regexp_extract_all("s", F.lit(r"(\d+)"), 1), F.regexp_count("s", F.lit(r"\d+")),
                     F.regexp_instr("s", F.lit("3")), F.regexp_substr("s", F.lit(r"\d+-")), F.rlike("s", F.lit("^1"))).collect()
    assert rows[0] == ("200:100, 400:300", "200", ["100", "200", "300", "400"], 4, 10, "100-", True)
    assert all(v is None for v in rows[1])
    assert df.filter(df.s.rlike(r"(?i)^\d{3}-")).count() == 1
    assert df.filter(df.s.ilike("100%")).count() == 1


def test_names_print_as_in_spark(spark):
    df = spark.createDataFrame([("a.b", 1)], "s string, n int")
    cols = df.select(F.lpad("s", 3, "x"), F.locate("b", "s"), F.overlay("s", F.lit("x"), 2), F.replace("s", F.lit(".")),
                     F.regexp_replace("s", r"\.", "-"), F.regexp_extract_all("s", F.lit("a")), F.rlike("s", F.lit("a")),
                     F.regexp("s", F.lit("a")), F.ilike("s", F.lit("A%")), F.char(F.lit(65)), F.instr("s", "b", 1)).columns
    assert cols == ["lpad(s, 3, x)", "locate(b, s, 1)", "overlay(s, x, 2, -1)", "replace(s, ., )",
                    "regexp_replace(s, \\., -, 1)", "regexp_extract_all(s, a, 1)", "RLIKE(s, a)", "REGEXP(s, a)",
                    "ilike(s, A%)", "char(65)", "instr(s, b, 1, 1)"]
    assert spark.sql("SELECT position('b' IN 'abc'), overlay('abc' PLACING 'x' FROM 2 FOR 1)").columns == [
        "locate(b, abc, 1)", "overlay(abc, x, 2, 1)"]


def test_errors(spark):
    with pytest.raises(AnalysisException, match=r'requires the \("ARRAY<STRING>" or "STRING"\) type'):
        spark.sql("SELECT concat_ws(',', struct(1))").collect()
    with pytest.raises(Exception, match=r"The value of parameter\(s\) `regexp` in `rlike` is invalid: '\(a'"):
        spark.sql("SELECT 'a' rlike '(a'").collect()
    with pytest.raises(Exception, match=r"The index 0 is invalid"):
        spark.sql("SELECT split_part('a.b', '.', 0)").collect()
    with pytest.raises(AnalysisException, match=r"The position must be between \(0, 2147483647\]"):
        spark.sql("SELECT regexp_replace('abc', 'b', 'x', 0)").collect()


def test_digests_and_encodings(spark):
    df = spark.createDataFrame([("Spark",), (None,)], ["s"])
    rows = df.select(F.md5("s"), F.sha2("s", 0), F.sha2("s", 100), F.crc32("s"), F.hex("s"), F.base64("s"),
                     F.unbase64(F.base64("s")), F.unhex(F.hex("s")), F.url_encode(F.lit("a b/ä"))).collect()
    assert rows[0] == ("8cde774d6f7333752ed72cacddb05126", "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b",
                       None, 1557323817, "537061726B", "U3Bhcms=", bytearray(b"Spark"), bytearray(b"Spark"), "a+b%2F%C3%A4")
    assert rows[1][:8] == (None,) * 8
    assert spark.sql("SELECT hex(-1), hex(1.9), unhex('abc'), unhex('zz')").first() == ("FFFFFFFFFFFFFFFF", "1", bytearray(b"\n\xbc"), None)
    with pytest.raises(Exception, match=r"The provided URL cannot be decoded: %zz"):
        spark.sql("SELECT url_decode('%zz')").collect()

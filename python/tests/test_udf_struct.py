"""Struct-typed Python UDFs against real workers: row UDFs returning Row/tuple/dict on both transports, struct
inputs as Rows, scalar pandas UDFs returning a DataFrame (and taking struct columns as DataFrames), map and
grouped-map schemas with struct fields, and the coercion errors."""

from __future__ import annotations

import pandas as pd
import pytest

from kindling.errors import PythonException
from kindling.sql import Row
from kindling.sql import functions as F
from kindling.sql.types import LongType, StringType, StructField, StructType

ST = StructType([StructField("n", LongType()), StructField("s", StringType())])


@pytest.fixture
def df(spark):
    return spark.createDataFrame([(1, "a"), (2, None), (3, "c")], "id int, name string")


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "pickled"])
def test_row_udf_struct_results_and_inputs(df, arrow):
    by_name = F.udf(lambda i, s: Row(s=s, n=i * 2), ST, useArrow=arrow)
    by_pos = F.udf(lambda i, s: (i, s) if i != 2 else None, ST, useArrow=arrow)
    by_dict = F.udf(lambda i, s: {"n": i}, ST, useArrow=arrow)
    got = df.select("id", by_name("id", "name").alias("r"), by_pos("id", "name").alias("g"),
                    by_dict("id", "name").alias("h")).orderBy("id").collect()
    assert got == [Row(id=1, r=Row(n=2, s="a"), g=Row(n=1, s="a"), h=Row(n=1, s=None)),
                   Row(id=2, r=Row(n=4, s=None), g=None, h=Row(n=2, s=None)),
                   Row(id=3, r=Row(n=6, s="c"), g=Row(n=3, s="c"), h=Row(n=3, s=None))]
    reads = F.udf(lambda r: f"{type(r).__name__}:{r.id}:{r.name}", StringType(), useArrow=arrow)
    assert [r[0] for r in df.select(reads(F.struct("id", "name"))).orderBy(F.col("id")).collect()] == [
        "Row:1:a", "Row:2:None", "Row:3:c"]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "pickled"])
def test_row_udf_struct_coercion_errors_are_the_same_on_both_transports(df, arrow):
    short = F.udf(lambda i: (1,), ST, useArrow=arrow)
    with pytest.raises(PythonException, match=r"expected struct<n:bigint,s:string> \(2 fields\), got a tuple of 1 values"):
        df.select(short("id")).collect()
    wrong = F.udf(lambda i: Row(n="x", s="y"), ST, useArrow=arrow)
    with pytest.raises(PythonException, match="expected bigint, got str"):
        df.select(wrong("id")).collect()
    missing = F.udf(lambda i: Row(n=1), ST, useArrow=arrow)
    with pytest.raises(PythonException, match="a Row without field 's'"):
        df.select(missing("id")).collect()


def test_pandas_udf_struct_result_and_struct_input(df):
    @F.pandas_udf(ST)
    def both(i: pd.Series, s: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"s": s.str.upper(), "n": i * 10})

    assert df.select(both("id", "name").alias("p")).orderBy("id").collect() == [
        Row(p=Row(n=10, s="A")), Row(p=Row(n=20, s=None)), Row(p=Row(n=30, s="C"))]

    @F.pandas_udf(ST)
    def positional(i: pd.Series) -> pd.DataFrame:
        return pd.DataFrame([[int(x), str(x)] for x in i])

    assert df.select(positional("id").alias("p")).orderBy("id").collect()[0] == Row(p=Row(n=1, s="1"))

    @F.pandas_udf("long")
    def frame_in(x: pd.DataFrame) -> pd.Series:
        assert list(x.columns) == ["id", "name"]
        return x["id"] + x["name"].str.len().fillna(0).astype("int64")

    assert [r[0] for r in df.select(frame_in(F.struct("id", "name"))).orderBy(F.col("id")).collect()] == [2, 2, 4]

    @F.pandas_udf(ST)
    def series(i: pd.Series) -> pd.Series:
        return i

    with pytest.raises(PythonException, match="expected a pandas.DataFrame for struct<n:bigint,s:string>, got Series"):
        df.select(series("id")).collect()

    @F.pandas_udf(ST)
    def no_s(i: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"n": i})

    with pytest.raises(PythonException, match="without column 's'"):
        df.select(no_s("id")).collect()


def test_map_and_grouped_map_with_struct_fields(df):
    def m(pdfs):
        for pdf in pdfs:
            yield pd.DataFrame({"id": pdf["id"], "s": [{"a": i, "b": "x"} for i in pdf["id"]]})

    assert df.mapInPandas(m, "id int, s struct<a:int,b:string>").orderBy("id").collect() == [
        Row(id=1, s=Row(a=1, b="x")), Row(id=2, s=Row(a=2, b="x")), Row(id=3, s=Row(a=3, b="x"))]
    out = df.groupBy("id").applyInPandas(
        lambda pdf: pd.DataFrame({"s": [(int(pdf.id[0]), "y")]}), "s struct<a:long,b:string>")
    assert sorted(out.collect()) == [Row(s=Row(a=1, b="y")), Row(s=Row(a=2, b="y")), Row(s=Row(a=3, b="y"))]

"""DataFrame transformations and actions against the real engine, with whole results compared."""

from __future__ import annotations

import datetime

import pytest

from kindling.errors import (
    AnalysisException,
    IllegalArgumentException,
    ParseException,
    PySparkIndexError,
    PySparkNotImplementedError,
    PySparkTypeError,
    PySparkValueError,
)
from kindling.sql import Column, DataFrame, GroupedData, Row
from kindling.sql import functions as F
from kindling.sql.functions import col, lit
from kindling.sql.types import IntegerType, LongType, StringType, StructField, StructType


@pytest.fixture(scope="module")
def people(spark):
    return spark.createDataFrame(
        [(1, "Ann", 34, "x"), (2, "Bob", None, "y"), (3, "Cid", 19, "x"), (4, None, 52, "y")],
        "id int, name string, age int, grp string",
    )


def rows(df):
    return [tuple(r) for r in df.collect()]


def srt(xs):
    return sorted(xs, key=lambda r: tuple((v is None, v) for v in r))


# ---------------------------------------------------------------------- schema


def test_schema_columns_dtypes(people):
    assert people.columns == ["id", "name", "age", "grp"]
    assert people.dtypes == [("id", "int"), ("name", "string"), ("age", "int"), ("grp", "string")]
    assert people.schema == StructType([StructField("id", IntegerType()), StructField("name", StringType()),
                                        StructField("age", IntegerType()), StructField("grp", StringType())])


def test_print_schema(spark, capsys):
    spark.range(2).printSchema()
    assert capsys.readouterr().out == "root\n |-- id: long (nullable = false)\n\n"


def test_explain(spark, capsys):
    df = spark.range(5).filter(col("id") > 2)
    df.explain()
    simple = capsys.readouterr().out
    assert "== Physical Plan ==" in simple
    df.explain(True)
    extended = capsys.readouterr().out
    for part in ("== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==",
                 "== Physical Plan =="):
        assert part in extended
    df.explain(mode="extended")
    assert capsys.readouterr().out == extended
    df.explain("simple")
    assert capsys.readouterr().out == simple
    with pytest.raises(PySparkValueError):
        df.explain(True, "simple")
    with pytest.raises(PySparkTypeError):
        df.explain(3)


# ---------------------------------------------------------------------- projection and filters


def test_select_by_name_column_list_and_star(people):
    assert rows(people.select("id", col("name"))) == [(1, "Ann"), (2, "Bob"), (3, "Cid"), (4, None)]
    assert rows(people.select(["id"])) == [(1,), (2,), (3,), (4,)]
    assert people.select("*").columns == people.columns
    assert people.select((col("id") + 1).alias("next")).collect()[0] == Row(next=2)
    with pytest.raises(PySparkTypeError):
        people.select(1)


def test_filter_and_where(people):
    assert rows(people.filter(col("age") > 20).select("id")) == [(1,), (4,)]
    assert rows(people.where(people.age.isNull()).select("id")) == [(2,)]
    # NULL conditions drop the row.
    assert rows(people.filter(col("name") == "Ann").select("id")) == [(1,)]


def test_sql_expression_strings(people):
    # filter/where, selectExpr and F.expr take SQL text, parsed by the engine's SQL front end.
    assert rows(people.filter("age > 20").select("id")) == [(1,), (4,)]
    assert rows(people.where("age IS NULL OR name = 'Ann'").select("id").orderBy("id")) == [(1,), (2,)]
    df = people.selectExpr("id * 10 AS x", "upper(name)", "CASE WHEN age > 20 THEN 'old' ELSE 'young' END AS a")
    assert df.columns == ["x", "upper(name)", "a"]
    assert rows(people.select(F.expr("id + 1").alias("n")).orderBy("n"))[0] == (2,)
    assert people.select(F.expr("id + 1")).columns == ["(id + 1)"]
    assert repr(F.expr("id + 1")) == "Column<'id + 1'>"
    with pytest.raises(ParseException, match="PARSE_SYNTAX_ERROR"):
        people.filter("age >")
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        people.selectExpr("nope + 1")
    with pytest.raises(PySparkTypeError):
        people.filter(42)
    with pytest.raises(PySparkTypeError):
        people.selectExpr(1)


def test_with_column_and_with_columns(people):
    df = people.withColumn("age2", col("age") * 2).withColumn("id", col("id") + 100)
    assert df.columns == ["id", "name", "age", "grp", "age2"]
    assert rows(df.select("id", "age2")) == [(101, 68), (102, None), (103, 38), (104, 104)]
    df2 = people.withColumns({"a": lit(1), "b": col("id") * 10})
    assert rows(df2.select("a", "b")) == [(1, 10), (1, 20), (1, 30), (1, 40)]
    with pytest.raises(PySparkTypeError):
        people.withColumn("x", 1)
    with pytest.raises(PySparkTypeError):
        people.withColumns([("x", lit(1))])


def test_renames(people):
    assert people.withColumnRenamed("name", "who").columns == ["id", "who", "age", "grp"]
    assert people.withColumnRenamed("nope", "x").columns == people.columns
    assert people.withColumnsRenamed({"id": "k", "grp": "g"}).columns == ["k", "name", "age", "g"]
    assert people.toDF("a", "b", "c", "d").columns == ["a", "b", "c", "d"]
    with pytest.raises(IllegalArgumentException):
        people.toDF("a")


def test_drop(people):
    assert people.drop("age", "grp").columns == ["id", "name"]
    assert people.drop("nope").columns == people.columns
    assert people.drop(people.name).columns == ["id", "age", "grp"]


def test_getitem_getattr(people):
    assert isinstance(people["id"], Column)
    assert isinstance(people.id, Column)
    assert rows(people.select(people[1])) == rows(people.select("name"))
    assert people[["id", "grp"]].columns == ["id", "grp"]
    assert rows(people[people.id > 3].select("id")) == [(4,)]
    with pytest.raises(PySparkIndexError):
        people[10]
    with pytest.raises(AttributeError):
        people.nope
    with pytest.raises(AnalysisException):
        people["nope"]
    assert "age" in dir(people)


# ---------------------------------------------------------------------- aggregation


def test_group_by_agg(people):
    g = people.groupBy("grp")
    assert isinstance(g, GroupedData)
    out = g.agg(F.count("*").alias("n"), F.max("age").alias("oldest"))
    assert out.columns == ["grp", "n", "oldest"]
    assert srt(rows(out)) == [("x", 2, 34), ("y", 2, 52)]
    assert srt(rows(people.groupby(col("grp")).agg({"age": "max", "id": "sum"}))) == [("x", 34, 4), ("y", 52, 6)]


def test_grouped_shorthands(people):
    assert srt(rows(people.groupBy("grp").count())) == [("x", 2), ("y", 2)]
    assert people.groupBy("grp").count().columns == ["grp", "count"]
    assert srt(rows(people.groupBy("grp").sum("age"))) == [("x", 53), ("y", 52)]
    assert people.groupBy("grp").avg("age").columns == ["grp", "avg(age)"]
    assert srt(rows(people.groupBy("grp").mean("age"))) == [("x", 26.5), ("y", 52.0)]
    assert srt(rows(people.groupBy("grp").min("age", "id"))) == [("x", 19, 1), ("y", 52, 2)]
    assert srt(rows(people.groupBy("grp").max())) == [("x", 3, 34), ("y", 4, 52)]
    with pytest.raises(AnalysisException):
        people.groupBy("grp").sum("name")


def test_global_agg(people):
    assert rows(people.agg(F.sum("age"), F.count("name"))) == [(105, 3)]
    assert rows(people.agg({"*": "count"})) == [(4,)]
    with pytest.raises(PySparkValueError):
        people.agg()


# ---------------------------------------------------------------------- joins


def test_joins(spark):
    left = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["k", "l"])
    right = spark.createDataFrame([(1, "x"), (3, "y"), (4, "z")], ["k", "r"])
    assert srt(rows(left.join(right, "k"))) == [(1, "a", "x"), (3, "c", "y")]
    assert left.join(right, ["k"], "left").columns == ["k", "l", "r"]
    assert srt(rows(left.join(right, "k", "left"))) == [(1, "a", "x"), (2, "b", None), (3, "c", "y")]
    assert srt(rows(left.join(right, "k", "full"))) == [(1, "a", "x"), (2, "b", None), (3, "c", "y"), (4, None, "z")]
    assert srt(rows(left.join(right, left.k == right.k).select(left.k, "l", "r"))) == [(1, "a", "x"), (3, "c", "y")]
    cond = [left.k == right.k, right.r != "x"]
    assert rows(left.join(right, cond, "inner").select("l")) == [("c",)]
    assert srt(rows(left.join(right, "k", "semi"))) == [(1, "a"), (3, "c")]
    assert srt(rows(left.join(right, "k", "anti"))) == [(2, "b")]
    assert left.crossJoin(right).count() == 9
    assert left.join(right).count() == 9
    with pytest.raises(PySparkTypeError):
        left.join(42)
    with pytest.raises(IllegalArgumentException):
        left.join(right, "k", "sideways")


def test_join_with_aliases(spark):
    x = spark.createDataFrame([(1, 2), (2, 3)], ["a", "b"]).alias("x")
    y = spark.createDataFrame([(1, 2), (2, 3)], ["a", "b"]).alias("y")
    j = x.join(y, col("x.b") == col("y.a")).select(col("x.a"), col("y.b"))
    assert rows(j) == [(1, 3)]


def test_self_join_of_one_dataframe_with_aliases(spark):
    df = spark.createDataFrame([(1, 2), (2, 3)], ["a", "b"])
    j = df.alias("x").join(df.alias("y"), col("x.b") == col("y.a")).select(col("x.a"), col("y.b"))
    assert rows(j) == [(1, 3)]


# ---------------------------------------------------------------------- ordering, limits, sets


def test_order_by_and_sort(people):
    assert rows(people.orderBy("age").select("id")) == [(2,), (3,), (1,), (4,)]
    assert rows(people.orderBy(col("age").desc()).select("id")) == [(4,), (1,), (3,), (2,)]
    assert rows(people.sort("age", ascending=False).select("id")) == [(4,), (1,), (3,), (2,)]
    assert rows(people.orderBy(["grp", "id"], ascending=[False, True]).select("id")) == [(2,), (4,), (1,), (3,)]
    with pytest.raises(PySparkValueError):
        people.orderBy()
    with pytest.raises(PySparkTypeError):
        people.orderBy("id", ascending="yes")


def test_sort_within_partitions(spark):
    df = spark.range(0, 10, 1, 2).sortWithinPartitions(col("id").desc())
    assert rows(df) == [(4,), (3,), (2,), (1,), (0,), (9,), (8,), (7,), (6,), (5,)]


def test_limit_distinct_drop_duplicates(spark):
    df = spark.createDataFrame([(1, "a"), (1, "a"), (2, "a"), (2, "b")], ["n", "s"])
    assert df.limit(2).count() == 2
    assert df.limit(0).count() == 0
    assert srt(rows(df.distinct())) == [(1, "a"), (2, "a"), (2, "b")]
    assert srt(rows(df.dropDuplicates())) == [(1, "a"), (2, "a"), (2, "b")]
    assert df.dropDuplicates(["n"]).count() == 2
    assert df.drop_duplicates(["s"]).count() == 2
    with pytest.raises(PySparkTypeError):
        df.limit("2")
    with pytest.raises(PySparkTypeError):
        df.dropDuplicates(5)


def test_unions(spark):
    a = spark.createDataFrame([(1, "x")], ["n", "s"])
    b = spark.createDataFrame([("y", 2)], ["s", "n"])
    assert rows(a.union(a)) == [(1, "x"), (1, "x")]
    assert rows(a.unionAll(a)) == [(1, "x"), (1, "x")]
    assert rows(a.unionByName(b)) == [(1, "x"), (2, "y")]
    c = spark.createDataFrame([(3,)], ["n"])
    both = a.unionByName(c, allowMissingColumns=True)
    assert both.columns == ["n", "s"]
    assert rows(both) == [(1, "x"), (3, None)]
    with pytest.raises(AnalysisException):
        a.union(c)


def test_repartition_coalesce(spark):
    df = spark.range(100)
    assert df.repartition(4).count() == 100
    assert df.repartition(3, "id").count() == 100
    assert df.repartition("id").count() == 100
    assert sorted(rows(df.coalesce(1))) == [(i,) for i in range(100)]


def test_cache_persist_unpersist(spark):
    df = spark.range(10).withColumn("sq", col("id") * col("id"))
    assert df.is_cached is False
    assert df.cache() is df
    assert df.is_cached is True
    assert df.count() == 10
    assert df.unpersist() is df
    assert df.is_cached is False
    assert df.persist() is df and df.is_cached
    df.unpersist()


def test_transform(people):
    assert people.transform(lambda d, n: d.limit(n), 1).count() == 1
    with pytest.raises(PySparkTypeError):
        people.transform(lambda d: 1)


# ---------------------------------------------------------------------- actions


def test_collect_take_head_first(people):
    got = people.collect()
    assert got[0] == Row(id=1, name="Ann", age=34, grp="x")
    assert got[0].name == "Ann" and got[0]["age"] == 34
    assert people.take(2) == got[:2]
    assert people.head() == got[0]
    assert people.head(3) == got[:3]
    assert people.first() == got[0]
    assert people.limit(0).first() is None
    assert people.limit(0).head() is None
    assert list(people.toLocalIterator()) == got


def test_count_is_empty(spark, people):
    assert people.count() == 4
    assert spark.range(0).count() == 0
    assert people.isEmpty() is False
    assert people.limit(0).isEmpty() is True


def test_to_arrow(people):
    t = people.toArrow()
    assert t.column_names == people.columns
    assert t.num_rows == 4
    assert t.column("age").to_pylist() == [34, None, 19, 52]


def test_types_round_trip(spark):
    ts = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)
    df = spark.createDataFrame(
        [(True, 1, 2**40, 1.5, "s", datetime.date(2024, 1, 2), ts)],
        "b boolean, i int, l bigint, d double, s string, dt date, ts timestamp",
    )
    assert df.dtypes == [("b", "boolean"), ("i", "int"), ("l", "bigint"), ("d", "double"), ("s", "string"),
                         ("dt", "date"), ("ts", "timestamp")]
    expected = (True, 1, 2**40, 1.5, "s", datetime.date(2024, 1, 2), ts)
    assert tuple(df.collect()[0]) == expected
    # Arrays made in the engine come back as lists.
    arr = spark.range(0, 3, 1, 1).agg(F.collect_list("id").alias("a"))
    assert arr.dtypes == [("a", "array<bigint>")]
    assert arr.collect() == [Row(a=[0, 1, 2])]


def test_repr_html(people):
    html = people._repr_html_()
    assert html.startswith("<table border='1'>\n<tr><th>id</th><th>name</th><th>age</th><th>grp</th></tr>\n")
    assert "<tr><td>4</td><td>NULL</td><td>52</td><td>y</td></tr>" in html
    assert html.endswith("</table>\n")


def test_is_streaming_and_session(spark, people):
    assert people.isStreaming is False
    assert people.sparkSession is spark
    assert isinstance(people.limit(1), DataFrame)
    assert people.schema["id"].dataType == IntegerType()
    assert spark.range(1).schema["id"].dataType == LongType()


# ---------------------------------------------------------------------- compositions: na, set differences, hint


@pytest.fixture(scope="module")
def holes(spark):
    return spark.createDataFrame(
        [(1, None, "a", True), (None, 2.5, None, None), (3, float("nan"), "c", False), (None, None, None, None)],
        "i int, d double, s string, b boolean",
    )


def test_fillna(holes):
    assert rows(holes.fillna(0)) == [(1, 0.0, "a", True), (0, 2.5, None, None), (3, 0.0, "c", False),
                                     (0, 0.0, None, None)]
    assert rows(holes.fillna("z").select("s")) == [("a",), ("z",), ("c",), ("z",)]
    assert rows(holes.fillna(True).select("b")) == [(True,), (True,), (False,), (True,)]
    assert rows(holes.fillna(9.7, subset=["i"]).select("i", "d"))[1] == (9, 2.5)
    assert rows(holes.fillna({"i": -1, "s": "?"}).select("i", "s")) == [(1, "a"), (-1, "?"), (3, "c"), (-1, "?")]
    assert rows(holes.na.fill(5, "d").select("d")) == [(5.0,), (2.5,), (5.0,), (5.0,)]
    assert holes.fillna(0).columns == holes.columns
    with pytest.raises(PySparkTypeError):
        holes.fillna([1])
    with pytest.raises(AnalysisException):
        holes.fillna(0, subset=["nope"])


def test_dropna(holes):
    assert rows(holes.dropna()) == []  # NaN counts as missing, as in Spark
    assert rows(holes.dropna(subset=["i", "s", "b"]).select("i")) == [(1,), (3,)]
    assert rows(holes.dropna(subset=["i"]).select("i")) == [(1,), (3,)]
    assert rows(holes.dropna(how="all").select("i")) == [(1,), (None,), (3,)]
    assert rows(holes.dropna(thresh=3).select("i")) == [(1,), (3,)]
    assert rows(holes.na.drop(subset="d").select("d")) == [(2.5,)]
    with pytest.raises(PySparkValueError):
        holes.dropna(how="some")


def test_intersect_and_subtract(spark):
    a = spark.createDataFrame([(1, "x"), (1, "x"), (2, None), (3, "z")], ["n", "s"])
    b = spark.createDataFrame([(1, "x"), (2, None), (4, "w")], ["m", "t"])
    assert srt(rows(a.intersect(b))) == [(1, "x"), (2, None)]
    assert rows(a.subtract(b)) == [(3, "z")]
    assert a.intersect(b).columns == ["n", "s"]
    with pytest.raises(AnalysisException) as e:
        a.subtract(spark.range(1))
    assert e.value.getErrorClass() == "NUM_COLUMNS_MISMATCH"


def test_hint_keeps_results(people):
    assert rows(people.hint("broadcast")) == rows(people)


def test_schema_of_a_transformation_is_decoded_on_first_use(spark):
    # The engine analysed the plan at the call (errors raise there); the client decodes the answer's schema only
    # when asked, once.
    df = spark.range(3).select(col("id"), (col("id") * 0.5).alias("x"), lit("a").alias("s"))
    assert df._schema_value is None and df._handle is not None
    assert df.columns == ["id", "x", "s"]
    assert df._handle is None
    assert df.schema is df.schema
    assert [f.dataType.simpleString() for f in df.schema.fields] == ["bigint", "double", "string"]
    assert df.schema.fields[0] == StructField("id", LongType(), False)
    with pytest.raises(AnalysisException):
        spark.range(3).select("nope")

"""DataFrame methods of issue 4: unpivot/melt, replace/na.replace, to(schema), colRegex, transpose, toJSON,
foreach/foreachPartition, checkpoint/localCheckpoint, storageLevel, sameSemantics/semanticHash, inputFiles, isLocal.
Expected values were produced by PySpark 4 (local[1], ANSI off, UTC) on the same inputs."""

import datetime
import os
from decimal import Decimal

import pytest

from examples import run_examples
from kindling import StorageLevel
from kindling.errors import AnalysisException, PySparkTypeError, PySparkValueError
from kindling.sql import DataFrame, Row
from kindling.sql import functions as F
from kindling.sql._dataframe_ops import DataFrameNaFunctions
from kindling.sql.types import IntegerType, LongType, StringType, StructField, StructType


@pytest.mark.parametrize("name", ["offset", "repartitionByRange", "groupingSets", "unpivot", "melt", "replace", "to", "colRegex", "transpose", "toJSON", "foreach",
                                  "foreachPartition", "checkpoint", "localCheckpoint", "persist", "isLocal",
                                  "inputFiles", "sameSemantics", "semanticHash"])
def test_examples(spark, name):
    run_examples(getattr(DataFrame, name), spark, f"DataFrame.{name}")


def test_property_examples(spark):
    run_examples(DataFrame.storageLevel.fget, spark, "DataFrame.storageLevel")
    run_examples(DataFrameNaFunctions.replace, spark, "DataFrameNaFunctions.replace")
    run_examples(StorageLevel, spark, "StorageLevel")


def test_offset(spark):
    df = spark.range(0, 20, 1, 4)
    assert [r.id for r in df.offset(17).collect()] == [17, 18, 19]
    assert [r.id for r in df.offset(3).limit(2).collect()] == [3, 4]
    assert [r.id for r in df.limit(5).offset(3).collect()] == [3, 4]
    assert [r.id for r in df.orderBy(F.col("id").desc()).offset(18).collect()] == [1, 0]
    assert df.offset(3).count() == 17
    assert [r.id for r in spark.sql("SELECT * FROM range(10) ORDER BY id LIMIT 2 OFFSET 3").collect()] == [3, 4]
    with pytest.raises(AnalysisException) as e:
        df.offset(-1).collect()
    assert e.value.getErrorClass() == "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE"
    with pytest.raises(PySparkTypeError):
        df.offset("2")


def test_repartition_by_range(spark):
    df = spark.range(0, 100, 1, 5).withColumn("k", (F.col("id") * 37) % 100)

    def ranges(d):
        return [tuple(r) for r in d.withColumn("p", F.spark_partition_id()).groupBy("p")
                .agg(F.min("k"), F.max("k"), F.count("*")).orderBy("p").collect()]

    # PySpark 4 gives these bounds for the same rows.
    assert ranges(df.repartitionByRange(4, "k")) == [(0, 0, 24, 25), (1, 25, 49, 25), (2, 50, 74, 25), (3, 75, 99, 25)]
    assert ranges(df.repartitionByRange(3, F.col("k").desc())) == [(0, 66, 99, 34), (1, 33, 65, 33), (2, 0, 32, 33)]
    assert sorted(r.id for r in df.repartitionByRange(4, "k").collect()) == list(range(100))
    with pytest.raises(PySparkValueError) as e:
        df.repartitionByRange(3)
    assert e.value.getErrorClass() == "CANNOT_BE_EMPTY"
    with pytest.raises(PySparkTypeError):
        df.repartitionByRange(1.5, "k")


def test_grouping_sets(spark):
    df = spark.createDataFrame([("A", "x", 1), ("A", "y", 2), ("B", "x", 5)], "k string, t string, v int")
    assert df.groupingSets([["k", "t"], []], "k", "t").agg(F.sum("v"), F.grouping_id()).orderBy("k", "t").collect() == [
        Row(k=None, t=None, **{"sum(v)": 8, "grouping_id()": 3}), Row(k="A", t="x", **{"sum(v)": 1, "grouping_id()": 0}),
        Row(k="A", t="y", **{"sum(v)": 2, "grouping_id()": 0}), Row(k="B", t="x", **{"sum(v)": 5, "grouping_id()": 0})]
    # a set given twice aggregates twice, as in Spark
    assert [tuple(r) for r in df.groupingSets([["k"], ["k"]], "k").agg(F.count("*")).orderBy("k").collect()] == [
        ("A", 2), ("A", 2), ("B", 1), ("B", 1)]
    assert df.groupingSets([[F.col("k")], []], F.col("k")).agg(F.sum("v")).columns == ["k", "sum(v)"]
    # a set column outside cols is grouped by but not shown (PySpark 4: [Row(k=None, count(1)=2), Row(k=None, count(1)=1)])
    hidden = df.groupingSets([["t"]], "k").agg(F.count("*"))
    assert hidden.columns == ["k", "count(1)"]
    assert sorted(tuple(r) for r in hidden.collect()) == [(None, 1), (None, 2)]


@pytest.fixture
def wide(spark):
    return spark.createDataFrame([(1, 11, 1.5, "a"), (2, 12, None, "b")], "id int, x int, y double, s string")


def test_unpivot_widens_values(spark, wide):
    out = wide.unpivot("id", ["x", "y"], "var", "val")
    assert out.schema.simpleString() == "struct<id:int,var:string,val:double>"
    assert out.collect() == [Row(id=1, var="x", val=11.0), Row(id=1, var="y", val=1.5),
                             Row(id=2, var="x", val=12.0), Row(id=2, var="y", val=None)]
    dec = spark.sql("select 1.5 a, 2 b, 3.25 c").unpivot([], ["a", "b", "c"], "k", "v")
    assert dec.schema.simpleString() == "struct<k:string,v:decimal(12,2)>"
    assert dec.collect() == [Row(k="a", v=Decimal("1.50")), Row(k="b", v=Decimal("2.00")), Row(k="c", v=Decimal("3.25"))]
    ints = spark.createDataFrame([(1, 2)], "a int, b long").unpivot([], ["a", "b"], "k", "v")
    assert ints.schema.simpleString() == "struct<k:string,v:bigint>"


def test_unpivot_expressions_and_melt(wide):
    assert wide.unpivot([F.col("id")], [F.col("x") + 1], "var", "val").collect() == [
        Row(id=1, var="(x + 1)", val=12), Row(id=2, var="(x + 1)", val=13)]
    assert wide.melt(ids=[], values=["x"], variableColumnName="k", valueColumnName="v").collect() == [
        Row(k="x", v=11), Row(k="x", v=12)]


def test_unpivot_errors(spark, wide):
    with pytest.raises(AnalysisException) as e:
        wide.unpivot(["id"], None, "var", "val")
    assert e.value.getErrorClass() == "UNPIVOT_VALUE_DATA_TYPE_MISMATCH"
    assert '["DOUBLE" (`y`), "INT" (`x`), "STRING" (`s`)]' in str(e.value)
    for values in ([], None):
        with pytest.raises(AnalysisException) as e:
            wide.unpivot(["id", "x", "y", "s"] if values is None else "id", values, "var", "val")
        assert e.value.getErrorClass() == "UNPIVOT_REQUIRES_VALUE_COLUMNS"


@pytest.fixture
def people(spark):
    return spark.createDataFrame([(10, 80.5, "Alice", True), (5, None, "Bob", False), (None, 10.0, "Tom", None)],
                                 "age int, height double, name string, b boolean")


def _r(age, height, name, b):
    return Row(age=age, height=height, name=name, b=b)


BASE = [_r(10, 80.5, "Alice", True), _r(5, None, "Bob", False), _r(None, 10.0, "Tom", None)]


@pytest.mark.parametrize("args, changes", [
    ((10, 20), {(0, "age"): 20, (2, "height"): 20.0}),
    (("Alice", None), {(0, "name"): None}),
    ((["Alice", "Bob"], ["A", "B"], "name"), {(0, "name"): "A", (1, "name"): "B"}),
    (({"Alice": "X", "Tom": None},), {(0, "name"): "X", (2, "name"): None}),
    ((10, 20.5), {(0, "age"): 20, (2, "height"): 20.5}),
    ((True, False), {(0, "b"): False}),
    (([10, 5], 1), {(0, "age"): 1, (1, "age"): 1, (2, "height"): 1.0}),
    ((10, 20, "name"), {}),
    ((10, 2 ** 40), {(0, "age"): 2147483647, (2, "height"): 1099511627776.0}),
    (([], []), {}),
    ((10.0, 99), {(0, "age"): 99, (2, "height"): 99.0}),
    ((80.5, None), {(0, "height"): None}),
    ((10, None), {(0, "age"): None, (2, "height"): None}),
])
def test_replace(people, args, changes):
    expected = [r.asDict() for r in BASE]
    for (i, col), v in changes.items():
        expected[i][col] = v
    assert people.replace(*args).collect() == [Row(**d) for d in expected]


def test_na_replace(people):
    assert people.na.replace(80.5, 1).collect()[0] == _r(10, 1.0, "Alice", True)


@pytest.mark.parametrize("args, exc, cls", [
    ((["Alice", 10], ["A", 1]), PySparkValueError, "MIXED_TYPE_REPLACEMENT"),
    (({10: 1, "Bob": "b"},), PySparkValueError, "MIXED_TYPE_REPLACEMENT"),
    ((10, "x"), PySparkValueError, "MIXED_TYPE_REPLACEMENT"),
    (({"Alice": 1},), PySparkValueError, "MIXED_TYPE_REPLACEMENT"),
    (([1, 2], [1]), PySparkValueError, "LENGTH_SHOULD_BE_THE_SAME"),
    ((10,), PySparkTypeError, "ARGUMENT_REQUIRED"),
    ((1.5j, 1), PySparkTypeError, "NOT_EXPECTED_TYPE"),
    ((None, 1), PySparkTypeError, "NOT_EXPECTED_TYPE"),
    ((10, 20, "nope"), AnalysisException, "UNRESOLVED_COLUMN.WITH_SUGGESTION"),
])
def test_replace_errors(people, args, exc, cls):
    with pytest.raises(exc) as e:
        people.replace(*args).collect()
    assert e.value.getErrorClass() == cls


def _schema(*fields):
    return StructType([StructField(*f) for f in fields])


def test_to_schema(spark, wide):
    out = wide.to(_schema(("s", StringType()), ("id", LongType())))
    assert out.schema == _schema(("s", StringType(), True), ("id", LongType(), True))
    assert out.collect() == [Row(s="a", id=1), Row(s="b", id=2)]
    assert wide.to(_schema(("zz", StringType()))).collect() == [Row(zz=None), Row(zz=None)]
    assert wide.to(_schema(("id", StringType()))).collect() == [Row(id="1"), Row(id="2")]
    assert wide.to(_schema(("y", IntegerType()))).collect() == [Row(y=1), Row(y=None)]
    assert wide.to(_schema(("ID", LongType()))).columns == ["ID"]
    assert spark.range(2).to(_schema(("id", IntegerType(), True))).collect() == [Row(id=0), Row(id=1)]


def test_to_schema_errors(wide):
    with pytest.raises(AnalysisException) as e:
        wide.to(_schema(("s", IntegerType())))
    assert e.value.getErrorClass() == "INVALID_COLUMN_OR_FIELD_DATA_TYPE"
    assert 'Column or field `s` is of type "STRING" while it\'s required to be "INT".' in str(e.value)
    with pytest.raises(AnalysisException) as e:
        wide.to(_schema(("id", IntegerType(), False)))
    assert e.value.getErrorClass() == "NULLABLE_COLUMN_OR_FIELD"


def test_col_regex(spark):
    df = spark.createDataFrame([("x", 1, 2)], "k string, a int, c bigint")
    assert df.select(df.colRegex("`(k)?+.+`")).columns == ["a", "c"]
    assert df.select(df.colRegex("`[AC]`")).columns == ["a", "c"]
    assert df.select(df.colRegex("a")).columns == ["a"]
    assert df.select(df.colRegex("`z`")).columns == []
    assert df.alias("t").select(df.alias("t").colRegex("t.`[ac]`")).columns == ["a", "c"]
    with pytest.raises(AnalysisException) as e:
        df.withColumn("q", df.colRegex("`a`"))
    assert e.value.getErrorClass() == "INVALID_USAGE_OF_STAR_OR_REGEX"
    with pytest.raises(PySparkTypeError):
        df.colRegex(1)


def test_transpose(spark):
    df = spark.createDataFrame([("x", 1, 2), ("y", 3, 4), ("b", 5, None)], "k string, a int, c long")
    out = df.transpose()
    assert out.schema.simpleString() == "struct<key:string,b:bigint,x:bigint,y:bigint>"
    assert out.collect() == [Row(key="a", b=5, x=1, y=3), Row(key="c", b=None, x=2, y=4)]
    assert spark.createDataFrame([(None, 1), ("z", 2)], "k string, a int").transpose().collect() == [Row(key="a", z=2)]
    assert spark.createDataFrame([(2.5, 1), (1.0, 3)], "k double, a int").transpose().columns == ["key", "1.0", "2.5"]
    dup = spark.createDataFrame([("x", 1), ("x", 2)], "k string, a int").transpose()
    assert dup.columns == ["key", "x", "x"] and [tuple(r) for r in dup.collect()] == [("a", 1, 2)]
    assert spark.createDataFrame([("z",)], "k string").transpose().collect() == []
    assert spark.createDataFrame([], "k string, a int").transpose().columns == ["key"]


def test_transpose_errors(spark):
    df = spark.createDataFrame([("x", 1, 2)], "k string, a int, c long")
    with pytest.raises(AnalysisException) as e:
        df.transpose(F.col("a"))
    assert e.value.getErrorClass() == "TRANSPOSE_NO_LEAST_COMMON_TYPE"
    assert 'but "STRING" and "BIGINT" do not' in str(e.value)
    with pytest.raises(AnalysisException) as e:
        spark.createDataFrame([([1], 1)], "k array<int>, a int").transpose()
    assert e.value.getErrorClass() == "TRANSPOSE_INVALID_INDEX_COLUMN"
    assert "ArrayType(IntegerType,true)" in str(e.value)


def test_to_json(spark):
    df = spark.createDataFrame([(1, [1, 2], datetime.date(2020, 1, 2), None)], "a int, b array<int>, d date, n string")
    assert df.toJSON().collect() == ['{"a":1,"b":[1,2],"d":"2020-01-02"}']


def test_foreach_runs_in_workers(spark):
    acc = spark.sparkContext.accumulator(0)
    spark.range(0, 10, 1, 4).foreach(lambda r: acc.add(r.id))
    assert acc.value == 45
    sizes = spark.sparkContext.accumulator(0)
    spark.range(0, 10, 1, 4).foreachPartition(lambda rows: sizes.add(sum(1 for _ in rows) * 100))
    assert sizes.value == 1000
    with pytest.raises(PySparkTypeError):
        spark.range(1).foreach(3)


def test_checkpoint_cuts_lineage(spark):
    df = spark.range(0, 5, 1, 2).selectExpr("id * 3 AS x")
    for cp in (df.checkpoint(), df.localCheckpoint(), df.checkpoint(eager=False)):
        assert sorted(r.x for r in cp.collect()) == [0, 3, 6, 9, 12]
        assert cp.schema == df.schema
    assert "Range" not in df.checkpoint()._analyze(1, "extended").Text().decode()
    with pytest.raises(PySparkTypeError):
        df.checkpoint("yes")


def test_storage_level(spark):
    df = spark.range(4)
    assert df.storageLevel == StorageLevel.NONE
    assert str(df.storageLevel) == "Serialized 1x Replicated"
    assert df.cache().storageLevel == StorageLevel.MEMORY_AND_DISK_DESER
    assert df.unpersist().storageLevel == StorageLevel.NONE
    assert df.persist(StorageLevel.DISK_ONLY).storageLevel == StorageLevel(True, False, False, False, 1)
    df.unpersist()
    assert [str(x) for x in [StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_AND_DISK_DESER, StorageLevel.DISK_ONLY,
                             StorageLevel.OFF_HEAP, StorageLevel.MEMORY_ONLY_2]] == [
        "Memory Serialized 1x Replicated", "Disk Memory Deserialized 1x Replicated", "Disk Serialized 1x Replicated",
        "Disk Memory OffHeap Serialized 1x Replicated", "Memory Serialized 2x Replicated"]
    with pytest.raises(PySparkTypeError):
        df.persist("MEMORY")


def test_same_semantics(spark):
    df = spark.createDataFrame([("x", 1)], "k string, a int")
    assert spark.range(3).sameSemantics(spark.range(3))
    assert not spark.range(3).sameSemantics(spark.range(4))
    assert df.filter("a > 1").sameSemantics(df.filter(F.col("a") > 1))
    assert not df.filter("a > 1").sameSemantics(df.filter("a > 2"))
    other = spark.createDataFrame([("x", 1)], "k string, a int")
    assert not df.sameSemantics(other)  # different data
    assert isinstance(df.semanticHash(), int)
    assert df.filter("a > 1").semanticHash() == df.filter(F.col("a") > 1).semanticHash()
    with pytest.raises(PySparkTypeError):
        df.sameSemantics(1)


def test_input_files_and_is_local(spark, tmp_path):
    d = str(tmp_path / "j")
    spark.range(0, 6, 1, 3).write.json(d)
    files = spark.read.json(d).inputFiles()
    expected = sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith("part-"))
    assert sorted(files) == expected and len(files) == 3
    joined = spark.read.json(d).join(spark.range(2), "id")
    assert sorted(joined.inputFiles()) == expected
    assert spark.range(3).inputFiles() == []
    assert spark.createDataFrame([(1,)], "a int").isLocal()
    assert not spark.range(3).isLocal()
    assert not spark.createDataFrame([(1,)], "a int").filter("a > 0").isLocal()


def test_struct_type_internal(spark):
    from kindling.sql.types import ArrayType, DateType, TimestampType

    run_examples(StructType.toInternal, spark, "StructType.toInternal")
    run_examples(StructType.fromInternal, spark, "StructType.fromInternal")
    s = StructType([StructField("a", IntegerType()), StructField("d", DateType()), StructField("t", TimestampType()),
                    StructField("l", ArrayType(DateType()))])
    utc = datetime.timezone.utc
    row = (1, datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=utc), [datetime.date(1970, 1, 2)])
    assert s.toInternal(row) == (1, 18263, 1577934245000006, [1])
    back = s.fromInternal((1, 18263, None, [1]))
    assert back == Row(a=1, d=datetime.date(2020, 1, 2), t=None, l=[datetime.date(1970, 1, 2)])
    s2 = StructType([StructField("a", IntegerType()), StructField("d", DateType())])
    assert s2.toInternal(Row(a=1, d=None)) == (1, None) and s2.toInternal((1,)) == (1,)
    assert s2.fromInternal(None) is None and s2.fromInternal([3, None]) == Row(a=3, d=None)
    with pytest.raises(PySparkValueError) as e:
        s2.toInternal(5)
    assert e.value.getErrorClass() == "UNEXPECTED_TUPLE_WITH_STRUCT"

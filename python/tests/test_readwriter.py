"""spark.read / df.write against the real engine: every format and type round trip, pyarrow interop, save modes,
Spark's errors, partition directories, and no staging files left behind."""

from __future__ import annotations

import datetime
import decimal
import glob
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kindling.errors import AnalysisException, IllegalArgumentException, PythonException
from kindling.sql import DataFrameReader, DataFrameWriter, Row
from kindling.sql import functions as F
from kindling.sql.dataframe import DataFrame
from kindling.sql.session import SparkSession
from kindling.sql.types import (ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, IntegerType,
                                LongType, StringType, StructField, StructType, TimestampType)
from examples import run_examples

UTC = datetime.timezone.utc

ALL_TYPES = StructType([
    StructField("i", IntegerType()),
    StructField("l", LongType()),
    StructField("d", DoubleType()),
    StructField("s", StringType()),
    StructField("b", BooleanType()),
    StructField("dt", DateType()),
    StructField("ts", TimestampType()),
    StructField("dec", DecimalType(20, 2)),
    StructField("bin", BinaryType()),
    StructField("arr", ArrayType(LongType())),
    StructField("st", StructType([StructField("x", IntegerType()), StructField("y", StringType())])),
])

ROWS = [
    (1, 2 ** 40, 1.5, "a", True, datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5, 678901),
     decimal.Decimal("1.50"), b"\x00\x01", [1, None], Row(x=1, y="p")),
    (None, None, None, None, None, None, None, None, None, None, None),
    (-3, -1, -0.25, "ü, \"q\"\nline", False, datetime.date(1960, 5, 6), datetime.datetime(1900, 1, 1),
     decimal.Decimal("-123456789012.34"), b"", [], Row(x=None, y="r")),
]


def files(d):
    return sorted(os.listdir(d))


def no_staging(d):
    return not any("_temporary" in p for p in glob.glob(os.path.join(d, "**"), recursive=True))


def _arrow_rows():
    def plain(v):
        return v.asDict() if isinstance(v, Row) else v

    cols = list(zip(*ROWS))
    types = [pa.int32(), pa.int64(), pa.float64(), pa.string(), pa.bool_(), pa.date32(), pa.timestamp("us", tz="UTC"),
             pa.decimal128(20, 2), pa.binary(), pa.list_(pa.int64()),
             pa.struct([("x", pa.int32()), ("y", pa.string())])]
    return pa.table({f.name: pa.array([plain(v) for v in c], t) for f, c, t in zip(ALL_TYPES.fields, cols, types)})


@pytest.fixture
def all_types(spark):
    # Through Arrow: createDataFrame takes binary values only from Arrow.
    return spark.createDataFrame(_arrow_rows())


# ------------------------------------------------------------------------------------------------ Parquet


def test_parquet_round_trip_of_every_type(spark, all_types, tmp_path):
    d = str(tmp_path / "t")
    all_types.write.parquet(d)
    back = spark.read.parquet(d)
    assert back.schema == ALL_TYPES
    assert sorted(back.collect(), key=lambda r: (r.i is None, r.i or 0)) == \
        sorted(all_types.collect(), key=lambda r: (r.i is None, r.i or 0))
    names = files(d)
    assert "_SUCCESS" in names
    parts = [n for n in names if n.startswith("part-")]
    assert parts and all(n.endswith("-c000.snappy.parquet") for n in parts)
    assert no_staging(d)


def test_parquet_written_by_pyarrow_is_read(spark, tmp_path):
    t = pa.table({
        "i8": pa.array([1, None], pa.int8()),
        "i32": pa.array([1, 2], pa.int32()),
        "f32": pa.array([1.5, None], pa.float32()),
        "s": pa.array(["a", None], pa.large_string()),
        "ts_ns": pa.array([datetime.datetime(2021, 1, 1, 0, 0, 0, 1), None], pa.timestamp("ns", tz="UTC")),
        "ts_ms": pa.array([datetime.datetime(2021, 1, 1, 0, 0, 1), None], pa.timestamp("ms")),
        "dec": pa.array([decimal.Decimal("3.14"), None], pa.decimal128(5, 2)),
        "lst": pa.array([[{"a": 1}], None], pa.list_(pa.struct([("a", pa.int64())]))),
        "dict": pa.array(["x", "y"]).dictionary_encode(),
    })
    pq.write_table(t, str(tmp_path / "p.parquet"), row_group_size=1)
    df = spark.read.parquet(str(tmp_path / "p.parquet"))
    assert df.dtypes == [("i8", "int"), ("i32", "int"), ("f32", "double"), ("s", "string"), ("ts_ns", "timestamp"),
                         ("ts_ms", "timestamp"), ("dec", "decimal(5,2)"), ("lst", "array<struct<a:bigint>>"),
                         ("dict", "string")]
    rows = df.collect()
    assert rows[0] == Row(i8=1, i32=1, f32=1.5, s="a", ts_ns=datetime.datetime(2021, 1, 1, 0, 0, 0, 1),
                          ts_ms=datetime.datetime(2021, 1, 1, 0, 0, 1), dec=decimal.Decimal("3.14"),
                          lst=[Row(a=1)], dict="x")
    assert rows[1].i8 is None and rows[1].lst is None and rows[1].dict == "y"


def test_parquet_written_by_kindling_is_read_by_pyarrow(all_types, tmp_path):
    d = str(tmp_path / "k")
    all_types.coalesce(1).write.parquet(d)
    t = pq.read_table(d)
    assert t.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    assert t.schema.field("dec").type == pa.decimal128(20, 2)
    assert t.schema.field("dt").type == pa.date32()
    rows = t.to_pylist()
    assert rows[0]["ts"] == datetime.datetime(2020, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert rows[0]["st"] == {"x": 1, "y": "p"} and rows[0]["arr"] == [1, None] and rows[0]["bin"] == b"\x00\x01"
    assert rows[1] == {k: None for k in rows[1]}
    assert rows[2]["dec"] == decimal.Decimal("-123456789012.34")


def test_parquet_row_groups_are_split_over_tasks(spark, conf, tmp_path):
    p = str(tmp_path / "big.parquet")
    pq.write_table(pa.table({"a": pa.array(range(200_000), pa.int64())}), p, row_group_size=20_000)
    conf({"spark.sql.files.maxPartitionBytes": "65536"})
    df = spark.read.parquet(p)
    assert df.rdd.getNumPartitions() > 1
    assert df.count() == 200_000
    assert df.agg(F.sum("a")).first()[0] == sum(range(200_000))


def test_column_pruning_reads_only_needed_columns(spark, all_types, tmp_path):
    d = str(tmp_path / "p")
    all_types.write.parquet(d)
    df = spark.read.parquet(d).select("s", "i").filter(F.col("i") > 0)
    assert df.collect() == [Row(s="a", i=1)]


# ------------------------------------------------------------------------------------------------ modes


def test_save_modes(spark, tmp_path):
    d = str(tmp_path / "m")
    spark.range(2).write.parquet(d)
    with pytest.raises(AnalysisException) as e:
        spark.range(2).write.parquet(d)
    assert str(e.value) == f'[PATH_ALREADY_EXISTS] Path file:{d} already exists. Set mode as "overwrite" to overwrite the existing path.'
    spark.range(3).write.mode("append").parquet(d)
    assert spark.read.parquet(d).count() == 5
    spark.range(10).write.mode("ignore").parquet(d)
    assert spark.read.parquet(d).count() == 5
    spark.range(7).write.mode("overwrite").parquet(d)
    assert spark.read.parquet(d).count() == 7
    spark.range(1).write.mode("errorifexists").parquet(str(tmp_path / "new"))
    assert no_staging(str(tmp_path))


def test_unknown_save_mode(spark, tmp_path):
    with pytest.raises(IllegalArgumentException, match=r"Unknown save mode: sideways\. Accepted save modes are"):
        spark.range(1).write.mode("sideways").parquet(str(tmp_path / "x"))


def test_failed_write_leaves_no_output(spark, tmp_path):
    from kindling.sql.functions import udf

    @udf("bigint")
    def boom(x):
        if x == 7:
            raise ValueError("no sevens")
        return x

    d = str(tmp_path / "f")
    df = spark.range(0, 10, 1, 2).select(boom("id").alias("id"))
    with pytest.raises(PythonException):
        df.write.parquet(d)
    assert not os.path.exists(d)
    # An overwrite that fails keeps the old data.
    spark.range(3).write.parquet(d)
    with pytest.raises(PythonException):
        df.write.mode("overwrite").parquet(d)
    assert spark.read.parquet(d).count() == 3
    assert no_staging(d)


def test_empty_dataframe_writes_a_file_with_its_schema(spark, tmp_path):
    d = str(tmp_path / "e")
    spark.range(5).filter("id > 10").write.parquet(d)
    df = spark.read.parquet(d)
    assert df.dtypes == [("id", "bigint")] and df.count() == 0


# ------------------------------------------------------------------------------------------------ paths and errors


def test_missing_path_fails_at_the_read(spark, tmp_path):
    p = str(tmp_path / "nope")
    for read in (spark.read.parquet, spark.read.csv, spark.read.json, spark.read.text):
        with pytest.raises(AnalysisException) as e:
            read(p)
        assert str(e.value) == f"[PATH_NOT_FOUND] Path does not exist: file:{p}."


def test_directories_globs_and_several_paths(spark, tmp_path):
    for name in ("a", "b"):
        os.makedirs(tmp_path / name)
        (tmp_path / name / "x.txt").write_text(f"{name}1\n{name}2\n")
    (tmp_path / "a" / "_SUCCESS").write_text("")
    (tmp_path / "a" / ".hidden").write_text("secret\n")
    (tmp_path / "a" / "_meta").write_text("meta\n")
    vals = lambda df: sorted(r.value for r in df.collect())  # noqa: E731
    assert vals(spark.read.text(str(tmp_path / "a"))) == ["a1", "a2"]
    assert vals(spark.read.text(str(tmp_path / "*" / "x.txt"))) == ["a1", "a2", "b1", "b2"]
    assert vals(spark.read.text([str(tmp_path / "a"), str(tmp_path / "b" / "x.txt")])) == ["a1", "a2", "b1", "b2"]
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark.read.text(str(tmp_path / "zz*"))


def test_unknown_format(spark, tmp_path):
    with pytest.raises(AnalysisException) as e:
        spark.read.format("avro").load(str(tmp_path))
    assert str(e.value).startswith("[DATA_SOURCE_NOT_FOUND] Failed to find the data source: avro.")


def test_empty_directory_cannot_infer_a_schema(spark, tmp_path):
    with pytest.raises(AnalysisException) as e:
        spark.read.parquet(str(tmp_path))
    assert str(e.value) == "[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for Parquet. It must be specified manually."
    assert spark.read.schema("a int").parquet(str(tmp_path)).count() == 0


# ------------------------------------------------------------------------------------------------ partitionBy


def test_partition_by_writes_hive_directories_and_reads_them_back(spark, tmp_path):
    d = str(tmp_path / "pb")
    df = spark.createDataFrame([(1, 2020, "a/b"), (2, 2020, "c"), (3, 2021, None)], "v int, year int, k string")
    df.write.partitionBy("year", "k").parquet(d)
    assert sorted(os.listdir(d)) == ["_SUCCESS", "year=2020", "year=2021"]
    assert sorted(os.listdir(os.path.join(d, "year=2020"))) == ["k=a%2Fb", "k=c"]
    assert os.listdir(os.path.join(d, "year=2021")) == ["k=__HIVE_DEFAULT_PARTITION__"]
    back = spark.read.parquet(d)
    assert back.dtypes == [("v", "int"), ("year", "int"), ("k", "string")]
    assert sorted(back.collect()) == sorted([Row(v=1, year=2020, k="a/b"), Row(v=2, year=2020, k="c"),
                                             Row(v=3, year=2021, k=None)])
    assert back.filter("year = 2021").select("v").collect() == [Row(v=3)]
    with pytest.raises(AnalysisException, match="Partition column `nope` not found in schema"):
        df.write.partitionBy("nope").parquet(str(tmp_path / "x"))


# ------------------------------------------------------------------------------------------------ CSV


def test_csv_round_trip_with_header_and_inference(spark, tmp_path):
    d = str(tmp_path / "c")
    df = spark.createDataFrame([(1, 2 ** 40, 1.5, "x, \"y\"", True, datetime.date(2020, 1, 2),
                                 datetime.datetime(2020, 1, 2, 3, 4, 5, 678000), ""),
                                (2, None, None, None, None, None, None, "z")],
                               "i int, l bigint, d double, s string, b boolean, dt date, ts timestamp, e string")
    df.write.option("header", True).csv(d)
    back = spark.read.csv(d, header=True, inferSchema=True)
    assert back.dtypes == [("i", "int"), ("l", "bigint"), ("d", "double"), ("s", "string"), ("b", "boolean"),
                           ("dt", "date"), ("ts", "timestamp"), ("e", "string")]
    assert sorted(back.collect()) == sorted(df.collect())
    plain = spark.read.csv(d, header=True)
    assert all(t == "string" for _, t in plain.dtypes)


def test_csv_written_text_is_sparks(spark, tmp_path):
    d = str(tmp_path / "w")
    spark.createDataFrame([(1, 'a"b', None, "", " pad ", datetime.datetime(2020, 1, 2, 3, 4, 5, 678901), 1e10)],
                          "n int, q string, z string, e string, w string, ts timestamp, d double") \
        .coalesce(1).write.csv(d, header=True)
    text = open(glob.glob(d + "/part-*.csv")[0]).read()
    assert text == 'n,q,z,e,w,ts,d\n1,"a\\"b",,"",pad,2020-01-02T03:04:05.678Z,1.0E10\n'


def test_csv_reader_options(spark, tmp_path):
    p = tmp_path / "o.csv"
    p.write_text("\ufeff# comment\nid;name;note\n1;'a;b';NA\n2;'it''s';\n\n3;c;'multi\nline'\n")
    df = spark.read.csv(str(p), sep=";", quote="'", header=True, comment="#", nullValue="NA", multiLine=True)
    assert df.collect() == [Row(id="1", name="a;b", note=None), Row(id="2", name="it's", note=None),
                            Row(id="3", name="c", note="multi\nline")]


def test_csv_date_and_timestamp_formats(spark, tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("d,t\n02/01/2020,2020.01.02 03:04:05\n")
    df = spark.read.csv(str(p), header=True, inferSchema=True, dateFormat="dd/MM/yyyy",
                        timestampFormat="yyyy.MM.dd HH:mm:ss")
    assert df.dtypes == [("d", "date"), ("t", "timestamp")]
    assert df.collect() == [Row(d=datetime.date(2020, 1, 2), t=datetime.datetime(2020, 1, 2, 3, 4, 5))]
    d = str(tmp_path / "out")
    df.coalesce(1).write.csv(d, dateFormat="yyyyMMdd", timestampFormat="HH:mm dd.MM.yyyy")
    assert open(glob.glob(d + "/part-*.csv")[0]).read() == "20200102,03:04 02.01.2020\n"
    j = str(tmp_path / "j")
    df.coalesce(1).write.json(j, dateFormat="MMM d, yyyy")
    assert open(glob.glob(j + "/part-*.json")[0]).read() == '{"d":"Jan 2, 2020","t":"2020-01-02T03:04:05.000Z"}\n'
    assert spark.read.schema(df.schema).json(j, dateFormat="MMM d, yyyy").collect() == df.collect()


def test_csv_parse_modes(spark, tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("1,a\nx,b\n3,c,extra\n4\n")
    schema = "n int, s string"
    assert spark.read.csv(str(p), schema=schema).collect() == \
        [Row(n=1, s="a"), Row(n=None, s="b"), Row(n=3, s="c"), Row(n=4, s=None)]
    assert spark.read.csv(str(p), schema=schema, mode="DROPMALFORMED").collect() == [Row(n=1, s="a")]
    with_corrupt = spark.read.csv(str(p), schema="n int, s string, _corrupt_record string").collect()
    assert [r._corrupt_record for r in with_corrupt] == [None, "x,b", "3,c,extra", "4"]
    with pytest.raises(Exception, match=r"MALFORMED_RECORD_IN_PARSING"):
        spark.read.csv(str(p), schema=schema, mode="FAILFAST").collect()


def test_csv_refuses_nested_types(spark, tmp_path):
    with pytest.raises(AnalysisException) as e:
        spark.createDataFrame([([1],)], "a array<int>").write.csv(str(tmp_path / "n"))
    assert str(e.value) == '[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn\'t support the column `a` of the type "ARRAY<INT>".'


def test_large_csv_is_read_in_byte_ranges(spark, conf, tmp_path):
    p = tmp_path / "big.csv"
    with open(p, "w") as f:
        f.write("id,v\n")
        for i in range(50_000):
            f.write(f"{i},v{i}\n")
    conf({"spark.sql.files.maxPartitionBytes": "100000", "spark.sql.files.openCostInBytes": "1000"})
    df = spark.read.csv(str(p), header=True, inferSchema=True)
    assert df.rdd.getNumPartitions() > 2
    assert df.count() == 50_000
    assert df.agg(F.sum("id")).first()[0] == sum(range(50_000))


# ------------------------------------------------------------------------------------------------ JSON


def test_json_inference_merges_types(spark, tmp_path):
    p = tmp_path / "j.json"
    p.write_text('{"a": 1, "b": "x", "c": [1, 2], "s": {"z": 1, "y": true}}\n'
                 '{"a": 2.5, "b": 3, "c": [1.5], "s": {"z": null}, "n": null}\n'
                 '\n'
                 '{"a": null, "big": 123456789012345678901234}\n')
    df = spark.read.json(str(p))
    assert df.dtypes == [("a", "double"), ("b", "string"), ("big", "decimal(24,0)"), ("c", "array<double>"),
                         ("n", "string"), ("s", "struct<y:boolean,z:bigint>")]
    rows = df.collect()
    assert rows[0].b == "x" and rows[1].b == "3" and rows[0].s == Row(y=True, z=1)
    assert rows[2].big == decimal.Decimal("123456789012345678901234")


def test_json_corrupt_records(spark, tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"a": 1}\n{"a": \n{"a": 3}\n')
    df = spark.read.json(str(p))
    assert df.dtypes == [("_corrupt_record", "string"), ("a", "bigint")]
    assert df.collect() == [Row(_corrupt_record=None, a=1), Row(_corrupt_record='{"a": ', a=None),
                            Row(_corrupt_record=None, a=3)]
    assert spark.read.json(str(p), mode="DROPMALFORMED").count() == 2


def test_json_round_trip_of_every_type(spark, all_types, tmp_path):
    d = str(tmp_path / "j")
    all_types.write.json(d)
    back = spark.read.schema(ALL_TYPES).json(d)
    key = lambda r: (r.i is None, r.i or 0)  # noqa: E731
    exp = sorted(all_types.collect(), key=key)
    got = sorted(back.collect(), key=key)
    # JSON keeps timestamps to the millisecond, as Spark's default timestampFormat does.
    assert [r.ts for r in got if r.i == 1] == [datetime.datetime(2020, 1, 2, 3, 4, 5, 678000)]
    assert [r.asDict() | {"ts": None} for r in got] == [r.asDict() | {"ts": None} for r in exp]


def test_json_written_text_is_sparks(spark, tmp_path):
    d = str(tmp_path / "jw")
    spark.createDataFrame([(1, None, 2.0, datetime.date(2020, 1, 2), [1, None])], "a int, b string, c double, d date, e array<int>") \
        .coalesce(1).write.json(d)
    assert open(glob.glob(d + "/part-*.json")[0]).read() == '{"a":1,"c":2.0,"d":"2020-01-02","e":[1,null]}\n'


def test_json_nested_dates_and_timestamps(spark, tmp_path):
    d = str(tmp_path / "nested")
    df = spark.createDataFrame([([datetime.date(2020, 1, 2)], Row(t=datetime.datetime(2020, 1, 2, 3, 4, 5)))],
                               "ds array<date>, s struct<t:timestamp>")
    df.coalesce(1).write.json(d)
    assert open(glob.glob(d + "/part-*.json")[0]).read() == '{"ds":["2020-01-02"],"s":{"t":"2020-01-02T03:04:05.000Z"}}\n'
    assert spark.read.schema(df.schema).json(d).collect() == df.collect()


def test_json_multiline(spark, tmp_path):
    p = tmp_path / "m.json"
    p.write_text('[\n {"a": 1},\n {"a": 2}\n]\n')
    assert spark.read.json(str(p), multiLine=True).collect() == [Row(a=1), Row(a=2)]


# ------------------------------------------------------------------------------------------------ text


def test_text_round_trip_and_wholetext(spark, tmp_path):
    d = str(tmp_path / "t")
    spark.createDataFrame([("a",), (None,), ("c d",)], "value string").coalesce(1).write.text(d)
    assert [r.value for r in spark.read.text(d).collect()] == ["a", "", "c d"]
    assert spark.read.text(d, wholetext=True).collect() == [Row(value="a\n\nc d\n")]
    with pytest.raises(AnalysisException, match=r"Text data source supports only a single column, and you have 2 columns"):
        spark.range(1).select("id", F.col("id").alias("x")).write.text(str(tmp_path / "x"))


def test_gzip_compressed_line_formats(spark, tmp_path):
    for fmt, ext in (("csv", ".csv.gz"), ("json", ".json.gz")):
        d = str(tmp_path / fmt)
        spark.range(5).write.format(fmt).option("compression", "gzip").save(d)
        assert all(n.endswith(ext) for n in os.listdir(d) if n.startswith("part-"))
        back = spark.read.format(fmt).schema("id bigint").load(d)
        assert sorted(r.id for r in back.collect()) == [0, 1, 2, 3, 4]
    with pytest.raises(AnalysisException, match=r"CODEC_NOT_AVAILABLE"):
        spark.range(1).write.option("compression", "lzma").csv(str(tmp_path / "bad"))
    assert not os.path.exists(tmp_path / "bad")


# ------------------------------------------------------------------------------------------------ API shape


def test_format_option_load_save(spark, tmp_path):
    d = str(tmp_path / "fo")
    spark.range(3).write.format("csv").mode("overwrite").option("header", "true").options(sep="|").save(d)
    df = spark.read.format("csv").option("header", True).options(sep="|", inferSchema=True).load(d)
    assert sorted(df.collect()) == [Row(id=0), Row(id=1), Row(id=2)]
    assert isinstance(spark.read, DataFrameReader) and isinstance(spark.range(1).write, DataFrameWriter)


def test_relative_paths_are_the_clients(spark, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spark.range(2).write.json("rel")
    assert os.path.exists(tmp_path / "rel" / "_SUCCESS")
    assert spark.read.json("rel").count() == 2


@pytest.mark.parametrize("obj", [DataFrameReader.format, DataFrameReader.schema, DataFrameReader.option,
                                 DataFrameReader.options, DataFrameReader.load, DataFrameReader.parquet,
                                 DataFrameReader.csv, DataFrameReader.json, DataFrameReader.text,
                                 DataFrameWriter.mode, DataFrameWriter.format, DataFrameWriter.option,
                                 DataFrameWriter.options, DataFrameWriter.partitionBy, DataFrameWriter.save,
                                 DataFrameWriter.parquet, DataFrameWriter.csv, DataFrameWriter.json,
                                 DataFrameWriter.text, SparkSession.read, DataFrame.write],
                         ids=lambda o: getattr(o, "__qualname__", None) or o.fget.__qualname__)
def test_docstring_examples_run(spark, obj):
    target = obj.fget if isinstance(obj, property) else obj
    run_examples(target, spark, functions=False)

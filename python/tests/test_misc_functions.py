"""The conditional, arithmetic, bitwise and hash functions from Python: their examples run, and values, types, NULLs,
generated column names and errors are PySpark 4.3's."""

from __future__ import annotations

import contextlib

import pytest

from kindling.errors import AnalysisException
from kindling.sql import _misc_functions as M
from kindling.sql import functions as F
from examples import run_examples


@pytest.mark.parametrize("name", M.__all__)
def test_examples_run(spark, name):
    fn = getattr(F, name)
    run_examples(fn, spark, name)


@pytest.mark.parametrize("name", ["bitwiseAND", "bitwiseOR", "bitwiseXOR", "isNaN"])
def test_column_method_examples_run(spark, name):
    from kindling.sql.column import Column

    run_examples(getattr(Column, name), spark, name, functions=False)


def test_names_values_and_types_match_pyspark(spark):
    # The same select as PySpark 4.3 ran; its columns, row and types are pasted below.
    df = spark.createDataFrame([(5, 3, 2.5, None)], "a int, b int, d double, n int")
    cols = [F.bitwise_not("a"), F.negate("a"), F.negative("a"), F.positive("a"), F.bround("d"), F.bround("d", 1), df.a.bitwiseAND(df.b),
            df.a.bitwiseOR(3), df.a.bitwiseXOR(df.b), F.shiftleft("a", 1), F.shiftLeft("a", 1), F.shiftrightunsigned("a", 1),
            F.pmod("a", F.lit(2)), F.pmod(F.lit(7), 2), F.try_add("a", "b"), F.hash("a", "b"), F.xxhash64("a"), F.sign("d"),
            F.factorial("a"), F.conv(F.lit("ff"), 16, 10), F.bin("a"), F.width_bucket("d", F.lit(0), F.lit(10), F.lit(5)), F.typeof("a"),
            F.bit_count("a"), F.bit_get("a", F.lit(0)), F.getbit("a", F.lit(1)), F.nullif("a", "b"), F.nvl2("n", "a", "b"),
            F.equal_null("a", "n"), F.zeroifnull("n"), F.nullifzero("a"), F.nanvl("d", F.lit(1.0)), F.try_divide("a", "b"),
            F.try_mod("a", "b"), F.try_subtract("a", "b"), F.try_multiply("a", "b"), df.d.isNaN(), F.bitwiseNOT("a")]
    r = df.select(*cols)
    assert r.columns == PYSPARK_COLUMNS
    assert list(r.collect()[0]) == PYSPARK_ROW
    assert [f.dataType.simpleString() for f in r.schema.fields] == PYSPARK_TYPES


PYSPARK_COLUMNS = ['~a', 'negative(a)', 'negative(a)', '(+ a)', 'bround(d, 0)', 'bround(d, 1)', '(a & b)', '(a | 3)', '(a ^ b)', 'shiftleft(a, 1)', 'shiftleft(a, 1)', 'shiftrightunsigned(a, 1)', 'pmod(a, 2)', 'pmod(7, 2)', 'try_add(a, b)', 'hash(a, b)', 'xxhash64(a)', 'sign(d)', 'factorial(a)', 'conv(ff, 16, 10)', 'bin(a)', 'width_bucket(d, 0, 10, 5)', 'typeof(a)', 'bit_count(a)', 'bit_get(a, 0)', 'getbit(a, 1)', 'nullif(a, b)', 'nvl2(n, a, b)', 'equal_null(a, n)', 'zeroifnull(n)', 'nullifzero(a)', 'nanvl(d, 1.0)', 'try_divide(a, b)', 'try_mod(a, b)', 'try_subtract(a, b)', 'try_multiply(a, b)', 'isnan(d)', '~a']
PYSPARK_ROW = [-6, -5, -5, 5, 2.0, 2.5, 1, 7, 6, 10, 10, 2, 1, 1, 8, -1191943844, 504019808641096632, 1.0, 120, '255', '101', 2, 'int', 2, 1, 0, 5, 3, False, 0, 5, 2.5, 1.6666666666666667, 2, 2, 15, False, -6]
# PySpark's bit_get/getbit are tinyint; Kindling has no tinyint, so they are ints with the same values.
PYSPARK_TYPES = ['int', 'int', 'int', 'int', 'double', 'double', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'bigint', 'double', 'bigint', 'string', 'string', 'bigint', 'string', 'int', 'int', 'int', 'int', 'int', 'boolean', 'int', 'int', 'double', 'double', 'int', 'int', 'int', 'boolean', 'int']


def test_sql_operators_and_precedence(spark):
    row = spark.sql("SELECT 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, -16 >> 2, -16 >>> 2, 1 + 2 << 1, 1 | 6 & 3, 7 div 2, +1").first()
    assert list(row) == [1, 7, 6, -6, 16, -4, 1073741820, 6, 3, 3, 1]
    assert spark.sql("SELECT 5 & 3, ~5, 1 << 4, 1 + 2 << 1, 1 | 6 & 3, 7 div 2, mod(7, 2), positive(1)").columns == [
        "(5 & 3)", "~5", "(1 << 4)", "((1 + 2) << 1)", "(1 | (6 & 3))", "(7 div 2)", "mod(7, 2)", "(+ 1)"]


def test_cast_aliases_are_casts_named_after_their_argument(spark):
    df = spark.sql("SELECT int('12') , bigint(3.7), double('1.5'), decimal('1.25'), date('2024-01-02')")
    assert list(df.first()) == [12, 3, 1.5, 1, __import__("datetime").date(2024, 1, 2)]
    assert [f.dataType.simpleString() for f in df.schema.fields] == ["int", "bigint", "double", "decimal(10,0)", "date"]
    assert spark.createDataFrame([(1.9,)], "x double").selectExpr("int(x)").columns == ["x"]


def test_try_functions_ignore_ansi(spark):
    spark.conf.set("spark.sql.ansi.enabled", "true")
    try:
        row = spark.sql("SELECT try_add(2147483647, 1), try_divide(1, 0), try_mod(1, 0), try_multiply(9223372036854775807L, 2)").first()
        assert list(row) == [None, None, None, None]
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "false")


def test_hash_matches_spark_over_a_dataframe(spark):
    df = spark.createDataFrame([(1, "x", 2.5), (None, "y", None), (3, None, -0.0)], "i int, s string, d double")
    got = [tuple(r) for r in df.select(F.hash("i", "s", "d"), F.xxhash64("s")).collect()]
    assert got == PYSPARK_HASHES


PYSPARK_HASHES = [(-1397093485, -5636050478767222463), (1475214315, -2901346384480684965), (-1785245051, 42)]


def test_bad_arguments_name_the_function(spark):
    with pytest.raises(AnalysisException, match=r"`bit_count` requires the \(\"INTEGRAL\" or \"BOOLEAN\"\) type"):
        spark.sql("SELECT bit_count('a')").collect()
    with pytest.raises(AnalysisException, match=r"`nvl2` requires 3 parameters but the actual number is 2"):
        spark.sql("SELECT nvl2(1, 2)").collect()
    with pytest.raises(Exception, match=r"BIT_POSITION_RANGE"):
        spark.sql("SELECT bit_get(5, 40)").collect()
    with pytest.raises(Exception, match=r"NOT_COLUMN_OR_INT"):
        F.bround("x", "1")  # type: ignore[arg-type]


def test_rand_randn_and_ids_per_partition_match_spark(spark):
    # PySpark 4.3: spark.range(0, 6, 1, 3) with rand(42), randn(42), monotonically_increasing_id(), spark_partition_id().
    df = spark.range(0, 6, 1, 3).select("id", F.rand(42).alias("r"), F.randn(42).alias("n"), F.monotonically_increasing_id().alias("m"),
                                       F.spark_partition_id().alias("p"))
    assert [tuple(r) for r in df.collect()] == [
        (0, 0.619189370225301, 2.384479054241165, 0, 0),
        (1, 0.5096018842446481, 0.1920934041293524, 1, 0),
        (2, 0.8017532427858894, 1.1027054481455365, 8589934592, 1),
        (3, 0.6565552949992319, 0.5721044623675455, 8589934593, 1),
        (4, 0.7985334687187781, 0.29214347275992464, 17179869184, 2),
        (5, 0.8679617292463396, 0.36008564763650264, 17179869185, 2),
    ]
    # Without a seed Spark draws one and prints it; the sequence is still one per call.
    assert spark.range(1).select(F.rand()).columns[0].startswith("rand(")
    assert spark.sql("SELECT random(7), rand(NULL) FROM range(1)").columns == ["rand(7)", "rand(NULL)"]


def test_nondeterministic_calls_are_not_folded_or_collapsed(spark):
    df = spark.range(0, 4, 1, 1).select(F.rand(1).alias("r"))
    # Each row draws its own value; selecting the column twice reads the same draws.
    rows = df.select("r", (F.col("r") * 1).alias("r2")).collect()
    assert len({r.r for r in rows}) == 4 and all(r.r == r.r2 for r in rows)


def test_context_functions_and_user_errors(spark):
    row = spark.sql("SELECT current_database(), current_schema(), current_catalog()").first()
    assert list(row) == ["default", "default", "spark_catalog"]
    assert spark.sql("SELECT current_database(), user()").columns == ["current_schema()", "user()"]
    with pytest.raises(Exception, match=r"\[USER_RAISED_EXCEPTION\] '\(id > 3\)' is not true!"):
        spark.range(5).select(F.assert_true(F.col("id") > 3)).collect()
    with pytest.raises(Exception, match=r"\[USER_RAISED_EXCEPTION\] boom"):
        spark.range(1).select(F.raise_error("boom")).collect()
    # A CASE branch that raises runs only on its own rows.
    assert spark.sql("SELECT CASE WHEN id < 0 THEN raise_error('neg') ELSE id END AS v FROM range(3)").collect()[2].v == 2
    with pytest.raises(AnalysisException, match="SEED_EXPRESSION_IS_UNFOLDABLE"):
        spark.sql("SELECT rand(id) FROM range(2)").collect()


@pytest.mark.parametrize("name", ["tail", "registerTempTable"])
def test_dataframe_method_examples_run(spark, name):
    from kindling.sql.dataframe import DataFrame

    with pytest.warns(FutureWarning) if name == "registerTempTable" else contextlib.nullcontext():
        run_examples(getattr(DataFrame, name), spark, name, functions=False)
    if name == "tail":
        assert spark.range(3).tail(0) == [] and spark.range(3).tail(5) == list(spark.range(3).collect())


def test_try_cast_is_null_on_bad_input_in_either_mode(spark):
    df = spark.createDataFrame([("123",), ("abc",)], ["s"])
    from kindling.sql.column import Column

    run_examples(Column.try_cast, spark, "try_cast", functions=False)
    spark.conf.set("spark.sql.ansi.enabled", "true")
    try:
        assert [r[0] for r in df.select(df.s.try_cast("int")).collect()] == [123, None]
        assert spark.sql("SELECT try_cast('abc' AS INT), try_cast('7' AS BIGINT)").first() == (None, 7)
        assert spark.sql("SELECT try_cast('abc' AS INT)").columns == ["TRY_CAST(abc AS INT)"]
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "false")


def test_struct_type_to_ddl_and_to_nullable_match_pyspark():
    from kindling.sql.types import (ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType,
                                    NullType, StringType, StructField, StructType, TimestampType)

    s = StructType([StructField("a", IntegerType(), False), StructField("b c", ArrayType(StringType(), False)),
                    StructField("d", StructType([StructField("x", DecimalType(5, 2), False), StructField("1", DateType())])),
                    StructField("e", DateType()), StructField("f", TimestampType()), StructField("g", BinaryType()),
                    StructField("h", BooleanType()), StructField("i", LongType()), StructField("j", DoubleType()),
                    StructField("k`q", NullType())])
    # PySpark 4.3's output for the same schema.
    assert s.toDDL() == ("a INT NOT NULL,`b c` ARRAY<STRING>,d STRUCT<x: DECIMAL(5,2) NOT NULL, `1`: DATE>,e DATE,f TIMESTAMP,"
                         "g BINARY,h BOOLEAN,i BIGINT,j DOUBLE,`k``q` VOID")
    assert repr(s.toNullable()) == (
        "StructType([StructField('a', IntegerType(), True), StructField('b c', ArrayType(StringType(), True), True), "
        "StructField('d', StructType([StructField('x', DecimalType(5,2), True), StructField('1', DateType(), True)]), True), "
        "StructField('e', DateType(), True), StructField('f', TimestampType(), True), StructField('g', BinaryType(), True), "
        "StructField('h', BooleanType(), True), StructField('i', LongType(), True), StructField('j', DoubleType(), True), "
        "StructField('k`q', NullType(), True)])")
    assert StructType([]).toDDL() == ""
    assert repr(ArrayType(IntegerType(), False).toNullable()) == "ArrayType(IntegerType(), True)"
    import doctest

    from kindling.sql import types as T

    for fn in (T.StructType.toDDL, T.StructType.toNullable, T.ArrayType.toNullable):
        runner = doctest.DocTestRunner()
        for t in doctest.DocTestFinder(recurse=False).find(fn, fn.__name__, globs=vars(T)):
            runner.run(t)
        assert runner.failures == 0


def test_sample_and_random_split_keep_sparks_rows(spark):
    from kindling.errors import PySparkTypeError, PySparkValueError
    from kindling.sql.dataframe import DataFrame

    for name in ("sample", "randomSplit"):
        run_examples(getattr(DataFrame, name), spark, name, functions=False)
    # PySpark 4.3 (local[2]) on the same data and seeds.
    df = spark.range(0, 20, 1, 3)
    assert [r.id for r in df.sample(False, 0.3, 7).collect()] == [0, 8, 15, 16]
    assert [r.id for r in df.sample(fraction=0.5, seed=3).collect()] == [0, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18, 19]
    d2 = spark.createDataFrame([(i % 3, str(i)) for i in range(10)], "k int, s string").repartition(1)
    assert [[tuple(r) for r in d.collect()] for d in d2.randomSplit([0.5, 0.5], 11)] == [
        [(0, "0"), (0, "3"), (0, "6"), (0, "9"), (1, "1"), (2, "2"), (2, "5")], [(1, "4"), (1, "7"), (2, "8")]]
    assert df.sample(0.5, 42).columns == ["id"]
    with pytest.raises(PySparkTypeError, match="NOT_EXPECTED_TYPE"):
        df.sample("a")  # type: ignore[arg-type]
    with pytest.raises(PySparkValueError, match="VALUE_NOT_POSITIVE"):
        df.randomSplit([1.0, -1.0])


def test_with_field_and_drop_fields_match_pyspark(spark):
    from kindling.sql.column import Column

    for name in ("withField", "dropFields"):
        run_examples(getattr(Column, name), spark, name, functions=False)
    df = spark.createDataFrame([((1, "x", (2, 3)),), (None,)], "s struct<a:int,b:string,c:struct<d:int,e:int>>")
    r = df.select(df.s.withField("b", F.lit("y")), df.s.withField("z", F.lit(9)), df.s.dropFields("a"), df.s.withField("c.d", F.lit(7)),
                  df.s.dropFields("c.e", "b"), df.s.withField("A", F.lit(5)))
    # PySpark 4.3's names and types for the same select.
    assert r.columns == ['update_fields(s, WithField(y))', 'update_fields(s, WithField(9))', 'update_fields(s, dropfield())',
                         'update_fields(s, WithField(update_fields(s.c, WithField(7))))',
                         'update_fields(s, WithField(update_fields(s.c, dropfield())), dropfield())', 'update_fields(s, WithField(5))']
    assert [f.dataType.simpleString() for f in r.schema.fields] == [
        'struct<a:int,b:string,c:struct<d:int,e:int>>', 'struct<a:int,b:string,c:struct<d:int,e:int>,z:int>',
        'struct<b:string,c:struct<d:int,e:int>>', 'struct<a:int,b:string,c:struct<d:int,e:int>>', 'struct<a:int,c:struct<d:int>>',
        'struct<A:int,b:string,c:struct<d:int,e:int>>']
    rows = r.collect()
    assert rows[1] == (None, None, None, None, None, None)
    assert rows[0][3].c.d == 7 and rows[0][4].asDict(recursive=True) == {"a": 1, "c": {"d": 2}}
    with pytest.raises(AnalysisException, match="CANNOT_DROP_ALL_FIELDS"):
        df.select(df.s.dropFields("a", "b", "c")).collect()
    with pytest.raises(AnalysisException, match=r"No such struct field `q` in `a`, `b`, `c`"):
        df.select(df.s.withField("q.r", F.lit(1))).collect()
    with pytest.raises(AnalysisException, match='The first parameter requires the "STRUCT" type'):
        df.select(F.lit(1).withField("a", F.lit(1))).collect()

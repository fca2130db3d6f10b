"""DecimalType through the client: Row values are ``Decimal``, show() keeps the scale, toPandas gives an object
column, createDataFrame takes Decimals, schemas round-trip, and a precision over 38 is refused. Expected values
are PySpark 4.0.1's with ``spark.sql.ansi.enabled=false``."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

import kindling.sql.functions as F
from kindling.errors import AnalysisException, PySparkValueError
from kindling.sql import Row
from kindling.sql.types import DecimalType, StructField, StructType


def test_decimal_type_api():
    assert repr(DecimalType()) == "DecimalType(10,0)"
    assert repr(DecimalType(16, 8)) == "DecimalType(16,8)"
    assert DecimalType(10, 2).simpleString() == "decimal(10,2)"
    assert DecimalType(10, 2).jsonValue() == "decimal(10,2)"
    assert DecimalType(10, 2) == DecimalType(10, 2) and DecimalType(10, 2) != DecimalType(10, 3)
    assert StructType.fromDDL("a decimal(16, 8), b decimal, c numeric(5)") == StructType(
        [StructField("a", DecimalType(16, 8)), StructField("b", DecimalType(10, 0)), StructField("c", DecimalType(5, 0))]
    )


def test_create_dataframe_collect_show(spark):
    df = spark.createDataFrame([(Decimal("1.50"),), (None,), (Decimal("-3.1"),)], "d decimal(10,2)")
    assert df.schema == StructType([StructField("d", DecimalType(10, 2), True)])
    assert df.dtypes == [("d", "decimal(10,2)")]
    rows = df.collect()
    assert rows == [Row(d=Decimal("1.50")), Row(d=None), Row(d=Decimal("-3.10"))]
    assert isinstance(rows[0].d, Decimal) and str(rows[0].d) == "1.50"
    assert df._show_string() == "+-----+\n|    d|\n+-----+\n| 1.50|\n| NULL|\n|-3.10|\n+-----+\n"


def test_show_keeps_every_scale_digit(spark):
    df = spark.sql("select cast(0 as decimal(38,10)) a, cast(123.456 as decimal(10,2)) c, cast('1.5' as decimal(10,2)) d")
    assert df._show_string(truncate=False) == (
        "+------------+------+----+\n"
        "|a           |c     |d   |\n"
        "+------------+------+----+\n"
        "|0.0000000000|123.46|1.50|\n"
        "+------------+------+----+\n"
    )
    assert df.collect() == [Row(a=Decimal("0E-10"), c=Decimal("123.46"), d=Decimal("1.50"))]


def test_inferred_decimal_is_38_18(spark):
    df = spark.createDataFrame([(Decimal("1.50"),)], ["d"])
    assert df.schema == StructType([StructField("d", DecimalType(38, 18), True)])
    assert df.collect() == [Row(d=Decimal("1.500000000000000000"))]


def test_to_pandas_gives_decimal_objects(spark):
    pdf = spark.createDataFrame([(Decimal("1.50"),), (None,)], "d decimal(10,2)").toPandas()
    assert str(pdf.dtypes["d"]) == "object"
    assert pdf["d"].tolist()[0] == Decimal("1.50") and isinstance(pdf["d"].tolist()[0], Decimal)
    assert pdf["d"].tolist()[1] is None


def test_literals_and_casts(spark):
    one = spark.range(1)
    x = one.select(F.lit(Decimal("1.50")).alias("x"))
    assert x.schema == StructType([StructField("x", DecimalType(3, 2), False)])
    assert one.select(F.lit(Decimal("1.50"))).columns == ["1.50"]
    assert one.select(F.lit(Decimal("1.50")) + F.lit(1)).columns == ["(1.50 + 1)"]
    assert one.select(F.col("id").cast("decimal(10,2)")).schema == StructType([StructField("id", DecimalType(10, 2), True)])
    assert one.select(F.col("id").cast(DecimalType(10, 2))).columns == ["id"]
    assert one.select(F.col("id").cast("decimal")).schema.fields[0].dataType == DecimalType(10, 0)
    assert spark.range(3).select((F.col("id").cast("decimal(10,2)") / 3).alias("x")).collect() == [
        Row(x=Decimal("0.000000")), Row(x=Decimal("0.333333")), Row(x=Decimal("0.666667"))
    ]


def test_arithmetic_and_aggregates(spark):
    df = spark.sql(
        "select cast(1 as decimal(10,2)) / cast(3 as decimal(10,2)) a, cast(1 as decimal(38,10)) * cast(3 as decimal(38,10)) b, "
        "cast(7 as decimal(10,2)) % cast(3 as decimal(5,1)) c, cast(1 as decimal(10,2)) + 1 d, cast(1 as decimal(10,2)) / 0 z"
    )
    assert df.schema.simpleString() == "struct<a:decimal(23,13),b:decimal(38,6),c:decimal(6,2),d:decimal(11,2),z:decimal(14,6)>"
    assert df.collect() == [Row(a=Decimal("0.3333333333333"), b=Decimal("3.000000"), c=Decimal("1.00"), d=Decimal("2.00"), z=None)]
    agg = spark.sql(
        "select sum(x), avg(x), min(x), max(x), count(x) from values (cast(1.10 as decimal(10,2))), (cast(2.25 as decimal(10,2))), (null) t(x)"
    )
    assert agg.schema.simpleString() == "struct<sum(x):decimal(20,2),avg(x):decimal(14,6),min(x):decimal(10,2),max(x):decimal(10,2),count(x):bigint>"
    assert agg.collect() == [Row(**{"sum(x)": Decimal("3.35"), "avg(x)": Decimal("1.675000"), "min(x)": Decimal("1.10"), "max(x)": Decimal("2.25"), "count(x)": 2})]


def test_group_by_and_join_keys_with_nulls(spark):
    df = spark.createDataFrame([(Decimal("1.1"), 1), (Decimal("1.10"), 2), (None, 3), (None, 4), (Decimal("-1"), 5)], "x decimal(30,2), v int")
    assert df.groupBy("x").count().orderBy("x").collect() == [
        Row(x=None, count=2), Row(x=Decimal("-1.00"), count=1), Row(x=Decimal("1.10"), count=2)
    ]
    other = spark.createDataFrame([(Decimal("1.10"), "a"), (None, "n")], "x decimal(30,2), w string")
    assert sorted(r.v for r in df.join(other, "x").collect()) == [1, 2]


def test_schema_round_trip(spark):
    schema = StructType([StructField("a", DecimalType(38, 0)), StructField("b", DecimalType(5, 5))])
    df = spark.createDataFrame([(Decimal("12345678901234567890123456789012345678"), Decimal("0.12345"))], schema)
    assert df.schema == schema
    assert df.collect() == [Row(a=Decimal("12345678901234567890123456789012345678"), b=Decimal("0.12345"))]
    assert df.select(F.col("a") + 1).schema.fields[0].dataType == DecimalType(38, 0)


def test_precision_over_38_is_refused(spark):
    with pytest.raises(PySparkValueError) as e:
        spark.createDataFrame([(Decimal("1.5"),)], StructType([StructField("d", DecimalType(39, 2))]))
    assert e.value.getErrorClass() == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION"
    with pytest.raises(AnalysisException) as e2:
        spark.sql("select cast(1 as decimal(39,2))")
    assert e2.value.getErrorClass() == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION"
    with pytest.raises(AnalysisException) as e3:
        spark.range(1).select(F.col("id").cast(DecimalType(39, 2)))
    assert e3.value.getErrorClass() == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION"


@pytest.mark.parametrize("arrow", ["false", "true"])
def test_udfs_take_and_return_decimals(spark, conf, arrow):
    conf({"spark.sql.execution.pythonUDF.arrow.enabled": arrow})
    df = spark.createDataFrame([(Decimal("1.50"),), (None,), (Decimal("99.99"),)], "d decimal(4,2)")

    @F.udf(returnType=DecimalType(4, 2))
    def plus(x):
        # 99.99 + 1.005 needs 3 integral digits: NULL, as Spark's non-ANSI overflow; 1.50 + 1.005 rounds HALF_UP.
        return None if x is None else x + Decimal("1.005")

    assert df.select(plus("d").alias("p")).collect() == [Row(p=Decimal("2.51")), Row(p=None), Row(p=None)]

    @F.udf(returnType="string")
    def text(x):
        return repr(x)

    assert [r[0] for r in df.select(text("d")).collect()] == ["Decimal('1.50')", "None", "Decimal('99.99')"]


def test_pandas_udf_returns_decimals(spark):
    @F.pandas_udf(DecimalType(10, 2))
    def plus(s: pd.Series) -> pd.Series:
        return s.apply(lambda x: None if x is None else x + Decimal("1"))

    df = spark.createDataFrame([(Decimal("1.50"),), (None,)], "d decimal(10,2)")
    assert df.select(plus("d").alias("p")).collect() == [Row(p=Decimal("2.50")), Row(p=None)]


def test_pickled_results_and_local_data(spark, conf):
    conf({"spark.sql.execution.arrow.pyspark.enabled": "false"})
    df = spark.createDataFrame([(Decimal("1.5"),), (None,), (Decimal("7"),)], "d decimal(10,2)")
    assert df.collect() == [Row(d=Decimal("1.50")), Row(d=None), Row(d=Decimal("7.00"))]

"""intersectAll / exceptAll (and their SQL forms INTERSECT ALL, EXCEPT ALL, MINUS ALL): multiset semantics with
duplicates and NULLs, column names from the left, and Spark's analysis errors. Expected results computed by hand."""

import pytest

from kindling.errors import AnalysisException
from kindling.sql import functions as F
from kindling.sql import Row


def _key(r):
    return tuple((v is None, v) for v in r)


def _sorted(rows):
    return sorted((tuple(r) for r in rows), key=_key)


# left: (1,a)×3, (2,b)×2, (NULL,c)×2, (3,NULL)×1, (NULL,NULL)×2
LEFT = [(1, "a"), (1, "a"), (2, "b"), (1, "a"), (None, "c"), (2, "b"), (3, None), (None, "c"), (None, None),
        (None, None)]
# right: (1,a)×2, (2,b)×3, (NULL,c)×1, (NULL,NULL)×1, (4,d)×1
RIGHT = [(2, "b"), (1, "a"), (None, "c"), (2, "b"), (1, "a"), (None, None), (4, "d"), (2, "b")]

INTERSECT_ALL = _sorted([(1, "a"), (1, "a"), (2, "b"), (2, "b"), (None, "c"), (None, None)])
LEFT_EXCEPT_ALL = _sorted([(1, "a"), (None, "c"), (3, None), (None, None)])
RIGHT_EXCEPT_ALL = _sorted([(2, "b"), (4, "d")])


@pytest.fixture
def sides(spark):
    return spark.createDataFrame(LEFT, "k int, s string"), spark.createDataFrame(RIGHT, "x int, y string")


def test_intersect_all_keeps_min_count(sides):
    left, right = sides
    out = left.intersectAll(right)
    assert out.columns == ["k", "s"]
    assert _sorted(out.collect()) == INTERSECT_ALL
    assert _sorted(right.intersectAll(left).collect()) == INTERSECT_ALL
    assert _sorted(left.intersect(right).collect()) == _sorted([(1, "a"), (2, "b"), (None, "c"), (None, None)])


def test_except_all_keeps_the_difference_of_counts(sides):
    left, right = sides
    assert _sorted(left.exceptAll(right).collect()) == LEFT_EXCEPT_ALL
    assert _sorted(right.exceptAll(left).collect()) == RIGHT_EXCEPT_ALL
    assert _sorted(left.subtract(right).collect()) == [(3, None)]
    assert left.exceptAll(left).count() == 0
    assert left.intersectAll(left).count() == 10


def test_methods_agree_with_sql(spark, sides):
    left, right = sides
    left.createOrReplaceTempView("setops_l")
    right.createOrReplaceTempView("setops_r")
    try:
        assert _sorted(spark.sql("SELECT * FROM setops_l INTERSECT ALL SELECT * FROM setops_r").collect()) == INTERSECT_ALL
        assert _sorted(spark.sql("SELECT * FROM setops_l EXCEPT ALL SELECT * FROM setops_r").collect()) == LEFT_EXCEPT_ALL
        assert _sorted(spark.sql("SELECT * FROM setops_r MINUS ALL SELECT * FROM setops_l").collect()) == RIGHT_EXCEPT_ALL
    finally:
        spark.catalog.dropTempView("setops_l")
        spark.catalog.dropTempView("setops_r")


def test_widens_types_and_chains(spark, sides):
    left, right = sides
    wide = right.select(right.x.cast("bigint").alias("a"), F.col("y"))
    out = left.intersectAll(wide)
    assert out.dtypes == [("k", "bigint"), ("s", "string")]
    assert _sorted(out.collect()) == INTERSECT_ALL
    chained = left.exceptAll(right).filter("k IS NULL").intersectAll(left)
    assert _sorted(chained.collect()) == _sorted([(None, "c"), (None, None)])
    assert left.exceptAll(right).orderBy("k", "s").first() == Row(k=None, s=None)


def test_mismatched_inputs(spark, sides):
    left, right = sides
    with pytest.raises(AnalysisException) as e:
        left.intersectAll(right.select("x"))
    assert e.value.getErrorClass() == "NUM_COLUMNS_MISMATCH"
    assert "INTERSECTALL can only be performed on inputs with the same number of columns, but the first input " \
           "has 2 columns and the second input has 1 columns." in str(e.value)
    arrays = right.select(F.split("y", ",").alias("parts"), "x")
    with pytest.raises(AnalysisException) as e:
        left.exceptAll(arrays)
    assert e.value.getErrorClass() == "INCOMPATIBLE_COLUMN_TYPE"
    assert 'EXCEPTALL can only be performed on tables with compatible column types. The first column of the ' \
           'second table is "ARRAY<STRING>" type which is not compatible with "INT" at the same column of the ' \
           'first table.' in str(e.value)
    with pytest.raises(Exception) as e:
        left.exceptAll([1, 2])
    assert "NOT_DATAFRAME" in str(e.value.getErrorClass())


def test_array_repeat(spark):
    df = spark.createDataFrame([("ab", 2), (None, 1), ("c", None), ("d", -1)], "s string, n int")
    assert [r.r for r in df.select(F.array_repeat("s", "n").alias("r")).collect()] == [["ab", "ab"], [None], None, []]
    assert df.select(F.array_repeat(df.s, 2).alias("r")).first().r == ["ab", "ab"]


def test_sides_widen_to_common_types_before_comparing(spark):
    ints = spark.createDataFrame([(1,), (2,), (2,), (None,)], "v int")
    strs = spark.createDataFrame([("1",), ("2.0",), ("2",), (None,)], "v string")
    # 1 and '1' meet as strings and match; 2 and '2.0' do not (as in Spark, unlike a numeric comparison).
    assert ints.intersect(strs).dtypes == [("v", "string")]
    assert _sorted(ints.intersect(strs).collect()) == _sorted([("1",), ("2",), (None,)])
    assert _sorted(ints.intersectAll(strs).collect()) == _sorted([("1",), ("2",), (None,)])
    assert _sorted(ints.subtract(strs).collect()) == []
    assert _sorted(ints.exceptAll(strs).collect()) == [("2",)]
    with pytest.raises(AnalysisException) as e:
        ints.intersect(spark.createDataFrame([(True,)], "b boolean"))
    assert e.value.getErrorClass() == "INCOMPATIBLE_COLUMN_TYPE"
    assert str(e.value).startswith("[INCOMPATIBLE_COLUMN_TYPE] INTERSECT can only be performed on tables")

"""spark.catalog methods of issue 4: cacheTable/uncacheTable/isCached/clearCache/refreshTable, getTable,
listColumns, listFunctions/functionExists/getFunction and registerFunction. Expected values were produced by
PySpark 4 (local[1]) on the same views; function descriptions and class names are the engine's own."""

import warnings

import pytest

from examples import run_examples
from kindling import StorageLevel
from kindling.errors import AnalysisException
from kindling.sql import Row
from kindling.sql.catalog import Catalog, Column, Function, Table

NAMES = ["cacheTable", "uncacheTable", "isCached", "clearCache", "refreshTable", "refreshByPath", "getTable", "listColumns",
         "listFunctions", "functionExists", "getFunction", "registerFunction"]


@pytest.mark.parametrize("name", NAMES)
def test_examples(spark, name):
    before = {t.name for t in spark.catalog.listTables()}
    try:
        run_examples(getattr(Catalog, name), spark, f"Catalog.{name}")
    finally:
        # The examples make views of their own: other tests of the session expect a clean catalog.
        for t in spark.catalog.listTables():
            if t.name not in before:
                spark.catalog.dropTempView(t.name)
        spark.catalog.clearCache()


@pytest.fixture
def view(spark):
    spark.createDataFrame([(1, "a", [1])], "id int not null, s string, arr array<int>").createOrReplaceTempView("tv4")
    yield "tv4"
    spark.catalog.dropTempView("tv4")


def test_cache_table(spark, view):
    assert not spark.catalog.isCached(view)
    spark.catalog.cacheTable(view)
    assert spark.catalog.isCached(view)
    assert spark.table(view).is_cached
    assert spark.table(view).storageLevel == StorageLevel.MEMORY_AND_DISK_DESER
    assert spark.table(view).collect() == [Row(id=1, s="a", arr=[1])]
    spark.catalog.refreshTable(view)
    assert spark.catalog.isCached(view)
    spark.catalog.uncacheTable(view)
    assert not spark.catalog.isCached(view)
    spark.catalog.cacheTable(view, StorageLevel.DISK_ONLY)
    df = spark.range(3)
    df.cache()
    spark.catalog.clearCache()
    assert not spark.catalog.isCached(view) and not df.is_cached
    spark.catalog.refreshTable(view)  # not cached: nothing to do


@pytest.mark.parametrize("call", ["cacheTable", "uncacheTable", "isCached", "refreshTable", "getTable", "listColumns"])
def test_unknown_table(spark, call):
    with pytest.raises(AnalysisException) as e:
        getattr(spark.catalog, call)("no_such_view")
    assert e.value.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND"
    assert str(e.value) == ("[TABLE_OR_VIEW_NOT_FOUND] The table or view `no_such_view` cannot be found. Verify the "
                            "spelling and correctness of the schema and catalog.")


def test_get_table_and_columns(spark, view):
    assert spark.catalog.getTable(view) == Table(view, None, [], None, "TEMPORARY", True)
    assert spark.catalog.listColumns(view) == [
        Column("id", None, "int", False, False, False, False), Column("s", None, "string", True, False, False, False),
        Column("arr", None, "array<int>", True, False, False, False)]
    spark.range(2).createOrReplaceGlobalTempView("gv4")
    assert spark.catalog.getTable("global_temp.gv4") == Table("gv4", None, ["global_temp"], None, "TEMPORARY", True)
    assert spark.catalog.listColumns("gv4", "global_temp") == [Column("id", None, "bigint", False, False, False, False)]
    with pytest.raises(AnalysisException) as e:
        spark.catalog.getTable("global_temp.nope")
    assert "`global_temp`.`nope`" in str(e.value)


def test_functions(spark):
    spark.udf.register("plus_one4", lambda x: x + 1, "int")
    fns = spark.catalog.listFunctions()
    names = [f.name for f in fns]
    assert {"upper", "count", "sum", "explode_outer" if "explode_outer" in names else "upper"} <= set(names)
    assert names.index("plus_one4") > names.index("upper")  # built-ins first, then the session's
    assert len(names) == len(set(names))
    assert all(isinstance(f, Function) and f.isTemporary and f.catalog is None for f in fns)
    assert spark.catalog.functionExists("UPPER") and spark.catalog.functionExists("plus_one4")
    assert not spark.catalog.functionExists("no_such_fn")
    f = spark.catalog.getFunction("plus_one4")
    assert (f.name, f.namespace, f.description, f.isTemporary) == ("plus_one4", None, "N/A.", True)
    assert spark.catalog.getFunction("upper").name == "upper"
    assert [f.name for f in spark.catalog.listFunctions(pattern="upp*")] == ["upper"]
    with pytest.raises(AnalysisException) as e:
        spark.catalog.getFunction("no_such_fn")
    assert e.value.getErrorClass() == "UNRESOLVED_ROUTINE"
    assert "Cannot resolve routine `no_such_fn` on search path" in str(e.value)


def test_register_function(spark):
    with pytest.warns(FutureWarning):
        spark.catalog.registerFunction("plus_two4", lambda x: x + 2, "int")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert spark.sql("SELECT plus_two4(1) AS v").collect() == [Row(v=3)]


def test_refresh_by_path(spark, tmp_path):
    d = str(tmp_path / "p")
    spark.createDataFrame([(1,), (2,)], "a int").write.parquet(d)
    df = spark.read.parquet(d).cache()
    assert df.count() == 2
    other = spark.range(4).cache()
    assert other.count() == 4
    # the files change under the cached DataFrame (same names): refreshByPath makes it read them again
    spark.createDataFrame([(5,), (6,)], "a int").coalesce(1).write.mode("overwrite").parquet(str(tmp_path / "q"))
    import os
    import shutil
    src = [f for f in os.listdir(tmp_path / "q") if f.endswith(".parquet")][0]
    for f in [f for f in os.listdir(d) if f.endswith(".parquet")]:
        shutil.copy(tmp_path / "q" / src, os.path.join(d, f))
    assert sorted(r.a for r in df.collect()) == [1, 2]  # still the cached blocks
    spark.catalog.refreshByPath("file:" + d)
    assert df.is_cached and other.is_cached
    assert sorted(r.a for r in df.collect()) == sorted([5, 6] * len([f for f in os.listdir(d) if f.endswith(".parquet")]))
    spark.catalog.clearCache()

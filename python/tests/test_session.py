"""SparkSession: builder, active session, runtime config, context, catalog, stop."""

from __future__ import annotations

import json

import pytest

from kindling.errors import AnalysisException, KindlingException, PySparkRuntimeError, PySparkTypeError
from kindling.sql import DataFrame, SparkSession


def test_get_or_create_returns_the_active_session_and_applies_confs(spark):
    assert SparkSession.getActiveSession() is spark
    assert SparkSession.active() is spark
    again = SparkSession.builder.config("spark.sql.shuffle.partitions", 3).getOrCreate()
    try:
        assert again is spark
        assert spark.conf.get("spark.sql.shuffle.partitions") == "3"
    finally:
        spark.conf.unset("spark.sql.shuffle.partitions")


def test_builder_is_new_on_every_access():
    assert SparkSession.builder is not SparkSession.builder
    b = SparkSession.builder.config(map={"a.b": True, "c": 1})
    assert b._options == {"a.b": "true", "c": "1"}
    with pytest.raises(PySparkTypeError):
        SparkSession.builder.config(1, "x")


def test_startup_time_is_recorded(spark):
    assert 0 < spark._startup_ms < 10_000


def test_version_and_context(spark):
    assert spark.version == spark.sparkContext.version
    assert spark.version.count(".") == 2
    sc = spark.sparkContext
    assert sc is spark.sparkContext
    assert sc.master == "local[2]"
    assert sc.appName == "kindling-python-tests"
    assert sc.defaultParallelism == 2


def test_conf_set_get_unset(spark):
    key = "spark.kindling.test.key"
    assert spark.conf.get(key, "dflt") == "dflt"
    assert spark.conf.get(key, None) is None
    with pytest.raises(KindlingException) as e:
        spark.conf.get(key)
    assert e.value.getErrorClass() == "SQL_CONF_NOT_FOUND"
    spark.conf.set(key, True)
    assert spark.conf.get(key) == "true"
    spark.conf.set(key, 42)
    assert spark.conf.get(key) == "42"
    assert spark.conf.getAll[key] == "42"
    spark.conf.unset(key)
    assert spark.conf.get(key, "gone") == "gone"
    assert key not in spark.conf.getAll


def test_conf_defaults_and_modifiable(spark):
    assert spark.conf.get("spark.sql.caseSensitive") == "false"
    assert spark.conf.isModifiable("spark.sql.shuffle.partitions") is True
    assert spark.conf.isModifiable("spark.master") is False
    assert spark.conf.isModifiable("spark.sql.warehouse.dir") is False
    with pytest.raises(PySparkTypeError):
        spark.conf.set(1, "x")


def test_catalog_basics(spark):
    cat = spark.catalog
    assert cat.currentCatalog() == "spark_catalog"
    assert cat.currentDatabase() == "default"
    assert [d.name for d in cat.listDatabases()] == ["default"]
    assert [c.name for c in cat.listCatalogs()] == ["spark_catalog"]
    assert cat.databaseExists("default") and not cat.databaseExists("nope")
    assert cat.getDatabase("default").catalog == "spark_catalog"
    assert cat.listTables() == []
    assert cat.tableExists("t") is False
    cat.setCurrentDatabase("default")
    with pytest.raises(AnalysisException) as e:
        cat.setCurrentDatabase("nope")
    assert e.value.getErrorClass() == "SCHEMA_NOT_FOUND"


def test_set_log_level(spark):
    spark.sparkContext.setLogLevel("warn")
    assert spark.conf.get("spark.log.level") == "WARN"
    spark.conf.unset("spark.log.level")


def test_no_streaming_entry_points_yet(spark):
    # A name that exists must work: streaming arrives with later engine features (files are read by spark.read).
    for name in ("readStream",):
        assert not hasattr(spark, name), name
    assert callable(spark.sql) and callable(spark.table) and callable(spark.read.parquet)


def test_context_manager_and_stop_end_the_engine(new_engine):
    s = new_engine()
    proc = s._client.engine.proc
    with s as same:
        assert same is s
        assert same.range(3).count() == 3
    assert s._stopped
    assert proc.wait(5) == 0
    with pytest.raises(PySparkRuntimeError) as e:
        s.range(1)
    assert e.value.getErrorClass() == "SESSION_STOPPED"


def test_stop_clears_the_active_session(new_engine, spark):
    # A created session becomes active only when there is none; spark is active here.
    s = new_engine()
    assert SparkSession.getActiveSession() is spark
    s.stop()
    assert SparkSession.getActiveSession() is spark


def test_launch_failure_names_the_engine_error(monkeypatch, tmp_path):
    bad = tmp_path / "bad.js"
    bad.write_text("process.stderr.write('boom: cannot start\\n'); process.exit(3);\n")
    monkeypatch.setenv("KINDLING_SERVER_JS", str(bad))
    from kindling.errors import SparkConnectionError

    with pytest.raises(SparkConnectionError) as e:
        SparkSession.builder.master("local[1]").create()
    assert e.value.getErrorClass() == "ENGINE_START_FAILED"
    assert "boom: cannot start" in str(e.value)
    assert "exit code 3" in str(e.value)


def test_launch_passes_master_and_confs_by_environment(monkeypatch, tmp_path):
    # A fake engine that prints what it was given and exits: the secret must be in the environment, not argv.
    out = tmp_path / "env.json"
    fake = tmp_path / "fake.js"
    fake.write_text(
        "const fs = require('fs');\n"
        "const e = process.env;\n"
        "const seen = {argv: process.argv, env: {secret: e.KINDLING_SECRET, owner: e.KINDLING_OWNER,"
        " master: e.KINDLING_MASTER, conf: e.KINDLING_CONF}};\n"
        f"fs.writeFileSync({json.dumps(str(out))}, JSON.stringify(seen));\n"
        "process.exit(1);\n"
    )
    monkeypatch.setenv("KINDLING_SERVER_JS", str(fake))
    with pytest.raises(KindlingException):
        SparkSession.builder.master("local[3]").config("spark.x", "y").create()
    seen = json.loads(out.read_text())
    assert len(seen["env"]["secret"]) == 64
    assert all(seen["env"]["secret"] not in a for a in seen["argv"])
    assert seen["env"]["owner"] == "1"
    assert seen["env"]["master"] == "local[3]"
    assert json.loads(seen["env"]["conf"]) == {"spark.master": "local[3]", "spark.x": "y"}


def test_dataframe_repr(spark):
    df = spark.createDataFrame([(1, "a")], "id bigint, name string")
    assert isinstance(df, DataFrame)
    assert repr(df) == "DataFrame[id: bigint, name: string]"

"""Python UDFs against the real engine and real pooled workers: every eval type, both row transports, errors with
tracebacks, worker death and retry, reuse, cancellation, output forwarding."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pytest

from kindling.errors import PythonException, SparkRuntimeException
from kindling.sql import Row
from kindling.sql import functions as F
from kindling.sql.functions import pandas_udf, udf
from kindling.sql.types import ArrayType, DoubleType, IntegerType, LongType, StringType


def _plan(df) -> str:
    """The physical plan text, as ``explain()`` prints it."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.explain()
    return buf.getvalue()


def _processes():
    """pid → (ppid, state, cmdline) of every process on the machine."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2:].split()
        out[int(d)] = (int(rest[1]), rest[0], cmd)
    return out


def _daemon_and_workers(session):
    procs = _processes()
    engine = session._client.engine.pid
    daemons = [p for p, (pp, _, cmd) in procs.items() if pp == engine and "kindling.worker.daemon" in cmd]
    workers = [(p, st) for p, (pp, st, _) in procs.items() if pp in daemons]
    return daemons, workers


# ---------------------------------------------------------------------------------------------- row UDFs


@pytest.mark.parametrize("use_arrow", [True, False])
def test_row_udf_both_transports_nulls_and_types(spark, use_arrow):
    df = spark.createDataFrame([(1, "a", 1.5), (None, None, None), (3, "ccc", -2.0)], "i int, s string, d double")
    plus = udf(lambda x: None if x is None else x + 1, IntegerType(), useArrow=use_arrow)
    shout = udf(lambda s: None if s is None else s.upper(), "string", useArrow=use_arrow)
    half = udf(lambda d: None if d is None else d / 2, DoubleType(), useArrow=use_arrow)
    rows = df.select(plus("i").alias("i"), shout(df.s).alias("s"), half("d").alias("d")).collect()
    assert rows == [Row(i=2, s="A", d=0.75), Row(i=None, s=None, d=None), Row(i=4, s="CCC", d=-1.0)]


@pytest.mark.parametrize("use_arrow", [True, False])
def test_row_udf_dates_timestamps_arrays(spark, use_arrow):
    df = spark.createDataFrame([(dt.date(2024, 2, 28), 3)], "d date, n int")
    next_day = udf(lambda d: d + dt.timedelta(days=1), "date", useArrow=use_arrow)
    stamp = udf(lambda d: dt.datetime(d.year, d.month, d.day, 12, 30), "timestamp", useArrow=use_arrow)
    rng = udf(lambda n: list(range(n)), ArrayType(LongType()), useArrow=use_arrow)
    r = df.select(next_day("d").alias("a"), stamp("d").alias("b"), rng("n").alias("c")).collect()[0]
    assert r.a == dt.date(2024, 2, 29)
    assert r.b == dt.datetime(2024, 2, 28, 12, 30)
    assert r.c == [0, 1, 2]


def test_row_udf_conf_switches_transport(spark, conf):
    conf({"spark.sql.execution.pythonUDF.arrow.enabled": "false"})
    f = udf(lambda x: x * 2, "bigint")
    assert "BatchEvalPython" in _plan(spark.range(3).select(f("id")))
    conf({"spark.sql.execution.pythonUDF.arrow.enabled": "true"})
    g = udf(lambda x: x * 2, "bigint")
    assert "ArrowEvalPython" in _plan(spark.range(3).select(g("id")))
    assert [r[0] for r in spark.range(3).select(g("id")).collect()] == [0, 2, 4]


def test_decorator_forms_and_generated_names(spark):
    @udf
    def as_text(x):
        return f"<{x}>"

    @udf(returnType=LongType())
    def sq(x):
        return x * x

    df = spark.range(3).select(as_text("id"), sq("id"))
    assert df.columns == ["as_text(id)", "sq(id)"]
    assert df.collect() == [Row("<0>", 0), Row("<1>", 1), Row("<2>", 4)]


def test_chained_udfs_and_several_udfs_share_one_python_operator(spark):
    f = udf(lambda x: x + 1, "bigint")
    g = udf(lambda x: x * 10, "bigint")
    df = spark.range(4).select(g(f("id")).alias("a"), f("id").alias("b"))
    plan = _plan(df)
    assert plan.count("ArrowEvalPython") == 1, plan
    assert [tuple(r) for r in df.collect()] == [(10, 1), (20, 2), (30, 3), (40, 4)]


def test_udf_in_filter_groupby_and_aggregate_args(spark):
    is_even = udf(lambda x: x % 2 == 0, "boolean")
    bucket = udf(lambda x: int(x) % 3, "int")
    assert [r.id for r in spark.range(7).filter(is_even("id")).collect()] == [0, 2, 4, 6]
    rows = spark.range(9).groupBy(bucket("id").alias("b")).agg(F.sum(bucket("id") + 1).alias("s")).orderBy("b").collect()
    assert rows == [Row(b=0, s=3), Row(b=1, s=6), Row(b=2, s=9)]


def test_udf_over_many_batches_and_partitions(spark, conf):
    conf({"spark.sql.execution.arrow.maxRecordsPerBatch": "1000"})
    f = udf(lambda x: x * 2 + 1, "bigint")
    df = spark.range(0, 50_000, 1, 4).select(f("id").alias("y"))
    assert df.agg(F.sum("y")).collect()[0][0] == sum(x * 2 + 1 for x in range(50_000))


# ---------------------------------------------------------------------------------------------- pandas UDFs


def test_scalar_pandas_udf_multiple_columns(spark):
    @pandas_udf("double")
    def weighted(a: pd.Series, b: pd.Series) -> pd.Series:
        return a * 2.0 + b

    df = spark.createDataFrame([(1, 0.5), (2, None), (3, 1.5)], "a long, b double")
    assert [r.w for r in df.select(weighted("a", "b").alias("w")).collect()] == [2.5, None, 7.5]


def test_iterator_pandas_udf_is_called_once_per_task(spark):
    @pandas_udf("long")
    def plus_state(it: Iterator[pd.Series]) -> Iterator[pd.Series]:
        offset = 100  # expensive set-up, once per task
        for s in it:
            yield s + offset

    rows = spark.range(0, 10, 1, 2).select(plus_state("id").alias("v")).collect()
    assert sorted(r.v for r in rows) == list(range(100, 110))


def test_grouped_aggregate_pandas_udf(spark):
    @pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return float(v.mean())

    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (3, 10.0)], "id long, v double")
    rows = df.groupBy("id").agg(mean_udf("v").alias("m")).orderBy("id").collect()
    assert rows == [Row(id=1, m=1.5), Row(id=2, m=4.0), Row(id=3, m=10.0)]
    assert df.select(mean_udf("v").alias("all")).collect() == [Row(all=4.2)]


def test_mixing_pandas_and_builtin_aggregates_is_an_analysis_error(spark):
    from kindling.errors import AnalysisException

    @pandas_udf("double")
    def m(v: pd.Series) -> float:
        return float(v.mean())

    with pytest.raises(AnalysisException, match="mixture of aggregate function and group aggregate pandas UDF"):
        spark.range(3).groupBy().agg(m("id"), F.sum("id"))


def test_apply_in_pandas(spark):
    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0)], "id long, v double")

    def normalize(pdf: pd.DataFrame) -> pd.DataFrame:
        return pdf.assign(v=(pdf.v - pdf.v.mean()), n=len(pdf))

    out = df.groupBy("id").applyInPandas(normalize, "id long, v double, n long").orderBy("id", "v").collect()
    assert out == [Row(id=1, v=-0.5, n=2), Row(id=1, v=0.5, n=2), Row(id=2, v=-1.0, n=2), Row(id=2, v=1.0, n=2)]


def test_apply_in_pandas_with_the_group_key(spark):
    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], "id long, v double")

    def total(key, pdf):
        return pd.DataFrame({"id": [key[0]], "key_kind": [type(key).__name__], "total": [pdf.v.sum()]})

    out = df.groupBy("id").applyInPandas(total, "id long, key_kind string, total double").orderBy("id").collect()
    assert out == [Row(id=1, key_kind="tuple", total=3.0), Row(id=2, key_kind="tuple", total=3.0)]


def test_map_in_pandas_and_map_in_arrow(spark):
    def evens(it):
        for pdf in it:
            yield pdf[pdf.id % 2 == 0].assign(sq=lambda p: p.id * p.id)

    rows = spark.range(0, 8, 1, 2).mapInPandas(evens, "id long, sq long").orderBy("id").collect()
    assert rows == [Row(id=i, sq=i * i) for i in (0, 2, 4, 6)]

    def to_text(it):
        for rb in it:
            yield pa.RecordBatch.from_arrays([pa.array([f"#{v}" for v in rb.column(0).to_pylist()])], names=["t"])

    assert spark.range(3).mapInArrow(to_text, "t string").orderBy("t").collect() == [Row(t="#0"), Row(t="#1"), Row(t="#2")]


def test_udf_register_returns_a_working_udf_callable_from_sql(spark):
    strlen = spark.udf.register("strlen_test", lambda s: len(s), IntegerType())
    df = spark.createDataFrame([("abc",), ("",)], "s string")
    assert df.select(strlen("s").alias("n")).collect() == [Row(n=3), Row(n=0)]
    df.createOrReplaceTempView("udf_words")
    assert spark.sql("SELECT strlen_test(s) AS n FROM udf_words ORDER BY n").collect() == [Row(n=0), Row(n=3)]

    @pandas_udf("double")
    def halve(v: pd.Series) -> pd.Series:
        return v / 2

    spark.udf.register("halve_test", halve)
    assert spark.sql("SELECT halve_test(CAST(strlen_test(s) AS DOUBLE)) AS h FROM udf_words ORDER BY h").collect() == [
        Row(h=0.0), Row(h=1.5)]
    spark.catalog.dropTempView("udf_words")


# ---------------------------------------------------------------------------------------------- failures


def test_exception_in_udf_raises_python_exception_with_user_traceback(spark):
    def explode(x):
        if x == 3:
            raise ValueError(f"bad value {x}")
        return x

    bad = udf(explode, "bigint")
    with pytest.raises(PythonException) as info:
        spark.range(5).select(bad("id")).collect()
    msg = str(info.value)
    assert "ValueError: bad value 3" in msg
    assert "test_udf.py" in msg and "in explode" in msg
    assert "kindling/worker" not in msg  # internal frames hidden
    # The session (and the worker) stay usable.
    assert spark.range(3).select(udf(lambda x: x, "bigint")("id")).count() == 3


def test_full_traceback_when_simplified_traceback_is_off(spark, conf):
    conf({"spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled": "false"})
    bad = udf(lambda x: 1 / 0, "double")
    with pytest.raises(PythonException) as info:
        spark.range(1).select(bad("id")).collect()
    assert "ZeroDivisionError" in str(info.value)
    assert "kindling/worker" in str(info.value)


@pytest.mark.parametrize("use_arrow", [True, False])
def test_wrong_return_type_names_udf_expected_and_actual(spark, use_arrow):
    def wrong(x):
        return "not a number"

    f = udf(wrong, "int", useArrow=use_arrow)
    with pytest.raises(PythonException, match=r"wrong.*expected int, got str"):
        spark.range(2).select(f("id")).collect()


def test_pandas_udf_wrong_length_and_wrong_dtype(spark):
    @pandas_udf("long")
    def short(v: pd.Series) -> pd.Series:
        return v.iloc[:1]

    with pytest.raises(PythonException, match="short.*expected 3, got 1"):
        spark.range(0, 3, 1, 1).select(short("id")).collect()

    @pandas_udf("long")
    def texts(v: pd.Series) -> pd.Series:
        return v.astype(str) + "x"

    with pytest.raises(PythonException, match="texts.*expected bigint"):
        spark.range(3).select(texts("id")).collect()


def test_print_in_udf_reaches_client_stderr_prefixed_with_the_task(spark, capfd):
    def noisy(x):
        print(f"hello from row {x}")
        return x

    spark.range(0, 2, 1, 1).select(udf(noisy, "bigint")("id")).collect()
    deadline = time.monotonic() + 3
    err = ""
    while time.monotonic() < deadline and "hello from row 1" not in err:
        time.sleep(0.05)
        err += capfd.readouterr().err
    assert "hello from row 0" in err
    assert "] hello from row 1" in err and "task 0." in err


# ---------------------------------------------------------------------------------------------- workers


def test_workers_are_reused_across_tasks_and_jobs(spark):
    pid = udf(lambda _: os.getpid(), "int")
    first = {r[0] for r in spark.range(0, 4, 1, 2).select(pid("id")).collect()}
    second = {r[0] for r in spark.range(0, 4, 1, 2).select(pid("id")).collect()}
    assert len(first) <= 2  # at most one worker per task slot
    assert first == second


def test_reuse_off_starts_a_worker_per_task(spark, conf):
    conf({"spark.python.worker.reuse": "false"})
    pid = udf(lambda _: os.getpid(), "int")
    a = {r[0] for r in spark.range(0, 2, 1, 1).select(pid("id")).collect()}
    b = {r[0] for r in spark.range(0, 2, 1, 1).select(pid("id")).collect()}
    assert a.isdisjoint(b)


def test_dead_worker_is_detected_and_its_task_retried(spark, tmp_path):
    marker = str(tmp_path / "died-once")

    def die_once(x):
        if x == 5 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(3)
        return x * 2

    rows = spark.range(0, 10, 1, 2).select(udf(die_once, "bigint")("id").alias("y")).collect()
    assert sorted(r.y for r in rows) == [x * 2 for x in range(10)]
    assert os.path.exists(marker)


def test_worker_dying_every_time_fails_the_job_clearly(spark, conf):
    conf({"spark.task.maxFailures": "2"})
    with pytest.raises(SparkRuntimeException, match="failed 2 times.*Python worker.*exited unexpectedly"):
        spark.range(3).select(udf(lambda x: os._exit(1), "bigint")("id")).collect()
    assert spark.range(2).select(udf(lambda x: x, "bigint")("id")).count() == 2


def test_killing_workers_at_random_in_50_jobs_leaves_no_zombies(spark, conf):
    conf({"spark.task.maxFailures": "20", "spark.sql.execution.arrow.maxRecordsPerBatch": "50"})

    def flaky(x):
        import random

        if random.random() < 0.002:
            os.kill(os.getpid(), signal.SIGKILL)
        return x + 1

    f = udf(flaky, "bigint")
    for i in range(50):
        n = 200 + i
        assert spark.range(0, n, 1, 2).select(f("id").alias("y")).agg(F.sum("y")).collect()[0][0] == n * (n + 1) // 2
    time.sleep(0.2)
    daemons, workers = _daemon_and_workers(spark)
    assert len(daemons) == 1
    assert [p for p, st in workers if st == "Z"] == []
    assert len(workers) <= 2, [(p, st, _processes().get(p)) for p, st in workers]


def test_ctrl_c_stops_a_udf_that_runs_forever(spark):
    def forever(x):
        while True:
            time.sleep(0.01)

    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        spark.range(1).select(udf(forever, "bigint")("id")).collect()
    timer.join()
    assert time.monotonic() - start < 0.5 + 1.5
    assert spark.range(3).select(udf(lambda x: x, "bigint")("id")).count() == 3
    time.sleep(0.2)
    _, workers = _daemon_and_workers(spark)
    assert [p for p, st in workers if st == "Z"] == []


def test_udf_costs_are_recorded_per_task(spark):
    f = udf(lambda x: x + 1, "bigint")
    df = spark.range(0, 5000, 1, 2).select(f("id").alias("y"))
    assert len(df.collect()) == 5000
    m = df._last_job_metrics()
    assert m["tasks"] == 2 and m["python.pythonTasks"] == 2
    assert m["python.rowsIn"] == 5000 and m["python.rowsOut"] == 5000
    assert m["python.bytesSent"] > 5000 * 8 and m["python.bytesReceived"] > 5000 * 8
    assert m["python.computeMs"] > 0 and m["python.serializeMs"] > 0 and m["python.deserializeMs"] > 0
    again = spark.range(0, 10, 1, 2).select(f("id"))
    again.collect()
    assert again._last_job_metrics()["python.coldStarts"] == 0  # reused workers


def test_idle_workers_exit_after_the_timeout(new_engine):
    s = new_engine()
    s.conf.set("spark.kindling.python.worker.idleTimeoutSeconds", "0.5")
    assert s.range(0, 4, 1, 2).select(udf(lambda x: x, "bigint")("id")).count() == 4
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _daemon_and_workers(s)[1]:
        time.sleep(0.1)
    daemons, workers = _daemon_and_workers(s)
    assert len(daemons) == 1 and workers == []


def test_same_udf_call_twice_is_evaluated_once(spark):
    f = udf(lambda x: x * 2, "bigint")
    df = spark.range(3).select(f("id").alias("a"), (f("id") + 1).alias("b"))
    assert "ArrowEvalPython [<lambda>]" in _plan(df)
    assert [tuple(r) for r in df.collect()] == [(0, 1), (2, 3), (4, 5)]

"""Figures of the bridge, printed (never asserted): engine start, round-trip latency, toPandas Arrow vs pickle."""

from __future__ import annotations

import statistics
import time

from kindling.sql.functions import col


def _report(capsys, lines):
    with capsys.disabled():
        print()
        for line in lines:
            print(f"  [perf] {line}")


def test_engine_start(capsys, new_engine):
    s = new_engine()
    engine = s._client.engine
    _report(capsys, [
        f"engine start: launch -> HandshakeOk {s._startup_ms:.1f} ms "
        f"(engine's own start -> listening {engine.engine_startup_ms} ms)",
    ])


def test_round_trip_latency(spark, capsys):
    base = spark.range(10)
    for _ in range(200):  # warm up
        base.select("id")
    times = []
    for _ in range(10_000):
        t0 = time.perf_counter()
        base.select("id")
        times.append(time.perf_counter() - t0)
    times.sort()
    p50 = times[len(times) // 2] * 1e6
    p99 = times[int(len(times) * 0.99)] * 1e6
    _report(capsys, [f"trivial transformation (select), 10k calls: p50 {p50:.0f} us, p99 {p99:.0f} us, "
                     f"mean {statistics.fmean(times) * 1e6:.0f} us"])


def test_to_pandas_arrow_vs_pickle(spark, conf, capsys):
    df = spark.range(1_000_000).withColumn("x", col("id") * 2).withColumn("y", col("id").cast("double"))
    df.limit(10).toPandas()
    out = []
    for flag in ("true", "false"):
        conf({"spark.sql.execution.arrow.pyspark.enabled": flag})
        t0 = time.perf_counter()
        pdf = df.toPandas()
        dt = time.perf_counter() - t0
        assert len(pdf) == 1_000_000
        out.append(f"toPandas 1M rows x 3 columns, arrow={flag}: {dt * 1000:.0f} ms")
    _report(capsys, out)

"""Bridge benchmark: what crossing between Python and the engine costs, beside its in-process limits.

Prints a Markdown table and writes tools/bench/results/bridge-<date>.json. Not a test: nothing is asserted.

    .venv/bin/python tools/bench/python/bridge.py [--rows N] [--calls N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

import pyarrow as pa

from kindling.sql import SparkSession
from kindling.sql.functions import col


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--quick", action="store_true", help="1M rows, 2,000 calls")
    ap.add_argument("--skip-pickle", action="store_true", help="skip the (slow) pickled-rows toPandas")
    args = ap.parse_args()
    rows, calls = (1_000_000, 2_000) if args.quick else (args.rows, args.calls)
    out: dict = {"benchmark": "bridge", "date": dt.date.today().isoformat(), "rows": rows, "calls": calls}

    # 1. Session start to first result: launch the engine, handshake, run a tiny job.
    t0 = time.perf_counter()
    spark = SparkSession.builder.master("local[2]").appName("bench-bridge").getOrCreate()
    t_ready = time.perf_counter()
    spark.range(1).collect()
    t_first = time.perf_counter()
    engine = spark._client.engine
    out["start"] = {
        "engine_ready_ms": engine.engine_startup_ms if engine else float("nan"),
        "session_ready_ms": (t_ready - t0) * 1e3,
        "first_result_ms": (t_first - t0) * 1e3,
    }

    # 2. Round trip of one transformation (a new engine-side plan node, no data).
    base = spark.range(10)
    for _ in range(200):
        base.select("id")
    lat = []
    for _ in range(calls):
        a = time.perf_counter()
        base.select("id")
        lat.append((time.perf_counter() - a) * 1e6)
    out["roundtrip_us"] = {"p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99), "mean": statistics.fmean(lat)}

    # 3. toPandas of rows × 4 columns (int64, float64, string, bool).
    df = spark.range(0, rows).select(
        col("id"),
        (col("id") * 0.5).alias("x"),
        (col("id") % 1000).cast("string").alias("s"),
        (col("id") % 3 == 0).alias("b"),
    ).cache()
    df.count()  # materialise once, so the figures below are the transfer, not the computation
    timings: dict[str, float] = {}
    spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    df.toPandas()  # warm-up
    t = time.perf_counter()
    pdf = df.toPandas()
    timings["arrow_on_ms"] = (time.perf_counter() - t) * 1e3
    table = df.toArrow()
    t = time.perf_counter()
    table.to_pandas()
    timings["in_process_to_pandas_ms"] = (time.perf_counter() - t) * 1e3
    if not args.skip_pickle:
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "false")
        t = time.perf_counter()
        pdf2 = df.toPandas()
        timings["arrow_off_ms"] = (time.perf_counter() - t) * 1e3
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
        assert len(pdf2) == len(pdf)
    out["topandas"] = timings
    spark.stop()

    limit = timings["in_process_to_pandas_ms"]
    lines = [
        f"## Bridge benchmark — {out['date']}",
        "",
        f"Python {sys.version.split()[0]}, pyarrow {pa.__version__}; engine local[2]; {rows:,} rows × 4 columns.",
        "",
        "| measure | value | goal |",
        "| --- | ---: | --- |",
        f"| engine start → ready (engine's own figure) | {out['start']['engine_ready_ms']:.0f} ms | ≤ 300 ms |",
        f"| launch → session ready (handshake done) | {out['start']['session_ready_ms']:.0f} ms | |",
        f"| launch → first result | {out['start']['first_result_ms']:.0f} ms | |",
        f"| transformation round trip p50 / p99 ({calls:,} calls) | {out['roundtrip_us']['p50']:.0f} µs / {out['roundtrip_us']['p99']:.0f} µs | p50 ≤ 30 µs |",
        f"| toPandas, Arrow on | {timings['arrow_on_ms']:.0f} ms ({timings['arrow_on_ms'] / limit:.2f}× the limit) | ≤ 1.5× the limit |",
        f"| in-process `pyarrow.Table.to_pandas()` (the limit) | {limit:.0f} ms | |",
    ]
    if "arrow_off_ms" in timings:
        lines.append(f"| toPandas, Arrow off (pickled rows) | {timings['arrow_off_ms']:.0f} ms ({timings['arrow_off_ms'] / limit:.1f}× the limit) | |")
    print("\n".join(lines))
    results = Path(__file__).resolve().parents[1] / "results"
    results.mkdir(exist_ok=True)
    name = f"bridge-{out['date']}{'-quick' if args.quick else ''}.json"
    (results / name).write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nwrote results/{name}")


if __name__ == "__main__":
    main()

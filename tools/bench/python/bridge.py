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



REPEATS = 3
#: Rows of the createDataFrame(pandas) comparison (the pickled path converts value by value in Python).
CREATE_ROWS = 200_000


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def measure(name: str, builder, col, rows: int, calls: int, pickle_rows: int) -> dict:
    """Start-up, round trip and toPandas figures for one engine (Kindling or PySpark: same API)."""
    out: dict = {"engine": name}
    t0 = time.perf_counter()
    # PySpark's default 1g driver heap cannot collect 10M rows; give both engines room (Kindling ignores it).
    spark = builder.master("local[2]").appName("bench-bridge").config("spark.driver.memory", "8g").getOrCreate()
    t_ready = time.perf_counter()
    spark.range(1).collect()
    out["start"] = {"session_ready_ms": (t_ready - t0) * 1e3, "first_result_ms": (time.perf_counter() - t0) * 1e3}
    engine = getattr(getattr(spark, "_client", None), "engine", None)
    if engine is not None:
        out["start"]["engine_ready_ms"] = engine.engine_startup_ms

    base = spark.range(10)
    for _ in range(200):
        base.select("id")
    lat = []
    for _ in range(calls):
        a = time.perf_counter()
        base.select("id")
        lat.append((time.perf_counter() - a) * 1e6)
    out["roundtrip_us"] = {"p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99), "mean": statistics.fmean(lat)}

    def data(n: int):
        df = spark.range(0, n).select(
            col("id"),
            (col("id") * 0.5).alias("x"),
            (col("id") % 1000).cast("string").alias("s"),
            (col("id") % 3 == 0).alias("b"),
        ).cache()
        df.count()  # materialise once: the figures below are the transfer, not the computation
        return df

    arrow_key = "spark.sql.execution.arrow.pyspark.enabled"
    df = data(rows)
    spark.conf.set(arrow_key, "true")
    df.toPandas()  # warm-up
    # Best of REPEATS (the machine is shared: the best run is the least disturbed one), median beside it.
    runs = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        df.toPandas()
        runs.append((time.perf_counter() - t) * 1e3)
    timings = {"arrow_on_ms": min(runs), "arrow_on_median_ms": statistics.median(runs)}
    df.unpersist()
    if pickle_rows:
        small = data(pickle_rows)
        spark.conf.set(arrow_key, "false")
        t = time.perf_counter()
        small.toPandas()
        timings["arrow_off_ms"] = (time.perf_counter() - t) * 1e3
        spark.conf.set(arrow_key, "true")
        small.unpersist()
        # createDataFrame(pandas) both ways: Arrow vs pickled rows (Arrow off), the same frame.
        pdf = small.toPandas().iloc[:CREATE_ROWS]
        for key, flag in (("create_arrow_ms", "true"), ("create_pickled_ms", "false")):
            spark.conf.set(arrow_key, flag)
            t = time.perf_counter()
            spark.createDataFrame(pdf).count()
            timings[key] = (time.perf_counter() - t) * 1e3
        spark.conf.set(arrow_key, "true")
    out["topandas"] = timings
    spark.stop()
    return out


def in_process_limit(rows: int) -> float:
    """pyarrow.Table.to_pandas() of the same data built in this process: the floor of any toPandas."""
    import numpy as np

    ids = np.arange(rows, dtype=np.int64)
    table = pa.table({"id": ids, "x": ids * 0.5, "s": pa.array((ids % 1000).astype(str)), "b": ids % 3 == 0})
    table.to_pandas()
    runs = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        table.to_pandas()
        runs.append((time.perf_counter() - t) * 1e3)
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--pickle-rows", type=int, default=1_000_000, help="rows for the (slow) pickled toPandas")
    ap.add_argument("--quick", action="store_true", help="1M rows, 2,000 calls, 200k pickled rows")
    ap.add_argument("--no-pyspark", action="store_true", help="skip PySpark even if it is installed")
    args = ap.parse_args()
    rows, calls, prows = (1_000_000, 2_000, 200_000) if args.quick else (args.rows, args.calls, args.pickle_rows)
    from kindling.sql import SparkSession as KSession
    from kindling.sql.functions import col as kcol

    results = [measure("Kindling", KSession.builder, kcol, rows, calls, prows)]
    try:
        if args.no_pyspark:
            raise ImportError
        from pyspark.sql import SparkSession as PSession
        from pyspark.sql.functions import col as pcol

        results.append(measure("PySpark", PSession.builder, pcol, rows, calls, prows))
    except ImportError:
        pass
    limit = in_process_limit(rows)
    out = {"benchmark": "bridge", "date": dt.date.today().isoformat(), "rows": rows, "calls": calls,
           "pickle_rows": prows, "in_process_to_pandas_ms": limit, "engines": results}

    cols = [r["engine"] for r in results]
    def row(label: str, f) -> str:
        return f"| {label} | " + " | ".join(f(r) for r in results) + " |"
    lines = [
        f"## Bridge benchmark — {out['date']}",
        "",
        f"Python {sys.version.split()[0]}, pyarrow {pa.__version__}; local[2]; toPandas of {rows:,} rows × 4 columns "
        f"(int64, float64, string, bool), cached; pickled path on {prows:,} rows.",
        "",
        "| measure | " + " | ".join(cols) + " |",
        "| --- |" + " ---: |" * len(cols),
        row("launch → session ready", lambda r: f"{r['start']['session_ready_ms']:.0f} ms"),
        row("launch → first result", lambda r: f"{r['start']['first_result_ms']:.0f} ms"),
        row(f"transformation round trip p50 / p99 ({calls:,} calls)",
            lambda r: f"{r['roundtrip_us']['p50']:.0f} / {r['roundtrip_us']['p99']:.0f} µs"),
        row(f"toPandas, Arrow on, best of {REPEATS} (limit: in-process to_pandas {limit:.0f} ms)",
            lambda r: f"{r['topandas']['arrow_on_ms']:.0f} ms ({r['topandas']['arrow_on_ms'] / limit:.2f}×; "
                      f"median {r['topandas']['arrow_on_median_ms']:.0f})"),
    ]
    if prows:
        lines.append(row(f"toPandas, Arrow off (pickled rows), {prows:,} rows",
                         lambda r: f"{r['topandas']['arrow_off_ms']:.0f} ms"))
        lines.append(row(f"createDataFrame(pandas), {min(prows, CREATE_ROWS):,} rows: Arrow / pickled rows",
                         lambda r: f"{r['topandas']['create_arrow_ms']:.0f} / {r['topandas']['create_pickled_ms']:.0f} ms"))
    print("\n".join(lines))
    res_dir = Path(__file__).resolve().parents[1] / "results"
    res_dir.mkdir(exist_ok=True)
    name = f"bridge-{out['date']}{'-quick' if args.quick else ''}.json"
    (res_dir / name).write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nwrote results/{name}")


if __name__ == "__main__":
    main()

"""UDF benchmark: what Python UDFs cost in Kindling, beside the same work done in one Python process (the limits)
and, when PySpark is installed (the ``bench`` extra), beside PySpark running the same program.

Prints a Markdown table and writes tools/bench/results/udf-<date>.json. Not a test: nothing is asserted.

    .venv/bin/python tools/bench/python/udf.py [--rows N] [--quick] [--no-pyspark]
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

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]


def best(fn, repeat: int) -> float:
    """Best wall time in seconds over `repeat` runs (after one warm-up run)."""
    return best_with_cpu(fn, repeat)[0]


def _descendants(pid: int) -> list:
    out = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(c) for c in f.read().split()]
    except OSError:
        return out
    for k in kids:
        out += [k] + _descendants(k)
    return out


def child_cpu_seconds() -> float:
    """CPU time (user + system) so far of every live process below this one: the engine (JVM or Node) and its
    Python workers. Unlike wall time it barely moves when other work shares the cores."""
    total = 0
    for p in _descendants(os.getpid()):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def best_with_cpu(fn, repeat: int) -> tuple:
    """(best wall seconds, CPU seconds of the engine and its workers in that run) over `repeat` runs after a
    warm-up. The CPU figure misses processes that exit within the run (workers with reuse off)."""
    fn()
    runs = []
    for _ in range(repeat):
        c = child_cpu_seconds()
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t, child_cpu_seconds() - c))
    return min(runs)


def engine_cases(name: str, builder, F, udf, pandas_udf, rows: int, repeat: int) -> dict:
    spark = (builder.master("local[2]").appName("bench-udf").config("spark.driver.memory", "8g")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
    nums = spark.range(0, rows, 1, 2).cache()
    nums.count()
    strs = spark.range(0, rows, 1, 2).select(F.concat(F.lit("key-"), F.col("id").cast("string")).alias("s")).cache()
    strs.count()

    f_pickle = udf(lambda x: x * 2 + 1, "bigint", useArrow=False)
    f_arrow = udf(lambda x: x * 2 + 1, "bigint", useArrow=True)

    @pandas_udf("long")
    def f_pandas(v: pd.Series) -> pd.Series:
        return v * 2 + 1

    s_pickle = udf(lambda s: s.upper(), "string", useArrow=False)
    s_arrow = udf(lambda s: s.upper(), "string", useArrow=True)

    @pandas_udf("string")
    def s_pandas(v: pd.Series) -> pd.Series:
        return v.str.upper()

    # The floor of a pandas UDF: the column goes to the worker and comes back unchanged, so this is the cost of
    # moving the bytes (and wrapping them as a Series) with nothing computed.
    @pandas_udf("long")
    def ident_pandas(v: pd.Series) -> pd.Series:
        return v

    # A new DataFrame per run: re-collecting the same one lets PySpark skip its finished shuffle-map stage.
    def run_num(expr):
        return lambda: nums.select(expr.alias("y")).agg(F.sum("y"))

    def run_str(expr):
        return lambda: strs.select(expr.alias("y")).agg(F.max("y"))

    out: dict = {"engine": name, "rows": rows, "cases": {}}
    cases = {
        "native x*2+1": run_num(F.col("id") * 2 + 1),
        "row UDF x*2+1, pickle": run_num(f_pickle("id")),
        "row UDF x*2+1, Arrow": run_num(f_arrow("id")),
        "pandas UDF x*2+1": run_num(f_pandas("id")),
        "pandas UDF identity (transport floor)": run_num(ident_pandas("id")),
        "native upper(s)": run_str(F.upper("s")),
        "row UDF upper(s), pickle": run_str(s_pickle("s")),
        "row UDF upper(s), Arrow": run_str(s_arrow("s")),
        "pandas UDF upper(s)": run_str(s_pandas("s")),
    }
    for label, make in cases.items():
        last = []

        def run() -> None:
            df = make()
            df.collect()
            last[:] = [df]

        secs, cpu = best_with_cpu(run, repeat)
        out["cases"][label] = {"seconds": secs, "rows_per_s": rows / secs, "cpu_seconds": cpu}
        if hasattr(last[0], "_last_job_metrics"):  # Kindling: where the time of the last run went
            out["cases"][label]["metrics"] = {k: v for k, v in last[0]._last_job_metrics().items() if k.startswith("python.")}
        print(f"  {name}: {label}: {secs * 1e3:.0f} ms (CPU {cpu * 1e3:.0f} ms)", file=sys.stderr)

    # Per-task overhead with warm workers, and with reuse off (a fresh worker per task).
    tiny = udf(lambda x: x, "bigint")
    tasks = 100
    for reuse in ("true", "false"):
        try:
            spark.conf.set("spark.python.worker.reuse", reuse)
        except Exception:  # noqa: BLE001 - PySpark: a static config, fixed when the context starts
            out[f"tasks_reuse_{reuse}"] = None
            continue
        secs = best(lambda: spark.range(0, tasks, 1, tasks).select(tiny("id").alias("v")).agg(F.sum("v")).collect(), max(1, repeat - 1))
        spark.conf.set("spark.python.worker.reuse", "true")
        base = best(lambda: spark.range(0, tasks, 1, tasks).select(F.col("id").alias("v")).agg(F.sum("v")).collect(), max(1, repeat - 1))
        out[f"tasks_reuse_{reuse}"] = {"tasks": tasks, "seconds": secs, "tasks_per_s": tasks / secs,
                                       "udf_overhead_per_task_ms": (secs - base) / tasks * 2 * 1e3}
    spark.stop()
    return out


def cold_warm(builder, udf) -> dict:
    """First-task latencies of Python UDFs in fresh sessions.

    - first job: the action right after the plan is built; it may wait for the worker daemon's start-up
      (imports of pandas and pyarrow), which begins when the plan first calls Python;
    - cold worker: the plan built, the daemon given time to start, then the first task on a freshly forked worker;
    - warm: the next tasks, on the reused worker.
    """
    out = {}
    for key, pause in (("first_job_ms", 0.0), ("cold_worker_first_task_ms", 3.0)):
        spark = builder.master("local[2]").appName("bench-udf-cold").getOrCreate()
        spark.range(1).collect()  # the engine itself is up; only Python is cold
        f = udf(lambda x: x + 1, "bigint")
        df = spark.range(0, 1, 1, 1).select(f("id"))
        time.sleep(pause)
        t = time.perf_counter()
        df.collect()
        out[key] = (time.perf_counter() - t) * 1e3
        if pause:
            warm = []
            for _ in range(20):
                t = time.perf_counter()
                spark.range(0, 1, 1, 1).select(f("id")).collect()
                warm.append(time.perf_counter() - t)
            base = []
            for _ in range(20):
                t = time.perf_counter()
                spark.range(0, 1, 1, 1).collect()
                base.append(time.perf_counter() - t)
            out["warm_task_ms_median"] = statistics.median(warm) * 1e3
            out["no_udf_job_ms_median"] = statistics.median(base) * 1e3
        spark.stop()
    return out


# The in-process cases, by name: the same functions the UDFs run, called the same way (once per value for the
# row UDFs, once per column for pandas), over a part of the data (all of it in one process, half in each of two).
_F = lambda x: x * 2 + 1  # noqa: E731
_G = lambda s: s.upper()  # noqa: E731
_IN_PROCESS = {
    "python loop x*2+1": ("data", lambda d: sum(map(_F, d))),
    "pandas x*2+1": ("series", lambda d: int((d * 2 + 1).sum())),
    "python loop upper(s)": ("strs", lambda d: max(map(_G, d))),
    "pandas upper(s)": ("sseries", lambda d: d.str.upper().max()),
}
#: The data of the in-process cases, whole and in halves; set before the two-process pool forks.
_DATA: dict = {}


def _half(job: tuple) -> object:
    label, i = job
    key, fn = _IN_PROCESS[label]
    return fn(_DATA[key + "_halves"][i])


def in_process(rows: int, repeat: int) -> dict:
    """The same work in this Python process (one core), and split over two forked processes (two cores, as a
    UDF task runs on each of the two task slots): the limits the UDF paths are measured against."""
    import multiprocessing

    mid = rows // 2
    _DATA["data"] = list(range(rows))
    _DATA["series"] = pd.Series(range(rows), dtype="int64")
    _DATA["strs"] = [f"key-{i}" for i in range(rows)]
    _DATA["sseries"] = pd.Series(_DATA["strs"])
    for k in ("data", "series", "strs", "sseries"):
        d = _DATA[k]
        _DATA[k + "_halves"] = [d[:mid], d[mid:]] if isinstance(d, list) else [d.iloc[:mid], d.iloc[mid:]]
    out = {}
    for label, (key, fn) in _IN_PROCESS.items():
        s = best(lambda: fn(_DATA[key]), repeat)
        out[label] = {"seconds": s, "rows_per_s": rows / s}
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for label in _IN_PROCESS:
            s = best(lambda: pool.map(_half, [(label, 0), (label, 1)]), repeat)
            out[label + ", 2 processes"] = {"seconds": s, "rows_per_s": rows / s}
    _DATA.clear()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--quick", action="store_true", help="500k rows, one timed run")
    ap.add_argument("--no-pyspark", action="store_true")
    args = ap.parse_args()
    rows = 500_000 if args.quick else args.rows
    repeat = 1 if args.quick else 3

    sys.path.insert(0, str(ROOT / "python"))
    from kindling.sql import SparkSession as KSession
    from kindling.sql import functions as KF

    result: dict = {"date": dt.date.today().isoformat(), "rows": rows}
    result["in_process"] = in_process(rows, repeat)
    result["kindling"] = engine_cases("Kindling", KSession.builder, KF, KF.udf, KF.pandas_udf, rows, repeat)
    result["kindling_cold_warm"] = cold_warm(KSession.builder, KF.udf)
    if not args.no_pyspark:
        # PySpark's workers run PYSPARK_PYTHON (default: python3 on PATH); give them this interpreter, as
        # Kindling's workers get it, so both have the same pandas and pyarrow.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        try:
            from pyspark.sql import SparkSession as PSession
            from pyspark.sql import functions as PF
        except ImportError:
            print("PySpark not installed (pip install -e 'python[bench]'): skipping the peer", file=sys.stderr)
        else:
            result["pyspark"] = engine_cases("PySpark", PSession.builder, PF, PF.udf, PF.pandas_udf, rows, repeat)
            result["pyspark_cold_warm"] = cold_warm(PSession.builder, PF.udf)

    ip = result["in_process"]
    print(f"\n5 cases over {rows:,} rows, best of {repeat}; rows/s (higher is better)\n")
    engines = [k for k in ("kindling", "pyspark") if k in result]
    limit_of = {"row UDF x*2+1, Arrow": "python loop x*2+1", "row UDF x*2+1, pickle": "python loop x*2+1",
                "pandas UDF x*2+1": "pandas x*2+1", "row UDF upper(s), Arrow": "python loop upper(s)",
                "row UDF upper(s), pickle": "python loop upper(s)", "pandas UDF upper(s)": "pandas upper(s)",
                "pandas UDF identity (transport floor)": "pandas x*2+1"}
    print("| case | " + " | ".join(result[e]["engine"] for e in engines) + " | Kindling CPU s | Kindling ÷ in-process, 1 core | ÷ 2 processes |")
    print("|---|" + "---:|" * (len(engines) + 3))
    for label in result["kindling"]["cases"]:
        kc = result["kindling"]["cases"][label]
        cells = [f"{result[e]['cases'][label]['rows_per_s'] / 1e6:.2f} M" if label in result[e]["cases"] else "" for e in engines]
        lim = limit_of.get(label)
        r1 = f"{kc['rows_per_s'] / ip[lim]['rows_per_s']:.2f}× of {lim}" if lim else ""
        r2 = f"{kc['rows_per_s'] / ip[lim + ', 2 processes']['rows_per_s']:.2f}×" if lim else ""
        print(f"| {label} | " + " | ".join(cells) + f" | {kc.get('cpu_seconds', 0):.2f} | {r1} | {r2} |")
    for label, v in ip.items():
        print(f"| in-process {label} | {v['rows_per_s'] / 1e6:.2f} M |" + " |" * (len(engines) + 2))
    for e in engines:
        cw = result[f"{e}_cold_warm"]
        r = result[e]
        tasks = "; ".join(
            f"reuse {k}: {r[f'tasks_reuse_{k}']['tasks_per_s']:.0f} tiny tasks/s "
            f"({r[f'tasks_reuse_{k}']['udf_overhead_per_task_ms']:.2f} ms UDF overhead per task)"
            if r.get(f"tasks_reuse_{k}") else f"reuse {k}: not settable at run time"
            for k in ("true", "false"))
        print(f"\n{r['engine']}: first UDF job {cw['first_job_ms']:.0f} ms, first task on a cold worker "
              f"{cw['cold_worker_first_task_ms']:.0f} ms, warm {cw['warm_task_ms_median']:.1f} ms "
              f"(same job without UDF {cw['no_udf_job_ms_median']:.1f} ms); {tasks}")
    print("\nKindling, where a UDF task's time went (sum over tasks of the last run, ms):\n")
    print("| case | engine serialize | worker deserialize | user function | worker serialize | engine deserialize |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, c in result["kindling"]["cases"].items():
        m = c.get("metrics") or {}
        if "python.computeMs" in m:
            print(f"| {label} | {m['python.serializeMs']:.0f} | {m['python.workerDeserializeMs']:.0f} | {m['python.computeMs']:.0f} | "
                  f"{m['python.workerSerializeMs']:.0f} | {m['python.deserializeMs']:.0f} |")
    out = ROOT / "tools" / "bench" / "results" / f"udf-{result['date']}{'-quick' if args.quick else ''}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

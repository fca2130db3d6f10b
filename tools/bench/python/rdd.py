"""RDD benchmark: the Python RDD route beside the DataFrame route, in Kindling and (when the ``bench`` extra is
installed) in PySpark, all in one run.

- word count over 1M generated lines: ``flatMap(split) → map((w, 1)) → reduceByKey(add)`` on an RDD, against
  ``split → explode → groupBy().count()`` on a DataFrame. The lines are cached on each route first, so the
  timed part is the word count itself, not the client shipping the text.
- ``parallelize`` of 1M Python ints (pickled on the client, counted in Python workers) against
  ``spark.range(1M)`` (made in the engine, no Python at all).

Prints a Markdown table and writes tools/bench/results/rdd-<date>.json. Not a test: nothing is asserted.

    .venv/bin/python tools/bench/python/rdd.py [--lines N] [--ints N] [--quick] [--no-pyspark]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import operator
import os
import random
import sys
from pathlib import Path

from udf import best  # the UDF bench's timer: best of `repeat` after one warm-up

ROOT = Path(__file__).resolve().parents[3]


def make_lines(n: int, seed: int = 7) -> list[str]:
    """`n` lines of 4–12 words drawn from a 20,000-word vocabulary with a skewed (Zipf-like) frequency."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    words = rng.choices(vocab, weights=weights, k=n * 8)
    out, pos = [], 0
    for _ in range(n):
        k = rng.randint(4, 12)
        out.append(" ".join(words[pos % len(words):pos % len(words) + k]))
        pos += k
    return out


def engine_cases(name: str, builder, F, lines: list[str], ints: int, repeat: int) -> dict:
    spark = (builder.master("local[2]").appName("bench-rdd").config("spark.driver.memory", "8g")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    sc = spark.sparkContext
    out: dict = {"engine": name, "cases": {}}

    text_rdd = sc.parallelize(lines, 2).cache()
    text_rdd.count()
    text_df = spark.createDataFrame([(s,) for s in lines], "value string").repartition(2).cache()
    text_df.count()

    def wc_rdd():
        return (text_rdd.flatMap(lambda s: s.split(" ")).map(lambda w: (w, 1))
                .reduceByKey(operator.add, 2).collect())

    def wc_df():
        return (text_df.select(F.explode(F.split("value", " ")).alias("w")).groupBy("w").count().collect())

    ref = sorted(wc_rdd())
    got = sorted((r[0], r[1]) for r in wc_df())
    if ref != got:  # both routes must compute the same counts, or the comparison means nothing
        raise SystemExit(f"{name}: RDD and DataFrame word counts differ")
    out["distinct_words"] = len(ref)

    data = list(range(ints))
    cases = {
        "word count, RDD": wc_rdd,
        "word count, DataFrame": wc_df,
        f"parallelize({ints:,} ints).count()": lambda: sc.parallelize(data, 2).count(),
        f"parallelize({ints:,} ints).sum()": lambda: sc.parallelize(data, 2).sum(),
        f"spark.range({ints:,}).count()": lambda: spark.range(0, ints, 1, 2).count(),
        f"spark.range({ints:,}) sum": lambda: spark.range(0, ints, 1, 2).agg(F.sum("id")).collect(),
    }
    for label, fn in cases.items():
        secs = best(fn, repeat)
        out["cases"][label] = {"seconds": secs}
        print(f"  {name}: {label}: {secs * 1e3:.0f} ms", file=sys.stderr)
    spark.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--ints", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="100k lines and ints, one timed run")
    ap.add_argument("--no-pyspark", action="store_true")
    args = ap.parse_args()
    n_lines, n_ints = (100_000, 100_000) if args.quick else (args.lines, args.ints)
    repeat = 1 if args.quick else 3

    sys.path.insert(0, str(ROOT / "python"))
    from kindling.sql import SparkSession as KSession
    from kindling.sql import functions as KF

    lines = make_lines(n_lines)
    result: dict = {"date": dt.date.today().isoformat(), "lines": n_lines, "ints": n_ints,
                    "load": os.getloadavg()[0]}
    result["kindling"] = engine_cases("Kindling", KSession.builder, KF, lines, n_ints, repeat)
    if not args.no_pyspark:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        try:
            from pyspark.sql import SparkSession as PSession
            from pyspark.sql import functions as PF
        except ImportError:
            print("PySpark not installed (pip install -e 'python[bench]'): skipping the peer", file=sys.stderr)
        else:
            result["pyspark"] = engine_cases("PySpark", PSession.builder, PF, lines, n_ints, repeat)

    engines = [k for k in ("kindling", "pyspark") if k in result]
    print(f"\n{n_lines:,} lines ({result['kindling']['distinct_words']:,} distinct words), {n_ints:,} ints; "
          f"best of {repeat}, ms (lower is better); load {result['load']:.1f}\n")
    head = " | ".join(result[e]["engine"] for e in engines)
    print(f"| case | {head} |" + (" PySpark ÷ Kindling |" if len(engines) == 2 else ""))
    print("|---|" + "---:|" * (len(engines) + (1 if len(engines) == 2 else 0)))
    for label in result["kindling"]["cases"]:
        secs = [result[e]["cases"][label]["seconds"] for e in engines]
        cells = " | ".join(f"{s * 1e3:,.0f}" for s in secs)
        ratio = f" {secs[1] / secs[0]:.1f}× |" if len(secs) == 2 else ""
        print(f"| {label} | {cells} |{ratio}")
    for e in engines:
        c = result[e]["cases"]
        wc = c["word count, RDD"]["seconds"] / c["word count, DataFrame"]["seconds"]
        par = c[f"parallelize({n_ints:,} ints).count()"]["seconds"] / c[f"spark.range({n_ints:,}).count()"]["seconds"]
        print(f"\n{result[e]['engine']}: word count RDD ÷ DataFrame {wc:.1f}×; "
              f"parallelize ÷ range (count) {par:.1f}×")
    suffix = "-quick" if args.quick else ""
    out = ROOT / "tools" / "bench" / "results" / f"rdd-{result['date']}{suffix}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""A/B of the transformation round trip: two client trees (and their engines) alternated in the same minutes.

Each run is a fresh process: one session, 200 warm-up calls, then ``--calls`` timed calls of each shape
(``select("id")``, ``filter(col("id") > 1)``, ``withColumn("y", col("id") + 1)``); p50/p99 in µs. Runs alternate
A, B, A, B, … ``--pairs`` times, with the 1-minute load average beside each figure (this 2-core VM is shared, so
only figures of the same pair compare). Not a test, and it starts no PySpark: a few seconds per run.

    .venv/bin/python tools/bench/python/transform_ab.py \\
        --a /tmp/base/python[:/path/to/engine/main.js] --b python [--pairs 3] [--calls 3000]

A side is a directory holding the ``kindling`` package, optionally ``:`` and the engine's main.js to launch
(``KINDLING_SERVER_JS``); without it, the package's own repository's bundled engine runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import json, sys, time
from kindling.sql import SparkSession
from kindling.sql.functions import col

calls = int(sys.argv[1])
spark = SparkSession.builder.master("local[1]").getOrCreate()
base = spark.range(10)
shapes = {
    "select": lambda: base.select("id"),
    "filter": lambda: base.filter(col("id") > 1),
    "withColumn": lambda: base.withColumn("y", col("id") + 1),
}
out = {}
for name, f in shapes.items():
    for _ in range(200):
        f()
    lat = []
    for _ in range(calls):
        a = time.perf_counter()
        f()
        lat.append((time.perf_counter() - a) * 1e6)
    lat.sort()
    out[name] = {"p50": lat[len(lat) // 2], "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))]}
spark.stop()
print(json.dumps(out))
"""


def run(side: str, calls: int) -> dict:
    path, _, engine = side.partition(":")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(path))
    if engine:
        env["KINDLING_SERVER_JS"] = os.path.abspath(engine)
    load = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, "-c", CHILD, str(calls)], env=env, capture_output=True, text=True,
                          timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"run of {side} failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["load"] = load
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--calls", type=int, default=3000)
    args = ap.parse_args()
    print("| pair | side | load | select p50 / p99 | filter p50 / p99 | withColumn p50 / p99 |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for i in range(args.pairs):
        for label, side in (("A", args.a), ("B", args.b)):
            r = run(side, args.calls)
            cells = " | ".join(f"{r[k]['p50']:.0f} / {r[k]['p99']:.0f} µs" for k in ("select", "filter", "withColumn"))
            print(f"| {i + 1} | {label} | {r['load']:.1f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()

"""A/B of the transformation round trip: two client trees (and their engines) alternated in the same minutes.

Each run is a fresh process: one session, 200 warm-up calls, then ``--calls`` timed calls of each shape
(``select("id")``, ``filter(col("id") > 1)``, ``withColumn("y", col("id") + 1)``): p50/p99 in µs, and the CPU time
per call of the client process and of the engine (every thread, from /proc schedstat), which waiting on a busy
machine does not inflate; and the p50 of the client's own work, the same calls answered at once by a stand-in
connection holding prebuilt answers. Runs alternate
A, B, A, B, … ``--pairs`` times, with the 1-minute load average beside each figure (this 2-core VM is shared, so
only figures of the same pair compare). Not a test, and it starts no PySpark: a few seconds per run.

    .venv/bin/python tools/bench/python/transform_ab.py \\
        --a /tmp/base/python[:/path/to/engine/main.js] --b python [--pairs 3] [--calls 3000] [--no-spin]

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
import glob, json, sys, time
from kindling.sql import SparkSession
from kindling.sql.functions import col

calls = int(sys.argv[1])
spark = SparkSession.builder.master("local[1]").getOrCreate()
engine_pid = spark._client.engine.pid


def engine_cpu_ns():
    # Every thread of the engine (schedstat: ns on a CPU), so a loaded machine's waiting does not count.
    total = 0
    for path in glob.glob(f"/proc/{engine_pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


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
    cpu, eng = time.process_time(), engine_cpu_ns()
    for _ in range(calls):
        a = time.perf_counter()
        f()
        lat.append((time.perf_counter() - a) * 1e6)
    cpu, eng = (time.process_time() - cpu) / calls * 1e6, (engine_cpu_ns() - eng) / calls / 1e3
    lat.sort()
    out[name] = {"p50": lat[len(lat) // 2], "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
                 "client_cpu": cpu, "engine_cpu": eng}
# The client's own work per call: the same calls against a stand-in connection that answers at once with a
# prebuilt DataFrameHandle frame (no socket, no engine, no waiting), so load on the machine hardly moves it.
from kindling._client import wire
from kindling._gen.kindling.protocol.Body import Body
from kindling._protocol.envelope import build_envelope
from kindling.sql._expr import encode_schema
import kindling._gen.kindling.protocol.DataFrameHandle as H

client = spark._client
real = client._conn
first = next(client._ids) + 1


def answer(rid, schema):
    def build(b):
        s = encode_schema(b, schema)
        H.Start(b); H.AddId(b, 1_000_000 + rid); H.AddSchema(b, s)
        return H.End(b)
    return build_envelope(rid, Body.DataFrameHandle, build)


class Canned:
    broken = None

    def __init__(self, schema):
        n = 3 * (calls + 200) + 200
        self.answers = {rid: answer(rid, schema) for rid in range(first, first + n)}

    def send(self, data):
        pass

    def recv(self, deadline=None, stop=None):
        return wire.parse(self.answers[client._inflight])


for name, f in shapes.items():
    schema = f().schema
    client._conn = Canned(schema)
    first = next(client._ids) + 1
    client._conn = Canned(schema)
    for _ in range(200):
        f()
    lat = []
    for _ in range(calls):
        a = time.perf_counter()
        f()
        lat.append((time.perf_counter() - a) * 1e6)
    lat.sort()
    out[name]["client_only"] = lat[len(lat) // 2]
    client._conn = real
client._pending_release = []
spark.stop()
print(json.dumps(out))
"""


def run(side: str, calls: int, no_spin: bool) -> dict:
    path, _, engine = side.partition(":")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(path))
    if no_spin:
        env.update(KINDLING_SPIN_US="0", KINDLING_ENGINE_SPIN_US="0")
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
    ap.add_argument("--no-spin", action="store_true",
                    help="both sides sleep instead of spinning while they wait, so CPU per call is work, not waiting")
    args = ap.parse_args()
    print("Per shape: p50 / p99 wall µs; CPU µs per call of the client / of the engine (all its threads); p50 µs of")
    print("the client's own work per call (the same calls answered at once by a stand-in connection).")
    print()
    print("| pair | side | load | select | filter | withColumn |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for i in range(args.pairs):
        for label, side in (("A", args.a), ("B", args.b)):
            r = run(side, args.calls, args.no_spin)
            cells = " | ".join(f"{r[k]['p50']:.0f} / {r[k]['p99']:.0f}; cpu {r[k]['client_cpu']:.0f} / "
                               f"{r[k]['engine_cpu']:.0f}; client alone {r[k]['client_only']:.1f}"
                               for k in ("select", "filter", "withColumn"))
            print(f"| {i + 1} | {label} | {r['load']:.1f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()

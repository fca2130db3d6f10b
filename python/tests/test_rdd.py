"""The Python RDD API against a real engine and real Python workers: every method beside the same computation in
plain Python, word count, PageRank, failures (tracebacks, killed workers), broadcasts, accumulators, lineage."""

from __future__ import annotations

import math
import operator
import os
import signal
import threading
import time
from collections import Counter, defaultdict

import pytest

from kindling import RDD, SparkContext
from kindling.broadcast import Broadcast
from kindling.errors import PythonException
from kindling.rdd import portable_hash
from kindling.sql import Row
from kindling.sql import functions as F
from examples import run_examples

DATA = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9]
PAIRS = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5), ("a", 6)]


@pytest.fixture(scope="module")
def sc(spark) -> SparkContext:
    return spark.sparkContext


def by_key(pairs):
    out = defaultdict(list)
    for k, v in pairs:
        out[k].append(v)
    return out


# ---------------------------------------------------------------------------------------------------- SparkContext


def test_parallelize_cuts_contiguous_slices_as_pyspark(sc):
    assert sc.parallelize(list(range(10)), 3).glom().collect() == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert sc.parallelize(range(10), 3).glom().collect() == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert sc.parallelize([], 2).glom().collect() == [[], []]
    assert sc.parallelize(DATA).getNumPartitions() == sc.defaultParallelism
    # More slices than elements: empty partitions, nothing lost.
    assert sc.parallelize([1, 2], 4).collect() == [1, 2]


def test_parallelize_keeps_arbitrary_python_objects(sc):
    objs = [None, 1, 2.5, "s", b"b", (1, "t"), {"k": [1, 2]}, frozenset({3}), Row(a=1, b="x"), 10**30]
    assert sc.parallelize(objs, 3).collect() == objs
    assert sc.parallelize(objs, 3).map(lambda o: type(o).__name__).collect() == [type(o).__name__ for o in objs]


def test_parallelize_of_many_elements_spans_blocks(sc):
    n = 50_000
    rdd = sc.parallelize(range(n), 4).map(lambda x: x * 2)
    assert rdd.count() == n
    assert rdd.sum() == n * (n - 1)
    assert sc.parallelize(list(range(n)), 3).collect() == list(range(n))


def test_range_empty_rdd_and_union(sc):
    assert sc.range(5).collect() == [0, 1, 2, 3, 4]
    assert sc.range(2, 20, 5, numSlices=2).glom().collect() == [[2, 7], [12, 17]]
    assert sc.range(10, 0, -3).collect() == [10, 7, 4, 1]
    assert sc.emptyRDD().collect() == []
    assert sc.emptyRDD().isEmpty()
    u = sc.union([sc.parallelize([1, 2], 1), sc.parallelize([3], 2), sc.emptyRDD()])
    assert u.collect() == [1, 2, 3]
    assert u.getNumPartitions() == 3  # an emptyRDD has no partitions, as in Spark
    assert sc.emptyRDD().getNumPartitions() == 0 and sc.emptyRDD().map(str).getNumPartitions() == 0


def test_bad_arguments_are_clear_errors(sc):
    with pytest.raises(ValueError, match="Number of slices must be positive"):
        sc.parallelize([1], 0)
    with pytest.raises(ValueError, match="Can not reduce\\(\\) empty RDD"):
        sc.parallelize([], 2).reduce(operator.add)
    with pytest.raises(ValueError, match="RDD is empty"):
        sc.emptyRDD().first()
    with pytest.raises(ValueError, match="union\\(\\) needs at least one RDD"):
        sc.union([])


# ---------------------------------------------------------------------------------------------------- transformations


def test_narrow_transformations_match_plain_python(sc):
    rdd = sc.parallelize(DATA, 3)
    assert rdd.map(lambda x: x * x).collect() == [x * x for x in DATA]
    assert rdd.flatMap(lambda x: [x] * (x % 3)).collect() == [y for x in DATA for y in [x] * (x % 3)]
    assert rdd.filter(lambda x: x > 4).collect() == [x for x in DATA if x > 4]
    assert rdd.mapPartitions(lambda it: [sum(it)]).collect() == [sum(p) for p in rdd.glom().collect()]
    assert rdd.mapPartitionsWithIndex(lambda i, it: [(i, len(list(it)))]).collect() == [(0, 5), (1, 5), (2, 5)]
    assert rdd.keyBy(lambda x: x % 2).collect() == [(x % 2, x) for x in DATA]
    assert sorted(rdd.distinct().collect()) == sorted(set(DATA))
    assert rdd.zipWithIndex().collect() == [(x, i) for i, x in enumerate(DATA)]
    pairs = sc.parallelize(PAIRS, 2)
    assert pairs.mapValues(lambda v: v * 10).collect() == [(k, v * 10) for k, v in PAIRS]
    assert pairs.flatMapValues(lambda v: range(v % 3)).collect() == [(k, i) for k, v in PAIRS for i in range(v % 3)]
    assert pairs.keys().collect() == [k for k, _ in PAIRS]
    assert pairs.values().collect() == [v for _, v in PAIRS]


def test_key_aggregations_match_plain_python(sc):
    pairs = sc.parallelize(PAIRS, 3)
    grouped = by_key(PAIRS)
    assert dict(pairs.reduceByKey(operator.add).collect()) == {k: sum(v) for k, v in grouped.items()}
    assert {k: sorted(v) for k, v in pairs.groupByKey().collect()} == {k: sorted(v) for k, v in grouped.items()}
    assert len(dict(pairs.groupByKey().collect())["a"]) == 3
    folded = dict(pairs.foldByKey(0, operator.add).collect())
    assert folded == {k: sum(v) for k, v in grouped.items()}
    agg = dict(pairs.aggregateByKey((0, 0), lambda a, v: (a[0] + v, a[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1])).collect())
    assert agg == {k: (sum(v), len(v)) for k, v in grouped.items()}
    comb = dict(pairs.combineByKey(lambda v: [v], lambda c, v: c + [v], lambda a, b: a + b, 2).mapValues(sorted).collect())
    assert comb == {k: sorted(v) for k, v in grouped.items()}
    assert pairs.countByKey() == Counter(k for k, _ in PAIRS)
    assert sc.parallelize(DATA).countByValue() == Counter(DATA)


def test_sorting(sc):
    pairs = sc.parallelize([(k, i) for i, k in enumerate(DATA)], 3)
    assert pairs.sortByKey().keys().collect() == sorted(DATA)
    assert pairs.sortByKey(ascending=False).keys().collect() == sorted(DATA, reverse=True)
    assert pairs.sortByKey(numPartitions=1).keys().collect() == sorted(DATA)
    words = sc.parallelize(["pear", "fig", "banana", "kiwi", "apple"], 2)
    assert words.sortBy(len).collect() == sorted(["pear", "fig", "banana", "kiwi", "apple"], key=len)
    assert words.sortBy(lambda w: w, ascending=False, numPartitions=3).collect() == sorted(words.collect(), reverse=True)
    big = sc.parallelize(list(range(2000, 0, -1)), 4).map(lambda x: (x % 997, x))
    assert big.sortByKey(numPartitions=4).keys().collect() == sorted(x % 997 for x in range(2000, 0, -1))


def test_joins_and_cogroup(sc):
    left = [("a", 1), ("b", 2), ("a", 3), ("d", 9)]
    right = [("a", "x"), ("b", "y"), ("c", "z"), ("a", "w")]
    l, r = sc.parallelize(left, 2), sc.parallelize(right, 3)
    expected = sorted((k, (v, w)) for k, v in left for k2, w in right if k == k2)
    assert sorted(l.join(r).collect()) == expected
    lk = {k for k, _ in right}
    assert sorted(l.leftOuterJoin(r).collect()) == sorted(expected + [(k, (v, None)) for k, v in left if k not in lk])
    rk = {k for k, _ in left}
    assert sorted(l.rightOuterJoin(r).collect()) == sorted(expected + [(k, (None, w)) for k, w in right if k not in rk])
    assert len(l.fullOuterJoin(r).collect()) == len(expected) + 2
    cg = {k: (sorted(a), sorted(b)) for k, (a, b) in l.cogroup(r).collect()}
    assert cg == {k: (sorted(v for k2, v in left if k2 == k), sorted(w for k2, w in right if k2 == k)) for k in "abcd"}


def test_partitioning(sc, monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")  # portable_hash on the driver too (int keys: the seed is irrelevant)
    pairs = sc.parallelize([(i, i) for i in range(20)], 2)
    parted = pairs.partitionBy(3)
    assert parted.getNumPartitions() == 3
    for p, items in enumerate(parted.glom().collect()):
        assert all(portable_hash(k) % 3 == p for k, _ in items)
    # Same partitioner again: no second shuffle.
    assert parted.partitionBy(3) is parted
    assert parted.mapValues(lambda v: v).partitioner == parted.partitioner
    assert parted.map(lambda kv: kv).partitioner is None
    assert sc.parallelize(DATA, 2).repartition(5).getNumPartitions() == 5
    assert sorted(sc.parallelize(DATA, 2).repartition(5).collect()) == sorted(DATA)
    assert sc.parallelize(DATA, 4).coalesce(2).getNumPartitions() == 2
    assert sc.parallelize(DATA, 4).coalesce(2).collect() == DATA
    assert sc.parallelize([("x", 1)], 1).partitionBy(2, lambda k: 1).glom().collect() == [[], [("x", 1)]]


def test_string_keys_partition_the_same_on_every_run(sc, new_engine):
    words = [f"w{i}" for i in range(40)]
    first = sc.parallelize([(w, 1) for w in words], 2).partitionBy(4).glom().collect()
    other = new_engine().sparkContext
    second = other.parallelize([(w, 1) for w in words], 2).partitionBy(4).glom().collect()
    assert first == second


# ---------------------------------------------------------------------------------------------------- actions


def test_actions_match_plain_python(sc):
    rdd = sc.parallelize(DATA, 3)
    assert rdd.count() == len(DATA)
    assert rdd.sum() == sum(DATA)
    assert rdd.max() == max(DATA) and rdd.min() == min(DATA)
    assert rdd.max(key=lambda x: -x) == min(DATA)
    assert rdd.mean() == pytest.approx(sum(DATA) / len(DATA))
    assert rdd.reduce(operator.mul) == __import__("math").prod(DATA)
    assert rdd.fold(0, operator.add) == sum(DATA)
    assert rdd.aggregate((0, 0), lambda a, x: (a[0] + x, a[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1])) == (sum(DATA), len(DATA))
    assert rdd.take(4) == DATA[:4]
    assert rdd.take(100) == DATA
    assert rdd.take(0) == []
    assert rdd.first() == DATA[0]
    assert not rdd.isEmpty()
    assert sc.parallelize([], 3).isEmpty()
    assert rdd.top(3) == sorted(DATA, reverse=True)[:3]
    assert rdd.takeOrdered(3) == sorted(DATA)[:3]
    assert sc.parallelize(PAIRS).collectAsMap() == dict(PAIRS)
    assert rdd.getNumPartitions() == 3


def test_foreach_and_foreach_partition_run_in_workers(sc, tmp_path):
    out = tmp_path / "seen"
    out.mkdir()

    def touch(x):
        (out / f"{x}-{os.getpid()}").write_text("")

    sc.parallelize(range(6), 2).foreach(touch)
    seen = os.listdir(out)
    assert sorted(int(n.split("-")[0]) for n in seen) == list(range(6))
    assert all(int(n.split("-")[1]) != os.getpid() for n in seen)
    sizes = []
    acc = sc.accumulator(0)
    sc.parallelize(range(6), 3).foreachPartition(lambda it: acc.add(len(list(it))))
    sizes.append(acc.value)
    assert sizes == [6]


def test_take_stops_reading_each_partition_early(sc):
    # An endless partition: take() must not drain it.
    import itertools

    endless = sc.parallelize([0], 1).flatMap(lambda _: itertools.count())
    assert endless.take(5) == [0, 1, 2, 3, 4]


def test_take_scans_partitions_incrementally(sc):
    # An accumulator counts the partitions whose function ran: a take that the first partition answers runs one.
    touched = sc.accumulator(0)

    def mark(it):
        touched.add(1)
        return it

    rdd = sc.parallelize(range(800), 8).mapPartitions(mark)
    assert rdd.take(5) == [0, 1, 2, 3, 4]
    assert touched.value == 1
    touched.value = 0
    # Elements only from partition 5 on: 1 partition, then 4, then the other 3.
    assert rdd.filter(lambda x: x >= 500).take(3) == [500, 501, 502]
    assert touched.value == 8
    touched.value = 0
    assert rdd.first() == 0 and touched.value == 1
    assert rdd.filter(lambda x: x > 10_000).take(1) == [] and rdd.filter(lambda x: x > 10_000).isEmpty()


# ---------------------------------------------------------------------------------------------------- worked examples


def test_word_count(sc, tmp_path):
    text = ["the quick brown fox", "jumps over the lazy dog", "the dog barks", "", "fox and dog and the cat"] * 40
    counts = (sc.parallelize(text, 4)
              .flatMap(lambda line: line.split())
              .map(lambda w: (w, 1))
              .reduceByKey(operator.add))
    assert dict(counts.collect()) == Counter(w for line in text for w in line.split())
    top = counts.sortBy(lambda kv: (-kv[1], kv[0])).take(3)
    assert top == sorted(Counter(w for line in text for w in line.split()).items(), key=lambda kv: (-kv[1], kv[0]))[:3]


def test_pagerank_on_a_small_graph(sc):
    edges = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "a"), ("d", "c"), ("d", "a"), ("e", "d")]
    links = sc.parallelize(edges, 2).groupByKey().mapValues(list).cache()
    ranks = links.mapValues(lambda _: 1.0)
    for _ in range(10):
        contribs = links.join(ranks).flatMap(lambda kv: [(dst, kv[1][1] / len(kv[1][0])) for dst in kv[1][0]])
        ranks = contribs.reduceByKey(operator.add).mapValues(lambda r: 0.15 + 0.85 * r)
    got = dict(ranks.collect())

    # The same iteration in plain Python.
    out = by_key(edges)
    expect = {k: 1.0 for k in out}
    for _ in range(10):
        contrib = defaultdict(float)
        for src, dsts in out.items():
            if src not in expect:
                continue  # no rank (nothing links to it): dropped by the join, as in the RDD version
            for dst in dsts:
                contrib[dst] += expect[src] / len(dsts)
        expect = {k: 0.15 + 0.85 * v for k, v in contrib.items()}
    assert got.keys() == expect.keys()
    for k in expect:
        assert got[k] == pytest.approx(expect[k])
    links.unpersist()


# ---------------------------------------------------------------------------------------------------- pipelining


def test_consecutive_narrow_functions_run_in_one_worker_pass(sc):
    rdd = sc.parallelize(range(100), 2).map(lambda x: x + 1).filter(lambda x: x % 2 == 0).map(lambda x: x * 3)
    assert rdd.collect() == [x * 3 for x in range(1, 101) if x % 2 == 0]
    metrics = rdd._jdf._last_job_metrics()
    # One Python task per partition, not one per function.
    assert metrics["python.pythonTasks"] == 2
    # A cached RDD ends the pipeline: what follows reads the cached blocks.
    cached = sc.parallelize(range(10), 2).map(lambda x: x * 2).cache()
    assert cached.collect() == [x * 2 for x in range(10)]
    after = cached.map(lambda x: x + 1)
    assert after.collect() == [x * 2 + 1 for x in range(10)]
    assert after._source is cached
    cached.unpersist()


def test_to_debug_string_shows_the_lineage(sc):
    rdd = sc.parallelize([("a", 1)], 2).map(lambda kv: kv).reduceByKey(operator.add).mapValues(lambda v: v)
    text = rdd.toDebugString().decode()
    lines = text.splitlines()
    assert lines[0].startswith("(2) PythonRDD[")
    assert any(" |  ShuffledRDD[" in ln for ln in lines)
    assert any(ln.startswith(" +-(2) PairwiseRDD[") for ln in lines)
    assert lines[-1].startswith("    |  ParallelCollectionRDD[") and "parallelize" in lines[-1]
    assert isinstance(rdd.toDebugString(), bytes)


# ---------------------------------------------------------------------------------------------------- failures


def test_an_exception_in_a_lambda_shows_its_traceback(sc):
    def parse(x):
        if x == 3:
            raise ValueError(f"cannot parse {x}")
        return x

    with pytest.raises(PythonException) as info:
        sc.parallelize(range(5), 2).map(parse).collect()
    msg = str(info.value)
    assert "ValueError: cannot parse 3" in msg
    assert "test_rdd.py" in msg and "in parse" in msg
    assert "kindling/worker" not in msg
    assert sc.parallelize(range(3)).map(lambda x: x).collect() == [0, 1, 2]


def test_a_killed_worker_during_reduce_by_key_still_gives_the_right_answer(sc, tmp_path):
    marker = str(tmp_path / "killed")

    def kill_once(kv):
        if kv[0] == "w7" and not os.path.exists(marker):
            open(marker, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return kv

    words = [(f"w{i % 13}", 1) for i in range(1000)]
    counts = sc.parallelize(words, 4).map(kill_once).reduceByKey(operator.add).map(kill_once)
    assert dict(counts.collect()) == Counter(k for k, _ in words)
    assert os.path.exists(marker)


def test_wrong_rows_for_to_df_name_the_row(sc):
    with pytest.raises(PythonException, match="has 1 fields but the schema has 2"):
        sc.parallelize([(1, "a"), (2,)]).toDF("id int, name string").collect()
    with pytest.raises(PythonException, match="does not match the schema"):
        sc.parallelize([("x", "a")]).toDF("id int, name string").collect()


def test_cancel_all_jobs_stops_a_running_job(sc):
    def slow(x):
        time.sleep(30)
        return x

    timer = threading.Timer(0.5, sc.cancelAllJobs)
    start = time.monotonic()
    timer.start()
    with pytest.raises(Exception, match="(?i)cancel"):
        sc.parallelize(range(4), 2).map(slow).collect()
    timer.join()
    assert time.monotonic() - start < 10
    assert sc.parallelize([1, 2]).map(lambda x: x).collect() == [1, 2]


# ---------------------------------------------------------------------------------------------------- shared variables


def test_broadcast_is_shipped_once_per_worker(sc, tmp_path):
    log = tmp_path / "loads"

    def _loud(data, path):
        # Defined here so cloudpickle ships it by value (the test module is not importable in workers).
        with open(path, "a") as f:
            f.write(f"{os.getpid()}\n")
        obj = type("Loaded", (), {})()
        obj.data = data
        return obj

    class Loud:
        """Records each unpickling (one per worker that receives the value)."""

        def __init__(self, data):
            self.data = data

        def __reduce__(self):
            return (_loud, (self.data, str(log)))

    b = sc.broadcast(Loud(list(range(1000))))
    rdd = sc.parallelize(range(40), 8).map(lambda i: b.value.data[i])
    for _ in range(3):
        assert rdd.collect() == list(range(40))
    loads = log.read_text().split() if log.exists() else []
    # 24 tasks on 2 reused workers: each worker unpickles the value once.
    assert 1 <= len(loads) <= 2, loads
    assert b.value.data[:3] == [0, 1, 2]
    b.unpersist()
    assert rdd.collect() == list(range(40))
    b.destroy()
    with pytest.raises(Exception, match=r"Broadcast\(\d+\) after it was destroyed"):
        rdd.collect()
    with pytest.raises(RuntimeError, match="destroyed"):
        b.value


def test_large_broadcast_goes_through_shared_memory(sc):
    big = sc.broadcast(b"x" * (3 << 20))
    assert sc.parallelize([0, 1], 2).map(lambda _: len(big.value)).collect() == [3 << 20] * 2
    big.destroy()


def test_broadcast_in_a_dataframe_udf(spark, sc):
    from kindling.sql.functions import udf

    names = sc.broadcast({0: "zero", 1: "one"})
    f = udf(lambda i: names.value.get(i, "many"), "string")
    assert [r[0] for r in spark.range(3).select(f("id")).collect()] == ["zero", "one", "many"]


def test_accumulators_count_successful_tasks_once(sc, tmp_path):
    acc = sc.accumulator(0)
    fsum = sc.accumulator(0.0)
    marker = str(tmp_path / "fail-once")

    def count(x):
        acc.add(1)
        fsum.add(x / 2)
        if x == 7 and not os.path.exists(marker):
            open(marker, "w").close()
            raise OSError("transient")  # a Python exception fails the job (not retried)
        return x

    with pytest.raises(PythonException):
        sc.parallelize(range(10), 2).map(count).collect()
    before = acc.value
    assert before <= 5  # only the partition that succeeded counted
    sc.parallelize(range(10), 2).map(count).collect()
    assert acc.value == before + 10
    assert fsum.value >= sum(range(10)) / 2
    acc2 = sc.accumulator(0)
    sc.parallelize(range(100), 4).foreach(lambda x: acc2.add(x))
    assert acc2.value == sum(range(100))
    with pytest.raises(PythonException, match="cannot be accessed inside tasks"):
        sc.parallelize([1]).map(lambda _: acc2.value).collect()


def test_accumulator_after_a_killed_worker_counts_once(sc, tmp_path):
    marker = str(tmp_path / "killed")
    acc = sc.accumulator(0)

    def f(x):
        acc.add(1)
        if x == 3 and not os.path.exists(marker):
            open(marker, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return x

    sc.parallelize(range(8), 2).map(f).count()
    assert acc.value == 8  # the killed attempt's adds are lost with it; the retry's count once


# ---------------------------------------------------------------------------------------------------- DataFrames


def test_to_df_and_create_data_frame_from_rdd(spark, sc):
    rdd = sc.parallelize([(1, "a", 1.5), (2, None, 2.5)], 2)
    df = rdd.toDF(["id", "name", "score"])
    assert df.schema.simpleString() == "struct<id:bigint,name:string,score:double>"
    assert df.collect() == [Row(id=1, name="a", score=1.5), Row(id=2, name=None, score=2.5)]
    assert spark.createDataFrame(rdd, "id int, name string, score double").filter(F.col("id") > 1).count() == 1
    rows = sc.parallelize([Row(k="x", v=1), Row(k="y", v=2)])
    assert spark.createDataFrame(rows).groupBy().sum("v").collect()[0][0] == 3
    dicts = sc.parallelize([{"a": 1, "b": "p"}, {"a": 2, "b": "q"}])
    assert spark.createDataFrame(dicts, "a long, b string").collect() == [Row(a=1, b="p"), Row(a=2, b="q")]
    from kindling.sql.types import LongType

    assert spark.createDataFrame(sc.parallelize([1, 2, 3]), LongType()).collect() == [Row(value=1), Row(value=2), Row(value=3)]


def test_df_rdd_gives_rows(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, name string")
    assert df.rdd.collect() == [Row(id=1, name="a"), Row(id=2, name="b")]
    assert df.rdd.map(lambda r: (r.name, r.id * 10)).collect() == [("a", 10), ("b", 20)]
    assert df.rdd.getNumPartitions() >= 1
    assert spark.range(10).rdd.filter(lambda r: r.id % 3 == 0).count() == 4
    assert df.rdd.toDF().collect() == df.collect()
    import datetime

    ts = spark.createDataFrame([(datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5))], "d date, t timestamp")
    assert ts.rdd.map(lambda r: (r.d, r.t)).collect() == ts.rdd.collect()


def test_parallelize_and_range_both_exist_and_differ(spark, sc):
    n = 20_000
    assert sc.parallelize(range(n)).count() == spark.range(n).count() == n
    assert sc.parallelize(list(range(n))).sum() == spark.range(n).agg(F.sum("id")).collect()[0][0]


def test_binary_columns_behave_as_in_spark(spark):
    import pyarrow as pa

    df = spark.createDataFrame(pa.table({"b": pa.array([b"ab", None, b"\x00\xff"], pa.binary())}))
    assert df.collect() == [Row(b=bytearray(b"ab")), Row(b=None), Row(b=bytearray(b"\x00\xff"))]
    assert df.schema.simpleString() == "struct<b:binary>"


# ---------------------------------------------------------------------------------------------------- docs


def test_set_operations_and_cartesian_match_python(sc):
    a = [("a", 1), ("b", 4), ("b", 5), ("a", 2), ("c", 7), ("a", 1)]
    b = [("a", 3), ("c", None), ("d", 0)]
    ra, rb = sc.parallelize(a, 3), sc.parallelize(b, 2)
    keys_b = {k for k, _ in b}
    assert sorted(ra.subtractByKey(rb).collect()) == sorted(kv for kv in a if kv[0] not in keys_b)
    assert sorted(ra.subtract(sc.parallelize([("a", 1), ("c", 7)])).collect()) == [("a", 2), ("b", 4), ("b", 5)]
    assert sorted(sc.parallelize([1, 2, 2, 3, 5], 2).intersection(sc.parallelize([2, 3, 3, 4], 3)).collect()) == [2, 3]
    xs, ys = list(range(7)), ["p", "q", "r"]
    cart = sc.parallelize(xs, 3).cartesian(sc.parallelize(ys, 2))
    assert cart.getNumPartitions() == 6
    assert cart.collect() == [(x, y) for i in range(3) for j in range(2)
                              for x in xs[i * 7 // 3:(i + 1) * 7 // 3] for y in ys[j * 3 // 2:(j + 1) * 3 // 2]]
    assert sc.parallelize([1, 2]).cartesian(sc.emptyRDD()).collect() == []
    # Under a union each side's functions see their own partition index, as in Spark.
    index = lambda i, it: [i]  # noqa: E731
    assert sc.parallelize([1, 2], 2).mapPartitionsWithIndex(index).union(
        sc.parallelize([3], 1).mapPartitionsWithIndex(index)).collect() == [0, 1, 0]
    groups = sc.parallelize(range(20), 4).groupBy(lambda x: x % 3).mapValues(sorted).collect()
    assert sorted(groups) == [(r, [x for x in range(20) if x % 3 == r]) for r in range(3)]
    ids = sc.parallelize(list("abcdefg"), 3).zipWithUniqueId().collect()
    assert sorted(i for _, i in ids) == sorted(set(i for _, i in ids)) and [v for v, _ in ids] == list("abcdefg")


def test_stats_match_statistics_module(sc):
    import statistics

    data = [3.5, -1.0, 8.25, 4.0, 4.0, 10.0, 0.5]
    rdd = sc.parallelize(data, 3)
    s = rdd.stats()
    assert s.count() == len(data) and s.min() == min(data) and s.max() == max(data)
    assert s.mean() == pytest.approx(statistics.mean(data))
    assert rdd.variance() == pytest.approx(statistics.pvariance(data))
    assert rdd.sampleStdev() == pytest.approx(statistics.stdev(data))
    assert rdd.stdev() == pytest.approx(statistics.pstdev(data))
    empty = sc.parallelize([], 2).stats()
    assert empty.count() == 0 and math.isnan(empty.mean())


@pytest.mark.parametrize("obj", [getattr(RDD, n) for n in (
    "map", "flatMap", "filter", "mapPartitions", "mapPartitionsWithIndex", "glom", "mapValues", "union",
    "partitionBy", "reduceByKey", "groupByKey", "distinct", "join", "sortByKey", "sortBy", "zipWithIndex", "collect",
    "count", "take", "reduce", "aggregate", "mean", "countByValue", "toDF", "getNumPartitions", "toDebugString",
    "groupBy", "subtractByKey", "subtract", "intersection", "cartesian", "zipWithUniqueId", "stats",
)] + [getattr(SparkContext, n) for n in ("parallelize", "range", "emptyRDD", "union", "broadcast", "accumulator")] + [Broadcast],
    ids=lambda o: o.__qualname__)
def test_docstring_examples_run(spark, obj):
    run_examples(obj, spark, functions=False, ellipsis=True)


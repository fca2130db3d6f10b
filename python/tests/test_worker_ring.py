"""The shared-memory rings between the engine and a UDF worker: batches go through them (and inline when they do not
fit), the results are the same either way, the segment is gone once both sides hold it, and bad positions are refused."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from kindling.errors import IllegalArgumentException, SparkRuntimeException
from kindling.sql import functions as F
from kindling.sql.functions import pandas_udf, udf
from kindling.worker.ring import HEADER_BYTES, MAGIC, RingError, Rings

RING_CONF = "spark.kindling.python.worker.ringBytes"


@pandas_udf("long")
def plus_one(v: pd.Series) -> pd.Series:
    return v + 1


@pandas_udf("string")
def padded(v: pd.Series) -> pd.Series:
    # ~200 bytes a row: a 10,000-row result batch (~2 MB) cannot fit a 64 KiB ring.
    return v.astype(str).str.pad(200, side="right", fillchar="x")


def _sum_plus_one(s, rows: int = 200_000):
    df = s.range(0, rows, 1, 2).select(plus_one("id").alias("y")).agg(F.sum("y"))
    return df.collect()[0][0], df._last_job_metrics()


def test_batches_go_through_the_rings_by_default(new_engine):
    s = new_engine()
    total, m = _sum_plus_one(s)
    assert total == 200_000 * 199_999 // 2 + 200_000
    # Both ways: the input batches and the results, 8 bytes a row each at least.
    assert m["python.ringBytes"] > 2 * 200_000 * 8
    assert m["python.ringBytes"] <= m["python.bytesSent"] + m["python.bytesReceived"]


def test_rings_off_and_batches_too_big_for_them_go_inline(new_engine):
    off = new_engine()
    off.conf.set(RING_CONF, "0")
    total, m = _sum_plus_one(off)
    assert total == 200_000 * 199_999 // 2 + 200_000 and m["python.ringBytes"] == 0

    small = new_engine()
    small.conf.set(RING_CONF, "65536")
    small.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
    df = small.range(0, 30_000, 1, 2).select(padded("id").alias("p"))
    rows = df.collect()
    m = df._last_job_metrics()
    # 8 KB input batches fit the ring (unless the worker is behind, when some go inline), 200 KB results never do:
    # both paths in one task, in order.
    assert [r.p for r in rows[:2]] == ["0".ljust(200, "x"), "1".ljust(200, "x")]
    assert sorted(int(r.p.rstrip("x") or 0) for r in rows) == list(range(30_000))
    assert 0 < m["python.ringBytes"] <= m["python.bytesSent"] < 30_000 * 200


def test_a_bad_ring_size_names_the_setting(spark, conf):
    conf({RING_CONF: "1000"})
    with pytest.raises((IllegalArgumentException, SparkRuntimeException), match=r"spark\.kindling\.python\.worker\.ringBytes must be 0 \(off\) or a power of two"):
        spark.range(3).select(udf(lambda x: x, "bigint")("id")).collect()
    conf({RING_CONF: str(1024 * 1024)})
    assert spark.range(3).select(udf(lambda x: x, "bigint")("id")).count() == 3


def test_no_ring_segment_outlives_the_handshake(new_engine, shm_files):
    s = new_engine()
    total, m = _sum_plus_one(s, 50_000)
    assert m["python.ringBytes"] > 0
    # The workers are alive and hold their rings, but no name is left in /dev/shm.
    assert [n for n in shm_files() if "-ring-" in n] == []


# ---- the worker's end, against a segment written here the way the engine writes it


@pytest.fixture
def segment():
    size = 65536
    name = f"/kindling-{os.getpid()}-ring-test"
    path = "/dev/shm" + name
    with open(path, "wb") as f:
        f.truncate(HEADER_BYTES + 2 * size)
    with open(path, "r+b") as f:
        f.write(np.array([MAGIC, 1, size], dtype="<u4").tobytes())
    yield name, path, size
    os.unlink(path)


def _header(path: str) -> np.ndarray:
    return np.fromfile(path, dtype="<u4", count=HEADER_BYTES // 4)


def test_the_worker_copies_input_out_and_publishes_how_far_it_read(segment):
    name, path, size = segment
    with open(path, "r+b") as f:
        f.seek(HEADER_BYTES + 100)
        f.write(b"hello")
    r = Rings(name, size)
    got = r.take_input(100, 5)
    assert bytes(got) == b"hello"
    assert _header(path)[16] == 105
    with open(path, "r+b") as f:  # the copy is the worker's own: the ring may be reused at once
        f.seek(HEADER_BYTES + 100)
        f.write(b"HELLO")
    assert bytes(got) == b"hello"


@pytest.mark.parametrize("position, length", [(50, 5), (65534, 8), (105 + 65536, 4), (200, 0), (200, 65537)])
def test_the_worker_refuses_input_outside_its_ring(segment, position, length):
    name, _, size = segment
    r = Rings(name, size)
    r.take_input(100, 5)
    with pytest.raises(RingError, match=rf"input batch at ring position {position} \({length} bytes\) outside its ring"):
        r.take_input(position, length)


def test_output_slots_wrap_and_stop_when_the_engine_falls_behind(segment):
    name, path, size = segment
    r = Rings(name, size)
    a = r.reserve_output(30000)
    b = r.reserve_output(30000)
    assert a[0] == 0 and b[0] == 30000 and len(a[1]) == 30000
    assert r.reserve_output(30000) is None  # 60000 bytes unread by the engine
    with open(path, "r+b") as f:  # the engine read the first batch
        f.seek(128)
        f.write(np.array([30000], dtype="<u4").tobytes())
    c = r.reserve_output(30000)
    assert c[0] == size  # does not fit before the end: starts again at offset 0
    c[1][:3] = b"abc"
    with open(path, "rb") as f:
        f.seek(HEADER_BYTES + size)
        assert f.read(3) == b"abc"


def test_the_worker_refuses_a_segment_that_is_not_a_ring(segment):
    name, path, size = segment
    with pytest.raises(RingError, match="unexpected segment name"):
        Rings("/etc/passwd", size)
    with pytest.raises(RingError, match="holds 131328 bytes; two rings of 131072"):
        Rings(name, 2 * size)
    with open(path, "r+b") as f:
        f.write(b"XXXX")
    with pytest.raises(RingError, match="does not start with a version 1 ring header"):
        Rings(name, size)

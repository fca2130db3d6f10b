"""The connection's life: handle release, a dead engine, Ctrl-C during an action, several sessions on one engine."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time

import pytest

from kindling.errors import AnalysisException, EngineDiedError, SparkConnectionError
from kindling.sql import SparkSession
from kindling.sql.functions import col


def test_released_handles_ride_along_with_the_next_request(spark):
    client = spark._client
    gc.collect()
    client.flush_releases()
    gc.disable()  # no stray collection of other tests' garbage while counting frames
    try:
        frames, released = client.release_frames, client.released_total
        dfs = [spark.range(i) for i in range(70)]
        assert len({d._id for d in dfs}) == 70
        assert client.release_frames == frames  # nothing to release while they are alive
        del dfs
        assert client.pending_releases == 70
        assert spark.range(3).count() == 3  # the queued ids go out with this request, in one Release
        assert client.pending_releases == 1  # the range(3) handle, dropped after count()
        assert client.release_frames == frames + 1
        assert client.released_total == released + 70
    finally:
        gc.enable()


def test_a_few_released_handles_wait_for_a_batch_or_a_second(spark):
    from kindling._client.client import RELEASE_AGE_S

    client = spark._client
    keep = spark.range(5)
    gc.collect()
    client.flush_releases()
    gc.disable()
    try:
        frames = client.release_frames
        df = spark.range(2)
        del df
        assert client.pending_releases == 1
        keep.select("id")  # too few ids and too recent: nothing is sent yet
        assert client.release_frames == frames
        time.sleep(RELEASE_AGE_S + 0.1)
        keep.select("id")  # the oldest waited long enough: one Release rides along
        assert client.release_frames == frames + 1
    finally:
        gc.enable()


def test_derived_frames_keep_working_after_parents_are_released(spark):
    df = spark.range(10)
    for i in range(20):
        df = df.withColumn(f"c{i}", col("id") + i)
    gc.collect()
    assert df.count() == 10
    assert df.collect()[9][20] == 9 + 19


def test_engine_killed_raises_within_a_second(new_engine):
    s = new_engine()
    assert s.range(3).count() == 3
    pid = s._client.engine.proc.pid
    os.kill(pid, signal.SIGKILL)
    start = time.monotonic()
    with pytest.raises(EngineDiedError) as e:
        s.range(100).count()
    assert time.monotonic() - start < 1.0
    assert e.value.getErrorClass() == "ENGINE_DIED"
    with pytest.raises(SparkConnectionError):
        s.range(1)


def test_a_killed_engines_segments_are_removed_by_its_client(new_engine):
    from kindling._client.results import shm_dir

    s = new_engine()
    assert s.range(3).count() == 3
    pid = s._client.engine.proc.pid
    # A result segment the engine wrote just before it died (nobody will map it), and one of another process.
    left = os.path.join(shm_dir(), f"kindling-{pid}-1-999")
    other = os.path.join(shm_dir(), f"kindling-{os.getpid()}-1-999")
    for path in (left, other):
        with open(path, "wb") as f:
            f.write(b"ARROW")
    try:
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(EngineDiedError):
            s.range(100).count()
        assert not os.path.exists(left)
        assert os.path.exists(other)
    finally:
        for path in (left, other):
            if os.path.exists(path):
                os.unlink(path)


def test_large_results_leave_nothing_in_shm(spark, conf):
    from kindling._client.results import shm_dir

    conf({"spark.kindling.shm.threshold": "0"})
    ours = f"kindling-{spark._client.engine.pid}-"  # other programs on the machine may have segments of their own
    df = spark.range(200_000).withColumn("y", col("id") * 2)
    for _ in range(3):
        pdf = df.toPandas()
        assert len(pdf) == 200_000 and int(pdf["y"].sum()) == 2 * sum(range(200_000))
        assert [n for n in os.listdir(shm_dir()) if n.startswith(ours)] == []


def test_engine_dying_during_an_action_raises_within_a_second(new_engine):
    s = new_engine()
    big = s.range(30_000).crossJoin(s.range(30_000))
    pid = s._client.engine.proc.pid
    timer = threading.Timer(0.3, os.kill, (pid, signal.SIGKILL))
    timer.start()
    start = time.monotonic()
    with pytest.raises(EngineDiedError):
        big.count()
    assert time.monotonic() - start < 0.3 + 1.0


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="needs the main thread")
def test_ctrl_c_cancels_the_running_action_and_keeps_the_session(spark):
    big = spark.range(40_000).crossJoin(spark.range(40_000))
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        big.count()
    elapsed = time.monotonic() - start
    timer.join()
    assert elapsed < 0.5 + 1.5, elapsed
    # The session is still usable and the SIGINT handler is Python's again.
    assert spark.range(7).count() == 7
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_two_sessions_on_one_engine_are_isolated(spark):
    client = spark._client
    other = (SparkSession.builder.remote(client.address)
             .config("spark.kindling.secret", client.secret_hex).create())
    try:
        assert other is not spark
        assert other._client.session_id != client.session_id
        other.conf.set("spark.sql.shuffle.partitions", "7")
        assert other.conf.get("spark.sql.shuffle.partitions") == "7"
        assert spark.conf.get("spark.sql.shuffle.partitions", "unset") != "7"
        a = spark.createDataFrame([(1,)], ["x"])
        b = other.createDataFrame([(2,), (3,)], ["y"])
        assert a.count() == 1 and b.count() == 2
        # An error in one session does not disturb the other.
        with pytest.raises(AnalysisException):
            other.range(1).select("nope")
        assert a.collect()[0].x == 1
        assert [r.y for r in b.collect()] == [2, 3]
    finally:
        other.stop()
    # Stopping a remote session leaves the engine (and the first session) running.
    assert spark.range(4).count() == 4


def test_new_session_shares_the_engine(spark):
    other = spark.newSession()
    try:
        assert other._client.address == spark._client.address
        assert other.range(5).count() == 5
    finally:
        other.stop()
    assert spark.range(2).count() == 2


def test_wrong_secret_is_refused(spark):
    with pytest.raises(SparkConnectionError) as e:
        SparkSession.builder.remote(spark._client.address).config("spark.kindling.secret", "00" * 32).create()
    assert "AUTHENTICATION_FAILED" in str(e.value)


def test_remote_without_secret_is_refused(spark, monkeypatch):
    monkeypatch.delenv("KINDLING_SECRET", raising=False)
    with pytest.raises(SparkConnectionError) as e:
        SparkSession.builder.remote(spark._client.address).create()
    assert e.value.getErrorClass() == "MISSING_SECRET"


def test_engine_exits_when_the_client_closes_stdin(new_engine):
    s = new_engine()
    proc = s._client.engine.proc
    proc.stdin.close()
    assert proc.wait(5) is not None


def test_one_session_used_from_several_threads(spark):
    results, errors = {}, []

    def work(k):
        try:
            df = spark.range(k * 10).withColumn("k", col("id") * k)
            results[k] = (df.count(), sum(r.k for r in df.collect()))
        except Exception as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert results == {k: (k * 10, k * sum(range(k * 10))) for k in range(1, 9)}


def test_engine_stops_when_the_program_exits_without_stop(tmp_path):
    # atexit stops engines the program launched; even a hard exit closes stdin, which ends the engine.
    import subprocess
    import sys

    for ending in ("pass", "os._exit(0)"):
        script = tmp_path / "prog.py"
        script.write_text(
            "import os\n"
            "from kindling.sql import SparkSession\n"
            "spark = SparkSession.builder.master('local[1]').getOrCreate()\n"
            "print(spark._client.engine.pid, flush=True)\n"
            f"{ending}\n"
        )
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        pid = int(out.stdout.split()[0])
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            pytest.fail(f"engine {pid} outlived its program ({ending})")

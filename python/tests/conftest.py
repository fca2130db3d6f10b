"""Shared fixtures of the client tests: one real engine (local[2]) for the whole run, launched by the client itself.

Nothing is mocked: every test talks to the engine apps/server/dist/bundle/main.js over its socket.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_JS = ROOT / "apps" / "server" / "dist" / "bundle" / "main.js"


def _server_missing() -> bool:
    return not os.environ.get("KINDLING_SERVER_JS") and not SERVER_JS.exists()


@pytest.fixture(scope="session")
def spark():
    """The session shared by the tests (``SparkSession.builder.master("local[2]").getOrCreate()``)."""
    if _server_missing():
        pytest.fail(f"the engine is not built: {SERVER_JS} is missing (npx nx run @kindling/server:build)")
    from kindling.sql import SparkSession

    session = SparkSession.builder.master("local[2]").appName("kindling-python-tests").getOrCreate()
    yield session
    session.stop()


@pytest.fixture
def conf(spark):
    """Sets confs for one test and restores them afterwards: ``conf(**{"spark.sql.x": "1"})``."""
    saved = {}

    def set_conf(values):
        for k, v in values.items():
            if k not in saved:
                saved[k] = spark.conf.get(k, None)
            spark.conf.set(k, v)

    yield set_conf
    for k, v in saved.items():
        if v is None:
            spark.conf.unset(k)
        else:
            spark.conf.set(k, v)


@pytest.fixture
def new_engine():
    """Launches separate engines (for tests that kill or stop them); stops whatever is left at the end."""
    from kindling.sql import SparkSession

    made = []

    def make(master: str = "local[2]"):
        s = SparkSession.builder.master(master).create()
        made.append(s)
        return s

    yield make
    for s in made:
        try:
            s.stop()
        except Exception:  # noqa: BLE001
            pass


def _own_pids() -> set:
    """This test process and the processes it started (the engines it launched)."""
    me = os.getpid()
    pids = {me}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[1]) == me:
            pids.add(int(d))
    return pids


@pytest.fixture
def shm_files():
    """A function listing the kindling-* files in the shared-memory directory that this test process or its
    engines own (``kindling-<pid>-…``, ``kindling-client-<pid>-…``). Segments of other processes are left out:
    suites running at the same time create them, and engines starting at the same time sweep those of dead ones."""
    from kindling._client.results import shm_dir

    owner = re.compile(r"kindling-(?:client-)?(\d+)-")

    def list_files(prefix: str = "kindling-") -> list:
        own = _own_pids()
        names = []
        for n in os.listdir(shm_dir()):
            m = owner.match(n)
            if n.startswith(prefix) and m and int(m.group(1)) in own:
                names.append(n)
        return sorted(names)

    return list_files

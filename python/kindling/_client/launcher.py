"""Starts the Node.js engine (apps/server) as a child process and waits for its one-line JSON ready message.

The secret goes in the environment, never on the command line; stdin stays an open pipe for the session's
lifetime (EOF tells the engine to exit); stderr goes to a file that is followed and echoed, its tail kept for
error messages.
"""

from __future__ import annotations

import collections
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Deque, Dict, Optional

from ..errors import SparkConnectionError

READY_TIMEOUT_S = 10.0
_TAIL_LINES = 60


def server_js_path() -> str:
    """`KINDLING_SERVER_JS`, else the bundled engine apps/server/dist/bundle/main.js of the repository holding this
    package (dist/main.js is the same engine unbundled: it starts ~2× slower, loading ~410 modules)."""
    override = os.environ.get("KINDLING_SERVER_JS")
    if override:
        return override
    return str(Path(__file__).resolve().parents[3] / "apps" / "server" / "dist" / "bundle" / "main.js")


def node_binary() -> str:
    override = os.environ.get("KINDLING_NODE")
    if override:
        return override
    found = shutil.which("node")
    if not found:
        raise SparkConnectionError(
            "Cannot start the Kindling engine: no `node` executable on PATH (set KINDLING_NODE to its path).",
            "ENGINE_START_FAILED",
        )
    return found


class EngineProcess:
    """A running engine this client started: its address, liveness, stderr tail and shutdown."""

    def __init__(self, proc: subprocess.Popen, ready: Dict[str, object], tail: Deque[str]) -> None:
        self.proc = proc
        self.ready = ready
        self._tail = tail
        self.pid: int = int(ready.get("pid") or proc.pid)
        self.socket_path: Optional[str] = ready.get("socket") or None  # type: ignore[assignment]
        self.host: Optional[str] = ready.get("host") or None  # type: ignore[assignment]
        self.port: Optional[int] = int(ready["port"]) if ready.get("port") else None  # type: ignore[arg-type]
        self.engine_startup_ms: Optional[float] = ready.get("startupMs")  # type: ignore[assignment]

    @property
    def address(self) -> str:
        """The `kindling://` URL another client can connect to with this engine's secret."""
        if self.socket_path:
            return f"kindling://{self.socket_path}" if self.socket_path.startswith("/") else f"kindling:///{self.socket_path}"
        return f"kindling://{self.host}:{self.port}"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def exit_code(self) -> Optional[int]:
        return self.proc.poll()

    def stderr_tail(self) -> str:
        time.sleep(0.15)  # let the log follower pick up the engine's last words
        return "".join(self._tail)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Closes stdin (the engine exits on EOF), waits, and kills it if it lingers."""
        try:
            if self.proc.stdin and not self.proc.stdin.closed:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            try:
                self.proc.wait(2.0)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class _StderrLog:
    """The engine's stderr goes to an unlinked temporary file, never to a pipe: if this process dies, the engine's
    last log lines cannot fail with EPIPE and keep it from exiting. A daemon thread follows the file, echoes new
    lines to sys.stderr (as an inherited stderr would show them) and keeps the last lines for error messages."""

    def __init__(self) -> None:
        fd, path = tempfile.mkstemp(prefix="kindling-engine-", suffix=".log")
        self.write_fd = fd
        self._reader = open(path, "rb")
        os.unlink(path)
        self.tail: Deque[str] = collections.deque(maxlen=_TAIL_LINES)
        self._partial = b""
        self._lock = threading.Lock()

    def follow(self, proc: subprocess.Popen) -> None:
        threading.Thread(target=self._run, args=(proc,), name="kindling-engine-stderr", daemon=True).start()

    def _run(self, proc: subprocess.Popen) -> None:
        while True:
            got = self.pump()
            if not got:
                if proc.poll() is not None:
                    self.pump(final=True)
                    break
                time.sleep(0.1)

    def pump(self, final: bool = False, echo: bool = True) -> bool:
        """Reads what the engine wrote since the last call; returns whether there was anything."""
        with self._lock:
            try:
                chunk = self._reader.read()
            except (OSError, ValueError):
                return False
            if not chunk and not (final and self._partial):
                return False
            data = self._partial + (chunk or b"")
            lines = data.split(b"\n")
            self._partial = b"" if final else lines.pop()
            for raw in lines:
                if not raw and final:
                    continue
                line = raw.decode("utf-8", "replace") + "\n"
                self.tail.append(line)
                if echo:
                    try:
                        sys.stderr.write(line)
                        sys.stderr.flush()
                    except (ValueError, OSError, AttributeError):
                        pass
            return True


def launch(master: str, conf: Dict[str, str], secret_hex: str, *, transport: str = "unix",
           timeout: float = READY_TIMEOUT_S) -> EngineProcess:
    """Starts the engine and returns once it has printed its ready line (or raises SparkConnectionError)."""
    script = server_js_path()
    if not os.path.exists(script):
        raise SparkConnectionError(
            f"Cannot start the Kindling engine: {script} does not exist (build it with "
            "`npx nx run @kindling/server:build`, or set KINDLING_SERVER_JS).",
            "ENGINE_START_FAILED",
        )
    env = dict(os.environ)
    env.update({
        "KINDLING_SECRET": secret_hex,
        "KINDLING_OWNER": "1",
        "KINDLING_MASTER": master,
        "KINDLING_CONF": json.dumps(conf),
        "KINDLING_TRANSPORT": transport,
        # The interpreter (and, through the inherited environment, the packages) Python UDF workers run with.
        "KINDLING_PYTHON": sys.executable,
    })
    # Its own process group: a Ctrl-C in the terminal interrupts the Python program (which cancels the job),
    # not the engine, so the session survives it.
    log = _StderrLog()
    try:
        proc = subprocess.Popen(
            [node_binary(), script],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log.write_fd,
            env=env, close_fds=True, start_new_session=True,
        )
    finally:
        os.close(log.write_fd)
    log.follow(proc)
    try:
        line = _read_ready_line(proc, timeout)
        ready = json.loads(line)
        if not isinstance(ready, dict) or ready.get("ready") is not True:
            raise ValueError(f"unexpected ready message {line!r}")
    except Exception as err:  # noqa: BLE001 - every failure becomes one clear start error
        _kill(proc)
        log.pump(final=True)
        reason = str(err) if not isinstance(err, SparkConnectionError) else err.message
        code = proc.poll()
        tail = "".join(log.tail)
        raise SparkConnectionError(
            f"The Kindling engine did not start: {reason}"
            + (f" (exit code {code})" if code is not None else "")
            + (f"\n--- engine stderr (last lines) ---\n{tail}" if tail else ""),
            "ENGINE_START_FAILED",
        ) from None
    # The engine prints nothing after the ready line; drain stdout anyway so it could never block on a full pipe.
    threading.Thread(target=_drain, args=(proc.stdout,), name="kindling-engine-stdout", daemon=True).start()
    return EngineProcess(proc, ready, log.tail)


def _drain(stream) -> None:
    try:
        while stream.read(65536):
            pass
    except (OSError, ValueError):
        pass


def _read_ready_line(proc: subprocess.Popen, timeout: float) -> str:
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + timeout
    buf = b""
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SparkConnectionError(f"no ready message within {timeout:g} s")
        readable, _, _ = select.select([fd], [], [], min(left, 0.1))
        if readable:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise SparkConnectionError("the engine exited before it was ready")
            buf += chunk
        elif proc.poll() is not None:
            raise SparkConnectionError("the engine exited before it was ready")
    return buf.split(b"\n", 1)[0].decode("utf-8", "replace")


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(2.0)
    except subprocess.TimeoutExpired:
        pass
    try:
        if proc.stdin:
            proc.stdin.close()
    except OSError:
        pass

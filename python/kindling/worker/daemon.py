"""The worker daemon: ``python -m kindling.worker.daemon``, started once per engine with the client's interpreter.

It imports the heavy libraries (pandas, pyarrow, cloudpickle) once, listens on the Unix socket the engine named,
and forks one worker per connection, so a worker starts in milliseconds with everything already imported. It
reaps its children (no zombies), and when the engine goes away (EOF on stdin) it kills them and exits.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import threading

# Imported here, before any fork, so every worker inherits them loaded.
import cloudpickle  # noqa: F401
import numpy  # noqa: F401
import pandas  # noqa: F401
import pyarrow  # noqa: F401

from kindling.worker import eval_types  # noqa: F401
from kindling.worker.worker import serve

_PR_SET_PDEATHSIG = 1


def _warm_up() -> None:
    """Runs once what every task runs, so the lazy imports and first-use set-up of pyarrow (IPC, pandas
    conversion) and cloudpickle are paid by the daemon, not by the first task of every forked worker."""
    import pyarrow as pa

    batch = pa.RecordBatch.from_arrays([pa.array([1, None], pa.int64()), pa.array(["a", None])], names=["a", "b"])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as w:
        w.write_batch(batch)
    back = pa.ipc.open_stream(pa.py_buffer(sink.getvalue())).read_all()
    pdf = back.to_pandas()
    pa.Array.from_pandas(pdf["a"], type=pa.int64(), safe=True)
    cloudpickle.loads(cloudpickle.dumps(lambda x: x + 1))(1)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker if the daemon dies, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _reap(children: set) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)


def main() -> None:
    path = os.environ["KINDLING_WORKER_SOCKET"]
    secret = bytes.fromhex(os.environ["KINDLING_WORKER_SECRET"])
    # Workers must not see the secret in their environment (user code runs there).
    os.environ.pop("KINDLING_WORKER_SECRET", None)
    children: set = set()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(64)
    _warm_up()
    signal.signal(signal.SIGCHLD, lambda *_: _reap(children))

    def shutdown(*_: object) -> None:
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.unlink(path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, shutdown)

    def watch_stdin() -> None:
        # The engine holds our stdin: EOF means it exited or died.
        while sys.stdin.buffer.read(65536):
            pass
        shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    # What workers print goes to the engine's stderr (its stdout is this daemon's ready channel only).
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    os.dup2(2, 1)
    while True:
        try:
            conn, _ = listener.accept()
        except InterruptedError:
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                listener.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _die_with_parent()
                serve(conn, secret)
            except BaseException as e:  # noqa: BLE001 - a worker must never return into the accept loop
                try:
                    os.write(2, f"kindling worker {os.getpid()}: {type(e).__name__}: {e}\n".encode())
                except OSError:
                    pass
                code = 1
            finally:
                os._exit(code)
        children.add(pid)
        conn.close()


if __name__ == "__main__":
    main()

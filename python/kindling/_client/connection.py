"""A socket to the engine: sends frames, reassembles received ones, and never waits blindly.

A wait first spins briefly on non-blocking reads (most answers arrive within ~100 µs, and a sleeping reader costs
a wake-up of tens of µs on a virtual machine) while recent answers came that fast, then polls the socket in short
slices; between slices it checks that an engine we launched is still alive and whether the caller wants to stop
waiting (Ctrl-C), so a dead engine raises within a second instead of hanging.
"""

from __future__ import annotations

import os
import select
import socket
import time
from typing import Any, Callable, Optional, Tuple
from urllib.parse import urlparse

from ..errors import EngineDiedError, SparkConnectionError
from . import wire
from .launcher import EngineProcess
from .results import sweep_engine_segments

POLL_SLICE_S = 0.05
_RECV_CHUNK = 1 << 18
_DONTWAIT = getattr(socket, "MSG_DONTWAIT", 0)


def _spin_seconds() -> float:
    """How long a wait spins before it sleeps: KINDLING_SPIN_US (default 200 µs); never on a single core, where
    spinning would only delay the engine."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2 or not _DONTWAIT:
        return 0.0
    try:
        us = float(os.environ.get("KINDLING_SPIN_US", "200"))
    except ValueError:
        us = 200.0
    return max(0.0, min(us, 10_000.0)) / 1e6


SPIN_S = _spin_seconds()


def parse_remote(url: str) -> Tuple[str, Any]:
    """`kindling://host:port` → ("tcp", (host, port)); `kindling:///path/to.sock` → ("unix", path)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("kindling", "sc"):
        raise SparkConnectionError(
            f"Cannot connect to {url!r}: expected kindling://host:port or kindling:///path/to.sock.",
            "INVALID_REMOTE_URL",
        )
    if not parsed.netloc:
        if not parsed.path:
            raise SparkConnectionError(f"Cannot connect to {url!r}: no socket path.", "INVALID_REMOTE_URL")
        return "unix", parsed.path
    if parsed.port is None:
        raise SparkConnectionError(f"Cannot connect to {url!r}: no port.", "INVALID_REMOTE_URL")
    return "tcp", (parsed.hostname or "127.0.0.1", parsed.port)


def open_socket(kind: str, address: Any, timeout: float = 10.0) -> socket.socket:
    try:
        if kind == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(address)
        else:
            sock = socket.create_connection(address, timeout=timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as err:
        raise SparkConnectionError(f"Cannot connect to the Kindling engine at {address}: {err}.",
                                   "CONNECTION_FAILED") from None
    sock.setblocking(True)
    sock.settimeout(None)
    return sock


class Connection:
    """Frames over one socket; `engine` is the process we launched (None for a remote engine)."""

    def __init__(self, sock: socket.socket, engine: Optional[EngineProcess] = None) -> None:
        self.sock = sock
        self.engine = engine
        self._buf = bytearray()
        self._poll = select.poll()
        self._poll.register(sock.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
        self.closed = False
        self.broken: Optional[SparkConnectionError] = None
        self.bytes_sent = 0
        # Recent answer times (EWMA, seconds): spinning pays only while answers come within the spin window.
        self._wait_avg = 0.0
        self._scratch = bytearray(_RECV_CHUNK)
        self._scratch_view = memoryview(self._scratch)

    # ------------------------------------------------------------------ sending

    def send(self, data: bytes) -> None:
        if self.broken is not None:
            raise self.broken
        try:
            self.sock.sendall(data)
        except OSError as err:
            raise self._fail(f"sending to the engine failed: {err}") from None
        self.bytes_sent += len(data)

    # ------------------------------------------------------------------ receiving

    def _take_frame(self) -> Optional[bytes]:
        buf = self._buf
        if len(buf) < 4:
            return None
        n = int.from_bytes(buf[:4], "little")
        if n == 0 or n > wire.MAX_FRAME_BYTES:
            raise self._fail(f"the engine announced a frame of {n} bytes (limit {wire.MAX_FRAME_BYTES})")
        if len(buf) < 4 + n:
            return None
        payload = bytes(buf[4:4 + n])
        del buf[:4 + n]
        return payload

    def _needed(self) -> int:
        if len(self._buf) < 4:
            return _RECV_CHUNK
        n = int.from_bytes(self._buf[:4], "little")
        return min(max(_RECV_CHUNK, 4 + n - len(self._buf)), 1 << 22)

    def _read_some(self, flags: int) -> None:
        """One read into the reassembly buffer (raises BlockingIOError when a non-blocking read finds nothing)."""
        need = self._needed()
        if need <= _RECV_CHUNK:
            # Into a reused buffer: a fresh 256 KiB bytes object per read costs an mmap/munmap pair.
            n = self.sock.recv_into(self._scratch_view, need, flags)
            if not n:
                raise self._fail("the engine closed the connection")
            self._buf += self._scratch_view[:n]
            return
        chunk = self.sock.recv(need, flags)
        if not chunk:
            raise self._fail("the engine closed the connection")
        self._buf += chunk

    def recv(self, deadline: Optional[float] = None,
             stop: Optional[Callable[[], bool]] = None) -> Optional[Tuple[int, int, Any]]:
        """The next verified envelope as (request_id, body type, body); None when `stop()` turned true or
        `deadline` (time.monotonic) passed first."""
        started = time.perf_counter()
        spin_until = started + SPIN_S if SPIN_S and self._wait_avg < SPIN_S else 0.0
        while True:
            payload = self._take_frame()
            if payload is not None:
                self._wait_avg += 0.2 * (time.perf_counter() - started - self._wait_avg)
                return wire.parse(payload)
            if self.broken is not None:
                raise self.broken
            if spin_until:
                try:
                    self._read_some(_DONTWAIT)
                except (BlockingIOError, InterruptedError):
                    if time.perf_counter() >= spin_until:
                        spin_until = 0.0
                except OSError as err:
                    raise self._fail(f"receiving from the engine failed: {err}") from None
                continue
            if stop is not None and stop():
                return None
            slice_s = POLL_SLICE_S
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                slice_s = min(slice_s, left)
            events = self._poll.poll(slice_s * 1000)
            if not events:
                if self.engine is not None and not self.engine.alive():
                    raise self._fail("the engine process exited")
                continue
            try:
                self._read_some(0)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as err:
                raise self._fail(f"receiving from the engine failed: {err}") from None

    # ------------------------------------------------------------------ failure and close

    def _fail(self, what: str) -> SparkConnectionError:
        """Marks the connection broken and builds the error: EngineDiedError when our engine has exited."""
        if self.broken is not None:
            return self.broken
        engine = self.engine
        if engine is not None:
            # A closed socket usually means the process is going; give it a moment to report its exit code.
            end = time.monotonic() + 0.3
            while engine.alive() and time.monotonic() < end:
                time.sleep(0.01)
        if engine is not None and not engine.alive():
            # Nothing of ours may outlive it: a result segment written just before it died would stay in /dev/shm.
            sweep_engine_segments(engine.pid)
            code = engine.exit_code()
            tail = engine.stderr_tail()
            err: SparkConnectionError = EngineDiedError(
                f"The Kindling engine (pid {engine.pid}) died: {what}; exit code {code}."
                + (f"\n--- engine stderr (last lines) ---\n{tail}" if tail else ""),
                "ENGINE_DIED", {"pid": str(engine.pid), "exitCode": str(code)},
            )
        else:
            err = SparkConnectionError(f"Lost the connection to the Kindling engine: {what}.", "CONNECTION_LOST")
        self.broken = err
        self.close()
        return err

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self._poll.unregister(self.sock.fileno())
        except (KeyError, ValueError, OSError):
            pass
        try:
            self.sock.close()
        except OSError:
            pass

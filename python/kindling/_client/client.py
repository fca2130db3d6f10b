"""One session's connection to the engine: handshake, one request at a time, Ctrl-C → Cancel, handle release.

Every public call is a single request/response round trip under a lock. Released DataFrame handles are queued
(``__del__`` never touches the socket) and sent as one Release frame in the same write as the next request.
"""

from __future__ import annotations

import atexit
import itertools
import signal
import threading
import time
import weakref
from typing import Any, Callable, Dict, List, Optional, Tuple

from .._gen.kindling.protocol.Body import Body
from ..errors import PySparkRuntimeError, SparkConnectionError, from_engine_error
from . import requests as rq
from . import wire
from .connection import Connection, open_socket, parse_remote
from .launcher import EngineProcess, launch
from .results import discard_segment

HANDSHAKE_TIMEOUT_S = 5.0
CANCEL_DRAIN_TIMEOUT_S = 10.0
CLIENT_VERSION = "0.1.0"
CLIENT_NAME = f"kindling-python/{CLIENT_VERSION}"

_live_owned: "weakref.WeakSet[Client]" = weakref.WeakSet()
_atexit_registered = False


def _stop_owned_engines() -> None:
    for client in list(_live_owned):
        try:
            client.stop()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass


#: Released handle ids go out in one Release frame once this many are queued …
RELEASE_BATCH = 64
#: … or once the oldest has waited this long (seconds), so idle programs still free engine memory.
RELEASE_AGE_S = 1.0

# The C-level signal functions: `signal.signal`/`getsignal` wrap every call in enum conversions (~2 µs each,
# three per request), and the guard runs on every round trip.
try:
    import _signal

    _getsignal, _setsignal = _signal.getsignal, _signal.signal
except ImportError:  # not CPython
    _getsignal, _setsignal = signal.getsignal, signal.signal
_SIGINT = int(signal.SIGINT)
_MAIN_THREAD_ID = threading.main_thread().ident


class _SigintGuard:
    """While a request waits in the main thread, Ctrl-C sets a flag instead of raising, so the wait loop can
    send Cancel and keep the byte stream intact. Other threads (and custom handlers) are left alone."""

    __slots__ = ("fired", "_prev")

    def __init__(self) -> None:
        self.fired = 0
        self._prev: Any = None

    def _handler(self, signum, frame) -> None:
        self.fired += 1

    def __enter__(self) -> "_SigintGuard":
        if threading.get_ident() == _MAIN_THREAD_ID:
            try:
                if _getsignal(_SIGINT) is signal.default_int_handler:
                    _setsignal(_SIGINT, self._handler)
                    self._prev = signal.default_int_handler
            except (ValueError, TypeError):
                pass
        return self

    def __exit__(self, *exc) -> None:
        if self._prev is not None:
            _setsignal(_SIGINT, self._prev)
            self._prev = None


class Client:
    """The protocol client of one engine session (created by :meth:`launch` or :meth:`connect`)."""

    def __init__(self, conn: Connection, secret: bytes, address: str, engine: Optional[EngineProcess]) -> None:
        self._conn = conn
        self._secret = secret
        self.address = address
        self.engine = engine
        self.owns_engine = engine is not None
        self._lock = threading.RLock()
        #: The request the calling thread waits on (for cancel_inflight from another thread).
        self._inflight: Optional[int] = None
        self._ids = itertools.count(1)
        self._pending_release: List[int] = []
        self._pending_since = 0.0
        self.released_total = 0
        self.release_frames = 0
        self.requests_sent = 0
        self.session_id = 0
        self.engine_version = ""
        self.stopped = False

    # ------------------------------------------------------------------ construction

    @classmethod
    def launch(cls, master: str, conf: Dict[str, str]) -> "Client":
        secret = wire.new_secret()
        engine = launch(master, conf, secret.hex())
        try:
            kind, address = ("unix", engine.socket_path) if engine.socket_path else ("tcp", (engine.host, engine.port))
            conn = Connection(open_socket(kind, address), engine)
            client = cls(conn, secret, engine.address, engine)
            client._handshake()
        except BaseException:
            engine.shutdown(timeout=2.0)
            raise
        global _atexit_registered
        _live_owned.add(client)
        if not _atexit_registered:
            atexit.register(_stop_owned_engines)
            _atexit_registered = True
        return client

    @classmethod
    def connect(cls, url: str, secret_hex: str) -> "Client":
        try:
            secret = bytes.fromhex(secret_hex)
        except (TypeError, ValueError):
            raise SparkConnectionError("The session secret must be hex (spark.kindling.secret or KINDLING_SECRET).",
                                       "INVALID_SECRET") from None
        kind, address = parse_remote(url)
        conn = Connection(open_socket(kind, address), None)
        client = cls(conn, secret, url, None)
        try:
            client._handshake()
        except BaseException:
            conn.close()
            raise
        return client

    def _handshake(self) -> None:
        deadline = time.monotonic() + HANDSHAKE_TIMEOUT_S
        got = self._conn.recv(deadline=deadline)
        if got is None:
            raise SparkConnectionError("The engine sent no Hello within 5 s.", "HANDSHAKE_TIMEOUT")
        _, body_type, hello = got
        if body_type != Body.Hello:
            raise SparkConnectionError(f"Expected Hello from the engine, got {wire.BODY_NAMES.get(body_type)}.",
                                       "HANDSHAKE_FAILED")
        nonce = hello.NonceAsNumpy()
        nonce_bytes = b"" if isinstance(nonce, int) else nonce.tobytes()
        rid = next(self._ids)
        self._conn.send(wire.handshake_frame(rid, wire.proof_for(self._secret, nonce_bytes), CLIENT_NAME))
        while True:
            got = self._conn.recv(deadline=deadline)
            if got is None:
                raise SparkConnectionError("The engine did not answer the handshake within 5 s.", "HANDSHAKE_TIMEOUT")
            req_id, body_type, body = got
            if req_id != rid:
                continue
            if body_type == Body.HandshakeOk:
                self.session_id = body.SessionId()
                v = body.EngineVersion()
                self.engine_version = v.decode("utf-8") if v else ""
                return
            if body_type == Body.Error:
                err = _error_of(body)
                raise SparkConnectionError(f"The engine refused the connection: {err}",
                                           err.getErrorClass() or "AUTHENTICATION_FAILED")
            raise SparkConnectionError(f"Unexpected {wire.BODY_NAMES.get(body_type)} during the handshake.",
                                       "HANDSHAKE_FAILED")

    # ------------------------------------------------------------------ requests

    def call(self, body_type: int, build: Callable, expect: int) -> Any:
        """Sends one request and returns its response body (a table of type `expect`); an engine Error raises
        the matching exception; Ctrl-C cancels the request and raises KeyboardInterrupt."""
        with self._lock:
            if self.stopped:
                raise PySparkRuntimeError(error_class="SESSION_STOPPED")
            rid = next(self._ids)
            data = wire.frame(rid, body_type, build)
            # Released handles ride along in batches: at RELEASE_BATCH ids, or once the oldest waited RELEASE_AGE_S.
            pending = self._pending_release
            if pending and (len(pending) >= RELEASE_BATCH or time.monotonic() - self._pending_since >= RELEASE_AGE_S):
                data = self._release_frame() + data
            self.requests_sent += 1
            with _SigintGuard() as guard:
                try:
                    self._inflight = rid
                    self._conn.send(data)
                    resp_type, body = self._await(rid, guard)
                except KeyboardInterrupt:
                    guard.fired += 1
                    resp_type, body = None, None
                finally:
                    self._inflight = None
                if guard.fired:
                    if resp_type == Body.ExecuteResponse:
                        discard_segment(body)
                    self._cancel_and_drain(rid, guard, answered=resp_type is not None)
                    raise KeyboardInterrupt
            if resp_type == Body.Error:
                raise _error_of(body)
            if resp_type != expect:
                raise SparkConnectionError(
                    f"Expected {wire.BODY_NAMES.get(expect)} from the engine, got {wire.BODY_NAMES.get(resp_type)}.",
                    "PROTOCOL_UNEXPECTED_RESPONSE")
            return body

    def cancel_inflight(self) -> None:
        """Asks the engine to cancel the request another thread waits on (``sc.cancelAllJobs``); that call then
        raises the engine's cancellation error. Nothing happens when no request is in flight."""
        rid = self._inflight
        if rid is None or self.stopped:
            return
        self._conn.send(wire.frame(next(self._ids), Body.Cancel, rq.cancel(rid)))

    def _await(self, rid: int, guard: _SigintGuard) -> Tuple[Optional[int], Any]:
        stop = lambda: guard.fired > 0  # noqa: E731
        while True:
            got = self._conn.recv(stop=stop)
            if got is None:
                return None, None
            req_id, body_type, body = got
            if req_id == rid:
                return body_type, body
            # Acks of Release frames, Progress, and late answers of cancelled requests.
            if body_type == Body.ExecuteResponse:
                discard_segment(body)

    def _cancel_and_drain(self, rid: int, guard: _SigintGuard, answered: bool) -> None:
        """Asks the engine to cancel `rid` and waits (bounded) for its answer, so the session stays in step."""
        if answered or self._conn.broken is not None:
            return
        first = guard.fired
        cid = next(self._ids)
        try:
            self._conn.send(wire.frame(cid, Body.Cancel, rq.cancel(rid)))
            deadline = time.monotonic() + CANCEL_DRAIN_TIMEOUT_S
            while True:
                got = self._conn.recv(deadline=deadline, stop=lambda: guard.fired > first)
                if got is None:
                    return
                req_id, body_type, body = got
                if body_type == Body.ExecuteResponse:
                    discard_segment(body)
                if req_id == rid:
                    return
        except SparkConnectionError:
            return

    def _release_frame(self) -> bytes:
        ids, self._pending_release = self._pending_release, []
        self.released_total += len(ids)
        self.release_frames += 1
        return wire.frame(next(self._ids), Body.Release, rq.release(ids))

    def queue_release(self, handle_id: int) -> None:
        """Called from DataFrame.__del__: only records the id (list.append is atomic)."""
        if not self.stopped:
            if not self._pending_release:
                self._pending_since = time.monotonic()
            self._pending_release.append(handle_id)

    @property
    def pending_releases(self) -> int:
        return len(self._pending_release)

    def flush_releases(self) -> None:
        """Sends queued releases now (normally they ride along with the next request)."""
        with self._lock:
            if self._pending_release and not self.stopped:
                self._conn.send(self._release_frame())

    # ------------------------------------------------------------------ lifecycle

    def stop(self, timeout: float = 5.0) -> None:
        """Ends the session. An engine we launched gets Stop (and exits); on a shared engine, closing the
        connection ends just this session (the engine frees its handles)."""
        with self._lock:
            if self.stopped:
                return
            try:
                if self._conn.broken is None and self.owns_engine:
                    rid = next(self._ids)
                    self._conn.send(wire.frame(rid, Body.Stop, rq.stop()))
                    deadline = time.monotonic() + timeout
                    while True:
                        got = self._conn.recv(deadline=deadline)
                        if got is None or got[0] == rid:
                            break
            except SparkConnectionError:
                pass
            finally:
                self.stopped = True
                self._pending_release = []
                self._conn.close()
                if self.engine is not None:
                    self.engine.shutdown(timeout)
                _live_owned.discard(self)

    @property
    def secret_hex(self) -> str:
        return self._secret.hex()

    @property
    def connection(self) -> Connection:
        return self._conn


def _error_of(body) -> Exception:
    kind = body.Kind()
    cls = body.ErrorClass()
    msg = body.Message()
    params: Dict[str, str] = {}
    for i in range(body.ParametersLength()):
        kv = body.Parameters(i)
        if kv is not None:
            v = kv.Value()
            params[kv.Key().decode("utf-8")] = v.decode("utf-8") if v is not None else ""
    return from_engine_error(kind, cls.decode("utf-8") if cls else None,
                             msg.decode("utf-8") if msg else "", params)


"""Length-prefixed framing: a frame is a 4-byte little-endian length N followed by N bytes (one Envelope)."""

from __future__ import annotations

import socket
from typing import BinaryIO, Union

from .errors import ConnectionClosedError, FrameError, ProtocolError

#: Default upper bound of one frame's payload.
MAX_FRAME_BYTES = 64 * 1024 * 1024

Source = Union[socket.socket, BinaryIO]


def encode_frame(payload: bytes) -> bytes:
    """Prefixes a payload with its 4-byte little-endian length."""
    n = len(payload)
    if n == 0:
        raise FrameError("PROTOCOL_EMPTY_FRAME", "Cannot send an empty frame")
    if n > 0xFFFFFFFF:
        raise FrameError("PROTOCOL_FRAME_TOO_LARGE", f"Frame of {n} bytes exceeds the 4 GiB length field")
    return n.to_bytes(4, "little") + bytes(payload)


def send_frame(dest: Source, payload: bytes) -> None:
    """Writes one frame to a socket (sendall) or a binary file (write + flush)."""
    data = encode_frame(payload)
    if isinstance(dest, socket.socket):
        dest.sendall(data)
    else:
        dest.write(data)
        dest.flush()


def _read_into(src: Source, view: memoryview) -> int:
    if isinstance(src, socket.socket):
        return src.recv_into(view)
    readinto = getattr(src, "readinto", None)
    if readinto is not None:
        got = readinto(view)
        return 0 if got is None else got
    chunk = src.read(len(view))
    view[: len(chunk)] = chunk
    return len(chunk)


def _read_exact(src: Source, n: int, what: str, at_boundary: bool) -> bytearray:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = _read_into(src, view[got:])
        if k == 0:
            if at_boundary and got == 0:
                raise ConnectionClosedError("PROTOCOL_CONNECTION_CLOSED", "The connection was closed")
            raise ProtocolError(
                "PROTOCOL_TRUNCATED_FRAME", f"The connection closed after {got} of the {n} bytes of a frame {what}"
            )
        got += k
    return buf


def read_frame(src: Source, max_bytes: int = MAX_FRAME_BYTES) -> bytes:
    """Reads exactly one frame's payload from a socket or binary file.

    Raises ConnectionClosedError on EOF before a frame starts, ProtocolError on EOF inside a frame and
    FrameError when the header announces 0 bytes or more than ``max_bytes`` (before reading the body).
    """
    header = _read_exact(src, 4, "header", at_boundary=True)
    n = int.from_bytes(header, "little")
    if n == 0:
        raise FrameError("PROTOCOL_EMPTY_FRAME", "Received a frame header announcing 0 bytes")
    if n > max_bytes:
        raise FrameError(
            "PROTOCOL_FRAME_TOO_LARGE", f"Received a frame header announcing {n} bytes; the limit is {max_bytes}"
        )
    return bytes(_read_exact(src, n, "body", at_boundary=False))

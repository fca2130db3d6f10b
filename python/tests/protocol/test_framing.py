"""Framing: exact reads from sockets and files, EOF handling, and bad headers rejected before the body."""

from __future__ import annotations

import io
import socket
import threading

import pytest

from kindling._protocol import (
    MAX_FRAME_BYTES,
    ConnectionClosedError,
    FrameError,
    ProtocolError,
    encode_frame,
    read_frame,
    send_frame,
)


def test_encode_frame_prefixes_the_little_endian_length():
    assert encode_frame(b"\x01\x02\x03") == b"\x03\x00\x00\x00\x01\x02\x03"
    assert MAX_FRAME_BYTES == 64 * 1024 * 1024
    with pytest.raises(FrameError) as e:
        encode_frame(b"")
    assert e.value.error_class == "PROTOCOL_EMPTY_FRAME"


def test_read_frames_from_a_file_then_clean_eof():
    payloads = [b"a", bytes(range(256)) * 300, b"xyz"]
    f = io.BytesIO(b"".join(encode_frame(p) for p in payloads))
    assert [read_frame(f) for _ in payloads] == payloads
    with pytest.raises(ConnectionClosedError) as e:
        read_frame(f)
    assert e.value.error_class == "PROTOCOL_CONNECTION_CLOSED"
    assert isinstance(e.value, ProtocolError)


class _Dribble(io.RawIOBase):
    """A raw stream returning at most 3 bytes per read (short reads must be retried)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = min(3, len(b), len(self.data) - self.pos)
        b[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n


def test_short_reads_are_retried():
    payload = bytes(range(200))
    assert read_frame(_Dribble(encode_frame(payload))) == payload


@pytest.mark.parametrize("cut", [1, 3, 4, 5, 9])
def test_eof_inside_a_frame_is_a_protocol_error(cut):
    data = encode_frame(b"0123456789")[:cut]
    with pytest.raises(ProtocolError) as e:
        read_frame(io.BytesIO(data))
    assert e.value.error_class == "PROTOCOL_TRUNCATED_FRAME"
    assert not isinstance(e.value, ConnectionClosedError)


def test_bad_headers_are_rejected_before_the_body():
    class NoBody(io.RawIOBase):
        """Yields a header, then fails the test if anything reads further."""

        def __init__(self, header: bytes) -> None:
            self.header = header

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:
            if not self.header:
                raise AssertionError("the body was read")
            n = min(len(b), len(self.header))
            b[:n] = self.header[:n]
            self.header = self.header[n:]
            return n

    with pytest.raises(FrameError) as e:
        read_frame(NoBody((MAX_FRAME_BYTES + 1).to_bytes(4, "little")))
    assert e.value.error_class == "PROTOCOL_FRAME_TOO_LARGE"
    assert str(MAX_FRAME_BYTES + 1) in str(e.value)
    with pytest.raises(FrameError) as e:
        read_frame(NoBody((11).to_bytes(4, "little")), max_bytes=10)
    assert e.value.error_class == "PROTOCOL_FRAME_TOO_LARGE"
    with pytest.raises(FrameError) as e:
        read_frame(NoBody(bytes(4)))
    assert e.value.error_class == "PROTOCOL_EMPTY_FRAME"


def test_socket_round_trip_with_split_sends():
    a, b = socket.socketpair()
    payloads = [b"hello", bytes(1_000_000), b"!"]
    data = b"".join(encode_frame(p) for p in payloads)

    def writer():
        for i in range(0, len(data), 4093):
            a.sendall(data[i : i + 4093])
        send_frame(a, b"last")
        a.close()

    t = threading.Thread(target=writer)
    t.start()
    try:
        got = [read_frame(b) for _ in range(4)]
        assert got == [*payloads, b"last"]
        with pytest.raises(ConnectionClosedError):
            read_frame(b)
    finally:
        t.join()
        b.close()

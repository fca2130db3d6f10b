"""The worker's end of the two shared-memory byte rings the engine offers after the handshake.

Arrow batches travel through them instead of the socket, which then carries only the small frames that point in.
Each side copies a batch out when its frame arrives and then publishes how far it has read (a running 32-bit count
in the header); a writer that finds no room sends the batch inline, so a full ring never blocks. The layout is
documented with the engine's end, ``apps/server/src/python/worker-ring.ts``.
"""

from __future__ import annotations

import mmap
import os
import re
from typing import Optional, Tuple

import numpy as np

HEADER_BYTES = 256
MAGIC = 0x474E524B  # "KRNG" as a little-endian u32
VERSION = 1
_INPUT_CONSUMED = 64 // 4
_OUTPUT_CONSUMED = 128 // 4
_MASK32 = 0xFFFFFFFF
# POSIX shm names as the engine's native module makes them (shm_open maps them to /dev/shm on Linux).
_NAME = re.compile(r"/kindling-[A-Za-z0-9_.-]+")


class RingError(RuntimeError):
    """The engine pointed at bytes outside the ring, or offered a segment that is not a ring."""


class Rings:
    def __init__(self, name: str, ring_bytes: int) -> None:
        if not _NAME.fullmatch(name):
            raise RingError(f"the engine offered an unexpected segment name {name!r}")
        if ring_bytes < 65536 or ring_bytes & (ring_bytes - 1):
            raise RingError(f"the engine offered rings of {ring_bytes} bytes; a power of two of at least 64 KiB is needed")
        fd = os.open("/dev/shm" + name, os.O_RDWR | os.O_NOFOLLOW)
        try:
            size = os.fstat(fd).st_size
            if size != HEADER_BYTES + 2 * ring_bytes:
                raise RingError(f"segment {name} holds {size} bytes; two rings of {ring_bytes} need {HEADER_BYTES + 2 * ring_bytes}")
            # No MAP_POPULATE: a fresh worker would fault in every page up front; most tasks touch only a few.
            self._mm = mmap.mmap(fd, size, flags=mmap.MAP_SHARED,
                                 prot=mmap.PROT_READ | mmap.PROT_WRITE)
        finally:
            os.close(fd)
        # numpy element stores are single aligned 4-byte writes, so the other side never sees a torn count.
        self._header = np.frombuffer(self._mm, dtype="<u4", count=HEADER_BYTES // 4)
        if int(self._header[0]) != MAGIC or int(self._header[1]) != VERSION or int(self._header[2]) != ring_bytes:
            raise RingError(f"segment {name} does not start with a version {VERSION} ring header")
        view = memoryview(self._mm)
        self._input = view[HEADER_BYTES:HEADER_BYTES + ring_bytes]
        self._output = view[HEADER_BYTES + ring_bytes:HEADER_BYTES + 2 * ring_bytes]
        self.size = ring_bytes
        self._written = 0

    def take_input(self, position: int, length: int) -> bytearray:
        """Copies an input batch out of the ring and releases its bytes (the copy is the worker's own memory, so a
        function may keep what it was given)."""
        size = self.size
        consumed = int(self._header[_INPUT_CONSUMED])
        start = position & (size - 1)
        if (length <= 0 or start + length > size or ((position - consumed) & _MASK32) >= size
                or ((position + length - consumed) & _MASK32) > size):
            raise RingError(f"the engine sent an input batch at ring position {position} ({length} bytes) outside "
                            f"its ring of {size} bytes read up to {consumed}")
        out = bytearray(self._input[start:start + length])
        self._header[_INPUT_CONSUMED] = (position + length) & _MASK32
        return out

    def reserve_output(self, length: int) -> Optional[Tuple[int, memoryview]]:
        """Room for ``length`` contiguous bytes of output, or None when the ring cannot take them now (the batch then
        goes inline). The slot must be filled before the frame pointing at it is sent."""
        size = self.size
        padded = (length + 7) & ~7
        if length <= 0 or padded > size:
            return None
        position = self._written
        start = position & (size - 1)
        if start + padded > size:  # a batch never wraps: it starts again at the beginning
            position = (position + size - start) & _MASK32
            start = 0
        if ((position + padded - int(self._header[_OUTPUT_CONSUMED])) & _MASK32) > size:
            return None
        self._written = (position + padded) & _MASK32
        return position, self._output[start:start + length]

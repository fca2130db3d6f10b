"""A faster drop-in for ``flatbuffers.Builder``: the same algorithm and the same output bytes, fewer Python calls.

The reference builder spends ~2 µs of Python per scalar (alignment through several method calls, a range check
and a dispatch per value); a transformation request took ~60 µs to build. This subclass overrides the methods the
generated code calls on the hot path with inlined versions of the very same steps (back-to-front writing,
alignment, vtable de-duplication, ``Finish`` with the file identifier), so every frame is byte-for-byte what the
reference builder writes (tests compare both on random requests). Anything not overridden falls back to the
reference implementation.
"""

from __future__ import annotations

import struct

import flatbuffers
from flatbuffers.builder import (
    BuilderNotFinishedError,
    IsNestedError,
    IsNotNestedError,
    OffsetArithmeticError,
)

_PACK_I32 = struct.Struct("<i").pack_into
_PACK_U32 = struct.Struct("<I").pack_into
_PACK_U16 = struct.Struct("<H").pack_into

# (struct packer, byte width) of each scalar the generated Prepend<Type>Slot methods write.
_SCALARS = {
    "Bool": ("<?", 1),
    "Byte": ("<B", 1),
    "Uint8": ("<B", 1),
    "Uint16": ("<H", 2),
    "Uint32": ("<I", 4),
    "Uint64": ("<Q", 8),
    "Int8": ("<b", 1),
    "Int16": ("<h", 2),
    "Int32": ("<i", 4),
    "Int64": ("<q", 8),
    "Float32": ("<f", 4),
    "Float64": ("<d", 8),
}


class FastBuilder(flatbuffers.Builder):
    """``flatbuffers.Builder`` with the hot methods inlined (identical output)."""

    __slots__ = ()

    # ------------------------------------------------------------------ space and alignment

    def Prep(self, size, additionalBytes):
        if size > self.minalign:
            self.minalign = size
        head = self.head
        buf_len = len(self.Bytes)
        align = (-(buf_len - head + additionalBytes)) & (size - 1)
        needed = align + size + additionalBytes
        while head < needed:
            old = buf_len
            self.GrowByteBuffer()
            buf_len = len(self.Bytes)
            head += buf_len - old
        if align:
            self.Bytes[head - align:head] = bytes(align)
            head -= align
        self.head = head

    # ------------------------------------------------------------------ tables

    def StartObject(self, numfields):
        if self.nested:
            raise IsNestedError()
        self.current_vtable = [0] * numfields
        self.objectEnd = len(self.Bytes) - self.head
        self.nested = True

    def Slot(self, slotnum):
        if not self.nested:
            raise IsNotNestedError()
        self.current_vtable[slotnum] = len(self.Bytes) - self.head

    def PrependUOffsetTRelative(self, off):
        head = self.head
        if (len(self.Bytes) - head) & 3 or head < 4:  # the general path aligns (and grows) as the reference does
            self.Prep(4, 0)
            head = self.head
        elif self.minalign < 4:
            self.minalign = 4
        cur = len(self.Bytes) - head
        if not off <= cur:
            raise OffsetArithmeticError("flatbuffers: Offset arithmetic error.")
        head -= 4
        _PACK_U32(self.Bytes, head, cur - off + 4)
        self.head = head

    def PrependUOffsetTRelativeSlot(self, o, x, d):
        if x != d or self.forceDefaults:
            self.PrependUOffsetTRelative(x)
            self.current_vtable[o] = len(self.Bytes) - self.head

    def EndObject(self):
        if not self.nested:
            raise IsNotNestedError()
        self.nested = False
        # The soffset to the vtable (patched below), placed as PrependSOffsetTRelative(0) places it.
        self.Prep(4, 0)
        head = self.head - 4
        size = len(self.Bytes)
        object_offset = size - head
        self.head = head

        vtable = self.current_vtable
        n = len(vtable)
        while n and vtable[n - 1] == 0:
            n -= 1
        # (object bytes, field offsets…): the vtable minus its own size, and the de-duplication key.
        key = (object_offset - self.objectEnd, *[object_offset - e if e else 0 for e in vtable[:n]])
        found = self.vtables.get(key)
        if found is None:
            vbytes = (n + 2) * 2
            if head < vbytes:
                self.Prep(2, vbytes - 2)
                head = self.head
                size = len(self.Bytes)
            head -= vbytes
            buf = self.Bytes
            struct.pack_into(f"<{n + 2}H", buf, head, vbytes, *key)
            self.head = head
            cur = size - head
            _PACK_I32(buf, size - object_offset, cur - object_offset)
            self.vtables[key] = cur
        else:
            _PACK_I32(self.Bytes, head, found - object_offset)
        self.current_vtable = None
        return object_offset

    # ------------------------------------------------------------------ vectors and strings

    def StartVector(self, elemSize, numElems, alignment):
        if self.nested:
            raise IsNestedError()
        self.nested = True
        self.vectorNumElems = numElems
        self.Prep(4, elemSize * numElems)
        if alignment > 4:
            self.Prep(alignment, elemSize * numElems)
        return len(self.Bytes) - self.head

    def EndVector(self, numElems=None):
        if numElems is not None:
            return super().EndVector(numElems)
        if not self.nested:
            raise IsNotNestedError()
        self.nested = False
        head = self.head - 4
        _PACK_U32(self.Bytes, head, self.vectorNumElems)
        self.head = head
        self.vectorNumElems = None
        return len(self.Bytes) - head

    def CreateString(self, s, encoding="utf-8", errors="strict"):
        if self.nested:
            raise IsNestedError()
        if isinstance(s, str):
            x = s.encode(encoding, errors)
        elif isinstance(s, (bytes, bytearray)):
            x = s
        else:
            return super().CreateString(s, encoding, errors)
        n = len(x)
        self.Prep(4, n + 1)
        head = self.head - 1 - n
        buf = self.Bytes
        buf[head:head + n] = x
        buf[head + n] = 0
        head -= 4
        _PACK_U32(buf, head, n)
        self.head = head
        return len(buf) - head

    # ------------------------------------------------------------------ finishing

    def Finish(self, rootTable, file_identifier=None):
        if file_identifier is None:
            return super().Finish(rootTable)
        if len(file_identifier) != 4:
            return super().Finish(rootTable, file_identifier=file_identifier)
        self.Prep(self.minalign, 8)
        self.Prep(4, 4)
        head = self.head - 4
        self.Bytes[head:head + 4] = file_identifier
        self.head = head
        self.PrependUOffsetTRelative(rootTable)
        self.finished = True
        return self.head

    def Output(self):
        if not self.finished:
            raise BuilderNotFinishedError()
        return self.Bytes[self.head:]


def _slot_method(fmt: str, width: int):
    pack = struct.Struct(fmt).pack_into
    mask = width - 1

    def prepend_slot(self, o, x, d):
        if x != d or (self.forceDefaults and d is not None):
            head = self.head
            if (len(self.Bytes) - head) & mask or head < width:
                self.Prep(width, 0)
                head = self.head
            elif self.minalign < width:
                self.minalign = width
            head -= width
            pack(self.Bytes, head, x)
            self.head = head
            self.current_vtable[o] = len(self.Bytes) - head

    return prepend_slot


for _name, (_fmt, _width) in _SCALARS.items():
    setattr(FastBuilder, f"Prepend{_name}Slot", _slot_method(_fmt, _width))
del _name, _fmt, _width

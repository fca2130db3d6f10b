"""Front-to-back FlatBuffers writing: per-table templates derived from the generated LAYOUT, and position-independent
encoded sub-trees that are spliced into a frame as they are.

The reference builder writes back to front through a Python call per field (~20 µs for a one-column Project). Here a
table is one precomputed blob — its vtable, padding, then the table with every inline field at a fixed offset — so
writing it is a ``bytes`` copy plus one ``pack_into`` per value. Children always follow their parent, so every
uoffset is positive as the format requires. A :class:`Subtree` is a finished piece (a table and everything below
it) whose length is a multiple of 8: since all its offsets are relative and every alignment inside it is at most 8,
it stays valid at any 8-aligned position of a payload. That is what lets an immutable expression keep its encoding
and be copied into every frame that uses it. Both verifiers check alignment against the payload start, so every
piece here is laid out relative to that start (the caller places the payload after the 4-byte length prefix).

Templates are computed here at import from ``kindling._gen.layout`` rather than generated: they are a pure function
of the layout, so a schema change cannot leave them stale and the generator stays one layout file per language.
"""

from __future__ import annotations

import struct
from typing import Dict, Iterable, Sequence, Tuple

from kindling._gen.layout import LAYOUT

_U32 = struct.Struct("<I")
_PACK_U32 = _U32.pack_into
_PACK_U64 = struct.Struct("<Q").pack_into
_PACK_I64 = struct.Struct("<q").pack_into
_SIZE_BY_KIND = {"string": 4, "table": 4, "vector_scalar": 4, "vector_string": 4, "vector_table": 4, "union": 4}


def pad8(n: int) -> int:
    return (n + 7) & ~7


class Subtree:
    """An encoded table and its descendants: ``data`` (length a multiple of 8, to be placed 8-aligned) and ``root``,
    the table's offset inside ``data``."""

    __slots__ = ("data", "root")

    def __init__(self, data: bytes, root: int) -> None:
        self.data = data
        self.root = root


class Template:
    """One table with a fixed set of present fields, as a blob: vtable at 0, the table at ``table`` (8-aligned).

    ``at[name]`` is the blob offset of each present field; the blob is
    ``size`` bytes, a multiple of 8, so the next piece starts 8-aligned too.
    """

    __slots__ = ("name", "at", "table", "size", "blob")

    def __init__(self, table_name: str, present: Iterable[str]) -> None:
        fields = LAYOUT["tables"][table_name]["fields"]
        by_name = {f["name"]: f for f in fields}
        # (name, slot, width) of every present inline value (a union's `<name>_type` byte is a field of its own).
        slots = []
        for name in present:
            f = by_name.get(name)
            if f is None:
                raise KeyError(f"{table_name} has no field {name!r} in the protocol layout")
            if f["kind"] == "scalar":
                slots.append((name, f["slot"], f["size"]))
            else:
                slots.append((name, f["slot"], _SIZE_BY_KIND[f["kind"]]))
        # Widest first, each at the lowest free offset aligned to its width (after the 4-byte soffset).
        used = bytearray(4)
        used[0:4] = b"\1\1\1\1"
        at_in_table: Dict[str, Tuple[int, int]] = {}
        for name, slot, width in sorted(slots, key=lambda s: -s[2]):
            off = width
            while True:
                if len(used) < off + width:
                    used.extend(bytes(off + width - len(used)))
                if not any(used[off:off + width]):
                    break
                off += width
            used[off:off + width] = b"\1" * width
            at_in_table[name] = (slot, off)
        t_size = len(used)
        n_slots = 1 + max((s for s, _ in at_in_table.values()), default=-1)
        vt_size = 4 + 2 * n_slots
        vtable = [0] * n_slots
        for slot, off in at_in_table.values():
            vtable[slot] = off
        self.name = table_name
        self.table = pad8(vt_size)
        self.size = pad8(self.table + t_size)
        blob = bytearray(self.size)
        struct.pack_into(f"<{n_slots + 2}H", blob, 0, vt_size, t_size, *vtable)
        struct.pack_into("<i", blob, self.table, self.table)  # soffset: the vtable lies `table` bytes before
        self.blob = bytes(blob)
        self.at = {name: self.table + off for name, (_, off) in at_in_table.items()}


def union_index(union: str, member: str) -> int:
    return LAYOUT["unions"][union].index(member)


def string_piece(s: str) -> bytes:
    """A string as its own piece: u32 length, the UTF-8 bytes, NUL, padded to 8 (its offset is the piece start)."""
    data = s.encode("utf-8")
    n = len(data)
    return _U32.pack(n) + data + bytes(pad8(n + 5) - n - 4)


_VECTOR_HEADS: Dict[int, struct.Struct] = {}


_HEAD1 = struct.Struct("<II").pack
_HEAD2 = struct.Struct("<III4x").pack


def vector_head(targets: Sequence[int]) -> bytes:
    """A vector of uoffsets at piece offset 0 pointing at piece offsets ``targets``; padded to 8."""
    n = len(targets)
    if n == 1:  # the usual one- and two-element vectors (a select's column, a binary operator's operands)
        return _HEAD1(1, targets[0] - 4)
    if n == 2:
        return _HEAD2(2, targets[0] - 4, targets[1] - 8)
    st = _VECTOR_HEADS.get(n)
    if st is None:
        st = _VECTOR_HEADS[n] = struct.Struct(f"<{n + 1}I{(n + 1) % 2 * 4}x")
    return st.pack(n, *[t - 4 - 4 * i for i, t in enumerate(targets)])


def vector_of_subtrees(pieces: Sequence[Subtree]) -> bytes:
    """A vector of table offsets followed by the tables it points at, as one piece (the vector at offset 0)."""
    pos = pad8(4 + 4 * len(pieces))
    targets = []
    for p in pieces:
        targets.append(pos + p.root)
        pos += len(p.data)
    return b"".join([vector_head(targets), *[p.data for p in pieces]])


_NAME_PIECES: Dict[str, bytes] = {}


def name_piece(name: str) -> bytes:
    """``string_piece`` of a name that recurs (function names, new column names), kept in a bounded cache."""
    piece = _NAME_PIECES.get(name)
    if piece is None:
        piece = string_piece(name)
        if len(_NAME_PIECES) < 4096:
            _NAME_PIECES[name] = piece
    return piece


def vector_of_strings(strings: Sequence[str]) -> bytes:
    """A vector of names followed by the names, as one piece (the vector at offset 0)."""
    pieces = [name_piece(s) for s in strings]
    pos = pad8(4 + 4 * len(pieces))
    targets = []
    for p in pieces:
        targets.append(pos)
        pos += len(p)
    return b"".join([vector_head(targets), *pieces])


def table(t: Template, scalars: Sequence[Tuple[str, object, object]] = (),
          children: Sequence[Tuple[str, bytes, int]] = ()) -> Subtree:
    """Table ``t`` with inline ``scalars`` (name, pack_into, value), and ``children`` (name, piece, root inside the
    piece) laid out after it in order, each field pointing at its child's root."""
    buf = bytearray(t.blob)
    at = t.at
    for name, pack, value in scalars:
        pack(buf, at[name], value)
    parts = [buf]
    pos = t.size
    for name, data, root in children:
        field = at[name]
        _PACK_U32(buf, field, pos + root - field)
        parts.append(data)
        pos += len(data)
    return Subtree(b"".join(parts), t.table)


PACK_U8 = struct.Struct("<B").pack_into
PACK_U32 = _PACK_U32
PACK_U64 = _PACK_U64
PACK_I64 = _PACK_I64
PACK_F64 = struct.Struct("<d").pack_into

"""The schema-driven verifier (the same algorithm and messages as libs/protocol/src/verify.ts).

It checks that every offset, table, string and vector an Envelope frame reaches lies in bounds before any generated
accessor reads it (the flatbuffers runtime does no bounds checks). It is driven by ``kindling._gen.layout.LAYOUT``.
"""

from __future__ import annotations

import struct
from typing import Optional

from kindling._gen.kindling.protocol.Envelope import Envelope
from kindling._gen.layout import LAYOUT

from .errors import ProtocolError

#: Deepest table nesting accepted (the Envelope is depth 1).
# Each expression level is two tables (Expression + its node): 256 allows 127 levels of nesting.
MAX_DEPTH = 256
#: Most tables one frame may reach (shared subtrees count once per reference).
MAX_TABLES = 1_000_000
#: Sub-tables a lazy verification (``verify_envelope(..., lazy=True)``) leaves for ``verify_table`` to check when
#: they are first read: a DataFrameHandle's Schema, which most DataFrames of a chain never decode.
LAZY_FIELDS = frozenset({"DataFrameHandle.schema"})

_U32 = struct.Struct("<I").unpack_from
_I32 = struct.Struct("<i").unpack_from
_U16 = struct.Struct("<H").unpack_from

_SCALAR, _STRING, _TABLE, _UNION, _VSCALAR, _VSTRING, _VTABLE = range(7)
_KINDS = {
    "scalar": _SCALAR,
    "string": _STRING,
    "table": _TABLE,
    "union": _UNION,
    "vector_scalar": _VSCALAR,
    "vector_string": _VSTRING,
    "vector_table": _VTABLE,
}


class _Field:
    __slots__ = ("label", "voff", "kind", "size", "table", "members", "union_name", "required", "lazy")

    def __init__(self, label, voff, kind, size, table, members, union_name, required):
        self.lazy = label in LAZY_FIELDS
        self.label = label
        self.voff = voff
        self.kind = kind
        self.size = size
        self.table = table
        self.members = members
        self.union_name = union_name
        self.required = required


def _compile(layout):
    names = list(layout["tables"])
    index = {n: i for i, n in enumerate(names)}
    tables = []
    for name in names:
        fields = []
        for f in layout["tables"][name]["fields"]:
            kind = _KINDS[f["kind"]]
            members = ()
            if kind == _UNION:
                members = tuple(-1 if m is None else index[m] for m in layout["unions"][f["union"]])
            fields.append(
                _Field(
                    f"{name}.{f['name']}",
                    4 + 2 * f["slot"],
                    kind,
                    f.get("size", 4),
                    index[f["table"]] if kind in (_TABLE, _VTABLE) else -1,
                    members,
                    f.get("union", ""),
                    f["required"],
                )
            )
        tables.append((name, fields))
    return tables, index[layout["root"]], layout["identifier"].encode()


_TABLES, _ROOT, _IDENTIFIER = _compile(LAYOUT)


class _Run:
    """One verification over one buffer; methods return None when fine or an error naming the part at fault."""

    def __init__(self, buf, max_depth: int, lazy: bool = False) -> None:
        self.buf = buf
        self.lazy = lazy
        self.n = len(buf)
        self.max_depth = max_depth
        self.tables_left = MAX_TABLES
        self.elems_left = len(buf)  # vector elements plus string bytes, bounded by the buffer size

    def deref(self, pos: int) -> int:
        target = pos + _U32(self.buf, pos)[0]
        return target if target < self.n else -1

    def union_type(self, pos: int, vt: int, vt_size: int, f: _Field) -> int:
        toff = _U16(self.buf, vt + f.voff - 2)[0] if f.voff - 2 < vt_size else 0
        return 0 if toff == 0 else self.buf[pos + toff]

    def table(self, pos: int, ti: int, depth: int) -> Optional[str]:
        name, fields = _TABLES[ti]
        buf = self.buf
        if depth > self.max_depth:
            return f"{name}: nesting deeper than {self.max_depth} tables"
        self.tables_left -= 1
        if self.tables_left < 0:
            return f"{name}: more than {MAX_TABLES} tables"
        if pos < 0 or pos + 4 > self.n or pos & 3:
            return f"{name}: table offset out of bounds or misaligned"
        vt = pos - _I32(buf, pos)[0]
        if vt < 0 or vt + 4 > self.n or vt & 1:
            return f"{name}: vtable out of bounds or misaligned"
        vt_size, t_size = _U16(buf, vt)[0], _U16(buf, vt + 2)[0]
        # The TS runtime reads vtable entries as int16: sizes and offsets must stay below 0x8000.
        if vt_size < 4 or vt_size & 1 or vt_size >= 0x8000 or vt + vt_size > self.n:
            return f"{name}: bad vtable size {vt_size}"
        if t_size < 4 or pos + t_size > self.n:
            return f"{name}: bad table size {t_size}"
        for f in fields:
            off = _U16(buf, vt + f.voff)[0] if f.voff < vt_size else 0
            if off == 0:
                if f.required:
                    return f"{f.label}: required field is missing"
                if f.kind == _UNION and self.union_type(pos, vt, vt_size, f) != 0:
                    return f"{f.label}: union type is set but the value is missing"
                continue
            width = f.size if f.kind == _SCALAR else 4
            if off < 4 or off >= 0x8000 or off + width > t_size:
                return f"{f.label}: field lies outside its table"
            p = pos + off
            if p % width:
                return f"{f.label}: field is misaligned"
            kind = f.kind
            if kind == _SCALAR:
                continue
            target = self.deref(p)
            if target < 0:
                return f"{f.label}: offset out of bounds"
            if kind == _STRING:
                err = self.string(target)
            elif kind == _TABLE:
                if f.lazy and self.lazy:
                    continue  # in bounds; verify_table checks the rest before it is read
                err = self.table(target, f.table, depth + 1)
                if err:
                    return f"{f.label} > {err}"
            elif kind == _UNION:
                utype = self.union_type(pos, vt, vt_size, f)
                if utype >= len(f.members):
                    return f"{f.label}: unknown {f.union_name} type {utype}"
                if utype == 0:
                    return f"{f.label}: value present but type is NONE"
                err = self.table(target, f.members[utype], depth + 1)
                if err:
                    return f"{f.label} > {err}"
            elif kind == _VSCALAR:
                err = self.vector(target, f.size)
            elif kind == _VSTRING or kind == _VTABLE:
                err = self.vector(target, 4)
                if not err:
                    count = _U32(buf, target)[0]
                    for i in range(count):
                        et = self.deref(target + 4 + 4 * i)
                        if et < 0:
                            return f"{f.label}[{i}]: offset out of bounds"
                        if kind == _VSTRING:
                            e = self.string(et)
                            if e:
                                return f"{f.label}[{i}]: {e}"
                        else:
                            e = self.table(et, f.table, depth + 1)
                            if e:
                                return f"{f.label}[{i}] > {e}"
            else:
                return f"{f.label}: unknown field kind"
            if err:
                return f"{f.label}: {err}"
        return None

    def vector(self, pos: int, elem_size: int) -> Optional[str]:
        if pos & 3 or pos + 4 > self.n:
            return "vector out of bounds or misaligned"
        count = _U32(self.buf, pos)[0]
        if count * elem_size > self.n - pos - 4:
            return f"vector of {count} elements overruns the buffer"
        if elem_size == 8 and (pos + 4) & 7:
            return "vector elements misaligned"
        self.elems_left -= count
        if self.elems_left < 0:
            return "too many vector elements for the buffer size"
        return None

    def string(self, pos: int) -> Optional[str]:
        if pos & 3 or pos + 4 > self.n:
            return "string out of bounds or misaligned"
        count = _U32(self.buf, pos)[0]
        if count >= self.n - pos - 4:
            return f"string of {count} bytes overruns the buffer"
        if self.buf[pos + 4 + count] != 0:
            return "string is not NUL-terminated"
        self.elems_left -= count
        if self.elems_left < 0:
            return "too many string bytes for the buffer size"
        try:
            str(self.buf[pos + 4 : pos + 4 + count], "utf-8")
        except UnicodeDecodeError:
            return "string is not valid UTF-8"
        return None


def _as_bytes_view(buf):
    if isinstance(buf, (bytes, bytearray)):
        return buf
    mv = memoryview(buf)
    return mv if mv.format == "B" and mv.ndim == 1 else mv.cast("B")


def verify_envelope(buf, max_depth: int = MAX_DEPTH, lazy: bool = False) -> Optional[str]:
    """Checks a frame payload against the schema.

    Returns None when every part an accessor can reach is in bounds and well-formed, else an error naming the
    table/field at fault. Never raises. With ``lazy``, the sub-tables of ``LAZY_FIELDS`` are only checked to start
    inside the buffer: each must pass :func:`verify_table` before anything reads it.
    """
    try:
        b = _as_bytes_view(buf)
        if len(b) < 8:
            return f"frame of {len(b)} bytes is shorter than a FlatBuffer header"
        if bytes(b[4:8]) != _IDENTIFIER:
            return f'frame does not carry the file identifier "{LAYOUT["identifier"]}"'
        root = _U32(b, 0)[0]
        if root >= len(b):
            return "root offset out of bounds"
        return _Run(b, max_depth, lazy).table(root, _ROOT, 1)
    except Exception as e:  # a bug here must not let a frame through or crash the caller
        return f"internal verifier error: {e}"


_TABLE_INDEX = {name: i for i, (name, _) in enumerate(_TABLES)}


def verify_table(buf, pos: int, table: str, depth: int, max_depth: int = MAX_DEPTH) -> Optional[str]:
    """Checks the table ``table`` at ``pos`` of a frame and everything below it, as ``verify_envelope`` checks it
    at nesting ``depth`` (the part a lazy verification left out). Returns None or the error; never raises."""
    try:
        return _Run(_as_bytes_view(buf), max_depth).table(pos, _TABLE_INDEX[table], depth)
    except Exception as e:  # a bug here must not let a frame through or crash the caller
        return f"internal verifier error: {e}"


def read_envelope(buf) -> Envelope:
    """Verifies a frame payload, then opens it as an Envelope; raises ProtocolError PROTOCOL_MALFORMED_FRAME."""
    err = verify_envelope(buf)
    if err is not None:
        raise ProtocolError("PROTOCOL_MALFORMED_FRAME", f"Malformed frame: {err}")
    return Envelope.GetRootAs(buf, 0)


# ---------------------------------------------------------------------------------------------- the handle answer

_U64 = struct.Struct("<Q").unpack_from


def _voff(table: str, field: str) -> int:
    for f in LAYOUT["tables"][table]["fields"]:
        if f["name"] == field:
            return 4 + 2 * f["slot"]
    raise KeyError(f"{table}.{field}")


_E_REQUEST_ID, _E_BODY_TYPE, _E_BODY = (_voff("Envelope", n) for n in ("request_id", "body_type", "body"))
_H_ID, _H_SCHEMA = _voff("DataFrameHandle", "id"), _voff("DataFrameHandle", "schema")
_HANDLE_TYPE = LAYOUT["unions"]["Body"].index("DataFrameHandle")
# handle_answer checks exactly these fields (and these required ones); if the schema gains a field, it steps aside.
_HANDLE_SHAPE_KNOWN = all(
    [(f["name"], f["required"]) for f in LAYOUT["tables"][t]["fields"]] == shape
    for t, shape in (("Envelope", [("request_id", False), ("body_type", False), ("body", True)]),
                     ("DataFrameHandle", [("id", False), ("schema", True)]))
)


_U16X2 = struct.Struct("<HH").unpack_from


def handle_answer(buf) -> Optional[tuple]:
    """(request id, handle id, Schema position) of an Envelope whose body is a DataFrameHandle, when the frame
    passes ``verify_envelope(buf, lazy=True)`` — every check that walk makes of these two tables, made here in one
    function (the answer to every transformation). None means "not proven": the caller runs the verifier, which
    gives the verdict and the error. The Schema is left to ``verify_table``, as the lazy walk leaves it."""
    if not _HANDLE_SHAPE_KNOWN:
        return None
    try:
        n = len(buf)
        if n < 8 or buf[4:8] != _IDENTIFIER:
            return None
        # The Envelope: table and vtable header as _Run.table checks them.
        pos = _U32(buf, 0)[0]
        if pos + 4 > n or pos & 3:
            return None
        vt = pos - _I32(buf, pos)[0]
        if vt < 0 or vt + 4 > n or vt & 1:
            return None
        vt_size, t_size = _U16X2(buf, vt)
        if vt_size < 4 or vt_size & 1 or vt_size >= 0x8000 or vt + vt_size > n or t_size < 4 or pos + t_size > n:
            return None
        # Its fields: body_type (1 byte) and body (uoffset) present, request_id (8 bytes) optional; each inside
        # the table and aligned to its width.
        off = _U16(buf, vt + _E_BODY_TYPE)[0] if _E_BODY_TYPE < vt_size else 0
        if off < 4 or off >= 0x8000 or off + 1 > t_size or buf[pos + off] != _HANDLE_TYPE:
            return None
        off = _U16(buf, vt + _E_BODY)[0] if _E_BODY < vt_size else 0
        at = pos + off
        if off < 4 or off >= 0x8000 or off + 4 > t_size or at & 3:
            return None
        off = _U16(buf, vt + _E_REQUEST_ID)[0] if _E_REQUEST_ID < vt_size else 0
        rid = 0
        if off:
            if off < 4 or off >= 0x8000 or off + 8 > t_size or (pos + off) & 7:
                return None
            rid = _U64(buf, pos + off)[0]
        # The DataFrameHandle the body points at, the same checks.
        pos = at + _U32(buf, at)[0]
        if pos >= n or pos + 4 > n or pos & 3:
            return None
        vt = pos - _I32(buf, pos)[0]
        if vt < 0 or vt + 4 > n or vt & 1:
            return None
        vt_size, t_size = _U16X2(buf, vt)
        if vt_size < 4 or vt_size & 1 or vt_size >= 0x8000 or vt + vt_size > n or t_size < 4 or pos + t_size > n:
            return None
        off = _U16(buf, vt + _H_SCHEMA)[0] if _H_SCHEMA < vt_size else 0
        at = pos + off
        if off < 4 or off >= 0x8000 or off + 4 > t_size or at & 3:
            return None
        schema = at + _U32(buf, at)[0]
        if schema >= n:
            return None
        off = _U16(buf, vt + _H_ID)[0] if _H_ID < vt_size else 0
        handle_id = 0
        if off:
            if off < 4 or off >= 0x8000 or off + 8 > t_size or (pos + off) & 7:
                return None
            handle_id = _U64(buf, pos + off)[0]
        return rid, handle_id, schema
    except Exception:  # noqa: BLE001 - never a verdict of its own: the verifier decides
        return None

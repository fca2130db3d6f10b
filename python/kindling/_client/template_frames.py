"""Whole frames of the most frequent requests — the common transformations (Project, Filter, WithColumns) and the
batched Release of handles — written front to back.

A transformation's frame is the 4-byte length, then a per-op constant prefix (root offset, "KDL1", the Envelope and Transform tables,
already pointing at the op table that follows), then the op table with its expressions' cached pieces
(:func:`kindling.sql._expr_wire.subtree`) copied in. Only the length, the request id and the op's own fields
change per call. The decoded frame is the one the generic builder writes (tests compare them field by field).
"""

from __future__ import annotations

import struct
from typing import Any, Sequence

from .._gen.kindling.protocol.Body import Body
from .._gen.layout import LAYOUT
from .._protocol import forward as fw

_ENVELOPE = fw.Template("Envelope", ["request_id", "body_type", "body"])
_TRANSFORM = fw.Template("Transform", ["op_type", "op"])
_PROJECT = fw.Template("Project", ["input", "exprs"])
_FILTER = fw.Template("Filter", ["input", "condition"])
_WITH_COLUMNS = fw.Template("WithColumns", ["input", "names", "exprs"])
_RELEASE = fw.Template("Release", ["ids"])
_IDENTIFIER = LAYOUT["identifier"].encode()
_HEADER = 8  # root uoffset + file identifier
_REQUEST_ID = 4 + _HEADER + _ENVELOPE.at["request_id"]  # in the frame, after the length prefix


def _prefix(op: fw.Template) -> Any:
    """(frame bytes up to the end of the op table — length slot, header, Envelope, Transform, op — with every
    fixed offset set and the request id 0; the op table's field positions in the frame)."""
    env_at = _HEADER
    tr_at = env_at + _ENVELOPE.size
    op_at = tr_at + _TRANSFORM.size
    buf = bytearray(4 + op_at + op.size)
    p = memoryview(buf)[4:]
    fw.PACK_U32(p, 0, env_at + _ENVELOPE.table)
    p[4:8] = _IDENTIFIER
    p[env_at:tr_at] = _ENVELOPE.blob
    fw.PACK_U8(p, env_at + _ENVELOPE.at["body_type"], Body.Transform)
    body = env_at + _ENVELOPE.at["body"]
    fw.PACK_U32(p, body, tr_at + _TRANSFORM.table - body)
    p[tr_at:op_at] = _TRANSFORM.blob
    fw.PACK_U8(p, tr_at + _TRANSFORM.at["op_type"], fw.union_index("RelationOp", op.name))
    op_field = tr_at + _TRANSFORM.at["op"]
    fw.PACK_U32(p, op_field, op_at + op.table - op_field)
    p[op_at:] = op.blob
    p.release()
    return bytes(buf), {name: 4 + op_at + off for name, off in op.at.items()}


def _release_prefix() -> Any:
    """Length slot + payload up to the end of the Release table (the Envelope pointing at it)."""
    env_at = _HEADER
    rel_at = env_at + _ENVELOPE.size
    buf = bytearray(4 + rel_at + _RELEASE.size)
    p = memoryview(buf)[4:]
    fw.PACK_U32(p, 0, env_at + _ENVELOPE.table)
    p[4:8] = _IDENTIFIER
    p[env_at:rel_at] = _ENVELOPE.blob
    fw.PACK_U8(p, env_at + _ENVELOPE.at["body_type"], Body.Release)
    body = env_at + _ENVELOPE.at["body"]
    fw.PACK_U32(p, body, rel_at + _RELEASE.table - body)
    p[rel_at:] = _RELEASE.blob
    p.release()
    return bytes(buf), 4 + rel_at + _RELEASE.at["ids"]


_P_RELEASE, _AT_RELEASE_IDS = _release_prefix()
_P_PROJECT, _AT_PROJECT = _prefix(_PROJECT)
_P_FILTER, _AT_FILTER = _prefix(_FILTER)
_P_WITH_COLUMNS, _AT_WITH_COLUMNS = _prefix(_WITH_COLUMNS)
_PACK_U32, _PACK_U64, _pad8, _vector_head = fw.PACK_U32, fw.PACK_U64, fw.pad8, fw.vector_head
_subtree: Any = None


def _pieces(exprs: Sequence[Any]) -> list:
    global _subtree
    if _subtree is None:
        # The sql package imports this one (through the client): bound on first use.
        from ..sql._expr_wire import subtree as _subtree
    return [_subtree(e) for e in exprs]


def _vector(buf: bytearray, field: int, pieces: list) -> None:
    """Appends a vector of the pieces' tables and the pieces; points ``field`` (a frame position) at it."""
    vec = len(buf)
    _PACK_U32(buf, field, vec - field)
    pos = _pad8(4 + 4 * len(pieces))
    targets = []
    for p in pieces:
        targets.append(pos + p.root)
        pos += len(p.data)
    buf += _vector_head(targets)
    for p in pieces:
        buf += p.data


def _finish(buf: bytearray, request_id: int, at_input: int, input_id: int) -> bytes:
    _PACK_U32(buf, 0, len(buf) - 4)
    _PACK_U64(buf, _REQUEST_ID, request_id)
    _PACK_U64(buf, at_input, input_id)
    return bytes(buf)


def project(request_id: int, input_id: int, exprs: Sequence[Any]) -> bytes:
    buf = bytearray(_P_PROJECT)
    _vector(buf, _AT_PROJECT["exprs"], _pieces(exprs))
    return _finish(buf, request_id, _AT_PROJECT["input"], input_id)


def filter_op(request_id: int, input_id: int, condition: Any) -> bytes:
    cond = _pieces((condition,))[0]
    buf = bytearray(_P_FILTER)
    field = _AT_FILTER["condition"]
    _PACK_U32(buf, field, len(buf) + cond.root - field)
    buf += cond.data
    return _finish(buf, request_id, _AT_FILTER["input"], input_id)


def with_columns(request_id: int, input_id: int, names: Sequence[str], exprs: Sequence[Any]) -> bytes:
    pieces = _pieces(exprs)
    buf = bytearray(_P_WITH_COLUMNS)
    field = _AT_WITH_COLUMNS["names"]
    _PACK_U32(buf, field, len(buf) - field)
    buf += fw.vector_of_strings(names)
    _vector(buf, _AT_WITH_COLUMNS["exprs"], pieces)
    return _finish(buf, request_id, _AT_WITH_COLUMNS["input"], input_id)


def release(request_id: int, ids: Sequence[int]) -> bytes:
    """Release of handle ``ids``: a vector of u64 whose elements must be 8-aligned, so it starts 4 bytes past
    the (8-aligned) end of the prefix."""
    buf = bytearray(_P_RELEASE)
    vec = len(buf) + 4
    _PACK_U32(buf, _AT_RELEASE_IDS, vec - _AT_RELEASE_IDS)
    buf += struct.pack(f"<4xI{len(ids)}Q", len(ids), *ids)
    _PACK_U32(buf, 0, len(buf) - 4)
    _PACK_U64(buf, _REQUEST_ID, request_id)
    return bytes(buf)

"""Whole frames of the common transformations (Project, Filter, WithColumns), written front to back.

A frame is the 4-byte length, then a per-op constant prefix (root offset, "KDL1", the Envelope and Transform tables,
already pointing at the op table that follows), then the op table with its expressions' cached pieces
(:func:`kindling.sql._expr_wire.subtree`) copied in. Only the length, the request id and the op's own fields
change per call. The decoded frame is the one the generic builder writes (tests compare them field by field).
"""

from __future__ import annotations

from typing import Any, Sequence

from .._gen.kindling.protocol.Body import Body
from .._gen.layout import LAYOUT
from .._protocol import forward as fw

_ENVELOPE = fw.Template("Envelope", ["request_id", "body_type", "body"])
_TRANSFORM = fw.Template("Transform", ["op_type", "op"])
_PROJECT = fw.Template("Project", ["input", "exprs"])
_FILTER = fw.Template("Filter", ["input", "condition"])
_WITH_COLUMNS = fw.Template("WithColumns", ["input", "names", "exprs"])
_IDENTIFIER = LAYOUT["identifier"].encode()
_HEADER = 8  # root uoffset + file identifier
_REQUEST_ID = 4 + _HEADER + _ENVELOPE.at["request_id"]  # in the frame, after the length prefix


def _prefix(op: fw.Template) -> bytes:
    """Length slot + payload up to the op table: every offset fixed, the request id left 0."""
    env_at = _HEADER
    tr_at = env_at + _ENVELOPE.size
    op_at = tr_at + _TRANSFORM.size
    buf = bytearray(4 + op_at)
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
    p.release()
    return bytes(buf)


_PREFIX = {t.name: _prefix(t) for t in (_PROJECT, _FILTER, _WITH_COLUMNS)}


def _frame(request_id: int, op: fw.Subtree, name: str) -> bytes:
    buf = bytearray(_PREFIX[name])
    buf += op.data
    fw.PACK_U32(buf, 0, len(buf) - 4)
    fw.PACK_U64(buf, _REQUEST_ID, request_id)
    return bytes(buf)


def project(request_id: int, input_id: int, exprs: Sequence[Any]) -> bytes:
    from ..sql._expr_wire import subtree

    vec = fw.vector_of_subtrees([subtree(e) for e in exprs])
    op = fw.table(_PROJECT, [("input", fw.PACK_U64, input_id)], [("exprs", vec, 0)])
    return _frame(request_id, op, "Project")


def filter_op(request_id: int, input_id: int, condition: Any) -> bytes:
    from ..sql._expr_wire import subtree

    cond = subtree(condition)
    op = fw.table(_FILTER, [("input", fw.PACK_U64, input_id)], [("condition", cond.data, cond.root)])
    return _frame(request_id, op, "Filter")


def with_columns(request_id: int, input_id: int, names: Sequence[str], exprs: Sequence[Any]) -> bytes:
    from ..sql._expr_wire import subtree

    ns = fw.vector_of_strings(names)
    es = fw.vector_of_subtrees([subtree(e) for e in exprs])
    op = fw.table(_WITH_COLUMNS, [("input", fw.PACK_U64, input_id)], [("names", ns, 0), ("exprs", es, 0)])
    return _frame(request_id, op, "WithColumns")

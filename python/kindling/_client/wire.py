"""The client's one doorway to the protocol package: framed envelopes out, verified envelopes in.

Everything else in ``_client`` goes through these few functions, so the framing/verifier/builders of
:mod:`kindling._protocol` are used in exactly one place.
"""

from __future__ import annotations

import struct
from typing import Any, Callable, Tuple

import flatbuffers

from .._gen.kindling.protocol.Body import Body
from .._gen.layout import LAYOUT
from .._protocol import auth as _auth
from .._protocol import envelope as _builders
from .._protocol import framing as _framing
from .._protocol import verify as _verify
from .._protocol.errors import ProtocolError
from ..errors import SparkConnectionError

MAX_FRAME_BYTES: int = _framing.MAX_FRAME_BYTES

BuildFn = Callable[[flatbuffers.Builder], int]


def frame(request_id: int, body_type: int, build: BuildFn) -> bytes:
    """One framed Envelope (length prefix + payload) around the body `build` writes; requests that can write
    their whole frame from templates (``build.frame``, the common transformations) do."""
    fast = getattr(build, "frame", None)
    if fast is not None:
        return fast(request_id)
    return _framing.encode_frame(_builders.build_envelope(request_id, body_type, build))


def handshake_frame(request_id: int, proof: bytes, client: str) -> bytes:
    return _framing.encode_frame(_builders.handshake(request_id, proof, client))


def _slot(field: str) -> int:
    for f in LAYOUT["tables"][LAYOUT["root"]]["fields"]:
        if f["name"] == field:
            return 4 + 2 * f["slot"]
    raise KeyError(field)


# Envelope fields read straight from a verified buffer (the generated accessors cost ~6 µs per frame).
_REQUEST_ID, _BODY_TYPE, _BODY = _slot("request_id"), _slot("body_type"), _slot("body")
_U64 = struct.Struct("<Q").unpack_from
_U32 = struct.Struct("<I").unpack_from
_U16 = struct.Struct("<H").unpack_from
_I32 = struct.Struct("<i").unpack_from


class HandleAnswer:
    """The body of a DataFrameHandle answer: the handle ``id``, and where its Schema table lies in ``buf`` — not
    verified yet: :func:`handle_schema` verifies it on first read."""

    __slots__ = ("id", "buf", "schema_pos")

    def __init__(self, handle_id: int, buf: bytes, schema_pos: int) -> None:
        self.id = handle_id
        self.buf = buf
        self.schema_pos = schema_pos


_HANDLE = Body.DataFrameHandle


def parse(payload: bytes) -> Tuple[int, int, Any]:
    """Verifies one received payload and returns (request_id, body type, body table as its generated class; a
    DataFrameHandle as a :class:`HandleAnswer`).

    The verification is lazy: a DataFrameHandle's Schema is checked by :func:`handle_schema` when first read.
    """
    got = _verify.handle_answer(payload)
    if got is not None:  # the answer of every transformation, checked without the generic walk
        return got[0], _HANDLE, HandleAnswer(got[1], payload, got[2])
    err = _verify.verify_envelope(payload, lazy=True)
    if err is not None:
        raise SparkConnectionError(f"The engine sent a malformed frame: Malformed frame: {err}",
                                   "PROTOCOL_MALFORMED_FRAME")
    # Verified: the root table, its vtable and every field below lie in bounds.
    root = _U32(payload, 0)[0]
    vt = root - _I32(payload, root)[0]
    vt_size = _U16(payload, vt)[0]

    def field(voff: int) -> int:
        if voff >= vt_size:
            return 0
        off = _U16(payload, vt + voff)[0]
        return root + off if off else 0

    at = field(_REQUEST_ID)
    request_id = _U64(payload, at)[0] if at else 0
    at = field(_BODY_TYPE)
    body_type = payload[at] if at else 0
    if body_type == 0:
        return request_id, 0, None
    at = field(_BODY)
    members = LAYOUT["unions"]["Body"]
    if not at or body_type >= len(members):
        raise SparkConnectionError("The engine sent a malformed frame: Envelope.body is missing or of an unknown type.",
                                   "PROTOCOL_MALFORMED_FRAME")
    body = _builders.table_class(members[body_type])()
    body.Init(payload, at + _U32(payload, at)[0])
    if body_type == _HANDLE:
        return request_id, body_type, HandleAnswer(body.Id(), payload, body.Schema()._tab.Pos)
    return request_id, body_type, body


# The depth verify_envelope gives a DataFrameHandle's Schema: Envelope 1, its body 2, the Schema 3.
_HANDLE_SCHEMA_DEPTH = 3


def handle_schema(answer: HandleAnswer) -> Any:
    """The Schema table of a DataFrameHandle answer, verified now (``parse`` left it out)."""
    err = _verify.verify_table(answer.buf, answer.schema_pos, "Schema", _HANDLE_SCHEMA_DEPTH)
    if err is not None:
        raise SparkConnectionError(f"The engine sent a malformed frame: Malformed frame: DataFrameHandle.schema > {err}",
                                   "PROTOCOL_MALFORMED_FRAME")
    schema = _builders.table_class("Schema")()
    schema.Init(answer.buf, answer.schema_pos)
    return schema


def new_secret() -> bytes:
    return _auth.new_secret()


def proof_for(secret: bytes, nonce: bytes) -> bytes:
    return _auth.proof_for(secret, nonce)


BODY_NAMES = {v: k for k, v in vars(Body).items() if not k.startswith("_") and isinstance(v, int)}

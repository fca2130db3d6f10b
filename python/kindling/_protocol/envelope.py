"""Builders of Envelope frames (request id + Body union) and body_of, which opens an Envelope's body as its class."""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping, Optional, Tuple

import flatbuffers

from kindling._gen.kindling.protocol import Ack as _Ack
from kindling._gen.kindling.protocol import Envelope as _Envelope
from kindling._gen.kindling.protocol import Error as _Error
from kindling._gen.kindling.protocol import Handshake as _Handshake
from kindling._gen.kindling.protocol import Hello as _Hello
from kindling._gen.kindling.protocol import KeyValue as _KeyValue
from kindling._gen.kindling.protocol.Body import Body
from kindling._gen.layout import LAYOUT

from .errors import ProtocolError

#: The protocol version both sides announce in Hello / Handshake.
PROTOCOL_VERSION = 1
#: The FlatBuffers file identifier every Envelope carries.
FILE_IDENTIFIER: bytes = LAYOUT["identifier"].encode()


def build_envelope(request_id: int, body_type: int, build_fn: Callable[[flatbuffers.Builder], int],
                   size_hint: int = 256) -> bytes:
    """Builds one Envelope payload (not yet framed).

    ``build_fn`` writes the body table into the builder and returns its offset; the buffer is finished with the
    "KDL1" identifier.
    """
    # Sized for the payload up front: growing by doubling copies a large byte vector many times.
    b = flatbuffers.Builder(size_hint)
    body = build_fn(b)
    _Envelope.Start(b)
    _Envelope.AddRequestId(b, request_id)
    _Envelope.AddBodyType(b, body_type)
    _Envelope.AddBody(b, body)
    b.Finish(_Envelope.End(b), file_identifier=FILE_IDENTIFIER)
    return bytes(b.Output())


def handshake(request_id: int, proof: bytes, client: str) -> bytes:
    """The client's answer to Hello: ``proof`` = HMAC-SHA256(secret, nonce)."""

    def build(b: flatbuffers.Builder) -> int:
        p = b.CreateByteVector(bytes(proof))
        c = b.CreateString(client)
        _Handshake.Start(b)
        _Handshake.AddProof(b, p)
        _Handshake.AddClient(b, c)
        _Handshake.AddProtocolVersion(b, PROTOCOL_VERSION)
        return _Handshake.End(b)

    return build_envelope(request_id, Body.Handshake, build)


def hello(nonce: bytes, engine_version: str) -> bytes:
    """The engine's first frame (request id 0); used by tests and fake engines."""

    def build(b: flatbuffers.Builder) -> int:
        n = b.CreateByteVector(bytes(nonce))
        v = b.CreateString(engine_version)
        _Hello.Start(b)
        _Hello.AddNonce(b, n)
        _Hello.AddProtocolVersion(b, PROTOCOL_VERSION)
        _Hello.AddEngineVersion(b, v)
        return _Hello.End(b)

    return build_envelope(0, Body.Hello, build)


def ack(request_id: int) -> bytes:
    def build(b: flatbuffers.Builder) -> int:
        _Ack.Start(b)
        return _Ack.End(b)

    return build_envelope(request_id, Body.Ack, build)


def error_response(
    request_id: int, kind: int, error_class: str, message: str, params: Optional[Mapping[str, str]] = None
) -> bytes:
    """An Error response; ``params`` become its ``parameters`` key/value list, in order."""

    def build(b: flatbuffers.Builder) -> int:
        kvs = []
        for k, v in (params or {}).items():
            ko, vo = b.CreateString(k), b.CreateString(v)
            _KeyValue.Start(b)
            _KeyValue.AddKey(b, ko)
            _KeyValue.AddValue(b, vo)
            kvs.append(_KeyValue.End(b))
        vec = 0
        if kvs:
            _Error.StartParametersVector(b, len(kvs))
            for o in reversed(kvs):
                b.PrependUOffsetTRelative(o)
            vec = b.EndVector()
        cls, msg = b.CreateString(error_class), b.CreateString(message)
        _Error.Start(b)
        _Error.AddKind(b, kind)
        _Error.AddErrorClass(b, cls)
        _Error.AddMessage(b, msg)
        if vec:
            _Error.AddParameters(b, vec)
        return _Error.End(b)

    return build_envelope(request_id, Body.Error, build)


_CLASSES: dict = {}


def table_class(name: str) -> Any:
    """The generated class of a table by name (``kindling._gen.kindling.protocol.<name>.<name>``)."""
    cls = _CLASSES.get(name)
    if cls is None:
        cls = getattr(importlib.import_module(f"kindling._gen.kindling.protocol.{name}"), name)
        _CLASSES[name] = cls
    return cls


def union_member(union: str, type_: int, table: Any) -> Any:
    """Initialises the flatbuffers Table a union accessor returned as the generated class of member ``type_``."""
    members = LAYOUT["unions"][union]
    if type_ == 0 or table is None:
        return None
    if type_ >= len(members):
        raise ProtocolError("PROTOCOL_MALFORMED_FRAME", f"Malformed frame: unknown {union} type {type_}")
    obj = table_class(members[type_])()
    obj.Init(table.Bytes, table.Pos)
    return obj


def body_of(env: Any) -> Tuple[int, Any]:
    """(body type, body table as its generated class) of a verified Envelope; (0, None) for NONE."""
    t = env.BodyType()
    if t == 0:
        return 0, None
    obj = union_member("Body", t, env.Body())
    if obj is None:
        raise ProtocolError("PROTOCOL_MALFORMED_FRAME", "Malformed frame: Envelope.body: value is missing")
    return t, obj


def body_name(type_: int) -> str:
    """The Body member name of a type index ("NONE" for 0, "unknown(N)" when out of range)."""
    members = LAYOUT["unions"]["Body"]
    if type_ == 0:
        return "NONE"
    return members[type_] if 0 < type_ < len(members) else f"unknown({type_})"

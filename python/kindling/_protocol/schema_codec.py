"""Converts between plain schema tuples and the protocol's Schema / DataType tables.

A schema is a list of ``(name, type_dict, nullable)``; a type_dict is ``{"kind": "int64"}`` or, for arrays,
``{"kind": "array", "element": {...}, "containsNull": True}``. Kinds: boolean, int32, int64, float64, string,
date, timestamp, null, array (as in @kindling/core).
"""

from __future__ import annotations

from typing import Any, Iterable, List, Tuple

import flatbuffers

from kindling._gen.kindling.protocol import DataType as _DataType
from kindling._gen.kindling.protocol import Field as _Field
from kindling._gen.kindling.protocol import Schema as _Schema
from kindling._gen.kindling.protocol.TypeKind import TypeKind

from .errors import ProtocolError

_TO_KIND = {
    "null": TypeKind.Null,
    "boolean": TypeKind.Boolean,
    "int32": TypeKind.Int32,
    "int64": TypeKind.Int64,
    "float64": TypeKind.Float64,
    "string": TypeKind.String,
    "date": TypeKind.Date,
    "timestamp": TypeKind.Timestamp,
    "array": TypeKind.Array,
}
_FROM_KIND = {v: k for k, v in _TO_KIND.items()}

SchemaField = Tuple[str, dict, bool]


def encode_data_type(builder: flatbuffers.Builder, type_dict: dict) -> int:
    """Writes a DataType table (recursively for arrays) and returns its offset."""
    kind = type_dict.get("kind")
    if kind not in _TO_KIND:
        raise ValueError(f"Unknown data type kind {kind!r}")
    element = encode_data_type(builder, type_dict["element"]) if kind == "array" else 0
    _DataType.Start(builder)
    _DataType.AddKind(builder, _TO_KIND[kind])
    if kind == "array":
        _DataType.AddElement(builder, element)
        _DataType.AddContainsNull(builder, bool(type_dict.get("containsNull", True)))
    return _DataType.End(builder)


def encode_schema(builder: flatbuffers.Builder, fields: Iterable[SchemaField]) -> int:
    """Writes a Schema table holding ``fields`` (``(name, type_dict, nullable)``) in order; returns its offset."""
    offsets = []
    for name, type_dict, nullable in fields:
        n = builder.CreateString(name)
        t = encode_data_type(builder, type_dict)
        _Field.Start(builder)
        _Field.AddName(builder, n)
        _Field.AddType(builder, t)
        _Field.AddNullable(builder, bool(nullable))
        offsets.append(_Field.End(builder))
    _Schema.StartFieldsVector(builder, len(offsets))
    for o in reversed(offsets):
        builder.PrependUOffsetTRelative(o)
    vec = builder.EndVector()
    _Schema.Start(builder)
    _Schema.AddFields(builder, vec)
    return _Schema.End(builder)


def _malformed(message: str) -> ProtocolError:
    return ProtocolError("PROTOCOL_MALFORMED_FRAME", message)


def decode_data_type(t: Any, where: str = "DataType") -> dict:
    """Reads a DataType table into a type_dict."""
    kind = _FROM_KIND.get(t.Kind())
    if kind is None:
        raise _malformed(f"{where}: unknown TypeKind {t.Kind()}")
    if kind != "array":
        return {"kind": kind}
    element = t.Element()
    if element is None:
        raise _malformed(f"{where}: an Array type needs an element type")
    return {"kind": "array", "element": decode_data_type(element, f"{where}.element"), "containsNull": bool(t.ContainsNull())}


def decode_schema(fb_schema: Any) -> List[SchemaField]:
    """Reads a Schema table into a list of ``(name, type_dict, nullable)``."""
    out: List[SchemaField] = []
    for i in range(fb_schema.FieldsLength()):
        f = fb_schema.Fields(i)
        name = f.Name() if f is not None else None
        t = f.Type() if f is not None else None
        if name is None or t is None:
            raise _malformed(f"Schema.fields[{i}]: a field needs a name and a type")
        name = name.decode("utf-8")
        out.append((name, decode_data_type(t, f"Schema.fields[{i}] ({name}).type"), bool(f.Nullable())))
    return out
